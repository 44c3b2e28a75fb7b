import { convertSheet, describeRows, FILL, planSendWriteBack, type RawCell } from '../../src/sheet';
import { grid } from './helpers';

const sheet = (rows: RawCell[][], extra = {}) => grid('Repayments', [['loan_id', 'amount', 'Notes'], ...rows], extra);

describe('write-back after validation', () => {
  it('marks each problem cell with a fill and a note, and gives invalid rows a status', () => {
    const c = convertSheet(
      sheet([
        ['L1', -1],
        ['L2', 5],
        ['=L3', 'abc'],
      ]),
    );
    const plan = c.writeBack.sheets[0]!;
    expect(c.writeBack.textFormat).toBe('@');
    expect(plan.marks).toEqual([
      {
        row: 2,
        column: 'B',
        severity: 'error',
        fill: FILL.error,
        note: 'Kiva Sheets: The amount must be 0 or more (found -1).',
      },
      {
        row: 4,
        column: 'A',
        severity: 'warning',
        fill: FILL.warning,
        note: 'Kiva Sheets: Starts with “=”: sent to Kiva as text, exactly as written, not calculated.',
      },
      { row: 4, column: 'B', severity: 'error', fill: FILL.error, note: 'Kiva Sheets: “abc” is not a number.' },
    ]);
    expect(plan.statuses).toEqual([
      { row: 2, text: 'Invalid: B2: The amount must be 0 or more (found -1).' },
      { row: 4, text: 'Invalid: B4: “abc” is not a number.' },
    ]);
    expect(plan.statusColumn).toMatchObject({ column: 'D', exists: false, create: true, header: 'Kiva status' });
  });

  it('clears old marks and stale Invalid statuses once fixed, and leaves Sent statuses alone', () => {
    const g = grid(
      'R',
      [
        ['loan_id', 'amount', 'Kiva status'],
        ['L1', 5, 'Invalid: B2: …'],
        ['L2', 'x', 'Invalid: B3: …'],
        ['L3', 5, 'Sent · stage · 2026-11-28 14:03'],
        ['L4', 5, 'Invalid: B5: …'],
      ],
      {
        hidden: [false, false, false, false, true],
        marked: [
          { row: 2, column: 'B' },
          { row: 3, column: 'B' },
          { row: 5, column: 'B' },
          { row: 1, column: 'A' },
        ],
      },
    );
    const plan = convertSheet(g, { settings: { language: 'es' } }).writeBack.sheets[0]!;
    expect(plan.clear).toEqual([
      { row: 2, column: 'B' },
      { row: 1, column: 'A' },
    ]);
    expect(plan.statuses).toEqual([
      { row: 2, text: '' },
      { row: 3, text: 'No válido: B3: «x» no es un número.' },
    ]);
    expect(plan.statusColumn).toMatchObject({ column: 'C', exists: true, create: false });
  });

  it('joins several problems at one cell into one note, error fill winning', () => {
    const c = convertSheet(
      grid('R', [
        ['loan_id', 'amount'],
        ['L1', 1],
        ['L1', 2],
      ]),
    );
    expect(c.writeBack.sheets[0]!.marks.map((m) => m.note)).toEqual([
      'Kiva Sheets: Loan id L1 appears more than once (rows 2, 3): one row per loan.',
      'Kiva Sheets: Loan id L1 appears more than once (rows 2, 3): one row per loan.',
    ]);
  });
});

describe('write-back after a send', () => {
  const rows = [2, 3, 4, 5, 6].map((row) => ({ sheet: 'Repayments', row, key: `L${row}` }));

  it('writes one status per row with an outcome and one log line per call', () => {
    const plan = planSendWriteBack({
      environment: 'stage',
      at: '2026-11-28 14:03',
      statusColumns: { Repayments: { column: 'D', number: 4, exists: false } },
      outcomes: [
        { kind: 'sent', row: rows[0]!, reference: { uploadId: 'u-77' } },
        { kind: 'sent', row: rows[1]!, reference: { uploadId: 'u-77', warnings: ['amount differs from MIS'] } },
        { kind: 'rejected', row: rows[2]!, message: 'Loan not found', status: 400 },
        { kind: 'uncertain', row: rows[3]!, reason: 'timeout' },
        { kind: 'cancelled', row: rows[4]! },
      ],
      calls: [
        {
          at: '2026-11-28 14:03',
          environment: 'stage',
          endpoint: 'repayments',
          rows: rows.slice(0, 3),
          httpStatus: 200,
          reference: { uploadId: 'u-77' },
        },
        {
          at: '2026-11-28 14:04',
          environment: 'stage',
          endpoint: 'repayments',
          rows: rows.slice(3, 5),
          message: '-token=abc expired',
        },
      ],
    });
    expect(plan.sheets).toEqual([
      {
        sheet: 'Repayments',
        statusColumn: { column: 'D', number: 4, exists: false, header: 'Kiva status', create: true },
        statuses: [
          { row: 2, text: 'Sent · stage · 2026-11-28 14:03 · u-77' },
          { row: 3, text: 'Sent · stage · 2026-11-28 14:03 · u-77 · amount differs from MIS' },
          { row: 4, text: 'Error: Loan not found' },
          { row: 5, text: 'Uncertain: no answer in time — check PA2 before resending' },
        ],
        marks: [],
        clear: [],
      },
    ]);
    expect(plan.log.sheet).toBe('Kiva log');
    expect(plan.log.lines).toEqual([
      ['2026-11-28 14:03', 'stage', 'repayments', 'Repayments!2–4', '200', 'u-77'],
      ['2026-11-28 14:04', 'stage', 'repayments', 'Repayments!5–6', '', "'-token=[redacted] expired"],
    ]);
  });

  it('describes rows compactly', () => {
    expect(
      describeRows([
        { sheet: 'Loans', row: 7 },
        { sheet: 'Loans', row: 2 },
        { sheet: 'Loans', row: 3 },
        { sheet: 'Loans', row: 4 },
        { sheet: 'My loans', row: 9 },
      ]),
    ).toBe("Loans!2–4, 7; 'My loans'!9");
  });
});
