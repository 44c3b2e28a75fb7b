/**
 * The parts of an `.xlsx` package this tool reads, parsed by element (xml.ts) as they stream out of the zip:
 * relationships, the workbook, styles (number formats), shared strings, worksheets and comments.
 *
 * A worksheet is read strictly. Rows must come in order, each cell inside its own row, cells in order within a
 * row, a shared string index within the table, a value that parses for its type: anything else means the file is
 * damaged (a `</row>` lost in a truncated or hand-edited file shifts every cell after it), and reading stops with
 * a `FileProblem` naming the part and the cell, before anything is built or sent. The used range comes from the
 * cells themselves, not from `<dimension>`, which writers get wrong or leave out.
 *
 * Values are what the sheet core reads from any source: numbers as numbers with their number format beside them
 * (the core alone decides which formats are dates, src/sheet/coerce/number-formats.ts), `t="d"` ISO dates as
 * dates, formulas as `{formula, result}`, errors as `{error}`, rich text as `{richText}` (phonetic runs dropped).
 */
import type { RawCell } from '../../sheet';
import { FileProblem } from './problems';
import { builtinFormat } from './xlsx-formats';
import { attrOf, isMain, NS, nsAttrOf, parseXmlText, unescapeOoxml, xmlParser, type Tag, type XmlHandler } from './xml';
import type { UsedRange } from './xlsx-grid';
import { SheetCells } from './xlsx-cells';
import { AFTER_LEGACY_DRAWING, RowIndex } from './xlsx-row-index';
import type { ZipPackage } from './zip';

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

export interface Relationship {
  id: string;
  /** The last segment of the type (`worksheet`, `sharedStrings`…) when it is an OOXML type, else the whole URI. */
  kind: string;
  target: string;
  external: boolean;
}

const REL_TYPE_BASES = [
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/',
  'http://purl.oclc.org/ooxml/officeDocument/relationships/',
];

export function relKind(type: string): string {
  for (const base of REL_TYPE_BASES) if (type.startsWith(base)) return type.slice(base.length);
  return type;
}

/** Streams one part through a handler; the part's name is in every problem it raises. */
export async function readPart(zip: ZipPackage, part: string, handler: XmlHandler): Promise<void> {
  const parser = xmlParser(part, handler);
  await zip.stream(part, (text) => parser.write(text));
  parser.close();
}

/** The root element must be the one expected, in the expected namespace(s). */
function rootCheck(part: string, accept: (tag: Tag) => boolean): XmlHandler['open'] {
  let seen = false;
  return (tag) => {
    if (seen) return;
    seen = true;
    if (!accept(tag)) throw new FileProblem('damaged', part, 'unexpected-root', { element: tag.name });
  };
}

export function parseRelsText(part: string, xml: string | undefined): Relationship[] {
  const rels: Relationship[] = [];
  if (xml === undefined) return rels;
  const root = rootCheck(part, (t) => t.local === 'Relationships' && t.uri === NS.package);
  parseXmlText(part, xml, {
    open(tag) {
      root?.(tag, 0, 0);
      if (tag.local !== 'Relationship' || tag.uri !== NS.package) return;
      rels.push({
        id: attrOf(tag, 'Id') ?? '',
        kind: relKind(attrOf(tag, 'Type') ?? ''),
        target: attrOf(tag, 'Target') ?? '',
        external: attrOf(tag, 'TargetMode') === 'External',
      });
    },
  });
  return rels;
}

export interface WorkbookSheet {
  name: string;
  state: string;
  sheetId: number;
  relId: string;
}

export interface WorkbookInfo {
  /** The root element's prefix (`x` for `<x:workbook>`). */
  prefix: string;
  sheets: WorkbookSheet[];
  date1904: boolean;
  strict: boolean;
}

