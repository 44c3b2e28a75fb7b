/**
 * The reader on the fixture corpus (test/fixtures/files, made by make.py from LibreOffice, openpyxl, XlsxWriter in
 * its three modes, hand-made prefixed, strict and Google-Sheets-style packages, and damaged ones): every
 * well-formed file reads as expected.json says, cell by cell; every damaged one is refused, naming the part.
 */
import { join } from 'node:path';
import type { ReadRequest } from '../../../src/app/ports';
import { formatAppError } from '../../../src/app';
import { XlsxLeanWorkbookFile } from '../../../src/cli/files/xlsx-lean-workbook';
import { columnLetter, unwrapCell, type CellGrid, type RawCell } from '../../../src/sheet';
import { expected, FIXTURES } from './fixtures';

const redact = (text: string): string => text;
const everything: ReadRequest = { scope: { kind: 'workbook' }, isReference: () => false, withLists: false };

/** The grid's cells by address (`A1`), values as the sheet core sees them; empty cells left out. */
function cellsOf(grid: CellGrid): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  const top = grid.rowNumbers?.[0] ?? 1;
  grid.values.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === null || value === undefined || value === '') return;
      const raw = value as RawCell;
      const plain = typeof raw === 'object' && raw !== null && 'richText' in raw ? raw : unwrapCell(raw);
      cells[`${columnLetter((grid.firstColumn ?? 1) + c)}${top + r}`] =
        typeof raw === 'object' && raw !== null && ('formula' in raw || 'error' in raw) ? raw : plain;
    }),
  );
  return cells;
}

const workbooks = Object.entries(expected).filter(([name]) => name.endsWith('.xlsx'));

describe('the .xlsx reader on files from every writer', () => {
  it.each(workbooks.filter(([, e]) => e.damaged === undefined))('%s reads as expected', async (name, want) => {
    const opened = await XlsxLeanWorkbookFile.open(join(FIXTURES, name), { redact });
    if (!('ok' in opened) || !opened.ok) throw new Error(`${name} not opened: ${JSON.stringify(opened)}`);
    const read = await opened.value.read(everything);
    if (!read.ok) throw new Error(`${name} not read: ${formatAppError(read.error)}`);
    const grid = read.value.sheets.find((g) => g.sheet === want.sheet) as CellGrid;
    expect(read.value.dateSystem === 1904).toBe(want.date1904 === true);
    const cells = cellsOf(grid);
    for (const [ref, value] of Object.entries(want.cells ?? {})) expect([ref, cells[ref]]).toEqual([ref, value]);
    // Dates are numbers with a date format (the core decides they are dates); amounts carry none that is.
    const formats = grid.formats ?? [];
    const formatAt = (ref: string): string | null | undefined => {
      const row = Number(ref.slice(1)) - (grid.rowNumbers?.[0] ?? 1);
      return formats[row]?.[ref.charCodeAt(0) - 65 - ((grid.firstColumn ?? 1) - 1)];
    };
    expect(formatAt('C2')).toMatch(/y/);
    expect(formatAt('B2') ?? '').not.toMatch(/y/);
  });

  it.each(workbooks.filter(([, e]) => e.damaged !== undefined))('%s is refused as damaged', async (name, want) => {
    const opened = await XlsxLeanWorkbookFile.open(join(FIXTURES, name), { redact });
    if (!('ok' in opened) || opened.ok) throw new Error(`${name} was opened`);
    expect(opened.error.code).toBe('workbook-damaged');
    expect(opened.error.params).toMatchObject({ reason: want.damaged, part: want.part });
    for (const lang of ['en', 'es', 'fr']) {
      const message = formatAppError(opened.error, lang);
      expect(message).toContain(name);
      if (want.part !== '') expect(message).toContain(want.part as string);
      expect(message).not.toMatch(/\{\w+\}/);
    }
  });
});
