/**
 * A1 addresses as Excel reports them (`Loans!A2:T5001`, `'Kiva log'!A1`, `Loans!A:A`) and as this adapter
 * writes them. Rows and columns are 1-based here, as the sheet core counts them.
 */
import { columnLetter, columnNumber, sheetPrefix } from '../sheet';

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Inclusive, 1-based. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ParsedAddress {
  sheet?: string;
  area: Area;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d{1,7})?$/;

/** One endpoint of an area: `B7`, `B` (a column) or `7` (a row). */
function endpoint(text: string): { column?: number; row?: number } | undefined {
  const m = CELL.exec(text);
  if (m === null || (m[1] === undefined && m[2] === undefined)) return undefined;
  const out: { column?: number; row?: number } = {};
  if (m[1] !== undefined) out.column = columnNumber(m[1]);
  if (m[2] !== undefined) out.row = Number(m[2]);
  return out;
}

/** Splits `Sheet!A1` / `'It''s'!A1` into sheet and local part; the sheet is unquoted. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const text = address.trim();
  if (text.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < text.length) {
      const ch = text.charAt(i);
      if (ch === "'") {
        if (text.charAt(i + 1) === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    const rest = text.slice(i + 1);
    return rest.startsWith('!') ? { sheet: name, local: rest.slice(1) } : { local: text };
  }
  const bang = text.lastIndexOf('!');
  return bang < 0 ? { local: text } : { sheet: text.slice(0, bang), local: text.slice(bang + 1) };
}

/** `Loans!B2:D9`, `B7`, `A:C`, `3:5` → sheet and area; undefined when it is not an address. */
export function parseAddress(address: string): ParsedAddress | undefined {
  const { sheet, local } = splitSheet(address);
  const [from, to, extra] = local.split(':');
  if (from === undefined || extra !== undefined) return undefined;
  const a = endpoint(from);
  const b = to === undefined ? a : endpoint(to);
  if (a === undefined || b === undefined) return undefined;
  // A column-only or row-only endpoint must be matched by one of the same kind (`A:C`, `3:5`).
  if ((a.row === undefined) !== (b.row === undefined) || (a.column === undefined) !== (b.column === undefined)) {
    return undefined;
  }
  const area: Area = {
    top: Math.min(a.row ?? 1, b.row ?? MAX_ROWS),
    bottom: Math.max(a.row ?? 1, b.row ?? MAX_ROWS),
    left: Math.min(a.column ?? 1, b.column ?? MAX_COLUMNS),
    right: Math.max(a.column ?? 1, b.column ?? MAX_COLUMNS),
  };
  if (a.row === undefined) {
    area.top = 1;
    area.bottom = MAX_ROWS;
  }
  if (a.column === undefined) {
    area.left = 1;
    area.right = MAX_COLUMNS;
  }
  if (area.top < 1 || area.bottom > MAX_ROWS || area.left < 1 || area.right > MAX_COLUMNS) return undefined;
  return sheet === undefined ? { area } : { sheet, area };
}

/** `A2:C5,Loans!E7` (a range-areas address) → its areas; undefined when any part is not an address. */
export function parseAreas(address: string): ParsedAddress[] | undefined {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  const out: ParsedAddress[] = [];
  for (const part of parts) {
    if (part.trim() === '') continue;
    const parsed = parseAddress(part);
    if (parsed === undefined) return undefined;
    out.push(parsed);
  }
  return out;
}

export function isEntireColumns(area: Area): boolean {
  return area.top === 1 && area.bottom === MAX_ROWS;
}

/** `B2:D9`, or `B2` for one cell. */
export function formatArea(area: Area): string {
  const first = `${columnLetter(area.left)}${area.top}`;
  if (area.top === area.bottom && area.left === area.right) return first;
  return `${first}:${columnLetter(area.right)}${area.bottom}`;
}

/** `$A$2:$A$80` on `sheet`, as a list source formula wants it. */
export function absoluteSource(sheet: string, column: string, fromRow: number, toRow: number): string {
  return `=${sheetPrefix(sheet)}$${column}$${fromRow}:$${column}$${toRow}`;
}

export { columnLetter, columnNumber, sheetPrefix };
