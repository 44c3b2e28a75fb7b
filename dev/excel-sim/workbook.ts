/**
 * The simulated workbook: the document itself, with no Office.js in it. Tests read it directly (`getCell`, `notes`,
 * `fills`, sync counters); the Office.js facade in `runtime/` is the only way add-in code reaches it.
 */
import {
  MAX_COLUMNS,
  MAX_ROWS,
  type Rect,
  cellRef,
  contains,
  formatRect,
  intersect,
  isEntireColumn,
  isEntireRow,
  parseAddress,
  qualified,
  rect,
  sheetPrefix,
  subtract,
} from './address';
import { rootNamespace } from './custom-xml';
import { simError } from './errors';
import { displayText } from './number-format';
import { DEFAULT_REQUIREMENT_SETS, type RequirementSets, isSetSupported } from './requirements';
import { type CellScalar, interpretInput } from './values';

export type SheetVisibility = 'Visible' | 'Hidden' | 'VeryHidden';
export type ValueType = 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error';

/** One stored cell. Absent fields mean "not set here" (formats then come from the row, column or sheet). */
export interface CellRecord {
  v?: CellScalar;
  err?: boolean;
  f?: string;
  nf?: string;
  fill?: string;
  fc?: string;
  b?: boolean;
  i?: boolean;
  /** The colour of the cell's top, bottom, left and right border; absent: no border on that edge. */
  bt?: string;
  bb?: string;
  bl?: string;
  br?: string;
  /** The cell's hyperlink (`range.hyperlink`, ExcelApi 1.7). */
  hl?: { address: string; screenTip?: string };
}

export type StyleKey = 'nf' | 'fill' | 'fc' | 'b' | 'i' | 'bt' | 'bb' | 'bl' | 'br';
export type StyleRecord = Pick<CellRecord, StyleKey>;
const STYLE_KEYS: readonly StyleKey[] = ['nf', 'fill', 'fc', 'b', 'i', 'bt', 'bb', 'bl', 'br'];

/** A cell's border colours by edge; an edge without a border is absent. */
export interface CellBorders {
  top?: string;
  bottom?: string;
  left?: string;
  right?: string;
}

/** Office.js's `DataValidationRule` shape: exactly one of these keys. */
export interface DataValidationRule {
  list?: { inCellDropDown: boolean; source: string };
  wholeNumber?: Record<string, unknown>;
  decimal?: Record<string, unknown>;
  date?: Record<string, unknown>;
  time?: Record<string, unknown>;
  textLength?: Record<string, unknown>;
  custom?: { formula: string };
}

export interface ValidationRecord {
  rect: Rect;
  rule: DataValidationRule;
  ignoreBlanks: boolean;
  errorAlert?: Record<string, unknown>;
  prompt?: Record<string, unknown>;
}

/** What an `onChanged` handler receives (`Excel.WorksheetChangedEventArgs`, without `details` and `getRange`). */
export interface SimWorksheetChangedArgs {
  type: 'WorksheetChanged';
  changeType: 'RangeEdited';
  source: 'Local';
  worksheetId: string;
  address: string;
  triggerSource: 'Unknown';
}

export interface NoteRecord {
  content: string;
  author: string;
  visible: boolean;
  width: number;
  height: number;
}

export interface TableRecord {
  id: string;
  name: string;
  sheetId: number;
  rect: Rect;
  showHeaders: boolean;
}

/** One `context.sync()` round trip as the simulation measured it. */
export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  /** The error code when the sync failed. */
  error?: string;
}

/** What a test sees of one cell. */
export interface SimCellSnapshot {
  address: string;
  /** As `range.values` returns it: '' when empty, the computed value for a formula, `#N/A` for an error. */
  value: CellScalar;
  formula: string | undefined;
  text: string;
  numberFormat: string;
  valueType: ValueType;
  /** undefined when the cell has no fill. */
  fill: string | undefined;
  /** The colour of each edge that has a border. */
  borders: CellBorders;
  /** The address the cell's hyperlink opens. */
  hyperlink: string | undefined;
  fontColor: string | undefined;
  bold: boolean;
  italic: boolean;
  note: string | undefined;
  validation: DataValidationRule | undefined;
  rowHidden: boolean;
  columnHidden: boolean;
}

export interface SimLimits {
  /** Excel on the web: 5 MB per request. */
  requestBytes: number;
  /** And per response. */
  responseBytes: number;
  /** Reads above this many cells come back as `null`. */
  readCells: number;
  /** `getRanges("A1,B2,…")` addresses longer than this fail. */
  rangeAreasAddressChars: number;
}

export const DEFAULT_LIMITS: SimLimits = {
  requestBytes: 5 * 1024 * 1024,
  responseBytes: 5 * 1024 * 1024,
  readCells: 5_000_000,
  rangeAreasAddressChars: 8192,
};

