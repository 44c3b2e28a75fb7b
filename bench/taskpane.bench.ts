/**
 * Task pane weight: runs the production webpack build (into a temporary folder, so dist/ is left alone) and prints
 * the JavaScript taskpane.html loads before first paint — the entrypoint's initial chunks — gzipped, against
 * the goal (250 KB) and against Microsoft's React task-pane template (169 KB), as ratios. Lazy chunks (sign-in,
 * Tools, Preview) are listed apart: they load only when used.
 *
 * KB here is 1,024 bytes; gzip at level 9, as size tools (gzip-size, bundlesize) report.
 *
 * Then the time to interactive: that build served by our server (with the Kiva emulator behind it) and opened in
 * headless Chromium, from navigation start to the pane drawn and to the pane usable (the session loaded from /api),
 * median of several cold loads, against the same browser loading a bare page from the same server (the floor).
 * office.js is answered with an empty script, as the CDN is unreachable here: Office's own load is not counted.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Configuration, Stats, StatsChunk } from 'webpack';

const GOAL_KB = 250;
const TEMPLATE_KB = 169;

interface ConfigModule {
  createConfig(options: { mode: 'production'; outputPath: string }): Configuration;
}

export async function run(): Promise<void> {
  const load = createRequire(__filename);
  const { createConfig } = load('../webpack.config.js') as ConfigModule;
  const webpack = load('webpack') as typeof import('webpack');
  const outputPath = mkdtempSync(join(tmpdir(), 'kiva-pane-'));
  try {
    const started = performance.now();
    const stats = await build(webpack, createConfig({ mode: 'production', outputPath }));
    const seconds = (performance.now() - started) / 1000;
    const json = stats.toJson({ all: false, entrypoints: true, chunks: true, assets: true });
    const initialFiles = (json.entrypoints?.taskpane?.assets ?? [])
      .map((a) => a.name)
      .filter((name) => name.endsWith('.js'));
    const lazy = (json.chunks ?? []).filter((c: StatsChunk) => !c.initial);

    const gz = (file: string) => gzipSync(readFileSync(join(outputPath, file)), { level: 9 }).length;
    const raw = (file: string) => readFileSync(join(outputPath, file)).length;
    const kb = (bytes: number) => bytes / 1024;

    let initialGz = 0;
    let initialRaw = 0;
    console.log(`production build: ${seconds.toFixed(1)} s`);
    console.log('initial JavaScript (loaded by taskpane.html before first paint):');
    for (const file of initialFiles) {
      initialGz += gz(file);
      initialRaw += raw(file);
      console.log(
        `  ${file.padEnd(28)} ${kb(raw(file)).toFixed(1).padStart(7)} KB raw ${kb(gz(file)).toFixed(1).padStart(7)} KB gz`,
      );
    }
    console.log(
      `  ${'total'.padEnd(28)} ${kb(initialRaw).toFixed(1).padStart(7)} KB raw ${kb(initialGz).toFixed(1).padStart(7)} KB gz`,
    );
    console.log(`  vs goal ${GOAL_KB} KB gz:               ${(kb(initialGz) / GOAL_KB).toFixed(2)}× (≤ 1.00 meets it)`);
    console.log(`  vs Microsoft's React template ${TEMPLATE_KB} KB: ${(kb(initialGz) / TEMPLATE_KB).toFixed(2)}×`);
    console.log('loaded on demand:');
    for (const chunk of lazy) {
      for (const file of (chunk.files ?? []).filter((f) => f.endsWith('.js'))) {
        const name = (chunk.names ?? []).join(',') || String(chunk.id);
        console.log(
          `  ${name.padEnd(28)} ${kb(raw(file)).toFixed(1).padStart(7)} KB raw ${kb(gz(file)).toFixed(1).padStart(7)} KB gz`,
        );
      }
    }
    await timeToInteractive(outputPath);
  } finally {
    rmSync(outputPath, { recursive: true, force: true });
  }
}

function build(webpack: typeof import('webpack'), config: Configuration): Promise<Stats> {
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (!stats) return reject(new Error('webpack gave no stats'));
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(stats);
    });
  });
}

const CHROMIUM = process.env.KIVA_SHEETS_CHROMIUM ?? '/usr/bin/chromium';
const LOADS = 7;

interface PaneTimes {
  /** The page's load event: its scripts fetched and run. */
  loaded: number;
  /** The pane's tabs on screen. */
  drawn: number;
  /** The session answered and shown: the pane can be used. */
  interactive: number;
}

async function timeToInteractive(distDir: string): Promise<void> {
  console.log('time to interactive (headless Chromium, local server):');
  if (!existsSync(CHROMIUM)) {
    console.log(`  not measured: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const { startLocalStack } = await import('../dev/stack');
  const { OFFICE_JS_CDN } = createRequire(__filename)('../webpack.config.js') as { OFFICE_JS_CDN: string };
  const work = mkdtempSync(join(tmpdir(), 'kiva-tti-'));
  const stack = await startLocalStack({
    port: 0,
    databasePath: join(work, 'audit.sqlite'),
    settings: { KIVA_SHEETS_DIST_DIR: distDir },
    log: () => undefined,
  });
  const floors: number[] = [];
  const panes: PaneTimes[] = [];
  try {
    for (let run = 0; run < LOADS; run++) {
      // A fresh profile each time: a cold load, as a user opening the pane for the day.
      const context = await chromium.launchPersistentContext(join(work, `profile-${run}`), {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      });
      try {
        const page = await context.newPage();
        await page.route(OFFICE_JS_CDN, (route) =>
          route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
        );
        await page.addInitScript(() => {
          const marks: { drawn?: number; interactive?: number } = {};
          (window as unknown as { __marks: typeof marks }).__marks = marks;
          new MutationObserver(() => {
            if (marks.drawn === undefined && document.querySelector('[role="tablist"]'))
              marks.drawn = performance.now();
            if (marks.interactive === undefined && document.querySelector('[data-environment="stage"]')) {
              marks.interactive = performance.now();
            }
          }).observe(document, { childList: true, subtree: true, attributes: true });
        });
        await page.goto(`${stack.server.url}/help`, { waitUntil: 'load' });
        floors.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.duration ?? NaN));
        await page.goto(`${stack.server.url}/taskpane.html`, { waitUntil: 'load' });
        await page.waitForFunction(
          () => (window as unknown as { __marks: { interactive?: number } }).__marks.interactive,
        );
        panes.push(
          await page.evaluate(() => {
            const marks = (window as unknown as { __marks: { drawn: number; interactive: number } }).__marks;
            const loaded = performance.getEntriesByType('navigation')[0]?.duration ?? NaN;
            return { loaded, drawn: marks.drawn, interactive: marks.interactive };
          }),
        );
      } finally {
        await context.close();
      }
    }
  } finally {
    await stack.close();
    rmSync(work, { recursive: true, force: true });
  }
  const floor = median(floors);
  const row = (label: string, values: number[]) => {
    const value = median(values);
    console.log(
      `  ${label.padEnd(28)} ${value.toFixed(0).padStart(6)} ms   ${(value / floor).toFixed(1).padStart(5)}× the floor`,
    );
  };
  console.log(
    `  ${'floor: bare page, same server'.padEnd(28)} ${floor.toFixed(0).padStart(6)} ms   (median of ${LOADS} cold loads)`,
  );
  row(
    'page loaded (scripts run)',
    panes.map((p) => p.loaded),
  );
  row(
    'pane drawn',
    panes.map((p) => p.drawn),
  );
  row(
    'pane interactive (session)',
    panes.map((p) => p.interactive),
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}
