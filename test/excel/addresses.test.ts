import { formatArea, parseAddress, parseAreas, splitSheet } from '../../src/excel/a1';
import { addressLists, cellAreas, runs, spans } from '../../src/excel/areas';
import { decodeMarks, encodeMarks } from '../../src/excel/state';
import { withDropdownColumns } from '../../src/excel/lists';

describe('A1 addresses', () => {
  test.each([
    ['Loans!B2:D9', { sheet: 'Loans', area: { top: 2, left: 2, bottom: 9, right: 4 } }],
    ["'Kiva log'!A1", { sheet: 'Kiva log', area: { top: 1, left: 1, bottom: 1, right: 1 } }],
    ["'It''s'!$C$3", { sheet: "It's", area: { top: 3, left: 3, bottom: 3, right: 3 } }],
    ['A:C', { area: { top: 1, left: 1, bottom: 1_048_576, right: 3 } }],
    ['3:5', { area: { top: 3, left: 1, bottom: 5, right: 16_384 } }],
  ])('%s', (text, parsed) => {
    expect(parseAddress(text)).toEqual(parsed);
  });

  test('rejects what is not an address', () => {
    for (const bad of ['', 'Loans!', 'A1:B', 'A0', 'A1:B2:C3', 'XFE1']) expect(parseAddress(bad)).toBeUndefined();
  });

  test('range areas split on commas outside quoted sheet names', () => {
    expect(parseAreas("'a,b'!A1,'a,b'!C3:C4")?.map((p) => formatArea(p.area))).toEqual(['A1', 'C3:C4']);
    expect(splitSheet("'a,b'!A1")).toEqual({ sheet: 'a,b', local: 'A1' });
  });
});

describe('cells into ranges', () => {
  test('runs of numbers', () => {
    expect(runs([5, 1, 2, 3, 9, 3])).toEqual([
      [1, 3],
      [5, 5],
      [9, 9],
    ]);
  });

  test('vertical runs per column, neighbouring columns with the same rows joined', () => {
    const cells = [
      { row: 2, column: 'F' },
      { row: 3, column: 'F' },
      { row: 2, column: 'G' },
      { row: 3, column: 'G' },
      { row: 9, column: 'C' },
    ];
    expect(cellAreas(cells).map(formatArea)).toEqual(['C9', 'F2:G3']);
  });

  test('address lists stay under 8,192 characters', () => {
    const cells = Array.from({ length: 5_000 }, (_, i) => ({ row: 2 + i * 2, column: 'AB' }));
    const lists = addressLists(cellAreas(cells));
    expect(lists.length).toBeGreaterThan(1);
    for (const list of lists) expect(list.length).toBeLessThanOrEqual(8_192);
    expect(lists.join(',').split(',')).toHaveLength(5_000);
  });

  test('spans: neighbouring rows in one write, null for the rows between', () => {
    const entries = [2, 3, 6, 40].map((row) => ({ row, item: `r${row}` }));
    expect(spans(entries, 3)).toEqual([
      { top: 2, bottom: 6, items: ['r2', 'r3', null, null, 'r6'] },
      { top: 40, bottom: 40, items: ['r40'] },
    ]);
    expect(spans(entries, 0).map((s) => [s.top, s.bottom])).toEqual([
      [2, 3],
      [6, 6],
      [40, 40],
    ]);
  });
});

test('the marks registry round-trips compactly', () => {
  const cells = [
    { row: 7, column: 'F' },
    { row: 8, column: 'F' },
    { row: 9, column: 'F' },
    { row: 3, column: 'C' },
  ];
  const stored = encodeMarks(cells);
  expect(stored).toBe('C3,F7:F9');
  expect(decodeMarks(stored)).toEqual([cells[3], cells[0], cells[1], cells[2]]);
  expect(decodeMarks('not an address')).toEqual([]);
  expect(decodeMarks(42)).toEqual([]);
});

test('dropdown columns are appended after the lists, found by header', () => {
  const { rows, sources } = withDropdownColumns([
    ['activity_id', 'activity', null, 'language_id', 'language_name', 'currency'],
    [1, 'Retail', null, 2, 'Spanish', 'PEN'],
    [2, 'Bakery', null, 2, 'Spanish', 'USD'],
  ]);
  expect(rows[0]?.slice(7)).toEqual(['Dropdown: language', 'Dropdown: currency', 'Dropdown: gender']);
  expect(Object.fromEntries(sources)).toEqual({
    activity: { column: 'B', count: 2 },
    language: { column: 'H', count: 1 },
    currency: { column: 'I', count: 2 },
    gender: { column: 'J', count: 2 },
  });
});