export interface SimWorkbookOptions {
  /** File name, as `workbook.name` reports it (default `Book1.xlsx`). */
  name?: string;
  requirementSets?: RequirementSets;
  /** The signed-in user, for note authors (default `Kiva Coordinator`). */
  userName?: string;
  limits?: Partial<SimLimits>;
}

const key = (row: number, column: number): number => row * MAX_COLUMNS + column;
const rowOfKey = (k: number): number => Math.floor(k / MAX_COLUMNS);
const columnOfKey = (k: number): number => k % MAX_COLUMNS;

function isEmptyRecord(rec: CellRecord): boolean {
  for (const k in rec) if ((rec as Record<string, unknown>)[k] !== undefined) return false;
  return true;
}

const INVALID_SHEET_CHARS = /[:\\/?*[\]]/;

export function validateSheetName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 31 || INVALID_SHEET_CHARS.test(name)) {
    throw simError('InvalidArgument', `Invalid worksheet name: ${String(name)}`);
  }
  if (name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === 'history') {
    throw simError('InvalidArgument', `Invalid worksheet name: ${name}`);
  }
  return name;
}

export class SimWorksheet {
  readonly id: number;
  /** What `worksheet.id` returns: a GUID-like string, stable across renames. */
  readonly uid: string;
  name: string;
  visibility: SheetVisibility = 'Visible';
  tabColor = '';
  frozenRows = 0;
  frozenColumns = 0;
  cells = new Map<number, CellRecord>();
  columnStyles = new Map<number, StyleRecord>();
  rowStyles = new Map<number, StyleRecord>();
  sheetStyle: StyleRecord = {};
  hiddenRows = new Set<number>();
  hiddenColumns = new Set<number>();
  validations: ValidationRecord[] = [];
  noteMap = new Map<number, NoteRecord>();
  selection: Rect[] = [rect(0, 0)];
  activeCell = { row: 0, column: 0 };

  constructor(
    readonly book: SimWorkbook,
    id: number,
    name: string,
  ) {
    this.id = id;
    this.uid = `{${id.toString(16).toUpperCase().padStart(8, '0')}-0001-0000-0000-000000000000}`;
    this.name = name;
  }

  cell(row: number, column: number): CellRecord | undefined {
    return this.cells.get(key(row, column));
  }

  /** A format attribute as Excel resolves it: cell, then row, then column, then whole sheet. */
  style<K extends StyleKey>(row: number, column: number, k: K): CellRecord[K] {
    const own = this.cells.get(key(row, column))?.[k];
    if (own !== undefined) return own;
    const fromRow = this.rowStyles.get(row)?.[k];
    if (fromRow !== undefined) return fromRow;
    const fromColumn = this.columnStyles.get(column)?.[k];
    if (fromColumn !== undefined) return fromColumn;
    return this.sheetStyle[k];
  }

  borders(row: number, column: number): CellBorders {
    const out: CellBorders = {};
    const edges = [
      ['top', 'bt'],
      ['bottom', 'bb'],
      ['left', 'bl'],
      ['right', 'br'],
    ] as const;
    for (const [edge, k] of edges) {
      const color = this.style(row, column, k);
      if (color !== undefined) out[edge] = color;
    }
    return out;
  }

  numberFormat(row: number, column: number): string {
    return this.style(row, column, 'nf') ?? 'General';
  }

  value(row: number, column: number): CellScalar {
    return this.cell(row, column)?.v ?? '';
  }

  valueType(row: number, column: number): ValueType {
    const rec = this.cell(row, column);
    if (!rec || rec.v === undefined || rec.v === '') return 'Empty';
    if (rec.err) return 'Error';
    if (typeof rec.v === 'number') return 'Double';
    if (typeof rec.v === 'boolean') return 'Boolean';
    return 'String';
  }

  text(row: number, column: number): string {
    const rec = this.cell(row, column);
    if (!rec || rec.v === undefined) return '';
    if (rec.err) return String(rec.v);
    return displayText(rec.v, this.numberFormat(row, column));
  }

  formula(row: number, column: number): CellScalar {
    const rec = this.cell(row, column);
    return rec?.f ?? rec?.v ?? '';
  }

  /** Every mutation of a cell goes through here so a failed batch can be rolled back. */
  updateCell(row: number, column: number, change: (rec: CellRecord) => void): void {
    const k = key(row, column);
    const current = this.cells.get(k);
    this.book.journalCell(this, k, current);
    const next: CellRecord = current ? { ...current } : {};
    change(next);
    if (isEmptyRecord(next)) this.cells.delete(k);
    else this.cells.set(k, next);
  }

