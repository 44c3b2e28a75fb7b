/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), the workbench built once
 * per suite into its own folder (builds are serialised by a lock; webpack's filesystem cache makes the later ones
 * take seconds), and the emulator + server started in-process on free loopback ports with a temporary audit log.
 *
 * Without Chromium the suite fails, saying so: CI installs it (`.ci/run`), a developer runs
 * `apt-get install -y chromium`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import type { EmulatorOptions } from '../../dev/kiva-emulator';
import { startLocalStack, type LocalStack } from '../../dev/stack';
import { buildWorkbench, workbenchHooks } from '../../dev/workbench/serve';
import type { SampleName } from '../../dev/workbench/samples';

export const CHROMIUM = process.env.KIVA_SHEETS_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
const BUILD_ROOT = join(ROOT, 'build', 'e2e');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need Debian's chromium ` +
        '(apt-get install -y chromium; .ci/run installs it). Set KIVA_SHEETS_CHROMIUM to use another binary.',
    );
  }
}

/** Builds the workbench into build/e2e/<suite>; one build at a time across jest workers. */
export async function buildSuiteWorkbench(suite: string): Promise<string> {
  const outputPath = join(BUILD_ROOT, suite);
  const lock = join(BUILD_ROOT, '.lock');
  mkdirSync(BUILD_ROOT, { recursive: true });
  await acquire(lock);
  try {
    await buildWorkbench({ mode: 'development', outputPath });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return outputPath;
}

async function acquire(lock: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      // A lock left by a killed run is older than any real build.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held !== undefined && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 3 minutes for ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a fresh profile of its own (playwright passes it as --user-data-dir). */
export async function launchBrowser(): Promise<Browser> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'kiva-sheets-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1700, height: 860 },
    locale: 'en-US',
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface Site {
  stack: LocalStack;
  url: string;
  logs: string[];
  close(): Promise<void>;
}

/**
 * A server (local mode) with stage and an emulator-backed production, serving the workbench. One per test: the
 * audit log's duplicate guard remembers every loan sent, so tests never share one. `settings`: server settings a
 * test needs (KIVA_SHEETS_LOCAL_AUTH=pairing…).
 */
export async function startSite(
  workbenchDir: string,
  emulator: Omit<EmulatorOptions, 'port'> = {},
  settings: Readonly<Record<string, string>> = {},
): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-e2e-'));
  const logs: string[] = [];
  const stack = await startLocalStack({
    port: 0,
    databasePath: join(dir, 'audit.sqlite'),
    production: true,
    emulator,
    settings,
    hooks: workbenchHooks(workbenchDir),
    log: (line) => logs.push(line),
  });
  return {
    stack,
    url: stack.server.url,
    logs,
    async close() {
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Workbench {
  page: Page;
  /** Uncaught errors and failed requests of the page: a test ends by expecting none. */
  problems: string[];
  /**
   * Closes the page and answers the problems seen until then. Closing aborts what the pane still had in flight (a
   * background loans fetch, say): that is the test's doing, not a problem of the pane.
   */
  close(): Promise<string[]>;
  cell(ref: string): Locator;
  rowHeader(row: number): Locator;
  /** The pane (right-hand side). */
  pane: Locator;
  ribbon(label: string): Promise<void>;
  selectRows(first: number, last?: number): Promise<void>;
  tab(name: string): Promise<void>;
  /** Waits until a cell shows text matching `pattern`. */
  cellText(ref: string, pattern: RegExp, timeout?: number): Promise<void>;
  shot(name: string): Promise<void>;
}

export interface OpenOptions {
  lang?: string;
  excel?: '1.10';
  latencyMs?: number;
  /** The pane's width in px (the workbench's 380 otherwise). */
  paneWidth?: number;
  /** The workbook kept in the tab (`keep=1`): a reload reopens it instead of starting the sample afresh. */
  keep?: boolean;
}

export async function openWorkbench(
  browser: Browser,
  site: Site,
  sample: SampleName,
  options: OpenOptions = {},
): Promise<Workbench> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // A reload cancels what the page it leaves had in flight: that is the browser's doing, not a problem of the pane.
  // Every other failure is one. A document's end is when the next navigation starts (its request), not when the
  // next one commits: the old page's fetches are aborted in between, and under load their `requestfailed` can come
  // before `framenavigated`. A request the old page makes while the navigation is pending is the old page's too.
  let started = 0;
  let committed = 0;
  const documentOf = new WeakMap<Request, number>();
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) committed = started;
  });
  page.on('requestfailed', (request) => {
    const errorText = request.failure()?.errorText ?? 'no error text';
    const left = (documentOf.get(request) ?? started) < started;
    if (left && errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed (${errorText}): ${request.url()}`);
  });
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      started += 1;
      documentOf.set(request, started);
    } else {
      documentOf.set(request, committed < started ? started - 1 : started);
    }
    if (!request.url().startsWith(site.url) && !request.url().startsWith('data:')) {
      problems.push(`request outside the server: ${request.url()}`);
    }
  });
  const query = new URLSearchParams({ sample, lang: options.lang ?? 'en-US' });
  if (options.excel !== undefined) query.set('excel', options.excel);
  if (options.latencyMs !== undefined) query.set('latency', String(options.latencyMs));
  if (options.paneWidth !== undefined) query.set('pane', String(options.paneWidth));
  if (options.keep === true) query.set('keep', '1');
  await page.goto(`${site.url}/workbench.html?${query.toString()}`);
  const pane = page.getByRole('complementary', { name: 'Kiva Sheets task pane' });
  await pane.getByRole('tablist').waitFor();
  const workbench: Workbench = {
    page,
    problems,
    async close() {
      const seen = [...problems];
      await page.close();
      return seen;
    },
    pane,
    cell: (ref) => page.locator(`td[data-ref="${ref}"]`),
    rowHeader: (row) => page.locator(`th[data-row="${row}"]`),
    async ribbon(label) {
      const button = page.getByRole('toolbar', { name: 'Kiva Sheets ribbon' }).getByRole('button', { name: label });
      await button.click();
      // The ribbon's buttons are disabled while a command runs.
      await page.waitForFunction(
        (name) =>
          [...document.querySelectorAll<HTMLButtonElement>('[role="toolbar"] button')].every(
            (b) => b.textContent !== name || !b.disabled,
          ),
        label,
      );
    },
    async selectRows(first, last) {
      await workbench.rowHeader(first).click();
      if (last !== undefined && last !== first) await workbench.rowHeader(last).click({ modifiers: ['Shift'] });
    },
    async tab(name) {
      await pane.getByRole('tab', { name }).click();
    },
    async cellText(ref, pattern, timeout = 15_000) {
      await page.waitForFunction(
        ([selector, source, flags]) =>
          new RegExp(source, flags).test(document.querySelector(selector)?.textContent ?? ''),
        [`td[data-ref="${ref}"]`, pattern.source, pattern.flags] as const,
        { timeout },
      );
    },
    async shot(name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    },
  };
  return workbench;
}

/** The text of a column's cells from `first` to `last` (Excel row numbers). */
export async function columnTexts(workbench: Workbench, column: string, first: number, last: number) {
  const texts: string[] = [];
  for (let row = first; row <= last; row++) texts.push((await workbench.cell(`${column}${row}`).textContent()) ?? '');
  return texts;
}

export interface Suite {
  /** A fresh site (server + emulators) and the workbench on a sample, closed after the test. */
  open(sample: SampleName, options?: OpenOptions): Promise<{ site: Site; bench: Workbench }>;
  /** period: the sample opened again, fresh (no statuses), on the same site: yesterday's copy, the same server. */
  reopen(sample: SampleName, options?: OpenOptions): Promise<Workbench>;
}

/**
 * The hooks every browser suite needs: the workbench built and Chromium started once, a site per test, and each
 * test failing on any page error or request that left our server.
 */
export function e2eSuite(name: string): Suite {
  let browser: Browser | undefined;
  let workbenchDir = '';
  let current: { site: Site; bench: Workbench } | undefined;
  const extra: Workbench[] = [];

  beforeAll(async () => {
    requireChromium();
    workbenchDir = await buildSuiteWorkbench(name);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    const opened = current;
    current = undefined;
    if (opened === undefined) return;
    for (const bench of extra.splice(0)) expect(await bench.close()).toEqual([]);
    const problems = await opened.bench.close();
    await opened.site.close();
    expect(problems).toEqual([]);
  });

  return {
    async open(sample, options) {
      if (browser === undefined) throw new Error('the browser did not start');
      const site = await startSite(workbenchDir);
      const bench = await openWorkbench(browser, site, sample, options);
      current = { site, bench };
      return current;
    },
    async reopen(sample, options) {
      if (browser === undefined || current === undefined) throw new Error('open a sample first');
      const bench = await openWorkbench(browser, current.site, sample, options);
      extra.push(bench);
      return bench;
    },
  };
}
