import { convertWorkbook, preview, toKivaItems } from '../../src/sheet';
import { CONFIG } from './fixtures/config-lists';
import { grid } from './helpers';

const loans = grid('Loans', [
  ['loan_id', 'first_name', 'gender', 'amount'],
  ['L1', 'Ana', 'F', 300],
]);
const schedule = grid(
  'Schedule',
  [
    ['loan_id', 'date', 'principal', 'interest'],
    ['L1', '2027-01-20', 100, 1],
    ['L1', '2026-12-20', 200, 1],
  ],
  { hidden: [false, false, true], selectedRows: [2] },
);
const repayments = grid('Repayments', [
  ['loan_id', 'amount'],
  ['L1', 25],
]);
const notes = grid('Notes', [['anything'], ['call Ana on Friday']]);
const journals = grid('Journals', [
  ['internal_loan_id', 'body'],
  ['L1', 'Ana planted.'],
]);

describe('a whole workbook', () => {
  it('converts every recognised sheet, in sheet order, leaving other sheets alone', () => {
    const c = convertWorkbook({ sheets: [repayments, notes, loans, schedule, journals], config: CONFIG });
    expect(c.sheets.map((s) => [s.sheet, s.kind, s.role])).toEqual([
      ['Repayments', 'repayments', 'target'],
      ['Loans', 'loans', 'target'],
      ['Schedule', 'schedule', 'schedule'],
      ['Journals', 'journals', 'target'],
    ]);
    expect(preview(c).map((p) => [p.position, p.endpoint, p.rowsText])).toEqual([
      [1, 'repayments', 'Repayments!2'],
      [2, 'loan_draft', 'Loans!2'],
      [3, 'journals', 'Journals!2'],
    ]);
    expect(preview(c)[0]?.json).toBe(
      '{\n  "repayments": [\n    {\n      "loan_id": "L1",\n      "amount": 25\n    }\n  ]\n}',
    );
  });

  it('reads a schedule sheet whole, whatever is hidden or selected on it', () => {
    const c = convertWorkbook({ sheets: [loans, schedule], targets: ['Loans'], config: CONFIG });
    expect(c.requests[0]?.body).toMatchObject({
      schedule: [
        { date: '2026-12-20', principal: 200, interest: 1 },
        { date: '2027-01-20', principal: 100, interest: 1 },
      ],
    });
  });

  it('reports a sheet chosen explicitly whose kind cannot be recognised', () => {
    const c = convertWorkbook({ sheets: [notes], targets: ['Notes'] });
    expect(c.issues.map((i) => `${i.sheet}!${i.column}${i.row}:${i.code}`)).toEqual(['Notes!A1:kind-unknown']);
  });

  it('hands the client per-row items in the shape src/kiva takes', () => {
    const c = convertWorkbook({
      sheets: [repayments, loans, journals],
      config: CONFIG,
      settings: { repaymentsPerCall: 1 },
    });
    const items = toKivaItems(c.requests);
    expect(items.repayments).toEqual([
      { repayment: { loan_id: 'L1', amount: 25 }, row: { sheet: 'Repayments', row: 2, key: 'L1' } },
    ]);
    expect(items.loanDrafts).toHaveLength(1);
    expect(items.journals[0]?.journal).toEqual({ body: 'Ana planted.', internal_loan_id: 'L1' });
  });

  it('counts errors and warnings', () => {
    const c = convertWorkbook({
      sheets: [
        grid('Repayments', [
          ['loan_id', 'amount'],
          ['', 5],
          ['=x', 5],
        ]),
      ],
    });
    expect([c.errorCount, c.warningCount]).toEqual([1, 1]);
  });
});
