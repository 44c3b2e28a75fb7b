/**
 * src/app's HTTP Kiva port: against the real server (and the emulator behind it) for what the server decides, and
 * against a scripted fetch for what only a broken network or a refusing server can show.
 */
import {
  apiAppError,
  createApiClient,
  createHttpKivaPort,
  hostRuntime,
  PAIRING_KEY_HEADER,
  publishedBatching,
  type ApiCallRecord,
  type ApiClient,
  type KivaPort,
} from '../../src/app';
import type { FetchLike, KivaLogRecord, RowOutcome, SendProgress } from '../../src/kiva';
import { PAIRING_KEY_HEADER as SERVER_HEADER } from '../../src/server';
import { startHarness, type Harness } from '../server/harness';
import { individualDraft, journal, payingBackLoans, repaymentsFor } from '../server/fixtures';

const nodeFetch: FetchLike = (url, init) => fetch(url, init);

function client(h: Harness, calls: ApiCallRecord[] = [], key?: string): ApiClient {
  return createApiClient({
    runtime: hostRuntime(nodeFetch),
    baseUrl: h.server.listenUrl,
    headers: async (): Promise<Record<string, string>> => (key === undefined ? {} : { [PAIRING_KEY_HEADER]: key }),
    onCall: (record) => calls.push(record),
  });
}

function port(api: ApiClient, options: Partial<Parameters<typeof createHttpKivaPort>[0]> = {}): KivaPort {
  return createHttpKivaPort({ api, runtime: hostRuntime(nodeFetch), environment: 'stage', ...options });
}

const kinds = (outcomes: readonly RowOutcome[]) => outcomes.map((o) => `${o.row.row}:${o.kind}`);

