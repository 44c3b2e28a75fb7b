/**
 * An `.xlsx` file read without exceljs's object model: the package's parts streamed out of the zip into a
 * namespace-aware parser (xlsx-read.ts), and sheets turned straight into the `CellGrid` the sheet core reads.
 * exceljs holds every cell of every sheet as objects (close to 1 GB for a 100,000-row report); this holds the grid.
 *
 * Values: numbers with their number format (the core decides what is a date), formulas as `{formula, result}`,
 * errors as `{error}`, rich text as `{richText}`, merged cells empty but for the first, and the cells that carry
 * this tool's note. A damaged part stops the reading with a `FileProblem` (problems.ts).
 */
import { inflateRawSync } from 'node:zlib';
import { NOTE_PREFIX, unwrapCell, type CellGrid, type RawCell } from '../../sheet';
import { FileProblem } from './problems';
import {
  columnLetters,
  parseCommentsText,
  parseRef,
  parseRelsText,
  parseWorkbookText,
  type ParsedComment,
  type ParsedSheet,
  type Relationship,
} from './xlsx-read';
import { DEFAULT_LIMITS, ZipPackage, type InflateLimits, type PartContent } from './zip';
import { isPacked } from './zip-write';
import type { RowIndex } from './xlsx-row-index';

export interface SheetEntry {
  name: string;
  state: string;
  sheetId: number;
  part: string;
}

export class XlsxPackage {
  /** Parts changed or added, as text, as its UTF-8 bytes or deflated already; written over the zip's on saving. */
  readonly changed = new Map<string, PartContent>();
  /** Each sheet's `<legacyDrawing>` id as the sheet was read, so that the patcher need not parse it again. */
  private readonly legacyDrawings = new Map<string, string | undefined>();
  /** Where each sheet's rows are, as it was read (xlsx-row-index.ts), until the patcher takes it. */
  private readonly rowIndexes = new Map<string, RowIndex>();

  private constructor(
    readonly zip: ZipPackage,
    readonly workbookPart: string,
    readonly sheets: SheetEntry[],
    readonly date1904: boolean,
    /** Strict OOXML (ISO/IEC 29500 strict namespaces) rather than the transitional ones every writer uses by default. */
    readonly strict: boolean,
    /** The workbook element's prefix (`x` for `<x:workbook>`, empty as a rule). */
    readonly prefix: string,
    readonly stylesPart: string | undefined,
    readonly sharedStringsPart: string | undefined,
  ) {}

  static async load(data: Buffer, limits: InflateLimits = DEFAULT_LIMITS): Promise<XlsxPackage> {
    const zip = await ZipPackage.open(data, limits);
    if (!zip.has('[Content_Types].xml'))
      throw new FileProblem('damaged', '', 'part-missing', { missing: '[Content_Types].xml' });
    const rootRels = parseRelsText('_rels/.rels', await zip.text('_rels/.rels'));
    const office = rootRels.find((r) => r.kind === 'officeDocument');
    if (office === undefined)
      throw new FileProblem('damaged', '_rels/.rels', 'part-missing', { missing: 'officeDocument' });
    const workbookPart = resolveTarget('', office.target);
    const workbookXml = await zip.text(workbookPart);
    if (workbookXml === undefined)
      throw new FileProblem('damaged', '_rels/.rels', 'part-missing', { missing: workbookPart });
    const workbook = parseWorkbookText(workbookPart, workbookXml);
    const relsPart = relsPathOf(workbookPart);
    const rels = parseRelsText(relsPart, await zip.text(relsPart));
    const byId = new Map(rels.map((r) => [r.id, r]));
    const sheets: SheetEntry[] = [];
    for (const sheet of workbook.sheets) {
      const rel = byId.get(sheet.relId);
      if (rel === undefined)
        throw new FileProblem('damaged', workbookPart, 'part-missing', { missing: `${sheet.name} (${sheet.relId})` });
      // A chart sheet or a dialog sheet has no cells to read or write.
      if (rel.kind !== 'worksheet') continue;
      const part = resolveTarget(workbookPart, rel.target);
      if (!zip.has(part)) throw new FileProblem('damaged', relsPart, 'part-missing', { missing: part });
      sheets.push({ name: sheet.name, state: sheet.state, sheetId: sheet.sheetId, part: zip.resolve(part) ?? part });
    }
    const partOf = (kind: string): string | undefined => {
      const rel = rels.find((r) => r.kind === kind);
      if (rel === undefined) return undefined;
      const part = resolveTarget(workbookPart, rel.target);
      if (!zip.has(part)) throw new FileProblem('damaged', relsPart, 'part-missing', { missing: part });
      return zip.resolve(part);
    };
    return new XlsxPackage(
      zip,
      workbookPart,
      sheets,
      workbook.date1904,
      workbook.strict,
      workbook.prefix,
      partOf('styles'),
      partOf('sharedStrings'),
    );
  }

