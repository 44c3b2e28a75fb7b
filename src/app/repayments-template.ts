/**
 * The monthly repayment report, ready to fill: one row per loan Kiva expects a repayment for, the amount left
 * empty (an empty amount is "no repayment this period", so a first check gives no error). Headers in the user's
 * language, all recognised by src/sheet as a repayment report; a client id column only for three-column partners.
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

export function repaymentsTemplate(
  loans: readonly PartnerLoan[],
  lang: MessageLanguage,
  threeColumn = false,
): RepaymentsTemplate {
  const text = appCatalogue(lang);
  const h = text.templateHeaders;
  const rows: (string | number | null)[][] = [
    threeColumn ? [h.loanId, h.clientId, text.borrowerName, h.amount] : [h.loanId, text.borrowerName, h.amount],
  ];
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
    const name = loan.name?.trim() || null;
    rows.push(threeColumn ? [loanId, loan.internal_client_id?.trim() || null, name, null] : [loanId, name, null]);
  }
  return {
    table: {
      name: text.templateSheet,
      rows,
      textColumns: threeColumn ? [0, 1] : [0],
      widths: threeColumn ? [16, 16, 32, 12] : [16, 32, 12],
    },
    loans: rows.length - 1,
    withoutLoanId,
  };
}
