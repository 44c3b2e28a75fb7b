import { client, harness, ok200, type FakeReply, type Harness } from './fakes';
import { expectOnePerRow, kinds, repaymentItems } from './rows';

/** Answers the API from a script, one reply per call; the last reply repeats. */
function scripted(...replies: FakeReply[]): Harness {
  let call = 0;
  return harness(() => replies[Math.min(call++, replies.length - 1)] ?? ok200());
}

const SHORT = { retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 } };

describe('client: what is retried, and what is reported uncertain', () => {
  it('obeys Retry-After on 429, then sends', async () => {
    const h = scripted({ status: 429, headers: { 'Retry-After': '7' } }, ok200());
    const { kiva } = client(h, SHORT);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(2)));
    expect(kinds(outcomes)).toEqual(['sent', 'sent']);
    const [first, second] = h.network.api();
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(7000);
  });

  it('reads Retry-After as an HTTP date too', async () => {
    const h = harness(() => ok200());
    const at = new Date(h.clock.now + 5000).toUTCString();
    let call = 0;
    h.network.handler = (request) =>
      request.url.includes('oauth')
        ? { status: 200, body: { access_token: 't', expires_in: 43199, partnerId: '1' } }
        : call++ === 0
          ? { status: 503, headers: { 'retry-after': at } }
          : ok200();
    const { kiva } = client(h, SHORT);
    await h.clock.run(kiva.sendRepayments(repaymentItems(1)));
    const [first, second] = h.network.api();
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(4000);
  });

  it.each<[string, FakeReply]>([
    ['503', { status: 503 }],
    ['429 without Retry-After', { status: 429 }],
    ['ECONNREFUSED', { networkError: 'ECONNREFUSED' }],
    ['ENOTFOUND', { networkError: 'ENOTFOUND' }],
  ])('retries a POST that certainly did not take effect: %s', async (_name, reply) => {
    const h = scripted(reply, reply, ok200());
    const { kiva } = client(h, SHORT);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(3)));
    expect(kinds(outcomes)).toEqual(['sent', 'sent', 'sent']);
    expect(h.network.api()).toHaveLength(3);
  });

  it.each<[string, FakeReply, string]>([
    ['500', { status: 500 }, 'server-error'],
    ['502', { status: 502 }, 'server-error'],
    ['504', { status: 504 }, 'server-error'],
    ['a timeout', { hang: true }, 'timeout'],
    ['ECONNRESET', { networkError: 'ECONNRESET' }, 'connection-lost'],
    ['a socket closed', { networkError: 'UND_ERR_SOCKET' }, 'connection-lost'],
    ['an unknown network error', { networkError: 'EWHATEVER' }, 'connection-lost'],
    ['a 2xx whose body was cut', { cutBody: 200 }, 'connection-lost'],
  ])('never re-sends a POST whose answer was lost (%s): every row is uncertain', async (_name, reply, reason) => {
    const h = scripted(reply, ok200());
    const { kiva } = client(h, { ...SHORT, timeoutMs: 5000 });
    const items = repaymentItems(3);
    const outcomes = await h.clock.run(kiva.sendRepayments(items));
    expect(outcomes.every((o) => o.kind === 'uncertain' && o.reason === reason)).toBe(true);
    expectOnePerRow(
      outcomes,
      items.map((i) => i.row),
    );
    expect(h.network.api()).toHaveLength(1);
  });

  it('times a request out after timeoutMs by the injected clock', async () => {
    const h = scripted({ hang: true });
    const { kiva } = client(h, { timeoutMs: 2500 });
    const start = h.clock.now;
    await h.clock.run(kiva.sendRepayments(repaymentItems(1)));
    expect(h.clock.now - start).toBe(2500);
  });

  it.each<[string, FakeReply]>([
    ['500', { status: 500 }],
    ['502', { status: 502 }],
    ['a timeout', { hang: true }],
    ['ECONNRESET', { networkError: 'ECONNRESET' }],
  ])('retries a read after %s: reads change nothing', async (_name, reply) => {
    const h = scripted(reply, ok200({ activities: [{ activity_id: 1, activity: 'A' }] }));
    const { kiva } = client(h, { ...SHORT, timeoutMs: 1000 });
    const result = await h.clock.run(kiva.getConfigList('activities'));
    expect(result.ok).toBe(true);
    expect(h.network.api()).toHaveLength(2);
  });

  it('bounds the attempts, then fails the rows as not applied', async () => {
    const h = scripted({ status: 503 });
    const { kiva } = client(h, { retry: { maxAttempts: 3, baseDelayMs: 100 } });
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(2)));
    expect(h.network.api()).toHaveLength(3);
    expect(outcomes[0]).toMatchObject({ kind: 'failed', code: 'kiva.unavailable', params: { status: 503 } });
  });

  it('bounds attempts on a connection that is refused every time', async () => {
    const h = scripted({ networkError: 'ECONNREFUSED' });
    const { kiva } = client(h);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(1)));
    expect(h.network.api()).toHaveLength(4);
    expect(outcomes[0]).toMatchObject({ kind: 'failed', code: 'network.unreachable' });
  });

  it('gives up at once on a Retry-After longer than allowed', async () => {
    const h = scripted({ status: 429, headers: { 'Retry-After': '3600' } });
    const { kiva } = client(h, { retry: { maxRetryAfterMs: 60_000 } });
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(1)));
    expect(h.network.api()).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({
      kind: 'failed',
      code: 'kiva.unavailable',
      params: { retryAfterSeconds: 3600 },
    });
  });

  it('backs off exponentially with jitter', async () => {
    const h = scripted({ status: 503 });
    const { kiva } = client(h, { retry: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 60_000 } });
    await h.clock.run(kiva.sendRepayments(repaymentItems(1)));
    const at = h.network.api().map((r) => r.at);
    const gaps = at.slice(1).map((t, i) => t - (at[i] ?? 0));
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(1000 * 2 ** i * 0.5);
      expect(gap).toBeLessThanOrEqual(1000 * 2 ** i);
    });
  });

  it('holds back other requests while Kiva asks to wait', async () => {
    let first = true;
    const h = harness(() => {
      if (!first) return ok200();
      first = false;
      return { status: 429, headers: { 'Retry-After': '10' } };
    });
    const { kiva } = client(h, { concurrency: 1, repaymentChunkSize: 1 });
    await h.clock.run(kiva.sendRepayments(repaymentItems(3)));
    const at = h.network.api().map((r) => r.at - (h.network.api()[0]?.at ?? 0));
    expect(at.slice(1).every((t) => t >= 10_000)).toBe(true);
  });
});