export function parseWorkbookText(part: string, xml: string): WorkbookInfo {
  const info: WorkbookInfo = { prefix: '', sheets: [], date1904: false, strict: false };
  let root = true;
  parseXmlText(part, xml, {
    open(tag) {
      if (root) {
        root = false;
        if (!isMain(tag, 'workbook')) throw new FileProblem('damaged', part, 'unexpected-root', { element: tag.name });
        info.strict = tag.uri === NS.main[1];
        info.prefix = tag.prefix;
      }
      if (isMain(tag, 'workbookPr')) info.date1904 = isTrue(attrOf(tag, 'date1904'));
      else if (isMain(tag, 'sheet')) {
        info.sheets.push({
          name: attrOf(tag, 'name') ?? '',
          state: attrOf(tag, 'state') ?? 'visible',
          sheetId: Number(attrOf(tag, 'sheetId') ?? 0),
          relId: nsAttrOf(tag, NS.rel, 'id') ?? '',
        });
      }
    },
  });
  return info;
}

/** Number formats by style index (`cellXfs`): none for General. */
export async function readCellFormats(zip: ZipPackage, part: string): Promise<(string | undefined)[]> {
  const custom = new Map<string, string>();
  const ids: (string | undefined)[] = [];
  let inCellXfs = false;
  let depth = 0;
  await readPart(zip, part, {
    open(tag) {
      depth++;
      if (depth === 1 && !isMain(tag, 'styleSheet')) {
        throw new FileProblem('damaged', part, 'unexpected-root', { element: tag.name });
      }
      if (isMain(tag, 'numFmt')) {
        const id = attrOf(tag, 'numFmtId');
        const code = attrOf(tag, 'formatCode');
        if (id !== undefined && code !== undefined) custom.set(id, code);
      } else if (isMain(tag, 'cellXfs')) inCellXfs = true;
      else if (inCellXfs && depth === 3 && isMain(tag, 'xf')) ids.push(attrOf(tag, 'numFmtId'));
    },
    close(tag) {
      depth--;
      if (isMain(tag, 'cellXfs')) inCellXfs = false;
    },
  });
  return ids.map((id) => (id === undefined || id === '0' ? undefined : (custom.get(id) ?? builtinFormat(id))));
}

/**
 * The text of a string item (`<si>`, `<is>`, a comment's `<text>`): `<t>` directly, or rich-text runs `<r><t>`
 * joined; phonetic runs (`<rPh>`, the reading of Japanese text) are not part of the value.
 */
class StringItem {
  private depth = 0;
  private phonetic = 0;
  private inText = false;
  private text = '';
  private runs: string[] | undefined;
  private run = '';

  open(tag: Tag): void {
    this.depth++;
    if (isMain(tag, 'rPh')) this.phonetic++;
    else if (this.phonetic > 0) return;
    else if (isMain(tag, 'r')) {
      this.runs ??= [];
      this.run = '';
    } else if (isMain(tag, 't')) this.inText = true;
  }

  close(tag: Tag): boolean {
    this.depth--;
    if (isMain(tag, 'rPh')) this.phonetic--;
    else if (this.phonetic > 0) return this.depth < 0;
    else if (isMain(tag, 't')) this.inText = false;
    else if (isMain(tag, 'r')) this.runs?.push(unescapeOoxml(this.run));
    return this.depth < 0;
  }

  add(text: string): void {
    if (!this.inText || this.phonetic > 0) return;
    if (this.runs !== undefined) this.run += text;
    else this.text += text;
  }

  plain(): string {
    return this.runs === undefined ? unescapeOoxml(this.text) : this.runs.join('');
  }

  value(): RawCell {
    if (this.runs === undefined) return unescapeOoxml(this.text);
    // A direct <t> beside runs is not valid, but its text is still part of the string.
    const runs = this.text === '' ? this.runs : [unescapeOoxml(this.text), ...this.runs];
    return { richText: runs.map((text) => ({ text })) } as unknown as RawCell;
  }
}

export async function readSharedStrings(zip: ZipPackage, part: string): Promise<RawCell[]> {
  const out: RawCell[] = [];
  let item: StringItem | undefined;
  let depth = 0;
  await readPart(zip, part, {
    open(tag) {
      depth++;
      if (depth === 1 && !isMain(tag, 'sst'))
        throw new FileProblem('damaged', part, 'unexpected-root', { element: tag.name });
      if (item !== undefined) item.open(tag);
      else if (depth === 2 && isMain(tag, 'si')) item = new StringItem();
    },
    close(tag) {
      depth--;
      if (item !== undefined && item.close(tag)) {
        out.push(item.value());
        item = undefined;
      }
    },
    text(text) {
      item?.add(text);
    },
  });
  return out;
}

