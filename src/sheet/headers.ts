/**
 * Row 1 → which column holds which field, which kind of sheet this is, and where the `Kiva status` column is
 * (or will be created). Computed once per sheet so rows are read by index, never by header text.
 */
import { columnLetter } from './addresses';
import { isBlankCell, unwrapCell, type CellGrid } from './cells';
import {
  HEADER_INDEX,
  isDistinctive,
  KIND_FIELDS,
  KIND_NAME_HINTS,
  REQUIRED_COLUMNS,
  SHEET_KINDS,
  STATUS_HEADERS,
  type FieldName,
  type SheetKind,
} from './fields';
import type { Issue } from './issues';
import type { MappingOverride } from './mapping-override';
import { fold } from './normalise';

export interface ColumnInfo {
  /** 0-based index into each row of the grid. */
  index: number;
  /** Column letters in the sheet. */
  column: string;
  header: string;
  field?: FieldName;
  /** This is the `Kiva status` feedback column. */
  status?: true;
}

export interface StatusColumn {
  /** Column letters where the status is, or where it should be created. */
  column: string;
  /** 1-based column number in the sheet. */
  number: number;
  /** 0-based index into the grid rows when the column exists. */
  index?: number;
  exists: boolean;
}

export interface HeaderMap {
  sheet: string;
  kind?: SheetKind;
  /** How the kind was decided. */
  kindSource: 'override' | 'headers' | 'sheet-name' | 'unknown';
  columns: ColumnInfo[];
  /** Grid column index of each mapped field. */
  fieldIndex: Partial<Record<FieldName, number>>;
  statusColumn: StatusColumn;
  /** Row and column of the header row's first cell, where sheet-wide problems are reported. */
  origin: { row: number; column: string };
  issues: Issue[];
}

export function headerText(cell: unknown): string {
  const value = unwrapCell(cell);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return '';
}

export interface KindDetection {
  kind?: SheetKind;
  source: 'headers' | 'sheet-name' | 'unknown';
  /** Distinctive headers matched per kind, for a "did you mean" in the task pane. */
  scores: Record<SheetKind, number>;
}

/** Recognises the sheet kind from its headers; the sheet name only breaks ties. */
export function detectKind(headers: readonly string[], sheetName = ''): KindDetection {
  const folded = headers.map(fold).filter((h) => h !== '' && !STATUS_HEADERS.has(h));
  const scores: Record<SheetKind, number> = { loans: 0, schedule: 0, repayments: 0, journals: 0 };
  const common: Record<SheetKind, number> = { loans: 0, schedule: 0, repayments: 0, journals: 0 };
  for (const kind of SHEET_KINDS) {
    const seen = new Set<FieldName>();
    for (const h of folded) {
      const field = HEADER_INDEX[kind].get(h);
      if (field === undefined || seen.has(field)) continue;
      seen.add(field);
      if (isDistinctive(kind, field)) scores[kind]++;
      else common[kind]++;
    }
  }
  const best = Math.max(scores.loans, scores.schedule, scores.journals);
  let tied: SheetKind[] = [];
  if (best > 0) tied = (['loans', 'schedule', 'journals'] as const).filter((k) => scores[k] === best);
  else if (common.repayments >= 2) tied = ['repayments'];
  if (tied.length === 1) return { kind: tied[0], source: 'headers', scores };
  // The name only chooses among kinds some header points to: a `Notas de préstamos` sheet is no loans sheet.
  if (tied.length === 0) tied = SHEET_KINDS.filter((k) => common[k] > 0);
  const hinted = kindFromSheetName(sheetName, tied);
  if (hinted !== undefined) return { kind: hinted, source: 'sheet-name', scores };
  return { source: 'unknown', scores };
}

function kindFromSheetName(sheetName: string, among: readonly SheetKind[]): SheetKind | undefined {
  const name = fold(sheetName);
  if (name === '') return undefined;
  const hits = among.filter((k) => KIND_NAME_HINTS[k].some((hint) => name.includes(hint)));
  return hits.length === 1 ? hits[0] : undefined;
}

