import { convertSheet, formatIssue, type Conversion, type RawCell } from '../../src/sheet';
import { grid } from './helpers';

function repayments(rows: RawCell[][], extra = {}, settings = {}): Conversion {
  return convertSheet(grid('Repayments', [['loan_id', 'client_id', 'amount'], ...rows], extra), { settings });
}

const bodies = (c: Conversion) => c.requests.map((r) => r.body);
const codes = (c: Conversion) => c.issues.map((i) => `${i.column}${i.row}:${i.code}`);

describe('repayments', () => {
  it('sends loan id and amount, keeping ids as text, and omits client ids for two-column partners', () => {
    const c = repayments([
      ['001042', 'C1', 25],
      [1042970, 'C2', '12.50'],
    ]);
    expect(bodies(c)).toEqual([
      {
        repayments: [
          { loan_id: '001042', amount: 25 },
          { loan_id: '1042970', amount: 12.5 },
        ],
      },
    ]);
    expect(c.requests[0]?.rows).toEqual([
      { sheet: 'Repayments', row: 2, key: '001042' },
      { sheet: 'Repayments', row: 3, key: '1042970' },
    ]);
    expect(codes(c)).toEqual(['B1:column-ignored']);
  });

  it('requires and sends client_id for three-column partners', () => {
    const c = repayments(
      [
        ['L1', 'C1', 25],
        ['L2', '', 30],
      ],
      {},
      { threeColumn: true },
    );
    expect(bodies(c)).toEqual([{ repayments: [{ loan_id: 'L1', amount: 25, client_id: 'C1' }] }]);
    expect(codes(c)).toEqual(['B3:required-missing']);
  });

  // recognition: once 0 errors and "0 of 2 rows ready": each repayment silently lacked its client id.
  it('a three-column partner’s report without a client id column: one error at A1 naming the setting, nothing sent', () => {
    const c = convertSheet(
      grid('Pagos', [
        ['ID del préstamo', 'Monto'],
        ['L1', 25],
        ['L2', 30],
      ]),
      { settings: { threeColumn: true } },
    );
    expect(c.requests).toEqual([]);
    expect(codes(c)).toEqual(['A1:column-missing']);
    expect(c.errorCount).toBe(1);
    expect(c.sheets[0]?.rows.map((r) => r.problem?.code)).toEqual(['column-missing', 'column-missing']);
    expect(formatIssue(c.issues[0]!, 'es')).toBe(
      'Pagos!A1: Falta una columna para «client_id»: agregue una columna con ese encabezado. Porque el ajuste «Formato del reporte de pagos» es «tres columnas (ID del préstamo, ID del cliente, monto)» (Ajustes, en la pestaña Herramientas del panel).',
    );
    // Two-column partners never need one.
    expect(
      convertSheet(
        grid('Pagos', [
          ['ID del préstamo', 'Monto'],
          ['L1', 25],
        ]),
      ).requests,
    ).toHaveLength(1);
  });

  it.each([1, 7, 250, 300])('cuts requests of at most %d rows', (size) => {
    const rows: RawCell[][] = Array.from({ length: 1000 }, (_, n) => [`L${n}`, '', 10]);
    const c = repayments(rows, {}, { repaymentsPerCall: size });
    expect(c.requests).toHaveLength(Math.ceil(1000 / size));
    expect(c.requests.every((r) => r.endpoint === 'repayments' && r.rows.length <= size)).toBe(true);
    expect(c.requests.flatMap((r) => r.rows.map((x) => x.row))).toEqual(rows.map((_, n) => n + 2));
  });

  it.each([
    [0, 1],
    [301, 300],
    [Number.NaN, 250],
    [undefined, 250],
  ])('brings a chunk size of %s back to %d', (size, expected) => {
    expect(repayments([], {}, { repaymentsPerCall: size }).settings.repaymentsPerCall).toBe(expected);
  });

  it('reports the same loan twice in one report on both rows, and sends neither', () => {
    const c = repayments([
      ['L1', '', 10],
      ['L2', '', 10],
      [' L1', '', 12],
    ]);
    expect(bodies(c)).toEqual([{ repayments: [{ loan_id: 'L2', amount: 10 }] }]);
    expect(codes(c)).toEqual(['B1:column-ignored', 'A2:duplicate-loan-id', 'A4:duplicate-loan-id']);
    expect(formatIssue(c.issues[1]!)).toBe(
      'Repayments!A2: Loan id L1 appears more than once (rows 2, 4): one row per loan.',
    );
  });

  it('requires a loan id; an empty amount is no repayment this period; 0 is sent with a warning', () => {
    const c = repayments([
      ['', '', 10],
      ['L2', '', ''],
      ['L3', '', 0],
      ['L4', '', 4.5],
      ['L5', '', -1],
    ]);
    expect(bodies(c)).toEqual([
      {
        repayments: [
          { loan_id: 'L3', amount: 0 },
          { loan_id: 'L4', amount: 4.5 },
        ],
      },
    ]);
    expect(codes(c)).toEqual(['B1:column-ignored', 'A2:required-missing', 'C4:repayment-zero', 'C6:amount-negative']);
    const states = c.sheets[0]?.rows ?? [];
    expect(states[1]).toMatchObject({ row: 3, noRepayment: true });
    expect(states[1]?.problem).toBeUndefined();
  });

  it('refuses 0 when the settings say so', () => {
    const c = repayments([['L3', '', 0]], {}, { zeroRepayment: 'error' });
    expect(bodies(c)).toEqual([]);
    expect(c.issues.find((i) => i.code === 'repayment-zero')?.severity).toBe('error');
  });

  it('sends nothing when a required column is missing, and every row says why', () => {
    const c = convertSheet(
      grid('Repayments', [
        ['loan_id', 'client_id'],
        ['L1', 'C1'],
      ]),
    );
    expect(c.requests).toEqual([]);
    expect(c.sheets[0]?.rows[0]?.problem?.code).toBe('column-missing');
  });
});

