import { resolveClientSettings, validateClientSettings } from '../../src/kiva';
import { client, harness, ok200 } from './fakes';
import { draftItems, expectOnePerRow, journalItems, kinds, repaymentItems } from './rows';

/** An API that takes `ms` of fake time to answer each request. */
function slowApi(ms: number) {
  const h = harness(
    () =>
      new Promise((resolve) => {
        h.clock.schedule(() => resolve(ok200()), ms);
      }),
  );
  return h;
}

const sizes = (h: ReturnType<typeof harness>): number[] =>
  h.network.api().map((request) => (request.json as { repayments: unknown[] }).repayments.length);

describe('client: batching, concurrency and cancellation', () => {
  it('splits 601 repayments into calls of 250, 250 and 101', async () => {
    const h = harness(() => ok200());
    const { kiva } = client(h);
    const items = repaymentItems(601);
    const outcomes = await h.clock.run(kiva.sendRepayments(items));
    expect(sizes(h).sort((a, b) => b - a)).toEqual([250, 250, 101]);
    expectOnePerRow(
      outcomes,
      items.map((i) => i.row),
    );
  });

  it.each([
    [1, 5, [1, 1, 1, 1, 1]],
    [300, 601, [300, 300, 1]],
    [999, 601, [300, 300, 1]],
  ])('uses the configured chunk size %i (kept within 1–300)', async (chunk, count, expected) => {
    const h = harness(() => ok200());
    const { kiva } = client(h, { repaymentChunkSize: chunk });
    await h.clock.run(kiva.sendRepayments(repaymentItems(count)));
    expect(sizes(h).sort((a, b) => b - a)).toEqual(expected);
  });

  it('reports settings out of range by name', () => {
    const result = validateClientSettings({ repaymentChunkSize: 301, concurrency: 0, retry: { maxAttempts: 4 } });
    expect(!result.ok && result.error.map((e) => e.params.setting)).toEqual(['concurrency', 'repaymentChunkSize']);
    expect(validateClientSettings({ repaymentChunkSize: 300 }).ok).toBe(true);
    expect(resolveClientSettings().repaymentChunkSize).toBe(250);
    expect(resolveClientSettings().concurrency).toBe(4);
    expect(resolveClientSettings().journals.batchSize).toBe(1);
  });

  it.each([1, 2, 4, 7])('never has more than %i requests in flight', async (concurrency) => {
    const h = slowApi(50);
    const { kiva } = client(h, { concurrency, repaymentChunkSize: 10 });
    await h.clock.run(
      Promise.all([
        kiva.sendRepayments(repaymentItems(200)),
        kiva.createLoanDrafts(draftItems(15)),
        kiva.sendJournals(journalItems(15)),
        kiva.getConfigLists(),
      ]),
    );
    expect(h.network.maxInFlight).toBe(concurrency);
  });

  it('keeps every slot busy: 20 requests of 50 ms at concurrency 4 take 250 ms', async () => {
    const h = slowApi(50);
    const { kiva } = client(h, { repaymentChunkSize: 1 });
    await h.clock.run(kiva.getConfigList('themes').then(() => undefined));
    const start = h.clock.now;
    await h.clock.run(kiva.sendRepayments(repaymentItems(20)));
    expect(h.clock.now - start).toBe(250);
  });

  it('sends nothing when cancelled before starting', async () => {
    const h = harness(() => ok200());
    const { kiva } = client(h);
    const controller = new AbortController();
    controller.abort();
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(300), { signal: controller.signal }));
    expect(new Set(kinds(outcomes))).toEqual(new Set(['cancelled']));
    expect(h.network.api()).toHaveLength(0);
  });

  it('finishes and records requests in flight when cancelled, and starts no more', async () => {
    const h = slowApi(100);
    const { kiva } = client(h, { concurrency: 2, repaymentChunkSize: 10 });
    const controller = new AbortController();
    const items = repaymentItems(60);
    const sending = kiva.sendRepayments(items, { signal: controller.signal });
    h.clock.schedule(() => controller.abort(), 150);
    const outcomes = await h.clock.run(sending);
    // t=0: chunks 1–2 start; t=100: 3–4 start; t=150 cancel; t=200: 3–4 finish.
    expect(kinds(outcomes)).toEqual([...Array(40).fill('sent'), ...Array(20).fill('cancelled')]);
    expect(h.network.api()).toHaveLength(4);
    expectOnePerRow(
      outcomes,
      items.map((i) => i.row),
    );
  });

  it('cancels a retry waiting for its backoff, since nothing is in flight then', async () => {
    const h = harness(() => ({ status: 503 }));
    const { kiva } = client(h, { retry: { baseDelayMs: 10_000 } });
    const controller = new AbortController();
    const sending = kiva.sendRepayments(repaymentItems(2), { signal: controller.signal });
    h.clock.schedule(() => controller.abort(), 1000);
    const outcomes = await h.clock.run(sending);
    expect(kinds(outcomes)).toEqual(['cancelled', 'cancelled']);
    expect(h.network.api()).toHaveLength(1);
  });

  it('aborts a read in flight', async () => {
    const h = harness(() => ({ hang: true }));
    const { kiva } = client(h);
    const controller = new AbortController();
    const reading = kiva.getConfigLists({ signal: controller.signal });
    h.clock.schedule(() => controller.abort(), 10);
    const result = await h.clock.run(reading);
    expect(!result.ok && result.error.code).toBe('request.cancelled');
  });

  it('reports progress per request and returns outcomes in input order', async () => {
    let n = 0;
    const h = harness(
      () =>
        new Promise((resolve) => {
          // Later requests answer first.
          h.clock.schedule(() => resolve(ok200()), 100 - 10 * n++);
        }),
    );
    const { kiva } = client(h, { repaymentChunkSize: 7 });
    const progress: [number, number, number][] = [];
    const items = repaymentItems(30);
    const outcomes = await h.clock.run(
      kiva.sendRepayments(items, {
        onProgress: ({ done, total, latest }) => progress.push([done, total, latest.length]),
      }),
    );
    expectOnePerRow(
      outcomes,
      items.map((i) => i.row),
    );
    // Chunks 1–4 answer in reverse order, chunk 5 (2 rows) last.
    expect(progress.map(([done, , latest]) => [done, latest])).toEqual([
      [7, 7],
      [14, 7],
      [21, 7],
      [28, 7],
      [30, 2],
    ]);
    expect(progress.every(([, total]) => total === 30)).toBe(true);
  });

  it('gives every row of a loan draft its outcome, and skips nothing when a callback throws', async () => {
    const h = harness((request) =>
      (request.json as { description: string }).description === 'Loan 1'
        ? { status: 400, body: { message: 'bad draft' } }
        : ok200({ loanDraftUuid: 'u' }),
    );
    const { kiva } = client(h);
    const drafts = draftItems(3);
    const outcomes = await h.clock.run(
      kiva.createLoanDrafts(drafts, {
        onProgress: () => {
          throw new Error('UI bug');
        },
      }),
    );
    expect(kinds(outcomes)).toEqual(['sent', 'sent', 'rejected', 'rejected', 'sent', 'sent']);
    expectOnePerRow(
      outcomes,
      drafts.flatMap((d) => d.rows),
    );
  });

  it('logs one redacted record per attempt', async () => {
    let n = 0;
    const h = harness(() => (n++ === 0 ? { status: 503 } : ok200({ upload_id: 'up-9' })));
    const { kiva } = client(h);
    await h.clock.run(kiva.sendRepayments(repaymentItems(3)));
    const api = h.log.filter((r) => r.operation !== 'token');
    expect(
      api.map(({ attempt, status, result, reference, rows, method, endpoint, environment }) => ({
        attempt,
        status,
        result,
        reference,
        rows,
        method,
        endpoint,
        environment,
      })),
    ).toEqual([
      {
        attempt: 1,
        status: 503,
        result: 'retrying',
        reference: undefined,
        rows: 3,
        method: 'POST',
        endpoint: '/v3/partner/145/repayments',
        environment: 'custom',
      },
      {
        attempt: 2,
        status: 200,
        result: 'ok',
        reference: 'up-9',
        rows: 3,
        method: 'POST',
        endpoint: '/v3/partner/145/repayments',
        environment: 'custom',
      },
    ]);
    expect(api[0]?.time).toBe(new Date(h.network.api()[0]?.at ?? 0).toISOString());
    expect(h.log.find((r) => r.operation === 'token')).toMatchObject({ method: 'POST', result: 'ok', status: 200 });
  });
});
