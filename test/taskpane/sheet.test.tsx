/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen } from '@testing-library/react';
import { fakeController, ok, plan, sheetInfo } from './fake-controller';
import { renderPane, settle } from './render';

const field = (column: string) => screen.getByRole('combobox', { name: `Kiva field for column ${column}` });

describe('Sheet panel: where the statuses go', () => {
  it('names the status column, says it can be moved, and goes to it', async () => {
    const controller = fakeController({ detectSheet: () => ok(sheetInfo({ sheet: 'Préstamos 2026', headerRow: 3 })) });
    const { user } = renderPane(controller, 'sheet');
    await settle();
    const note = screen.getByTestId('status-column');
    expect(note).toHaveTextContent('Each row’s status is written in column E (“Kiva status”).');
    expect(note).toHaveTextContent('It is found by its header wherever it is: move it next to your first columns');
    await user.click(screen.getByRole('button', { name: 'Go to column E' }));
    expect(controller.goToCell).toHaveBeenCalledWith("'Préstamos 2026'!E4");
  });

  it('before the first status: where the column will be added, after the last one', async () => {
    const controller = fakeController({
      detectSheet: () =>
        ok(
          sheetInfo({
            columns: sheetInfo().columns.filter((c) => c.status !== true),
            statusColumn: { column: 'E', number: 5, exists: false },
          }),
        ),
    });
    renderPane(controller, 'sheet');
    await settle();
    expect(screen.getByTestId('status-column')).toHaveTextContent(
      'The first status written adds a “Kiva status” column in E, after your last column: nothing of yours moves.',
    );
    expect(screen.queryByRole('button', { name: /Go to column/ })).toBeNull();
  });
});