export interface ParsedSheet {
  /** The root element's prefix (`x` for `<x:worksheet>`) and namespace, which the patcher writes elements in. */
  prefix: string;
  uri: string;
  /** Its rows and the cells that hold a value (xlsx-cells.ts). */
  cells: SheetCells;
  range: UsedRange | undefined;
  merges: UsedRange[];
  /** The relationship id its `<legacyDrawing>` (the notes' drawing) names, if it has one. */
  legacyDrawing: string | undefined;
  /** Where its rows are in its text, for writing statuses back without parsing it again. */
  index: RowIndex;
}

export interface ReadContext {
  strings: readonly RawCell[];
  formats: readonly (string | undefined)[];
}

interface OpenCell {
  ref: string;
  column: number;
  type: string;
  style: number;
  v: string | undefined;
  inV: boolean;
  inline: StringItem | undefined;
  inlineText: RawCell | undefined;
  formula: { type: string | undefined; si: string | undefined; text: string } | undefined;
  inF: boolean;
}

/** One worksheet's cells that hold a value (empty and style-only cells are left out), rows in order. */
export class SheetReader implements XmlHandler {
  readonly cells = new SheetCells();
  readonly merges: UsedRange[] = [];
  range: UsedRange | undefined;
  private legacyDrawing: string | undefined;
  private prefix = '';
  private uri = '';
  private depth = 0;
  private sheetDataDepth = 0;
  /** The open row's number (0: no row open). */
  private row = 0;
  private previousRow = 0;
  private previousColumn = 0;
  private cell: OpenCell | undefined;
  private readonly sharedFormulas = new Map<string, string>();
  private readonly index = new RowIndex();

  constructor(
    private readonly part: string,
    private readonly ctx: ReadContext,
  ) {}

  result(): ParsedSheet {
    const { prefix, uri, cells, range, merges, legacyDrawing, index } = this;
    return { prefix, uri, cells, range, merges, legacyDrawing, index };
  }

  open(tag: Tag, _start: number, end: number): void {
    this.depth++;
    if (this.depth === 1) {
      if (!isMain(tag, 'worksheet')) this.damaged('unexpected-root', { element: tag.name });
      this.prefix = tag.prefix;
      this.uri = tag.uri;
      this.index.root = tag;
      this.index.rootPrefix = tag.prefix;
      return;
    }
    const cell = this.cell;
    if (cell !== undefined) {
      if (cell.inline !== undefined) cell.inline.open(tag);
      else if (isMain(tag, 'v')) {
        cell.inV = true;
        cell.v = '';
      } else if (isMain(tag, 'is')) cell.inline = new StringItem();
      else if (isMain(tag, 'f')) {
        cell.inF = true;
        cell.formula = { type: attrOf(tag, 't'), si: attrOf(tag, 'si'), text: '' };
      } else if (isMain(tag, 'c') || isMain(tag, 'row')) this.damaged('cell-unclosed', { cell: cell.ref });
      return;
    }
    if (this.row !== 0) {
      if (isMain(tag, 'c')) this.openCell(tag);
      else if (isMain(tag, 'row')) this.damaged('row-unclosed', { row: attrOf(tag, 'r') ?? '?', previous: this.row });
      return;
    }
    if (this.sheetDataDepth > 0) {
      if (isMain(tag, 'row')) this.openRow(tag, end);
      else if (isMain(tag, 'c')) {
        const ref = attrOf(tag, 'r') ?? '?';
        this.damaged('cell-outside-row', { cell: ref, row: '—' });
      }
      return;
    }
    this.note(tag, end);
    if (isMain(tag, 'sheetData')) {
      this.sheetDataDepth = this.depth;
      if (this.depth === 2 && !tag.isSelfClosing) this.index.sheetDataOpenEnd = end;
    } else if (isMain(tag, 'mergeCell')) this.merge(attrOf(tag, 'ref') ?? '');
    else if (this.depth === 2 && isMain(tag, 'legacyDrawing')) this.legacyDrawing = nsAttrOf(tag, NS.rel, 'id');
  }

