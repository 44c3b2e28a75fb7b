/**
 * Where a worksheet's rows are in its text, noted while the sheet is read (xlsx-read.ts), so that writing the
 * statuses back need not parse the whole sheet a second time (xlsx-indexed-patch.ts): a 100,000-row sheet was
 * parsed twice, once to read it and once to find where to write. Per row a few numbers in typed arrays (about
 * 40 bytes a row) and which of the sheet's few row start tags it has (the row is written anew from it); for the sheet, what the
 * patcher looks at around the rows: the root's namespace declarations, `<dimension>`, the columns' styles, where
 * `</sheetData>` is and where a `<legacyDrawing>` would go.
 *
 * Offsets are in the part's text as decoded (UTF-16 code units, what saxes counts): each is the offset just after
 * a tag's `>`, and a tag's start is the last `<` before it (a tag cannot hold a `<`).
 */

import { childrenAfter } from './worksheet-order';

/** The elements of a worksheet a `<legacyDrawing>` must come before (ECMA-376's order of a worksheet's children). */
export const AFTER_LEGACY_DRAWING: ReadonlySet<string> = childrenAfter('legacyDrawing');

/** A start tag as the patcher rewrites it (xml.ts's `startTagText` reads only these). */
export interface TagText {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly isSelfClosing: boolean;
}

/** A row's cells allow writing it as its text plus cells at its end: nothing between them but cells, each `r` as written back. */
const PLAIN = 1;

export class RowIndex {
  rows = 0;
  private number = new Int32Array(1024);
  private openEnd = new Float64Array(1024);
  private closeEnd = new Float64Array(1024);
  private lastColumn = new Int32Array(1024);
  private lastStyle = new Int32Array(1024);
  private flags = new Uint8Array(1024);
  private shape = new Int32Array(1024);
  /**
   * Row start tags by their name and attributes but `r` and `spans` (which a rewritten row sets and drops): the
   * rows of a sheet share a handful, so a row costs a number here, not its own attributes.
   */
  private readonly shapes: TagText[] = [];
  private readonly shapeIds = new Map<string, number>();
  private lastShape = -1;
  private lastNames: string[] = [];

  root: TagText | undefined;
  rootPrefix = '';
  dimension: { tag: TagText; openEnd: number; closeEnd: number } | undefined;
  readonly cols: { min: number; max: number; style: number }[] = [];
  /** After `<sheetData>`'s start tag (-1: none seen, or self-closing). */
  sheetDataOpenEnd = -1;
  sheetDataCloseEnd = -1;
  /** After the start tag of the first element a `<legacyDrawing>` must precede, else after the root's end tag. */
  drawingBeforeEnd = -1;
  maxRow = 0;
  maxColumn = 0;
  /** A sheet laid out in a way only the full patcher handles (a second `<dimension>`, one after the rows…). */
  unusual = false;

  /** The row just opened (its start tag ends at `openEnd`). */
  openRow(row: number, tag: TagText, openEnd: number): void {
    const k = this.rows;
    if (k === this.number.length) this.grow();
    this.number[k] = row;
    this.openEnd[k] = openEnd;
    this.lastColumn[k] = 0;
    this.lastStyle[k] = 0;
    this.flags[k] = PLAIN;
    this.shape[k] = this.shapeOf(tag);
    if (row > this.maxRow) this.maxRow = row;
  }

  /** A cell of the open row (valued or not), `plain` when its `r` is what a rewritten row writes. */
  cell(column: number, style: number, plain: boolean): void {
    const k = this.rows;
    this.lastColumn[k] = column;
    this.lastStyle[k] = style;
    if (!plain) this.flags[k] = (this.flags[k] as number) & ~PLAIN;
    if (column > this.maxColumn) this.maxColumn = column;
  }

  /** Text between the cells of the open row (whitespace): its cells are then written anew, not copied. */
  textBetweenCells(): void {
    const k = this.rows;
    this.flags[k] = (this.flags[k] as number) & ~PLAIN;
  }

  closeRow(closeEnd: number): void {
    this.closeEnd[this.rows] = closeEnd;
    this.rows++;
  }

  rowAt(k: number): IndexedRow {
    return {
      row: this.number[k] as number,
      tag: this.shapes[this.shape[k] as number] as TagText,
      openEnd: this.openEnd[k] as number,
      closeEnd: this.closeEnd[k] as number,
      lastColumn: this.lastColumn[k] as number,
      lastStyle: this.lastStyle[k] as number,
      plain: ((this.flags[k] as number) & PLAIN) !== 0,
    };
  }

  private shapeOf(tag: TagText): number {
    // Rows mostly have the shape of the row before: compared in place, without building its key.
    if (this.lastShape >= 0 && sameShape(tag, this.shapes[this.lastShape] as TagText, this.lastNames)) {
      return this.lastShape;
    }
    const id = this.shapeByKey(tag);
    this.lastShape = id;
    this.lastNames = Object.keys((this.shapes[id] as TagText).attributes);
    return id;
  }

  private shapeByKey(tag: TagText): number {
    let key = tag.name;
    for (const name in tag.attributes) {
      if (name === 'spans') continue;
      key += name === 'r' ? '\u0000r' : `\u0000${name}\u0001${tag.attributes[name] as string}`;
    }
    let id = this.shapeIds.get(key);
    if (id === undefined) {
      const attributes: Record<string, string> = {};
      for (const name in tag.attributes) if (name !== 'spans') attributes[name] = tag.attributes[name] as string;
      id = this.shapes.push({ name: tag.name, attributes, isSelfClosing: false }) - 1;
      this.shapeIds.set(key, id);
    }
    return id;
  }

  private grow(): void {
    const size = this.number.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.number = grown(this.number, (n) => new Int32Array(n));
    this.openEnd = grown(this.openEnd, (n) => new Float64Array(n));
    this.closeEnd = grown(this.closeEnd, (n) => new Float64Array(n));
    this.lastColumn = grown(this.lastColumn, (n) => new Int32Array(n));
    this.lastStyle = grown(this.lastStyle, (n) => new Int32Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
    this.shape = grown(this.shape, (n) => new Int32Array(n));
  }
}

/** The same name and attributes, in the same order, but `r` (any value) and `spans` (left out of shapes). */
function sameShape(tag: TagText, shape: TagText, names: readonly string[]): boolean {
  if (tag.name !== shape.name) return false;
  let k = 0;
  for (const name in tag.attributes) {
    if (name === 'spans') continue;
    if (names[k++] !== name) return false;
    if (name !== 'r' && shape.attributes[name] !== tag.attributes[name]) return false;
  }
  return k === names.length;
}

export interface IndexedRow {
  row: number;
  tag: TagText;
  openEnd: number;
  closeEnd: number;
  /** The last cell's column (0: none) and style. */
  lastColumn: number;
  lastStyle: number;
  plain: boolean;
}