export function mapHeaders(grid: CellGrid, override?: MappingOverride): HeaderMap {
  const firstColumn = gridFirstColumn(grid);
  const headerRow = grid.values[0] ?? [];
  const origin = { row: grid.rowNumbers?.[0] ?? 1, column: columnLetter(firstColumn) };
  const issues: Issue[] = [];
  const at = (column: string, code: Issue['code'], params: Issue['params'], field?: FieldName): void => {
    const issue: Issue = { sheet: grid.sheet, row: origin.row, column, code, severity: 'error', params };
    if (field !== undefined) issue.field = field;
    issues.push(issue);
  };

  const headers = headerRow.map(headerText);
  const columns: ColumnInfo[] = headers.map((header, index) => ({
    index,
    column: columnLetter(firstColumn + index),
    header,
  }));
  let statusIndex: number | undefined;
  for (const info of columns) {
    if (statusIndex === undefined && STATUS_HEADERS.has(fold(info.header))) {
      statusIndex = info.index;
      info.status = true;
    }
  }
  const usedWidth = usedColumnCount(grid);
  const statusColumn: StatusColumn =
    statusIndex !== undefined
      ? {
          column: columnLetter(firstColumn + statusIndex),
          number: firstColumn + statusIndex,
          index: statusIndex,
          exists: true,
        }
      : { column: columnLetter(firstColumn + usedWidth), number: firstColumn + usedWidth, exists: false };

  let kind: SheetKind | undefined;
  let kindSource: HeaderMap['kindSource'];
  if (override?.kind !== undefined) {
    kind = override.kind;
    kindSource = 'override';
  } else {
    const detected = detectKind(headers, grid.sheet);
    kind = detected.kind;
    kindSource = detected.source;
  }

  const map: HeaderMap = { sheet: grid.sheet, kindSource, columns, fieldIndex: {}, statusColumn, origin, issues };
  if (grid.values.length === 0 || usedWidth === 0) {
    at(origin.column, 'sheet-empty', {});
    return map;
  }
  if (kind === undefined) {
    at(origin.column, 'kind-unknown', {});
    return map;
  }
  map.kind = kind;

  const chosen = overrideIndex(override);
  const allowed = new Set<FieldName>(KIND_FIELDS[kind]);
  for (const info of columns) {
    if (info.status || info.header === '') continue;
    const key = fold(info.header);
    const field = chosen.has(key) ? chosen.get(key) : HEADER_INDEX[kind].get(key);
    if (field === undefined || field === null || !allowed.has(field)) continue;
    const first = map.fieldIndex[field];
    if (first !== undefined) {
      at(info.column, 'column-duplicate', { header: info.header, first: columns[first]?.column ?? '' }, field);
      continue;
    }
    info.field = field;
    map.fieldIndex[field] = info.index;
  }
  for (const field of REQUIRED_COLUMNS[kind]) {
    if (map.fieldIndex[field] === undefined) at(origin.column, 'column-missing', { field }, field);
  }
  return map;
}

function overrideIndex(override: MappingOverride | undefined): Map<string, FieldName | null> {
  const index = new Map<string, FieldName | null>();
  for (const [header, field] of Object.entries(override?.columns ?? {})) index.set(fold(header), field);
  return index;
}

export function gridFirstColumn(grid: CellGrid): number {
  const first = grid.firstColumn;
  return first !== undefined && Number.isInteger(first) && first >= 1 ? first : 1;
}

/** Columns up to the last one holding anything; the first free column comes right after. */
function usedColumnCount(grid: CellGrid): number {
  let width = 0;
  for (const row of grid.values) {
    for (let c = row.length - 1; c >= width; c--) {
      if (!isBlankCell(row[c])) {
        width = c + 1;
        break;
      }
    }
  }
  return width;
}
