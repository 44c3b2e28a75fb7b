import { READONLY_CREDENTIALS, startEmulator, type Emulator } from '../../../dev/kiva-emulator';
import { call, getToken, PARTNER } from './helpers';

describe('kiva emulator: API authorisation', () => {
  const clock = { ms: Date.UTC(2026, 0, 15, 8) };
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ now: () => clock.ms, tokenLifetimeSeconds: 3600 });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    clock.ms = Date.UTC(2026, 0, 15, 8);
  });

  it('answers 401 without a token or with one it never issued', async () => {
    const missing = await call(emulator, 'GET', `${PARTNER}/loans`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    const forged = await call(emulator, 'GET', `${PARTNER}/loans`, { token: 'a.b.c' });
    expect(forged.status).toBe(401);

    const other = await startEmulator();
    try {
      const foreign = await getToken(other);
      expect((await call(emulator, 'GET', `${PARTNER}/loans`, { token: foreign })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answers 403 for an expired token, as Kiva does', async () => {
    const token = await getToken(emulator);
    clock.ms += 3599_000;
    expect((await call(emulator, 'GET', `${PARTNER}/loans?status=payingBack`, { token })).status).toBe(200);
    clock.ms += 1_000;
    const expired = await call(emulator, 'GET', `${PARTNER}/loans?status=payingBack`, { token });
    expect(expired.status).toBe(403);
    expect(expired.json).toMatchObject({ code: 'auth.token.expired' });
  });

  it('answers 403 naming the scope a token lacks', async () => {
    const token = await getToken(emulator, READONLY_CREDENTIALS);
    expect((await call(emulator, 'GET', `${PARTNER}/loans?status=payingBack`, { token })).status).toBe(200);
    const reply = await call(emulator, 'POST', `${PARTNER}/repayments`, {
      token,
      body: { repayments: [{ loan_id: '000100', amount: 10 }] },
    });
    expect(reply.status).toBe(403);
    expect((reply.json as { message: string }).message).toContain('create:repayment');
    expect(emulator.applied).toHaveLength(0);
  });

  it('answers 403 when the path names another partner', async () => {
    const token = await getToken(emulator);
    const reply = await call(emulator, 'GET', '/v3/partner/146/loans', { token });
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ code: 'auth.partner.mismatch' });
    expect((await call(emulator, 'GET', '/v3/partner/%E0%A4%A/loans', { token })).status).toBe(403);
  });

  it('answers 401 for every token issued before revokeTokens(), and serves new ones', async () => {
    const before = await getToken(emulator);
    emulator.revokeTokens();
    expect((await call(emulator, 'GET', `${PARTNER}/config/themes`, { token: before })).status).toBe(401);
    const after = await getToken(emulator);
    expect((await call(emulator, 'GET', `${PARTNER}/config/themes`, { token: after })).status).toBe(200);
  });

  it('records whether each request was authorised', async () => {
    emulator.reset();
    const token = await getToken(emulator);
    await call(emulator, 'GET', `${PARTNER}/loans?status=payingBack&limit=1`, { token });
    await call(emulator, 'GET', `${PARTNER}/loans`);
    expect(emulator.received.slice(1).map((r) => [r.method, r.path, r.url, r.status, r.authorized])).toEqual([
      ['GET', `${PARTNER}/loans`, `${PARTNER}/loans?status=payingBack&limit=1`, 200, true],
      ['GET', `${PARTNER}/loans`, `${PARTNER}/loans`, 401, false],
    ]);
  });

  it('answers 404 for paths Kiva does not have and 405 for the wrong method', async () => {
    const token = await getToken(emulator);
    expect((await call(emulator, 'GET', '/v3/partner/145/nothing', { token })).status).toBe(404);
    const wrong = await call(emulator, 'GET', `${PARTNER}/repayments`, { token });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});
