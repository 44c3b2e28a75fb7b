/**
 * Issue #11 in a real browser: a Spanish MIS export checked in the Spanish pane. The month's repayments sheet
 * (`ID del préstamo | Monto | Fecha de pago | Sector`) is a repayment report, said with its reason on the Sheet tab,
 * never loan drafts nor a schedule; the portfolio check and the readiness warnings land at their cells; the loans
 * export beside it, whose activity column is headed `Sector`, gets the sheet-level guess instead of "no problems".
 */
import { e2eSuite, type Workbench } from './harness';

jest.setTimeout(90_000);

const { open } = e2eSuite('recognition');

const WARNING_FILL = '#FFEB9C';
const ERROR_FILL = '#FFC7CE';

/** The note the check put on a cell (the workbench shows it as the cell's title). */
const note = (bench: Workbench, ref: string) => bench.cell(ref).getAttribute('title');
const fill = (bench: Workbench, ref: string) => bench.cell(ref).getAttribute('data-fill');

async function checkWholeSheet(bench: Workbench): Promise<void> {
  await bench.tab('Revisar');
  await bench.pane.getByRole('radio', { name: 'Toda la hoja' }).check();
  await bench.pane.getByRole('button', { name: 'Revisar filas' }).click();
  await bench.pane.getByText(/^Errores: \d+ · Advertencias: \d+ · Filas revisadas: \d+$/).waitFor();
}

describe('a Spanish MIS export', () => {
  it('the repayments sheet: a repayment report and why, its problems at their cells, nothing read as loan drafts', async () => {
    const { bench, site } = await open('mis', { lang: 'es-PE' });
    await bench.tab('Hoja');
    await bench.pane.getByText('Hoja «Pagos noviembre»').waitFor();
    const kind = bench.pane.getByRole('combobox', { name: 'Esta hoja contiene' });
    await expect(kind.textContent()).resolves.toBe('Reporte de pagos (una fila por préstamo) (detección automática)');
    await expect(bench.pane.getByTestId('sheet-kind-reason').textContent()).resolves.toBe(
      'reporte de pagos — por las columnas «ID del préstamo» y «Monto», sin ninguna columna propia de los borradores de préstamo',
    );
    await bench.shot('50-mis-repayments-kind');

    await checkWholeSheet(bench);
    await bench.shot('51-mis-repayments-checked');
    // The portfolio check against the emulator's loans, at the loan id cells.
    await bench.cellText(
      'E6',
      /^No válido: A6: Kiva no tiene el préstamo 999999 entre los préstamos de su institución/,
    );
    await expect(fill(bench, 'A6')).resolves.toBe(ERROR_FILL);
    for (const [ref, text] of [
      ['A4', 'El préstamo 1040042 está terminado según Kiva, no en reembolso'],
      ['A5', 'El préstamo 1040063 está reembolsado a los prestamistas según Kiva, no en reembolso'],
      ['A7', 'Kiva tiene este préstamo como 000105, no 105'],
      ['B8', 'Un pago de 0 se envía como 0 (nada pagado en este período)'],
    ] as const) {
      await expect(fill(bench, ref)).resolves.toBe(WARNING_FILL);
      await expect(note(bench, ref)).resolves.toContain(text);
    }
    // Paying back, or nothing to report this month: no mark, no status.
    for (const ref of ['A2', 'A3', 'A9', 'B9', 'C2', 'D2']) await expect(fill(bench, ref)).resolves.toBeNull();
    const statuses = await Promise.all([2, 3, 4, 5, 7, 8, 9].map((row) => bench.cell(`E${row}`).textContent()));
    expect(statuses).toEqual(['', '', '', '', '', '', '']);
    await bench.pane.getByText('Errores: 1 · Advertencias: 4 · Filas revisadas: 8').waitFor();
    // The row without an amount is a loan with nothing to report this month: one line, not an error.
    await bench.pane
      .getByText('Hoja «Pagos noviembre»: 1 fila no tiene monto: sin pago en este período, no se envía.')
      .waitFor();

    // Sent: repayments only, never a loan draft or a schedule.
    await bench.tab('Enviar');
    await bench.pane.getByRole('radio', { name: 'Todas las filas aún no enviadas' }).check();
    await bench.pane.getByRole('button', { name: 'Enviar 6 filas a Kiva' }).click();
    await bench.pane.getByText('Terminado', { exact: true }).waitFor({ timeout: 30_000 });
    expect(site.stack.stage.applied.map((a) => a.endpoint)).not.toContain('loan_draft');
    // The warned rows went too (Kiva decides on them); the emulator refuses the 0 and the id without its zeros.
    expect(site.stack.stage.appliedRepaymentLoanIds()).toEqual(
      expect.arrayContaining(['000100', '1040007', '1040042', '1040063']),
    );
    expect(site.stack.stage.appliedRepaymentLoanIds()).not.toContain('999999');
    expect(site.stack.stage.appliedRepaymentLoanIds()).not.toContain('1040049');
    await bench.shot('52-mis-repayments-sent');
  });

  it('the loans export beside it: loan drafts and why, and the Sector column suggested for Activity', async () => {
    const { bench } = await open('mis', { lang: 'es-PE' });
    await bench.page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: 'Préstamos' }).click();
    await bench.tab('Hoja');
    await bench.pane.getByText('Hoja «Préstamos»').waitFor();
    await expect(bench.pane.getByTestId('sheet-kind-reason').textContent()).resolves.toMatch(
      /^borradores de préstamo — por las columnas .*«Sexo»/,
    );

    await checkWholeSheet(bench);
    const guess = bench.pane.getByText(
      'Ninguna columna es «Actividad»: PA2 lo pedirá antes de publicar. ¿Es la columna F (Sector)? Asígnela en la pestaña Hoja.',
    );
    await guess.waitFor();
    expect(await bench.pane.getByText(/^Ningún problema/).count()).toBe(0);
    // Said once for the sheet, at its header row, not in every row.
    await expect(fill(bench, 'A1')).resolves.toBe(WARNING_FILL);
    await expect(note(bench, 'A1')).resolves.toContain('¿Es la columna F (Sector)?');
    for (const ref of ['F2', 'F3', 'F4']) await expect(fill(bench, ref)).resolves.toBeNull();
    await bench.shot('53-mis-loans-sector');
  });
});
