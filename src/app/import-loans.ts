/** Import loans: every loan Kiva expects a repayment for, as a repayments sheet ready to fill (the monthly report). */
import type { LoanStatus } from '../kiva';
import type { MessageLanguage } from '../sheet';
import { ok, type AppResult } from './errors';
import type { KivaPort, WorkbookPort } from './ports';
import { repaymentsTemplate } from './repayments-template';

export const REPAYABLE_STATUSES: readonly LoanStatus[] = ['payingBack', 'defaulted'];

export interface ImportLoansInput {
  /** Default: payingBack and defaulted, the loans a repayment report covers. */
  statuses?: readonly LoanStatus[];
  /** Anything PA2's search bar takes: a name, a loan id, a client id. */
  query?: string;
  language?: MessageLanguage;
  /** The partner reports with client ids: the template gets a client id column. */
  threeColumn?: boolean;
  signal?: AbortSignal;
}

export interface ImportLoansReport {
  /** The sheet written (a new one: an existing sheet of that name is never overwritten). */
  sheet: string;
  loans: number;
  withoutLoanId: number;
}

export async function importLoans(
  ports: { workbook: WorkbookPort; kiva: KivaPort },
  input: ImportLoansInput = {},
): Promise<AppResult<ImportLoansReport>> {
  const statuses = input.statuses !== undefined && input.statuses.length > 0 ? input.statuses : REPAYABLE_STATUSES;
  const query = input.query?.trim();
  const loans = await ports.kiva.getAllLoans(
    { statuses, ...(query !== undefined && query !== '' ? { query } : {}) },
    input.signal,
  );
  if (!loans.ok) return loans;
  const template = repaymentsTemplate(loans.value, input.language ?? 'en', input.threeColumn === true);
  const written = await ports.workbook.writeSheet(template.table, 'new');
  if (!written.ok) return written;
  return ok({ sheet: written.value.sheet, loans: template.loans, withoutLoanId: template.withoutLoanId });
}