  /** A value written through `values` or typed by the user. */
  writeInput(row: number, column: number, input: unknown): void {
    const format = this.numberFormat(row, column);
    const stored = interpretInput(input, format);
    if (stored === undefined) return;
    this.updateCell(row, column, (rec) => {
      rec.v = stored.value;
      rec.err = stored.error ? true : undefined;
      rec.f = stored.formula;
      if (stored.autoFormat && /^general$/i.test(format)) rec.nf = stored.autoFormat;
    });
  }

  /** Writes a formula as `range.formulas` does; anything not starting with `=` is a value. */
  writeFormula(row: number, column: number, input: unknown): void {
    this.writeInput(row, column, input);
  }

  /**
   * Sets one format attribute on a rectangle. Whole columns/rows/sheets are stored once (as Excel does) and also
   * applied to the cells already there, so nothing materialises a million cells.
   */
  setStyle<K extends StyleKey>(area: Rect, k: K, value: CellRecord[K]): void {
    const columns = isEntireColumn(area);
    const rows = isEntireRow(area);
    if (columns && rows) {
      this.book.journalField(this, 'sheetStyle');
      this.sheetStyle = { ...this.sheetStyle, [k]: value };
      this.book.journalField(this, 'rowStyles');
      this.book.journalField(this, 'columnStyles');
      for (const style of this.rowStyles.values()) delete style[k];
      for (const style of this.columnStyles.values()) delete style[k];
      this.setOnExistingCells(area, k, undefined);
      return;
    }
    if (columns || rows) {
      const field = columns ? 'columnStyles' : 'rowStyles';
      this.book.journalField(this, field);
      const map = columns ? this.columnStyles : this.rowStyles;
      const [from, to] = columns ? [area.left, area.right] : [area.top, area.bottom];
      for (let i = from; i <= to; i++) map.set(i, { ...map.get(i), [k]: value });
      this.setOnExistingCells(area, k, value);
      if (columns) {
        // Row formats win over column formats, so Excel writes the new format into those intersections.
        for (const [r, style] of this.rowStyles) {
          if (style[k] === undefined) continue;
          for (let c = area.left; c <= area.right; c++) {
            this.updateCell(r, c, (rec) => {
              rec[k] = value;
            });
          }
        }
      }
      return;
    }
    for (let r = area.top; r <= area.bottom; r++) {
      for (let c = area.left; c <= area.right; c++) {
        this.updateCell(r, c, (rec) => {
          rec[k] = value;
        });
      }
    }
  }

  private setOnExistingCells<K extends StyleKey>(area: Rect, k: K, value: CellRecord[K]): void {
    const targets: number[] = [];
    for (const [k2, rec] of this.cells) {
      if (rec[k] === undefined) continue;
      const r = rowOfKey(k2);
      const c = columnOfKey(k2);
      if (r >= area.top && r <= area.bottom && c >= area.left && c <= area.right) targets.push(k2);
    }
    for (const t of targets) {
      this.updateCell(rowOfKey(t), columnOfKey(t), (rec) => {
        rec[k] = value;
      });
    }
  }

  /** The cells of `area` that hold something (sparse iteration when the area is larger than the sheet's content). */
  cellsIn(area: Rect): Array<[number, number, CellRecord]> {
    const out: Array<[number, number, CellRecord]> = [];
    const size = (area.bottom - area.top + 1) * (area.right - area.left + 1);
    if (size > this.cells.size) {
      for (const [k, rec] of this.cells) {
        const r = rowOfKey(k);
        const c = columnOfKey(k);
        if (r >= area.top && r <= area.bottom && c >= area.left && c <= area.right) out.push([r, c, rec]);
      }
    } else {
      for (let r = area.top; r <= area.bottom; r++) {
        for (let c = area.left; c <= area.right; c++) {
          const rec = this.cells.get(key(r, c));
          if (rec) out.push([r, c, rec]);
        }
      }
    }
    return out;
  }

  clearContents(area: Rect): void {
    for (const [r, c] of this.cellsIn(area)) {
      this.updateCell(r, c, (rec) => {
        rec.v = undefined;
        rec.err = undefined;
        rec.f = undefined;
      });
    }
  }

  clearHyperlinks(area: Rect): void {
    for (const [r, c] of this.cellsIn(area)) {
      if (this.cell(r, c)?.hl === undefined) continue;
      this.updateCell(r, c, (rec) => {
        rec.hl = undefined;
      });
    }
  }

  clearFormats(area: Rect): void {
    for (const k of STYLE_KEYS) {
      if (isEntireColumn(area) || isEntireRow(area)) this.setStyle(area, k, undefined);
      else {
        for (const [r, c] of this.cellsIn(area)) {
          this.updateCell(r, c, (rec) => {
            rec[k] = undefined;
          });
        }
      }
    }
  }

