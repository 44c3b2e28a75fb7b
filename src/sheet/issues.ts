/** Problems found in a sheet: values with a code and parameters, worded only at the face (see messages/). */
import type { FieldName } from './fields';

export type Severity = 'error' | 'warning';

export type IssueCode =
  | 'sheet-empty'
  | 'kind-unknown'
  | 'kind-ask'
  | 'column-missing'
  | 'column-duplicate'
  | 'column-ignored'
  | 'excel-error'
  | 'unreadable-cell'
  | 'required-missing'
  | 'recommended-missing'
  | 'expected-text'
  | 'text-too-long'
  | 'text-very-long'
  | 'formula-like-text'
  | 'id-not-integer'
  | 'id-precision-lost'
  | 'not-a-number'
  | 'number-ambiguous'
  | 'number-wrong-separator'
  | 'too-many-decimals'
  | 'number-too-large'
  | 'amount-not-positive'
  | 'repayment-zero'
  | 'publish-column-missing'
  | 'publish-column-guess'
  | 'waiver-not-given'
  | 'schedule-missing'
  | 'schedule-sheet-missing'
  | 'amount-publish-minimum'
  | 'disburse-date-near-limit'
  | 'amount-negative'
  | 'gender-not-given'
  | 'number-negative'
  | 'date-format'
  | 'date-invalid'
  | 'date-fictitious'
  | 'date-out-of-range'
  | 'date-from-number'
  | 'disburse-date-window'
  | 'yesno-invalid'
  | 'gender-invalid'
  | 'gender-ambiguous'
  | 'duplicate-loan-id'
  | 'group-inconsistent'
  | 'group-field-ignored'
  | 'group-incomplete'
  | 'group-single-borrower'
  | 'lookup-unknown'
  | 'lookup-ambiguous'
  | 'lookup-lists-missing'
  | 'currency-unknown'
  | 'photo-error'
  | 'photo-invalid'
  | 'url-invalid'
  | 'journal-subject-missing'
  | 'schedule-orphan'
  | 'schedule-duplicate-date'
  | 'schedule-empty-instalment'
  | 'schedule-sum-mismatch'
  // recognition: the portfolio check (portfolio.ts).
  | 'loan-not-listed'
  | 'loan-not-repaying'
  | 'loan-id-spelling'
  | 'client-id-mismatch';

export type IssueParam = string | number | readonly string[];

export interface Issue {
  sheet: string;
  /** 1-based Excel row number. */
  row: number;
  /** Column letters (`F`). */
  column: string;
  /** The field the cell was read as, when it was. */
  field?: FieldName;
  code: IssueCode;
  severity: Severity;
  /** JSON-safe values interpolated into the message (`{header}`, `{value}`, `{choices}`…). */
  params: Record<string, IssueParam>;
}
