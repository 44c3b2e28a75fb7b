/** `Range`, `RangeAreas` and what hangs off them: format, fill, font, data validation and visible views. */
import {
  MAX_COLUMNS,
  MAX_ROWS,
  type Rect,
  boundingRect,
  cellCountOf,
  columnCountOf,
  formatRect,
  intersect,
  isEntireColumn,
  isEntireRow,
  parseAddress,
  qualified,
  rect,
  rowCountOf,
} from '../address';
import { simError } from '../errors';
import { normalizeColor } from '../values';
import type { DataValidationRule, SimWorksheet, StyleKey } from '../workbook';
import { PathType, SimClientObject, type SimClientResult } from './client-object';
import { Worksheet } from './workbook-objects';

export interface RangeRef {
  sheetId: number;
  rect: Rect;
}

export interface AreasRef {
  sheetId: number;
  rects: Rect[];
}

export interface ViewRef {
  sheetId: number;
  base: Rect;
  rows: number[];
  columns: number[];
  index: number;
}

type Resolver<R> = () => R | null;
type Parent = SimClientObject;

const GRID_PROPERTIES = new Set([
  'values',
  'text',
  'formulas',
  'formulasLocal',
  'numberFormat',
  'numberFormatLocal',
  'valueTypes',
]);

function intArg(value: unknown, name: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw simError('InvalidArgument', `${name} must be an integer ≥ ${min} (got ${String(value)}).`);
  }
  return value;
}

function checkInSheet(r: Rect): Rect {
  if (
    r.top < 0 ||
    r.left < 0 ||
    r.bottom >= MAX_ROWS ||
    r.right >= MAX_COLUMNS ||
    r.top > r.bottom ||
    r.left > r.right
  ) {
    throw simError('InvalidArgument', 'The range would lie outside the worksheet.');
  }
  return r;
}

/** A rectangle named relative to `sheet`; a sheet-qualified address must name that sheet. */
export function rectOnSheet(sheet: SimWorksheet, address: string): Rect {
  const parsed = parseAddress(address);
  if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
    throw simError('InvalidArgument', `The address ${address} is not on worksheet ${sheet.name}.`);
  }
  return parsed.rect;
}

/** Cell-by-cell properties read back as null for whole rows/columns and above the cell limit (office-notes.md). */
function readGrid<T>(
  sheet: SimWorksheet,
  r: Rect,
  limit: number,
  cell: (row: number, column: number) => T,
): T[][] | null {
  if (isEntireColumn(r) || isEntireRow(r) || cellCountOf(r) > limit) return null;
  const out: T[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: T[] = new Array<T>(r.right - r.left + 1);
    for (let c = r.left; c <= r.right; c++) line[c - r.left] = cell(row, c);
    out.push(line);
  }
  return out;
}

