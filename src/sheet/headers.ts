/**
 * Row 1 → which column holds which field, which kind of sheet this is, and where the `Kiva status` column is
 * (or will be created). Computed once per sheet so rows are read by index, never by header text.
 */
import { columnLetter } from './addresses';
import { isBlankCell, unwrapCell, type CellGrid } from './cells';
import {
  HEADER_INDEX,
  JOURNALS_ONLY,
  KIND_FIELDS,
  KIND_NAME_HINTS,
  LOANS_ONLY,
  REQUIRED_COLUMNS,
  SHEET_KINDS,
  STATUS_HEADERS,
  type FieldName,
  type SheetKind,
} from './fields';
import type { Issue } from './issues';
import type { MappingOverride } from './mapping-override';
import { fold } from './normalise';
import { isKivaLoansSheet } from './portfolio';
import { THREE_COLUMNS } from './setting-causes';

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
  /** How the kind was decided; `ask`: the user must choose (the pane asks, the command line wants `--kind`). */
  kindSource: 'override' | 'headers' | 'sheet-name' | 'ask' | 'unknown';
  /** Why this kind, in words by `describeKind` (messages/): shown by validate, preview and the pane. */
  kindReason: KindReason;
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

export interface KindEvidence {
  field: FieldName;
  header: string;
}

/**
 * Why a sheet is read as the kind it is, or why it is not decided. Worded by messages/kinds (`describeKind`).
 * - `override`: chosen by hand (the pane's Sheet tab, or `--kind`), saved with the mapping or given for one run;
 * - `headers`: the columns in `evidence` leave only this kind possible;
 * - `sheet-name`: the columns fit every kind in `among`, the sheet name picked one;
 * - `ask`: still undecided between `among` (`why`: the columns fit several kinds, or the name points elsewhere);
 * - `none`: nothing in row 1 looks like a Kiva sheet;
 * - `kiva-loans`: the Kiva loans sheet this tool writes (portfolio.ts): read by the portfolio check only, whatever
 *   its headers or a saved kind say.
 */
export type KindReason =
  | { basis: 'override' }
  | { basis: 'headers'; evidence: KindEvidence[] }
  | { basis: 'sheet-name'; sheetName: string; among: SheetKind[] }
  | { basis: 'ask'; among: SheetKind[]; why: 'several' | 'name-conflict' | 'too-little'; sheetName: string }
  | { basis: 'none' }
  | { basis: 'kiva-loans' };

export interface KindDetection {
  kind?: SheetKind;
  source: 'headers' | 'sheet-name' | 'ask' | 'unknown';
  reason: KindReason;
  /** Kinds the headers leave possible, in SHEET_KINDS order. */
  candidates: SheetKind[];
}

/**
 * Recognises the sheet kind from its headers (see docs/workbook-rules.md, "Which kind"): loans only with a field a
 * repayment report never has; a schedule only with a date and principal or interest; journals with a subject, body
 * or image address; a repayment report with an amount and no loans-only field. The sheet name decides when more
 * than one kind stays possible; when it cannot, the answer is `ask`. Never loans by default.
 */
