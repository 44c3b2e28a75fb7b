/**
 * The monthly repayment report, ready to fill: one row per loan Kiva expects a repayment for, the amount left
 * empty. Its headers are the ones src/sheet recognises as a repayments sheet.
 */
import type { PartnerLoan } from '../kiva';
import type { MessageLanguage } from '../sheet';
import { appCatalogue } from './messages';
import type { SheetTable } from './ports';

export interface RepaymentsTemplate {
  table: SheetTable;
  /** Rows written. */
  loans: number;
  /** Loans Kiva listed without an internal loan id: they cannot be reported through the API. */
  withoutLoanId: number;
}

export function repaymentsTemplate(loans: readonly PartnerLoan[], lang: MessageLanguage): RepaymentsTemplate {
  const text = appCatalogue(lang);
  const rows: (string | number | null)[][] = [['loan_id', 'client_id', text.borrowerName, 'amount']];
  // A loan listed under two statuses (or on two pages while Kiva's data moved) must not become a duplicate row:
  // the sheet core would refuse both.
  const seen = new Set<string>();
  let withoutLoanId = 0;
  for (const loan of loans) {
    const loanId = loan.internal_loan_id?.trim() ?? '';
    if (loanId === '') {
      withoutLoanId++;
      continue;
    }
    if (seen.has(loanId)) continue;
    seen.add(loanId);
    rows.push([loanId, loan.internal_client_id?.trim() || null, loan.name?.trim() || null, null]);
  }
  return {
    table: { name: text.templateSheet, rows, textColumns: [0, 1], widths: [16, 16, 32, 12] },
    loans: rows.length - 1,
    withoutLoanId,
  };
}
