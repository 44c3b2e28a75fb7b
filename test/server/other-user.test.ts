/**
 * The real server in local mode, driven by another OS account of this computer: as `nobody` (setpriv, when this
 * test runs as root), fetch every page, collect every token-like string in them, and try each one every way /api
 * could take it. No /api call but the health check may succeed, and nothing may reach Kiva. The server's own
 * account still works (this process; the browser tests drive the pane the same way).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { individualDraft } from './fixtures';
import { startHarness, type Harness } from './harness';

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0 && process.platform === 'linux' && existsSync('/usr/bin/setpriv');
const describeAsOtherUser = asRoot ? describe : describe.skip;
if (!asRoot) {
  // Said once, clearly, in the test output.
  console.warn('other-user test skipped: it needs Linux, root and /usr/bin/setpriv to act as the account nobody');
}

/** Runs as `nobody`: crawls the pages, then tries every token found on every /api route. */
const ATTACK = `
const base = process.argv[1];
const pages = ['/', '/taskpane.html', '/commands.html', '/help', '/manifest.xml', '/workbench/index.html'];
const seen = new Set(); const tokens = new Set(); const results = [];
const queue = [...pages];
(async () => {
  while (queue.length) {
    const path = queue.shift(); if (seen.has(path)) continue; seen.add(path);
    const r = await fetch(base + path, { redirect: 'manual' }); const text = await r.text();
    results.push({ kind: 'page', path, status: r.status });
    for (const m of text.matchAll(/(?:href|src)="(\\/[^"#?]*)/g)) if (!m[1].startsWith('/api')) queue.push(m[1]);
    for (const m of text.matchAll(/[A-Za-z0-9_\\-.]{16,}/g)) tokens.add(m[0]);
  }
  const calls = [['GET', '/api/session'], ['GET', '/api/loans?env=stage'], ['GET', '/api/config-lists?env=stage'],
    ['POST', '/api/submit/loan-drafts'], ['POST', '/api/submit/journals'], ['POST', '/api/pairing']];
  const body = JSON.parse(process.argv[2]);
  for (const token of [undefined, ...tokens]) for (const [method, path] of calls) {
    const headers = { 'content-type': 'application/json', origin: base };
    if (token !== undefined) Object.assign(headers, { 'x-kiva-sheets-token': token, 'x-kiva-sheets-key': token, authorization: 'Bearer ' + token });
    const payload = path === '/api/pairing' ? { code: token ?? 'AAAA-AAAA' } : path.includes('submit') ? body : undefined;
    const r = await fetch(base + path, { method, headers, body: payload ? JSON.stringify(payload) : undefined });
    results.push({ kind: 'api', path, status: r.status, code: (await r.json().catch(() => ({}))).error?.code });
  }
  console.log(JSON.stringify({ results, tokens: tokens.size }));
})();`;

describeAsOtherUser('local mode, as another OS account of this computer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const dist = join(h.dir, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(
      join(dist, 'taskpane.html'),
      '<!doctype html><html><head><title>Pane</title><script src="/taskpane.js"></script></head><body><a href="/help">help</a></body></html>',
    );
    writeFileSync(join(dist, 'commands.html'), '<html><head></head><body>commands</body></html>');
    writeFileSync(join(dist, 'taskpane.js'), 'console.log("pane")');
  });
  afterAll(async () => h.close());

  it('gets pages but no /api answer from any token found in them, and nothing reaches Kiva', async () => {
    const body = { env: 'stage', items: [individualDraft('L-nobody', 2)] };
    const { stdout } = await run(
      '/usr/bin/setpriv',
      [
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
        process.execPath,
        '-e',
        ATTACK,
        h.server.listenUrl,
        JSON.stringify(body),
      ],
      { cwd: '/', timeout: 60_000 },
    );
    const { results } = JSON.parse(stdout) as {
      results: { kind: string; path: string; status: number; code?: string }[];
    };
    const pages = results.filter((r) => r.kind === 'page');
    expect(pages.filter((p) => p.status === 200).map((p) => p.path)).toEqual(
      expect.arrayContaining(['/taskpane.html', '/commands.html', '/help', '/manifest.xml', '/taskpane.js']),
    );
    const api = results.filter((r) => r.kind === 'api');
    expect(api.length).toBeGreaterThan(6);
    expect(api.filter((r) => r.status < 400)).toEqual([]);
    expect(new Set(api.map((r) => r.code))).toEqual(new Set(['auth.other-user']));
    expect(h.emulator.received.filter((r) => !r.path.startsWith('/oauth/'))).toEqual([]);

    // The server's own account, meanwhile, is served.
    expect((await h.api('/api/session')).status).toBe(200);
    const sent = await h.api('/api/submit/loan-drafts', {
      body: { env: 'stage', items: [individualDraft('L-own', 2)] },
    });
    expect(sent.status).toBe(200);
  });
});
