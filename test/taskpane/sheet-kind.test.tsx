/** @jest-environment jsdom */
/**
 * recognition (issue #11): the Sheet tab on the live controller over the simulated Excel. A sheet whose headers fit
 * a schedule and a repayment report and whose name says neither is not guessed: the tab says so and why, the Check
 * refuses to read it as anything, and the kind the user picks is saved with the sheet's mapping in the workbook,
 * named as theirs, and used by the next Check — never loan drafts.
 */
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import { loadWorkbook, type SimWorkbook } from '../../dev/excel-sim';
import { openLivePane, useLivePane } from './live-pane';
import { renderPane, settle } from './render';

useLivePane();

function hoja1(): SimWorkbook {
  return loadWorkbook({
    name: 'Export.xlsx',
    sheets: [
      {
        name: 'Hoja1',
        rows: [
          ['Fecha de pago', 'ID préstamo', 'Capital', 'Interés', 'Monto'],
          ['2026-11-30', '000100', 18, 2, 20],
          ['2026-11-30', '1040007', 22, 3, 25],
        ],
        columnFormats: { A: '@', B: '@' },
      },
    ],
    activeSheet: 'Hoja1',
    selection: 'A2',
  });
}

function openPane(book: SimWorkbook) {
  return openLivePane(book, 'es-PE', 'sheet');
}

async function checkWholeSheet(user: ReturnType<typeof renderPane>['user']): Promise<void> {
  await user.click(screen.getByRole('tab', { name: 'Revisar' }));
  await user.click(await screen.findByRole('radio', { name: 'Toda la hoja' }));
  await user.click(screen.getByRole('button', { name: 'Revisar filas' }));
}

describe('a sheet whose kind cannot be told', () => {
  it('is asked about, not guessed; the kind chosen is saved with the sheet and read by the next check', async () => {
    const book = hoja1();
    const { user } = openPane(book);
    await settle();

    await screen.findByRole('heading', { name: 'Hoja «Hoja1»' });
    const kind = screen.getByRole('combobox', { name: 'Esta hoja contiene' });
    expect(kind).toHaveTextContent('Reconocer por los encabezados');
    expect(screen.getByTestId('sheet-kind-reason')).toHaveTextContent(
      'sin decidir — las columnas sirven para calendario de pagos o reporte de pagos y el nombre de la hoja no dice cuál',
    );
    expect(
      screen.getByText(
        'Elija qué contiene esta hoja (Calendarios de pago (una fila por cuota) o Reporte de pagos (una fila por préstamo)): no se revisa ni se envía nada de ella hasta que lo haga. Su elección se guarda con la hoja.',
      ),
    ).toBeInTheDocument();

    // The check reads nothing from it: one error at the header row, asking.
    await checkWholeSheet(user);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^Errores: 1 · /));
    expect(screen.getByText(/^No se puede saber qué contiene esta hoja/)).toHaveTextContent(
      'Nada se lee como borradores de préstamo por suposición.',
    );

    // Chosen by hand: saved in the workbook with the sheet's mapping, and said to be the user's choice.
    await user.click(screen.getByRole('tab', { name: 'Hoja' }));
    await user.click(await screen.findByRole('combobox', { name: 'Esta hoja contiene' }));
    await user.click(screen.getByRole('option', { name: 'Reporte de pagos (una fila por préstamo)' }));
    await screen.findByText('Guardado en este libro.');
    expect(JSON.parse(String(book.settings['KivaSheets.mapping:Hoja1']))).toEqual(
      expect.objectContaining({ kind: 'repayments' }),
    );
    expect(screen.getByTestId('sheet-kind-reason')).toHaveTextContent('reporte de pagos — tipo elegido por usted');
    expect(screen.queryByText(/^Elija qué contiene esta hoja/)).not.toBeInTheDocument();
    const monto = screen.getByRole('combobox', { name: 'Campo de Kiva para la columna E (Monto)' });
    expect(monto).toHaveTextContent('Monto');

    await checkWholeSheet(user);
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Errores: 0 · Advertencias: 0 · Filas revisadas: 2'),
    );
    const tabs = screen.getByRole('tablist');
    expect(within(tabs).getByRole('tab', { name: 'Revisar' })).toHaveAttribute('aria-selected', 'true');
  });
});
