/** @jest-environment jsdom */
/** The pane opens on a short path for the sheet it found — 1 Check → 2 Send — and Send counts every pending row. */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import { fakeController, ok, sheetInfo } from './fake-controller';
import { renderPane, settle } from './render';

describe('First steps', () => {
  it('opens on the Sheet tab with the sheet, its kind and rows, then 1 Check → 2 Send as buttons to those tabs', async () => {
    const controller = fakeController({
      detectSheet: () => ok(sheetInfo({ sheet: 'Pagos', kind: 'repayments', rows: 3 })),
    });
    const { user } = renderPane(controller);
    await settle();
    expect(screen.getByRole('tab', { name: 'Sheet', selected: true })).toBeInTheDocument();
    const steps = screen.getByRole('navigation', { name: 'First steps' });
    expect(steps).toHaveTextContent('Pagos: Repayment report (one row per loan), 3 rows.');
    const buttons = within(steps).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['1 Check', '2 Send']);

    await user.click(within(steps).getByRole('button', { name: '1 Check' }));
    expect(screen.getByRole('tab', { name: 'Check', selected: true })).toBeInTheDocument();
    // Only on the tab the pane opens on: elsewhere the tabs themselves are the way.
    expect(screen.queryByRole('navigation', { name: 'First steps' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Sheet' }));
    await user.click(
      within(screen.getByRole('navigation', { name: 'First steps' })).getByRole('button', { name: '2 Send' }),
    );
    await settle();
    expect(screen.getByRole('tab', { name: 'Send', selected: true })).toBeInTheDocument();
    // Send starts on every pending row, not on the selection.
    expect(screen.getByRole('radio', { name: 'All rows not yet sent' })).toBeChecked();
  });

  it('in French, with the no-break space before the colon; nothing while the sheet’s kind is unknown', async () => {
    const controller = fakeController({
      displayLanguage: 'fr-FR',
      detectSheet: () => ok(sheetInfo({ sheet: 'Prêts', kind: 'loans', rows: 1 })),
    });
    renderPane(controller);
    await settle();
    const steps = screen.getByRole('navigation', { name: 'Premiers pas' });
    expect(steps.textContent).toContain('Prêts\u00a0: ');
    expect(steps).toHaveTextContent('1 ligne.');

    const unknown = fakeController({ detectSheet: () => ok(sheetInfo({ kind: undefined, kindSource: 'ask' })) });
    renderPane(unknown);
    await settle();
    expect(screen.queryByRole('navigation', { name: 'First steps' })).not.toBeInTheDocument();
  });
});
