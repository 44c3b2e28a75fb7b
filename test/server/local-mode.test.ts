import { individualDraft } from './fixtures';
import { startHarness, type Harness } from './harness';

/** Requests that reached Kiva's API (the background token renewal aside). */
function apiRequestsAtKiva(h: Harness) {
  return h.emulator.received.filter((request) => !request.path.startsWith('/oauth/'));
}

describe('local mode: only the pane this server served may drive /api', () => {
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
    expect(h.logs.join('\n')).toMatch(/local mode: .*listens on this computer only/);
  });

  it.each([
    ['an Origin from another site', { origin: 'https://evil.example' }, 'auth.cross-site'],
    ['another port on this machine', { origin: 'http://127.0.0.1:1' }, 'auth.cross-site'],
    ['an opaque Origin', { origin: 'null' }, 'auth.cross-site'],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 'auth.cross-site'],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }, 'auth.cross-site'],
  ])('refuses %s, even with the run token, and sends nothing', async (_name, headers, code) => {
    for (const path of ['/api/submit/loan-drafts', '/api/config-lists?env=stage', '/api/session']) {
      const answer = await h.api(path, { headers, ...(path.includes('submit') ? { body: submitBody } : {}) });
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({ error: { code } });
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(apiRequestsAtKiva(h)).toEqual([]);
    expect(h.emulator.applied).toEqual([]);
  });

  it.each([
    ['no run token', null],
    ['a wrong run token', 'x'.repeat(43)],
    ['an empty run token', ''],
  ])('refuses %s with 403 and sends nothing', async (_name, token) => {
    for (const path of ['/api/submit/loan-drafts', '/api/loans?env=stage', '/api/session']) {
      const answer = await h.api(path, { token, ...(path.includes('submit') ? { body: submitBody } : {}) });
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({ error: { code: 'auth.run-token' } });
    }
    expect(apiRequestsAtKiva(h)).toEqual([]);
    expect(h.emulator.applied).toEqual([]);
  });

  it('refuses a foreign Host (DNS rebinding) on pages and /api alike', async () => {
    for (const path of ['/taskpane.html', '/api/session', '/manifest.xml']) {
      const answer = await h.api(path, { headers: { host: `rebind.evil.example:${port}` } });
      expect(answer.status).toBe(421);
      expect(answer.text).not.toContain(h.server.runToken);
    }
  });

  it('answers a CORS preflight without allowing anything', async () => {
    const answer = await h.api('/api/submit/loan-drafts', {
      method: 'OPTIONS',
      token: null,
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('accepts its own pane: own Origin, same-origin fetch, the run token', async () => {
    const headers = { origin, 'sec-fetch-site': 'same-origin', host: `localhost:${port}` };
    const answer = await h.api('/api/submit/loan-drafts', { headers, body: submitBody });
    expect(answer.status).toBe(200);
    expect(h.emulator.applied).toHaveLength(1);
    expect((await h.api('/api/session', { headers: { origin: `http://localhost:${port}` } })).status).toBe(200);
  });
});
