/** Identical messages said once: grouping keys and the runs of cells. */
import { formatGroupMessage, groupCells, groupFirstRange, groupIssues, type Issue } from '../../src/sheet';

const at = (row: number, over: Partial<Issue> = {}): Issue => ({
  sheet: 'Pagos noviembre',
  row,
  column: 'D',
  code: 'required-missing',
  severity: 'error',
  params: { header: 'Monto' },
  ...over,
});

describe('grouped issues', () => {
  it('groups by sheet, column, code, severity and params, in order of first appearance', () => {
    const groups = groupIssues([
      at(3),
      at(2),
      at(4, { params: { header: 'Importe' } }),
      at(5, { column: 'E' }),
      at(6, { severity: 'warning' }),
      at(7),
    ]);
    expect(groups.map((g) => [g.issue.row, g.rows])).toEqual([
      [3, [3, 2, 7]],
      [4, [4]],
      [5, [5]],
      [6, [6]],
    ]);
  });

  it('joins consecutive rows into runs, lists at most six, and quotes the sheet for selection', () => {
    const group = groupIssues(Array.from({ length: 315 }, (_, k) => at(k + 2)))[0]!;
    expect(groupCells(group)).toBe('D2:D316');
    expect(groupCells(group, true)).toBe("'Pagos noviembre'!D2:D316");
    const scattered = groupIssues([2, 4, 6, 8, 10, 12, 14, 15].map((r) => at(r)))[0]!;
    expect(groupCells(scattered)).toBe('D2, D4, D6, D8, D10, D12, …');
    expect(groupFirstRange(scattered)).toBe("'Pagos noviembre'!D2");
  });

  it('words the row count through Intl.PluralRules, with French spacing', () => {
    const two = groupIssues([at(2), at(3)])[0]!;
    expect(formatGroupMessage(two, 'en')).toBe('In 2 rows: “Monto” is required.');
    expect(formatGroupMessage(two, 'fr')).toMatch(/^Dans 2 lignes\u00a0: «\u00a0Monto\u00a0» est obligatoire\.$/u);
    const one = groupIssues([at(2), at(2)])[0]!;
    expect(formatGroupMessage(one, 'es')).toBe('«Monto» es obligatorio.');
  });
});
