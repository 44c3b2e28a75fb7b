import { describeKivaError } from '../../src/kiva';
import { harness, ok200, SECRET, tokenEndpoint, tokenService } from './fakes';

const HOUR = 3_600_000;

describe('token service', () => {
  it('asks for a token exactly as Kiva documents: form-encoded client credentials', async () => {
    const h = harness(() => ok200());
    const tokens = tokenService(h, { scopes: ['read:loans', 'create:repayment'] });
    const result = await h.clock.run(tokens.getToken());

    expect(result.ok && result.value.partnerId).toBe('145');
    const [request] = h.network.tokenRequests();
    expect(request?.method).toBe('POST');
    expect(request?.headers).toMatchObject({
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'read:loans create:repayment',
      audience: 'https://partner-api.test',
      client_id: 'client-abc',
      client_secret: SECRET,
    });
  });

  it('reads partnerId in either casing, or from the JWT claims', async () => {
    for (const script of [
      { casing: 'camel' as const, partnerId: 77 },
      { casing: 'snake' as const, partnerId: '77' },
    ]) {
      const h = harness(() => ok200(), script);
      const result = await h.clock.run(tokenService(h).getToken());
      expect(result.ok && result.value.partnerId).toBe('77');
    }
    const h = harness(() => ok200());
    h.network.handler = () => ({ status: 200, body: { access_token: 'x.eyJwYXJ0bmVySWQiOiI5OSJ9.y', expires_in: 60 } });
    const fromClaims = await h.clock.run(tokenService(h).getToken());
    expect(fromClaims.ok && fromClaims.value.partnerId).toBe('99');
  });

  it('keeps the token and renews it no later than 60 s before expires_in runs out', async () => {
    const h = harness(() => ok200(), { expiresIn: 43199 });
    const tokens = tokenService(h);
    const start = h.clock.now;
    await h.clock.run(tokens.getToken());
    const expiresAt = start + 43199_000;

    h.clock.now = expiresAt - 61_000;
    await h.clock.run(tokens.getToken());
    expect(h.issued).toHaveLength(1);

    h.clock.now = expiresAt - 60_000;
    const renewed = await h.clock.run(tokens.getToken());
    expect(h.issued).toHaveLength(2);
    expect(renewed.ok && renewed.value.expiresAt).toBe(expiresAt - 60_000 + 43199_000);
  });

  it('honours a JWT exp earlier than expires_in', async () => {
    const h = harness(() => ok200(), { expiresIn: 43199, claims: () => ({ exp: Date.UTC(2026, 0, 5, 9) / 1000 }) });
    const tokens = tokenService(h);
    await h.clock.run(tokens.getToken());
    h.clock.now = Date.UTC(2026, 0, 5, 9) - 60_000;
    await h.clock.run(tokens.getToken());
    expect(h.issued).toHaveLength(2);
  });

  it('uses a token too short-lived for the margin for half its life', async () => {
    const h = harness(() => ok200(), { expiresIn: 20 });
    const tokens = tokenService(h);
    await h.clock.run(tokens.getToken());
    h.clock.now += 9_000;
    await h.clock.run(tokens.getToken());
    expect(h.issued).toHaveLength(1);
    h.clock.now += 1_000;
    await h.clock.run(tokens.getToken());
    expect(h.issued).toHaveLength(2);
  });

  it('renews on its own every ~12 h when background renewal runs, for days', async () => {
    const h = harness(() => ok200(), { expiresIn: 43199 });
    const tokens = tokenService(h);
    const renewals: number[] = [];
    tokens.startBackgroundRenewal();
    const start = h.clock.now;
    for (let hour = 0; hour < 72; hour++) {
      await h.clock.advance(HOUR);
      const described = tokens.describe();
      // At every moment a token that is not about to expire is at hand.
      expect(described.expiresAt).toBeGreaterThan(h.clock.now + 60_000);
      if (renewals.length < h.issued.length) renewals.push(h.clock.now);
    }
    tokens.stopBackgroundRenewal();
    // One at start, then one every 43139 s: 6 over 72 h.
    expect(h.issued).toHaveLength(7);
    expect(h.clock.pendingTimers()).toBe(0);
    const issuedAt = h.network.tokenRequests().map((request) => request.at - start);
    issuedAt.slice(1).forEach((at, index) => expect(at).toBe((index + 1) * 43139_000));
  });

  it('keeps retrying in the background after a failure and reports it', async () => {
    const h = harness(() => ok200(), { expiresIn: 43199 });
    const tokens = tokenService(h, { retry: { maxAttempts: 1 } });
    await h.clock.run(tokens.getToken());
    const normal = h.network.handler;
    h.network.handler = () => ({ status: 503 });
    const errors: string[] = [];
    tokens.startBackgroundRenewal({ onError: (error) => errors.push(error.code) });
    await h.clock.advance(43139_000 + 1);
    expect(errors).toEqual(['auth.token-unavailable']);
    h.network.handler = normal;
    await h.clock.advance(600_000);
    expect(h.issued).toHaveLength(2);
    tokens.stopBackgroundRenewal();
  });

  it('gives 50 concurrent callers one token request', async () => {
    const h = harness(() => ok200());
    const tokens = tokenService(h);
    const results = await h.clock.run(Promise.all(Array.from({ length: 50 }, () => tokens.getToken())));
    expect(h.network.tokenRequests()).toHaveLength(1);
    expect(new Set(results.map((r) => r.ok && r.value))).toHaveProperty('size', 1);
  });

  it('renews once for 50 callers whose token Kiva refused at the same time', async () => {
    const h = harness(() => ok200());
    const tokens = tokenService(h);
    const first = await h.clock.run(tokens.getToken());
    if (!first.ok) throw new Error('no token');
    const renewed = await h.clock.run(
      Promise.all(Array.from({ length: 50 }, () => tokens.renewAfterRejection(first.value))),
    );
    expect(h.issued).toHaveLength(2);
    expect(new Set(renewed.map((r) => r.ok && r.value))).toHaveProperty('size', 1);
    // A late caller holding the refused token gets the renewed one without another request.
    await h.clock.run(tokens.renewAfterRejection(first.value));
    expect(h.issued).toHaveLength(2);
  });

  it.each<[string, { status: number; body: unknown }, string]>([
    ['401', { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } }, 'Unauthorized'],
    [
      '403 access_denied',
      { status: 403, body: { error: 'access_denied', error_description: 'Unauthorized' } },
      'Unauthorized',
    ],
    ['400 invalid_client', { status: 400, body: { error: 'invalid_client' } }, 'invalid_client'],
  ])('reports wrong credentials (%s) with Kiva’s own words, without retrying', async (_name, reply, description) => {
    const h = harness(() => ok200());
    h.network.handler = () => reply;
    const result = await h.clock.run(tokenService(h).getToken());
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'auth.bad-credentials',
        params: { tokenUrl: 'https://auth.test/oauth/token', status: reply.status, description },
      },
    });
    expect(h.network.requests).toHaveLength(1);
  });

  it('says a refused audience is about the audience, naming both stage values Kiva documents', async () => {
    const h = harness(() => ok200());
    h.network.handler = () => ({
      status: 403,
      body: { error: 'access_denied', error_description: 'Service not found: https://partner-api.test' },
    });
    const result = await h.clock.run(tokenService(h).getToken());
    expect(!result.ok && result.error).toEqual({
      code: 'auth.audience-refused',
      params: {
        tokenUrl: 'https://auth.test/oauth/token',
        status: 403,
        audience: 'https://partner-api.test',
        description: 'Service not found: https://partner-api.test',
        stageAudiences: 'https://partner-api-stage.dk1.kiva.org or https://partner-api-stage.kiva.org',
      },
    });
    expect(describeKivaError(!result.ok ? result.error : ({} as never))).toContain('Check the audience');
  });

  it('on invalid_scope asks once more with only the scope the operation needs, then keeps doing so', async () => {
    const h = harness(() => ok200());
    const granted = ['create:repayment'];
    const tokens = tokenEndpoint({ scope: 'create:repayment' });
    h.network.handler = (request) => {
      const asked = (new URLSearchParams(request.body).get('scope') ?? '').split(' ').filter(Boolean);
      if (asked.some((scope) => !granted.includes(scope))) {
        return { status: 400, body: { error: 'invalid_scope', error_description: `Scope not granted: ${asked}` } };
      }
      return tokens.reply();
    };
    const service = tokenService(h);
    const first = await h.clock.run(service.getToken({ operation: 'repayments' }));
    expect(first.ok && first.value.grantedScopes).toEqual(['create:repayment']);
    const asked = h.network.tokenRequests().map((r) => new URLSearchParams(r.body).get('scope'));
    expect(asked).toEqual(['read:loans create:loan_draft create:journal_update create:repayment', 'create:repayment']);
    // The next operation asks for its own scope straight away (no second refusal of the full set)…
    const loans = await h.clock.run(service.getToken({ operation: 'loans' }));
    expect(!loans.ok && loans.error.code).toBe('auth.scope-refused');
    expect(h.network.tokenRequests().map((r) => new URLSearchParams(r.body).get('scope'))).toEqual([
      ...asked,
      'read:loans',
    ]);
    // …and a repayment reuses the narrow token.
    const again = await h.clock.run(service.getToken({ operation: 'repayments' }));
    expect(again.ok && first.ok && again.value === first.value).toBe(true);
    expect(h.network.tokenRequests()).toHaveLength(3);
  });

  it('tells a refused scope apart from wrong credentials', async () => {
    const h = harness(() => ok200());
    h.network.handler = () => ({
      status: 403,
      body: { error: 'access_denied', error_description: 'Client has not been granted scopes: create:repayment' },
    });
    const result = await h.clock.run(tokenService(h).getToken());
    expect(!result.ok && result.error).toEqual({
      code: 'auth.scope-refused',
      params: {
        tokenUrl: 'https://auth.test/oauth/token',
        status: 403,
        scopes: 'read:loans create:loan_draft create:journal_update create:repayment',
        description: 'Client has not been granted scopes: create:repayment',
      },
    });
    // The one retry asked for no scope at all (no operation was named); it was refused too.
    expect(h.network.tokenRequests()).toHaveLength(2);
    expect(new URLSearchParams(h.network.tokenRequests()[1]?.body).has('scope')).toBe(false);
  });

  it('retries a token endpoint that is down, then says it is unavailable', async () => {
    const h = harness(() => ok200());
    h.network.handler = () => ({ networkError: 'ECONNREFUSED' });
    const result = await h.clock.run(tokenService(h).getToken());
    expect(!result.ok && result.error.code).toBe('auth.token-unavailable');
    expect(h.network.requests).toHaveLength(3);
  });

  it('keeps using a still-valid token when an early renewal fails', async () => {
    const h = harness(() => ok200(), { expiresIn: 43199 });
    const tokens = tokenService(h, { retry: { maxAttempts: 1 } });
    const first = await h.clock.run(tokens.getToken());
    h.network.handler = () => ({ status: 500 });
    h.clock.now += 43199_000 - 30_000;
    const second = await h.clock.run(tokens.getToken());
    expect(second.ok && first.ok && second.value === first.value).toBe(true);
    h.clock.now += 30_000;
    const third = await h.clock.run(tokens.getToken());
    expect(third.ok).toBe(false);
  });

  it('never treats a renewal margin below 60 s as allowed', async () => {
    const h = harness(() => ok200(), { expiresIn: 43199 });
    const tokens = tokenService(h, { renewMarginSeconds: 5 });
    await h.clock.run(tokens.getToken());
    h.clock.now += 43199_000 - 60_000;
    await h.clock.run(tokens.getToken());
    expect(h.issued).toHaveLength(2);
  });

  it('describes the cached token without the token itself', async () => {
    const h = harness(() => ok200());
    const tokens = tokenService(h);
    const result = await h.clock.run(tokens.getToken());
    const shown = JSON.stringify([tokens.describe(), result]);
    expect(shown).not.toContain(h.issued[0]);
    expect(shown).toContain('[redacted]');
  });
});