  /** What the indexed patcher needs around the rows (xlsx-row-index.ts), as the full patcher would find it. */
  private note(tag: Tag, end: number): void {
    const index = this.index;
    const before = index.sheetDataOpenEnd < 0 && index.sheetDataCloseEnd < 0;
    if (this.depth === 2 && isMain(tag, 'dimension')) {
      if (!before || index.dimension !== undefined) index.unusual = true;
      index.dimension = { tag, openEnd: end, closeEnd: end };
    } else if (this.depth === 2 && isMain(tag, 'sheetData') && (!before || tag.isSelfClosing)) index.unusual = true;
    else if (this.depth === 3 && before && isMain(tag, 'col')) {
      index.cols.push({
        min: Number(attrOf(tag, 'min') ?? 0),
        max: Number(attrOf(tag, 'max') ?? 0),
        style: Number(attrOf(tag, 'style') ?? 0),
      });
    } else if (this.depth === 2 && index.sheetDataCloseEnd >= 0 && index.drawingBeforeEnd < 0) {
      if (tag.main && AFTER_LEGACY_DRAWING.has(tag.local)) index.drawingBeforeEnd = end;
    }
  }

  close(tag: Tag, _start: number, end: number): void {
    this.depth--;
    if (this.depth === 0 && this.index.drawingBeforeEnd < 0) this.index.drawingBeforeEnd = end;
    else if (this.depth === 1 && this.index.dimension?.tag === tag) this.index.dimension.closeEnd = end;
    const cell = this.cell;
    if (cell !== undefined) {
      if (cell.inline !== undefined) {
        if (cell.inline.close(tag)) {
          cell.inlineText = cell.inline.value();
          cell.inline = undefined;
        }
        return;
      }
      if (isMain(tag, 'v')) cell.inV = false;
      else if (isMain(tag, 'f')) cell.inF = false;
      else if (isMain(tag, 'c')) this.closeCell(cell);
      return;
    }
    if (this.row !== 0 && isMain(tag, 'row')) {
      this.index.closeRow(end);
      this.cells.closeRow();
      this.row = 0;
    } else if (isMain(tag, 'sheetData') && this.depth < this.sheetDataDepth) {
      this.sheetDataDepth = 0;
      if (this.depth === 1 && this.index.sheetDataOpenEnd >= 0) this.index.sheetDataCloseEnd = end;
    }
  }

  text(text: string): void {
    const cell = this.cell;
    if (cell === undefined) {
      if (this.row !== 0) this.index.textBetweenCells();
      return;
    }
    if (cell.inline !== undefined) cell.inline.add(text);
    else if (cell.inV) cell.v += text;
    else if (cell.inF && cell.formula !== undefined) cell.formula.text += text;
  }

  private openRow(tag: Tag, end: number): void {
    const r = attrOf(tag, 'r');
    const row = r === undefined ? this.previousRow + 1 : Number(r);
    if (!Number.isInteger(row) || row < 1 || row > MAX_ROW) this.damaged('cell-reference', { cell: `row ${r}` });
    if (row <= this.previousRow) this.damaged('row-order', { row, previous: this.previousRow });
    this.previousRow = row;
    this.previousColumn = 0;
    this.row = row;
    this.cells.openRow(row, isTrue(attrOf(tag, 'hidden')));
    this.index.openRow(row, tag, end);
  }

