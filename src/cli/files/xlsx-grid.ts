/**
 * An exceljs worksheet → the `CellGrid` the sheet core reads: the used range (from the first row and column that
 * hold a value), values as exceljs gives them (the core unwraps formulas, rich text and links), number formats of
 * numeric cells, hidden or filtered-out rows, and the cells that still carry this tool's note.
 */
import ExcelJS from 'exceljs';
import { NOTE_PREFIX, unwrapCell, type CellGrid, type RawCell } from '../../sheet';

export interface UsedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function usedRange(ws: ExcelJS.Worksheet): UsedRange | undefined {
  let range: UsedRange | undefined;
  ws.eachRow((row, r) => {
    row.eachCell((_cell, c) => {
      if (range === undefined) range = { top: r, left: c, bottom: r, right: c };
      else {
        range.top = Math.min(range.top, r);
        range.bottom = Math.max(range.bottom, r);
        range.left = Math.min(range.left, c);
        range.right = Math.max(range.right, c);
      }
    });
  });
  return range;
}

/** The whole used range, or only its first row (`headerOnly`) when the caller decides whether to read more. */
export function readGrid(ws: ExcelJS.Worksheet, range: UsedRange | undefined, headerOnly = false): CellGrid {
  const sheet = ws.name;
  if (range === undefined) return { sheet, values: [] };
  const bottom = headerOnly ? range.top : range.bottom;
  const width = range.right - range.left + 1;
  const values: RawCell[][] = [];
  const formats: (string[] | undefined)[] = [];
  const hidden: boolean[] = [];
  const marked: { row: number; column: string }[] = [];
  let anyHidden = false;
  let anyFormat = false;

  for (let r = range.top; r <= bottom; r++) {
    const row = ws.findRow(r);
    const cells: RawCell[] = new Array<RawCell>(width).fill(null);
    let rowFormats: string[] | undefined;
    if (row !== undefined) {
      for (let c = range.left; c <= range.right; c++) {
        const cell = row.findCell(c);
        if (cell === undefined) continue;
        // A merged range shows its value in its first cell only, as Office.js reads it.
        const value = cell.type === ExcelJS.ValueType.Merge ? null : (cell.value as RawCell);
        cells[c - range.left] = value;
        // Number formats matter only for numbers: dates stored as serials, ids shown with leading zeros.
        if (typeof unwrapCell(value) === 'number' && cell.numFmt) {
          rowFormats ??= [];
          rowFormats[c - range.left] = cell.numFmt;
          anyFormat = true;
        }
        if (isOwnNote(cell.note)) marked.push({ row: r, column: cell.address.replace(/\d+$/, '') });
      }
      if (row.hidden) anyHidden = true;
    }
    values.push(cells);
    formats.push(rowFormats);
    hidden.push(row?.hidden === true);
  }

  const grid: CellGrid = { sheet, values, firstColumn: range.left };
  if (range.top !== 1) grid.rowNumbers = values.map((_, i) => range.top + i);
  if (anyFormat) grid.formats = formats;
  if (anyHidden) grid.hidden = hidden;
  if (marked.length > 0) grid.marked = marked;
  return grid;
}

export function noteText(note: unknown): string {
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text?: unknown }[] } | undefined)?.texts;
  return Array.isArray(texts) ? texts.map((t) => (typeof t.text === 'string' ? t.text : '')).join('') : '';
}

export function isOwnNote(note: unknown): boolean {
  return note !== undefined && noteText(note).startsWith(NOTE_PREFIX);
}
