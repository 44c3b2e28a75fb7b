/**
 * Turning lists of cells into as few ranges as possible: one `getRanges("F7,F9:F12,…")` instead of one proxy per
 * cell costs ~7 actions instead of ~4 per cell (office-notes.md), and one range write per run of status rows
 * instead of one per row.
 */
import { columnLetter, columnNumber, type Area } from './a1';

export interface Cell {
  row: number;
  column: string;
}

/** Sorted, de-duplicated `[first, last]` runs of consecutive numbers. */
export function runs(numbers: Iterable<number>): [number, number][] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * Cells → rectangles: vertical runs per column, then runs with the same rows in neighbouring columns joined
 * (a row marked across F:H is one area, not three).
 */
export function cellAreas(cells: Iterable<Cell>): Area[] {
  const byColumn = new Map<number, number[]>();
  for (const c of cells) {
    const n = columnNumber(c.column);
    if (n < 1) continue;
    const rows = byColumn.get(n);
    if (rows === undefined) byColumn.set(n, [c.row]);
    else rows.push(c.row);
  }
  const bySpan = new Map<string, number[]>();
  for (const [column, rows] of byColumn) {
    for (const [top, bottom] of runs(rows)) {
      const key = `${top}:${bottom}`;
      const columns = bySpan.get(key);
      if (columns === undefined) bySpan.set(key, [column]);
      else columns.push(column);
    }
  }
  const areas: Area[] = [];
  for (const [key, columns] of bySpan) {
    const [top, bottom] = key.split(':').map(Number) as [number, number];
    for (const [left, right] of runs(columns)) areas.push({ top, bottom, left, right });
  }
  return areas.sort((a, b) => a.left - b.left || a.top - b.top);
}

export function areaAddress(area: Area): string {
  const first = `${columnLetter(area.left)}${area.top}`;
  return area.top === area.bottom && area.left === area.right
    ? first
    : `${first}:${columnLetter(area.right)}${area.bottom}`;
}

/** Every cell of some areas (the marks registry is stored as areas). */
export function cellsOf(areas: Iterable<Area>, limit = Number.POSITIVE_INFINITY): Cell[] {
  const out: Cell[] = [];
  for (const a of areas) {
    for (let c = a.left; c <= a.right; c++) {
      const column = columnLetter(c);
      for (let r = a.top; r <= a.bottom; r++) {
        if (out.length >= limit) return out;
        out.push({ row: r, column });
      }
    }
  }
  return out;
}

/**
 * Address lists for `worksheet.getRanges`, each under `maxChars` (Excel refuses range-areas addresses over 8,192
 * characters) and holding at most `maxAreas` areas, so one list is one bounded action.
 */
export function addressLists(areas: readonly Area[], maxChars = 8000, maxAreas = 2000): string[] {
  const lists: string[] = [];
  let current = '';
  let count = 0;
  for (const area of areas) {
    const address = areaAddress(area);
    if (current !== '' && (current.length + 1 + address.length > maxChars || count >= maxAreas)) {
      lists.push(current);
      current = '';
      count = 0;
    }
    current = current === '' ? address : `${current},${address}`;
    count++;
  }
  if (current !== '') lists.push(current);
  return lists;
}

export interface Span<T> {
  top: number;
  bottom: number;
  /** One entry per row of the span; `null` leaves that row's cell as it is. */
  items: (T | null)[];
}

/**
 * Rows → spans written as one range each. Rows closer than `maxGap` share a span, the rows between them written
 * as `null` (Office.js leaves such cells untouched): a gap of a few `null`s costs less than another range proxy.
 */
export function spans<T>(entries: readonly { row: number; item: T }[], maxGap = 0, maxRows = Infinity): Span<T>[] {
  const sorted = [...entries].sort((a, b) => a.row - b.row);
  const out: Span<T>[] = [];
  let current: Span<T> | undefined;
  for (const { row, item } of sorted) {
    if (current !== undefined && row <= current.bottom) {
      // The same row twice: the last write wins, as it would cell by cell.
      current.items[row - current.top] = item;
      continue;
    }
    if (current !== undefined && row - current.bottom - 1 <= maxGap && row - current.top < maxRows) {
      for (let r = current.bottom + 1; r < row; r++) current.items.push(null);
      current.items.push(item);
      current.bottom = row;
      continue;
    }
    current = { top: row, bottom: row, items: [item] };
    out.push(current);
  }
  return out;
}