export function detectKind(headers: readonly string[], sheetName = ''): KindDetection {
  if (isKivaLoansSheet(sheetName)) return { source: 'unknown', reason: { basis: 'kiva-loans' }, candidates: [] };
  const folded = headers
    .map((h) => ({ header: h.trim(), key: fold(h) }))
    .filter((h) => h.key !== '' && !STATUS_HEADERS.has(h.key));
  const found = (kind: SheetKind, fields: readonly FieldName[]): KindEvidence[] => {
    const evidence: KindEvidence[] = [];
    for (const { header, key } of folded) {
      const field = HEADER_INDEX[kind].get(key);
      if (field !== undefined && fields.includes(field) && !evidence.some((e) => e.field === field)) {
        evidence.push({ field, header });
      }
    }
    return evidence;
  };
  const loansOnly = found('loans', LOANS_ONLY);
  const scheduleDate = found('schedule', ['date']);
  const scheduleAmounts = found('schedule', ['principal', 'interest']);
  const journalsOnly = found('journals', JOURNALS_ONLY);
  const repaymentAmount = found('repayments', ['amount']);
  const repaymentIds = found('repayments', ['loan_id', 'client_id']);

  const evidence = new Map<SheetKind, KindEvidence[]>();
  if (loansOnly.length > 0) evidence.set('loans', loansOnly);
  if (scheduleDate.length > 0 && scheduleAmounts.length > 0)
    evidence.set('schedule', [...scheduleDate, ...scheduleAmounts]);
  if (journalsOnly.length > 0) evidence.set('journals', journalsOnly);
  // A loans-only field rules a repayment report out: a loans sheet has a loan id and an amount too.
  if (repaymentAmount.length > 0 && loansOnly.length === 0)
    evidence.set('repayments', [...repaymentIds, ...repaymentAmount]);

  const hinted = kindsFromSheetName(sheetName);
  let candidates = SHEET_KINDS.filter((k) => evidence.has(k));
  let why: 'several' | 'name-conflict' | 'too-little' = 'several';
  if (candidates.length === 0) {
    // Only ids (and maybe a date): a sheet for Kiva with its key column missing. The name may say which; loans
    // stay out without a loans-only field.
    if (repaymentIds.length === 0 && scheduleDate.length === 0)
      return { source: 'unknown', reason: { basis: 'none' }, candidates };
    candidates = SHEET_KINDS.filter((k) => k !== 'loans' && (k !== 'schedule' || scheduleDate.length > 0));
    why = 'too-little';
  } else if (candidates.length === 1) {
    const only = candidates[0] as SheetKind;
    if (hinted.length === 0 || hinted.includes(only)) {
      return {
        kind: only,
        source: 'headers',
        reason: { basis: 'headers', evidence: evidence.get(only) ?? [] },
        candidates,
      };
    }
    // `Pagos` headed like a loans sheet: the headers and the name disagree, so the user says which.
    const among = [only, ...hinted.filter((k) => k !== only)];
    return { source: 'ask', reason: { basis: 'ask', among, why: 'name-conflict', sheetName }, candidates };
  }
  const picked = candidates.filter((k) => hinted.includes(k));
  if (picked.length === 1) {
    const kind = picked[0] as SheetKind;
    return { kind, source: 'sheet-name', reason: { basis: 'sheet-name', sheetName, among: candidates }, candidates };
  }
  return { source: 'ask', reason: { basis: 'ask', among: candidates, why, sheetName }, candidates };
}

/** Kinds the sheet name points to: phrases first (`Plan de pagos`), then single words (`Pagos noviembre`). */
export function kindsFromSheetName(sheetName: string): SheetKind[] {
  const words = sheetName
    .split(/[^\p{L}\p{N}]+/u)
    .map(fold)
    .filter((w) => w !== '');
  if (words.length === 0) return [];
  const matches = (hint: string): boolean => {
    const parts = hint.split(' ');
    for (let start = 0; start + parts.length <= words.length; start++) {
      if (parts.every((part, k) => (words[start + k] as string).startsWith(part))) return true;
    }
    return false;
  };
  for (const phrases of [true, false]) {
    const kinds = SHEET_KINDS.filter((k) => KIND_NAME_HINTS[k].some((h) => h.includes(' ') === phrases && matches(h)));
    if (kinds.length > 0) return kinds;
  }
  return [];
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
  let kindReason: KindReason;
  if (override?.kind !== undefined && !isKivaLoansSheet(grid.sheet)) {
    kind = override.kind;
    kindSource = 'override';
    kindReason = { basis: 'override' };
  } else {
    const detected = detectKind(headers, grid.sheet);
    kind = detected.kind;
    kindSource = detected.source;
    kindReason = detected.reason;
  }

  const map: HeaderMap = {
    sheet: grid.sheet,
    kindSource,
    kindReason,
    columns,
    fieldIndex: {},
    statusColumn,
    origin,
    issues,
  };
  // Not data: nothing about it is an issue of the run (the portfolio check says what it finds there).
  if (kindReason.basis === 'kiva-loans') return map;
  if (grid.values.length === 0 || usedWidth === 0) {
    at(origin.column, 'sheet-empty', {});
    return map;
  }
  if (kind === undefined) {
    if (kindReason.basis === 'ask') at(origin.column, 'kind-ask', { kinds: kindReason.among });
    else at(origin.column, 'kind-unknown', {});
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

/** The client id column a three-column partner's sheet must have, by kind (a schedule has none). */
const CLIENT_ID_FIELD: Partial<Record<SheetKind, FieldName>> = {
  loans: 'client_id',
  repayments: 'client_id',
  journals: 'internal_client_id',
};

/**
 * recognition: for a three-column partner (the Settings section, KIVA_CSV_FORMAT) the client id column is required
 * like any other: without it, said once at the header row naming the setting, and the sheet sends nothing. Not a
 * per-row error: with no column there is no cell to point at, and each repayment would silently go unsent.
 */
export function requireClientIdColumn(map: HeaderMap, threeColumn: boolean): void {
  const field = map.kind !== undefined ? CLIENT_ID_FIELD[map.kind] : undefined;
  if (!threeColumn || field === undefined || map.fieldIndex[field] !== undefined) return;
  map.issues.push({
    sheet: map.sheet,
    row: map.origin.row,
    column: map.origin.column,
    code: 'column-missing',
    severity: 'error',
    params: { field, ...THREE_COLUMNS },
    field,
  });
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
