/**
 * Issue #7 in a real browser: the task pane wired to the workbook and the server — connect, map a sheet with
 * Spanish headers, preview, send with progress, cancel half-way, switch language, and the production confirmation
 * (the server has a second, emulator-backed `production` environment). Screenshots go to test-artifacts/e2e/.
 */
import type { LoanDraft } from '../../src/kiva';
import type { Emulator } from '../../dev/kiva-emulator';
import { columnTexts, e2eSuite } from './harness';

jest.setTimeout(90_000);

const { open, reopen } = e2eSuite('pane');

const drafts = (emulator: Emulator) =>
  emulator.applied.filter((a) => a.endpoint === 'loan_draft').map((a) => a.body as LoanDraft);
const borrowers = (emulator: Emulator) => drafts(emulator).flatMap((d) => d.entreps?.map((e) => e.loan_id) ?? []);

/** The loans sample's rows that can be sent: 9 loans, 11 borrower rows (rows 6, 8 and 9 have mistakes). */
const VALID_ROWS = [2, 3, 4, 5, 7, 10, 11, 12, 13, 14, 15];

async function waitFor(condition: () => boolean, what: string, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the task pane, wired', () => {
  // period (issue #10): yesterday's copy of a sent report, opened on the same server.
  it('a reopened workbook: the rows Kiva holds read Sent (sent earlier), not Error, and nothing goes twice', async () => {
    const { bench, site } = await open('repayments');
    const stage = site.stack.stage;
    await bench.tab('Send');
    await bench.pane.getByRole('radio', { name: 'All rows not yet sent' }).check();
    await bench.pane.getByRole('button', { name: /^Send \d+ rows to Kiva$/ }).click();
    await bench.pane.getByText('Finished', { exact: true }).waitFor({ timeout: 30_000 });
    const atKiva = stage.appliedRepaymentLoanIds().length;
    expect(atKiva).toBeGreaterThan(2);

    const copy = await reopen('repayments');
    expect(await columnTexts(copy, 'D', 2, 3)).toEqual(['', '']);
    await copy.tab('Send');
    await copy.pane.getByRole('radio', { name: 'All rows not yet sent' }).check();
    // The reconcile writes the statuses; its note in the pane is replaced by the re-count that follows.
    await copy.cellText('D3', /^Sent · /, 30_000);
    await copy.shot('40-reopened-sent-earlier');
    const statuses = await columnTexts(copy, 'D', 2, 3);
    for (const status of statuses) {
      expect(status).toMatch(/^Sent · .+ · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · .+ · sent earlier by /);
      expect(status).not.toMatch(/Error|Already|force|root|T\d{2}:\d{2}:\d{2}/);
    }
    expect(stage.appliedRepaymentLoanIds().length).toBe(atKiva);
  });

  it('connects: the partner, the permissions, the token, and a test through Kiva', async () => {
    const { bench } = await open('loans');
    await bench.tab('Connection');
    const facts = bench.pane.locator('dl');
    await facts.getByText('145').waitFor();
    await facts.getByText(/create loan drafts/).waitFor();
    await bench.pane.getByRole('button', { name: 'Test connection' }).click();
    await bench.pane.getByText('Kiva Stage answered: partner 145.').waitFor();
    await bench.shot('10-connected');
  });

  it('maps a sheet with Spanish headers and previews exactly what will be sent', async () => {
    const { bench } = await open('prestamos', { lang: 'es-PE' });
    await bench.tab('Hoja');
    await bench.pane.getByText('Hoja «Préstamos»').waitFor();
    const sector = bench.pane.getByRole('combobox', { name: 'Campo de Kiva para la columna F (Sector)' });
    await expect(sector.textContent()).resolves.toBe('(no se envía)');
    await expect(
      bench.pane.getByRole('combobox', { name: 'Campo de Kiva para la columna G (Ubicación)' }).textContent(),
    ).resolves.toBe('Ubicación');
    // Keyboard only: arrows and typing move through the list without saving; Enter saves; focus stays.
    await sector.focus();
    await bench.page.keyboard.press('ArrowDown');
    await bench.page.keyboard.press('ArrowDown');
    await bench.page.keyboard.type('Activ');
    await bench.page.getByRole('option', { name: 'Actividad' }).waitFor();
    await bench.page.waitForFunction(() => {
      const active = document.activeElement?.getAttribute('aria-activedescendant');
      return active !== null && active !== undefined && document.getElementById(active)?.textContent === 'Actividad';
    });
    expect(await bench.pane.getByText('Guardado en este libro.').count()).toBe(0);
    await bench.page.keyboard.press('Enter');
    await bench.pane.getByText('Guardado en este libro.').waitFor();
    await expect(sector.textContent()).resolves.toBe('Actividad');
    await bench.page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Campo de Kiva para la columna F (Sector)',
    );
    await bench.shot('11-mapped-spanish');

    await bench.selectRows(2, 4);
    await bench.tab('Enviar');
    await bench.pane.getByRole('button', { name: 'Mostrar lo que se enviará' }).click();
    const first = bench.pane.locator('pre').first();
    await first.waitFor();
    const body = JSON.parse((await first.textContent()) ?? '') as LoanDraft;
    expect(body).toMatchObject({
      activity_id: 61,
      location: 'Lima: Peru',
      description_language_id: 2,
      currency: 'PEN',
      entreps: [{ loan_id: 'P-2001', first_name: 'Ana', last_name: 'Quispe', gender: 'female', amount: 500 }],
    });
    expect(await bench.pane.locator('pre').count()).toBe(3);
    await bench.shot('12-preview');
  });

  it('sends with progress, cancels half-way: what was sent is recorded, the rest stays pending', async () => {
    const { bench, site } = await open('loans');
    const stage = site.stack.stage;
    stage.setLatency(400);
    await bench.tab('Send');
    await bench.pane.getByRole('radio', { name: 'All rows not yet sent' }).check();
    await bench.pane.getByRole('button', { name: 'Send 11 rows to Kiva' }).click();
    await bench.pane.getByRole('progressbar').waitFor();
    await waitFor(() => drafts(stage).length >= 1, 'the first draft at Kiva');
    await bench.pane.getByRole('button', { name: 'Cancel' }).click();
    await bench.shot('13-cancelling');
    await bench.pane.getByText('Stopped', { exact: true }).waitFor({ timeout: 20_000 });
    await bench.shot('14-cancelled');

    const statuses = await columnTexts(bench, 'O', 2, 15);
    const sentRows = statuses.flatMap((text, k) => (/^Sent · stage · /.test(text) ? [k + 2] : []));
    const pendingRows = VALID_ROWS.filter((row) => !sentRows.includes(row));
    // Every row Kiva holds says so in the sheet, and only those.
    expect(sentRows.length).toBe(borrowers(stage).length);
    expect(sentRows.length).toBeGreaterThan(0);
    expect(pendingRows.length).toBeGreaterThan(0);
    for (const row of pendingRows) expect(statuses[row - 2]).toBe('');
    expect(statuses.some((text) => text.startsWith('Uncertain'))).toBe(false);

    stage.setLatency(0);
    await bench.pane.getByRole('button', { name: `Send ${pendingRows.length} rows to Kiva` }).click();
    await bench.pane.getByText('Finished', { exact: true }).waitFor();
    const after = await columnTexts(bench, 'O', 2, 15);
    for (const row of VALID_ROWS) expect(after[row - 2]).toMatch(/^Sent · stage · /);
    // Nothing lost, nothing twice.
    expect([...borrowers(stage)].sort()).toEqual([
      'L-1001',
      'L-1002',
      'L-1003',
      'L-1004',
      'L-1006',
      'L-1009',
      'L-1010',
      'L-1011',
      'L-1012',
      'L-1013',
      'L-1014',
    ]);
    await bench.shot('15-sent-rest');
  });

  it('switches language: the pane and what it writes into the sheet follow', async () => {
    const { bench } = await open('loans');
    await bench.pane.locator('#pane-language').selectOption('fr');
    await bench.tab('Vérifier');
    await bench.pane.getByRole('radio', { name: 'Toute la feuille' }).check();
    await bench.pane.getByRole('button', { name: 'Vérifier les lignes' }).click();
    await bench.cellText('O6', /^Invalide\u00a0: H6\u00a0: /);
    await expect(bench.cell('O1').textContent()).resolves.toBe('Statut Kiva');
    await bench.pane.getByText(/Erreurs\u00a0: 3/).waitFor();
    await bench.shot('16-french');

    await bench.pane.locator('#pane-language').selectOption('es');
    await bench.pane.getByRole('tab', { name: 'Revisar' }).waitFor();
    await bench.pane.getByText(/Errores: 3/).waitFor();
  });

  it('production: red banner, a confirmation naming the rows, sent to the production Kiva only', async () => {
    const { bench, site } = await open('loans');
    const { stage } = site.stack;
    const production = site.stack.production as Emulator;
    await bench.tab('Connection');
    await bench.pane.getByRole('radio', { name: /^Production/ }).click();
    const dialog = bench.page.getByRole('alertdialog');
    await dialog.getByText('Use Kiva production?').waitFor();
    await dialog.getByRole('button', { name: 'Use production' }).click();
    await bench.pane.getByText('Production is active: loans and reports you send reach Kiva for real.').waitFor();

    await bench.selectRows(2);
    await bench.tab('Send');
    // All pending rows by default; this send is about the one selected row.
    await bench.pane.getByRole('radio', { name: 'Selected rows' }).click();
    await bench.pane.getByRole('button', { name: 'Send 1 row to Kiva' }).click();
    await dialog.getByText(/^1 loan, PEN\s500\.00, to Kiva PRODUCTION — not a test\.$/).waitFor();
    // Focus starts on the safe answer: an Enter by habit goes back.
    await bench.page.waitForFunction(() => document.activeElement?.textContent === 'Go back');
    await bench.shot('17-production-confirm');
    await dialog.getByRole('button', { name: 'Send 1 row to production' }).click();
    await bench.cellText('O2', /^Sent · production · /);
    expect(borrowers(production)).toEqual(['L-1001']);

    // The ribbon never sends to production by itself: it hands the send to the pane's confirmation.
    await bench.selectRows(7);
    await bench.ribbon('Send selected rows');
    await bench.pane.getByText('The ribbon asked to send. Check the numbers and press Send.').waitFor();
    expect(borrowers(production)).toEqual(['L-1001']);
    await bench.pane.getByRole('button', { name: 'Send 1 row to Kiva' }).click();
    await dialog.getByRole('button', { name: 'Send 1 row to production' }).click();
    await bench.cellText('O7', /^Sent · production · /);
    expect(borrowers(production)).toEqual(['L-1001', 'L-1006']);
    expect(drafts(stage)).toEqual([]);
    await bench.shot('18-production-sent');
  });
});