  async text(part: string): Promise<string | undefined> {
    const changed = this.changed.get(part);
    if (isPacked(changed)) return inflateRawSync(changed.data).toString('utf8');
    if (changed !== undefined) return typeof changed === 'string' ? changed : changed.toString('utf8');
    return this.zip.text(part);
  }

  put(part: string, text: PartContent): void {
    this.changed.set(part, text);
  }

  rememberLegacyDrawing(sheetPart: string, id: string | undefined): void {
    this.legacyDrawings.set(sheetPart, id);
  }

  rememberRowIndex(sheetPart: string, index: RowIndex): void {
    this.rowIndexes.set(sheetPart, index);
  }

  /** Where the rows were as the sheet was read, while it is unchanged since; taken once (it is large). */
  takeRowIndex(sheetPart: string): RowIndex | undefined {
    const index = this.rowIndexes.get(sheetPart);
    this.rowIndexes.delete(sheetPart);
    return this.changed.has(sheetPart) ? undefined : index;
  }

  /** The id as read, while the sheet is unchanged since (`known: false` when it was not read or has changed). */
  legacyDrawingAsRead(sheetPart: string): { known: true; id: string | undefined } | { known: false } {
    if (this.changed.has(sheetPart) || !this.legacyDrawings.has(sheetPart)) return { known: false };
    return { known: true, id: this.legacyDrawings.get(sheetPart) };
  }

  /** The part is unchanged since it was read, and all ASCII: its bytes may stand for its text (zip.ts). */
  isAsciiAsRead(part: string): boolean {
    return !this.changed.has(part) && this.zip.isAsciiPart(part);
  }

  has(part: string): boolean {
    return this.changed.has(part) || this.zip.has(part);
  }

  names(): string[] {
    return [...new Set([...this.zip.names(), ...this.changed.keys()])];
  }

  async rels(part: string): Promise<Relationship[]> {
    const relsPart = relsPathOf(part);
    return parseRelsText(relsPart, await this.text(relsPart));
  }

  /** The whole file with the changed parts; unchanged parts keep their content byte for byte. */
  build(): Promise<Buffer> {
    return this.zip.build(this.changed);
  }
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
  // Rows are in order (xlsx-read.ts refuses any other): walked beside the range.
  const rows = parsed.cells;
  let k = 0;
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
    while (k < rows.rows && rows.rowNumber(k) < r) k++;
    const here = k < rows.rows && rows.rowNumber(k) === r;
    const cells: RawCell[] = new Array<RawCell>(width).fill(null);
    let rowFormats: string[] | undefined;
    const end = here ? rows.end(k) : 0;
    for (let i = here ? rows.first(k) : 0; i < end; i++) {
      const column = rows.column(i);
      if (column < range.left || column > range.right) continue;
      const at = column - range.left;
      if (parsed.merges.length > 0 && merged(r, column)) continue;
      const value = rows.value(i);
      cells[at] = value;
      const format = rows.format(i);
      if (format !== undefined && typeof unwrapCell(value) === 'number') {
        rowFormats ??= [];
        rowFormats[at] = format;
        anyFormat = true;
      }
    }
    const isHidden = here && rows.hidden(k);
    if (isHidden) anyHidden = true;
    values.push(cells);
    formats.push(rowFormats);
    hidden.push(isHidden);
  }
  for (const ref of ownNotes) {
    const at = parseRef(ref);
    if (at === undefined || at.row < range.top || at.row > bottom) continue;
    if (at.column < range.left || at.column > range.right) continue;
    marked.push({ row: at.row, column: columnLetters(at.column) });
  }
  marked.sort((a, b) => a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column));

  const grid: CellGrid = { sheet, values, firstColumn: range.left };
  if (range.top !== 1) grid.rowNumbers = values.map((_, i) => range.top + i);
  if (anyFormat) grid.formats = formats;
  if (anyHidden) grid.hidden = hidden;
  if (marked.length > 0) grid.marked = marked;
  return grid;
}

export function parseComments(part: string, xml: string | undefined): ParsedComment[] {
  return xml === undefined ? [] : parseCommentsText(part, xml).comments;
}

export function isOwnNoteText(text: string): boolean {
  return text.startsWith(NOTE_PREFIX);
}

/** Resolves a relationship target against the folder of the part that holds the relationship. */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}
