/**
 * `npm run guide:screenshots`: the coordinator's guide's pictures, taken from the real task pane in the workbench
 * (dev/workbench: the pane over a simulated Excel, the server, the Kiva emulator), in English, Spanish and French,
 * at the width Excel gives a task pane. Writes docs/guide/<lang>/img/*.png and docs/guide/screenshots.json, which
 * records a fingerprint of the sources the pictures show (see ./fingerprint.ts): `npm run guide:check` compares it
 * with the sources as they are now.
 *
 * One workbench build, one Chromium, and a fresh server + emulators per scene (the audit log's duplicate guard
 * remembers what a scene sent). Languages are shot one after the other: two cores are shared.
 *
 *   npm run guide:screenshots                 all languages
 *   npm run guide:screenshots -- --lang es    one language (the fingerprint is written only for a full run)
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Configuration, Stats } from 'webpack';
import { launchBrowser, openWorkbench, startSite, type Browser, type Workbench } from '../../test/e2e/harness';
import { fill, plural, uiText, type UiCatalogue, type UiLanguage } from '../../src/i18n';
import { CATALOGUES, columnNumber } from '../../src/sheet';
import type { SampleName } from '../workbench/samples';
import type { EmulatorOptions } from '../kiva-emulator';
import { GUIDE_LANGUAGES, GUIDE_ROOT, ROOT, SHOTS, writeShotsRecord, type ShotName } from './shots';

/** Excel's task pane on Windows and the web opens 350 px wide (Office's add-in design guidance). */
export const PANE_WIDTH = 350;
const PANE_HEIGHT = 620;
const MAX_PANE_HEIGHT = 1000;
/** The workbench's own header above the pane. */
const HEADER_HEIGHT = 40;

/** Office's display language per guide language: the pane picks its words from it, as in Excel. */
const DISPLAY_LANGUAGE: Record<UiLanguage, string> = { en: 'en-US', es: 'es-ES', fr: 'fr-FR' };

/** The workbench as a screenshot wants it: the pane at Excel's width, everything laid out at its natural height. */
const SHOT_CSS = `
.wb-pane { width: ${PANE_WIDTH}px !important; }
*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }
`;

interface Scene {
  sample: SampleName;
  emulator?: Omit<EmulatorOptions, 'port'>;
  run(stage: Stage): Promise<void>;
}

interface Stage {
  lang: UiLanguage;
  t: UiCatalogue;
  page: Page;
  pane: Locator;
  tab(id: 'connection' | 'sheet' | 'validate' | 'send' | 'tools'): Promise<void>;
  selectRows(first: number, last?: number): Promise<void>;
  button(name: string | RegExp): Locator;
  /** The pane alone, as Excel shows it, or one element of the pane or the page (a section, a dialog). */
  shootPane(name: ShotName, element?: Locator, options?: { maxHeight?: number }): Promise<void>;
  /** The button that sends `count` rows. */
  sendButton(count: number): Locator;
  /**
   * The sheet's rows 1 to `rows`, without the columns `hide` names (first and last), so the status column shows;
   * `wide`: one column drawn wider than the grid's 320 px, so a long status is read to its end (or nearly).
   */
  shootSheet(name: ShotName, view: { rows: number; hide?: [string, string]; wide?: [string, number] }): Promise<void>;
  site: Awaited<ReturnType<typeof startSite>>;
  /**
   * Yesterday's copy of the workbook: the scene's sample opened afresh (no statuses) on the same server, whose
   * delivery ledger remembers what the scene sent. The stage then shows that copy.
   */
  reopen(): Promise<void>;
  /** Types `text` into a cell of the sheet, as a coordinator does (double-click, type, Enter). */
  typeInto(ref: string, text: string): Promise<void>;
  /** Waits until a cell of the sheet shows text matching `pattern`. */
  cellText(ref: string, pattern: RegExp): Promise<void>;
  /** Takes pictures with the elements `selector` matches hidden (a section that has a picture of its own). */
  hideWhileShooting(selector: string, shoot: () => Promise<void>): Promise<void>;
}

