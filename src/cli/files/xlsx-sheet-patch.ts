/**
 * A worksheet's XML with cells edited: the sheet is parsed by element once (xml.ts), recording where its rows
 * are and, in the rows to edit, where each cell is; the output is the source copied around those spans, with the
 * edited rows written anew in the sheet's own prefix. Rows and cells stay in order; nothing else changes but the
 * `<dimension>` and, when notes are added, a `<legacyDrawing>`.
 */
import {
  attrOf,
  isMain,
  needsEscape,
  NS,
  nsAttrOf,
  parseXmlText,
  prefixFor,
  qualified,
  startTagText,
  type Tag,
} from './xml';
import { Utf8Sink } from './utf8-sink';
import { columnLetters, parseRef } from './xlsx-read';
import { AFTER_LEGACY_DRAWING } from './xlsx-row-index';

/**
 * What happens to one cell: a new style from the old one (or from the style of the cell on its left, when there
 * is one: a new header looks like its neighbours), and new content (text, or empty) or the old one.
 */
export interface CellEdit {
  style: (old: number, left: number | undefined) => number;
  text?: string | null;
}

/**
 * By row, its edits in the order they were made, flat: column, edit, column, edit… (one small array per row: a
 * status on each of 100,000 rows must not cost a map and a list per row, all alive until the sheet is written).
 */
export type SheetEdits = Map<number, RowEdits>;
export type RowEdits = (number | CellEdit)[];

export function addEdit(edits: SheetEdits, row: number, column: number, edit: CellEdit): void {
  const list = edits.get(row);
  if (list === undefined) edits.set(row, [column, edit]);
  else list.push(column, edit);
}

/** The columns a row's edits touch, in order. */
export function editedColumns(edits: RowEdits): number[] {
  const columns: number[] = [];
  for (let k = 0; k < edits.length; k += 2) {
    const column = edits[k] as number;
    if (!columns.includes(column)) columns.push(column);
  }
  return columns.length > 1 ? columns.sort((a, b) => a - b) : columns;
}

function editsColumn(edits: RowEdits, column: number): boolean {
  for (let k = 0; k < edits.length; k += 2) if (edits[k] === column) return true;
  return false;
}

export interface Span {
  tag: Tag;
  start: number;
  /** After the start tag. */
  openEnd: number;
  end: number;
}

export interface CellSpan extends Span {
  column: number;
}

/** The last row number of a sheet (0 when it has none). */
export function lastRow(part: string, xml: string): number {
  let depth = 0;
  let previous = 0;
  let max = 0;
  parseXmlText(part, xml, {
    open(tag) {
      depth++;
      if (depth === 3 && isMain(tag, 'row')) {
        const r = attrOf(tag, 'r');
        previous = r === undefined ? previous + 1 : Number(r);
        max = Math.max(max, previous);
      }
    },
    close() {
      depth--;
    },
  });
  return max;
}

/**
 * The sheet XML with the edits made (and a `<legacyDrawing>` naming `legacyDrawing`, when given), in one pass,
 * as UTF-8 bytes: the source is copied up to each edited row, which is written anew from its cells (untouched
 * cells copied as they are); only one row's cells are held at a time, so a 100,000-row sheet costs its text and
 * the output, nothing per row.
 */
