/**
 * Import loans: every loan Kiva expects a repayment for, as a repayments sheet ready to fill (the monthly report),
 * and beside it the `Kiva loans` sheet — every loan of every status with the time it was read — which the
 * portfolio check reads when Kiva cannot be reached (kiva-loans-sheet.ts).
 */
import { LOAN_STATUSES, type LoanStatus, type PartnerLoan } from '../kiva';
import type { MessageLanguage } from '../sheet';
import { ok, type AppResult } from './errors';
import { kivaLoansTable } from './kiva-loans-sheet';
import type { Clock, KivaPort, WorkbookPort } from './ports';
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
  /**
   * Also write the `Kiva loans` sheet (default). Off where the file holds one sheet only (a CSV): then only the
   * template's loans are read.
   */
  kivaLoansSheet?: boolean;
  /** When the loans were read, kept in the Kiva loans sheet (default: the system clock). */
  clock?: Pick<Clock, 'now'>;
  signal?: AbortSignal;
}

export interface ImportLoansReport {
  /** The sheet written (a new one: an existing sheet of that name is never overwritten). */
  sheet: string;
  loans: number;
  withoutLoanId: number;
  /** The Kiva loans sheet written (replaced when there was one), and the loans it lists. */
  kivaLoans?: { sheet: string; loans: number };
}

export async function importLoans(
  ports: { workbook: WorkbookPort; kiva: KivaPort },
  input: ImportLoansInput = {},
): Promise<AppResult<ImportLoansReport>> {
  const statuses = input.statuses !== undefined && input.statuses.length > 0 ? input.statuses : REPAYABLE_STATUSES;
  const query = input.query?.trim();
  const searched = query !== undefined && query !== '';
  const withSheet = input.kivaLoansSheet !== false;

  // One paged read of every status serves both sheets; a search (PA2's, not ours to imitate) is read on its own.
  let every: PartnerLoan[] | undefined;
  let readAt = 0;
  if (withSheet) {
    const all = await ports.kiva.getAllLoans({ statuses: LOAN_STATUSES }, input.signal);
    if (!all.ok) return all;
    every = all.value;
    readAt = (input.clock ?? Date).now();
  }
  let wanted: readonly PartnerLoan[];
  if (every !== undefined && !searched) {
    const asked = new Set<string>(statuses);
    wanted = every.filter((loan) => loan.status !== undefined && asked.has(loan.status));
  } else {
    const loans = await ports.kiva.getAllLoans({ statuses, ...(searched ? { query } : {}) }, input.signal);
    if (!loans.ok) return loans;
    wanted = loans.value;
  }

  const template = repaymentsTemplate(wanted, input.language ?? 'en', input.threeColumn === true);
  // The template first: it is what was asked for (and where the pane leaves the user).
  const written = await ports.workbook.writeSheet(template.table, 'new');
  if (!written.ok) return written;
  const report: ImportLoansReport = {
    sheet: written.value.sheet,
    loans: template.loans,
    withoutLoanId: template.withoutLoanId,
  };
  if (every === undefined) return ok(report);
  const table = kivaLoansTable(every, readAt);
  const kept = await ports.workbook.writeSheet(table, 'replace');
  if (!kept.ok) return kept;
  return ok({ ...report, kivaLoans: { sheet: kept.value.sheet, loans: table.rows.length - 1 } });
}