  /** Bounding box of the cells with content (and, unless `valuesOnly`, with formats); null when empty. */
  usedRect(valuesOnly = false): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, rec] of this.cells) {
      if (valuesOnly ? rec.v === undefined && rec.f === undefined : isEmptyRecord(rec)) continue;
      const r = rowOfKey(k);
      const c = columnOfKey(k);
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  /** `true` when every row of `area` is hidden, `false` when none is, `null` when mixed (like `range.rowHidden`). */
  rowsHidden(area: Rect): boolean | null {
    return hiddenState(this.hiddenRows, area.top, area.bottom);
  }

  columnsHidden(area: Rect): boolean | null {
    return hiddenState(this.hiddenColumns, area.left, area.right);
  }

  setRowsHidden(area: Rect, hidden: boolean): void {
    this.book.journalField(this, 'hiddenRows');
    for (let r = area.top; r <= area.bottom; r++) {
      if (hidden) this.hiddenRows.add(r);
      else this.hiddenRows.delete(r);
    }
  }

  setColumnsHidden(area: Rect, hidden: boolean): void {
    this.book.journalField(this, 'hiddenColumns');
    for (let c = area.left; c <= area.right; c++) {
      if (hidden) this.hiddenColumns.add(c);
      else this.hiddenColumns.delete(c);
    }
  }

  validationAt(row: number, column: number): ValidationRecord | undefined {
    return this.validations.find(
      (v) => row >= v.rect.top && row <= v.rect.bottom && column >= v.rect.left && column <= v.rect.right,
    );
  }

  /** The records that cover `area`, each clipped; used for `dataValidation.type`/`rule`. */
  validationsIn(area: Rect): ValidationRecord[] {
    return this.validations.filter((v) => intersect(v.rect, area) !== null);
  }

  setValidation(area: Rect, change: Partial<Omit<ValidationRecord, 'rect'>>): void {
    this.book.journalField(this, 'validations');
    const base = this.validations.find((v) => contains(v.rect, area)) ?? this.validationsIn(area)[0];
    const next: ValidationRecord = {
      rect: area,
      rule: base?.rule ?? {},
      ignoreBlanks: base?.ignoreBlanks ?? true,
      errorAlert: base?.errorAlert,
      prompt: base?.prompt,
      ...change,
    };
    this.validations = [
      ...this.validations.flatMap((v) => subtract(v.rect, area).map((r) => ({ ...v, rect: r }))),
      next,
    ];
  }

  clearValidation(area: Rect): void {
    this.book.journalField(this, 'validations');
    this.validations = this.validations.flatMap((v) => subtract(v.rect, area).map((r) => ({ ...v, rect: r })));
  }

  note(row: number, column: number): NoteRecord | undefined {
    return this.noteMap.get(key(row, column));
  }

  setNote(row: number, column: number, note: NoteRecord | undefined): void {
    this.book.journalField(this, 'noteMap');
    if (note) this.noteMap.set(key(row, column), note);
    else this.noteMap.delete(key(row, column));
  }

  /** Notes in reading order (rows, then columns), as `[row, column, note]`. */
  notesInOrder(): Array<[number, number, NoteRecord]> {
    return [...this.noteMap.entries()].sort((a, b) => a[0] - b[0]).map(([k, n]) => [rowOfKey(k), columnOfKey(k), n]);
  }

  setSelection(areas: Rect[], active?: { row: number; column: number }): void {
    this.book.journalField(this, 'selection');
    this.book.journalField(this, 'activeCell');
    const first = areas[0] ?? rect(0, 0);
    this.selection = areas.map((a) => ({ ...a }));
    this.activeCell = active ?? { row: first.top, column: first.left };
  }

  address(area: Rect): string {
    return qualified(this.name, area);
  }
}

function hiddenState(hidden: Set<number>, from: number, to: number): boolean | null {
  const span = to - from + 1;
  let count = 0;
  if (hidden.size < span) {
    for (const i of hidden) if (i >= from && i <= to) count++;
  } else {
    for (let i = from; i <= to; i++) if (hidden.has(i)) count++;
  }
  if (count === 0) return false;
  return count === span ? true : null;
}

type SheetField =
  | 'sheetStyle'
  | 'rowStyles'
  | 'columnStyles'
  | 'hiddenRows'
  | 'hiddenColumns'
  | 'validations'
  | 'noteMap'
  | 'selection'
  | 'activeCell';

interface Journal {
  cells: Map<SimWorksheet, Map<number, CellRecord | undefined>>;
  restores: Array<() => void>;
  touched: Set<string>;
}