const SCENES: readonly Scene[] = [
  {
    // The first steps: the pane as it opens, the connection, a check, a send, the statuses, the tools.
    sample: 'loans',
    async run(s) {
      await s.pane.getByText(fill(s.t.sheet.heading, { sheet: 'Loans' })).waitFor();
      await s.shootPane('sheet-tab');
      await s.tab('connection');
      await s.button(s.t.connection.test).click();
      await s.pane.getByText(matching(s.t.connection.testOk)).waitFor();
      await s.shootPane('connection');
      await s.tab('validate');
      await s.pane.getByRole('radio', { name: s.t.scope.sheet }).check();
      await s.button(s.t.validate.run).click();
      await s.pane.getByText(counts(s.t, 3, 14)).waitFor();
      await s.shootPane('check-results');
      await s.shootSheet('sheet-invalid', { rows: 10, hide: ['I', 'N'] });
      await s.tab('send');
      await s.pane.getByRole('radio', { name: s.t.scope.pending }).check();
      const send = s.sendButton(11);
      await send.waitFor();
      await s.shootPane('send-ready');
      await send.click();
      await s.pane.getByText(s.t.send.summaryTitle, { exact: true }).waitFor();
      await s.shootPane('send-summary');
      await s.shootSheet('sheet-statuses', { rows: 10, hide: ['F', 'N'] });
      await s.tab('tools');
      await s.button(s.t.lists.refresh).click();
      await s.pane.getByText(matching(s.t.lists.refreshed)).waitFor();
      await s.shootPane('settings', s.pane.locator('section[aria-labelledby="settings-heading"]'));
      // The tab below its settings (they have their own picture): photos, lists, template, support.
      // A little taller than the other panels, so its last section (help from Kiva support) is whole.
      await s.hideWhileShooting('section[aria-labelledby="settings-heading"]', () =>
        s.shootPane('tools', undefined, { maxHeight: 1100 }),
      );
    },
  },
  {
    // A photo for one borrower of a sheet without a photo column: kept in the workbook, tied to the loan id.
    sample: 'loans',
    async run(s) {
      await s.tab('tools');
      await s.selectRows(2);
      await s.pane.getByRole('radio', { name: s.t.photos.selected }).check();
      const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.button(s.t.photos.chooseOne).click()]);
      await chooser.setFiles({ name: 'ana-quispe.jpg', mimeType: 'image/jpeg', buffer: JPEG });
      await s.pane.getByText(s.t.photos.kept, { exact: false }).waitFor();
      await s.shootPane('photos', s.pane.locator('section[aria-labelledby="photos-heading"]'));
    },
  },
  {
    // A loans sheet as an MIS exports it: Spanish headers, one column mapped by hand.
    sample: 'prestamos',
    async run(s) {
      await s.pane.getByText(fill(s.t.sheet.heading, { sheet: 'Préstamos' })).waitFor();
      await s.pane.getByRole('combobox', { name: fill(s.t.sheet.fieldFor, { column: 'F', header: 'Sector' }) }).click();
      await s.page.getByRole('option', { name: s.t.fields.activity, exact: true }).click();
      await s.pane.getByText(s.t.sheet.saved).waitFor();
      await s.shootPane('mapping');
    },
  },
  {
    sample: 'repayments',
    async run(s) {
      await s.tab('send');
      await s.pane.getByRole('radio', { name: s.t.scope.pending }).check();
      await s.sendButton(8).click();
      await s.pane.getByText(s.t.send.summaryTitle, { exact: true }).waitFor();
      await s.shootPane('repayments-summary');
      await s.shootSheet('repayments-sheet', { rows: 11 });
      // Yesterday's copy, without the statuses, and one amount typed again differently (25 → 30, row 3): the
      // server's record repairs the statuses (Sent, sent earlier) and holds the changed row back.
      await s.reopen();
      await s.typeInto('C3', '30');
      await s.tab('send');
      const status = CATALOGUES[s.lang].status;
      const earlier = escaped(status.ledger.sentEarlier.split('{user}')[0] ?? '');
      await s.cellText('D2', new RegExp(`^${escaped(status.sent)} · .+ · ${earlier}`));
      await s.cellText('D3', new RegExp(`^${escaped(status.ledger.changed)}`));
      await s.pane.getByText(plural(s.lang, s.t.ledger.changed, 1)).waitFor();
      await s.shootPane('reopened-send');
      await s.shootSheet('reopened-sheet', { rows: 11, hide: ['B', 'B'], wide: ['D', 740] });
    },
  },
  {
    // A Spanish MIS export: Kiva accepts some repayments with warnings and refuses others.
    sample: 'mis',
    async run(s) {
      await s.tab('send');
      await s.pane.getByRole('radio', { name: s.t.scope.pending }).check();
      await s.pane.getByRole('button', { name: matching(s.t.send.runCount.other) }).click();
      await s.pane.getByText(s.t.send.summaryTitle, { exact: true }).waitFor();
      await s.pane.getByText(s.t.send.warnedRows, { exact: false }).first().waitFor();
      // Taller too: the lists of rows, then the next step in PA2, which the text beside it names.
      await s.shootPane('warnings-summary', undefined, { maxHeight: 1100 });
    },
  },
  {
    sample: 'journals',
    async run(s) {
      await s.tab('send');
      await s.pane.getByRole('radio', { name: s.t.scope.pending }).check();
      await s.sendButton(5).click();
      await s.pane.getByText(s.t.send.confirmUrls).waitFor();
      await s.shootPane('journals-confirm');
    },
  },
  {
    // Kiva applies the draft but the answer is lost on the way back: the row is Uncertain, never Sent.
    sample: 'loans',
    async run(s) {
      s.site.stack.stage.inject({ kind: 'reset-after-apply', match: { path: 'loan_draft' } });
      await s.selectRows(2);
      await s.tab('send');
      // Send opens on all pending rows: this scene sends the one selected row.
      await s.pane.getByRole('radio', { name: s.t.scope.selection }).check();
      await s.sendButton(1).click();
      await s.pane.getByText(s.t.send.uncertainRows).waitFor();
      await s.shootPane('uncertain');
    },
  },
  {
    sample: 'loans',
    async run(s) {
      await s.tab('connection');
      await s.pane.getByRole('radio', { name: new RegExp(`^${s.t.env.production}`) }).click();
      // Choosing production asks once per pane session.
      await s.page.getByRole('alertdialog').getByRole('button', { name: s.t.productionChoice.go }).click();
      await s.pane.getByText(s.t.connection.productionBanner).waitFor();
      await s.selectRows(2);
      await s.tab('send');
      await s.pane.getByRole('radio', { name: s.t.scope.selection }).check();
      await s.sendButton(1).click();
      const dialog = s.page.getByRole('alertdialog');
      await dialog.getByRole('button', { name: plural(s.lang, s.t.confirm.goProduction, 1) }).waitFor();
      // Office opens the dialog inside the pane: as wide as the pane, not as the workbench page.
      await s.page.setViewportSize({ width: PANE_WIDTH, height: PANE_HEIGHT });
      await s.shootPane('production-confirm', dialog);
    },
  },
];

