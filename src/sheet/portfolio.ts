/**
 * recognition: the portfolio check — repayments and journal updates against the loans Kiva lists for the partner,
 * before anything is sent. Pure: the list comes in as data (src/app fetches it through a port), and loan ids are
 * compared the way src/kiva matches Kiva's per-loan problems (leading zeros and case do not count).
 */
import type { ListedLoan } from '../kiva/models';
import { loanIdKey } from '../kiva/repayments';
import type { FieldName } from './fields';
import type { IssueParam } from './issues';
import { fold } from './normalise';
import type { SheetReader } from './sheet-reader';

/**
 * The sheet the `loans` command and the pane's Import loans write beside the template: every loan Kiva lists for
 * the partner (id, client id, status) and when it was read, so the check can run when Kiva cannot be reached. One
 * fixed name is written whatever the user's language, so that any face finds it again.
 */
export const KIVA_LOANS_SHEET = 'Kiva loans';

/** Names it is found by when read back: the one written, and the same words in Spanish and French. */
export const KIVA_LOANS_SHEET_NAMES: readonly string[] = [KIVA_LOANS_SHEET, 'Préstamos Kiva', 'Prêts Kiva'];

const KIVA_LOANS_KEYS = new Set(KIVA_LOANS_SHEET_NAMES.map(fold));

/**
 * Whether a sheet is the Kiva loans sheet (case, accents and spacing aside): it is never read as a repayment report
 * or loan drafts, and never sent.
 */
export function isKivaLoansSheet(sheet: string): boolean {
  return KIVA_LOANS_KEYS.has(fold(sheet));
}

/** One loan as the check needs it: what GET /loans says of it. */
export interface PortfolioLoan {
  loanId: string;
  /** Absent when Kiva did not say (kept as a property: one object shape for every loan, fast to build). */
  clientId: string | undefined;
  /** Kiva's status, as Kiva spells it (`payingBack`, `ended`, `refunded`…). */
  status: string;
}

/** The partner's loans, indexed by loan id key. */
export interface Portfolio {
  readonly loans: ReadonlyMap<string, PortfolioLoan>;
  /** Loans Kiva listed (before de-duplication): the count said in the run's notice. */
  readonly listed: number;
  /**
   * Set when the list came from the Kiva loans sheet, not from Kiva: every finding then says so and when the
   * sheet was read (`readOn`, `YYYY-MM-DD` in the user's time), for a list can be out of date.
   */
  readonly fromSheet?: { sheet: string; readOn: string };
  /**
   * Set when only the statuses that take repayments were read (REPAYING_STATUSES: the run's first read, which
   * answers almost every row of a report). A row whose loan is not among them is not blamed, since it may be
   * ended or refunded rather than unknown: its key is noted here, and src/app reads the other statuses and checks
   * again. Absent: the list is whole, and a loan not in it is one Kiva does not list.
   */
  readonly missed?: Set<string>;
}

/**
 * The statuses Kiva takes repayments for (`REPAYABLE_STATUSES` in src/app, the emulator's rule): a run reads these
 * first, the others only for a row whose loan is not among them.
 */
export const REPAYING_STATUSES: readonly string[] = ['payingBack', 'defaulted'];

/** Any loan-like record (src/kiva's, read lean from GET /loans): src/kiva's PartnerLoan fits too. */
export type { ListedLoan } from '../kiva/models';

/**
 * Builds the index. A loan listed twice (under two statuses, or on two pages while Kiva's data moved) keeps the
 * status that still takes repayments: a row is never refused on the staler of two answers.
 */
export function portfolioOf(listed: Iterable<ListedLoan>, fromSheet?: Portfolio['fromSheet']): Portfolio {
  return { ...indexOf(listed), ...(fromSheet === undefined ? {} : { fromSheet }) };
}

/** The index of the loans Kiva lists under REPAYING_STATUSES only: see Portfolio's `missed`. */
export function repayingPortfolioOf(listed: Iterable<ListedLoan>): Portfolio {
  return { ...indexOf(listed), missed: new Set() };
}

function indexOf(listed: Iterable<ListedLoan>): Pick<Portfolio, 'loans' | 'listed'> {
  const loans = new Map<string, PortfolioLoan>();
  let count = 0;
  for (const loan of listed) {
    count++;
    const loanId = loan.internal_loan_id?.trim();
    if (loanId === undefined || loanId === '') continue;
    const key = loanIdKey(loanId);
    const status = loan.status?.trim() || 'unknown';
    const before = loans.get(key);
    if (before !== undefined && REPAYING_STATUSES.includes(before.status)) continue;
    const clientId = loan.internal_client_id?.trim() || undefined;
    loans.set(key, { loanId, status, clientId });
  }
  return { loans, listed: count };
}

/** Whether two client ids are the same for Kiva: compared like loan ids. */
function sameId(a: string, b: string): boolean {
  return a === b || loanIdKey(a) === loanIdKey(b);
}

export interface PortfolioFields {
  loan: FieldName;
  client: FieldName;
  /** Repayments also warn on a loan that is not paying back; journals do not (ended loans take journals). */
  repaying: boolean;
}

/**
 * Checks one row (the reader's current row) whose loan id (and client id, three-column partners) were read.
 * Unknown loan: error at the loan id cell (Kiva would refuse it). Loan not paying back, or spelt otherwise than
 * Kiva spells it (zeros Excel dropped, another case): warning there. Client id
 * that is not the loan's: error at the client id cell.
 */
export function checkRow(
  reader: SheetReader,
  portfolio: Portfolio,
  index: number,
  fields: PortfolioFields,
  loanId: string,
  clientId: string | undefined,
): void {
  const key = loanIdKey(loanId);
  const loan = portfolio.loans.get(key);
  if (loan === undefined && portfolio.missed !== undefined) {
    // Ended, refunded or unknown: only the whole list can tell, and this conversion is done again with it.
    portfolio.missed.add(key);
    reader.at(index);
    return;
  }
  // Offline: each message ends by naming the sheet and its date (formatMessage adds the sentence).
  const from = portfolio.fromSheet;
  const source: Record<string, IssueParam> =
    from === undefined ? {} : { listSheet: from.sheet, listReadOn: from.readOn };
  if (loan === undefined) {
    reader.reportAt(index, fields.loan, 'loan-not-listed', 'error', { value: loanId, ...source });
  } else {
    // Matched the way src/kiva matches Kiva's answers; whether Kiva also finds it spelt so is not known.
    if (loan.loanId !== loanId.trim()) {
      reader.reportAt(index, fields.loan, 'loan-id-spelling', 'warning', {
        value: loanId,
        expected: loan.loanId,
        ...source,
      });
    }
    if (fields.repaying && !REPAYING_STATUSES.includes(loan.status)) {
      reader.reportAt(index, fields.loan, 'loan-not-repaying', 'warning', {
        value: loanId,
        status: loan.status,
        ...source,
      });
    }
    if (clientId !== undefined && loan.clientId !== undefined && !sameId(clientId, loan.clientId)) {
      reader.reportAt(index, fields.client, 'client-id-mismatch', 'error', {
        value: clientId,
        loan: loanId,
        expected: loan.clientId,
        ...source,
      });
    }
  }
  reader.at(index);
}
