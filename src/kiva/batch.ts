import type pLimit from 'p-limit';
import type { RowOutcome, RowRef } from './models';
import { cancelledVerdict, type Verdict } from './outcomes';

export interface SendOptions {
  /** Requests not yet started when it fires are not sent (their rows are `cancelled`); those in flight finish. */
  signal?: AbortSignal;
  onProgress?: (progress: SendProgress) => void;
}

export interface SendProgress {
  /** Rows with a final outcome so far, out of `total`. */
  done: number;
  total: number;
  /** The outcomes just settled (one request's rows). */
  latest: readonly RowOutcome[];
  /** The HTTP status of that request's answer, when Kiva answered. */
  status?: number;
}

export interface PlannedRequest {
  rows: readonly RowRef[];
  send: () => Promise<Verdict>;
}

/** Runs the requests under the shared concurrency limit and returns one outcome per row, in input order. */
export async function runPlanned(
  limit: pLimit.Limit,
  requests: readonly PlannedRequest[],
  options: SendOptions = {},
): Promise<RowOutcome[]> {
  const total = requests.reduce((sum, request) => sum + request.rows.length, 0);
  let done = 0;
  const settled = await Promise.all(
    requests.map((request) =>
      limit(async () => {
        const verdict = options.signal?.aborted ? cancelledVerdict : await request.send().catch(() => unknownFate);
        const outcomes = request.rows.map(verdict);
        done += outcomes.length;
        report(options, {
          done,
          total,
          latest: outcomes,
          ...(verdict.status !== undefined ? { status: verdict.status } : {}),
        });
        return outcomes;
      }),
    ),
  );
  return settled.flat();
}

/** A bug of ours after the request may have left must not lose rows, nor claim they were not sent. */
const unknownFate: Verdict = (row) => ({ kind: 'uncertain', row, reason: 'connection-lost', detail: 'internal error' });

/** A broken progress callback must not change what happens to the rows. */
function report(options: SendOptions, progress: SendProgress): void {
  try {
    options.onProgress?.(progress);
  } catch {
    // Progress is advisory; the outcomes are still returned.
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
