import { createServer } from 'node:net';
import { startEmulator, type Emulator, type Fault } from '../../dev/kiva-emulator';
import type { FetchLike } from '../../src/kiva';
import { connect, count, expectDeliveredAtMostOnce, repayableLoans, repaymentsFor } from './kiva-harness';

const ROWS = 60;
const CHUNK = 10;
const REPAYMENTS = { method: 'POST', path: '/repayments' };

/** A port nothing listens on: connecting to it is refused before a byte is sent. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Sends the first `times` repayment requests to a closed port, through the real fetch. */
function refusingFetch(times: number, port: number): FetchLike {
  let left = times;
  return (url, init) => {
    if (url.endsWith('/repayments') && left-- > 0) {
      const parsed = new URL(url);
      parsed.port = String(port);
      return fetch(parsed.toString(), init);
    }
    return fetch(url, init);
  };
}

interface Case {
  name: string;
  faults: Fault[];
  refused?: number;
  expected: Record<string, number>;
  /** Repayment attempts: one per chunk plus one per safe retry (refused ones never reach Kiva). */
  posts: number;
  applied: number;
  /** Why the uncertain rows are uncertain. */
  reason?: string;
}

const uncertainChunk = (rest = ROWS - CHUNK) => ({ sent: rest, uncertain: CHUNK });

const CASES: Case[] = [
  {
    name: '429 with Retry-After',
    faults: [{ match: REPAYMENTS, kind: 'status', status: 429, retryAfterSeconds: 1, times: 2 }],
    expected: { sent: ROWS },
    posts: 8,
    applied: ROWS,
  },
  {
    name: '503',
    faults: [{ match: REPAYMENTS, kind: 'status', status: 503, times: 2 }],
    expected: { sent: ROWS },
    posts: 8,
    applied: ROWS,
  },
  {
    name: 'connection refused before sending',
    faults: [],
    refused: 2,
    expected: { sent: ROWS },
    posts: 8,
    applied: ROWS,
  },
  {
    name: '500 that applied',
    faults: [{ match: REPAYMENTS, kind: 'status', status: 500 }],
    expected: uncertainChunk(),
    posts: 6,
    applied: ROWS,
    reason: 'server-error',
  },
  {
    name: '500 that did not apply',
    faults: [{ match: REPAYMENTS, kind: 'status', status: 500, apply: false }],
    expected: uncertainChunk(),
    posts: 6,
    applied: ROWS - CHUNK,
    reason: 'server-error',
  },
  {
    name: '502',
    faults: [{ match: REPAYMENTS, kind: 'status', status: 502 }],
    expected: uncertainChunk(),
    posts: 6,
    applied: ROWS,
    reason: 'server-error',
  },
  {
    name: '504',
    faults: [{ match: REPAYMENTS, kind: 'status', status: 504 }],
    expected: uncertainChunk(),
    posts: 6,
    applied: ROWS,
    reason: 'server-error',
  },
  {
    name: 'reset before apply',
    faults: [{ match: REPAYMENTS, kind: 'reset-before-apply' }],
    expected: uncertainChunk(),
    posts: 6,
    applied: ROWS - CHUNK,
    reason: 'connection-lost',
  },
  {
    name: 'reset after apply',
    faults: [{ match: REPAYMENTS, kind: 'reset-after-apply' }],
    expected: uncertainChunk(),
    posts: 6,
    applied: ROWS,
    reason: 'connection-lost',
  },
  {
    name: 'hang after apply (client timeout)',
    faults: [{ match: REPAYMENTS, kind: 'hang-after-apply' }],
    expected: uncertainChunk(),
    posts: 6,
    applied: ROWS,
    reason: 'timeout',
  },
  {
    name: 'all of them in one run',
    faults: [
      { match: REPAYMENTS, kind: 'status', status: 429, retryAfterSeconds: 1 },
      { match: REPAYMENTS, kind: 'status', status: 500 },
      { match: REPAYMENTS, kind: 'status', status: 503 },
      { match: REPAYMENTS, kind: 'reset-after-apply' },
      { match: REPAYMENTS, kind: 'hang-after-apply' },
    ],
    refused: 1,
    expected: { sent: ROWS - 3 * CHUNK, uncertain: 3 * CHUNK },
    posts: 6 + 3,
    applied: ROWS,
  },
];

