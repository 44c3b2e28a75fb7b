/**
 * The bad-input corpus: each value is either taken as the user meant it (docs/workbook-rules.md says how) or
 * reported at its own cell. None crashes, none is changed silently.
 */
import { convertWorkbook, type Conversion, type RawCell } from '../../src/sheet';
import type { LoanDraft, RepaymentsBody } from '../../src/kiva/models';
import { CONFIG } from './fixtures/config-lists';
import { grid } from './helpers';

const LOAN_HEADERS = ['loan_id', 'first_name', 'last_name', 'gender', 'amount', 'disburse_time', 'description'];
const good: RawCell[] = ['L1', 'Ana', 'Pérez', 'F', 100, '2026-11-20', 'Story'];

function loanWith(column: string, value: RawCell, settings = {}): Conversion {
  const row = [...good];
  row[LOAN_HEADERS.indexOf(column)] = value;
  return convertWorkbook({
    config: CONFIG,
    settings: { today: '2026-11-28', ...settings },
    sheets: [grid('Loans', [LOAN_HEADERS, row])],
  });
}

const letter = (column: string) => String.fromCharCode(65 + LOAN_HEADERS.indexOf(column));
const draft = (c: Conversion) => c.requests[0]?.body as LoanDraft | undefined;

describe('bad input taken as meant', () => {
  it.each<[string, RawCell, object, string[], object?]>([
    ['amount', '1,234.50', { entreps: [expect.objectContaining({ amount: 1234.5 })] }, []],
    ['amount', '1.234,50', { entreps: [expect.objectContaining({ amount: 1234.5 })] }, [], { decimalSeparator: ',' }],
    ['amount', '1 234,50', { entreps: [expect.objectContaining({ amount: 1234.5 })] }, [], { decimalSeparator: ',' }],
    ['first_name', '=1+1', { entreps: [expect.objectContaining({ first_name: '=1+1' })] }, ['formula-like-text']],
    [
      'first_name',
      '+SUM(A1)',
      { entreps: [expect.objectContaining({ first_name: '+SUM(A1)' })] },
      ['formula-like-text'],
    ],
    ['first_name', '@cmd', { entreps: [expect.objectContaining({ first_name: '@cmd' })] }, ['formula-like-text']],
    ['loan_id', '=1+1', { entreps: [expect.objectContaining({ loan_id: '=1+1' })] }, ['formula-like-text']],
    ['first_name', 'José María 👩🏽‍🌾', { entreps: [expect.objectContaining({ first_name: 'José María 👩🏽‍🌾' })] }, []],
    ['last_name', 'Ñuñez-Çelik Øre', { entreps: [expect.objectContaining({ last_name: 'Ñuñez-Çelik Øre' })] }, []],
    ['description', 'é'.repeat(40000), { description: 'é'.repeat(40000) }, ['text-very-long']],
    ['loan_id', 1042970, { entreps: [expect.objectContaining({ loan_id: '1042970' })] }, []],
    ['loan_id', '1e5', { entreps: [expect.objectContaining({ loan_id: '1e5' })] }, []],
    ['loan_id', '007', { entreps: [expect.objectContaining({ loan_id: '007' })] }, []],
    ['disburse_time', 46346, { disburse_time: '2026-11-20' }, []],
    ['gender', 'H', { entreps: [expect.objectContaining({ gender: 'male' })] }, []],
    [
      'first_name',
      { richText: [{ text: 'An' }, { text: 'a' }] },
      { entreps: [expect.objectContaining({ first_name: 'Ana' })] },
      [],
    ],
    ['amount', { formula: 'B2*2', result: 200 }, { entreps: [expect.objectContaining({ amount: 200 })] }, []],
  ])('%s = %j', (column, value, expected, warnings, settings = {}) => {
    const c = loanWith(column, value, settings);
    expect(draft(c)).toMatchObject(expected);
    // Columns this one-column-at-a-time sheet lacks are said once at A1 (readiness.test.ts); the cell is the point here.
    const atCells = c.issues.filter((i) => i.code !== 'publish-column-missing' && i.code !== 'schedule-sheet-missing');
    expect(atCells.map((i) => `${i.column}${i.row}:${i.code}`)).toEqual(warnings.map((w) => `${letter(column)}2:${w}`));
    expect(c.issues.every((i) => i.severity === 'warning')).toBe(true);
  });
});

describe('bad input reported at its cell', () => {
  it.each<[string, RawCell, string, object?]>([
    ['disburse_time', '03/04/2026', 'date-format'],
    ['disburse_time', '2026-02-30', 'date-invalid'],
    ['disburse_time', 60, 'date-fictitious', {}],
    ['disburse_time', true, 'date-format'],
    ['amount', '1.234,50', 'number-wrong-separator'],
    ['amount', '1,234.50', 'number-wrong-separator', { decimalSeparator: ',' }],
    ['amount', '1,234', 'number-ambiguous'],
    ['amount', '=1+1', 'not-a-number'],
    ['amount', '+SUM(A1)', 'not-a-number'],
    ['amount', '@cmd', 'not-a-number'],
    ['amount', true, 'not-a-number'],
    ['amount', false, 'not-a-number'],
    ['amount', 'cien', 'not-a-number'],
    ['amount', 10.005, 'too-many-decimals'],
    ['amount', -10, 'amount-not-positive'],
    ['loan_id', 1.23457e15, 'id-precision-lost'],
    ['loan_id', 12.5, 'id-not-integer'],
    ['loan_id', true, 'expected-text'],
    ['first_name', 'x'.repeat(40000), 'text-too-long'],
    ['first_name', new Date(0), 'expected-text'],
    ['first_name', { some: 'object' }, 'unreadable-cell'],
    ['gender', 'X', 'gender-invalid'],
    ['amount', { error: '#N/A' }, 'excel-error'],
    ['amount', { formula: '1/0', result: { error: '#DIV/0!' } }, 'excel-error'],
    ...['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'].map(
      (e): [string, RawCell, string] => ['first_name', e, 'excel-error'],
    ),
  ])('%s = %j → %s', (column, value, code, settings = {}) => {
    const c = loanWith(column, value, settings);
    expect(c.issues.filter((i) => i.severity === 'error').map((i) => `${i.column}${i.row}:${i.code}`)).toEqual([
      `${letter(column)}2:${code}`,
    ]);
    expect(c.requests).toEqual([]);
    expect(c.sheets[0]?.rows[0]?.problem?.code).toBe(code);
  });

  it('reports an Excel error in a repayment amount and still sends the other rows', () => {
    const c = convertWorkbook({
      sheets: [
        grid('Repayments', [
          ['loan_id', 'amount'],
          ['A', '#DIV/0!'],
          ['B', { error: '#REF!' }],
          ['C', 7],
        ]),
      ],
    });
    expect(c.issues.map((i) => `${i.column}${i.row}:${i.code}:${String(i.params.value)}`)).toEqual([
      'B2:excel-error:#DIV/0!',
      'B3:excel-error:#REF!',
    ]);
    expect((c.requests[0]?.body as RepaymentsBody).repayments).toEqual([{ loan_id: 'C', amount: 7 }]);
  });
});