/** The first bytes of a JPEG file: enough for the pane's photo check (it reads the type from them). */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A catalogue template as a pattern: its `{placeholders}` match anything. */
function matching(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map(escaped);
  return new RegExp(`^${parts.join('.+')}$`);
}

/** The check's counts line for `errors` errors in `rows` rows, whatever the number of warnings. */
function counts(t: UiCatalogue, errors: number, rows: number): RegExp {
  return matching(t.validate.counts.replace('{errors}', String(errors)).replace('{rows}', String(rows)));
}

async function shootLanguage(browser: Browser, workbenchDir: string, lang: UiLanguage): Promise<string[]> {
  const dir = join(GUIDE_ROOT, lang, 'img');
  mkdirSync(dir, { recursive: true });
  const taken: string[] = [];
  for (const scene of SCENES) {
    const began = performance.now();
    const site = await startSite(workbenchDir, scene.emulator ?? {});
    // No simulated Excel latency: the pictures show end states, and the lists sheet is written in many syncs.
    const open = async (): Promise<Workbench> => {
      const opened = await openWorkbench(browser, site, scene.sample, { lang: DISPLAY_LANGUAGE[lang], latencyMs: 0 });
      await opened.page.setViewportSize({ width: 1280, height: PANE_HEIGHT + HEADER_HEIGHT });
      await opened.page.addStyleTag({ content: SHOT_CSS });
      return opened;
    };
    // The workbench the stage shows; `reopen` replaces it with a fresh copy of the sample.
    let bench = await open();
    const problems: string[] = [];
    const paneBox = () => bench.page.locator('aside.wb-pane');
    const stage: Stage = {
      lang,
      t: uiText(lang),
      get page() {
        return bench.page;
      },
      get pane() {
        return bench.pane;
      },
      site,
      async tab(id) {
        await bench.pane.locator(`#tab-${id}`).click();
        await bench.pane.locator(`#panel-${id}`).waitFor();
      },
      selectRows: (first, last) => bench.selectRows(first, last),
      sendButton(count) {
        const t = uiText(lang).send.runCount;
        return bench.pane.getByRole('button', { name: plural(lang, t, count), exact: true });
      },
      button: (name) => bench.pane.getByRole('button', { name, exact: typeof name === 'string' }),
      async reopen() {
        problems.push(...(await bench.close()));
        bench = await open();
      },
      async typeInto(ref, text) {
        await bench.cell(ref).dblclick();
        const editor = bench.page.getByLabel(`Edit ${ref}`);
        await editor.fill(text);
        await editor.press('Enter');
      },
      cellText: (ref, pattern) => bench.cellText(ref, pattern),
      async hideWhileShooting(selector, shoot) {
        const style = await bench.page.addStyleTag({ content: `${selector} { display: none !important; }` });
        try {
          await shoot();
        } finally {
          await style.evaluate((element) => (element as Element).remove());
        }
      },
      async shootPane(name, element, options) {
        const { page } = bench;
        const box = paneBox();
        const target = element ?? box;
        await page.mouse.move(0, 0);
        // The whole panel, as a coordinator scrolls through it, but never a poster.
        const width = page.viewportSize()?.width ?? 1280;
        if (element === undefined) {
          await page.setViewportSize({ width, height: PANE_HEIGHT + HEADER_HEIGHT });
          const natural = await box.evaluate((aside) => aside.scrollHeight);
          const height = Math.min(Math.max(natural, PANE_HEIGHT), options?.maxHeight ?? MAX_PANE_HEIGHT);
          if (height > PANE_HEIGHT) await page.setViewportSize({ width, height: height + HEADER_HEIGHT });
          // From the pane's top, as it opens, even when a control further down has the focus.
          await box.evaluate((aside) => aside.scrollTo(0, 0));
        }
        await target.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled' });
        taken.push(name);
      },
      async shootSheet(name, view) {
        const { page } = bench;
        const [from, to] = (view.hide ?? []).map(columnNumber);
        // Row numbers are the first child of each table row, so column k is child k + 1.
        const rules = [
          from === undefined || to === undefined
            ? ''
            : `.wb-table tr > :nth-child(n+${from + 1}):nth-child(-n+${to + 1}) { display: none; }`,
          view.wide === undefined
            ? ''
            : `.wb-table tr > :nth-child(${columnNumber(view.wide[0]) + 1}) { width: ${view.wide[1]}px; max-width: ${view.wide[1]}px; }`,
        ].join('\n');
        const style = rules.trim() === '' ? undefined : await page.addStyleTag({ content: rules });
        const table = await page.locator('.wb-table').boundingBox();
        const last = await bench.cell(`A${view.rows}`).boundingBox();
        if (table === null || last === null) throw new Error(`the sheet is not drawn for ${name}`);
        await page.screenshot({
          path: join(dir, `${name}.png`),
          clip: { x: table.x, y: table.y, width: Math.min(table.width, 930), height: last.y + last.height - table.y },
          animations: 'disabled',
        });
        await style?.evaluate((element) => (element as Element).remove());
        taken.push(name);
      },
    };
    try {
      const opened = performance.now();
      try {
        await scene.run(stage);
      } catch (error) {
        // What the pane showed when the scene stopped short, to see at once which words or counts changed.
        const failure = join(ROOT, 'test-artifacts', `guide-failure-${lang}-${scene.sample}.png`);
        mkdirSync(dirname(failure), { recursive: true });
        await bench.page.screenshot({ path: failure, fullPage: true }).catch(() => undefined);
        console.error(`The scene ${lang}/${scene.sample} stopped short; the page as it was: ${failure}`);
        throw error;
      }
      if (process.env.KIVA_SHEETS_GUIDE_TIMING === '1') {
        console.log(
          `  ${lang} ${scene.sample}: opened in ${ms(opened - began)}, shot in ${ms(performance.now() - opened)}`,
        );
      }
      problems.push(...(await bench.close()));
      if (problems.length > 0) throw new Error(`the page had problems: ${problems.join('; ')}`);
    } finally {
      if (!bench.page.isClosed()) await bench.page.close();
      await site.close();
    }
  }
  return taken;
}

