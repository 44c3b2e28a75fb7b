/**
 * recognition: where the portfolio check gets the partner's loans. The check itself is src/sheet's (portfolio.ts,
 * pure); this port fetches the list at most once per run and says when it was read: first every page of the
 * statuses that take repayments (REPAYING_STATUSES), which answer almost every row; the other statuses only when
 * some row's loan is not among them — only the whole list tells a loan Kiva does not list at all from one that
 * ended or was refunded. When Kiva cannot be reached, the workbook's `Kiva loans` sheet stands in
 * (kiva-loans-sheet.ts).
 */
import { LOAN_STATUSES, type LoanStatus } from '../kiva';
import {
  formatStamp,
  isKivaLoansSheet,
  KIVA_LOANS_SHEET_NAMES,
  portfolioOf,
  REPAYING_STATUSES,
  repayingPortfolioOf,
  type CellGrid,
  type ListedLoan,
  type Portfolio,
} from '../sheet';
import { ok, type AppResult } from './errors';
import { KIVA_LOANS_MAX_AGE_DAYS, readKivaLoansSheet } from './kiva-loans-sheet';
import { formatAppError, type Notice } from './messages';
import type { Clock, KivaPort, WorkbookSnapshot } from './ports';

export interface PortfolioList {
  /** What the check reads of each loan: a run keeps 150,000 of these, not Kiva's whole answer for each. */
  loans: readonly ListedLoan[];
  /** Epoch milliseconds when Kiva answered. */
  readAt: number;
}

/** The partner's loans for one run. A run asks once per set of statuses; an adapter may cache. */
export interface PortfolioPort {
  /** The loans Kiva lists under these statuses (every status it knows when not said). */
  loans(signal?: AbortSignal, statuses?: readonly LoanStatus[]): Promise<AppResult<PortfolioList>>;
}

/** The statuses a run reads first, and the ones it reads only for a row whose loan is not among those. */
export const REPAYING: readonly LoanStatus[] = LOAN_STATUSES.filter((s) => REPAYING_STATUSES.includes(s));
export const NOT_REPAYING: readonly LoanStatus[] = LOAN_STATUSES.filter((s) => !REPAYING_STATUSES.includes(s));

/**
 * The loans through the Kiva port the run already has (src/kiva in the CLI, our server in the pane). Each answer
 * is kept for the life of this object: a face makes one per run, so validate and send each read once and never
 * reuse a list from another run.
 */
export function kivaPortfolio(
  kiva: Pick<KivaPort, 'getAllLoans' | 'listLoans'>,
  clock: Pick<Clock, 'now'>,
): PortfolioPort {
  const cached = new Map<string, Promise<AppResult<PortfolioList>>>();
  return {
    loans(signal, statuses = LOAN_STATUSES) {
      const key = statuses.join(',');
      let answer = cached.get(key);
      if (answer === undefined) {
        answer = listed(kiva, statuses, signal).then((read) => {
          if (!read.ok) {
            cached.delete(key);
            return read;
          }
          return ok({ loans: read.value, readAt: clock.now() });
        });
        cached.set(key, answer);
      }
      return answer;
    },
  };
}

/**
 * The loans of these statuses, three fields each: through the port's lean list when it has one (src/kiva keeps
 * nothing else of a page), else its whole loans, cut down as soon as they arrive.
 */
async function listed(
  kiva: Pick<KivaPort, 'getAllLoans' | 'listLoans'>,
  statuses: readonly LoanStatus[],
  signal: AbortSignal | undefined,
): Promise<AppResult<readonly ListedLoan[]>> {
  if (kiva.listLoans !== undefined) return kiva.listLoans({ statuses }, signal);
  const answer = await kiva.getAllLoans({ statuses }, signal);
  if (!answer.ok) return answer;
  return ok(
    answer.value.map(({ internal_loan_id, internal_client_id, status }): ListedLoan => ({
      internal_loan_id,
      internal_client_id,
      status,
    })),
  );
}

const DAY_MS = 86_400_000;

/** The Kiva loans sheet under any of its names, read on its own (see portfolioForRun's `readSheet`). */
async function hiddenKivaLoans(
  readSheet: ((sheet: string) => Promise<CellGrid | undefined>) | undefined,
): Promise<CellGrid | undefined> {
  if (readSheet === undefined) return undefined;
  for (const name of KIVA_LOANS_SHEET_NAMES) {
    const grid = await readSheet(name);
    if (grid !== undefined) return grid;
  }
  return undefined;
}

