/** `Workbook`, `Application`, worksheets, notes, settings and tables. */
import { type Rect, cellCountOf, columnCountOf, parseAddress, rect, rowCountOf } from '../address';
import { simError } from '../errors';
import type { SheetVisibility, SimWorksheet, SimWorksheetChangedArgs, TableRecord } from '../workbook';
import { PathType, SimClientObject, type SimClientResult } from './client-object';
import type { SimRequestContext } from './context';
import { CustomXmlPartCollection } from './custom-xml-objects';
import { SimEventHandlers } from './events';
import { type AreasRef, Range, RangeAreas, type RangeRef, newRange, parseAreas, rectOnSheet } from './range-objects';

export interface SheetRef {
  sheetId: number;
}

interface NoteRef {
  sheetId: number;
  row: number;
  column: number;
}

interface ScopeRef {
  /** undefined: the workbook's collection; otherwise one worksheet's. */
  sheetId?: number;
}

const property = (name: string) => ({ type: PathType.Property, name });
const method = (name: string, args: unknown[] = []) => ({ type: PathType.Method, name, args });

function nameArg(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '')
    throw simError('InvalidArgument', `${what} must be a non-empty string.`);
  return value;
}

// ---- Workbook, Application ----------------------------------------------------------------------------------

export class Workbook extends SimClientObject<object> {
  constructor(context: SimRequestContext) {
    super(context, undefined, { type: 1, name: '' }, () => ({}), { instantiate: false });
    // The global object: always resolved, never null.
    this._ref = {};
    this._isNull = false;
  }

  get _typeName(): string {
    return 'Workbook';
  }

  protected _defaultScalars(): readonly string[] {
    return ['name', 'readOnly', 'isDirty'];
  }

  protected override _getScalar(name: string, ref: object): unknown {
    if (name === 'name') return this._book.name;
    if (name === 'readOnly') return false;
    if (name === 'isDirty') return true;
    return super._getScalar(name, ref);
  }

  /** @internal */
  override _navigation(name: string): SimClientObject | undefined {
    switch (name) {
      case 'worksheets':
        return this.worksheets;
      case 'application':
        return this.application;
      case 'settings':
        return this.settings;
      case 'notes':
        return this.notes;
      case 'tables':
        return this.tables;
      case 'customXmlParts':
        return this.customXmlParts;
      default:
        return undefined;
    }
  }

  get name(): string {
    return this._read('name');
  }
  get readOnly(): boolean {
    return this._read('readOnly');
  }

  get worksheets(): WorksheetCollection {
    return this._child(
      'worksheets',
      () => new WorksheetCollection(this.context, this, property('Worksheets'), () => ({})),
    );
  }

  get application(): Application {
    return this._child('application', () => new Application(this.context, this, property('Application'), () => ({})));
  }

  get settings(): SettingCollection {
    this._requireApi('settings');
    return this._child('settings', () => new SettingCollection(this.context, this, property('Settings'), () => ({})));
  }

  /** ExcelApi 1.18: a synchronous ApiNotFound below it, as Office.js throws. */
  get notes(): NoteCollection {
    this._requireApi('notes');
    return this._child('notes', () => new NoteCollection(this.context, this, property('Notes'), () => ({})));
  }

  get tables(): TableCollection {
    return this._child('tables', () => new TableCollection(this.context, this, property('Tables'), () => ({})));
  }

  /** ExcelApi 1.5. */
  get customXmlParts(): CustomXmlPartCollection {
    this._requireApi('customXmlParts');
    return this._child(
      'customXmlParts',
      () => new CustomXmlPartCollection(this.context, this, property('CustomXmlParts'), () => ({})),
    );
  }

  getSelectedRange(): Range {
    return newRange(this, 'getSelectedRange', [], () => {
      const sheet = this._book.activeSheet;
      const [first, ...others] = sheet.selection;
      if (!first || others.length > 0) throw simError('InvalidSelection', 'More than one range is selected.');
      return { sheetId: sheet.id, rect: first };
    });
  }

  getSelectedRanges(): RangeAreas {
    this._requireApi('getSelectedRanges');
    return new RangeAreas(this.context, this, method('GetSelectedRanges'), () => {
      const sheet = this._book.activeSheet;
      return { sheetId: sheet.id, rects: sheet.selection.map((r) => ({ ...r })) };
    });
  }

