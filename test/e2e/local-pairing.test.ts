/**
 * Issue #14 in a real browser: local mode that only the server's own account can drive.
 *
 * - Pairing (what Windows and macOS use, KIVA_SHEETS_LOCAL_AUTH=pairing here): the server's own pane, started fresh,
 *   asks for the code the server printed in its console; a wrong code is refused saying so; the right one, typed
 *   once, makes the pane work (session, a test through Kiva, a send); a reload does not ask again (the key is kept in
 *   the page's own storage, never in a page); without the key it asks again.
 * - The owner check (Linux, the default): as the account `nobody`, every page of the real built pane (the workbench
 *   bundle holds all of src/taskpane) is fetched and every token in it tried on /api: nothing succeeds, while the
 *   pane of the server's own account works.
 */
import type { Request } from 'playwright-core';
import { OTHER_USER_UNAVAILABLE, START_PAGES, attackAsOtherUser, attackBodies } from '../server/as-other-user';
import { send } from '../server/http-client';
import {
  buildSuiteWorkbench,
  launchBrowser,
  openWorkbench,
  requireChromium,
  startSite,
  type Browser,
  type Site,
  type Workbench,
} from './harness';

jest.setTimeout(120_000);

const PAIRING_KEY = 'kiva-sheets.pairing-key';
const PROMPT = 'Connect this pane to Kiva Sheets';

let browser: Browser | undefined;
let workbenchDir = '';
const opened: { site: Site; bench?: Workbench }[] = [];

beforeAll(async () => {
  requireChromium();
  workbenchDir = await buildSuiteWorkbench('local-pairing');
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  for (const { site, bench } of opened.splice(0)) {
    const problems = (await bench?.close()) ?? [];
    await site.close();
    expect(problems).toEqual([]);
  }
});

async function site(settings: Record<string, string> = {}): Promise<Site> {
  const started = await startSite(workbenchDir, {}, settings);
  opened.push({ site: started });
  return started;
}

async function open(on: Site, sample: 'repayments'): Promise<Workbench> {
  if (browser === undefined) throw new Error('the browser did not start');
  const bench = await openWorkbench(browser, on, sample);
  const entry = opened.find((o) => o.site === on);
  if (entry) entry.bench = bench;
  return bench;
}

/** The code the server's console shows last (a new one follows each pairing). */
function printedCode(logs: readonly string[]): string {
  const codes = logs.flatMap((line) => [...line.matchAll(/pairing code for a task pane: ([A-Z0-9]{4}-[A-Z0-9]{4})/g)]);
  const code = codes.at(-1)?.[1];
  if (code === undefined) throw new Error(`the server printed no pairing code:\n${logs.join('\n')}`);
  return code;
}

/** The same code with its first character changed: certainly wrong. */
function wrongCode(code: string): string {
  return `${code.startsWith('K') ? 'M' : 'K'}${code.slice(1)}`;
}

/** Sends every repayment not yet sent and waits for the pane's Finished; the emulator must hold them. */
async function sendRepayments(bench: Workbench, on: Site): Promise<void> {
  await bench.tab('Send');
  await bench.pane.getByRole('radio', { name: 'All rows not yet sent' }).check();
  await bench.pane.getByRole('button', { name: /^Send \d+ rows to Kiva$/ }).click();
  await bench.pane.getByText('Finished', { exact: true }).waitFor({ timeout: 30_000 });
  expect(on.stack.stage.appliedRepaymentLoanIds().length).toBeGreaterThan(2);
}

async function testConnection(bench: Workbench): Promise<void> {
  await bench.tab('Connection');
  await bench.pane.locator('dl').getByText('145').waitFor();
  await bench.pane.getByRole('button', { name: 'Test connection' }).click();
  await bench.pane.getByText('Kiva Stage answered: partner 145.').waitFor();
}

