/**
 * The load the server test and bench/server.bench.ts share: `clients` concurrent clients, each sending `perClient`
 * submits one after another. Most carry one loan draft of their own; every fifth a repayment of its own; every
 * fourth also a draft that one other client sends at the same moment, so the duplicate guard is raced for real.
 * No jest here: the bench imports it.
 */
import type { LoanDraft, RowOutcome } from '../../src/kiva';

export interface LoadRequest {
  path: '/api/submit/loan-drafts' | '/api/submit/repayments';
  body: { env: 'stage'; items: unknown[] };
  /** Loan ids this request carries that only it sends. */
  own: string[];
  /** A draft id that exactly one other client sends too. */
  shared?: string;
}

export function buildLoad(
  clients: number,
  perClient: number,
  repayableLoanIds: readonly string[],
  prefix = '',
): LoadRequest[][] {
  const half = Math.floor(clients / 2);
  let nextLoan = 0;
  return Array.from({ length: clients }, (_, client) =>
    Array.from({ length: perClient }, (_, n): LoadRequest => {
      const row = { sheet: `Client ${client}`, row: n + 2 };
      if (n % 5 === 2) {
        const loanId = repayableLoanIds[nextLoan++];
        if (loanId === undefined) throw new Error('not enough repayable loans for the load');
        return {
          path: '/api/submit/repayments',
          body: {
            env: 'stage',
            items: [{ repayment: { loan_id: loanId, amount: 12.5 }, row: { ...row, key: loanId } }],
          },
          own: [loanId],
        };
      }
      const own = `${prefix}D-${client}-${n}`;
      const items = [{ body: draft(own), rows: [row] }];
      const shared = n % 4 === 0 && client < half * 2 ? `${prefix}S-${client % half}-${n}` : undefined;
      if (shared !== undefined) items.push({ body: draft(shared), rows: [{ ...row, row: row.row + 1000 }] });
      return {
        path: '/api/submit/loan-drafts',
        body: { env: 'stage', items },
        own: [own],
        ...(shared ? { shared } : {}),
      };
    }),
  );
}

function draft(loanId: string): LoanDraft {
  return {
    description: `Load ${loanId}`,
    entreps: [{ amount: 400, loan_id: loanId, first_name: 'Ana', gender: 'female' }],
  };
}

export interface LoadAnswer {
  request: LoadRequest;
  status: number;
  outcomes: RowOutcome[];
  /** From sending to the whole answer. */
  ms: number;
}

/** Every client runs its requests in order; all clients at once. Bounded: clients × perClient requests, no retries. */
export async function driveLoad(
  load: readonly LoadRequest[][],
  send: (request: LoadRequest) => Promise<{ status: number; outcomes: RowOutcome[] }>,
): Promise<{ answers: LoadAnswer[]; ms: number }> {
  const started = performance.now();
  const perClient = await Promise.all(
    load.map(async (requests) => {
      const answers: LoadAnswer[] = [];
      for (const request of requests) {
        const sentAt = performance.now();
        const answer = await send(request);
        answers.push({ request, ...answer, ms: performance.now() - sentAt });
      }
      return answers;
    }),
  );
  return { answers: perClient.flat(), ms: performance.now() - started };
}

/** Loan ids in the bodies the emulator applied: one entry per loan it took. */
export function appliedLoanIds(applied: readonly { endpoint: string; body: unknown }[]): string[] {
  return applied.flatMap((entry) => {
    if (entry.endpoint === 'loan_draft') return [(entry.body as LoanDraft).entreps?.[0]?.loan_id ?? '?'];
    if (entry.endpoint === 'repayments')
      return (entry.body as { repayments: { loan_id: string }[] }).repayments.map((r) => r.loan_id);
    return [];
  });
}
