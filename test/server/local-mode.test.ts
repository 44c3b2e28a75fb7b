import type { OwnerLookup } from '../../src/server';
import { individualDraft } from './fixtures';
import { startHarness, type Harness } from './harness';

/** Requests that reached Kiva's API (the background token renewal aside). */
function apiRequestsAtKiva(h: Harness) {
  return h.emulator.received.filter((request) => !request.path.startsWith('/oauth/'));
}

describe('local mode: only this computer, through its own pages, may drive /api', () => {
  let h: Harness;
  let origin: string;
  let port: string;
  beforeAll(async () => {
    h = await startHarness();
    origin = h.server.url;
    port = new URL(origin).port;
  });
  afterAll(async () => h.close());
  beforeEach(() => h.emulator.reset());

  const submitBody = { env: 'stage', items: [individualDraft('L-local', 2)] };

  it('listens on 127.0.0.1 and says so at start', () => {
    expect(h.server.mode).toBe('local');
    expect(h.server.listenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.server.localAuth).toBe(process.platform === 'linux' ? 'os-user' : 'pairing');
    expect(h.logs.join('\n')).toMatch(/local mode: listens on 127\.0\.0\.1 only/);
  });

  it.each([
    ['an Origin from another site', { origin: 'https://evil.example' }, 'auth.cross-site'],
    ['another port on this machine', { origin: 'http://127.0.0.1:1' }, 'auth.cross-site'],
    ['an opaque Origin', { origin: 'null' }, 'auth.cross-site'],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 'auth.cross-site'],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }, 'auth.cross-site'],
  ])('refuses %s, even from the server’s own account, and sends nothing', async (_name, headers, code) => {
    for (const path of ['/api/submit/loan-drafts', '/api/config-lists?env=stage', '/api/session']) {
      const answer = await h.api(path, { headers, ...(path.includes('submit') ? { body: submitBody } : {}) });
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({ error: { code } });
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(apiRequestsAtKiva(h)).toEqual([]);
    expect(h.emulator.applied).toEqual([]);
  });

  it('refuses a foreign Host (DNS rebinding) on pages and /api alike', async () => {
    for (const path of ['/taskpane.html', '/api/session', '/manifest.xml']) {
      const answer = await h.api(path, { headers: { host: `rebind.evil.example:${port}` } });
      expect(answer.status).toBe(421);
    }
  });

  it('answers a CORS preflight without allowing anything', async () => {
    const answer = await h.api('/api/submit/loan-drafts', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('accepts its own pane: own Origin, same-origin fetch, its own account', async () => {
    const headers = { origin, 'sec-fetch-site': 'same-origin', host: `localhost:${port}` };
    const answer = await h.api('/api/submit/loan-drafts', { headers, body: submitBody });
    expect(answer.status).toBe(200);
    expect(h.emulator.applied).toHaveLength(1);
    expect((await h.api('/api/session', { headers: { origin: `http://localhost:${port}` } })).status).toBe(200);
  });
});

describe('local mode: another OS account of this computer is refused, whatever it sends', () => {
  let h: Harness;
  // Stands for /proc/net/tcp naming another account as the connection's owner (the real thing: test/e2e/other-user).
  const otherAccount: OwnerLookup = () => ({ known: true, uid: 4242 });
  beforeAll(async () => {
    h = await startHarness({ deps: { ownerLookup: otherAccount, uid: 1000 } });
  });
  afterAll(async () => h.close());

  it('answers 403 auth.other-user to reads, writes and pairing, and sends nothing', async () => {
    const calls: [string, object][] = [
      ['/api/session', {}],
      ['/api/loans?env=stage', {}],
      ['/api/config-lists?env=stage', {}],
      ['/api/submit/loan-drafts', { body: { env: 'stage', items: [individualDraft('L-other', 2)] } }],
      ['/api/pairing', { body: { code: 'AAAA-AAAA' } }],
    ];
    for (const [path, options] of calls) {
      const answer = await h.api(path, { ...options, key: 'any-key' });
      expect([path, answer.status, answer.json<{ error: { code: string } }>().error.code]).toEqual([
        path,
        403,
        'auth.other-user',
      ]);
    }
    expect(apiRequestsAtKiva(h)).toEqual([]);
    expect((await h.api('/api/health')).status).toBe(200);
  });
});

describe('local mode with pairing (where the platform cannot tell who connects)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: { KIVA_SHEETS_LOCAL_AUTH: 'pairing' } });
  });
  afterAll(async () => h.close());
  beforeEach(() => h.emulator.reset());

  const codes = () =>
    h.logs.flatMap((line) =>
      [...line.matchAll(/pairing code for a task pane: ([A-Z0-9]{4}-[A-Z0-9]{4})/g)].map((m) => m[1] ?? ''),
    );
  const pair = (code: string) => h.api('/api/pairing', { body: { code } });

  it('shows a code in its console at start, and refuses unpaired callers (401 auth.pairing-required)', async () => {
    expect(h.server.localAuth).toBe('pairing');
    expect(codes()).toHaveLength(1);
    for (const key of [undefined, '', 'x'.repeat(43)]) {
      for (const path of ['/api/session', '/api/loans?env=stage']) {
        const answer = await h.api(path, key === undefined ? {} : { key });
        expect([path, answer.status]).toEqual([path, 401]);
        expect(answer.json()).toMatchObject({ error: { code: 'auth.pairing-required' } });
      }
    }
    expect(apiRequestsAtKiva(h)).toEqual([]);
  });

  it('trades the code (any case, with or without the dash) for a key that opens /api, once', async () => {
    const [code] = codes().slice(-1);
    const wrong = await pair('ZZZZ-ZZZZ');
    expect(wrong.status).toBe(403);
    expect(wrong.json()).toMatchObject({ error: { code: 'auth.pairing-code', params: { attemptsLeft: 4 } } });

    const paired = await pair((code ?? '').toLowerCase().replace('-', ''));
    expect(paired.status).toBe(200);
    const { key } = paired.json<{ key: string }>();
    expect(key).toMatch(/^[\w-]{43}$/);
    expect((await h.api('/api/session', { key })).status).toBe(200);
    const sent = await h.api('/api/submit/loan-drafts', {
      key,
      body: { env: 'stage', items: [individualDraft('L-paired', 2)] },
    });
    expect(sent.status).toBe(200);
    expect(h.emulator.applied).toHaveLength(1);

    // Single use: the same code again pairs nobody, and a new code is shown.
    expect((await pair(code ?? '')).status).toBe(403);
    expect(codes().length).toBeGreaterThanOrEqual(2);
    expect(h.logs.join('\n')).not.toContain(key);
    expect(h.auditDump()).not.toContain(key);
  });

  it('replaces the code after five wrong tries', async () => {
    const before = codes().slice(-1)[0] ?? '';
    const wrongTry = async () =>
      (await pair('ZZZZ-ZZZ2')).json<{ error: { params: { attemptsLeft: number } } }>().error.params.attemptsLeft;
    // Earlier tests may have spent some of this code's tries: count down to the last one.
    let left = await wrongTry();
    for (let tries = 1; left > 0 && tries < 5; tries++) left = await wrongTry();
    expect(left).toBe(0);
    const after = codes().slice(-1)[0] ?? '';
    expect(after).not.toBe(before);
    expect((await pair(before)).status).toBe(403);
  });

  it('remembers a paired key across a restart on the same database', async () => {
    const [code] = codes().slice(-1);
    const { key } = (await pair(code ?? '')).json<{ key: string }>();
    await h.stopServer();
    h = await startHarness({ reuse: h, settings: { KIVA_SHEETS_LOCAL_AUTH: 'pairing' } });
    expect((await h.api('/api/session', { key })).status).toBe(200);
  });
});
