/**
 * recognition: where the portfolio check gets the partner's loans. The check itself is src/sheet's (portfolio.ts,
 * pure); this port fetches the list once per run — every page of every status Kiva knows, so that a loan Kiva
 * does not list at all is told apart from one that ended or was refunded — and says when it was read. When Kiva
 * cannot be reached, the workbook's `Kiva loans` sheet stands in (kiva-loans-sheet.ts).
 */
import { LOAN_STATUSES, type LoanStatus } from '../kiva';
import {
  formatStamp,
  isKivaLoansSheet,
  KIVA_LOANS_SHEET_NAMES,
  portfolioOf,
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

/** The partner's loans for one run. A run asks once; an adapter may cache. */
export interface PortfolioPort {
  loans(signal?: AbortSignal): Promise<AppResult<PortfolioList>>;
}

/**
 * The loans through the Kiva port the run already has (src/kiva in the CLI, our server in the pane). The first
 * answer is kept for the life of this object: a face makes one per run, so validate and send each read once and
 * never reuse a list from another run.
 */
export function kivaPortfolio(
  kiva: Pick<KivaPort, 'getAllLoans' | 'listLoans'>,
  clock: Pick<Clock, 'now'>,
): PortfolioPort {
  let cached: Promise<AppResult<PortfolioList>> | undefined;
  return {
    loans(signal) {
      cached ??= listed(kiva, LOAN_STATUSES, signal).then((answer) => {
        if (!answer.ok) {
          cached = undefined;
          return answer;
        }
        return ok({ loans: answer.value, readAt: clock.now() });
      });
      return cached;
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
}

/**
 * The list a run checks against, and what its notices say of it: Kiva's answer; Kiva out of reach (or no
 * credentials), the snapshot's Kiva loans sheet, said once here (with a warning past KIVA_LOANS_MAX_AGE_DAYS) and in
 * every finding; a damaged sheet, or none, one notice and no list (no row blamed). A cancelled run stops.
 */
export async function portfolioForRun(
  port: PortfolioPort,
  snapshot: Pick<WorkbookSnapshot, 'sheets'>,
  run: {
    clock: Clock;
    language: string;
    signal?: AbortSignal | undefined;
    /**
     * Reads one sheet by name, when the run's read may have left the Kiva loans sheet out: the command line's
     * whole-workbook read skips hidden sheets. Only asked when Kiva cannot be reached.
     */
    readSheet?: ((sheet: string) => Promise<CellGrid | undefined>) | undefined;
  },
): Promise<AppResult<PortfolioForRun>> {
  const answer = await port.loans(run.signal);
  const stamp = (time: number): string => formatStamp(time, run.clock.utcOffsetMinutes(time));
  if (answer.ok) {
    const { loans, readAt } = answer.value;
    const portfolio = portfolioOf(loans);
    const notice: Notice = { code: 'portfolio-checked', params: { loans: portfolio.loans.size, time: stamp(readAt) } };
    return ok({ portfolio, notices: [notice] });
  }
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
  const time = stamp(kept.readAt);
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
