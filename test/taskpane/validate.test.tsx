/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen, within } from '@testing-library/react';
import type { Issue } from '../../src/sheet';
import { groupByRow } from '../../src/taskpane/panels/ValidatePanel';
import { failing, fakeController, ok, report } from './fake-controller';
import { renderPane, settle } from './render';

const issues: Issue[] = [
  { sheet: 'Loans', row: 7, column: 'F', code: 'amount-not-positive', severity: 'error', params: { value: -5 } },
  { sheet: 'Loans', row: 3, column: 'L', code: 'date-format', severity: 'error', params: { value: '03/04/2026' } },
  {
    sheet: 'Loans',
    row: 7,
    column: 'B',
    code: 'recommended-missing',
    severity: 'warning',
    params: { header: 'Apellido' },
  },
  { sheet: 'Loans', row: 1, column: 'A', code: 'column-missing', severity: 'error', params: { field: 'currency' } },
  { sheet: 'Loans', row: 7, column: 'AA', code: 'gender-invalid', severity: 'error', params: { value: 'X' } },
];

describe('Validate panel', () => {
  it('groups problems by row, headers first, errors before warnings', () => {
    const groups = groupByRow(issues);
    expect(groups.map((g) => [g.row, g.sheetLevel])).toEqual([
      [1, true],
      [3, false],
      [7, false],
    ]);
    expect(groups[2]?.issues.map((i) => i.column)).toEqual(['F', 'AA', 'B']);
  });

  it('runs on the whole sheet or the selection and shows the counts', async () => {
    const controller = fakeController({
      validate: () => ok(report({ issues, errors: 4, warnings: 1, rowsChecked: 9 })),
    });
    const { user } = renderPane(controller, 'validate');
    await settle();

    await user.click(screen.getByRole('radio', { name: 'Selected rows' }));
    await user.click(screen.getByRole('button', { name: 'Check rows' }));
    await settle();
    expect(controller.validate).toHaveBeenCalledWith('selection');
    expect(screen.getByRole('status')).toHaveTextContent('Errors: 4 · Warnings: 1 · Rows checked: 9');

    const row7 = screen.getByRole('heading', { name: 'Row 7' }).closest('li') as HTMLElement;
    const entries = within(row7).getAllByRole('button');
    expect(entries.map((e) => e.textContent)).toEqual([
      'F7 Error The amount must be greater than 0 (found -5).',
      'AA7 Error “X” is not a gender: write male or female (M/F, hombre/mujer, homme/femme also work).',
      'B7 Warning “Apellido” is empty: PA2 will ask for it before the loan is published.',
    ]);
    expect(screen.getByRole('heading', { name: 'Headers (row 1)' })).toBeInTheDocument();
  });

  it('jumps to the cell of the entry clicked', async () => {
    const controller = fakeController({ validate: () => ok(report({ issues, errors: 4, warnings: 1 })) });
    const { user } = renderPane(controller, 'validate');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Check rows' }));
    await settle();
    await user.click(screen.getByRole('button', { name: /^L3 Error / }));
    expect(controller.goToCell).toHaveBeenCalledWith('Loans!L3');
  });

  it('is reachable with the keyboard: Enter on an entry jumps too', async () => {
    const controller = fakeController({ validate: () => ok(report({ issues: issues.slice(0, 1), errors: 1 })) });
    const { user } = renderPane(controller, 'validate');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Check rows' }));
    await settle();
    screen.getByRole('button', { name: /^F7 Error / }).focus();
    await user.keyboard('{Enter}');
    expect(controller.goToCell).toHaveBeenCalledWith('Loans!F7');
  });

  it('quotes sheet names the way Excel does when jumping', async () => {
    const odd: Issue = {
      sheet: 'Préstamos 2026',
      row: 4,
      column: 'C',
      code: 'not-a-number',
      severity: 'error',
      params: { value: 'abc' },
    };
    const controller = fakeController({ validate: () => ok(report({ issues: [odd], errors: 1 })) });
    const { user } = renderPane(controller, 'validate');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Check rows' }));
    await settle();
    await user.click(screen.getByRole('button', { name: /^C4 Error / }));
    expect(controller.goToCell).toHaveBeenCalledWith("'Préstamos 2026'!C4");
  });

  it('says so when there is nothing wrong', async () => {
    const controller = fakeController({ validate: () => ok(report({ rowsChecked: 1 })) });
    const { user } = renderPane(controller, 'validate');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Check rows' }));
    await settle();
    expect(screen.getByText('No problems in 1 row.')).toBeInTheDocument();
  });

  it('shows a failure to check in plain words', async () => {
    const controller = fakeController({ validate: () => failing('office.payload-too-large') });
    const { user } = renderPane(controller, 'validate');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Check rows' }));
    await settle();
    expect(screen.getByText(/Too much at once for Excel on the web/)).toBeInTheDocument();
  });

  it('shows a ribbon validation in the pane and opens its tab', async () => {
    const controller = fakeController();
    renderPane(controller, 'sheet');
    await settle();
    act(() =>
      controller.emit({
        type: 'command-validated',
        command: 'validateSheet',
        report: report({ issues, errors: 4, warnings: 1 }),
      }),
    );
    expect(screen.getByRole('tab', { name: 'Check' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('Result of “Check sheet” on the ribbon.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Errors: 4 · Warnings: 1');
  });

  it('pages long lists of rows', async () => {
    const many: Issue[] = Array.from({ length: 120 }, (_, k) => ({
      sheet: 'Repayments',
      row: k + 2,
      column: 'C',
      code: 'not-a-number',
      severity: 'error',
      // Each value its own: identical messages would be said once (see the next test).
      params: { value: `x${k}` },
    }));
    const controller = fakeController({ validate: () => ok(report({ issues: many, errors: 120 })) });
    const { user } = renderPane(controller, 'validate');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Check rows' }));
    await settle();
    expect(screen.getAllByRole('heading', { name: /^Row / })).toHaveLength(50);
    await user.click(screen.getByRole('button', { name: 'Show more rows' }));
    expect(screen.getAllByRole('heading', { name: /^Row / })).toHaveLength(100);
  });

  it('says an identical message in many rows once, with its cells, and selects them on a click', async () => {
    const empty: Issue[] = [315, 2, 3, 4, 5, 9, 10].map((row) => ({
      sheet: 'Pagos',
      row,
      column: 'D',
      code: 'required-missing',
      severity: 'error',
      params: { header: 'Monto' },
    }));
    const other: Issue = {
      sheet: 'Pagos',
      row: 7,
      column: 'D',
      code: 'not-a-number',
      severity: 'error',
      params: { value: 'x' },
    };
    const groups = groupByRow([...empty, other]);
    expect(groups.map((g) => (g.repeats === undefined ? `row ${g.row}` : `repeats ${g.repeats.length}`))).toEqual([
      'repeats 1',
      'row 7',
    ]);
    const controller = fakeController({ validate: () => ok(report({ issues: [...empty, other], errors: 8 })) });
    const { user } = renderPane(controller, 'validate');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Check rows' }));
    await settle();
    const repeated = screen.getByRole('heading', { name: 'Repeated in several rows' }).closest('li') as HTMLElement;
    const entry = within(repeated).getByRole('button');
    expect(entry.textContent).toBe('D2 Error In 7 rows: “Monto” is required. D2:D5, D9:D10, D315');
    await user.click(entry);
    expect(controller.goToCell).toHaveBeenCalledWith('Pagos!D2:D5');
  });
});
