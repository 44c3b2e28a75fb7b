/**
 * Reads one sheet's cells by field, reporting each problem at its cell. One reader per sheet holds the current
 * row and column in mutable fields, so reading a cell allocates nothing unless there is a problem to report.
 */
import { columnLetter } from './addresses';
import { excelErrorOf, unwrapCell, type CellGrid, type RawCell } from './cells';
import { readDate } from './coerce/dates';
import { readId } from './coerce/ids';
import { describe, readMoney } from './coerce/numbers';
import { INVALID, type CellSink, type Invalid } from './coerce/sink';
import { readText } from './coerce/text';
import { readYesNo } from './coerce/yes-no';
import type { FieldName } from './fields';
import { readGender } from './gender';
import { gridFirstColumn, type HeaderMap } from './headers';
import type { Issue, IssueCode, IssueParam, Severity } from './issues';
import { readLookup, type LookupList, type Resolver } from './lookups';
import type { SheetSettings } from './settings';

/** Nothing in the cell (or no such column): the field is omitted. */
export type Read<T> = T | undefined | Invalid;

const EMPTY_ROW: readonly RawCell[] = [];
const SILENT: CellSink = { report: () => undefined };

export class SheetReader implements CellSink {
  readonly issues: Issue[] = [];
  /** First error reported on each grid row, by grid row index. */
  readonly firstError: (Issue | undefined)[] = [];
  readonly sheet: string;
  private readonly letters: string[];
  private readonly formatsKnown: boolean;
  private index = 0;
  private row: readonly RawCell[] = EMPTY_ROW;
  private col = 0;
  private field: FieldName | undefined;

  constructor(
    private readonly grid: CellGrid,
    readonly map: HeaderMap,
    private readonly settings: SheetSettings,
  ) {
    this.sheet = grid.sheet;
    const first = gridFirstColumn(grid);
    const width = Math.max(map.columns.length, ...Object.values(map.fieldIndex).map((i) => (i ?? 0) + 1));
    this.letters = Array.from({ length: width }, (_, i) => columnLetter(first + i));
    this.formatsKnown = grid.formats !== undefined;
  }

  rowNumber(index: number): number {
    const n = this.grid.rowNumbers?.[index];
    return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : index + 1;
  }

  columnOf(field: FieldName): string | undefined {
    const col = this.map.fieldIndex[field];
    return col === undefined ? undefined : this.letters[col];
  }

  headerOf(field: FieldName): string {
    const col = this.map.fieldIndex[field];
    const header = col === undefined ? undefined : this.map.columns[col]?.header;
    return header !== undefined && header !== '' ? header : field;
  }

  has(field: FieldName): boolean {
    return this.map.fieldIndex[field] !== undefined;
  }

  /** Moves to a grid row (0 is the header row). */
  at(index: number): this {
    this.index = index;
    this.row = this.grid.values[index] ?? EMPTY_ROW;
    return this;
  }

  get currentIndex(): number {
    return this.index;
  }

  hasError(index: number): boolean {
    return this.firstError[index] !== undefined;
  }

  report(code: IssueCode, severity: Severity, params: Record<string, IssueParam>): void {
    const issue: Issue = {
      sheet: this.sheet,
      row: this.rowNumber(this.index),
      column: this.letters[this.col] ?? columnLetter(gridFirstColumn(this.grid) + this.col),
      code,
      severity,
      params,
    };
    if (this.field !== undefined) issue.field = this.field;
    this.issues.push(issue);
    if (severity === 'error' && this.firstError[this.index] === undefined) this.firstError[this.index] = issue;
  }

  /** Reports at a field's cell on a given row (or at the row's first column when the field has no column). */
  reportAt(index: number, field: FieldName, code: IssueCode, severity: Severity, params: Record<string, IssueParam>) {
    this.at(index);
    this.col = this.map.fieldIndex[field] ?? 0;
    this.field = this.map.fieldIndex[field] === undefined ? undefined : field;
    this.report(code, severity, params);
  }

  /** Reports about the sheet as a whole, at the header row's first cell. */
  reportSheet(code: IssueCode, severity: Severity, params: Record<string, IssueParam>, field?: FieldName): void {
    const issue: Issue = {
      sheet: this.sheet,
      row: this.map.origin.row,
      column: this.map.origin.column,
      code,
      severity,
      params,
    };
    if (field !== undefined) issue.field = field;
    this.issues.push(issue);
  }

  /** Reports at a field's header cell. */
  reportHeader(field: FieldName, code: IssueCode, severity: Severity, params: Record<string, IssueParam>): void {
    const col = this.map.fieldIndex[field];
    const issue: Issue = {
      sheet: this.sheet,
      row: this.map.origin.row,
      column: col === undefined ? this.map.origin.column : (this.letters[col] ?? this.map.origin.column),
      field,
      code,
      severity,
      params,
    };
    this.issues.push(issue);
  }

