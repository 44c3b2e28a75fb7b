/** @jest-environment jsdom */
/**
 * recognition (issue #11): the Settings section of the Tools tab, on the live controller over the simulated Excel —
 * a choice saved there lands in the workbook's document settings (`KivaSheets.settings`, what every face reads,
 * the command line included), and the very next Check follows it: `25,5` refused under "point", accepted after
 * choosing "comma"; a two-column report turned three-column wants its client id column, naming the setting.
 */
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import { loadWorkbook, type SimWorkbook } from '../../dev/excel-sim';
import { WORKBOOK_SETTINGS_KEY } from '../../src/sheet';
import { openLivePane, useLivePane } from './live-pane';
import { renderPane, settle } from './render';

function pagos(): SimWorkbook {
  return loadWorkbook({
    name: 'Pagos.xlsx',
    sheets: [
      {
        name: 'Pagos noviembre',
        rows: [
          ['ID del préstamo', 'Monto'],
          ['000100', '25,5'],
          ['1040007', '1234,75'],
          ['1040021', 30],
        ],
        columnFormats: { A: '@', B: '@' },
      },
    ],
    activeSheet: 'Pagos noviembre',
    selection: 'A2',
  });
}

useLivePane();

function openPane(book: SimWorkbook) {
  return openLivePane(book, 'es-ES', 'validate');
}

/** Checks the whole sheet and waits for the counts `counts` (each test expects a count the sheet did not show before). */
async function check(user: ReturnType<typeof renderPane>['user'], counts: string): Promise<void> {
  await user.click(screen.getByRole('tab', { name: 'Revisar' }));
  await user.click(await screen.findByRole('radio', { name: 'Toda la hoja' }));
  await user.click(screen.getByRole('button', { name: 'Revisar filas' }));
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(counts));
}

async function openSettings(user: ReturnType<typeof renderPane>['user']): Promise<HTMLElement> {
  await user.click(screen.getByRole('tab', { name: 'Herramientas' }));
  const heading = await screen.findByRole('heading', { name: 'Ajustes de la revisión' });
  const section = heading.closest('section') as HTMLElement;
  await within(section).findByRole('button', { name: 'Guardar ajustes' });
  return section;
}

/** The document setting as Office keeps it: one JSON text (the command line reads the same text from the .xlsx). */
const stored = (book: SimWorkbook): unknown => {
  const text = book.settings[WORKBOOK_SETTINGS_KEY];
  return typeof text === 'string' ? JSON.parse(text) : text;
};

describe('the Settings section, saved in the workbook and used by the next check', () => {
  it('decimal separator: 25,5 refused under point, accepted once comma is chosen and saved', async () => {
    const book = pagos();
    const { user, unmount } = openPane(book);
    await settle();

    await check(user, 'Errores: 2 · Advertencias: 0 · Filas revisadas: 3');
    expect(
      screen.getByText(
        /^«25,5» no está escrito con el separador decimal «\.»\. Porque el ajuste «Separador decimal» es «punto \(1234\.5\)»/,
      ),
    ).toBeInTheDocument();
    expect(stored(book)).toBeUndefined();

    const settings = await openSettings(user);
    const separator = within(settings).getByRole('radiogroup', { name: 'Separador decimal' });
    expect(within(separator).getByRole('radio', { name: 'punto (1234.5)' })).toBeChecked();
    await user.click(within(separator).getByRole('radio', { name: 'coma (1234,5)' }));
    // Nothing is written before Save.
    expect(stored(book)).toBeUndefined();
    await user.click(within(settings).getByRole('button', { name: 'Guardar ajustes' }));
    await within(settings).findByText('Ajustes guardados en este libro.');
    expect(stored(book)).toEqual(expect.objectContaining({ decimalSeparator: ',' }));

    await check(user, 'Errores: 0 · Advertencias: 0 · Filas revisadas: 3');
    expect(screen.queryByText(/separador decimal/)).not.toBeInTheDocument();

    // The workbook keeps it: a pane opened on it later shows comma chosen.
    unmount();
    const again = openPane(book);
    const reopened = await openSettings(again.user);
    expect(within(reopened).getByRole('radio', { name: 'coma (1234,5)' })).toBeChecked();
  });

  it('report format: three columns saved, and the next check wants the client id column, naming the setting', async () => {
    const book = pagos();
    const { user } = openPane(book);
    await settle();

    const settings = await openSettings(user);
    await user.click(within(settings).getByRole('radio', { name: 'coma (1234,5)' }));
    const format = within(settings).getByRole('radiogroup', { name: 'Formato del reporte de pagos' });
    await user.click(
      within(format).getByRole('radio', { name: 'tres columnas (ID del préstamo, ID del cliente, monto)' }),
    );
    await user.click(within(settings).getByRole('button', { name: 'Guardar ajustes' }));
    await within(settings).findByText('Ajustes guardados en este libro.');
    expect(stored(book)).toEqual(expect.objectContaining({ decimalSeparator: ',', threeColumn: true }));

    await check(user, 'Errores: 1 · Advertencias: 0 · Filas revisadas: 3');
    expect(
      screen.getByText(
        'Falta una columna para «client_id»: agregue una columna con ese encabezado. Porque el ajuste «Formato del reporte de pagos» es «tres columnas (ID del préstamo, ID del cliente, monto)» (Ajustes, en la pestaña Herramientas del panel).',
      ),
    ).toBeInTheDocument();
  });
});