describe('local mode with pairing, in the server’s own pane', () => {
  it('asks once for the printed code, refuses a wrong one saying so, then works and a reload does not ask', async () => {
    const on = await site({ KIVA_SHEETS_LOCAL_AUTH: 'pairing' });
    expect(on.stack.server.localAuth).toBe('pairing');
    const code = printedCode(on.logs);

    const bench = await open(on, 'repayments');
    const { page, pane } = bench;
    const apiCalls: Request[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request);
    });

    // Fresh: the session is refused until paired, and the pane asks.
    await pane.getByRole('heading', { name: PROMPT }).waitFor();
    const field = pane.getByRole('textbox', { name: 'Pairing code' });
    await expect(page.evaluate((name) => localStorage.getItem(name), PAIRING_KEY)).resolves.toBeNull();

    // A wrong code: refused, with what to do and the tries left; nothing kept.
    await field.fill(wrongCode(code));
    await pane.getByRole('button', { name: 'Connect' }).click();
    await pane
      .getByText(
        'That is not the code the Kiva Sheets window shows. Check it and try again (tries left before a new code: 4).',
      )
      .waitFor();
    await expect(page.evaluate((name) => localStorage.getItem(name), PAIRING_KEY)).resolves.toBeNull();
    await bench.shot('60-pairing-wrong-code');

    // The right one, typed once as the console shows it.
    await field.fill(code);
    const sessionAfterPairing = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/session');
    await pane.getByRole('button', { name: 'Connect' }).click();
    expect((await sessionAfterPairing).status()).toBe(200);
    await pane.getByRole('heading', { name: PROMPT }).waitFor({ state: 'detached' });
    const key = await page.evaluate((name) => localStorage.getItem(name), PAIRING_KEY);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The pane works: the session, a test through Kiva, a send.
    await testConnection(bench);
    await sendRepayments(bench, on);
    const pairings = apiCalls.filter((r) => new URL(r.url()).pathname === '/api/pairing');
    expect(pairings.map((r) => r.postDataJSON() as unknown)).toEqual([{ code: wrongCode(code) }, { code }]);
    const afterPairing = apiCalls.slice(apiCalls.indexOf(pairings[1] as Request) + 1);
    expect(afterPairing.length).toBeGreaterThan(3);
    for (const request of afterPairing) expect(await request.headerValue('x-kiva-sheets-key')).toBe(key);

    // A reload: the key is kept, the session answers at once, nothing asked, no pairing posted.
    const sessionAfterReload = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/session');
    await page.reload();
    expect((await sessionAfterReload).status()).toBe(200);
    await pane.getByRole('tablist').waitFor();
    await testConnection(bench);
    await bench.tab('Send');
    await pane.getByRole('radio', { name: 'All rows not yet sent' }).waitFor();
    expect(await pane.getByRole('heading', { name: PROMPT }).count()).toBe(0);
    expect(apiCalls.filter((r) => new URL(r.url()).pathname === '/api/pairing')).toHaveLength(2);

    // The key is in no page the server serves and in no log line.
    for (const path of ['/workbench.html', '/taskpane.html', '/commands.html', '/help', '/manifest.xml']) {
      expect((await send(`${on.url}${path}`)).text).not.toContain(key);
    }
    expect(on.logs.join('\n')).not.toContain(key);
    expect(on.logs.filter((line) => line.includes('pane paired'))).toHaveLength(1);

    // Without the key (another install, or storage cleared) the server refuses and the pane asks again.
    await page.evaluate((name) => localStorage.removeItem(name), PAIRING_KEY);
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/session');
    await page.reload();
    expect((await refused).status()).toBe(401);
    await pane.getByRole('heading', { name: PROMPT }).waitFor();
  });
});

const describeAsOtherUser = OTHER_USER_UNAVAILABLE === undefined ? describe : describe.skip;
if (OTHER_USER_UNAVAILABLE !== undefined) console.warn(`other-user browser test skipped: ${OTHER_USER_UNAVAILABLE}`);

describeAsOtherUser('local mode on Linux, another account against the real pages', () => {
  it('as nobody, no token in any page opens /api; the server’s own pane works meanwhile', async () => {
    // nobody's flood of tries must not run into the rate limit meant for the pane.
    const on = await site({ KIVA_SHEETS_RATE_LIMIT: '1000000' });
    expect(on.stack.server.localAuth).toBe('os-user');
    const attack = await attackAsOtherUser(on.url, attackBodies(), [...START_PAGES, '/workbench/workbench-app.js']);

    const served = attack.pages.filter((p) => p.status === 200).map((p) => p.path);
    expect(served).toEqual(
      expect.arrayContaining(['/workbench.html', '/workbench/workbench.js', '/workbench/workbench-app.js', '/help']),
    );
    expect(attack.tokens).toBeGreaterThan(100);
    expect(attack.api.filter((r) => r.status < 400)).toEqual([]);
    expect(new Set(attack.api.map((r) => r.code))).toEqual(new Set(['auth.other-user']));
    expect(on.stack.stage.received.filter((r) => !r.path.startsWith('/oauth/'))).toEqual([]);

    const bench = await open(on, 'repayments');
    await testConnection(bench);
    await sendRepayments(bench, on);
  });
});
