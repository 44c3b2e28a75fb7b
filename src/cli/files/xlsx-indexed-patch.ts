/**
 * `patchSheetXml`'s result (xlsx-sheet-patch.ts), byte for byte, from where the first read found the rows
 * (xlsx-row-index.ts) instead of a second parse of the whole sheet. A row whose edits all fall after its last cell
 * (a status in a new or last column, the usual case) is its text with the new cells added at its end; any other
 * edited row is parsed alone, within the root's namespace declarations, and rebuilt as the full patcher does.
 * Undefined when the sheet is laid out in a way only the full patcher handles; the caller then uses it.
 *
 * The sheet comes as its text or, when it is all ASCII, as its inflated bytes (the index's offsets, UTF-16 code
 * units, are then byte offsets): the rows between and around the edits are copied byte for byte into the output
 * without ever being decoded into a string and encoded again (a 100,000-row sheet: 17 MB of string and its
 * garbage, a decode and an encode fewer).
 */
import { attrOf, isMain, NS, parseXmlText, prefixFor, qualified, startTagText } from './xml';
import { Utf8Sink } from './utf8-sink';
import { PartDeflater, type PackedPart } from './zip-write';
import { columnLetters, parseRef } from './xlsx-read';
import type { IndexedRow, RowIndex, TagText } from './xlsx-row-index';
import {
  editCell,
  editedColumns,
  isTrue,
  rebuildCells,
  type CellSpan,
  type RowEdits,
  type SheetEdits,
} from './xlsx-sheet-patch';

/** A sheet's text, or its bytes when every one is ASCII (see above). */
export type SheetSource = string | Buffer;

export function patchIndexedSheetXml(
  part: string,
  xml: SheetSource,
  edits: SheetEdits,
  index: RowIndex,
  extra: { legacyDrawing?: string } = {},
): Buffer | undefined {
  return patchIndexed(part, xml, edits, index, extra, (size) => new Utf8Sink(size))?.bytes();
}

/** The same, deflated as it is written (zip-write.ts): the patched sheet is never held whole. */
export function patchIndexedSheetPacked(
  part: string,
  xml: SheetSource,
  edits: SheetEdits,
  index: RowIndex,
  extra: { legacyDrawing?: string } = {},
): PackedPart | undefined {
  return patchIndexed(part, xml, edits, index, extra, (size) => new Utf8Sink(size, new PartDeflater()))?.packed();
}

function patchIndexed(
  part: string,
  xml: SheetSource,
  edits: SheetEdits,
  index: RowIndex,
  extra: { legacyDrawing?: string },
  sink: (sizeHint: number) => Utf8Sink,
): Utf8Sink | undefined {
  const root = index.root;
  if (root === undefined || index.unusual || index.sheetDataOpenEnd < 0 || index.sheetDataCloseEnd < 0)
    return undefined;
  const dimension = index.dimension;
  if (dimension !== undefined && !dimension.tag.isSelfClosing) return undefined;
  const relPrefix = prefixFor(root, NS.rel);
  if (extra.legacyDrawing !== undefined && (relPrefix === undefined || index.drawingBeforeEnd < 0)) return undefined;

  const q = (local: string): string => qualified(index.rootPrefix, local);
  const cols = index.cols;
  const columnStyle = (column: number): number => cols.find((c) => column >= c.min && column <= c.max)?.style ?? 0;
  // A byte is looked for as a number in a buffer (a string would be searched as one).
  const startOf = (end: number): number =>
    typeof xml === 'string' ? xml.lastIndexOf('<', end - 1) : xml.lastIndexOf(0x3c, end - 1);
  const text = (from: number, to: number): string =>
    typeof xml === 'string' ? xml.slice(from, to) : xml.toString('latin1', from, to);
  const pending = [...edits.keys()].sort((a, b) => a - b);
  let maxRow = index.maxRow;
  let maxColumn = index.maxColumn;
  for (const [row, cells] of edits) {
    maxRow = Math.max(maxRow, row);
    for (let k = 0; k < cells.length; k += 2) maxColumn = Math.max(maxColumn, cells[k] as number);
  }

  const out = sink(xml.length * 1.1 + edits.size * 100);
  let at = 0;
  const copy = (from: number, to: number): void => {
    if (to <= from) return;
    if (typeof xml === 'string') out.push(xml.slice(from, to));
    else out.pushBytes(xml, from, to);
  };
  const copyTo = (offset: number): void => {
    copy(at, offset);
    at = Math.max(at, offset);
  };
  // The rows and columns are known before writing (the full patcher learns them as it goes and fills a hole, which
  // costs a second copy of the whole output).
  if (dimension !== undefined) {
    copyTo(startOf(dimension.openEnd));
    out.push(dimensionTag(dimension.tag, maxRow, maxColumn));
    at = dimension.openEnd;
  }
  let next = 0;
  const newRowsBefore = (limit: number): void => {
    while (next < pending.length && (pending[next] as number) < limit) {
      const row = pending[next++] as number;
      const cells = rebuildCells('', q, row, [], edits.get(row) as RowEdits, 0, columnStyle);
      out.push(`<${q('row')} r="${row}">${cells}</${q('row')}>`);
    }
  };
  for (let k = 0; k < index.rows; k++) {
    const row = index.rowAt(k);
    const rowEdits = edits.get(row.row);
    if (rowEdits === undefined && !(next < pending.length && (pending[next] as number) < row.row)) continue;
    copyTo(startOf(row.openEnd));
    newRowsBefore(row.row);
    if (rowEdits === undefined) continue;
    next++;
    writeRow(part, { out, copy, text, startOf }, root, q, row, rowEdits, columnStyle);
    at = row.closeEnd;
  }
  copyTo(startOf(index.sheetDataCloseEnd));
  newRowsBefore(Infinity);
  if (extra.legacyDrawing !== undefined) {
    copyTo(startOf(index.drawingBeforeEnd));
    out.push(`<${q('legacyDrawing')} ${relPrefix as string}:id="${extra.legacyDrawing}"/>`);
  }
  copyTo(xml.length);
  return out;
}

