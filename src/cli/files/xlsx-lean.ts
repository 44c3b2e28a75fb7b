/**
 * An `.xlsx` file read without exceljs's object model: the zip's parts as text (jszip keeps the others compressed
 * and untouched), and sheets parsed straight into the `CellGrid` the sheet core reads. exceljs holds every cell of
 * every sheet as objects (close to 1 GB for a 100,000-row report); this holds the grid and one sheet's XML.
 *
 * The values are exactly those exceljs gives (and xlsx-grid.ts passes on): numbers with a date format as dates
 * (exceljs's own test and conversion), formulas as `{formula, result}`, errors as `{error}`, rich text as
 * `{richText}`, number formats of numeric cells by exceljs's table of built-in formats, merged cells empty but for
 * the first, and the cells that carry this tool's note.
 */
import JSZip from 'jszip';
import { createRequire } from 'node:module';
import { NOTE_PREFIX, unwrapCell, type CellGrid, type RawCell } from '../../sheet';
import type { UsedRange } from './xlsx-grid';
import {
  attr,
  LeanUnsupported,
  parseRef,
  parseRels,
  relsPathOf,
  resolveTarget,
  runsText,
  unescapeOoxml,
  unescapeXml,
  type Relationship,
} from './xlsx-xml';

const requireExceljs = createRequire(require.resolve('exceljs'));
const exceljsUtils = requireExceljs('./lib/utils/utils') as {
  isDateFmt(fmt: string | undefined): boolean;
  excelToDate(value: number, date1904: boolean): Date;
};
const builtinFormats = requireExceljs('./lib/xlsx/defaultnumformats') as Record<string, { f: string } | undefined>;

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
} as const;

export interface SheetEntry {
  name: string;
  state: string;
  sheetId: number;
  part: string;
}

export class XlsxPackage {
  /** Parts changed or added, as text; written over the zip's on saving. */
  readonly changed = new Map<string, string>();

  private constructor(
    readonly zip: JSZip,
    readonly workbookPart: string,
    readonly sheets: SheetEntry[],
    readonly date1904: boolean,
    readonly stylesPart: string,
    readonly sharedStringsPart: string | undefined,
  ) {}

  static async load(data: Buffer): Promise<XlsxPackage> {
    const zip = await JSZip.loadAsync(data);
    const read = async (part: string): Promise<string | undefined> => zip.file(part)?.async('string');
    const rootRels = parseRels(await read('_rels/.rels'));
    const office = rootRels.find((r) => r.type === REL.officeDocument);
    if (office === undefined) throw new LeanUnsupported('no officeDocument relationship (strict OOXML?)');
    const workbookPart = resolveTarget('', office.target);
    const workbook = await read(workbookPart);
    if (workbook === undefined) throw new LeanUnsupported('no workbook part');
    const rels = parseRels(await read(relsPathOf(workbookPart)));
    const byId = new Map(rels.map((r) => [r.id, r]));
    const sheets: SheetEntry[] = [];
    for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
      const id = /\s(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
      const rel = id === undefined ? undefined : byId.get(id);
      // A chart sheet or a dialog sheet has no cells to read or write: exceljs leaves them out too.
      if (rel === undefined || rel.type !== REL.worksheet) continue;
      sheets.push({
        name: attr(m[0], 'name') ?? '',
        state: attr(m[0], 'state') ?? 'visible',
        sheetId: Number(attr(m[0], 'sheetId') ?? 0),
        part: resolveTarget(workbookPart, rel.target),
      });
    }
    const pr = /<workbookPr\b[^>]*>/.exec(workbook)?.[0];
    const date1904 = pr !== undefined && /^(1|true)$/.test(attr(pr, 'date1904') ?? '');
    const part = (type: string): string | undefined => {
      const rel = rels.find((r) => r.type === type);
      return rel === undefined ? undefined : resolveTarget(workbookPart, rel.target);
    };
    const stylesPart = part(REL.styles);
    if (stylesPart === undefined || zip.file(stylesPart) === null) throw new LeanUnsupported('no styles part');
    for (const sheet of sheets) if (zip.file(sheet.part) === null) throw new LeanUnsupported('missing sheet part');
    return new XlsxPackage(zip, workbookPart, sheets, date1904, stylesPart, part(REL.sharedStrings));
  }

  async text(part: string): Promise<string | undefined> {
    return this.changed.get(part) ?? (await this.zip.file(part)?.async('string'));
  }

  put(part: string, text: string): void {
    this.changed.set(part, text);
  }

  has(part: string): boolean {
    return this.changed.has(part) || this.zip.file(part) !== null;
  }

  names(): string[] {
    const names = new Set<string>();
    this.zip.forEach((path, file) => {
      if (!file.dir) names.add(path);
    });
    for (const name of this.changed.keys()) names.add(name);
    return [...names];
  }