describe('client: tokens refused by the API', () => {
  it('renews once and retries once after a 401', async () => {
    const h = scripted({ status: 401 }, ok200());
    const { kiva } = client(h);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(1)));
    expect(kinds(outcomes)).toEqual(['sent']);
    expect(h.network.tokenRequests()).toHaveLength(2);
    expect(h.network.api()).toHaveLength(2);
    expect(h.network.api()[1]?.headers.Authorization).toBe(`Bearer ${h.issued[1]}`);
  });

  it('fails after a second 401 without looping', async () => {
    const h = scripted({ status: 401, body: { message: 'invalid token' } });
    const { kiva } = client(h);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(1)));
    expect(outcomes[0]).toMatchObject({ kind: 'failed', code: 'auth.unauthorized' });
    expect(h.network.tokenRequests()).toHaveLength(2);
    expect(h.network.api()).toHaveLength(2);
  });

  it('renews after a 403 that a fresh token cures (an expired token)', async () => {
    const h = scripted({ status: 403 }, ok200());
    const { kiva } = client(h);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(1)));
    expect(kinds(outcomes)).toEqual(['sent']);
    expect(h.network.tokenRequests()).toHaveLength(2);
  });

  it('names the missing scope when a 403 persists', async () => {
    const h = harness(() => ({ status: 403 }), { scope: 'read:loans create:loan_draft' });
    const { kiva } = client(h);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(1)));
    expect(outcomes[0]).toMatchObject({
      kind: 'failed',
      code: 'auth.missing-scope',
      params: { scope: 'create:repayment', granted: 'read:loans create:loan_draft' },
    });
    expect(outcomes[0]?.kind === 'failed' && outcomes[0].message).toContain('create:repayment');
    expect(h.network.tokenRequests()).toHaveLength(2);
  });

  it('still names the scope when Kiva did not say what it granted', async () => {
    const h = harness(() => ({ status: 403 }));
    h.network.handler = (request) =>
      request.url.includes('oauth') ? { status: 200, body: { access_token: 'tok', partnerId: '9' } } : { status: 403 };
    const { kiva } = client(h);
    const result = await h.clock.run(kiva.getLoans({ status: 'payingBack' }));
    expect(!result.ok && result.error).toMatchObject({ code: 'auth.forbidden', params: { scope: 'read:loans' } });
  });

  it('shares one renewal among concurrent requests refused together', async () => {
    let refused = 0;
    const h = harness((request) =>
      request.headers.Authorization === `Bearer ${h.issued[0]}` ? (refused++, { status: 401 }) : ok200(),
    );
    const { kiva } = client(h, { repaymentChunkSize: 1, concurrency: 4 });
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(8)));
    expect(kinds(outcomes).every((k) => k === 'sent')).toBe(true);
    expect(refused).toBe(4);
    expect(h.network.tokenRequests()).toHaveLength(2);
  });

  it('fails every row, unsent, when the credentials are wrong', async () => {
    const h = harness(() => ok200());
    h.network.handler = (request) => (request.url.includes('oauth') ? { status: 401 } : ok200());
    const { kiva } = client(h);
    const items = repaymentItems(600);
    const outcomes = await h.clock.run(kiva.sendRepayments(items));
    expect(outcomes.every((o) => o.kind === 'failed' && o.code === 'auth.bad-credentials')).toBe(true);
    expectOnePerRow(
      outcomes,
      items.map((i) => i.row),
    );
    expect(h.network.api()).toHaveLength(0);
  });
});
