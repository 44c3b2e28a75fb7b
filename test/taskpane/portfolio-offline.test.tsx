/** @jest-environment jsdom */
/**
 * recognition (issue #11 item 5): the Check tab with the loans out of reach (no server answers, as when the PC is
 * offline), on the live controller over the simulated Excel. With a `Kiva loans` sheet in the workbook the check
 * runs against it — each finding and one warning say so and when it was read, and say it is old past a week —
 * and the sheet itself is never checked; without one, one warning says the check was skipped.
 */
import '@testing-library/jest-dom';
import { screen, waitFor } from '@testing-library/react';
import { loadWorkbook, type SimWorkbook } from '../../dev/excel-sim';
import { openLivePane, useLivePane } from './live-pane';
import { renderPane, settle } from './render';

useLivePane();

const DAY = 86_400_000;

function pagos(kivaLoansReadAt?: number): SimWorkbook {
  const time = kivaLoansReadAt === undefined ? '' : new Date(kivaLoansReadAt).toISOString();
  return loadWorkbook({
    name: 'Pagos.xlsx',
    sheets: [
      {
        name: 'Pagos noviembre',
        rows: [
          ['ID del préstamo', 'Monto'],
          ['000100', 25],
          ['L2', 10],
          ['L9', 30],
        ],
        columnFormats: { A: '@' },
      },
      ...(kivaLoansReadAt === undefined
        ? []
        : [
            {
              name: 'Kiva loans',
              rows: [
                ['loan_id', 'client_id', 'status', 'read_at'],
                ['000100', '0000500', 'payingBack', time],
                ['L2', 'C2', 'ended', time],
                ['L3', 'C3', 'payingBack', time],
              ],
              columnFormats: { A: '@', B: '@', C: '@', D: '@' },
            },
          ]),
    ],
    activeSheet: 'Pagos noviembre',
    selection: 'A2',
  });
}

async function check(user: ReturnType<typeof renderPane>['user'], counts: string): Promise<void> {
  await user.click(screen.getByRole('tab', { name: 'Revisar' }));
  await user.click(await screen.findByRole('radio', { name: 'Toda la hoja' }));
  await user.click(screen.getByRole('button', { name: 'Revisar filas' }));
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(counts));
}

describe('the Check with the loans out of reach', () => {
  it('checks against the Kiva loans sheet, every finding naming it and its date', async () => {
    const { user } = openLivePane(pagos(Date.now() - DAY), 'es-PE', 'validate');
    await settle();
    await check(user, 'Errores: 1 · Advertencias: 1 · Filas revisadas: 3');

    const from = /Verificado con la hoja «Kiva loans» leída el \d{4}-\d\d-\d\d, no directamente con Kiva\.$/;
    const unknown = screen.getByText(/^Kiva no tiene el préstamo L9 entre los préstamos de su institución/);
    expect(unknown.textContent).toMatch(from);
    const ended = screen.getByText(/^El préstamo L2 está terminado según Kiva/);
    expect(ended.textContent).toMatch(from);
    expect(
      screen.getByText(
        /^Sus préstamos en Kiva no se pudieron leer \(.+\): los ID de préstamo se verificaron con la hoja «Kiva loans» en su lugar \(3 préstamos, leídos el \d{4}-\d\d-\d\d \d\d:\d\d\)\.$/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/días \(leída el/)).not.toBeInTheDocument();
  });

  it('warns when the sheet is more than a week old', async () => {
    const { user } = openLivePane(pagos(Date.now() - 10 * DAY), 'es-PE', 'validate');
    await settle();
    await check(user, 'Errores: 1 · Advertencias: 1 · Filas revisadas: 3');
    expect(
      screen.getByText(
        /^La hoja «Kiva loans» tiene 10 días \(leída el .+\): los préstamos agregados, terminados o reembolsados/,
      ),
    ).toBeInTheDocument();
  });

  it('without a Kiva loans sheet, says once that the loan ids were not checked, and blames no row', async () => {
    const { user } = openLivePane(pagos(), 'es-PE', 'validate');
    await settle();
    await check(user, 'Errores: 0 · Advertencias: 0 · Filas revisadas: 3');
    expect(
      screen.getAllByText(
        /^Los ID de préstamo no se verificaron con sus préstamos en Kiva.+y este libro no tiene una hoja Kiva loans/,
      ),
    ).toHaveLength(1);
  });

  it('never checks the Kiva loans sheet itself, even when it is the sheet the user is on', async () => {
    const book = pagos(Date.now() - DAY);
    book.select('Kiva loans!A2');
    const { user } = openLivePane(book, 'es-PE', 'sheet');
    await settle();
    expect(await screen.findByTestId('sheet-kind-reason')).toHaveTextContent(
      'la lista de préstamos de Kiva — con la que se verifican los ID de préstamo cuando no se puede contactar a Kiva; nunca se revisa ni se envía',
    );
    // No kind to choose: a choice would change nothing.
    expect(screen.queryByRole('combobox', { name: 'Esta hoja contiene' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Revisar' }));
    await user.click(await screen.findByRole('radio', { name: 'Toda la hoja' }));
    await user.click(screen.getByRole('button', { name: 'Revisar filas' }));
    expect(
      await screen.findByText(
        'Esta es la hoja Kiva loans: la lista con la que se verifican los ID de préstamo cuando no se puede contactar a Kiva. Nunca se revisa ni se envía; vaya a su reporte de pagos.',
      ),
    ).toBeInTheDocument();
    expect(book.getCell("'Kiva loans'!E1").value).toBe('');
  });
});