  async rels(part: string): Promise<Relationship[]> {
    return parseRels(await this.text(relsPathOf(part)));
  }

  /** The whole file with the changed parts; unchanged parts keep their compressed bytes. */
  async build(): Promise<Buffer> {
    const zip = this.zip;
    for (const [part, text] of this.changed) zip.file(part, text);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}

/** Number formats by style index, as exceljs resolves them (none for `General`, id 0). */
export function cellFormats(stylesXml: string): (string | undefined)[] {
  const custom = new Map<string, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = attr(m[0], 'numFmtId');
    const code = attr(m[0], 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = attr(m[0], 'numFmtId');
    if (id === undefined || id === '0') return undefined;
    return custom.get(id) ?? builtinFormats[id]?.f;
  });
}

export function sharedStrings(xml: string | undefined): RawCell[] {
  if (xml === undefined) return [];
  const out: RawCell[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) {
    const body = m[1] ?? '';
    if (body.includes('<r>') || body.includes('<r ')) {
      const runs = [...body.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<r\b[^>]*>([\s\S]*?)<\/r>/g)];
      out.push({ richText: runs.map((r) => ({ text: runsText(r[1] ?? '') })) } as unknown as RawCell);
    } else out.push(runsText(body));
  }
  return out;
}

export interface ParsedCell {
  column: number;
  value: RawCell;
  format?: string;
}

export interface ParsedRow {
  row: number;
  hidden: boolean;
  cells: ParsedCell[];
}

export interface ParsedSheet {
  rows: ParsedRow[];
  range: UsedRange | undefined;
  merges: UsedRange[];
}

interface ReadContext {
  strings: readonly RawCell[];
  formats: readonly (string | undefined)[];
  date1904: boolean;
}

/** One worksheet's cells with a value (exceljs's `eachCell`), rows in order. */
export function parseSheet(xml: string, ctx: ReadContext): ParsedSheet {
  const start = xml.indexOf('<sheetData');
  const end = xml.indexOf('</sheetData>');
  const data = start < 0 || end < 0 ? '' : xml.slice(start, end);
  const rows: ParsedRow[] = [];
  let range: UsedRange | undefined;
  const extend = (r: number, c: number): void => {
    if (range === undefined) range = { top: r, left: c, bottom: r, right: c };
    else {
      if (r < range.top) range.top = r;
      if (r > range.bottom) range.bottom = r;
      if (c < range.left) range.left = c;
      if (c > range.right) range.right = c;
    }
  };
  const shared = new Map<string, string>();
  let previousRow = 0;
  for (const rowMatch of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const head = rowMatch[1] ?? '';
    const row = Number(attr(head, 'r') ?? previousRow + 1);
    previousRow = row;
    const parsed: ParsedRow = { row, hidden: /^(1|true)$/.test(attr(head, 'hidden') ?? ''), cells: [] };
    let previousColumn = 0;
    for (const cellMatch of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const cellHead = cellMatch[1] ?? '';
      const ref = attr(cellHead, 'r');
      const column = ref === undefined ? previousColumn + 1 : parseRef(ref)?.column;
      if (column === undefined) throw new LeanUnsupported(`cell reference ${ref}`);
      previousColumn = column;
      const body = cellMatch[2];
      if (body === undefined || body === '') continue;
      const value = cellValue(cellHead, body, ctx, shared, ref ?? '');
      if (value === undefined) continue;
      const style = Number(attr(cellHead, 's') ?? 0);
      const format = ctx.formats[style];
      const cell: ParsedCell = { column, value: value.value };
      if (format !== undefined) {
        if (value.number && exceljsUtils.isDateFmt(format)) cell.value = dated(cell.value, ctx.date1904);
        cell.format = format;
      }
      parsed.cells.push(cell);
      extend(row, column);
    }
    rows.push(parsed);
  }
  const merges: UsedRange[] = [];
  for (const m of xml.matchAll(/<mergeCell\b[^>]*>/g)) {
    const [from, to] = (attr(m[0], 'ref') ?? '').split(':').map((r) => parseRef(r));
    if (from === undefined || to === undefined) continue;
    merges.push({ top: from.row, left: from.column, bottom: to.row, right: to.column });
    // exceljs makes a cell of every merged one: they count in the used range.
    extend(from.row, from.column);
    extend(to.row, to.column);
  }
  return { rows, range, merges };
}

function dated(value: RawCell, date1904: boolean): RawCell {
  if (typeof value === 'number') return exceljsUtils.excelToDate(value, date1904);
  const formula = value as { result?: unknown };
  if (typeof formula === 'object' && formula !== null && typeof formula.result === 'number') {
    return { ...formula, result: exceljsUtils.excelToDate(formula.result, date1904) } as RawCell;
  }
  return value;
}