describe('skip rules', () => {
  const rows: RawCell[][] = [
    ['loan_id', 'amount', 'Kiva status'],
    ['L1', 10, ''],
    ['', '', ''],
    ['L3', 30, 'Sent · stage · 2026-11-28 14:03 · upload 77'],
    ['L4', 40, 'Uncertain: no answer in time — check PA2 before resending'],
    ['L5', 50, 'Error: loan not found'],
    ['L6', 60, 'Invalid: B6: …'],
    ['', '', 'Sent · stage · 2026-11-01 10:00'],
  ];

  it('skips blank rows (a status alone does not make a row) and exposes every previous status', () => {
    const c = convertSheet(grid('R', rows));
    const states = c.sheets[0]!.rows;
    expect(states.map((s) => [s.row, s.skipped, s.previous.kind])).toEqual([
      [2, undefined, 'none'],
      [3, 'blank', 'none'],
      [4, undefined, 'sent'],
      [5, undefined, 'uncertain'],
      [6, undefined, 'error'],
      [7, undefined, 'invalid'],
      [8, 'blank', 'sent'],
    ]);
  });

  it('skips rows already sent to this environment, and uncertain ones, unless resending', () => {
    const keys = (settings: object) =>
      convertSheet(grid('R', rows), { settings }).requests.flatMap((r) => r.rows.map((x) => x.key));
    expect(keys({ alreadySent: { environment: 'stage' } })).toEqual(['L1', 'L5', 'L6']);
    expect(keys({ alreadySent: { environment: 'production' } })).toEqual(['L1', 'L3', 'L5', 'L6']);
    expect(keys({ alreadySent: { environment: 'Stage' } })).toEqual(['L1', 'L5', 'L6']);
    expect(keys({ alreadySent: { environment: 'stage', resend: true } })).toEqual(['L1', 'L3', 'L4', 'L5', 'L6']);
    const c = convertSheet(grid('R', rows), { settings: { alreadySent: { environment: 'stage' } } });
    expect(c.sheets[0]!.rows[2]?.skipped).toBe('already-sent');
  });

  it('sends L3 again to production: it went to stage only', () => {
    const c = convertSheet(grid('R', rows), { settings: { alreadySent: { environment: 'production' } } });
    expect(c.sheets[0]!.rows[2]?.skipped).toBeUndefined();
  });

  it('skips hidden (filtered) rows unless they are selected explicitly', () => {
    const hidden = [false, true, false, true];
    const data: RawCell[][] = [
      ['loan_id', 'amount'],
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ];
    const visible = convertSheet(grid('R', data, { hidden }));
    expect(visible.requests[0]?.rows.map((r) => r.key)).toEqual(['B']);
    expect(visible.sheets[0]!.rows.map((s) => s.skipped)).toEqual(['hidden', undefined, 'hidden']);
    const selected = convertSheet(grid('R', data, { hidden, selectedRows: [2, 4] }));
    expect(selected.requests[0]?.rows.map((r) => r.key)).toEqual(['A', 'C']);
    expect(selected.sheets[0]!.rows.map((s) => s.skipped)).toEqual([undefined, 'not-selected', undefined]);
  });

  it('uses the row numbers the adapter gives (a used range that starts lower)', () => {
    const c = convertSheet(
      grid(
        'R',
        [
          ['loan_id', 'amount'],
          ['A', 'x'],
        ],
        { rowNumbers: [5, 6], firstColumn: 3 },
      ),
    );
    expect(c.issues.map((i) => `${i.column}${i.row}`)).toEqual(['D6']);
  });
});