  getActiveCell(): Range {
    this._requireApi('getActiveCell');
    return newRange(this, 'getActiveCell', [], () => {
      const sheet = this._book.activeSheet;
      return { sheetId: sheet.id, rect: rect(sheet.activeCell.row, sheet.activeCell.column) };
    });
  }
}

export class Application extends SimClientObject<object> {
  get _typeName(): string {
    return 'Application';
  }

  protected _defaultScalars(): readonly string[] {
    return ['calculationMode'];
  }

  protected override _getScalar(name: string, ref: object): unknown {
    if (name === 'calculationMode') return 'Automatic';
    return super._getScalar(name, ref);
  }

  get calculationMode(): string {
    return this._read('calculationMode');
  }

  /** Nothing is calculated in the simulation; the call is queued and counted. */
  suspendApiCalculationUntilNextSync(): void {
    this._requireApi('suspendApiCalculationUntilNextSync');
    this._method('suspendApiCalculationUntilNextSync', [], () => undefined);
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this._requireApi('suspendScreenUpdatingUntilNextSync');
    this._method('suspendScreenUpdatingUntilNextSync', [], () => undefined);
  }

  calculate(calculationType: string): void {
    this._method('calculate', [calculationType], () => undefined);
  }
}

// ---- worksheets ---------------------------------------------------------------------------------------------

export class WorksheetCollection extends SimClientObject<object> {
  get _typeName(): string {
    return 'WorksheetCollection';
  }

  protected _defaultScalars(): readonly string[] {
    return [];
  }

  /** @internal */
  override _isCollection(): boolean {
    return true;
  }

  /** @internal */
  override _listItems(): unknown[] {
    return this._book.sheets.map((s): SheetRef => ({ sheetId: s.id }));
  }

  /** @internal */
  override _itemProxy(itemRef: unknown): SimClientObject {
    const ref = itemRef as SheetRef;
    const uid = this._book.sheetById(ref.sheetId)?.uid ?? '';
    return new Worksheet(this.context, this, { type: PathType.Indexer, name: '', args: [uid] }, () => ref, {
      instantiate: false,
    });
  }

  get items(): Worksheet[] {
    return this._readItems<Worksheet>();
  }

  /** The user's edits in any sheet (the only event simulated: no selection or activation events). */
  get onChanged(): SimEventHandlers<SimWorksheetChangedArgs> {
    this._requireApi('onChanged');
    return new SimEventHandlers(this.context, this._book.changedHandlers);
  }

  add(name?: string): Worksheet {
    return new Worksheet(this.context, this, method('Add', [name ?? null]), () => {
      const book = this._book;
      const sheetName = name === undefined || name === null ? book.nextSheetName() : nameArg(name, 'name');
      return { sheetId: book.addSheet(sheetName).id };
    });
  }

  getItem(key: string): Worksheet {
    return new Worksheet(this.context, this, { type: PathType.Indexer, name: '', args: [key] }, () => {
      const sheet = this._book.findSheet(nameArg(key, 'key'));
      if (!sheet) throw simError('ItemNotFound', `The worksheet '${key}' doesn't exist.`);
      return { sheetId: sheet.id };
    });
  }

  getItemOrNullObject(key: string): Worksheet {
    this._requireApi('getItemOrNullObject');
    return new Worksheet(this.context, this, method('GetItemOrNullObject', [key]), () => {
      const sheet = this._book.findSheet(nameArg(key, 'key'));
      return sheet ? { sheetId: sheet.id } : null;
    });
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, this, method('GetActiveWorksheet'), () => ({
      sheetId: this._book.activeSheet.id,
    }));
  }

  getFirst(visibleOnly?: boolean): Worksheet {
    this._requireApi('getFirst');
    return new Worksheet(this.context, this, method('GetFirst', [visibleOnly ?? null]), () => {
      const sheet = this._book.sheets.find((s) => !visibleOnly || s.visibility === 'Visible');
      if (!sheet) throw simError('ItemNotFound');
      return { sheetId: sheet.id };
    });
  }

  getLast(visibleOnly?: boolean): Worksheet {
    this._requireApi('getLast');
    return new Worksheet(this.context, this, method('GetLast', [visibleOnly ?? null]), () => {
      const sheet = [...this._book.sheets].reverse().find((s) => !visibleOnly || s.visibility === 'Visible');
      if (!sheet) throw simError('ItemNotFound');
      return { sheetId: sheet.id };
    });
  }

  getCount(visibleOnly?: boolean): SimClientResult<number> {
    this._requireApi('getCount');
    return this._valueMethod('getCount', [visibleOnly ?? null], () =>
      visibleOnly ? this._book.sheets.filter((s) => s.visibility === 'Visible').length : this._book.sheets.length,
    );
  }
}