function cellValue(
  head: string,
  body: string,
  ctx: ReadContext,
  shared: Map<string, string>,
  ref: string,
): { value: RawCell; number: boolean } | undefined {
  const type = attr(head, 't') ?? 'n';
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(body)?.[1];
  const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
  let value: RawCell | undefined;
  let number = false;
  switch (type) {
    case 's': {
      if (v === undefined) return undefined;
      value = ctx.strings[Number(v)] ?? '';
      break;
    }
    case 'inlineStr': {
      const is = /<is>([\s\S]*?)<\/is>/.exec(body)?.[1];
      if (is !== undefined) value = runsText(is);
      break;
    }
    case 'str':
      if (v !== undefined) value = unescapeOoxml(unescapeXml(v));
      break;
    case 'b':
      if (v !== undefined) value = v.trim() === '1' || v.trim() === 'true';
      break;
    case 'e':
      if (v !== undefined) value = { error: unescapeXml(v) } as unknown as RawCell;
      break;
    case 'n':
      if (v !== undefined) {
        value = Number(v);
        number = true;
      }
      break;
    default:
      throw new LeanUnsupported(`cell type ${type}`);
  }
  if (f === undefined || f === null) return value === undefined ? undefined : { value, number };
  const fHead = f[1] ?? '';
  const text = unescapeXml(f[2] ?? '');
  const si = attr(fHead, 'si');
  const formula: Record<string, unknown> = {};
  if (attr(fHead, 't') === 'shared' && si !== undefined && text === '') formula.sharedFormula = shared.get(si) ?? '';
  else {
    formula.formula = text;
    if (attr(fHead, 't') === 'shared' && si !== undefined) shared.set(si, ref);
  }
  if (value !== undefined) formula.result = value;
  return { value: formula as unknown as RawCell, number };
}

/** The parsed sheet as the grid xlsx-grid.ts would have made of it (the whole used range, or its first row). */
export function toGrid(
  sheet: string,
  parsed: ParsedSheet,
  ownNotes: ReadonlySet<string>,
  headerOnly = false,
): CellGrid {
  const range = parsed.range;
  if (range === undefined) return { sheet, values: [] };
  const bottom = headerOnly ? range.top : range.bottom;
  const width = range.right - range.left + 1;
  const byRow = new Map(parsed.rows.map((r) => [r.row, r]));
  const values: RawCell[][] = [];
  const formats: (string[] | undefined)[] = [];
  const hidden: boolean[] = [];
  const marked: { row: number; column: string }[] = [];
  let anyHidden = false;
  let anyFormat = false;
  const merged = (r: number, c: number): boolean =>
    parsed.merges.some(
      (m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left),
    );

  for (let r = range.top; r <= bottom; r++) {
    const row = byRow.get(r);
    const cells: RawCell[] = new Array<RawCell>(width).fill(null);
    let rowFormats: string[] | undefined;
    for (const cell of row?.cells ?? []) {
      if (cell.column < range.left || cell.column > range.right) continue;
      const k = cell.column - range.left;
      if (parsed.merges.length > 0 && merged(r, cell.column)) continue;
      cells[k] = cell.value;
      if (cell.format !== undefined && typeof unwrapCell(cell.value) === 'number') {
        rowFormats ??= [];
        rowFormats[k] = cell.format;
        anyFormat = true;
      }
    }
    if (row?.hidden === true) anyHidden = true;
    values.push(cells);
    formats.push(rowFormats);
    hidden.push(row?.hidden === true);
  }
  for (const ref of ownNotes) {
    const at = parseRef(ref);
    if (at === undefined || at.row < range.top || at.row > bottom) continue;
    if (at.column < range.left || at.column > range.right) continue;
    marked.push({ row: at.row, column: ref.replace(/\d+$/, '').replace(/\$/g, '') });
  }
  marked.sort((a, b) => a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column));

  const grid: CellGrid = { sheet, values, firstColumn: range.left };
  if (range.top !== 1) grid.rowNumbers = values.map((_, i) => range.top + i);
  if (anyFormat) grid.formats = formats;
  if (anyHidden) grid.hidden = hidden;
  if (marked.length > 0) grid.marked = marked;
  return grid;
}

export interface ParsedComment {
  ref: string;
  xml: string;
  text: string;
}

export function parseComments(xml: string | undefined): ParsedComment[] {
  if (xml === undefined) return [];
  return [...xml.matchAll(/<comment\b[^>]*?(?:\/>|>[\s\S]*?<\/comment>)/g)].map((m) => ({
    ref: attr(m[0], 'ref') ?? '',
    xml: m[0],
    text: runsText(/<text>([\s\S]*?)<\/text>/.exec(m[0])?.[1] ?? ''),
  }));
}

export function isOwnNoteText(text: string): boolean {
  return text.startsWith(NOTE_PREFIX);
}