export function patchSheetXml(
  part: string,
  xml: string,
  edits: SheetEdits,
  extra: { legacyDrawing?: string; strict?: boolean } = {},
): Buffer {
  const pending = [...edits.keys()].sort((a, b) => a - b);
  const out = new Utf8Sink(xml.length * 1.1 + edits.size * 100);
  let at = 0;
  const copyTo = (offset: number): void => {
    if (offset > at) out.push(xml.slice(at, offset));
    at = Math.max(at, offset);
  };
  let prefix = '';
  const q = (local: string): string => qualified(prefix, local);
  let relPrefix: string | undefined;
  const cols: { min: number; max: number; style: number }[] = [];
  const columnStyle = (column: number): number => cols.find((c) => column >= c.min && column <= c.max)?.style ?? 0;
  const newRow = (row: number): string => {
    const cells = rebuildCells(xml, q, row, [], edits.get(row) as RowEdits, 0, columnStyle);
    return `<${q('row')} r="${row}">${cells}</${q('row')}>`;
  };
  let depth = 0;
  let next = 0;
  let previousRow = 0;
  let previousColumn = 0;
  let maxRow = 0;
  let maxColumn = 0;
  for (const [row, cells] of edits) {
    maxRow = Math.max(maxRow, row);
    for (let k = 0; k < cells.length; k += 2) maxColumn = Math.max(maxColumn, cells[k] as number);
  }
  let dimension: { tag: Tag; hole: number } | undefined;
  let inSheetData = false;
  let sawSheetData = false;
  let row: (Span & { row: number; cells: CellSpan[] }) | undefined;
  let cell: CellSpan | undefined;
  let drawingDone = extra.legacyDrawing === undefined;
  const drawing = (): void => {
    if (drawingDone) return;
    drawingDone = true;
    out.push(`<${q('legacyDrawing')} ${relPrefix}:id="${extra.legacyDrawing}"/>`);
  };
  const newRowsBefore = (limit: number): void => {
    while (next < pending.length && (pending[next] as number) < limit) out.push(newRow(pending[next++] as number));
  };

  parseXmlText(part, xml, {
    open(tag, start, end) {
      depth++;
      if (depth === 1) {
        prefix = tag.prefix;
        relPrefix = prefixFor(tag, NS.rel);
        if (extra.legacyDrawing !== undefined && relPrefix === undefined) {
          // A new legacyDrawing names its relationship under a prefix the root must declare.
          relPrefix = freePrefix(tag, 'r');
          copyTo(start);
          out.push(startTagText(tag, { [`xmlns:${relPrefix}`]: NS.rel[extra.strict === true ? 1 : 0] }));
          at = end;
        }
      } else if (depth === 2) {
        if (isMain(tag, 'dimension')) {
          copyTo(start);
          dimension = { tag, hole: out.hole() };
          at = end;
        } else if (isMain(tag, 'sheetData')) {
          inSheetData = !tag.isSelfClosing;
          sawSheetData = true;
          if (tag.isSelfClosing) {
            // `<sheetData/>`: the new rows go between a start and an end tag.
            copyTo(start);
            out.push(startTagText(tag, {}, [], false));
            at = end;
            newRowsBefore(Infinity);
            out.push(`</${tag.name}>`);
          }
        } else if (sawSheetData && AFTER_LEGACY_DRAWING.has(tag.local) && tag.uri === NS.main[prefixIndex(tag)]) {
          copyTo(start);
          drawing();
        }
      } else if (depth === 3 && isMain(tag, 'col')) {
        cols.push({
          min: Number(attrOf(tag, 'min') ?? 0),
          max: Number(attrOf(tag, 'max') ?? 0),
          style: Number(attrOf(tag, 'style') ?? 0),
        });
      } else if (depth === 3 && inSheetData && isMain(tag, 'row')) {
        const r = attrOf(tag, 'r');
        const number = r === undefined ? previousRow + 1 : Number(r);
        previousRow = number;
        previousColumn = 0;
        maxRow = Math.max(maxRow, number);
        if (edits.has(number) || (pending[next] !== undefined && (pending[next] as number) < number)) {
          copyTo(start);
          newRowsBefore(number);
        }
        if (edits.has(number)) row = { tag, start, openEnd: end, end, row: number, cells: [] };
      } else if (depth === 4 && isMain(tag, 'c')) {
        const ref = attrOf(tag, 'r');
        const column = ref === undefined ? previousColumn + 1 : (parseRef(ref)?.column ?? previousColumn + 1);
        previousColumn = column;
        maxColumn = Math.max(maxColumn, column);
        if (row !== undefined) cell = { tag, start, openEnd: end, end, column };
      }
    },
    close(tag, start, end) {
      if (depth === 4 && cell !== undefined && isMain(tag, 'c')) {
        cell.end = end;
        row?.cells.push(cell);
        cell = undefined;
      } else if (depth === 3 && row !== undefined && isMain(tag, 'row')) {
        next++;
        const rowStyle = isTrue(attrOf(row.tag, 'customFormat')) ? Number(attrOf(row.tag, 's') ?? 0) : 0;
        const cells = rebuildCells(xml, q, row.row, row.cells, edits.get(row.row) as RowEdits, rowStyle, columnStyle);
        out.push(startTagText(row.tag, { r: String(row.row) }, ['spans'], false));
        out.push(cells);
        out.push(`</${row.tag.name}>`);
        at = end;
        row = undefined;
      } else if (depth === 2 && inSheetData && isMain(tag, 'sheetData')) {
        inSheetData = false;
        copyTo(start);
        newRowsBefore(Infinity);
      } else if (depth === 1) {
        copyTo(start);
        drawing();
      }
      depth--;
    },
  });
  copyTo(xml.length);
  if (dimension !== undefined) {
    const [from, to] = (attrOf(dimension.tag, 'ref') ?? 'A1').split(':').map((r) => parseRef(r));
    const first = from ?? { row: 1, column: 1 };
    const bottom = Math.max(to?.row ?? first.row, maxRow);
    const right = Math.max(to?.column ?? first.column, maxColumn);
    const ref = `${columnLetters(first.column)}${first.row}:${columnLetters(right)}${bottom}`;
    const close = dimension.tag.isSelfClosing ? '' : `</${dimension.tag.name}>`;
    out.fill(dimension.hole, startTagText(dimension.tag, { ref }) + close);
  }
  return out.bytes();
}

