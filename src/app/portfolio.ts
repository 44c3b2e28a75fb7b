/**
 * recognition: where the portfolio check gets the partner's loans. The check itself is src/sheet's (portfolio.ts,
 * pure); this port fetches the list once per run — every page of every status Kiva knows, so that a loan Kiva
 * does not list at all is told apart from one that ended or was refunded — and says when it was read.
 */
import { LOAN_STATUSES } from '../kiva';
import type { ListedLoan } from '../sheet';
import { ok, type AppResult } from './errors';
import type { Clock, KivaPort } from './ports';

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
export function kivaPortfolio(kiva: Pick<KivaPort, 'getAllLoans'>, clock: Pick<Clock, 'now'>): PortfolioPort {
  let cached: Promise<AppResult<PortfolioList>> | undefined;
  return {
    loans(signal) {
      cached ??= kiva.getAllLoans({ statuses: LOAN_STATUSES }, signal).then((answer) => {
        if (!answer.ok) {
          cached = undefined;
          return answer;
        }
        const loans = answer.value.map(({ internal_loan_id, internal_client_id, status }): ListedLoan => ({
          internal_loan_id,
          internal_client_id,
          status,
        }));
        return ok({ loans, readAt: clock.now() });
      });
      return cached;
    },
  };
}
