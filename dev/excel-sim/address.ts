/** A1 addresses as Excel writes and reads them. Rows and columns are 0-based inside the simulation. */
import { simError } from './errors';

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Inclusive, 0-based. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function rect(top: number, left: number, bottom = top, right = left): Rect {
  return { top, left, bottom, right };
}

export const rowCountOf = (r: Rect): number => r.bottom - r.top + 1;
export const columnCountOf = (r: Rect): number => r.right - r.left + 1;
export const cellCountOf = (r: Rect): number => rowCountOf(r) * columnCountOf(r);
export const isEntireColumn = (r: Rect): boolean => r.top === 0 && r.bottom === MAX_ROWS - 1;
export const isEntireRow = (r: Rect): boolean => r.left === 0 && r.right === MAX_COLUMNS - 1;

export function intersect(a: Rect, b: Rect): Rect | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

export function boundingRect(a: Rect, b: Rect): Rect {
  return {
    top: Math.min(a.top, b.top),
    left: Math.min(a.left, b.left),
    bottom: Math.max(a.bottom, b.bottom),
    right: Math.max(a.right, b.right),
  };
}

export const contains = (outer: Rect, inner: Rect): boolean =>
  inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;

/** `a` minus `b`, as at most four rectangles (used to replace data-validation areas). */
export function subtract(a: Rect, b: Rect): Rect[] {
  const cut = intersect(a, b);
  if (!cut) return [a];
  const out: Rect[] = [];
  if (a.top < cut.top) out.push({ top: a.top, left: a.left, bottom: cut.top - 1, right: a.right });
  if (cut.bottom < a.bottom) out.push({ top: cut.bottom + 1, left: a.left, bottom: a.bottom, right: a.right });
  if (a.left < cut.left) out.push({ top: cut.top, left: a.left, bottom: cut.bottom, right: cut.left - 1 });
  if (cut.right < a.right) out.push({ top: cut.top, left: cut.right + 1, bottom: cut.bottom, right: a.right });
  return out;
}

const letterCache: string[] = [];

/** 0-based column → letters (0 → A, 26 → AA). */
export function columnLetters(column: number): string {
  const cached = letterCache[column];
  if (cached !== undefined) return cached;
  let n = column + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  letterCache[column] = letters;
  return letters;
}

/** Letters → 0-based column, or -1. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) return -1;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export const cellRef = (row: number, column: number): string => `${columnLetters(column)}${row + 1}`;

/** Sheet-relative A1 text, the way Excel's `address` shows it (`A1`, `A1:C4`, `B:D`, `3:7`). */
export function formatRect(r: Rect): string {
  const wholeColumns = isEntireColumn(r);
  const wholeRows = isEntireRow(r);
  if (wholeColumns && !wholeRows) return `${columnLetters(r.left)}:${columnLetters(r.right)}`;
  if (wholeRows) return `${r.top + 1}:${r.bottom + 1}`;
  const start = cellRef(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? start : `${start}:${cellRef(r.bottom, r.right)}`;
}

const PLAIN_SHEET_NAME = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/;
const CELL_LIKE = /^(?:[A-Za-z]{1,3}\d+|[RrCc]\d*|[Rr]\d+[Cc]\d+)$/;

/** `Loans!` or `'My loans'!`, quoted only when Excel would quote it. */
export function sheetPrefix(sheet: string): string {
  if (PLAIN_SHEET_NAME.test(sheet) && !CELL_LIKE.test(sheet)) return `${sheet}!`;
  return `'${sheet.replace(/'/g, "''")}'!`;
}

export const qualified = (sheet: string, r: Rect): string => `${sheetPrefix(sheet)}${formatRect(r)}`;

/** Splits `'My sheet'!A1:B2` into its sheet (unquoted) and reference; `sheet` is undefined when absent. */
export function splitSheet(address: string): { sheet: string | undefined; ref: string } {
  const text = address.trim();
  if (text.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < text.length) {
      const ch = text[i];
      if (ch === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (text[i] !== "'" || text[i + 1] !== '!') throw badAddress(address);
    return { sheet: name, ref: text.slice(i + 2) };
  }
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { sheet: undefined, ref: text };
  return { sheet: text.slice(0, bang), ref: text.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function parseCellPart(part: string, address: string): { row: number; column: number } {
  const m = CELL.exec(part);
  if (!m) throw badAddress(address);
  const column = columnIndex(m[1] ?? '');
  const row = Number(m[2]) - 1;
  if (column < 0 || column >= MAX_COLUMNS || row < 0 || row >= MAX_ROWS) throw badAddress(address);
  return { row, column };
}

/** A sheet-relative reference (`A1`, `A1:B2`, `A:C`, `2:5`, `$A$1`) → rectangle; throws InvalidArgument. */
export function parseRef(ref: string, address = ref): Rect {
  const text = ref.trim();
  if (text === '') throw badAddress(address);
  const parts = text.split(':');
  if (parts.length > 2) throw badAddress(address);
  const [a = '', b] = parts;
  if (b === undefined) {
    const cell = parseCellPart(a, address);
    return rect(cell.row, cell.column);
  }
  const colA = COLUMN.exec(a);
  const colB = COLUMN.exec(b);
  if (colA && colB) {
    const c1 = columnIndex(colA[1] ?? '');
    const c2 = columnIndex(colB[1] ?? '');
    if (c1 < 0 || c2 < 0 || c1 >= MAX_COLUMNS || c2 >= MAX_COLUMNS) throw badAddress(address);
    return rect(0, Math.min(c1, c2), MAX_ROWS - 1, Math.max(c1, c2));
  }
  const rowA = ROW.exec(a);
  const rowB = ROW.exec(b);
  if (rowA && rowB) {
    const r1 = Number(rowA[1]) - 1;
    const r2 = Number(rowB[1]) - 1;
    if (r1 < 0 || r2 < 0 || r1 >= MAX_ROWS || r2 >= MAX_ROWS) throw badAddress(address);
    return rect(Math.min(r1, r2), 0, Math.max(r1, r2), MAX_COLUMNS - 1);
  }
  const p = parseCellPart(a, address);
  const q = parseCellPart(b, address);
  return rect(
    Math.min(p.row, q.row),
    Math.min(p.column, q.column),
    Math.max(p.row, q.row),
    Math.max(p.column, q.column),
  );
}

/** Either sheet-qualified or not; `sheet` undefined when the address names none. */
export function parseAddress(address: string): { sheet: string | undefined; rect: Rect } {
  if (typeof address !== 'string') throw badAddress(String(address));
  const { sheet, ref } = splitSheet(address);
  return { sheet, rect: parseRef(ref, address) };
}

function badAddress(address: string) {
  return simError(
    'InvalidArgument',
    `The argument is invalid or missing or has an incorrect format. (address: ${address})`,
  );
}
