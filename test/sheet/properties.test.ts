import fc from 'fast-check';
import {
  columnLetter,
  columnNumber,
  convertWorkbook,
  KIND_FIELDS,
  parseNumberText,
  REQUIRED_COLUMNS,
  parseStatus,
  serialToIso,
  SHEET_KINDS,
  type CellGrid,
  type Conversion,
  type RawCell,
  type SheetKind,
} from '../../src/sheet';
import { CONFIG } from './fixtures/config-lists';
import { serial } from './helpers';

const ERRORS = [
  '#N/A',
  '#VALUE!',
  '#REF!',
  '#DIV/0!',
  '#NAME?',
  '#NULL!',
  '#NUM!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
];
const WORDS = [
  'yes',
  'no',
  'x',
  'M',
  'H',
  'F',
  'sí',
  'Lima',
  'San José',
  'General',
  'Agriculture',
  'es',
  'PEN',
  '2026-02-30',
  '2026-11-20',
  '03/04/2026',
  '1,234.50',
  '1.234,50',
  '=1+1',
  '+SUM(A1)',
  '@cmd',
  '-',
  'G1',
  'L1',
  'data:image/png;base64,AAAA',
  'Sent · stage · 2026-11-28 14:03',
  'Invalid: x',
  'Uncertain: y',
];

const cell: fc.Arbitrary<RawCell> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<RawCell>(...WORDS) },
  // Small whole numbers are valid ids, names, amounts, serial dates and list ids alike: rows that get sent.
  { weight: 6, arbitrary: fc.constantFrom<RawCell>(1, 2, 48, 61, 100, 46346) },
  { weight: 2, arbitrary: fc.string() },
  fc.string({ unit: 'grapheme' }),
  fc.double(),
  fc.integer({ min: -2, max: 3_000_000 }),
  fc.constantFrom<RawCell>(0, 1, 60, 61, 46346, 1e15, 1.5, -0, Number.NaN, Number.POSITIVE_INFINITY),
  fc.boolean(),
  fc.constantFrom<RawCell>(null, undefined, '', '   '),
  fc.constantFrom<RawCell>(...ERRORS),
  fc.record({ error: fc.oneof(fc.constantFrom(...ERRORS), fc.string()) }),
  fc.record({
    formula: fc.string(),
    result: fc.oneof(fc.integer(), fc.string(), fc.record({ error: fc.constant('#N/A') })),
  }),
  fc.record({ richText: fc.array(fc.record({ text: fc.string() }), { maxLength: 3 }) }),
  fc.date({ noInvalidDate: false }),
  fc.object({ maxDepth: 1 }),
);

const headerPool = [...new Set(SHEET_KINDS.flatMap((k) => KIND_FIELDS[k]))];
const header: fc.Arbitrary<RawCell> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<RawCell>(...headerPool) },
  fc.constantFrom<RawCell>('Kiva status', 'Monto', 'Fecha', 'Nombre', 'loan id', '', null, 42, true, '#REF!'),
  fc.string(),
);
const format = fc.option(
  fc.constantFrom('General', 'yyyy-mm-dd', 'dd/mm/yyyy', '000000', '@', '0.00', '0.00E+00', '[h]:mm'),
  {
    nil: undefined,
  },
);

/** Headers of one kind, required ones included, so that rows get as far as being sent. */
function kindHeaders(kind: SheetKind): fc.Arbitrary<RawCell[]> {
  return fc
    .tuple(fc.subarray([...KIND_FIELDS[kind]]), fc.array(header, { maxLength: 2 }))
    .map(([fields, extra]) => [...new Set<RawCell>([...REQUIRED_COLUMNS[kind], ...fields, ...extra])]);
}

function gridArbitrary(sheet: string, kind?: SheetKind): fc.Arbitrary<CellGrid> {
  return fc
    .record({
      width: fc.integer({ min: 0, max: 8 }),
      height: fc.integer({ min: 0, max: 10 }),
      firstColumn: fc.integer({ min: 1, max: 30 }),
      firstRow: fc.integer({ min: 1, max: 50 }),
    })
    .chain(({ width, height, firstColumn, firstRow }) =>
      fc.record({
        headers: kind === undefined ? fc.array(header, { minLength: width, maxLength: width }) : kindHeaders(kind),
        rows: fc.array(fc.array(cell, { maxLength: kind === undefined ? width + 1 : 20 }), {
          minLength: height,
          maxLength: height,
        }),
        formats: fc.option(fc.array(fc.array(format, { maxLength: width }), { maxLength: height + 1 }), {
          nil: undefined,
        }),
        hidden: fc.option(fc.array(fc.boolean(), { maxLength: height + 1 }), { nil: undefined }),
        selected: fc.option(fc.array(fc.integer({ min: firstRow, max: firstRow + height }), { maxLength: 4 }), {
          nil: undefined,
        }),
        firstColumn: fc.constant(firstColumn),
        firstRow: fc.constant(firstRow),
      }),
    )
    .map(({ headers, rows, formats, hidden, selected, firstColumn, firstRow }) => {
      const values = height0(headers) ? rows : [headers, ...rows];
      const grid: CellGrid = {
        sheet,
        values,
        firstColumn,
        rowNumbers: values.map((_, i) => firstRow + i),
      };
      if (formats !== undefined) grid.formats = formats;
      if (hidden !== undefined) grid.hidden = hidden;
      if (selected !== undefined) grid.selectedRows = selected;
      return grid;
    });
}

