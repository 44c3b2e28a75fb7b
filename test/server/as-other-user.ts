/**
 * Another OS account of this computer attacking a local-mode server (issue #14): as `nobody` (setpriv, so only when
 * the test runs as root on Linux), crawl every page the server serves from a few starting points, following their
 * links, collect every token-like string in every answer, and try each one every way /api could take it (run token,
 * pairing key, bearer, pairing code). Used by the server test (test/server/other-user.test.ts) and by the browser
 * test on the real built pane (test/e2e/local-pairing.test.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { individualDraft, journal } from './fixtures';

const run = promisify(execFile);

/** Why the attack cannot run here, or undefined when it can. */
export const OTHER_USER_UNAVAILABLE: string | undefined =
  process.platform !== 'linux'
    ? 'it needs Linux to act as the account nobody'
    : process.getuid?.() !== 0
      ? 'it needs root to act as the account nobody (setpriv)'
      : !existsSync('/usr/bin/setpriv')
        ? 'it needs /usr/bin/setpriv to act as the account nobody'
        : undefined;

export const START_PAGES = ['/', '/taskpane.html', '/commands.html', '/help', '/manifest.xml', '/workbench.html'];

export interface AttackResult {
  kind: 'page' | 'api';
  path: string;
  status: number;
  code?: string;
}

export interface Attack {
  results: AttackResult[];
  pages: AttackResult[];
  api: AttackResult[];
  /** How many distinct token-like strings the pages held. */
  tokens: number;
}

/**
 * Every token is tried on a read and a write (the caller check comes before any route, so one of each shows it for
 * all) and on pairing; with no token at all, every route is tried.
 */
const SCRIPT = `
const [base, startPages, bodies] = [process.argv[1], JSON.parse(process.argv[2]), JSON.parse(process.argv[3])];
const seen = new Set(); const tokens = new Set(); const results = [];
const queue = [...startPages];
const call = async (method, path, token) => {
  const headers = { 'content-type': 'application/json', origin: base };
  if (token !== undefined) Object.assign(headers, { 'x-kiva-sheets-token': token, 'x-kiva-sheets-key': token, authorization: 'Bearer ' + token });
  const payload = path === '/api/pairing' ? { code: token ?? 'AAAA-AAAA' } : bodies[path];
  const r = await fetch(base + path, { method, headers, body: payload ? JSON.stringify(payload) : undefined });
  results.push({ kind: 'api', path, status: r.status, code: (await r.json().catch(() => ({}))).error?.code });
};
(async () => {
  while (queue.length) {
    const path = queue.shift(); if (seen.has(path)) continue; seen.add(path);
    const r = await fetch(base + path, { redirect: 'manual' }); const text = await r.text();
    results.push({ kind: 'page', path, status: r.status });
    for (const value of r.headers.values()) for (const m of value.matchAll(/[A-Za-z0-9_\\-.]{16,}/g)) tokens.add(m[0]);
    for (const m of text.matchAll(/(?:href|src)="(\\/[^"#?]*)/g)) if (!m[1].startsWith('/api')) queue.push(m[1]);
    for (const m of text.matchAll(/[A-Za-z0-9_\\-.]{16,}/g)) tokens.add(m[0]);
  }
  for (const [method, path] of [['GET', '/api/session'], ['GET', '/api/loans?env=stage'], ['GET', '/api/config-lists?env=stage'],
    ['POST', '/api/submit/loan-drafts'], ['POST', '/api/submit/journals'], ['POST', '/api/ledger/lookup'], ['POST', '/api/pairing']]) {
    await call(method, path, undefined);
  }
  for (const token of tokens) {
    await call('GET', '/api/session', token);
    await call('POST', '/api/submit/journals', token);
    await call('POST', '/api/pairing', token);
  }
  console.log(JSON.stringify({ results, tokens: tokens.size }));
})();`;

/** A valid body for each POST route, so that only the caller check can refuse it. */
export type AttackBodies = Record<'/api/submit/loan-drafts' | '/api/submit/journals' | '/api/ledger/lookup', unknown>;

/** Bodies the server accepts from its own account (the tests send them too): only the caller check may refuse them. */
export const attackBodies = (): AttackBodies => ({
  '/api/submit/loan-drafts': { env: 'stage', items: [individualDraft('L-nobody', 2)] },
  '/api/submit/journals': { env: 'stage', items: [journal('000100', 2)] },
  '/api/ledger/lookup': { env: 'stage', keys: ['loan-draft:L-nobody'] },
});

/** Runs the crawl and the calls as `nobody`. */
export async function attackAsOtherUser(
  baseUrl: string,
  bodies: AttackBodies,
  startPages: readonly string[] = START_PAGES,
): Promise<Attack> {
  const { stdout } = await run(
    '/usr/bin/setpriv',
    [
      '--reuid=nobody',
      '--regid=nogroup',
      '--clear-groups',
      process.execPath,
      '-e',
      SCRIPT,
      baseUrl,
      JSON.stringify(startPages),
      JSON.stringify(bodies),
    ],
    // Big enough for every result of a development bundle's tokens.
    { cwd: '/', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const parsed = JSON.parse(stdout) as { results: AttackResult[]; tokens: number };
  return {
    results: parsed.results,
    pages: parsed.results.filter((r) => r.kind === 'page'),
    api: parsed.results.filter((r) => r.kind === 'api'),
    tokens: parsed.tokens,
  };
}