/** The list the rows are checked against (none: not checked), and the run's notices about it. */
export interface PortfolioForRun {
  portfolio?: Portfolio;
  notices: Notice[];
  /**
   * With a list of the REPAYING statuses only (the portfolio's `missed` is set): the whole list, the other statuses
   * read now, for when some row's loan was not among them; Kiva out of reach by then, the same fallback as at first.
   */
  whole?: () => Promise<AppResult<PortfolioForRun>>;
}

/**
 * The list a run checks against, and what its notices say of it: Kiva's loans that take repayments (`whole` reads
 * the rest when a row needs them); Kiva out of reach (or no credentials), the snapshot's Kiva loans sheet, said once
 * here (with a warning past KIVA_LOANS_MAX_AGE_DAYS) and in every finding; a damaged sheet, or none, one notice and
 * no list (no row blamed). A cancelled run stops.
 */
export async function portfolioForRun(
  port: PortfolioPort,
  snapshot: Pick<WorkbookSnapshot, 'sheets'>,
  run: PortfolioRun,
): Promise<AppResult<PortfolioForRun>> {
  const first = await port.loans(run.signal, REPAYING);
  if (!first.ok) return fallback(first, snapshot, run);
  const repaying = first.value;
  const portfolio = repayingPortfolioOf(repaying.loans);
  const notice: Notice = {
    code: 'portfolio-checked-repaying',
    params: { loans: portfolio.loans.size, time: stampOf(run, repaying.readAt) },
  };
  const whole = async (): Promise<AppResult<PortfolioForRun>> => {
    const rest = await port.loans(run.signal, NOT_REPAYING);
    if (!rest.ok) return fallback(rest, snapshot, run);
    // The repaying loans first: a loan listed under both keeps the status that takes repayments either way.
    const all = portfolioOf(repaying.loans.concat(rest.value.loans));
    const time = stampOf(run, Math.min(repaying.readAt, rest.value.readAt));
    return ok({ portfolio: all, notices: [{ code: 'portfolio-checked', params: { loans: all.loans.size, time } }] });
  };
  return ok({ portfolio, notices: [notice], whole });
}

interface PortfolioRun {
  clock: Clock;
  language: string;
  signal?: AbortSignal | undefined;
  /**
   * Reads one sheet by name, when the run's read may have left the Kiva loans sheet out: the command line's
   * whole-workbook read skips hidden sheets. Only asked when Kiva cannot be reached.
   */
  readSheet?: ((sheet: string) => Promise<CellGrid | undefined>) | undefined;
}

function stampOf(run: PortfolioRun, time: number): string {
  return formatStamp(time, run.clock.utcOffsetMinutes(time));
}

/** Kiva could not be read: the Kiva loans sheet, else one notice and no list. A cancelled run stops. */
async function fallback(
  answer: Extract<AppResult<PortfolioList>, { ok: false }>,
  snapshot: Pick<WorkbookSnapshot, 'sheets'>,
  run: PortfolioRun,
): Promise<AppResult<PortfolioForRun>> {
  if (run.signal?.aborted === true || answer.error.cause?.code === 'request.cancelled') return answer;
  // Said inside parentheses: the sentence's own full stop goes.
  const detail = formatAppError(answer.error, run.language).replace(/[\s.]+$/, '');
  const grid = snapshot.sheets.find((g) => isKivaLoansSheet(g.sheet)) ?? (await hiddenKivaLoans(run.readSheet));
  if (grid === undefined) return ok({ notices: [{ code: 'portfolio-unavailable', params: { detail } }] });
  const kept = readKivaLoansSheet(grid);
  if (!kept.ok) {
    const { code, ...where } = kept.problem;
    return ok({
      notices: [{ code: 'portfolio-sheet-unusable', params: { detail, sheet: grid.sheet, problem: code, ...where } }],
    });
  }
  const time = stampOf(run, kept.readAt);
  const portfolio = portfolioOf(kept.loans, { sheet: grid.sheet, readOn: time.slice(0, 10) });
  const notices: Notice[] = [
    { code: 'portfolio-from-sheet', params: { detail, sheet: grid.sheet, count: portfolio.loans.size, time } },
  ];
  const days = Math.floor((run.clock.now() - kept.readAt) / DAY_MS);
  if (days > KIVA_LOANS_MAX_AGE_DAYS) {
    notices.push({ code: 'portfolio-sheet-old', params: { sheet: grid.sheet, count: days, time } });
  }
  return ok({ portfolio, notices });
}