  /** The cell's value, unwrapped; undefined when blank; INVALID (reported) for Excel errors and unreadable objects. */
  value(field: FieldName): unknown {
    const col = this.map.fieldIndex[field];
    if (col === undefined) return undefined;
    this.col = col;
    this.field = field;
    let value: unknown = this.row[col];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      if (value.charCodeAt(0) === 35 && excelErrorOf(value) !== undefined) {
        this.report('excel-error', 'error', { value });
        return INVALID;
      }
      return value.trim() === '' ? undefined : value;
    }
    value = unwrapCell(value);
    const error = excelErrorOf(value);
    if (error !== undefined) {
      this.report('excel-error', 'error', { value: error });
      return INVALID;
    }
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim() === '' ? undefined : value;
    if (typeof value === 'object' && !(value instanceof Date)) {
      this.report('unreadable-cell', 'error', { value: describe(value) });
      return INVALID;
    }
    return value;
  }

  /** Whether the cell holds anything at all (used to warn about values that will not be sent). */
  filled(field: FieldName): boolean {
    const col = this.map.fieldIndex[field];
    if (col === undefined) return false;
    const value = this.row[col];
    return !(value === undefined || value === null || (typeof value === 'string' && value.trim() === ''));
  }

  private format(): string | null | undefined {
    return this.grid.formats?.[this.index]?.[this.col];
  }

  id(field: FieldName): Read<string> {
    const v = this.value(field);
    if (v === undefined || v === INVALID) return v;
    const id = readId(v, this.format(), this);
    return id === '' ? undefined : id;
  }

  text(field: FieldName, maxLength: number): Read<string> {
    const v = this.value(field);
    if (v === undefined || v === INVALID) return v;
    return readText(v, this.format(), this, maxLength);
  }

  money(field: FieldName, allowZero: boolean | 'amount'): Read<number> {
    const v = this.value(field);
    if (v === undefined || v === INVALID) return v;
    return readMoney(v, this, this.settings.decimalSeparator, allowZero);
  }

  date(field: FieldName): Read<string> {
    const v = this.value(field);
    if (v === undefined || v === INVALID) return v;
    return readDate(v, this.format(), this.formatsKnown, this, this.settings.dateSystem);
  }

  yesNo(field: FieldName): Read<boolean> {
    const v = this.value(field);
    if (v === undefined || v === INVALID) return v;
    return readYesNo(v, this);
  }

  gender(field: FieldName, hombreColumn: boolean): Read<string> {
    const v = this.value(field);
    if (v === undefined || v === INVALID) return v;
    return readGender(v, this, hombreColumn);
  }

  lookup<T extends string | number>(field: FieldName, list: LookupList, resolver: Resolver<T> | undefined): Read<T> {
    const v = this.value(field);
    if (v === undefined || v === INVALID) return v;
    return readLookup(v, list, resolver, this);
  }

  /** `required-missing` at the field's cell when the column exists (a missing column is reported once, at the header). */
  required(field: FieldName, cause: Record<string, IssueParam> = {}): void {
    if (!this.has(field)) return;
    this.col = this.map.fieldIndex[field] ?? 0;
    this.field = field;
    this.report('required-missing', 'error', { field, header: this.headerOf(field), ...cause });
  }

  /** Warns that a field PA2 will ask for is empty, at its cell on the current row (silent when there is no column). */
  recommended(field: FieldName): void {
    if (!this.has(field)) return;
    this.col = this.map.fieldIndex[field] ?? 0;
    this.field = field;
    this.report('recommended-missing', 'warning', { field, header: this.headerOf(field) });
  }

  /** Points the reader at a cell, so a problem found later (a photo, a sum) is reported there. */
  position(index: number, field: FieldName): CellSink {
    this.at(index);
    this.col = this.map.fieldIndex[field] ?? 0;
    this.field = this.map.fieldIndex[field] === undefined ? undefined : field;
    return this;
  }

  /** An id as it would be read, without reporting anything: for grouping rows before they are read. */
  peekId(index: number, field: FieldName): string | undefined {
    const col = this.map.fieldIndex[field];
    if (col === undefined) return undefined;
    const value = unwrapCell(this.grid.values[index]?.[col]);
    if (typeof value === 'string') {
      const text = value.trim();
      return text === '' || excelErrorOf(text) !== undefined ? undefined : text;
    }
    if (typeof value !== 'number') return undefined;
    const id = readId(value, this.grid.formats?.[index]?.[col], SILENT);
    return typeof id === 'string' ? id : undefined;
  }

  /** The current cell as the user sees it, shortened, for messages that quote it. */
  shown(field: FieldName): string {
    const col = this.map.fieldIndex[field];
    if (col === undefined) return '';
    const value = unwrapCell(this.row[col]);
    return typeof value === 'string' ? describe(value.trim()) : describe(value);
  }

  /** The raw cells of a grid column (mapped or not) over the given rows, for guessing what a column holds. */
  *rawColumn(col: number, indices: Iterable<number>): Generator<unknown> {
    for (const i of indices) yield unwrapCell(this.grid.values[i]?.[col]);
  }

  /** The raw cells of one column over the given rows, for column-wide decisions (gender convention). */
  *column(field: FieldName, indices: Iterable<number>): Generator<unknown> {
    const col = this.map.fieldIndex[field];
    if (col === undefined) return;
    for (const i of indices) yield unwrapCell(this.grid.values[i]?.[col]);
  }
}