function prefixIndex(tag: Tag): number {
  return tag.uri === NS.main[1] ? 1 : 0;
}

export function rebuildCells(
  xml: string,
  q: (local: string) => string,
  row: number,
  existing: readonly CellSpan[],
  edits: RowEdits,
  rowStyle: number,
  columnStyle: (column: number) => number,
): string {
  let out = '';
  const wanted = editedColumns(edits);
  let next = 0;
  const styleAt = (column: number): number | undefined => {
    for (const c of existing) if (c.column === column) return Number(attrOf(c.tag, 's') ?? 0);
    return undefined;
  };
  const fresh = (column: number): string =>
    editCell(q, row, column, undefined, rowStyle || columnStyle(column), edits, styleAt(column - 1));
  for (const cell of existing) {
    while (next < wanted.length && (wanted[next] as number) < cell.column) out += fresh(wanted[next++] as number);
    if (!editsColumn(edits, cell.column)) {
      // Every cell of a rewritten row names its address, so a cell added before it cannot shift it.
      const ref = `${columnLetters(cell.column)}${row}`;
      out +=
        attrOf(cell.tag, 'r') === ref
          ? xml.slice(cell.start, cell.end)
          : startTagText(cell.tag, { r: ref }) + xml.slice(cell.openEnd, cell.end);
      continue;
    }
    next++;
    out += editCell(q, row, cell.column, { cell, xml }, styleAt(cell.column) ?? 0, edits, styleAt(cell.column - 1));
  }
  while (next < wanted.length) out += fresh(wanted[next++] as number);
  return out;
}

export function editCell(
  q: (local: string) => string,
  row: number,
  column: number,
  old: { cell: CellSpan; xml: string } | undefined,
  oldStyle: number,
  edits: RowEdits,
  left: number | undefined,
): string {
  let style = oldStyle;
  let text: string | null | undefined;
  for (let k = 0; k < edits.length; k += 2) {
    if (edits[k] !== column) continue;
    const edit = edits[k + 1] as CellEdit;
    style = edit.style(style, left);
    if (edit.text !== undefined) text = edit.text;
  }
  const ref = `${columnLetters(column)}${row}`;
  const s = style === 0 ? '' : ` s="${style}"`;
  if (text === undefined && old !== undefined) {
    const set: Record<string, string> = { r: ref };
    if (style !== 0) set.s = String(style);
    const tag = startTagText(old.cell.tag, set, style === 0 ? ['s'] : []);
    return tag + old.xml.slice(old.cell.openEnd, old.cell.end);
  }
  if (text === undefined || text === null) return `<${q('c')} r="${ref}"${s}/>`;
  return (
    `<${q('c')} r="${ref}"${s} t="inlineStr"><${q('is')}><${q('t')} xml:space="preserve">${escapeText(text)}</${q('t')}>` +
    `</${q('is')}></${q('c')}>`
  );
}

function escapeText(text: string): string {
  if (!needsEscape(text)) return text;
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    // Characters XML 1.0 cannot hold (and a carriage return, which XML would turn into a line feed) are
    // written the way Excel writes them: `_x000D_`.
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x0d)
      out += `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
    else out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch;
  }
  return out;
}

export function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

function freePrefix(tag: Tag, wanted: string): string {
  const taken = (p: string): boolean => `xmlns:${p}` in tag.attributes;
  if (!taken(wanted)) return wanted;
  for (let n = 1; ; n++) if (!taken(`${wanted}${n}`)) return `${wanted}${n}`;
}

/** The relationship id the sheet's `<legacyDrawing>` names, if it has one. */
export function legacyDrawingId(part: string, xml: string): string | undefined {
  let depth = 0;
  let id: string | undefined;
  parseXmlText(part, xml, {
    open(tag) {
      depth++;
      if (depth === 2 && isMain(tag, 'legacyDrawing')) id = nsAttrOf(tag, NS.rel, 'id');
    },
    close() {
      depth--;
    },
  });
  return id;
}