  private openCell(tag: Tag): void {
    const row = this.row;
    const ref = attrOf(tag, 'r');
    let column: number;
    if (ref === undefined) column = this.previousColumn + 1;
    else {
      const at = parseRef(ref);
      if (at === undefined) return this.damaged('cell-reference', { cell: ref });
      if (at.row !== row) return this.damaged('cell-outside-row', { cell: ref, row });
      column = at.column;
    }
    const name = ref ?? `${columnLetters(column)}${row}`;
    if (column <= this.previousColumn) {
      return this.damaged('cell-order', { cell: name, previous: `${columnLetters(this.previousColumn)}${row}` });
    }
    if (column > MAX_COLUMN) return this.damaged('cell-reference', { cell: name });
    this.previousColumn = column;
    const style = Number(attrOf(tag, 's') ?? 0);
    const validStyle = Number.isInteger(style) && style >= 0;
    this.index.cell(column, validStyle ? style : 0, validStyle && ref !== undefined && isWrittenRef(ref));
    this.cell = {
      ref: name,
      column,
      type: attrOf(tag, 't') ?? 'n',
      style: Number.isInteger(style) && style >= 0 ? style : 0,
      v: undefined,
      inV: false,
      inline: undefined,
      inlineText: undefined,
      formula: undefined,
      inF: false,
    };
  }

  private closeCell(cell: OpenCell): void {
    this.cell = undefined;
    const value = this.cellValue(cell);
    if (value === undefined) return;
    this.cells.add(cell.column, value, this.ctx.formats[cell.style]);
    this.extend(this.row, cell.column);
  }

  private cellValue(cell: OpenCell): RawCell | undefined {
    const v = cell.v === '' ? undefined : cell.v;
    let value: RawCell | undefined;
    switch (cell.type) {
      case 's': {
        if (v === undefined) break;
        const index = Number(v.trim());
        const strings = this.ctx.strings;
        if (!Number.isInteger(index) || index < 0 || index >= strings.length) {
          this.damaged('shared-string-index', { cell: cell.ref, index: v.trim(), count: strings.length });
        }
        value = strings[index];
        break;
      }
      case 'inlineStr':
        value = cell.inlineText ?? (v === undefined ? undefined : unescapeOoxml(v));
        break;
      case 'str':
        // A formula's text result: present even when empty, as an empty string.
        value = cell.v === undefined ? undefined : unescapeOoxml(cell.v);
        break;
      case 'b': {
        if (v === undefined) break;
        const b = v.trim();
        if (b !== '0' && b !== '1' && b !== 'true' && b !== 'false') this.invalid(cell, v, 'boolean');
        value = b === '1' || b === 'true';
        break;
      }
      case 'e':
        if (v !== undefined) value = { error: v } as unknown as RawCell;
        break;
      case 'n': {
        if (v === undefined) break;
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n)) this.invalid(cell, v, 'number');
        value = n;
        break;
      }
      case 'd': {
        if (v === undefined) break;
        const date = isoDate(v.trim());
        if (date === undefined) this.invalid(cell, v, 'date');
        value = date;
        break;
      }
      default:
        this.damaged('cell-type', { cell: cell.ref, type: cell.type });
    }
    const f = cell.formula;
    if (f === undefined) return value;
    const formula: Record<string, unknown> = {};
    if (f.type === 'shared' && f.si !== undefined && f.text === '') {
      formula.sharedFormula = this.sharedFormulas.get(f.si) ?? '';
    } else {
      formula.formula = f.text;
      if (f.type === 'shared' && f.si !== undefined) this.sharedFormulas.set(f.si, cell.ref);
    }
    if (value !== undefined) formula.result = value;
    return formula as unknown as RawCell;
  }

  private merge(ref: string): void {
    const [from, to] = ref.split(':').map((r) => parseRef(r));
    if (from === undefined || to === undefined) return;
    this.merges.push({ top: from.row, left: from.column, bottom: to.row, right: to.column });
    // A merged range counts in the used range as a whole, as every reader of the file shows it.
    this.extend(from.row, from.column);
    this.extend(to.row, to.column);
  }

  private extend(r: number, c: number): void {
    const range = this.range;
    if (range === undefined) this.range = { top: r, left: c, bottom: r, right: c };
    else {
      if (r < range.top) range.top = r;
      if (r > range.bottom) range.bottom = r;
      if (c < range.left) range.left = c;
      if (c > range.right) range.right = c;
    }
  }

  private invalid(cell: OpenCell, value: string, type: string): never {
    return this.damaged('cell-value', { cell: cell.ref, value: value.slice(0, 40), type });
  }

  private damaged(
    reason: ConstructorParameters<typeof FileProblem>[2],
    params: Record<string, string | number>,
  ): never {
    throw new FileProblem('damaged', this.part, reason, params);
  }
}

