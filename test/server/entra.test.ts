import { createHmac } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { individualDraft } from './fixtures';
import { startHarness, type Harness } from './harness';
import { ENTRA_META } from '../../src/taskpane/create-controller';
import {
  AUDIENCE,
  ISSUER,
  PANE_CLIENT_ID,
  SCOPE,
  startIssuer,
  TENANT,
  unsignedToken,
  type TestIssuer,
} from './entra-issuer';

const ANA = { oid: '00000000-0000-0000-0000-00000000000a', preferred_username: 'ana@partner.org' };
const BRUNO = { oid: '00000000-0000-0000-0000-00000000000b', preferred_username: 'Bruno@Partner.org' };
const CARLA = {
  oid: '00000000-0000-0000-0000-00000000000c',
  preferred_username: 'carla@partner.org',
  groups: ['grp-kiva'],
};
/** A guest in the tenant: their home directory sets their name claims, so they can say they are anyone. */
const GUEST_OID = '00000000-0000-0000-0000-0000000000ee';
const nowSeconds = () => Math.floor(Date.now() / 1000);
const DAVE = {
  oid: '00000000-0000-0000-0000-00000000000d',
  preferred_username: 'dave@partner.org',
  groups: ['grp-other'],
};

describe('Entra mode: every /api call needs a valid Microsoft sign-in from an allowed user', () => {
  let issuer: TestIssuer;
  let h: Harness;
  const signedTokens: string[] = [];
  const bearer = async (claims: JWTPayload, options?: Parameters<TestIssuer['sign']>[1]) => {
    const token = await issuer.sign(claims, options);
    signedTokens.push(token);
    return { authorization: `Bearer ${token}` };
  };
  const kivaApiRequests = () => h.emulator.received.filter((request) => !request.path.startsWith('/oauth/'));

  beforeAll(async () => {
    issuer = await startIssuer();
    h = await startHarness({
      settings: {
        KIVA_SHEETS_ENTRA_TENANT_ID: TENANT,
        KIVA_SHEETS_ENTRA_AUDIENCE: AUDIENCE,
        KIVA_SHEETS_ENTRA_PANE_CLIENT_ID: PANE_CLIENT_ID,
        KIVA_SHEETS_ENTRA_JWKS_URL: issuer.jwksUrl,
        KIVA_SHEETS_HOST: '127.0.0.1',
        // By object id (any case), with a name for the audit log or without.
        KIVA_SHEETS_ALLOWED_USERS: `${ANA.oid} (Ana Quispe), ${BRUNO.oid.toUpperCase()}`,
        KIVA_SHEETS_ALLOWED_GROUPS: 'grp-kiva',
        KIVA_SHEETS_PRODUCTION_USERS: ANA.oid,
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await issuer.close();
  });
  beforeEach(() => h.emulator.reset());

  const submit = async (env: 'stage' | 'production', headers: Record<string, string>, loanId = 'L-entra') =>
    h.api('/api/submit/loan-drafts', {
      headers,
      body: { env, items: [individualDraft(loanId, 2)], confirmation: { env, rows: 1, id: `c-${loanId}` } },
    });

  it('starts in Entra mode and needs no run token', async () => {
    expect(h.server.mode).toBe('entra');
    const session = await h.api('/api/session', { headers: await bearer(ANA) });
    expect(session.status).toBe(200);
    expect(session.json()).toMatchObject({ mode: 'entra', user: { id: ANA.oid, name: 'Ana Quispe' } });
  });

  it("tells the pane it serves how to sign in (client id, authority, this server's scope)", async () => {
    const page = (await h.api('/help')).text;
    expect(page).toContain(`<meta name="${ENTRA_META.clientId}" content="${PANE_CLIENT_ID}">`);
    expect(page).toContain(
      `<meta name="${ENTRA_META.authority}" content="https://login.microsoftonline.com/${TENANT}">`,
    );
    expect(page).toContain(`<meta name="${ENTRA_META.scopes}" content="${AUDIENCE}/access_as_user">`);
  });

  it('lets allowed users send, by object id or by group, and records who by object id', async () => {
    expect((await submit('stage', await bearer(ANA), 'L-ana')).status).toBe(200);
    expect((await submit('stage', await bearer(BRUNO), 'L-bruno')).status).toBe(200);
    expect((await submit('stage', await bearer(CARLA), 'L-carla')).status).toBe(200);
    expect((await submit('production', await bearer(ANA), 'L-ana-prod')).status).toBe(200);
    expect(h.emulator.applied).toHaveLength(4);
    const users = h.auditRows<{ user_id: string; user: string; environment: string }>(
      'SELECT user_id, user, environment FROM submits ORDER BY id',
    );
    // The admin's label when the list gives one, else the token's name claim: display only, beside the object id.
    expect(users.slice(-4)).toEqual([
      { user_id: ANA.oid, user: 'Ana Quispe', environment: 'stage' },
      { user_id: BRUNO.oid, user: 'Bruno@Partner.org', environment: 'stage' },
      { user_id: CARLA.oid, user: 'carla@partner.org', environment: 'stage' },
      { user_id: ANA.oid, user: 'Ana Quispe', environment: 'production' },
    ]);
  });

  it('limits production to its own smaller list', async () => {
    for (const user of [BRUNO, CARLA]) {
      const answer = await submit('production', await bearer(user));
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({ error: { code: 'auth.not-allowed', params: { env: 'production' } } });
    }
    const session = await h.api('/api/session', { headers: await bearer(BRUNO) });
    const environments = session.json<{ environments: { name: string; canSubmit: boolean }[] }>().environments;
    expect(environments.map((environment) => [environment.name, environment.canSubmit])).toEqual([
      ['stage', true],
      ['production', false],
    ]);
    expect(kivaApiRequests()).toEqual([]);
  });

  it.each<[string, () => Promise<Record<string, string>>, number, string]>([
    ['no sign-in', async () => ({}), 401, 'auth.sign-in-required'],
    ['a malformed header', async () => ({ authorization: 'Basic YW5hOnB3' }), 401, 'auth.invalid-token'],
    ['a wrong audience', () => bearer(ANA, { audience: 'api://someone-else' }), 401, 'auth.invalid-token'],
    [
      'a wrong issuer',
      () => bearer(ANA, { issuer: 'https://login.microsoftonline.com/other/v2.0' }),
      401,
      'auth.invalid-token',
    ],
    [
      'an expired token',
      () => bearer(ANA, { expiresIn: Math.floor(Date.now() / 1000) - 300 }),
      401,
      'auth.invalid-token',
    ],
    ['no expiry at all', () => bearer(ANA, { omitExpiry: true }), 401, 'auth.invalid-token'],
    ['a bad signature', () => bearer(ANA, { foreignKey: true }), 401, 'auth.invalid-token'],
    ['another tenant', () => bearer({ ...ANA, tid: 'another-tenant' }), 401, 'auth.invalid-token'],
    [
      'an unsigned token (alg: none)',
      async () => ({ authorization: `Bearer ${unsignedToken(ANA)}` }),
      401,
      'auth.invalid-token',
    ],
    [
      'an HMAC token keyed with public data',
      async () => ({ authorization: `Bearer ${hmacToken(ANA)}` }),
      401,
      'auth.invalid-token',
    ],
    ['an unknown user', () => bearer(DAVE), 403, 'auth.not-allowed'],
    // Name claims are the guest's own directory's word: a copy of Ana's address is not Ana.
    [
      "a guest carrying Ana's e-mail",
      () => bearer({ oid: GUEST_OID, email: ANA.preferred_username }),
      403,
      'auth.not-allowed',
    ],
    [
      "a guest carrying Ana's upn",
      () => bearer({ oid: GUEST_OID, upn: ANA.preferred_username }),
      403,
      'auth.not-allowed',
    ],
    [
      "a guest carrying Ana's unique_name",
      () => bearer({ oid: GUEST_OID, unique_name: ANA.preferred_username }),
      403,
      'auth.not-allowed',
    ],
    [
      "a guest carrying Ana's preferred_username",
      () => bearer({ oid: GUEST_OID, preferred_username: ANA.preferred_username }),
      403,
      'auth.not-allowed',
    ],
    [
      'a token without oid',
      () => bearer({ preferred_username: ANA.preferred_username, sub: ANA.oid }),
      401,
      'auth.invalid-token',
    ],
    [
      'an app-only token (roles, no scp)',
      () => bearer({ ...ANA, scp: undefined, roles: [SCOPE] }),
      401,
      'auth.invalid-token',
    ],
    ['a token for another scope', () => bearer({ ...ANA, scp: 'User.Read' }), 401, 'auth.invalid-token'],
    ['iat an hour ahead', () => bearer(ANA, { issuedAt: nowSeconds() + 3600 }), 401, 'auth.invalid-token'],
    ['iat past the clock tolerance', () => bearer(ANA, { issuedAt: nowSeconds() + 300 }), 401, 'auth.invalid-token'],
    ['nbf an hour ahead', () => bearer(ANA, { notBefore: nowSeconds() + 3600 }), 401, 'auth.invalid-token'],
  ])('refuses %s and sends nothing to Kiva', async (_name, headers, status, code) => {
    const given = await headers();
    for (const answer of [
      await submit('stage', given),
      await h.api('/api/loans?env=stage', { headers: given }),
      await h.api('/api/session', { headers: given }),
    ]) {
      expect(answer.status).toBe(status);
      expect(answer.json()).toMatchObject({ error: { code } });
      if (status === 401) expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect(kivaApiRequests()).toEqual([]);
    expect(h.emulator.applied).toEqual([]);
  });

  it('accepts a clock a little ahead (iat within the tolerance) and several scopes in scp', async () => {
    const ahead = await bearer({ ...ANA, scp: `User.Read ${SCOPE}` }, { issuedAt: nowSeconds() + 60 });
    expect((await h.api('/api/session', { headers: ahead })).status).toBe(200);
  });

  it("says which check a token failed, never the token's names", async () => {
    const reasons = async (claims: JWTPayload, options?: Parameters<TestIssuer['sign']>[1]) =>
      (await h.api('/api/session', { headers: await bearer(claims, options) })).json<{ error: { message: string } }>()
        .error.message;
    expect(await reasons({ ...ANA, scp: undefined })).toBe(
      'sign-in not accepted: token is not a user sign-in (no scp claim)',
    );
    expect(await reasons({ ...ANA, scp: 'User.Read' })).toBe(`sign-in not accepted: token lacks the scope ${SCOPE}`);
    expect(await reasons(ANA, { issuedAt: nowSeconds() + 3600 })).toBe(
      'sign-in not accepted: token iat claim not accepted',
    );
    expect(await reasons(ANA, { notBefore: nowSeconds() + 3600 })).toBe(
      'sign-in not accepted: token nbf claim not accepted',
    );
  });

  it('records nothing for a guest with a copied name claim', async () => {
    const before = h.auditRows<{ n: number }>('SELECT count(*) AS n FROM submits')[0]?.n;
    const guest = await bearer({ oid: GUEST_OID, email: ANA.preferred_username });
    expect((await submit('production', guest, 'L-guest')).status).toBe(403);
    expect(h.auditRows<{ n: number }>('SELECT count(*) AS n FROM submits')[0]?.n).toBe(before);
    expect(h.logs.join('\n')).not.toMatch(new RegExp(`${GUEST_OID}.*submit`));
  });

  it('still refuses cross-site requests, even signed in', async () => {
    const answer = await h.api('/api/session', {
      headers: { ...(await bearer(ANA)), origin: 'https://evil.example' },
    });
    expect(answer.status).toBe(403);
  });

  it('fetches the signing keys once and caches them', () => {
    expect(issuer.jwksFetches).toBe(1);
  });

  it('never writes a sign-in token to its logs or audit log', () => {
    expect(signedTokens.length).toBeGreaterThan(10);
    const written = `${h.logs.join('\n')}\n${h.auditDump()}`;
    for (const token of signedTokens) expect(written).not.toContain(token);
  });
});

function hmacToken(claims: object): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT', kid: 'test-key-1' })}.${encode({ tid: TENANT, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600, ...claims })}`;
  return `${unsigned}.${createHmac('sha256', 'test-key-1').update(unsigned).digest('base64url')}`;
}

describe('Entra mode: the request limit is per user', () => {
  it('stops one user at the limit while another goes on', async () => {
    const issuer = await startIssuer();
    const h = await startHarness({
      settings: {
        KIVA_SHEETS_ENTRA_TENANT_ID: TENANT,
        KIVA_SHEETS_ENTRA_AUDIENCE: AUDIENCE,
        KIVA_SHEETS_ENTRA_PANE_CLIENT_ID: PANE_CLIENT_ID,
        KIVA_SHEETS_ENTRA_JWKS_URL: issuer.jwksUrl,
        KIVA_SHEETS_HOST: '127.0.0.1',
        KIVA_SHEETS_ALLOWED_USERS: `${ANA.oid},${BRUNO.oid}`,
        KIVA_SHEETS_RATE_LIMIT: '3',
      },
    });
    try {
      const as = async (user: JWTPayload) => ({ authorization: `Bearer ${await issuer.sign(user)}` });
      const ana: number[] = [];
      for (let i = 0; i < 4; i++) ana.push((await h.api('/api/session', { headers: await as(ANA) })).status);
      expect(ana).toEqual([200, 200, 200, 429]);
      expect((await h.api('/api/session', { headers: await as(BRUNO) })).status).toBe(200);
    } finally {
      await h.close();
      await issuer.close();
    }
  });
});