/** A 2-D write must match the range exactly; a single value is applied to every cell. */
function writeGrid(r: Rect, value: unknown, write: (row: number, column: number, v: unknown) => void): void {
  if (!Array.isArray(value)) {
    for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) write(row, c, value);
    return;
  }
  const rows = rowCountOf(r);
  const columns = columnCountOf(r);
  const mismatch = () =>
    simError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${columns}).`,
    );
  if (value.length !== rows) throw mismatch();
  for (const line of value) if (!Array.isArray(line) || line.length !== columns) throw mismatch();
  for (let i = 0; i < rows; i++) {
    const line = value[i] as unknown[];
    for (let j = 0; j < columns; j++) write(r.top + i, r.left + j, line[j]);
  }
}

function writeNumberFormat(sheet: SimWorksheet, r: Rect, value: unknown): void {
  if (!Array.isArray(value) && (isEntireColumn(r) || isEntireRow(r))) {
    if (typeof value !== 'string') throw simError('InvalidArgument', 'A number format is a string.');
    sheet.setStyle(r, 'nf', value);
    return;
  }
  writeGrid(r, value, (row, c, v) => {
    if (v === null || v === undefined) return;
    if (typeof v !== 'string') throw simError('InvalidArgument', 'A number format is a string.');
    sheet.updateCell(row, c, (rec) => {
      rec.nf = v;
    });
  });
}

function clearArea(sheet: SimWorksheet, r: Rect, applyTo: unknown): void {
  const mode = applyTo ?? 'All';
  switch (mode) {
    case 'All':
      sheet.clearContents(r);
      sheet.clearFormats(r);
      return;
    case 'Contents':
    case 'ResetContents':
      sheet.clearContents(r);
      return;
    case 'Formats':
      sheet.clearFormats(r);
      return;
    case 'Hyperlinks':
      sheet.clearHyperlinks(r);
      return;
    case 'RemoveHyperlinks':
      sheet.clearHyperlinks(r);
      sheet.clearFormats(r);
      return;
    default:
      throw simError('InvalidArgument', `Invalid applyTo: ${String(mode)}`);
  }
}

/** One format attribute over several rectangles: the common value, or null when mixed. */
function commonStyle<K extends StyleKey>(sheet: SimWorksheet, rects: Rect[], k: K, limit: number): unknown {
  let first = true;
  let common: unknown;
  for (const r of rects) {
    if (cellCountOf(r) > limit) return null;
    for (let row = r.top; row <= r.bottom; row++) {
      for (let c = r.left; c <= r.right; c++) {
        const v = sheet.style(row, c, k);
        if (first) {
          common = v;
          first = false;
        } else if (v !== common) return null;
      }
    }
  }
  return common;
}

// ---- Range ------------------------------------------------------------------------------------------------

export class Range extends SimClientObject<RangeRef> {
  get _typeName(): string {
    return 'Range';
  }

  protected _defaultScalars(): readonly string[] {
    return [
      'address',
      'addressLocal',
      'cellCount',
      'columnCount',
      'columnHidden',
      'columnIndex',
      'formulas',
      'formulasLocal',
      'hidden',
      'isEntireColumn',
      'isEntireRow',
      'numberFormat',
      'numberFormatLocal',
      'rowCount',
      'rowHidden',
      'rowIndex',
      'text',
      'valueTypes',
      'values',
    ];
  }

  protected override _getScalar(name: string, ref: RangeRef): unknown {
    const sheet = this._sheet(ref.sheetId);
    const r = ref.rect;
    const limit = this._book.limits.readCells;
    if (GRID_PROPERTIES.has(name)) {
      switch (name) {
        case 'values':
          return readGrid(sheet, r, limit, (row, c) => sheet.value(row, c));
        case 'text':
          return readGrid(sheet, r, limit, (row, c) => sheet.text(row, c));
        case 'formulas':
        case 'formulasLocal':
          return readGrid(sheet, r, limit, (row, c) => sheet.formula(row, c));
        case 'numberFormat':
        case 'numberFormatLocal':
          return readGrid(sheet, r, limit, (row, c) => sheet.numberFormat(row, c));
        default:
          return readGrid(sheet, r, limit, (row, c) => sheet.valueType(row, c));
      }
    }
    switch (name) {
      case 'address':
      case 'addressLocal':
        return sheet.address(r);
      case 'cellCount':
        return cellCountOf(r);
      case 'rowCount':
        return rowCountOf(r);
      case 'columnCount':
        return columnCountOf(r);
      case 'rowIndex':
        return r.top;
      case 'columnIndex':
        return r.left;
      case 'rowHidden':
        return sheet.rowsHidden(r);
      case 'columnHidden':
        return sheet.columnsHidden(r);
      case 'hidden':
        return sheet.rowsHidden(r) === true || sheet.columnsHidden(r) === true;
      case 'isEntireColumn':
        return isEntireColumn(r);
      case 'isEntireRow':
        return isEntireRow(r);
      case 'hyperlink': {
        const link = sheet.cell(r.top, r.left)?.hl;
        return link === undefined ? {} : { address: link.address, screenTip: link.screenTip ?? '' };
      }
      default:
        return super._getScalar(name, ref);
    }
  }

  protected override _setScalar(name: string, ref: RangeRef, value: unknown): void {
    const sheet = this._sheet(ref.sheetId);
    const r = ref.rect;
    switch (name) {
      case 'hyperlink': {
        // Kept to one cell here: a link over a block is not something this add-in asks for.
        if (cellCountOf(r) !== 1) throw simError('InvalidArgument', 'A hyperlink is set on one cell.');
        const link = value as { address?: unknown; screenTip?: unknown; textToDisplay?: unknown } | null;
        if (link === null || typeof link !== 'object' || typeof link.address !== 'string' || link.address === '')
          throw simError('InvalidArgument', 'A hyperlink needs an address.');
        const hl = {
          address: link.address,
          ...(typeof link.screenTip === 'string' ? { screenTip: link.screenTip } : {}),
        };
        sheet.updateCell(r.top, r.left, (rec) => {
          rec.hl = hl;
        });
        if (typeof link.textToDisplay === 'string') sheet.writeInput(r.top, r.left, link.textToDisplay);
        return;
      }
      case 'values':
        writeGrid(r, value, (row, c, v) => sheet.writeInput(row, c, v));
        return;
      case 'formulas':
      case 'formulasLocal':
        writeGrid(r, value, (row, c, v) => sheet.writeFormula(row, c, v));
        return;
      case 'numberFormat':
      case 'numberFormatLocal':
        writeNumberFormat(sheet, r, value);
        return;
      case 'rowHidden':
      case 'columnHidden': {
        if (typeof value !== 'boolean') throw simError('InvalidArgument', `${name} must be a boolean.`);
        if (name === 'rowHidden') sheet.setRowsHidden(r, value);
        else sheet.setColumnsHidden(r, value);
        return;
      }
      default:
        super._setScalar(name, ref, value);
    }
  }

  /** @internal */
  override _navigation(name: string): SimClientObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'dataValidation') return this.dataValidation;
    if (name === 'worksheet') return this.worksheet;
    return undefined;
  }

  // scalar properties
  get hyperlink(): { address?: string; screenTip?: string; textToDisplay?: string } {
    return this._read('hyperlink');
  }
  set hyperlink(value: { address?: string; screenTip?: string; textToDisplay?: string }) {
    this._write('hyperlink', value);
  }
  get address(): string {
    return this._read('address');
  }
  get addressLocal(): string {
    return this._read('addressLocal');
  }
  get cellCount(): number {
    return this._read('cellCount');
  }
  get rowCount(): number {
    return this._read('rowCount');
  }
  get columnCount(): number {
    return this._read('columnCount');
  }
  get rowIndex(): number {
    return this._read('rowIndex');
  }
  get columnIndex(): number {
    return this._read('columnIndex');
  }
  get isEntireColumn(): boolean {
    return this._read('isEntireColumn');
  }
  get isEntireRow(): boolean {
    return this._read('isEntireRow');
  }
  get hidden(): boolean {
    return this._read('hidden');
  }
  get text(): string[][] {
    return this._read('text');
  }
  get valueTypes(): string[][] {
    return this._read('valueTypes');
  }
  get values(): unknown[][] {
    return this._read('values');
  }
  set values(value: unknown) {
    this._write('values', value);
  }
  get formulas(): unknown[][] {
    return this._read('formulas');
  }
  set formulas(value: unknown) {
    this._write('formulas', value);
  }
  get formulasLocal(): unknown[][] {
    return this._read('formulasLocal');
  }
  set formulasLocal(value: unknown) {
    this._write('formulasLocal', value);
  }
  get numberFormat(): unknown[][] {
    return this._read('numberFormat');
  }
  set numberFormat(value: unknown) {
    this._write('numberFormat', value);
  }
  get numberFormatLocal(): unknown[][] {
    return this._read('numberFormatLocal');
  }
  set numberFormatLocal(value: unknown) {
    this._write('numberFormatLocal', value);
  }
  get rowHidden(): boolean {
    return this._read('rowHidden');
  }
  set rowHidden(value: boolean) {
    this._write('rowHidden', value);
  }
  get columnHidden(): boolean {
    return this._read('columnHidden');
  }
  set columnHidden(value: boolean) {
    this._write('columnHidden', value);
  }

  // navigation
  get format(): RangeFormat {
    return this._child(
      'format',
      () =>
        new RangeFormat(this.context, this, { type: PathType.Property, name: 'Format' }, () => areasOf(this._target())),
    );
  }

  get dataValidation(): DataValidation {
    this._requireApi('dataValidation');
    return this._child(
      'dataValidation',
      () =>
        new DataValidation(this.context, this, { type: PathType.Property, name: 'DataValidation' }, () =>
          areasOf(this._target()),
        ),
    );
  }

  get worksheet(): Worksheet {
    return this._child(
      'worksheet',
      () =>
        new Worksheet(this.context, this, { type: PathType.Property, name: 'Worksheet' }, () => ({
          sheetId: this._target().sheetId,
        })),
    );
  }

  // methods returning ranges
  private derived(
    name: string,
    args: unknown[],
    make: (ref: RangeRef, sheet: SimWorksheet) => Rect | null,
    argObjects: SimClientObject[] = [],
  ): Range {
    this._requireApi(name);
    for (const o of argObjects) this.context._ensure(o);
    return newRange(this, name, args, () => {
      const ref = this._target();
      const r = make(ref, this._sheet(ref.sheetId));
      return r === null ? null : { sheetId: ref.sheetId, rect: checkInSheet(r) };
    });
  }

  getCell(row: number, column: number): Range {
    return this.derived('getCell', [row, column], (ref) => {
      const r = ref.rect.top + intArg(row, 'row');
      const c = ref.rect.left + intArg(column, 'column');
      return rect(r, c);
    });
  }

  getRow(row: number): Range {
    return this.derived('getRow', [row], (ref) => {
      const i = intArg(row, 'row');
      if (i >= rowCountOf(ref.rect)) throw simError('InvalidArgument', `Row ${i} is outside the range.`);
      return rect(ref.rect.top + i, ref.rect.left, ref.rect.top + i, ref.rect.right);
    });
  }

  getColumn(column: number): Range {
    return this.derived('getColumn', [column], (ref) => {
      const i = intArg(column, 'column');
      if (i >= columnCountOf(ref.rect)) throw simError('InvalidArgument', `Column ${i} is outside the range.`);
      return rect(ref.rect.top, ref.rect.left + i, ref.rect.bottom, ref.rect.left + i);
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derived('getResizedRange', [deltaRows, deltaColumns], (ref) => {
      const r = { ...ref.rect, bottom: ref.rect.bottom + intArg(deltaRows, 'deltaRows', -MAX_ROWS) };
      r.right = ref.rect.right + intArg(deltaColumns, 'deltaColumns', -MAX_COLUMNS);
      return r;
    });
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): Range {
    return this.derived('getAbsoluteResizedRange', [numRows, numColumns], (ref) => {
      const rows = intArg(numRows, 'numRows', 1);
      const columns = intArg(numColumns, 'numColumns', 1);
      return rect(ref.rect.top, ref.rect.left, ref.rect.top + rows - 1, ref.rect.left + columns - 1);
    });
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derived('getOffsetRange', [rowOffset, columnOffset], (ref) => {
      const dr = intArg(rowOffset, 'rowOffset', -MAX_ROWS);
      const dc = intArg(columnOffset, 'columnOffset', -MAX_COLUMNS);
      return {
        top: ref.rect.top + dr,
        bottom: ref.rect.bottom + dr,
        left: ref.rect.left + dc,
        right: ref.rect.right + dc,
      };
    });
  }

  getEntireColumn(): Range {
    return this.derived('getEntireColumn', [], (ref) => rect(0, ref.rect.left, MAX_ROWS - 1, ref.rect.right));
  }

  getEntireRow(): Range {
    return this.derived('getEntireRow', [], (ref) => rect(ref.rect.top, 0, ref.rect.bottom, MAX_COLUMNS - 1));
  }

  getLastRow(): Range {
    return this.derived('getLastRow', [], (ref) =>
      rect(ref.rect.bottom, ref.rect.left, ref.rect.bottom, ref.rect.right),
    );
  }

  getLastColumn(): Range {
    return this.derived('getLastColumn', [], (ref) =>
      rect(ref.rect.top, ref.rect.right, ref.rect.bottom, ref.rect.right),
    );
  }

  getLastCell(): Range {
    return this.derived('getLastCell', [], (ref) => rect(ref.rect.bottom, ref.rect.right));
  }

  getRowsAbove(count = 1): Range {
    return this.derived('getRowsAbove', [count], (ref) => {
      const n = intArg(count, 'count', 1);
      return rect(ref.rect.top - n, ref.rect.left, ref.rect.top - 1, ref.rect.right);
    });
  }

  getRowsBelow(count = 1): Range {
    return this.derived('getRowsBelow', [count], (ref) => {
      const n = intArg(count, 'count', 1);
      return rect(ref.rect.bottom + 1, ref.rect.left, ref.rect.bottom + n, ref.rect.right);
    });
  }

  getColumnsBefore(count = 1): Range {
    return this.derived('getColumnsBefore', [count], (ref) => {
      const n = intArg(count, 'count', 1);
      return rect(ref.rect.top, ref.rect.left - n, ref.rect.bottom, ref.rect.left - 1);
    });
  }

  getColumnsAfter(count = 1): Range {
    return this.derived('getColumnsAfter', [count], (ref) => {
      const n = intArg(count, 'count', 1);
      return rect(ref.rect.top, ref.rect.right + 1, ref.rect.bottom, ref.rect.right + n);
    });
  }

  /** @internal Host side: another range argument, as a Range proxy or an address on this range's sheet. */
  _otherRect(other: Range | string, sheet: SimWorksheet): Rect {
    if (typeof other === 'string') return rectOnSheet(sheet, other);
    const ref = other._target();
    if (ref.sheetId !== sheet.id) throw simError('InvalidArgument', 'The ranges are on different worksheets.');
    return ref.rect;
  }

  getBoundingRect(anotherRange: Range | string): Range {
    const objects = anotherRange instanceof Range ? [anotherRange] : [];
    return this.derived(
      'getBoundingRect',
      [anotherRange],
      (ref, sheet) => boundingRect(ref.rect, this._otherRect(anotherRange, sheet)),
      objects,
    );
  }

  getIntersection(anotherRange: Range | string): Range {
    const objects = anotherRange instanceof Range ? [anotherRange] : [];
    return this.derived(
      'getIntersection',
      [anotherRange],
      (ref, sheet) => {
        const cut = intersect(ref.rect, this._otherRect(anotherRange, sheet));
        if (!cut) throw simError('ItemNotFound', 'The ranges do not intersect.');
        return cut;
      },
      objects,
    );
  }

  getIntersectionOrNullObject(anotherRange: Range | string): Range {
    const objects = anotherRange instanceof Range ? [anotherRange] : [];
    return this.derived(
      'getIntersectionOrNullObject',
      [anotherRange],
      (ref, sheet) => intersect(ref.rect, this._otherRect(anotherRange, sheet)),
      objects,
    );
  }

  getUsedRange(valuesOnly?: boolean): Range {
    return this.derived('getUsedRange', [valuesOnly ?? null], (ref, sheet) => {
      const used = sheet.usedRect(valuesOnly === true);
      const cut = used && intersect(used, ref.rect);
      if (!cut) throw simError('ItemNotFound', 'The range has no used cells.');
      return cut;
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this.derived('getUsedRangeOrNullObject', [valuesOnly ?? null], (ref, sheet) => {
      const used = sheet.usedRect(valuesOnly === true);
      return used && intersect(used, ref.rect);
    });
  }

  getVisibleView(): RangeView {
    this._requireApi('getVisibleView');
    return new RangeView(this.context, this, { type: PathType.Method, name: 'GetVisibleView' }, () => {
      const ref = this._target();
      return visibleView(this._sheet(ref.sheetId), ref.rect);
    });
  }

  // methods
  clear(applyTo?: string): void {
    this._method('clear', [applyTo ?? null], (ref) => clearArea(this._sheet(ref.sheetId), ref.rect, applyTo));
  }

  select(): void {
    this._method('select', [], (ref) => {
      const sheet = this._sheet(ref.sheetId);
      this._book.activate(sheet);
      sheet.setSelection([ref.rect]);
    });
  }
}

/** Range proxies made by a method of `parent`. */
export function newRange(parent: Parent, name: string, args: unknown[], resolver: Resolver<RangeRef>): Range {
  return new Range(
    parent.context,
    parent,
    { type: PathType.Method, name: name.charAt(0).toUpperCase() + name.slice(1), args },
    resolver,
  );
}

function areasOf(ref: RangeRef | AreasRef): AreasRef {
  return 'rect' in ref ? { sheetId: ref.sheetId, rects: [ref.rect] } : ref;
}

export function visibleView(sheet: SimWorksheet, base: Rect): ViewRef {
  const rows: number[] = [];
  const columns: number[] = [];
  for (let r = base.top; r <= base.bottom; r++) if (!sheet.hiddenRows.has(r)) rows.push(r);
  for (let c = base.left; c <= base.right; c++) if (!sheet.hiddenColumns.has(c)) columns.push(c);
  return { sheetId: sheet.id, base, rows, columns, index: 0 };
}

// ---- RangeAreas -------------------------------------------------------------------------------------------

/** `getRanges("A1:B2, D5")` areas, each checked against the sheet. */
export function parseAreas(sheet: SimWorksheet, address: string, limit: number): Rect[] {
  if (typeof address !== 'string' || address.trim() === '')
    throw simError('InvalidArgument', 'An address is required.');
  if (address.length > limit) {
    throw simError(
      'InvalidArgument',
      `The range-areas address is ${address.length} characters long; the limit is ${limit}.`,
    );
  }
  return splitAreaList(address).map((part) => rectOnSheet(sheet, part));
}

/** Splits on commas (or semicolons) that are not inside a quoted sheet name. */
function splitAreaList(address: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if ((ch === ',' || ch === ';') && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

export class RangeAreas extends SimClientObject<AreasRef> {
  get _typeName(): string {
    return 'RangeAreas';
  }

  protected _defaultScalars(): readonly string[] {
    return ['address', 'addressLocal', 'areaCount', 'cellCount', 'isEntireColumn', 'isEntireRow'];
  }

  protected override _getScalar(name: string, ref: AreasRef): unknown {
    const sheet = this._sheet(ref.sheetId);
    switch (name) {
      case 'address':
      case 'addressLocal':
        return ref.rects.map((r) => sheet.address(r)).join(',');
      case 'areaCount':
        return ref.rects.length;
      case 'cellCount':
        return ref.rects.reduce((n, r) => n + cellCountOf(r), 0);
      case 'isEntireColumn':
        return ref.rects.every(isEntireColumn);
      case 'isEntireRow':
        return ref.rects.every(isEntireRow);
      default:
        return super._getScalar(name, ref);
    }
  }

  /** @internal */
  override _navigation(name: string): SimClientObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'dataValidation') return this.dataValidation;
    if (name === 'worksheet') return this.worksheet;
    if (name === 'areas') return this.areas;
    return undefined;
  }

  get address(): string {
    return this._read('address');
  }
  get addressLocal(): string {
    return this._read('addressLocal');
  }
  get areaCount(): number {
    return this._read('areaCount');
  }
  get cellCount(): number {
    return this._read('cellCount');
  }
  get isEntireColumn(): boolean {
    return this._read('isEntireColumn');
  }
  get isEntireRow(): boolean {
    return this._read('isEntireRow');
  }

  get format(): RangeFormat {
    this._requireApi('format');
    return this._child(
      'format',
      () => new RangeFormat(this.context, this, { type: PathType.Property, name: 'Format' }, () => this._target()),
    );
  }

  get dataValidation(): DataValidation {
    this._requireApi('dataValidation');
    return this._child(
      'dataValidation',
      () =>
        new DataValidation(this.context, this, { type: PathType.Property, name: 'DataValidation' }, () =>
          this._target(),
        ),
    );
  }

  get worksheet(): Worksheet {
    this._requireApi('worksheet');
    return this._child(
      'worksheet',
      () =>
        new Worksheet(this.context, this, { type: PathType.Property, name: 'Worksheet' }, () => ({
          sheetId: this._target().sheetId,
        })),
    );
  }

  get areas(): RangeCollection {
    this._requireApi('areas');
    return this._child(
      'areas',
      () => new RangeCollection(this.context, this, { type: PathType.Property, name: 'Areas' }, () => this._target()),
    );
  }

  clear(applyTo?: string): void {
    this._requireApi('clear');
    this._method('clear', [applyTo ?? null], (ref) => {
      const sheet = this._sheet(ref.sheetId);
      for (const r of ref.rects) clearArea(sheet, r, applyTo);
    });
  }

  select(): void {
    this._requireApi('select');
    this._method('select', [], (ref) => {
      const sheet = this._sheet(ref.sheetId);
      this._book.activate(sheet);
      sheet.setSelection(ref.rects);
    });
  }
}

export class RangeCollection extends SimClientObject<AreasRef> {
  get _typeName(): string {
    return 'RangeCollection';
  }

  protected _defaultScalars(): readonly string[] {
    return [];
  }

  /** @internal */
  override _isCollection(): boolean {
    return true;
  }

  /** @internal */
  override _listItems(ref: AreasRef): unknown[] {
    return ref.rects.map((r) => ({ sheetId: ref.sheetId, rect: r }));
  }

  /** @internal */
  override _itemProxy(itemRef: unknown, index: number): SimClientObject {
    return new Range(
      this.context,
      this,
      { type: PathType.Indexer, name: '', args: [index] },
      () => itemRef as RangeRef,
      { instantiate: false },
    );
  }

  get items(): Range[] {
    return this._readItems<Range>();
  }

  getCount(): SimClientResult<number> {
    this._requireApi('getCount');
    return this._valueMethod('getCount', [], (ref) => ref.rects.length);
  }

  getItemAt(index: number): Range {
    this._requireApi('getItemAt');
    return new Range(this.context, this, { type: PathType.Method, name: 'GetItemAt', args: [index] }, () => {
      const ref = this._target();
      const r = ref.rects[intArg(index, 'index')];
      if (!r) throw simError('ItemNotFound', `No area at index ${index}.`);
      return { sheetId: ref.sheetId, rect: r };
    });
  }
}

// ---- format, fill, font -------------------------------------------------------------------------------------

export class RangeFormat extends SimClientObject<AreasRef> {
  get _typeName(): string {
    return 'RangeFormat';
  }

  protected _defaultScalars(): readonly string[] {
    return [];
  }

  /** @internal */
  override _navigation(name: string): SimClientObject | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    if (name === 'borders') return this.borders;
    return undefined;
  }

  get borders(): RangeBorderCollection {
    return this._child(
      'borders',
      () =>
        new RangeBorderCollection(this.context, this, { type: PathType.Property, name: 'Borders' }, () =>
          this._target(),
        ),
    );
  }

  get fill(): RangeFill {
    return this._child(
      'fill',
      () => new RangeFill(this.context, this, { type: PathType.Property, name: 'Fill' }, () => this._target()),
    );
  }

  get font(): RangeFont {
    return this._child(
      'font',
      () => new RangeFont(this.context, this, { type: PathType.Property, name: 'Font' }, () => this._target()),
    );
  }

  /** Column widths are not modelled: the call is queued and counted, and changes nothing. */
  autofitColumns(): void {
    this._requireApi('autofitColumns');
    this._method('autofitColumns', [], () => undefined);
  }

  autofitRows(): void {
    this._requireApi('autofitRows');
    this._method('autofitRows', [], () => undefined);
  }
}

export class RangeFill extends SimClientObject<AreasRef> {
  get _typeName(): string {
    return 'RangeFill';
  }

  protected _defaultScalars(): readonly string[] {
    return ['color'];
  }

  protected override _getScalar(name: string, ref: AreasRef): unknown {
    if (name !== 'color') return super._getScalar(name, ref);
    const common = commonStyle(this._sheet(ref.sheetId), ref.rects, 'fill', this._book.limits.readCells);
    // Excel reports "no fill" as white, and mixed fills as null.
    return common === null ? null : (common ?? '#FFFFFF');
  }

  protected override _setScalar(name: string, ref: AreasRef, value: unknown): void {
    if (name !== 'color') return super._setScalar(name, ref, value);
    const sheet = this._sheet(ref.sheetId);
    const color = value === null || value === '' ? undefined : normalizeColor(value);
    for (const r of ref.rects) sheet.setStyle(r, 'fill', color);
  }

  get color(): string {
    return this._read('color');
  }
  set color(value: string) {
    this._write('color', value);
  }

  clear(): void {
    this._method('clear', [], (ref) => {
      const sheet = this._sheet(ref.sheetId);
      for (const r of ref.rects) sheet.setStyle(r, 'fill', undefined);
    });
  }
}

// ---- borders ----------------------------------------------------------------------------------------------

export interface BorderRef extends AreasRef {
  index: string;
}

const LINE_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'];
const WEIGHTS = ['Hairline', 'Thin', 'Medium', 'Thick'];
const BORDER_INDEXES = [
  'EdgeTop',
  'EdgeBottom',
  'EdgeLeft',
  'EdgeRight',
  'InsideVertical',
  'InsideHorizontal',
  'DiagonalDown',
  'DiagonalUp',
];

/**
 * The cell edges one border index stands for in one rectangle, as (sub-rectangle, edge key) pairs: an edge index
 * is the outline of each area (a RangeAreas' areas one by one), an inside index the lines between its cells.
 * Diagonals are accepted and not modelled.
 */
function borderEdges(r: Rect, index: string): [Rect, StyleKey][] {
  const inner = (from: number, to: number): boolean => to > from;
  switch (index) {
    case 'EdgeTop':
      return [[rect(r.top, r.left, r.top, r.right), 'bt']];
    case 'EdgeBottom':
      return [[rect(r.bottom, r.left, r.bottom, r.right), 'bb']];
    case 'EdgeLeft':
      return [[rect(r.top, r.left, r.bottom, r.left), 'bl']];
    case 'EdgeRight':
      return [[rect(r.top, r.right, r.bottom, r.right), 'br']];
    case 'InsideHorizontal':
      return inner(r.top, r.bottom)
        ? [
            [rect(r.top, r.left, r.bottom - 1, r.right), 'bb'],
            [rect(r.top + 1, r.left, r.bottom, r.right), 'bt'],
          ]
        : [];
    case 'InsideVertical':
      return inner(r.left, r.right)
        ? [
            [rect(r.top, r.left, r.bottom, r.right - 1), 'br'],
            [rect(r.top, r.left + 1, r.bottom, r.right), 'bl'],
          ]
        : [];
    default:
      return [];
  }
}

export class RangeBorderCollection extends SimClientObject<AreasRef> {
  get _typeName(): string {
    return 'RangeBorderCollection';
  }

  protected _defaultScalars(): readonly string[] {
    return [];
  }

  getItem(index: string): RangeBorder {
    if (!BORDER_INDEXES.includes(index)) throw simError('InvalidArgument', `Invalid border index: ${String(index)}`);
    return new RangeBorder(this.context, this, { type: PathType.Method, name: 'GetItem', args: [index] }, () => ({
      ...this._target(),
      index,
    }));
  }
}

/** One border of a range: its colour is kept per cell edge; its weight is checked and not modelled. */
export class RangeBorder extends SimClientObject<BorderRef> {
  get _typeName(): string {
    return 'RangeBorder';
  }

  protected _defaultScalars(): readonly string[] {
    return ['color', 'style', 'sideIndex'];
  }

  private edges(ref: BorderRef): [Rect, StyleKey][] {
    return ref.rects.flatMap((r) => borderEdges(r, ref.index));
  }

  protected override _getScalar(name: string, ref: BorderRef): unknown {
    if (name === 'sideIndex') return ref.index;
    if (name !== 'color' && name !== 'style') return super._getScalar(name, ref);
    const sheet = this._sheet(ref.sheetId);
    let common: unknown;
    let first = true;
    for (const [r, k] of this.edges(ref)) {
      const v = commonStyle(sheet, [r], k, this._book.limits.readCells);
      if (first) common = v;
      else if (v !== common) return null;
      first = false;
    }
    if (name === 'style') return common === null ? null : common === undefined ? 'None' : 'Continuous';
    return common === null ? null : (common ?? '#000000');
  }

  protected override _setScalar(name: string, ref: BorderRef, value: unknown): void {
    const sheet = this._sheet(ref.sheetId);
    switch (name) {
      case 'color': {
        const color = normalizeColor(value);
        for (const [r, k] of this.edges(ref)) sheet.setStyle(r, k, color);
        return;
      }
      case 'style':
        if (typeof value !== 'string' || !LINE_STYLES.includes(value))
          throw simError('InvalidArgument', `Invalid border style: ${String(value)}`);
        for (const [r, k] of this.edges(ref)) {
          if (value === 'None') sheet.setStyle(r, k, undefined);
          else if (commonStyle(sheet, [r], k, Number.POSITIVE_INFINITY) === undefined) sheet.setStyle(r, k, '#000000');
        }
        return;
      case 'weight':
        if (typeof value !== 'string' || !WEIGHTS.includes(value))
          throw simError('InvalidArgument', `Invalid border weight: ${String(value)}`);
        return;
      default:
        super._setScalar(name, ref, value);
    }
  }

  get color(): string {
    return this._read('color');
  }
  set color(value: string) {
    this._write('color', value);
  }
  get style(): string {
    return this._read('style');
  }
  set style(value: string) {
    this._write('style', value);
  }
  get weight(): string {
    return this._read('weight');
  }
  set weight(value: string) {
    this._write('weight', value);
  }
  get sideIndex(): string {
    return this._read('sideIndex');
  }
}

const FONT_KEYS: Record<string, StyleKey> = { color: 'fc', bold: 'b', italic: 'i' };
const FONT_DEFAULTS: Record<string, unknown> = { color: '#000000', bold: false, italic: false };

export class RangeFont extends SimClientObject<AreasRef> {
  get _typeName(): string {
    return 'RangeFont';
  }

  protected _defaultScalars(): readonly string[] {
    return ['color', 'bold', 'italic'];
  }

  protected override _getScalar(name: string, ref: AreasRef): unknown {
    const k = FONT_KEYS[name];
    if (!k) return super._getScalar(name, ref);
    const common = commonStyle(this._sheet(ref.sheetId), ref.rects, k, this._book.limits.readCells);
    return common === null ? null : (common ?? FONT_DEFAULTS[name]);
  }

  protected override _setScalar(name: string, ref: AreasRef, value: unknown): void {
    const k = FONT_KEYS[name];
    if (!k) return super._setScalar(name, ref, value);
    let stored: string | boolean;
    if (k === 'fc') stored = normalizeColor(value);
    else if (typeof value === 'boolean') stored = value;
    else throw simError('InvalidArgument', `${name} must be a boolean.`);
    const sheet = this._sheet(ref.sheetId);
    for (const r of ref.rects) sheet.setStyle(r, k, stored as never);
  }

  get color(): string {
    return this._read('color');
  }
  set color(value: string) {
    this._write('color', value);
  }
  get bold(): boolean {
    return this._read('bold');
  }
  set bold(value: boolean) {
    this._write('bold', value);
  }
  get italic(): boolean {
    return this._read('italic');
  }
  set italic(value: boolean) {
    this._write('italic', value);
  }
}

// ---- data validation --------------------------------------------------------------------------------------

const RULE_TYPES: Record<string, string> = {
  list: 'List',
  wholeNumber: 'WholeNumber',
  decimal: 'Decimal',
  date: 'Date',
  time: 'Time',
  textLength: 'TextLength',
  custom: 'Custom',
};

/** Excel caps an inline list (`"A, B, C"`) at 255 characters; longer lists belong on a sheet. */
export const MAX_INLINE_LIST = 255;

export class DataValidation extends SimClientObject<AreasRef> {
  get _typeName(): string {
    return 'DataValidation';
  }

  protected _defaultScalars(): readonly string[] {
    return ['type', 'rule', 'ignoreBlanks', 'errorAlert', 'prompt', 'valid'];
  }

  /** The validation records over every cell of the area: one shared record, none, or mixed (undefined). */
  private coverage(
    ref: AreasRef,
  ): { rule: DataValidationRule; ignoreBlanks: boolean; errorAlert?: unknown; prompt?: unknown } | null | undefined {
    const sheet = this._sheet(ref.sheetId);
    let seen: string | undefined;
    let result: ReturnType<DataValidation['coverage']> = null;
    for (const r of ref.rects) {
      if (cellCountOf(r) > this._book.limits.readCells) return undefined;
      for (let row = r.top; row <= r.bottom; row++) {
        for (let c = r.left; c <= r.right; c++) {
          const v = sheet.validationAt(row, c);
          const sig = v ? JSON.stringify([v.rule, v.ignoreBlanks, v.errorAlert, v.prompt]) : 'none';
          if (seen === undefined) {
            seen = sig;
            result = v
              ? { rule: v.rule, ignoreBlanks: v.ignoreBlanks, errorAlert: v.errorAlert, prompt: v.prompt }
              : null;
          } else if (sig !== seen) return undefined;
        }
      }
    }
    return result;
  }

  protected override _getScalar(name: string, ref: AreasRef): unknown {
    const cover = this.coverage(ref);
    switch (name) {
      case 'type': {
        if (cover === undefined) return 'Inconsistent';
        const key = cover ? Object.keys(cover.rule)[0] : undefined;
        return key ? (RULE_TYPES[key] ?? 'None') : 'None';
      }
      case 'rule':
        return cover === undefined ? null : JSON.parse(JSON.stringify(cover?.rule ?? {}));
      case 'ignoreBlanks':
        return cover === undefined ? null : (cover?.ignoreBlanks ?? true);
      case 'errorAlert':
        return cover === undefined
          ? null
          : (cover?.errorAlert ?? { message: '', showAlert: true, style: 'Stop', title: '' });
      case 'prompt':
        return cover === undefined ? null : (cover?.prompt ?? { message: '', showPrompt: false, title: '' });
      case 'valid':
        return this.checkValid(ref);
      default:
        return super._getScalar(name, ref);
    }
  }

  /** Only list rules are checked: every non-blank cell must be one of the list's entries. */
  private checkValid(ref: AreasRef): boolean {
    const sheet = this._sheet(ref.sheetId);
    for (const r of ref.rects) {
      for (const [row, c, rec] of sheet.cellsIn(r)) {
        const v = sheet.validationAt(row, c);
        const list = v?.rule.list;
        if (!list || rec.v === undefined || rec.v === '') continue;
        const allowed = this.listEntries(list.source);
        if (allowed && !allowed.includes(String(rec.v))) return false;
      }
    }
    return true;
  }

  private listEntries(source: string): string[] | undefined {
    if (!source.startsWith('=')) return source.split(',').map((s) => s.trim());
    try {
      const { sheet, rect: r } = this._book.locate(source.slice(1).replace(/\$/g, ''));
      const out: string[] = [];
      for (let row = r.top; row <= r.bottom; row++)
        for (let c = r.left; c <= r.right; c++) out.push(String(sheet.value(row, c)));
      return out;
    } catch {
      return undefined;
    }
  }

  protected override _setScalar(name: string, ref: AreasRef, value: unknown): void {
    const sheet = this._sheet(ref.sheetId);
    switch (name) {
      case 'rule': {
        const rule = this.checkRule(value);
        for (const r of ref.rects) sheet.setValidation(r, { rule });
        return;
      }
      case 'ignoreBlanks':
        if (typeof value !== 'boolean') throw simError('InvalidArgument', 'ignoreBlanks must be a boolean.');
        for (const r of ref.rects) sheet.setValidation(r, { ignoreBlanks: value });
        return;
      case 'errorAlert':
      case 'prompt':
        if (typeof value !== 'object' || value === null)
          throw simError('InvalidArgument', `${name} must be an object.`);
        for (const r of ref.rects) sheet.setValidation(r, { [name]: { ...value } });
        return;
      default:
        super._setScalar(name, ref, value);
    }
  }

  private checkRule(value: unknown): DataValidationRule {
    if (typeof value !== 'object' || value === null)
      throw simError('InvalidArgument', 'A data-validation rule is an object.');
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (keys.length !== 1 || !((keys[0] as string) in RULE_TYPES)) {
      throw simError(
        'InvalidArgument',
        'A data-validation rule has exactly one of: ' + Object.keys(RULE_TYPES).join(', '),
      );
    }
    // A Range source has a toJSON of its own, so it is replaced before the copy.
    const raw = value as { list?: { source?: unknown } };
    const source = raw.list?.source instanceof Range ? rangeSource(raw.list.source) : undefined;
    const rule = JSON.parse(JSON.stringify(value)) as DataValidationRule;
    if (rule.list && source !== undefined) rule.list.source = source;
    if (rule.list) {
      if (typeof rule.list.source !== 'string' || rule.list.source.trim() === '') {
        throw simError('InvalidArgument', 'A list rule needs a source.');
      }
      if (!rule.list.source.startsWith('=') && rule.list.source.length > MAX_INLINE_LIST) {
        throw simError('InvalidArgument', `An inline list is limited to ${MAX_INLINE_LIST} characters.`);
      }
      rule.list.inCellDropDown = rule.list.inCellDropDown !== false;
    }
    return rule;
  }

  get type(): string {
    return this._read('type');
  }
  get valid(): boolean {
    return this._read('valid');
  }
  get rule(): DataValidationRule {
    return this._read('rule');
  }
  set rule(value: DataValidationRule) {
    const source: unknown = value?.list?.source;
    if (source instanceof Range) this.context._ensure(source);
    this._write('rule', value);
  }
  get ignoreBlanks(): boolean {
    return this._read('ignoreBlanks');
  }
  set ignoreBlanks(value: boolean) {
    this._write('ignoreBlanks', value);
  }
  get errorAlert(): Record<string, unknown> {
    return this._read('errorAlert');
  }
  set errorAlert(value: Record<string, unknown>) {
    this._write('errorAlert', value);
  }
  get prompt(): Record<string, unknown> {
    return this._read('prompt');
  }
  set prompt(value: Record<string, unknown>) {
    this._write('prompt', value);
  }

  clear(): void {
    this._requireApi('clear');
    this._method('clear', [], (ref) => {
      const sheet = this._sheet(ref.sheetId);
      for (const r of ref.rects) sheet.clearValidation(r);
    });
  }
}

/** A Range used as a list source becomes an absolute, sheet-qualified formula. */
function rangeSource(range: Range): string {
  const ref = range._target();
  const sheet = range._sheet(ref.sheetId);
  const text = formatRect(ref.rect).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return `=${qualified(sheet.name, ref.rect).replace(formatRect(ref.rect), text)}`;
}

// ---- visible views ----------------------------------------------------------------------------------------

export class RangeView extends SimClientObject<ViewRef> {
  get _typeName(): string {
    return 'RangeView';
  }

  protected _defaultScalars(): readonly string[] {
    return [
      'cellAddresses',
      'columnCount',
      'formulas',
      'formulasLocal',
      'index',
      'numberFormat',
      'rowCount',
      'text',
      'valueTypes',
      'values',
    ];
  }

  protected override _getScalar(name: string, ref: ViewRef): unknown {
    const sheet = this._sheet(ref.sheetId);
    const limit = this._book.limits.readCells;
    const grid = <T>(cell: (row: number, column: number) => T): T[][] | null => {
      if (isEntireColumn(ref.base) || isEntireRow(ref.base) || ref.rows.length * ref.columns.length > limit)
        return null;
      return ref.rows.map((row) => ref.columns.map((c) => cell(row, c)));
    };
    switch (name) {
      case 'values':
        return grid((row, c) => sheet.value(row, c));
      case 'text':
        return grid((row, c) => sheet.text(row, c));
      case 'formulas':
      case 'formulasLocal':
        return grid((row, c) => sheet.formula(row, c));
      case 'numberFormat':
        return grid((row, c) => sheet.numberFormat(row, c));
      case 'valueTypes':
        return grid((row, c) => sheet.valueType(row, c));
      case 'cellAddresses':
        return grid((row, c) => sheet.address(rect(row, c)));
      case 'rowCount':
        return ref.rows.length;
      case 'columnCount':
        return ref.columns.length;
      case 'index':
        return ref.index;
      default:
        return super._getScalar(name, ref);
    }
  }

  /** @internal */
  override _navigation(name: string): SimClientObject | undefined {
    return name === 'rows' ? this.rows : undefined;
  }

  get values(): unknown[][] {
    return this._read('values');
  }
  get text(): string[][] {
    return this._read('text');
  }
  get formulas(): unknown[][] {
    return this._read('formulas');
  }
  get formulasLocal(): unknown[][] {
    return this._read('formulasLocal');
  }
  get numberFormat(): unknown[][] {
    return this._read('numberFormat');
  }
  get valueTypes(): string[][] {
    return this._read('valueTypes');
  }
  get cellAddresses(): string[][] {
    return this._read('cellAddresses');
  }
  get rowCount(): number {
    return this._read('rowCount');
  }
  get columnCount(): number {
    return this._read('columnCount');
  }
  get index(): number {
    return this._read('index');
  }

  get rows(): RangeViewCollection {
    this._requireApi('rows');
    return this._child(
      'rows',
      () =>
        new RangeViewCollection(this.context, this, { type: PathType.Property, name: 'Rows' }, () => this._target()),
    );
  }

  /** The view's range: the original range for a whole view, the row's cells for a row view. */
  getRange(): Range {
    this._requireApi('getRange');
    return newRange(this, 'getRange', [], () => {
      const ref = this._target();
      const first = ref.rows[0];
      if (ref.rows.length === 1 && first !== undefined)
        return { sheetId: ref.sheetId, rect: rect(first, ref.base.left, first, ref.base.right) };
      return { sheetId: ref.sheetId, rect: ref.base };
    });
  }
}

export class RangeViewCollection extends SimClientObject<ViewRef> {
  get _typeName(): string {
    return 'RangeViewCollection';
  }

  protected _defaultScalars(): readonly string[] {
    return [];
  }

  /** @internal */
  override _isCollection(): boolean {
    return true;
  }

  /** @internal */
  override _listItems(ref: ViewRef): unknown[] {
    return ref.rows.map((row, index): ViewRef => ({ ...ref, rows: [row], index }));
  }

  /** @internal */
  override _itemProxy(itemRef: unknown, index: number): SimClientObject {
    return new RangeView(
      this.context,
      this,
      { type: PathType.Indexer, name: '', args: [index] },
      () => itemRef as ViewRef,
      { instantiate: false },
    );
  }

  get items(): RangeView[] {
    return this._readItems<RangeView>();
  }

  getCount(): SimClientResult<number> {
    this._requireApi('getCount');
    return this._valueMethod('getCount', [], (ref) => ref.rows.length);
  }

  getItemAt(index: number): RangeView {
    this._requireApi('getItemAt');
    return new RangeView(this.context, this, { type: PathType.Method, name: 'GetItemAt', args: [index] }, () => {
      const ref = this._target();
      const row = ref.rows[intArg(index, 'index')];
      if (row === undefined) throw simError('ItemNotFound', `No visible row at index ${index}.`);
      return { ...ref, rows: [row], index };
    });
  }
}
