/**
 * Issue #15 item 10 in a real browser: axe-core (the engine of the browsers' accessibility checkers) finds no
 * violation in any tab of the pane in English, Spanish and French at 350 px, nor in the two dialogs (choosing
 * production, confirming a production send), nor in the check report, the send summary and the preview.
 *
 * axe runs inside the page (its script injected as text, not fetched) over the pane and Fluent's portals (the
 * dialogs and dropdown lists are mounted on <body>, outside the pane); the workbench's simulated grid and ribbon
 * are dev tools and not checked. Any exception must be listed in EXCEPTIONS with the reason.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { e2eSuite, type Workbench } from './harness';

jest.setTimeout(180_000);

const { open } = e2eSuite('accessibility');

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const LANGUAGES = [
  { office: 'en-US', lang: 'en' },
  { office: 'es-PE', lang: 'es' },
  { office: 'fr-FR', lang: 'fr' },
] as const;
const TABS = ['connection', 'sheet', 'validate', 'send', 'tools'] as const;

/**
 * Rules not counted, each with why and the only element it may name. The workbench puts the pane in an <aside> of its
 * own page beside the simulated grid (its <main>); in Excel the pane is a document of its own, where its <main> is the
 * only one and top-level (taskpane.html: body > #root > the provider's div > main).
 */
const EXCEPTIONS: Record<string, { why: string; only: string }> = {
  'landmark-main-is-top-level': { why: 'the workbench’s <aside> holds the pane', only: 'main' },
  'landmark-no-duplicate-main': { why: 'the workbench’s grid is its own <main>', only: 'main' },
};

interface Found {
  id: string;
  impact: string | null | undefined;
  targets: string[];
}

/** axe over the pane and Fluent's portals; what it finds, one entry per rule with the elements it names. */
async function axe(page: Page): Promise<Found[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  // Fluent fades bars and dialogs in: colours measured half-way through would be paler than they end.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  return page.evaluate(async (exceptions) => {
    const run = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } }).axe
      .run;
    interface AxeResults {
      violations: {
        id: string;
        impact?: string | null;
        nodes: { target: string[]; html: string; failureSummary?: string }[];
      }[];
    }
    const include = [['aside.wb-pane'], ...[...document.querySelectorAll('[data-portal-node]')].map(portalSelector)];
    function portalSelector(el: Element): string[] {
      const id = el.id !== '' ? el.id : `axe-portal-${Math.random().toString(36).slice(2)}`;
      el.id = id;
      return [`#${CSS.escape(id)}`];
    }
    const results = await run.call(
      (window as unknown as { axe: unknown }).axe,
      { include },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        resultTypes: ['violations'],
      },
    );
    const excused = (v: AxeResults['violations'][number]) => {
      const exception = exceptions[v.id];
      return (
        exception !== undefined &&
        v.nodes.every((n) => document.querySelector(n.target.join(' '))?.tagName.toLowerCase() === exception.only)
      );
    };
    return results.violations
      .filter((v) => !excused(v))
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n) => `${n.target.join(' ')} ${n.html} ${n.failureSummary ?? ''}`),
      }));
  }, EXCEPTIONS);
}

async function showTab(bench: Workbench, index: number): Promise<void> {
  await bench.pane.getByRole('tab').nth(index).click();
  await bench.pane.locator(`#panel-${TABS[index]}`).waitFor();
  await bench.page.waitForFunction(
    (id) => document.querySelector(`#${id} [role="progressbar"], #${id} .fui-Spinner`) === null,
    `panel-${TABS[index]}`,
  );
}

describe('axe finds nothing in the pane', () => {
  for (const { office, lang } of LANGUAGES) {
    it(`${lang}: every tab, the check report, the send summary and preview, both production dialogs`, async () => {
      const { bench } = await open('loans', { lang: office, paneWidth: 350 });
      const found: Record<string, Found[]> = {};
      for (let index = 0; index < TABS.length; index++) {
        await showTab(bench, index);
        found[TABS[index] as string] = await axe(bench.page);
      }
      // The check report.
      await showTab(bench, 2);
      await bench.pane.getByRole('button', { name: /^(Check rows|Revisar filas|Vérifier les lignes)$/ }).click();
      await bench.pane.getByRole('status').filter({ hasText: /\d/ }).waitFor();
      found['validate-report'] = await axe(bench.page);

      // The environment dialog, then production chosen.
      await showTab(bench, 0);
      await bench.pane.getByRole('radio', { name: /^(Production|Producción)/ }).click();
      const dialog = bench.page.getByRole('alertdialog');
      await dialog.waitFor();
      found['environment-dialog'] = await axe(bench.page);
      await dialog.getByRole('button').nth(1).click();
      await dialog.waitFor({ state: 'detached' });
      await bench.page.locator('div[data-environment="production"]').waitFor();

      // The send confirmation for production.
      await bench.selectRows(2);
      await showTab(bench, 3);
      // The selected row only (all pending rows is the default).
      await bench.pane.getByRole('radio').nth(1).check();
      await bench.pane.getByRole('button', { name: /^(Send|Enviar|Envoyer) 1 / }).click();
      await dialog.waitFor();
      found['production-dialog'] = await axe(bench.page);
      await dialog.getByRole('button').nth(1).click();
      await dialog.waitFor({ state: 'detached' });
      await bench.pane
        .getByRole('button', { name: /^(Row|Fila|Ligne) \d+$/ })
        .or(bench.pane.getByText(/\d/).locator('.fui-MessageBarTitle'))
        .first()
        .waitFor();
      await bench.page.waitForFunction(() => document.querySelector('#panel-send [role="progressbar"]') === null);
      found['send-summary'] = await axe(bench.page);

      await bench.pane.getByRole('radio').first().check();
      await bench.pane.getByRole('button', { name: /^(Show what|Mostrar lo que|Voir ce qui)/ }).click();
      await bench.pane.locator('pre').first().waitFor();
      found['send-preview'] = await axe(bench.page);

      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
    });

    it(`${lang}: the Send tab of a repayments sheet, its report period open`, async () => {
      const { bench } = await open('repayments', { lang: office, paneWidth: 350 });
      await showTab(bench, 3);
      const period = bench.pane.getByRole('group', {
        name: /^(Report period|Período del reporte|Période du rapport)$/,
      });
      const found: Record<string, Found[]> = { 'send-period': await axe(bench.page) };
      await period.getByRole('combobox').first().click();
      await bench.page.getByRole('listbox').waitFor();
      found['period-months'] = await axe(bench.page);
      expect(found).toEqual({ 'send-period': [], 'period-months': [] });
    });
  }
});