describe('Sheet panel: kind and column mapping', () => {
  it('shows the detected kind and each header with its field', async () => {
    const controller = fakeController();
    renderPane(controller, 'sheet');
    await settle();

    expect(screen.getByRole('heading', { name: 'Sheet “Loans”' })).toBeInTheDocument();
    expect(screen.getByText('12 rows')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'This sheet holds' })).toHaveTextContent(
      'Loan drafts (one row per borrower) (automatic)',
    );
    expect(screen.getByText('recognised from the headers')).toBeInTheDocument();
    expect(field('B (Nombre)')).toHaveTextContent('First name (required)');
    expect(field('D (Notas)')).toHaveTextContent('(not sent)');
    // The status column is the tool's own: no dropdown for it.
    expect(screen.queryByLabelText(/Kiva field for column E/)).not.toBeInTheDocument();
    expect(screen.getByText('Kiva status (written by Kiva Sheets)')).toBeInTheDocument();
  });

  it('saves a changed dropdown in the workbook at once and shows the sheet as read again', async () => {
    const controller = fakeController({
      saveMapping: () =>
        ok(
          sheetInfo({
            override: { version: 1, columns: { Notas: 'description' } },
            columns: [
              { column: 'A', header: 'Loan ID', field: 'loan_id' },
              { column: 'B', header: 'Nombre', field: 'first_name' },
              { column: 'C', header: 'Monto', field: 'amount' },
              { column: 'D', header: 'Notas', field: 'description' },
            ],
          }),
        ),
    });
    const { user } = renderPane(controller, 'sheet');
    await settle();

    await user.click(field('D (Notas)'));
    await user.click(screen.getByRole('option', { name: 'Description' }));
    await settle();
    expect(controller.saveMapping).toHaveBeenCalledWith({ version: 1, columns: { Notas: 'description' } });
    expect(field('D (Notas)')).toHaveTextContent('Description');
    expect(screen.getByText('Saved in this workbook.')).toBeInTheDocument();
  });

  it('saves "not sent" as null and keeps earlier choices', async () => {
    const controller = fakeController({
      detectSheet: () => ok(sheetInfo({ override: { version: 1, columns: { Notas: 'description' } } })),
    });
    const { user } = renderPane(controller, 'sheet');
    await settle();
    await user.click(field('B (Nombre)'));
    await user.click(screen.getByRole('option', { name: '(not sent)' }));
    await settle();
    expect(controller.saveMapping).toHaveBeenCalledWith({
      version: 1,
      columns: { Notas: 'description', Nombre: null },
    });
  });

  it('lets the user choose the kind by hand, and go back to recognising it', async () => {
    const controller = fakeController({
      detectSheet: () => ok(sheetInfo({ kind: undefined, kindSource: 'unknown' })),
      saveMapping: () =>
        ok(sheetInfo({ kind: 'repayments', kindSource: 'override', override: { version: 1, kind: 'repayments' } })),
    });
    const { user } = renderPane(controller, 'sheet');
    await settle();
    expect(screen.getByRole('combobox', { name: 'This sheet holds' })).toHaveTextContent('Recognise from the headers');
    await user.click(screen.getByRole('combobox', { name: 'This sheet holds' }));
    await user.click(screen.getByRole('option', { name: 'Repayment report (one row per loan)' }));
    await settle();
    expect(controller.saveMapping).toHaveBeenLastCalledWith({ version: 1, kind: 'repayments' });
    expect(screen.getByText('chosen by you')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use the columns as recognised' }));
    await settle();
    expect(controller.saveMapping).toHaveBeenLastCalledWith({ version: 1 });
  });

  it('calls out missing required columns, and they block Send', async () => {
    const controller = fakeController({
      detectSheet: () => ok(sheetInfo({ missing: ['amount', 'first_name'] })),
      planSend: () => ok(plan({ rows: 3, missing: ['amount', 'first_name'] })),
    });
    const { user } = renderPane(controller, 'sheet');
    await settle();
    expect(screen.getByText(/Missing required columns: Amount and First name\./)).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Send' }));
    await settle();
    expect(
      screen.getByText('Sending is blocked: the sheet has no column for Amount and First name (see Sheet).'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send 3 rows to Kiva' })).toBeDisabled();
    expect(controller.send).not.toHaveBeenCalled();
  });

  it('reads the sheet again when the workbook says it changed', async () => {
    const controller = fakeController();
    renderPane(controller, 'sheet');
    await settle();
    controller.detectSheet.mockImplementation(() => ok(sheetInfo({ sheet: 'Repayments', kind: 'repayments' })));
    act(() => controller.emit({ type: 'sheet-changed' }));
    await settle();
    expect(screen.getByRole('heading', { name: 'Sheet “Repayments”' })).toBeInTheDocument();
  });

  it('words header problems from src/sheet in the pane’s language', async () => {
    const controller = fakeController({
      detectSheet: () =>
        ok(
          sheetInfo({
            issues: [
              {
                sheet: 'Loans',
                row: 1,
                column: 'F',
                code: 'column-duplicate',
                severity: 'error',
                params: { header: 'Monto', first: 'C' },
              },
            ],
          }),
        ),
    });
    renderPane(controller, 'sheet');
    await settle();
    expect(screen.getByText('Loans!F1: Column “Monto” repeats column C: this one is ignored.')).toBeInTheDocument();
  });

  it('by keyboard: arrows only look, Tab leaves without a change, Enter saves, and focus stays on the control', async () => {
    const controller = fakeController({
      saveMapping: () =>
        ok(
          sheetInfo({
            override: { version: 1, columns: { Notas: 'description' } },
            columns: [
              { column: 'A', header: 'Loan ID', field: 'loan_id' },
              { column: 'B', header: 'Nombre', field: 'first_name' },
              { column: 'C', header: 'Monto', field: 'amount' },
              { column: 'D', header: 'Notas', field: 'description' },
            ],
          }),
        ),
    });
    const { user } = renderPane(controller, 'sheet');
    await settle();
    const notes = field('D (Notas)');
    notes.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    await settle();
    expect(controller.saveMapping).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    await user.tab();
    await settle();
    expect(controller.saveMapping).not.toHaveBeenCalled();

    notes.focus();
    await user.keyboard('{ArrowDown}');
    const description = screen.getByRole('option', { name: 'Description' });
    // Fluent's listbox follows the arrow keys through aria-activedescendant; walk to Description.
    for (let step = 0; step < 40 && notes.getAttribute('aria-activedescendant') !== description.id; step++) {
      await user.keyboard('{ArrowDown}');
    }
    expect(notes).toHaveAttribute('aria-activedescendant', description.id);
    expect(controller.saveMapping).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    await settle();
    expect(controller.saveMapping).toHaveBeenCalledTimes(1);
    expect(controller.saveMapping).toHaveBeenCalledWith({ version: 1, columns: { Notas: 'description' } });
    expect(screen.getByText('Saved in this workbook.')).toBeInTheDocument();
    expect(field('D (Notas)')).toHaveFocus();
  });

  it('names the mapping when a required column is missing because of it', async () => {
    const controller = fakeController({
      detectSheet: () =>
        ok(
          sheetInfo({
            missing: ['loan_id'],
            override: { version: 1, columns: { 'Loan ID': 'client_id' } },
            mappedAway: [{ field: 'loan_id', column: 'A', header: 'Loan ID', mappedTo: 'client_id' }],
          }),
        ),
      planSend: () => ok(plan({ missing: ['loan_id'] })),
    });
    const { user } = renderPane(controller, 'sheet');
    await settle();
    expect(
      screen.getByText(
        /Missing required columns: Loan id\..* Column A \(Loan ID\) is mapped to Client id on the Sheet tab\./,
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Send' }));
    await settle();
    expect(screen.getByText(/Sending is blocked: .*Column A \(Loan ID\) is mapped to Client id/)).toBeInTheDocument();
  });
});