/** `<dimension>` widened to the rows and columns the sheet has now, as the full patcher writes it. */
function dimensionTag(tag: TagText, maxRow: number, maxColumn: number): string {
  const [from, to] = (attrOf(tag, 'ref') ?? 'A1').split(':').map((r) => parseRef(r));
  const first = from ?? { row: 1, column: 1 };
  const bottom = Math.max(to?.row ?? first.row, maxRow);
  const right = Math.max(to?.column ?? first.column, maxColumn);
  const ref = `${columnLetters(first.column)}${first.row}:${columnLetters(right)}${bottom}`;
  return startTagText(tag, { ref });
}

/** How `writeRow` reads the sheet and writes the output. */
interface RowIO {
  out: Utf8Sink;
  /** The source from `from` to `to` into `out`, as it is. */
  copy(from: number, to: number): void;
  text(from: number, to: number): string;
  startOf(end: number): number;
}

function writeRow(
  part: string,
  io: RowIO,
  root: TagText,
  q: (local: string) => string,
  row: IndexedRow,
  edits: RowEdits,
  columnStyle: (column: number) => number,
): void {
  const tag = row.tag;
  const rowStyle = isTrue(attrOf(tag, 'customFormat')) ? Number(attrOf(tag, 's') ?? 0) : 0;
  const head = startTagText(tag, { r: String(row.row) }, ['spans'], false);
  const close = `</${tag.name}>`;
  const columns = editedColumns(edits);
  if (row.plain && (columns[0] as number) > row.lastColumn) {
    // Every edit after the last cell: the row's cells as they are, then the new ones.
    io.out.push(head);
    if (row.closeEnd !== row.openEnd) io.copy(row.openEnd, io.startOf(row.closeEnd));
    let cells = '';
    for (const column of columns) {
      const left = row.lastColumn > 0 && column - 1 === row.lastColumn ? row.lastStyle : undefined;
      cells += editCell(q, row.row, column, undefined, rowStyle || columnStyle(column), edits, left);
    }
    io.out.push(cells + close);
    return;
  }
  // Any other edit: the row alone, as text with offsets from its start, parsed and rebuilt.
  const start = io.startOf(row.openEnd);
  const xml = io.text(start, row.closeEnd);
  const local = { ...row, openEnd: row.openEnd - start, closeEnd: row.closeEnd - start };
  const spans = cellSpans(part, xml, root, local);
  io.out.push(head + rebuildCells(xml, q, row.row, spans, edits, rowStyle, columnStyle) + close);
}

/** One row's cells, parsed alone inside the root's start tag (its namespace declarations), at their offsets in `xml`. */
function cellSpans(part: string, xml: string, root: TagText, row: IndexedRow): CellSpan[] {
  const start = xml.lastIndexOf('<', row.openEnd - 1);
  const open = startTagText(root, {}, [], false);
  const shift = open.length - start;
  const cells: CellSpan[] = [];
  let depth = 0;
  let previousColumn = 0;
  let cell: CellSpan | undefined;
  parseXmlText(part, `${open}${xml.slice(start, row.closeEnd)}</${root.name}>`, {
    open(tag, from, end) {
      depth++;
      if (depth !== 3 || !isMain(tag, 'c')) return;
      const ref = attrOf(tag, 'r');
      const column = ref === undefined ? previousColumn + 1 : (parseRef(ref)?.column ?? previousColumn + 1);
      previousColumn = column;
      cell = { tag, start: from - shift, openEnd: end - shift, end: end - shift, column };
    },
    close(tag, _from, end) {
      if (depth === 3 && cell !== undefined && isMain(tag, 'c')) {
        cell.end = end - shift;
        cells.push(cell);
        cell = undefined;
      }
      depth--;
    },
  });
  return cells;
}