describe('the HTTP Kiva port over the real server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());
  beforeEach(() => h.emulator.reset());

  it('speaks the server’s pairing contract', () => {
    expect(PAIRING_KEY_HEADER).toBe(SERVER_HEADER);
  });

  it('connects, reads the lists and every page of loans', async () => {
    const kiva = port(client(h));
    expect(await kiva.connect()).toEqual({ ok: true, value: undefined });
    const lists = await kiva.getConfigLists();
    expect(lists.ok && lists.value.activities.length).toBe(40);
    const loans = await kiva.getAllLoans({ statuses: ['payingBack'], query: '000100' });
    expect(loans.ok && loans.value.map((l) => l.internal_loan_id)).toEqual(['000100']);
    expect(kiva.batching).toEqual({ repaymentsPerCall: 250, journalsPerCall: 1, journalsBody: 'wrapped' });
  });

  it('turns the server’s refusals into errors the faces translate', async () => {
    const pairing = await startHarness({ settings: { KIVA_SHEETS_LOCAL_AUTH: 'pairing' } });
    try {
      const refused = await port(client(pairing, [], 'wrong')).connect();
      expect(refused).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'kiva',
          params: expect.objectContaining({ code: 'auth.pairing-required' }),
        }),
      });
      const missing = await port(client(pairing)).getConfigLists();
      expect(!missing.ok && missing.error.params.code).toBe('auth.pairing-required');
    } finally {
      await pairing.close();
    }
  });

  it('sends loan drafts in small submits, reporting progress as each one settles', async () => {
    const calls: ApiCallRecord[] = [];
    const log: KivaLogRecord[] = [];
    const progress: SendProgress[] = [];
    const kiva = port(client(h, calls), { onLog: (record) => log.push(record) });
    const items = [2, 3, 4, 5, 6].map((row) => individualDraft(`HP-${row}`, row));
    const result = await kiva.createLoanDrafts(items, { onProgress: (p) => progress.push(p) });
    expect(kinds(result.outcomes)).toEqual(['2:sent', '3:sent', '4:sent', '5:sent', '6:sent']);
    expect(calls.filter((c) => c.path === '/api/submit/loan-drafts')).toHaveLength(3);
    // One log line per Kiva request, with Kiva's status.
    expect(result.calls.map((c) => [c.endpoint, c.outcomes.length, c.httpStatus])).toEqual(
      Array(5).fill(['loan_draft', 1, 200]),
    );
    expect(progress.map((p) => p.done)).toEqual([2, 4, 5]);
    expect(progress.every((p) => p.total === 5)).toBe(true);
    expect(log.filter((r) => r.operation !== 'token')).toHaveLength(5);
    expect(h.emulator.applied).toHaveLength(5);
  });

  it('sends production with the confirmation the pane was given, in every submit, and no row beyond it', async () => {
    const items = [2, 3, 4, 5].map((row) => individualDraft(`HPP-${row}`, row));
    const unconfirmed = await port(client(h), { environment: 'production' }).createLoanDrafts(items);
    expect(unconfirmed.outcomes.map((o) => o.kind === 'failed' && o.code)).toEqual(
      Array(4).fill('production.confirmation-required'),
    );
    expect(h.emulator.applied).toEqual([]);

    const confirmed = port(client(h), {
      environment: 'production',
      confirmation: { rows: 3, id: 'port-1' },
      // One submit at a time, so which one the confirmation covers is the first, not a race.
      concurrency: 1,
    });
    const result = await confirmed.createLoanDrafts(items);
    // Drafts go two per submit: the first submit (2 rows) fits in 3, the second (2 more) does not.
    expect(kinds(result.outcomes)).toEqual(['2:sent', '3:sent', '4:failed', '5:failed']);
    expect(result.outcomes[2]).toMatchObject({ code: 'production.confirmation-exceeded', params: { confirmed: 3 } });
    expect(h.emulator.applied).toHaveLength(2);
  });

  it('cancels between submits: what was started finishes and is recorded, the rest is never sent', async () => {
    h.emulator.setLatency(150);
    try {
      const stop = new AbortController();
      const kiva = port(client(h), { concurrency: 1, draftsPerSubmit: 1 });
      const items = [2, 3, 4, 5].map((row) => individualDraft(`HC-${row}`, row));
      const result = await kiva.createLoanDrafts(items, { signal: stop.signal, onProgress: () => stop.abort() });
      expect(kinds(result.outcomes)).toEqual(['2:sent', '3:cancelled', '4:cancelled', '5:cancelled']);
      expect(result.calls).toHaveLength(1);
      expect(h.emulator.applied).toHaveLength(1);
    } finally {
      h.emulator.setLatency(0);
    }
  });

  it('cuts repayments as the server will, and forces past the duplicate guard only when told', async () => {
    const loans = await payingBackLoans(h, 3);
    const items = repaymentsFor(loans, 2);
    const batching = { repaymentsPerCall: 2, journalsPerCall: 1, journalsBody: 'array' as const };
    const first = await port(client(h), { batching }).sendRepayments(items);
    expect(kinds(first.outcomes)).toEqual(['2:sent', '3:sent', '4:sent']);
    expect(first.calls.map((c) => c.outcomes.length)).toEqual([2, 1]);

    const again = await port(client(h)).sendRepayments(items.slice(0, 1));
    // The same content again: the ledger knows it as accepted, so the row is sent (earlier), nothing goes to Kiva.
    expect(again.outcomes[0]).toMatchObject({ kind: 'sent', earlier: { outcome: 'accepted', environment: 'stage' } });
    const forced = await port(client(h), { force: true }).sendRepayments(items.slice(0, 1));
    expect(forced.outcomes[0]?.kind).toBe('sent');
  });

  it('cuts as the server publishes in /api/session, so preview and send agree with a server configured otherwise', async () => {
    const cut = await startHarness({
      settings: { KIVA_SHEETS_REPAYMENTS_PER_CALL: '2', KIVA_SHEETS_JOURNAL_VARIANT: 'documented' },
    });
    try {
      const api = client(cut);
      const session = await api.get<unknown>('/api/session');
      expect(session.ok).toBe(true);
      const batching = publishedBatching(session.ok ? session.value : undefined, 'stage');
      expect(batching).toEqual({ repaymentsPerCall: 2, journalsPerCall: 1, journalsBody: 'wrapped' });
      const kiva = port(api, { batching });
      expect(kiva.batching).toEqual(batching);
      const loans = await payingBackLoans(cut, 5);
      const sent = await kiva.sendRepayments(repaymentsFor(loans, 2));
      expect(sent.outcomes.every((o) => o.kind === 'sent')).toBe(true);
      // The port's calls are the server's requests to Kiva: 2 + 2 + 1.
      expect(sent.calls.map((c) => c.outcomes.length)).toEqual([2, 2, 1]);
      expect(sent.calls.map((c) => c.httpStatus)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
    } finally {
      await cut.close();
    }
  });

  it('reads no batching from a session that publishes none (or a broken one)', () => {
    expect(publishedBatching(undefined, 'stage')).toBeUndefined();
    expect(publishedBatching({ environments: [{ name: 'stage', configured: false }] }, 'stage')).toBeUndefined();
    const broken = { repaymentsPerCall: 0, journalsPerCall: 1, journalsBody: 'array' };
    expect(publishedBatching({ environments: [{ name: 'stage', batching: broken }] }, 'stage')).toBeUndefined();
    const other = { repaymentsPerCall: 9, journalsPerCall: 1, journalsBody: 'array' };
    expect(publishedBatching({ environments: [{ name: 'production', batching: other }] }, 'stage')).toBeUndefined();
    expect(port(client(h), { batching: undefined }).batching).toEqual({
      repaymentsPerCall: 250,
      journalsPerCall: 1,
      journalsBody: 'wrapped',
    });
  });

  it('sends journals and keeps each confirm link with its row', async () => {
    const result = await port(client(h)).sendJournals([journal('000100', 2), journal('000105', 3)]);
    expect(result.outcomes.map((o) => (o.kind === 'sent' ? o.reference?.confirmUrl : o.kind))).toEqual([
      expect.stringMatching(/\/pa2\/journals\/.+\/confirm$/),
      expect.stringMatching(/\/pa2\/journals\/.+\/confirm$/),
    ]);
  });

  it('says production is not configured when the server has no credentials for it', async () => {
    const stageOnly = await startHarness({ settings: { KIVA_SHEETS_ENVIRONMENTS: 'stage' } });
    try {
      const kiva = port(client(stageOnly), { environment: 'production' });
      // The harness sets production credentials; a server told `stage` alone still lists production unconfigured.
      const connected = await kiva.connect();
      expect(!connected.ok && connected.error.code).toBe('kiva-not-configured');
      const lists = await kiva.getConfigLists();
      expect(!lists.ok && lists.error).toMatchObject({ code: 'kiva-not-configured', params: { env: 'production' } });
    } finally {
      await stageOnly.close();
    }
  });
});