export class Worksheet extends SimClientObject<SheetRef> {
  get _typeName(): string {
    return 'Worksheet';
  }

  protected _defaultScalars(): readonly string[] {
    return ['id', 'name', 'position', 'visibility', 'tabColor'];
  }

  protected override _getScalar(name: string, ref: SheetRef): unknown {
    const sheet = this._sheet(ref.sheetId);
    switch (name) {
      case 'id':
        return sheet.uid;
      case 'name':
        return sheet.name;
      case 'position':
        return this._book.sheets.indexOf(sheet);
      case 'visibility':
        return sheet.visibility;
      case 'tabColor':
        return sheet.tabColor;
      default:
        return super._getScalar(name, ref);
    }
  }

  protected override _setScalar(name: string, ref: SheetRef, value: unknown): void {
    const sheet = this._sheet(ref.sheetId);
    switch (name) {
      case 'name':
        this._book.renameSheet(sheet, nameArg(value, 'name'));
        return;
      case 'visibility':
        this._book.setVisibility(sheet, value as SheetVisibility);
        return;
      case 'position':
        this._book.moveSheet(sheet, value as number);
        return;
      case 'tabColor':
        if (typeof value !== 'string') throw simError('InvalidArgument', 'tabColor must be a string.');
        this._book.setSheetMeta(sheet, { tabColor: value });
        return;
      default:
        super._setScalar(name, ref, value);
    }
  }

  /** @internal */
  override _navigation(name: string): SimClientObject | undefined {
    switch (name) {
      case 'tables':
        return this.tables;
      case 'notes':
        return this.notes;
      case 'freezePanes':
        return this.freezePanes;
      default:
        return undefined;
    }
  }

  get id(): string {
    return this._read('id');
  }
  get name(): string {
    return this._read('name');
  }
  set name(value: string) {
    this._write('name', value);
  }
  get position(): number {
    return this._read('position');
  }
  set position(value: number) {
    this._write('position', value);
  }
  get visibility(): SheetVisibility {
    return this._read('visibility');
  }
  set visibility(value: SheetVisibility) {
    this._write('visibility', value);
  }
  get tabColor(): string {
    return this._read('tabColor');
  }
  set tabColor(value: string) {
    this._write('tabColor', value);
  }

  get tables(): TableCollection {
    return this._child(
      'tables',
      () => new TableCollection(this.context, this, property('Tables'), () => ({ sheetId: this._target().sheetId })),
    );
  }

  get notes(): NoteCollection {
    this._requireApi('notes');
    return this._child(
      'notes',
      () => new NoteCollection(this.context, this, property('Notes'), () => ({ sheetId: this._target().sheetId })),
    );
  }

  get freezePanes(): WorksheetFreezePanes {
    this._requireApi('freezePanes');
    return this._child(
      'freezePanes',
      () => new WorksheetFreezePanes(this.context, this, property('FreezePanes'), () => this._target()),
    );
  }

  private sheetRange(name: string, args: unknown[], make: (sheet: SimWorksheet) => Rect | null): Range {
    this._requireApi(name);
    return newRange(this, name, args, () => {
      const ref = this._target();
      const r = make(this._sheet(ref.sheetId));
      return r === null ? null : { sheetId: ref.sheetId, rect: r };
    });
  }