/** Sometimes no header row at all, to reach the empty-sheet paths. */
function height0(headers: RawCell[]): boolean {
  return headers.length === 0;
}

function checkIssuesPointAtCells(grids: readonly CellGrid[], conversion: Conversion): void {
  for (const issue of conversion.issues) {
    const grid = grids.find((g) => g.sheet === issue.sheet);
    expect(grid).toBeDefined();
    if (grid === undefined) return;
    const width = Math.max(0, ...grid.values.map((r) => r.length));
    if (grid.values.length === 0 || width === 0) {
      expect(issue.code).toBe('sheet-empty');
      continue;
    }
    const rowIndex = (grid.rowNumbers ?? []).indexOf(issue.row);
    expect(rowIndex).toBeGreaterThanOrEqual(0);
    const col = columnNumber(issue.column) - (grid.firstColumn ?? 1);
    expect([issue.code, col >= 0 && col < width]).toEqual([issue.code, true]);
  }
}

/** No null, no "", no undefined, no 0 ids anywhere in what would be sent. */
function checkBodiesClean(value: unknown, path = 'body'): void {
  if (value === null || value === undefined || value === '') throw new Error(`${path} is ${JSON.stringify(value)}`);
  if (Array.isArray(value)) value.forEach((v, k) => checkBodiesClean(v, `${path}[${k}]`));
  else if (typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key.endsWith('_id') && typeof v === 'number' && !(v > 0)) throw new Error(`${path}.${key} is ${v}`);
      checkBodiesClean(v, `${path}.${key}`);
    }
  } else if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${path} is ${value}`);
}

function checkWriteBackSafe(conversion: Conversion): void {
  for (const sheet of conversion.writeBack.sheets) {
    for (const s of sheet.statuses) expect(s.text).not.toMatch(/^[=+\-@]/);
    for (const m of sheet.marks) expect(m.note).not.toMatch(/^[=+\-@]/);
    for (const s of sheet.statuses) if (s.text !== '') expect(parseStatus(s.text).kind).toBe('invalid');
  }
}

describe('any grid', () => {
  it('converts without throwing; every issue points at a cell of the grid; bodies carry no empty values', () => {
    fc.assert(
      fc.property(
        fc
          .option(fc.constantFrom<SheetKind>(...SHEET_KINDS), { nil: undefined })
          .chain((kind) => fc.tuple(gridArbitrary('Sheet 1', kind), fc.constant(kind), fc.boolean())),
        fc.record({
          decimalSeparator: fc.constantFrom<'.' | ','>('.', ','),
          threeColumn: fc.boolean(),
          repaymentsPerCall: fc.integer({ min: -5, max: 400 }),
        }),
        ([grid, kind, forceKind], settings) => {
          const conversion = convertWorkbook({
            sheets: [grid],
            targets: [grid.sheet],
            mappings: kind === undefined || !forceKind ? {} : { [grid.sheet]: { version: 1, kind } },
            config: CONFIG,
            settings: { ...settings, today: '2026-11-28', alreadySent: { environment: 'stage' } },
          });
          checkIssuesPointAtCells([grid], conversion);
          for (const request of conversion.requests) checkBodiesClean(request.body);
          checkWriteBackSafe(conversion);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('holds for a loans sheet joined with a schedule sheet', () => {
    fc.assert(
      fc.property(gridArbitrary('Loans', 'loans'), gridArbitrary('Schedule', 'schedule'), (loans, schedule) => {
        const conversion = convertWorkbook({
          sheets: [loans, schedule],
          mappings: { Loans: { version: 1, kind: 'loans' }, Schedule: { version: 1, kind: 'schedule' } },
          config: CONFIG,
          resolvePhoto: (name) =>
            name.length % 2 === 0 ? { dataUri: 'data:image/png;base64,AAAA' } : { error: 'not-found' },
          settings: { today: '2026-11-28' },
        });
        checkIssuesPointAtCells([loans, schedule], conversion);
        for (const request of conversion.requests) checkBodiesClean(request.body);
        checkWriteBackSafe(conversion);
        for (const request of conversion.requests) {
          const draft = request.body as { internal_loan_id?: string; not_pictured?: boolean[]; entreps?: unknown[] };
          if (draft.internal_loan_id === undefined) expect(draft.not_pictured).toBeUndefined();
          else if (draft.not_pictured !== undefined)
            expect(draft.not_pictured).toHaveLength(draft.entreps?.length ?? -1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('coercion properties', () => {
  it('reads back any amount written with two decimals, under either separator', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (cents) => {
        const text = (cents / 100).toFixed(2);
        expect(parseNumberText(text, '.')).toBe(cents / 100);
        expect(parseNumberText(text.replace('.', ','), ',')).toBe(cents / 100);
      }),
    );
  });

  it('agrees with the calendar on every serial date from 1900-03-01 on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (n) => {
        const iso = serialToIso(n);
        expect(typeof iso === 'string' && serial(iso)).toBe(n);
      }),
    );
  });

  it('maps column letters both ways', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 16384 }), (n) => expect(columnNumber(columnLetter(n))).toBe(n)));
  });
});