describe('the HTTP Kiva port when the way to Kiva breaks', () => {
  type Script = (url: string, body: unknown) => Response | Error;

  function scripted(script: Script): { api: ApiClient; posts: unknown[] } {
    const posts: unknown[] = [];
    const fetch: FetchLike = async (url, init) => {
      const body = init.body === undefined ? undefined : (JSON.parse(init.body) as unknown);
      if (init.method === 'POST') posts.push(body);
      const answer = script(url, body);
      if (answer instanceof Error) throw answer;
      return answer;
    };
    const api = createApiClient({ runtime: hostRuntime(fetch), headers: async () => ({}) });
    return { api, posts };
  }

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  const submitted = (body: unknown) =>
    json(200, {
      outcomes: (body as { items: { rows: { sheet: string; row: number }[] }[] }).items.flatMap((item) =>
        item.rows.map((row) => ({ kind: 'sent', row, reference: { loanDraftUuid: `u-${row.row}` } })),
      ),
      log: [],
    });
  const drafts = [2, 3, 4, 5].map((row) => individualDraft(`B-${row}`, row));

  it('stops at a refusal: nothing more is posted, and every row says why', async () => {
    const { api, posts } = scripted(() =>
      json(401, { error: { code: 'auth.sign-in-required', message: 'sign in with Microsoft' } }),
    );
    const result = await port(api, { concurrency: 1 }).createLoanDrafts(drafts);
    expect(posts).toHaveLength(1);
    expect(result.outcomes.map((o) => o.kind === 'failed' && o.code)).toEqual(Array(4).fill('auth.sign-in-required'));
    expect(result.calls).toEqual([]);
  });

  it('marks rows Uncertain when the answer was lost, and sends nothing after', async () => {
    let n = 0;
    const { api, posts } = scripted((_url, body) =>
      ++n === 2 ? Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }) : submitted(body),
    );
    const result = await port(api, { concurrency: 1 }).createLoanDrafts([...drafts, individualDraft('B-6', 6)]);
    expect(kinds(result.outcomes)).toEqual(['2:sent', '3:sent', '4:uncertain', '5:uncertain', '6:failed']);
    expect(result.outcomes[4]).toMatchObject({ code: 'server.unreachable' });
    expect(posts).toHaveLength(2);
    // The uncertain request is logged: it may have reached Kiva.
    expect(result.calls.map((c) => c.outcomes.map((o) => o.kind))).toEqual([
      ['sent'],
      ['sent'],
      ['uncertain', 'uncertain'],
    ]);
  });

  it('waits out the server’s own rate limit, which turned the submit away before doing anything', async () => {
    let n = 0;
    const { api, posts } = scripted((_url, body) =>
      ++n === 1
        ? json(429, { error: { code: 'request.rate-limited', message: 'slow down' } }, { 'retry-after': '0' })
        : submitted(body),
    );
    const result = await port(api).createLoanDrafts(drafts.slice(0, 1));
    expect(kinds(result.outcomes)).toEqual(['2:sent']);
    expect(posts).toHaveLength(2);
  });

  it('words errors for the use cases: Kiva’s own codes as the cause, the server’s in params', () => {
    expect(apiAppError({ status: 502, code: 'kiva.unavailable', message: 'busy', params: { status: 503 } })).toEqual({
      code: 'kiva',
      params: {},
      cause: { code: 'kiva.unavailable', params: { status: 503 } },
    });
    expect(
      apiAppError({ status: 409, code: 'environment.not-configured', message: 'no', params: { env: 'production' } }),
    ).toEqual({
      code: 'kiva-not-configured',
      params: { detail: 'no', env: 'production' },
    });
    expect(
      apiAppError({ status: 403, code: 'auth.not-allowed', message: 'no', params: { env: 'production' } }),
    ).toEqual({
      code: 'kiva',
      params: { code: 'auth.not-allowed', detail: 'no', env: 'production' },
    });
  });
});