  /** No address: the whole sheet (whose `values` read back null, like any whole-row/column read). */
  getRange(address?: string): Range {
    return this.sheetRange('getRange', [address ?? null], (sheet) =>
      address === undefined || address === null || address === ''
        ? rect(0, 0, 1_048_575, 16_383)
        : rectOnSheet(sheet, address),
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return this.sheetRange('getRangeByIndexes', [startRow, startColumn, rowCount, columnCount], () => {
      const ok =
        [startRow, startColumn].every((n) => Number.isInteger(n) && n >= 0) &&
        [rowCount, columnCount].every((n) => Number.isInteger(n) && n >= 1);
      const r = rect(startRow, startColumn, startRow + rowCount - 1, startColumn + columnCount - 1);
      if (!ok || r.bottom >= 1_048_576 || r.right >= 16_384)
        throw simError('InvalidArgument', 'The indexes lie outside the worksheet.');
      return r;
    });
  }

  getCell(row: number, column: number): Range {
    return this.sheetRange('getCell', [row, column], () => {
      if (
        !Number.isInteger(row) ||
        !Number.isInteger(column) ||
        row < 0 ||
        column < 0 ||
        row >= 1_048_576 ||
        column >= 16_384
      ) {
        throw simError('InvalidArgument', `Invalid cell (${String(row)}, ${String(column)}).`);
      }
      return rect(row, column);
    });
  }

  /** An empty sheet's used range is A1, as in Excel. */
  getUsedRange(valuesOnly?: boolean): Range {
    return this.sheetRange(
      'getUsedRange',
      [valuesOnly ?? null],
      (sheet) => sheet.usedRect(valuesOnly === true) ?? rect(0, 0),
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this.sheetRange('getUsedRangeOrNullObject', [valuesOnly ?? null], (sheet) =>
      sheet.usedRect(valuesOnly === true),
    );
  }

  /** ExcelApi 1.9. Addresses longer than 8,192 characters fail with InvalidArgument at sync. */
  getRanges(address?: string): RangeAreas {
    this._requireApi('getRanges');
    return new RangeAreas(this.context, this, method('GetRanges', [address ?? null]), (): AreasRef => {
      const ref = this._target();
      const sheet = this._sheet(ref.sheetId);
      return {
        sheetId: ref.sheetId,
        rects: parseAreas(sheet, address ?? '', this._book.limits.rangeAreasAddressChars),
      };
    });
  }

  activate(): void {
    this._method('activate', [], (ref) => this._book.activate(this._sheet(ref.sheetId)));
  }

  delete(): void {
    this._method('delete', [], (ref) => this._book.removeSheet(this._sheet(ref.sheetId)));
  }
}

export class WorksheetFreezePanes extends SimClientObject<SheetRef> {
  get _typeName(): string {
    return 'WorksheetFreezePanes';
  }

  protected _defaultScalars(): readonly string[] {
    return [];
  }

  freezeRows(count = 1): void {
    this._method('freezeRows', [count], (ref) =>
      this._book.setSheetMeta(this._sheet(ref.sheetId), { frozenRows: count }),
    );
  }

  freezeColumns(count = 1): void {
    this._method('freezeColumns', [count], (ref) =>
      this._book.setSheetMeta(this._sheet(ref.sheetId), { frozenColumns: count }),
    );
  }

  unfreeze(): void {
    this._method('unfreeze', [], (ref) =>
      this._book.setSheetMeta(this._sheet(ref.sheetId), { frozenRows: 0, frozenColumns: 0 }),
    );
  }
}

// ---- notes (ExcelApi 1.18) ----------------------------------------------------------------------------------

const MAX_NOTE_TEXT = 32_767;

export class NoteCollection extends SimClientObject<ScopeRef> {
  get _typeName(): string {
    return 'NoteCollection';
  }

  protected _defaultScalars(): readonly string[] {
    return [];
  }

  /** @internal */
  override _isCollection(): boolean {
    return true;
  }

  private scopeSheets(ref: ScopeRef): SimWorksheet[] {
    return ref.sheetId === undefined ? this._book.sheets : [this._sheet(ref.sheetId)];
  }

  /** @internal */
  override _listItems(ref: ScopeRef): unknown[] {
    return this.scopeSheets(ref).flatMap((sheet) =>
      sheet.notesInOrder().map(([row, column]): NoteRef => ({ sheetId: sheet.id, row, column })),
    );
  }

  /** @internal */
  override _itemProxy(itemRef: unknown, index: number): SimClientObject {
    return new Note(this.context, this, { type: PathType.Indexer, name: '', args: [index] }, () => itemRef as NoteRef, {
      instantiate: false,
    });
  }

  get items(): Note[] {
    return this._readItems<Note>();
  }

  /** A cell named by address: qualified, or on the collection's sheet (the active sheet for the workbook's). */
  private cell(ref: ScopeRef, address: string, code: string): { sheet: SimWorksheet; row: number; column: number } {
    let parsed: { sheet: string | undefined; rect: Rect };
    try {
      parsed = parseAddress(address);
    } catch {
      throw simError(code, `Invalid cell address: ${address}`);
    }
    const sheet =
      parsed.sheet !== undefined
        ? this._book.findSheet(parsed.sheet)
        : ref.sheetId !== undefined
          ? this._sheet(ref.sheetId)
          : this._book.activeSheet;
    if (!sheet || (ref.sheetId !== undefined && sheet.id !== ref.sheetId))
      throw simError(code, `Invalid cell address: ${address}`);
    if (cellCountOf(parsed.rect) !== 1) throw simError(code, `A note belongs to one cell, not ${address}.`);
    return { sheet, row: parsed.rect.top, column: parsed.rect.left };
  }

  /** A second note on the same cell is refused rather than silently replacing the first. */
  add(cellAddress: Range | string, content: string): Note {
    this._requireApi('add');
    if (cellAddress instanceof Range) this.context._ensure(cellAddress);
    return new Note(this.context, this, method('Add', [cellAddress, content]), () => {
      const ref = this._target();
      let target: { sheet: SimWorksheet; row: number; column: number };
      if (typeof cellAddress === 'string') target = this.cell(ref, cellAddress, 'InvalidCellAddress');
      else {
        const rangeRef: RangeRef = cellAddress._target();
        if (rowCountOf(rangeRef.rect) !== 1 || columnCountOf(rangeRef.rect) !== 1) {
          throw simError('InvalidCellAddress', 'A note belongs to one cell.');
        }
        target = { sheet: this._sheet(rangeRef.sheetId), row: rangeRef.rect.top, column: rangeRef.rect.left };
      }
      if (typeof content !== 'string') throw simError('InvalidArgument', 'A note is text.');
      if (content.length > MAX_NOTE_TEXT)
        throw simError('InvalidArgument', `A note holds at most ${MAX_NOTE_TEXT} characters.`);
      if (target.sheet.note(target.row, target.column))
        throw simError('InvalidArgument', 'The cell already has a note.');
      target.sheet.setNote(target.row, target.column, {
        content,
        author: this._book.userName,
        visible: false,
        width: 144,
        height: 79,
      });
      return { sheetId: target.sheet.id, row: target.row, column: target.column };
    });
  }

  getItem(key: string): Note {
    this._requireApi('getItem');
    return new Note(this.context, this, method('GetItem', [key]), () => {
      const { sheet, row, column } = this.cell(this._target(), key, 'ItemNotFound');
      if (!sheet.note(row, column)) throw simError('ItemNotFound', `No note at ${key}.`);
      return { sheetId: sheet.id, row, column };
    });
  }

  getItemOrNullObject(key: string): Note {
    this._requireApi('getItemOrNullObject');
    return new Note(this.context, this, method('GetItemOrNullObject', [key]), () => {
      let found: { sheet: SimWorksheet; row: number; column: number };
      try {
        found = this.cell(this._target(), key, 'ItemNotFound');
      } catch {
        return null;
      }
      return found.sheet.note(found.row, found.column)
        ? { sheetId: found.sheet.id, row: found.row, column: found.column }
        : null;
    });
  }

  getItemAt(index: number): Note {
    this._requireApi('getItemAt');
    return new Note(this.context, this, method('GetItemAt', [index]), () => {
      const item = this._listItems(this._target())[index] as NoteRef | undefined;
      if (!item) throw simError('ItemNotFound', `No note at index ${index}.`);
      return item;
    });
  }

  getCount(): SimClientResult<number> {
    this._requireApi('getCount');
    return this._valueMethod('getCount', [], (ref) => this._listItems(ref).length);
  }
}

export class Note extends SimClientObject<NoteRef> {
  get _typeName(): string {
    return 'Note';
  }

  protected _defaultScalars(): readonly string[] {
    return ['authorName', 'content', 'height', 'visible', 'width'];
  }

  private record(ref: NoteRef) {
    const note = this._sheet(ref.sheetId).note(ref.row, ref.column);
    if (!note) throw simError('ItemNotFound', 'The note no longer exists.');
    return note;
  }

  protected override _getScalar(name: string, ref: NoteRef): unknown {
    const note = this.record(ref);
    switch (name) {
      case 'authorName':
        return note.author;
      case 'content':
        return note.content;
      case 'height':
        return note.height;
      case 'width':
        return note.width;
      case 'visible':
        return note.visible;
      default:
        return super._getScalar(name, ref);
    }
  }

  protected override _setScalar(name: string, ref: NoteRef, value: unknown): void {
    const note = this.record(ref);
    const sheet = this._sheet(ref.sheetId);
    switch (name) {
      case 'content':
        if (typeof value !== 'string' || value.length > MAX_NOTE_TEXT)
          throw simError('InvalidArgument', 'Invalid note text.');
        sheet.setNote(ref.row, ref.column, { ...note, content: value });
        return;
      case 'visible':
        if (typeof value !== 'boolean') throw simError('InvalidArgument', 'visible must be a boolean.');
        sheet.setNote(ref.row, ref.column, { ...note, visible: value });
        return;
      case 'height':
      case 'width':
        if (typeof value !== 'number' || !(value > 0))
          throw simError('InvalidArgument', `${name} must be a positive number.`);
        sheet.setNote(ref.row, ref.column, { ...note, [name]: value });
        return;
      default:
        super._setScalar(name, ref, value);
    }
  }

  get authorName(): string {
    return this._read('authorName');
  }
  get content(): string {
    return this._read('content');
  }
  set content(value: string) {
    this._write('content', value);
  }
  get visible(): boolean {
    return this._read('visible');
  }
  set visible(value: boolean) {
    this._write('visible', value);
  }
  get height(): number {
    return this._read('height');
  }
  set height(value: number) {
    this._write('height', value);
  }
  get width(): number {
    return this._read('width');
  }
  set width(value: number) {
    this._write('width', value);
  }

  delete(): void {
    this._requireApi('delete');
    this._method('delete', [], (ref) => {
      this.record(ref);
      this._sheet(ref.sheetId).setNote(ref.row, ref.column, undefined);
    });
  }

  getLocation(): Range {
    this._requireApi('getLocation');
    return newRange(this, 'getLocation', [], () => {
      const ref = this._target();
      this.record(ref);
      return { sheetId: ref.sheetId, rect: rect(ref.row, ref.column) };
    });
  }
}

// ---- settings (ExcelApi 1.4) --------------------------------------------------------------------------------

interface SettingRef {
  key: string;
}

export class SettingCollection extends SimClientObject<object> {
  get _typeName(): string {
    return 'SettingCollection';
  }

  protected _defaultScalars(): readonly string[] {
    return [];
  }

  /** @internal */
  override _isCollection(): boolean {
    return true;
  }

  /** @internal */
  override _listItems(): unknown[] {
    return [...this._book.settingsStore.keys()].map((key): SettingRef => ({ key }));
  }

  /** @internal */
  override _itemProxy(itemRef: unknown): SimClientObject {
    const ref = itemRef as SettingRef;
    return new Setting(this.context, this, { type: PathType.Indexer, name: '', args: [ref.key] }, () => ref, {
      instantiate: false,
    });
  }

  get items(): Setting[] {
    return this._readItems<Setting>();
  }

  /** Adds or replaces; the value must survive JSON, as settings are stored as JSON in the file. */
  add(key: string, value: unknown): Setting {
    this._requireApi('add');
    return new Setting(this.context, this, method('Add', [key, value]), () => {
      this._book.setSettingValue(nameArg(key, 'key'), value);
      return { key };
    });
  }

  getItem(key: string): Setting {
    this._requireApi('getItem');
    return new Setting(this.context, this, method('GetItem', [key]), () => {
      if (!this._book.settingsStore.has(key)) throw simError('ItemNotFound', `No setting ${key}.`);
      return { key };
    });
  }

  getItemOrNullObject(key: string): Setting {
    this._requireApi('getItemOrNullObject');
    return new Setting(this.context, this, method('GetItemOrNullObject', [key]), () =>
      this._book.settingsStore.has(key) ? { key } : null,
    );
  }

  getCount(): SimClientResult<number> {
    this._requireApi('getCount');
    return this._valueMethod('getCount', [], () => this._book.settingsStore.size);
  }
}

export class Setting extends SimClientObject<SettingRef> {
  get _typeName(): string {
    return 'Setting';
  }

  protected _defaultScalars(): readonly string[] {
    return ['key', 'value'];
  }

  protected override _getScalar(name: string, ref: SettingRef): unknown {
    if (name === 'key') return ref.key;
    if (name === 'value') {
      if (!this._book.settingsStore.has(ref.key)) throw simError('ItemNotFound', `No setting ${ref.key}.`);
      return this._book.setting(ref.key);
    }
    return super._getScalar(name, ref);
  }

  protected override _setScalar(name: string, ref: SettingRef, value: unknown): void {
    if (name !== 'value') return super._setScalar(name, ref, value);
    this._book.setSettingValue(ref.key, value);
  }

  get key(): string {
    return this._read('key');
  }
  get value(): unknown {
    return this._read('value');
  }
  set value(value: unknown) {
    this._write('value', value);
  }

  delete(): void {
    this._requireApi('delete');
    this._method('delete', [], (ref) => this._book.deleteSetting(ref.key));
  }
}

// ---- tables -------------------------------------------------------------------------------------------------

interface TableRef {
  tableId: string;
}

export class TableCollection extends SimClientObject<ScopeRef> {
  get _typeName(): string {
    return 'TableCollection';
  }

  protected _defaultScalars(): readonly string[] {
    return [];
  }

  /** @internal */
  override _isCollection(): boolean {
    return true;
  }

  /** @internal */
  override _listItems(ref: ScopeRef): unknown[] {
    return this._book.tables
      .filter((t) => ref.sheetId === undefined || t.sheetId === ref.sheetId)
      .map((t): TableRef => ({ tableId: t.id }));
  }

  /** @internal */
  override _itemProxy(itemRef: unknown): SimClientObject {
    const ref = itemRef as TableRef;
    return new Table(this.context, this, { type: PathType.Indexer, name: '', args: [ref.tableId] }, () => ref, {
      instantiate: false,
    });
  }

  get items(): Table[] {
    return this._readItems<Table>();
  }

  private find(ref: ScopeRef, key: string): TableRecord | undefined {
    const lower = key.toLowerCase();
    return this._book.tables.find(
      (t) =>
        (ref.sheetId === undefined || t.sheetId === ref.sheetId) && (t.name.toLowerCase() === lower || t.id === key),
    );
  }

  /**
   * Headers must be in the address (`hasHeaders: true`); Excel's insertion of a generated header row is not modelled.
   * A header-only address gets one empty data row, as in Excel.
   */
  add(address: Range | string, hasHeaders: boolean): Table {
    if (address instanceof Range) this.context._ensure(address);
    return new Table(this.context, this, method('Add', [address, hasHeaders]), () => {
      const scope = this._target();
      let sheet: SimWorksheet;
      let area: Rect;
      if (typeof address === 'string') {
        const located =
          scope.sheetId === undefined
            ? this._book.locate(address)
            : { sheet: this._sheet(scope.sheetId), rect: rectOnSheet(this._sheet(scope.sheetId), address) };
        sheet = located.sheet;
        area = located.rect;
      } else {
        const ref = address._target();
        sheet = this._sheet(ref.sheetId);
        area = ref.rect;
      }
      if (!hasHeaders)
        throw simError('NotImplemented', 'The simulation only creates tables whose address includes the header row.');
      if (area.bottom === area.top) area = { ...area, bottom: area.top + 1 };
      return { tableId: this._book.addTable(sheet, area).id };
    });
  }

  getItem(key: string): Table {
    return new Table(this.context, this, method('GetItem', [key]), () => {
      const t = this.find(this._target(), key);
      if (!t) throw simError('ItemNotFound', `No table ${key}.`);
      return { tableId: t.id };
    });
  }

  getItemOrNullObject(key: string): Table {
    this._requireApi('getItemOrNullObject');
    return new Table(this.context, this, method('GetItemOrNullObject', [key]), () => {
      const t = this.find(this._target(), key);
      return t ? { tableId: t.id } : null;
    });
  }

  getCount(): SimClientResult<number> {
    this._requireApi('getCount');
    return this._valueMethod('getCount', [], (ref) => this._listItems(ref).length);
  }
}

export class Table extends SimClientObject<TableRef> {
  get _typeName(): string {
    return 'Table';
  }

  protected _defaultScalars(): readonly string[] {
    return ['id', 'name', 'showHeaders'];
  }

  /** @internal */
  _table(ref: TableRef): TableRecord {
    const t = this._book.tables.find((x) => x.id === ref.tableId);
    if (!t) throw simError('ItemNotFound', 'The table no longer exists.');
    return t;
  }

  protected override _getScalar(name: string, ref: TableRef): unknown {
    const t = this._table(ref);
    if (name === 'id') return t.id;
    if (name === 'name') return t.name;
    if (name === 'showHeaders') return t.showHeaders;
    return super._getScalar(name, ref);
  }

  protected override _setScalar(name: string, ref: TableRef, value: unknown): void {
    const t = this._table(ref);
    if (name !== 'name') return super._setScalar(name, ref, value);
    const newName = nameArg(value, 'name');
    if (this._book.tables.some((x) => x !== t && x.name.toLowerCase() === newName.toLowerCase()))
      throw simError('ItemAlreadyExists');
    this._book.updateTable(t, { name: newName });
  }

  /** @internal */
  override _navigation(name: string): SimClientObject | undefined {
    if (name === 'worksheet') return this.worksheet;
    if (name === 'rows') return this.rows;
    return undefined;
  }

  get id(): string {
    return this._read('id');
  }
  get name(): string {
    return this._read('name');
  }
  set name(value: string) {
    this._write('name', value);
  }
  get showHeaders(): boolean {
    return this._read('showHeaders');
  }

  get worksheet(): Worksheet {
    this._requireApi('worksheet');
    return this._child(
      'worksheet',
      () =>
        new Worksheet(this.context, this, property('Worksheet'), () => ({
          sheetId: this._table(this._target()).sheetId,
        })),
    );
  }

  get rows(): TableRowCollection {
    return this._child(
      'rows',
      () => new TableRowCollection(this.context, this, property('Rows'), () => this._target()),
    );
  }

  private part(name: string, pick: (t: TableRecord) => Rect): Range {
    return newRange(this, name, [], () => {
      const t = this._table(this._target());
      return { sheetId: t.sheetId, rect: pick(t) };
    });
  }

  getRange(): Range {
    return this.part('getRange', (t) => t.rect);
  }

  getHeaderRowRange(): Range {
    return this.part('getHeaderRowRange', (t) => ({ ...t.rect, bottom: t.rect.top }));
  }

  getDataBodyRange(): Range {
    return this.part('getDataBodyRange', (t) => ({ ...t.rect, top: t.rect.top + 1 }));
  }

  delete(): void {
    this._method('delete', [], (ref) => this._book.removeTable(this._table(ref)));
  }
}

/** Only appending is modelled: `rows.add(null, values)` writes below the table and grows it. */
export class TableRowCollection extends SimClientObject<TableRef> {
  get _typeName(): string {
    return 'TableRowCollection';
  }

  protected _defaultScalars(): readonly string[] {
    return ['count'];
  }

  protected override _getScalar(name: string, ref: TableRef): unknown {
    if (name === 'count') return this.table(ref).rect.bottom - this.table(ref).rect.top;
    return super._getScalar(name, ref);
  }

  private table(ref: TableRef): TableRecord {
    const t = this._book.tables.find((x) => x.id === ref.tableId);
    if (!t) throw simError('ItemNotFound', 'The table no longer exists.');
    return t;
  }

  get count(): number {
    return this._read('count');
  }

  getCount(): SimClientResult<number> {
    return this._valueMethod('getCount', [], (ref) => this.table(ref).rect.bottom - this.table(ref).rect.top);
  }

  add(index?: number | null, values?: unknown[][]): void {
    this._method('add', [index ?? null, values ?? null], (ref) => {
      const t = this.table(ref);
      const dataRows = t.rect.bottom - t.rect.top;
      if (index !== undefined && index !== null && index !== dataRows) {
        throw simError('NotImplemented', 'The simulation only appends table rows.');
      }
      const sheet = this._sheet(t.sheetId);
      const rows = values ?? [[]];
      const width = t.rect.right - t.rect.left + 1;
      rows.forEach((line, i) => {
        if (!Array.isArray(line) || (values && line.length !== width))
          throw simError('InvalidArgument', 'Row values must match the table width.');
        line.forEach((v, j) => sheet.writeInput(t.rect.bottom + 1 + i, t.rect.left + j, v));
      });
      this._book.updateTable(t, { rect: { ...t.rect, bottom: t.rect.bottom + rows.length } });
    });
  }
}
