import { DEMO_CREDENTIALS, READONLY_CREDENTIALS, startEmulator, type Emulator } from '../../../dev/kiva-emulator';
import { requestToken, tokenForm } from './helpers';

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  iss: string;
  partnerId: string;
  jti: string;
}

function jwtPayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('kiva emulator: token endpoint', () => {
  const clock = { ms: Date.UTC(2026, 0, 15, 8) };
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ now: () => clock.ms });
  });
  afterAll(() => emulator.close());

  it('issues a bearer token shaped like Kiva’s, with a JWT whose exp agrees with expires_in', async () => {
    const reply = await requestToken(emulator, tokenForm(emulator));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = reply.json as TokenBody;
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'expires_in', 'iss', 'jti', 'partnerId', 'scope', 'token_type'].sort(),
    );
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 43199, partnerId: '145' });
    expect(body.scope.split(' ').sort()).toEqual(
      ['create:journal_update', 'create:loan_draft', 'create:repayment', 'read:loans'].sort(),
    );
    // As Kiva documents its tokens (decoded samples): aud and scope arrays, client_id, no sub or iat.
    const claims = jwtPayload(body.access_token);
    expect(claims).toMatchObject({
      partnerId: '145',
      scope: body.scope.split(' '),
      aud: [emulator.audience],
      client_id: DEMO_CREDENTIALS.clientId,
      jti: body.jti,
    });
    expect(claims).not.toHaveProperty('sub');
    expect(claims).not.toHaveProperty('iat');
    expect(claims.exp).toBe(Math.floor(clock.ms / 1000) + 43199);
  });

  it('issues Auth0-shaped tokens when asked (string aud and scope, sub, iat)', async () => {
    const auth0 = await startEmulator({ now: () => clock.ms, tokenShape: 'auth0' });
    try {
      const body = (await requestToken(auth0, tokenForm(auth0))).json as TokenBody;
      const claims = jwtPayload(body.access_token);
      expect(claims).toMatchObject({
        scope: body.scope,
        aud: auth0.audience,
        sub: `${DEMO_CREDENTIALS.clientId}@clients`,
      });
      expect(claims.iat).toBe(Math.floor(clock.ms / 1000));
    } finally {
      await auth0.close();
    }
  });

  it('refuses a scope the client does not hold with 400 invalid_scope (the default policy)', async () => {
    const asked = 'read:loans create:repayment';
    const readonly = await requestToken(emulator, tokenForm(emulator, READONLY_CREDENTIALS, asked));
    expect(readonly.status).toBe(400);
    expect(readonly.json).toEqual({
      error: 'invalid_scope',
      error_description: 'Client has not been granted scopes: create:repayment',
    });
    const held = await requestToken(emulator, tokenForm(emulator, READONLY_CREDENTIALS, 'read:loans'));
    expect((held.json as TokenBody).scope).toBe('read:loans');
  });

  it('answers the intersection of the scopes asked and granted under the intersect policy', async () => {
    const lenient = await startEmulator({ now: () => clock.ms, scopePolicy: 'intersect' });
    try {
      const asked = 'create:repayment read:loans create:everything';
      const full = await requestToken(lenient, tokenForm(lenient, DEMO_CREDENTIALS, asked));
      expect((full.json as TokenBody).scope).toBe('read:loans create:repayment');
      const readonly = await requestToken(lenient, tokenForm(lenient, READONLY_CREDENTIALS, asked));
      expect((readonly.json as TokenBody).scope).toBe('read:loans');
    } finally {
      await lenient.close();
    }
  });

  it('refuses a bad secret or an unknown client with 401 access_denied', async () => {
    for (const credentials of [
      { clientId: DEMO_CREDENTIALS.clientId, clientSecret: 'wrong' },
      { clientId: 'nobody', clientSecret: DEMO_CREDENTIALS.clientSecret },
    ]) {
      const reply = await requestToken(emulator, tokenForm(emulator, credentials));
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual({ error: 'access_denied', error_description: 'Unauthorized' });
    }
  });

  it('refuses a wrong audience with 403', async () => {
    const form = new URLSearchParams(tokenForm(emulator));
    form.set('audience', 'https://partner-api-stage.kiva.org');
    const reply = await requestToken(emulator, form.toString());
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ error: 'access_denied' });
  });

  it('takes form fields only', async () => {
    const json = JSON.stringify(Object.fromEntries(new URLSearchParams(tokenForm(emulator))));
    expect((await requestToken(emulator, json, 'application/json')).status).toBe(415);
    const form = new URLSearchParams(tokenForm(emulator));
    form.set('grant_type', 'password');
    const wrongGrant = await requestToken(emulator, form.toString());
    expect(wrongGrant.status).toBe(400);
    expect(wrongGrant.json).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('counts the tokens it issued, and reset() starts the count again', async () => {
    emulator.reset();
    await requestToken(emulator, tokenForm(emulator));
    await requestToken(emulator, tokenForm(emulator, { clientId: 'x', clientSecret: 'y' }));
    expect(emulator.tokensIssued).toBe(1);
    expect(emulator.received.map((r) => [r.path, r.status, r.authorized])).toEqual([
      ['/oauth/token', 200, true],
      ['/oauth/token', 401, false],
    ]);
  });
});