async function main(): Promise<void> {
  const only = argValue('--lang');
  const languages = only === undefined ? GUIDE_LANGUAGES : GUIDE_LANGUAGES.filter((l) => l === only);
  if (languages.length === 0) throw new Error(`--lang must be one of ${GUIDE_LANGUAGES.join(', ')}`);
  const started = performance.now();
  const workbenchDir = await buildFastWorkbench();
  console.log(`Workbench built in ${ms(performance.now() - started)}.`);
  const browser = await launchBrowser();
  try {
    for (const lang of languages) {
      rmSync(join(GUIDE_ROOT, lang, 'img'), { recursive: true, force: true });
      const taken = await shootLanguage(browser, workbenchDir, lang);
      const missing = SHOTS.filter((name) => !taken.includes(name));
      if (missing.length > 0) throw new Error(`${lang}: no picture for ${missing.join(', ')}`);
      console.log(`${lang}: ${taken.length} screenshots`);
    }
  } finally {
    await browser.close();
  }
  if (only === undefined) writeShotsRecord();
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

/**
 * The workbench in production mode (React without its development checks makes every scene several times faster)
 * but not minified (minifying would take longer than all the scenes), into build/guide; webpack's filesystem cache
 * makes later builds take seconds.
 */
async function buildFastWorkbench(): Promise<string> {
  const load = createRequire(__filename);
  const webpack = load('webpack') as typeof import('webpack');
  const { createWorkbenchConfig } = load('../../webpack.config.js') as {
    createWorkbenchConfig(options: { mode: 'production'; outputPath: string }): Configuration;
  };
  const outputPath = join(ROOT, 'build', 'guide');
  const config = createWorkbenchConfig({ mode: 'production', outputPath });
  config.optimization = { ...config.optimization, minimize: false };
  const compiler = webpack(config);
  try {
    const stats = await new Promise<Stats | undefined>((resolve, reject) =>
      compiler.run((error, result) => (error ? reject(error) : resolve(result))),
    );
    if (stats?.hasErrors()) throw new Error(stats.toString({ all: false, errors: true, colors: false }));
  } finally {
    await new Promise<void>((resolve) => compiler.close(() => resolve()));
  }
  return outputPath;
}

function ms(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

function argValue(name: string): string | undefined {
  const k = process.argv.indexOf(name);
  return k === -1 ? undefined : process.argv[k + 1];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