describe('src/kiva against the emulator: the fault matrix', () => {
  let emulator: Emulator;
  afterEach(async () => emulator.close());

  it.each(CASES)('$name: every row delivered once or reported uncertain', async (c) => {
    emulator = await startEmulator({ latencyMs: 2 });
    const port = await closedPort();
    const connection = connect(
      emulator,
      { repaymentChunkSize: CHUNK, concurrency: 2, timeoutMs: 1000 },
      c.refused ? { fetch: refusingFetch(c.refused, port) } : {},
    );
    const items = repaymentsFor((await repayableLoans(connection)).slice(0, ROWS));
    expect(items).toHaveLength(ROWS);
    c.faults.forEach((fault) => emulator.inject(fault));

    const outcomes = await connection.kiva.sendRepayments(items);

    expect(count(outcomes)).toEqual(c.expected);
    if (c.reason) {
      const reasons = outcomes.flatMap((o) => (o.kind === 'uncertain' ? [o.reason] : []));
      expect(new Set(reasons)).toEqual(new Set([c.reason]));
    }
    expectDeliveredAtMostOnce(emulator, items, outcomes);
    expect(emulator.appliedRepaymentLoanIds()).toHaveLength(c.applied);
    expect(emulator.received.filter((r) => r.path.endsWith('/repayments'))).toHaveLength(c.posts - (c.refused ?? 0));
    const attempts = connection.log.filter((r) => r.operation === 'repayments');
    expect(attempts).toHaveLength(c.posts);
  });

  it('waits out Retry-After before sending anything more', async () => {
    emulator = await startEmulator({ latencyMs: 2 });
    const connection = connect(emulator, { repaymentChunkSize: CHUNK, concurrency: 2 });
    const items = repaymentsFor((await repayableLoans(connection)).slice(0, ROWS));
    emulator.inject({ match: REPAYMENTS, kind: 'status', status: 429, retryAfterSeconds: 1 });
    await connection.kiva.sendRepayments(items);
    const posts = connection.log.filter((r) => r.operation === 'repayments');
    const refused = posts.find((r) => r.status === 429);
    if (!refused) throw new Error('no 429 seen');
    const refusedAt = Date.parse(refused.time) + refused.durationMs;
    const later = posts.filter((r) => Date.parse(r.time) > refusedAt);
    expect(later.length).toBeGreaterThan(0);
    // Timers may fire a millisecond early; the log's clock has millisecond steps.
    for (const record of later) expect(Date.parse(record.time)).toBeGreaterThanOrEqual(refusedAt + 1000 - 5);
  });

  it('starts nothing more once cancelled, and never applies a cancelled row', async () => {
    emulator = await startEmulator({ latencyMs: 20 });
    const connection = connect(emulator, { repaymentChunkSize: CHUNK, concurrency: 2 });
    const items = repaymentsFor((await repayableLoans(connection)).slice(0, ROWS));
    const controller = new AbortController();
    const outcomes = await connection.kiva.sendRepayments(items, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const counts = count(outcomes);
    expect(counts.sent).toBeGreaterThanOrEqual(CHUNK);
    expect(counts.cancelled).toBeGreaterThanOrEqual(ROWS - 3 * CHUNK);
    expectDeliveredAtMostOnce(emulator, items, outcomes);
    const applied = new Set(emulator.appliedRepaymentLoanIds());
    outcomes.forEach(
      (o, i) => o.kind === 'cancelled' && expect(applied.has(items[i]?.repayment.loan_id ?? '')).toBe(false),
    );
  });
});