interface MetaSnapshot {
  sheets: SimWorksheet[];
  sheetMeta: Array<Pick<SimWorksheet, 'name' | 'visibility' | 'tabColor' | 'frozenRows' | 'frozenColumns'>>;
  activeSheetId: number;
  settings: Map<string, string>;
  customXml: Map<string, CustomXmlRecord>;
  tables: TableRecord[];
}

/** A custom XML part as the file keeps it: its root element's namespace and the XML text. */
export interface CustomXmlRecord {
  namespaceUri: string;
  xml: string;
}

export class SimWorkbook {
  name: string;
  requirementSets: RequirementSets;
  userName: string;
  limits: SimLimits;
  sheets: SimWorksheet[] = [];
  activeSheetId = 0;
  /** Document settings as stored in the file: key → JSON text. */
  settingsStore = new Map<string, string>();
  /** Custom XML parts (ExcelApi 1.5), by id, in the order they were added. */
  customXmlStore = new Map<string, CustomXmlRecord>();
  tables: TableRecord[] = [];
  /** Every round trip, failed ones included. */
  syncs: SyncRecord[] = [];
  /** While true, Excel.run without `delayForCellEdit` fails with InvalidOperationInCellEditMode. */
  cellEditMode = false;
  /** Increases after every change, for views that re-render. */
  version = 0;

  private nextSheetId = 1;
  private nextTableId = 1;
  private nextCustomXmlId = 1;
  private journal: Journal | undefined;
  private listeners = new Set<() => void>();
  /** What `worksheets.onChanged.add` registered (ExcelApi 1.9): told of the user's edits, as Excel tells an add-in. */
  readonly changedHandlers = new Set<(args: SimWorksheetChangedArgs) => unknown>();
  private cellEditWaiters: Array<() => void> = [];

  constructor(options: SimWorkbookOptions = {}) {
    this.name = options.name ?? 'Book1.xlsx';
    this.requirementSets = { ...(options.requirementSets ?? DEFAULT_REQUIREMENT_SETS) };
    this.userName = options.userName ?? 'Kiva Coordinator';
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  // ---- inspection -------------------------------------------------------------------------------------------

  get syncCount(): number {
    return this.syncs.length;
  }

  /** Request bytes of each sync, in order. */
  get bytesPerSync(): number[] {
    return this.syncs.map((s) => s.requestBytes);
  }

  get responseBytesPerSync(): number[] {
    return this.syncs.map((s) => s.responseBytes);
  }

  get actionsPerSync(): number[] {
    return this.syncs.map((s) => s.actions);
  }

  get totalRequestBytes(): number {
    return this.syncs.reduce((n, s) => n + s.requestBytes, 0);
  }

  resetCounters(): void {
    this.syncs = [];
  }

  isSetSupported(name: string, minVersion?: string): boolean {
    return isSetSupported(this.requirementSets, name, minVersion);
  }

  findSheet(nameOrId: string): SimWorksheet | undefined {
    const lower = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower || s.uid === nameOrId);
  }

  sheetById(id: number): SimWorksheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheet(name: string): SimWorksheet {
    const found = this.findSheet(name);
    if (!found) throw simError('ItemNotFound', `No worksheet named ${name}`);
    return found;
  }

  get activeSheet(): SimWorksheet {
    const active = this.sheetById(this.activeSheetId) ?? this.sheets[0];
    if (!active) throw simError('ItemNotFound', 'The workbook has no worksheets.');
    return active;
  }

  /** `Loans!F7` (or `F7` on the active sheet) → sheet and rectangle. */
  locate(address: string): { sheet: SimWorksheet; rect: Rect } {
    const parsed = parseAddress(address);
    const sheet = parsed.sheet === undefined ? this.activeSheet : this.sheet(parsed.sheet);
    return { sheet, rect: parsed.rect };
  }

  getCell(address: string): SimCellSnapshot {
    const { sheet, rect: r } = this.locate(address);
    const { top: row, left: column } = r;
    const rec = sheet.cell(row, column);
    const validation = sheet.validationAt(row, column);
    return {
      address: `${sheetPrefix(sheet.name)}${cellRef(row, column)}`,
      value: sheet.value(row, column),
      formula: rec?.f,
      text: sheet.text(row, column),
      numberFormat: sheet.numberFormat(row, column),
      valueType: sheet.valueType(row, column),
      fill: sheet.style(row, column, 'fill'),
      borders: sheet.borders(row, column),
      hyperlink: rec?.hl?.address,
      fontColor: sheet.style(row, column, 'fc'),
      bold: sheet.style(row, column, 'b') ?? false,
      italic: sheet.style(row, column, 'i') ?? false,
      note: sheet.note(row, column)?.content,
      validation: validation && Object.keys(validation.rule).length > 0 ? cloneRule(validation.rule) : undefined,
      rowHidden: sheet.hiddenRows.has(row),
      columnHidden: sheet.hiddenColumns.has(column),
    };
  }