export async function readSheet(zip: ZipPackage, part: string, ctx: ReadContext): Promise<ParsedSheet> {
  const reader = new SheetReader(part, ctx);
  await readPart(zip, part, reader);
  return reader.result();
}

export interface ParsedComment {
  ref: string;
  /** The comment's element as written (kept as is when the patcher rewrites the part). */
  xml: string;
  text: string;
}

export interface ParsedComments {
  comments: ParsedComment[];
  authors: string[];
  /** The root element's prefix; the offset after its start tag; the offset after `<authors>` and `<commentList>`. */
  prefix: string;
  rootOpenEnd: number;
  bodyEnd: number;
}

export function parseCommentsText(part: string, xml: string): ParsedComments {
  const out: ParsedComments = { comments: [], authors: [], prefix: '', rootOpenEnd: 0, bodyEnd: 0 };
  let depth = 0;
  let comment: { ref: string; start: number; item: StringItem | undefined; text: string } | undefined;
  let author: string | undefined;
  parseXmlText(part, xml, {
    open(tag, start, end) {
      depth++;
      if (depth === 1) {
        if (!isMain(tag, 'comments')) throw new FileProblem('damaged', part, 'unexpected-root', { element: tag.name });
        out.prefix = tag.prefix;
        out.rootOpenEnd = end;
        out.bodyEnd = end;
      }
      if (comment?.item !== undefined) comment.item.open(tag);
      else if (comment !== undefined && isMain(tag, 'text')) comment.item = new StringItem();
      else if (depth === 3 && isMain(tag, 'comment'))
        comment = { ref: attrOf(tag, 'ref') ?? '', start, item: undefined, text: '' };
      else if (depth === 3 && isMain(tag, 'author')) author = '';
    },
    close(tag, _start, end) {
      if (comment?.item !== undefined) {
        if (comment.item.close(tag)) {
          comment.text = comment.item.plain();
          comment.item = undefined;
        }
      } else if (depth === 3 && comment !== undefined && isMain(tag, 'comment')) {
        out.comments.push({ ref: comment.ref, xml: xml.slice(comment.start, end), text: comment.text });
        comment = undefined;
      } else if (depth === 3 && author !== undefined && isMain(tag, 'author')) {
        out.authors.push(author);
        author = undefined;
      } else if (depth === 2 && (isMain(tag, 'authors') || isMain(tag, 'commentList'))) out.bodyEnd = end;
      depth--;
    },
    text(text) {
      if (comment?.item !== undefined) comment.item.add(text);
      else if (author !== undefined) author += text;
    },
  });
  return out;
}

export function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/**
 * A valid reference as a rewritten row writes it (`B7`: capital letters, no `$`, no leading zero), so the cell can
 * be copied as it is.
 */
function isWrittenRef(ref: string): boolean {
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
  }
  const digit = ref.charCodeAt(i);
  return i > 0 && digit >= 49 && digit <= 57;
}

/** `B7` or `$B$7` → row 7, column 2. (A cell reference is a value, not XML: read character by character.) */
export function parseRef(ref: string): { row: number; column: number } | undefined {
  let i = ref.charCodeAt(0) === 36 /* $ */ ? 1 : 0;
  let column = 0;
  const lettersFrom = i;
  for (; i < ref.length && i - lettersFrom < 4; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    column = column * 26 + c - 96;
  }
  const letters = i - lettersFrom;
  if (letters < 1 || letters > 3) return undefined;
  if (ref.charCodeAt(i) === 36) i++;
  const digitsFrom = i;
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + c - 48;
  }
  return i > digitsFrom && row >= 1 ? { row, column } : undefined;
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `t="d"`: an ISO 8601 date or date-time, taken as the calendar date and time it names (no time zone shift). */
function isoDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    text,
  );
  if (match === null) return undefined;
  const [y, m, d, h, min, s] = match.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
  const date = new Date(Date.UTC(y as number, (m as number) - 1, d, h, min, s));
  if (date.getUTCMonth() !== (m as number) - 1 || date.getUTCDate() !== d) return undefined;
  return date;
}
