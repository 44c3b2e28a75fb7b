import {
  BORDER,
  convertSheet,
  describeRows,
  FILL,
  isAlreadySent,
  parseStatus,
  planSendWriteBack,
  STATUS_BORDER,
  STATUS_FILL,
  type RawCell,
} from '../../src/sheet';
import { grid } from './helpers';

const sheet = (rows: RawCell[][], extra = {}) => grid('Repayments', [['loan_id', 'amount', 'Notes'], ...rows], extra);

/** WCAG 2 contrast ratio of two `#RRGGBB` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('marker borders', () => {
  it('the pale fills alone are below 3:1 against white; each border is at least 3:1 against its fill and white', () => {
    expect(contrast(FILL.warning, '#FFFFFF')).toBeLessThan(1.2);
    expect(contrast(FILL.error, '#FFFFFF')).toBeLessThan(1.5);
    for (const severity of ['error', 'warning'] as const) {
      expect(contrast(BORDER[severity], FILL[severity])).toBeGreaterThanOrEqual(3);
      expect(contrast(BORDER[severity], '#FFFFFF')).toBeGreaterThanOrEqual(3);
    }
    for (const tone of Object.keys(STATUS_FILL) as (keyof typeof STATUS_FILL)[]) {
      const border = STATUS_BORDER[tone];
      if (border === null) continue;
      expect([tone, contrast(border, STATUS_FILL[tone]) >= 3]).toEqual([tone, true]);
      expect([tone, contrast(border, '#FFFFFF') >= 3]).toEqual([tone, true]);
    }
    expect(contrast(BORDER.warning, FILL.warning)).toBeCloseTo(4.66, 2);
  });
});

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
        border: BORDER.error,
        note: 'Kiva Sheets: The amount must be 0 or more (found -1).',
      },
      {
        row: 4,
        column: 'A',
        severity: 'warning',
        fill: FILL.warning,
        border: BORDER.warning,
        note: 'Kiva Sheets: Starts with “=”: sent to Kiva as text, exactly as written, not calculated.',
      },
      {
        row: 4,
        column: 'B',
        severity: 'error',
        fill: FILL.error,
        border: BORDER.error,
        note: 'Kiva Sheets: “abc” is not a number.',
      },
    ]);
    expect(plan.statuses).toEqual([
      {
        row: 2,
        text: 'Invalid: B2: The amount must be 0 or more (found -1).',
        fill: FILL.error,
        border: BORDER.error,
      },
      { row: 4, text: 'Invalid: B4: “abc” is not a number.', fill: FILL.error, border: BORDER.error },
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
      { row: 2, text: '', fill: null, border: null },
      { row: 3, text: 'No válido: B3: «x» no es un número.', fill: FILL.error, border: BORDER.error },
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

  it('links a journal update’s status to its confirm URL; anything but a web address stays text only', () => {
    const plan = planSendWriteBack({
      environment: 'stage',
      at: '2026-11-28 14:03',
      statusColumns: { Repayments: { column: 'D', number: 4, exists: true } },
      outcomes: [
        { kind: 'sent', row: rows[0]!, reference: { confirmUrl: 'https://partners.example/confirm/7?t=1' } },
        { kind: 'sent', row: rows[1]!, reference: { confirmUrl: 'javascript:alert(1)' } },
        { kind: 'sent', row: rows[2]!, reference: { loanDraftUuid: 'd-1' } },
      ],
    });
    expect(plan.sheets[0]?.statuses.map((s) => [s.row, s.link])).toEqual([
      [2, 'https://partners.example/confirm/7?t=1'],
      [3, null],
      [4, null],
    ]);
    expect(plan.sheets[0]?.statuses[0]?.text).toContain('https://partners.example/confirm/7?t=1');
  });

  it('writes one status per row with an outcome and one log line per call', () => {
    const plan = planSendWriteBack({
      environment: 'stage',
      at: '2026-11-28 14:03',
      statusColumns: { Repayments: { column: 'D', number: 4, exists: false } },
      outcomes: [
        { kind: 'sent', row: rows[0]!, reference: { uploadId: 'u-77' } },
        {
          kind: 'sent',
          row: rows[1]!,
          reference: {
            uploadId: 'u-77',
            warnings: ['amount differs from MIS', 'Loan is refunded, not payingBack'],
            warningCodes: ['', 'loan.not.repaying'],
          },
        },
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
          { row: 2, text: 'Sent · stage · 2026-11-28 14:03 · u-77', fill: STATUS_FILL.sent, border: null, link: null },
          {
            row: 3,
            // A code this tool knows is worded; Kiva's words for the others, quoted.
            text:
              'Sent with warnings · stage · 2026-11-28 14:03 · u-77 · Kiva: “amount differs from MIS”; ' +
              'Kiva: the loan is not repaying in Kiva (check its status in PA2)',
            fill: STATUS_FILL.warned,
            border: STATUS_BORDER.warned,
            link: null,
          },
          {
            row: 4,
            text: 'Error: Loan not found',
            fill: STATUS_FILL.rejected,
            border: STATUS_BORDER.rejected,
            link: null,
          },
          {
            row: 5,
            text: 'Uncertain: no answer in time — check PA2 before resending',
            fill: STATUS_FILL.uncertain,
            border: STATUS_BORDER.uncertain,
            link: null,
          },
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

  it.each([
    [
      'es',
      'Enviado con advertencias · pruebas (stage) · 2026-11-28 14:03 · u-9 · Kiva: el préstamo no está en reembolso',
    ],
    ['fr', 'Envoyé avec avertissements · test (stage) · 2026-11-28 14:03 · u-9 · Kiva\u00a0: le prêt n’est pas en'],
  ] as const)('words a warned row in %s, and reads it back as sent (never resent)', (language, start) => {
    const plan = planSendWriteBack({
      environment: 'stage',
      at: '2026-11-28 14:03',
      language,
      statusColumns: { Repayments: { column: 'D', number: 4, exists: true } },
      outcomes: [
        {
          kind: 'sent',
          row: rows[0]!,
          reference: { uploadId: 'u-9', warnings: ['Loan is refunded'], warningCodes: ['loan.not.repaying'] },
        },
      ],
    });
    const text = plan.sheets[0]!.statuses[0]!.text;
    expect(text.startsWith(start)).toBe(true);
    expect(text).not.toContain('refunded');
    const parsed = parseStatus(text);
    expect(parsed).toMatchObject({ kind: 'sent', warned: true, environment: 'stage' });
    expect(isAlreadySent(parsed, 'stage')).toBe(true);
    expect(parseStatus('Sent · stage · 2026-11-28 14:03').warned).toBeUndefined();
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