  /** `range.values` of an address, straight from the model (no sync, not counted). */
  getValues(address: string): CellScalar[][] {
    const { sheet, rect: r } = this.locate(address);
    const out: CellScalar[][] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const line: CellScalar[] = [];
      for (let c = r.left; c <= r.right; c++) line.push(sheet.value(row, c));
      out.push(line);
    }
    return out;
  }

  /** Every note: `{ 'Loans!F7': 'text' }`. */
  get notes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const sheet of this.sheets) {
      for (const [r, c, note] of sheet.notesInOrder()) out[`${sheetPrefix(sheet.name)}${cellRef(r, c)}`] = note.content;
    }
    return out;
  }

  /** Every filled cell: `{ 'Loans!F7': '#FFC7CE' }` (whole-column fills are listed per column, `Loans!F:F`). */
  get fills(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const sheet of this.sheets) {
      const prefix = sheetPrefix(sheet.name);
      for (const [c, style] of [...sheet.columnStyles].sort((a, b) => a[0] - b[0])) {
        if (style.fill) out[`${prefix}${formatRect(rect(0, c, MAX_ROWS - 1, c))}`] = style.fill;
      }
      for (const [r, style] of [...sheet.rowStyles].sort((a, b) => a[0] - b[0])) {
        if (style.fill) out[`${prefix}${formatRect(rect(r, 0, r, MAX_COLUMNS - 1))}`] = style.fill;
      }
      for (const [k, rec] of [...sheet.cells].sort((a, b) => a[0] - b[0])) {
        if (rec.fill) out[`${prefix}${cellRef(rowOfKey(k), columnOfKey(k))}`] = rec.fill;
      }
    }
    return out;
  }

  /** The parsed value of a document setting, or undefined. */
  setting(key: string): unknown {
    const text = this.settingsStore.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  get settings(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, text] of this.settingsStore) out[k] = JSON.parse(text);
    return out;
  }

  get selectedAddress(): string {
    const sheet = this.activeSheet;
    return sheet.selection.map((a) => sheet.address(a)).join(',');
  }

  // ---- direct edits (test setup, the workbench's "user") -----------------------------------------------------

  addSheet(name: string, position = this.sheets.length): SimWorksheet {
    validateSheetName(name);
    if (this.findSheet(name)) throw simError('ItemAlreadyExists', `A worksheet named ${name} already exists.`);
    this.journalMeta();
    const sheet = new SimWorksheet(this, this.nextSheetId++, name);
    const next = [...this.sheets];
    next.splice(Math.max(0, Math.min(position, next.length)), 0, sheet);
    this.sheets = next;
    if (this.sheets.length === 1) this.activeSheetId = sheet.id;
    return sheet;
  }

  /** The next free `SheetN` name, as `worksheets.add()` picks it. */
  nextSheetName(): string {
    for (let n = this.sheets.length + 1; ; n++) if (!this.findSheet(`Sheet${n}`)) return `Sheet${n}`;
  }

  removeSheet(sheet: SimWorksheet): void {
    const visible = this.sheets.filter((s) => s.visibility === 'Visible');
    if (sheet.visibility === 'Visible' && visible.length <= 1) {
      throw simError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    }
    this.journalMeta();
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.tables = this.tables.filter((t) => t.sheetId !== sheet.id);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.firstVisible()?.id ?? this.sheets[0]?.id ?? 0;
  }

  renameSheet(sheet: SimWorksheet, name: string): void {
    validateSheetName(name);
    const other = this.findSheet(name);
    if (other && other !== sheet) throw simError('ItemAlreadyExists', `A worksheet named ${name} already exists.`);
    this.journalMeta();
    sheet.name = name;
  }

  setVisibility(sheet: SimWorksheet, visibility: SheetVisibility): void {
    if (visibility !== 'Visible' && visibility !== 'Hidden' && visibility !== 'VeryHidden') {
      throw simError('InvalidArgument', `Invalid visibility: ${String(visibility)}`);
    }
    if (visibility !== 'Visible' && sheet.visibility === 'Visible') {
      const visible = this.sheets.filter((s) => s.visibility === 'Visible');
      if (visible.length <= 1)
        throw simError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    }
    this.journalMeta();
    sheet.visibility = visibility;
    if (visibility !== 'Visible' && this.activeSheetId === sheet.id)
      this.activeSheetId = this.firstVisible()?.id ?? sheet.id;
  }

  moveSheet(sheet: SimWorksheet, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw simError('InvalidArgument', `Invalid position: ${position}`);
    }
    this.journalMeta();
    const next = this.sheets.filter((s) => s !== sheet);
    next.splice(position, 0, sheet);
    this.sheets = next;
  }

  activate(sheet: SimWorksheet): void {
    if (sheet.visibility !== 'Visible') throw simError('InvalidOperation', 'A hidden worksheet cannot be activated.');
    this.journalMeta();
    this.activeSheetId = sheet.id;
  }

  setSheetMeta(
    sheet: SimWorksheet,
    change: Partial<Pick<SimWorksheet, 'tabColor' | 'frozenRows' | 'frozenColumns'>>,
  ): void {
    this.journalMeta();
    Object.assign(sheet, change);
  }

  private firstVisible(): SimWorksheet | undefined {
    return this.sheets.find((s) => s.visibility === 'Visible');
  }

  /** The user types `input` into a cell (same parsing as `range.values`). */
  setValue(address: string, input: unknown): void {
    const { sheet, rect: r } = this.locate(address);
    sheet.writeInput(r.top, r.left, input);
    this.changed();
    this.raiseChanged(sheet, rect(r.top, r.left));
  }

  /** The user pastes a block at `address`'s top-left cell: one change event for the whole block, as Excel sends. */
  pasteValues(address: string, rows: readonly (readonly unknown[])[]): void {
    const { sheet, rect: r } = this.locate(address);
    rows.forEach((line, i) => line.forEach((input, j) => sheet.writeInput(r.top + i, r.left + j, input)));
    this.changed();
    const width = Math.max(1, ...rows.map((line) => line.length));
    this.raiseChanged(sheet, rect(r.top, r.left, r.top + Math.max(0, rows.length - 1), r.left + width - 1));
  }

  /**
   * Excel calls an add-in's handlers after the edit, never inside it: on a later task. The address is the sheet's
   * own (`F7`, `A2:C5`), the sheet named by its id.
   */
  private raiseChanged(sheet: SimWorksheet, area: Rect): void {
    if (this.changedHandlers.size === 0) return;
    const args: SimWorksheetChangedArgs = {
      type: 'WorksheetChanged',
      changeType: 'RangeEdited',
      source: 'Local',
      worksheetId: sheet.uid,
      address: formatRect(area),
      triggerSource: 'Unknown',
    };
    setTimeout(() => {
      for (const handler of [...this.changedHandlers]) {
        void Promise.resolve()
          .then(() => handler(args))
          .catch(() => undefined);
      }
    }, 0);
  }

  /** The user selects `address` (`Loans!A2:A5` or `A2:A5,C7` on the active sheet). */
  select(address: string): void {
    const parts = address.split(',');
    const first = parseAddress(parts[0] ?? '');
    const sheet = first.sheet === undefined ? this.activeSheet : this.sheet(first.sheet);
    const areas = parts.map((p) => {
      const parsed = parseAddress(p);
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
        throw simError('InvalidArgument', 'A selection lies on one worksheet.');
      }
      return parsed.rect;
    });
    this.activate(sheet);
    sheet.setSelection(areas);
    this.changed();
  }

  setSettingValue(key: string, value: unknown): void {
    const text = JSON.stringify(value);
    if (text === undefined) throw simError('InvalidArgument', `Setting ${key} is not JSON-serialisable.`);
    this.journalMeta();
    this.settingsStore.set(key, text);
  }

  deleteSetting(key: string): void {
    this.journalMeta();
    this.settingsStore.delete(key);
  }

  /** Adds a part; its id is a braced GUID, as Excel's are. Malformed XML is refused (InvalidArgument). */
  addCustomXmlPart(xml: string, keepId?: string): string {
    const namespaceUri = rootNamespace(xml);
    this.journalMeta();
    let id = keepId;
    while (id === undefined || this.customXmlStore.has(id)) {
      const serial = (this.nextCustomXmlId++).toString(16).padStart(12, '0');
      id = `{5E3A1C2B-0000-4000-8000-${serial.toUpperCase()}}`;
    }
    this.customXmlStore.set(id, { namespaceUri, xml });
    return id;
  }

  setCustomXml(id: string, xml: string): void {
    const namespaceUri = rootNamespace(xml);
    if (!this.customXmlStore.has(id)) throw simError('ItemNotFound', `No custom XML part ${id}.`);
    this.journalMeta();
    this.customXmlStore.set(id, { namespaceUri, xml });
  }

  deleteCustomXmlPart(id: string): void {
    if (!this.customXmlStore.has(id)) throw simError('ItemNotFound', `No custom XML part ${id}.`);
    this.journalMeta();
    this.customXmlStore.delete(id);
  }

  addTable(sheet: SimWorksheet, area: Rect, name?: string): TableRecord {
    const id = this.nextTableId++;
    const tableName = name ?? `Table${id}`;
    if (this.tables.some((t) => t.name.toLowerCase() === tableName.toLowerCase())) {
      throw simError('ItemAlreadyExists', `A table named ${tableName} already exists.`);
    }
    if (this.tables.some((t) => t.sheetId === sheet.id && intersect(t.rect, area))) {
      throw simError('InvalidOperation', 'A table cannot overlap another table.');
    }
    this.journalMeta();
    const table: TableRecord = { id: String(id), name: tableName, sheetId: sheet.id, rect: area, showHeaders: true };
    this.tables = [...this.tables, table];
    return table;
  }

  updateTable(table: TableRecord, change: Partial<Omit<TableRecord, 'id'>>): void {
    this.journalMeta();
    this.tables = this.tables.map((t) => (t.id === table.id ? { ...t, ...change } : t));
  }

  removeTable(table: TableRecord): void {
    this.journalMeta();
    this.tables = this.tables.filter((t) => t.id !== table.id);
  }

  // ---- cell-edit mode ---------------------------------------------------------------------------------------

  enterCellEditMode(): void {
    this.cellEditMode = true;
  }

  exitCellEditMode(): void {
    this.cellEditMode = false;
    const waiters = this.cellEditWaiters;
    this.cellEditWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when the user leaves cell-edit mode (what `delayForCellEdit` waits for). */
  whenNotEditing(): Promise<void> {
    if (!this.cellEditMode) return Promise.resolve();
    return new Promise((resolve) => this.cellEditWaiters.push(resolve));
  }

  // ---- change notification ----------------------------------------------------------------------------------

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }

  // ---- batches: Excel applies a batch in order and keeps what ran before a failure; the simulation can also undo
  // a whole batch (used when a response is too large, so a test sees "nothing applied"). ----------------------

  beginBatch(): void {
    this.journal = { cells: new Map(), restores: [], touched: new Set() };
  }

  /** Whether the batch changed the workbook's sheets, settings or custom XML parts (objects `add` creates too). */
  commitBatch(): boolean {
    const journal = this.journal;
    this.journal = undefined;
    return journal !== undefined && (journal.touched.size > 0 || journal.cells.size > 0);
  }

  rollbackBatch(): void {
    const journal = this.journal;
    this.journal = undefined;
    if (!journal) return;
    for (const [sheet, before] of journal.cells) {
      for (const [k, rec] of before) {
        if (rec) sheet.cells.set(k, rec);
        else sheet.cells.delete(k);
      }
    }
    for (const restore of journal.restores.reverse()) restore();
  }

  /** @internal */
  journalCell(sheet: SimWorksheet, k: number, current: CellRecord | undefined): void {
    const journal = this.journal;
    if (!journal) return;
    let before = journal.cells.get(sheet);
    if (!before) journal.cells.set(sheet, (before = new Map()));
    if (!before.has(k)) before.set(k, current);
  }

  /** @internal */
  journalField(sheet: SimWorksheet, field: SheetField): void {
    const journal = this.journal;
    const token = `${sheet.id}:${field}`;
    if (!journal || journal.touched.has(token)) return;
    journal.touched.add(token);
    const saved = cloneField(sheet[field]);
    journal.restores.push(() => {
      (sheet as unknown as Record<string, unknown>)[field] = saved;
    });
  }

  private journalMeta(): void {
    const journal = this.journal;
    if (!journal || journal.touched.has('meta')) return;
    journal.touched.add('meta');
    const snapshot: MetaSnapshot = {
      sheets: [...this.sheets],
      sheetMeta: this.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        tabColor: s.tabColor,
        frozenRows: s.frozenRows,
        frozenColumns: s.frozenColumns,
      })),
      activeSheetId: this.activeSheetId,
      settings: new Map(this.settingsStore),
      customXml: new Map(this.customXmlStore),
      tables: this.tables.map((t) => ({ ...t })),
    };
    journal.restores.push(() => {
      this.sheets = snapshot.sheets;
      snapshot.sheets.forEach((s, i) => Object.assign(s, snapshot.sheetMeta[i]));
      this.activeSheetId = snapshot.activeSheetId;
      this.settingsStore = snapshot.settings;
      this.customXmlStore = snapshot.customXml;
      this.tables = snapshot.tables;
    });
  }
}

function cloneField(value: unknown): unknown {
  if (value instanceof Map) {
    const copy = new Map();
    for (const [k, v] of value) copy.set(k, typeof v === 'object' && v !== null ? { ...v } : v);
    return copy;
  }
  if (value instanceof Set) return new Set(value);
  if (Array.isArray(value)) return value.map((v: unknown) => (typeof v === 'object' && v !== null ? { ...v } : v));
  if (typeof value === 'object' && value !== null) return { ...value };
  return value;
}

function cloneRule(rule: DataValidationRule): DataValidationRule {
  return JSON.parse(JSON.stringify(rule)) as DataValidationRule;
}
