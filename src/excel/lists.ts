/// <reference types="office-js" />
/**
 * In-cell dropdowns for the activity, theme, location, language, currency and gender columns, fed by ranges on
 * the hidden `Kiva lists` sheet (an inline list is capped at ~255 characters: far too short for Kiva's lists).
 * src/app decides the sheet's layout; this module only finds, by header, the column each dropdown draws from, and
 * appends three columns of its own where the app's blocks repeat values (a language once per currency) or have
 * none (gender).
 */
import { mapHeaders, normaliseHeader, type CellGrid, type FieldName, type MappingOverride } from '../sheet';
import { absoluteSource, columnLetter } from './a1';
import type { HeaderProbe } from './read';

export type ListField = Extract<FieldName, 'activity' | 'theme' | 'location' | 'language' | 'currency' | 'gender'>;
export const LIST_FIELDS: readonly ListField[] = ['activity', 'theme', 'location', 'language', 'currency', 'gender'];

/** Which column of the app's table offers each list's names (normalised headers). */
const SOURCE_HEADER: Partial<Record<ListField, string>> = {
  activity: 'activity',
  theme: 'themetype',
  location: 'fullname',
};

/** Kiva's own words; the sheet core also reads m/f, h/m and the Spanish and French words. */
const GENDERS = ['female', 'male'];

/** Headers of the appended columns: distinct from every header src/app reads the sheet back by. */
export const DROPDOWN_HEADERS = {
  language: 'Dropdown: language',
  currency: 'Dropdown: currency',
  gender: 'Dropdown: gender',
} as const;

type Cell = string | number | null;

export interface DropdownSource {
  /** Column letters on the lists sheet. */
  column: string;
  /** Entries below the header row. */
  count: number;
}

/** The table with the appended columns, and where each dropdown's entries are. */
export function withDropdownColumns(rows: readonly (readonly Cell[])[]): {
  rows: Cell[][];
  sources: Map<ListField, DropdownSource>;
} {
  const header = (rows[0] ?? []).map((h) => normaliseHeader(typeof h === 'string' ? h : String(h ?? '')));
  const width = Math.max(0, ...rows.map((r) => r.length));
  const sources = new Map<ListField, DropdownSource>();
  const columnOf = (folded: string): number => header.indexOf(folded);
  const entries = (index: number): string[] => {
    const out: string[] = [];
    for (let r = 1; r < rows.length; r++) {
      const v = rows[r]?.[index];
      const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
      if (text !== '') out.push(text);
    }
    return out;
  };
  for (const field of LIST_FIELDS) {
    const folded = SOURCE_HEADER[field];
    if (folded === undefined) continue;
    const index = columnOf(folded);
    if (index >= 0) sources.set(field, { column: columnLetter(index + 1), count: entries(index).length });
  }
  const unique = (folded: string): string[] => {
    const index = columnOf(folded);
    return index < 0 ? [] : [...new Set(entries(index))].sort((a, b) => a.localeCompare(b));
  };
  const extra: { field: ListField; header: string; values: string[] }[] = [
    { field: 'language', header: DROPDOWN_HEADERS.language, values: unique('languagename') },
    { field: 'currency', header: DROPDOWN_HEADERS.currency, values: unique('currency') },
    { field: 'gender', header: DROPDOWN_HEADERS.gender, values: GENDERS },
  ];
  // One empty column after the app's blocks, as between them.
  const first = width === 0 ? 0 : width + 1;
  const height = Math.max(rows.length, ...extra.map((e) => e.values.length + 1));
  const out: Cell[][] = [];
  for (let r = 0; r < height; r++) {
    const row: Cell[] = Array.from({ length: first + extra.length }, (_, c) =>
      c < width ? (rows[r]?.[c] ?? null) : null,
    );
    extra.forEach((e, k) => {
      row[first + k] = r === 0 ? e.header : (e.values[r - 1] ?? null);
    });
    out.push(row);
  }
  extra.forEach((e, k) => {
    if (e.values.length > 0) sources.set(e.field, { column: columnLetter(first + k + 1), count: e.values.length });
  });
  return { rows: out, sources };
}

export interface DropdownTarget {
  sheet: string;
  field: ListField;
  /** Column letters on `sheet`. */
  column: string;
  fromRow: number;
  toRow: number;
}

/** Rows below the data that get dropdowns too, so the next borrowers typed in find them. */
const SPARE_ROWS = 1000;

/** The list columns of every loans sheet, found by src/sheet's header mapping (with the saved overrides). */
export function dropdownTargets(
  probes: readonly HeaderProbe[],
  mappings: Readonly<Record<string, MappingOverride>>,
): DropdownTarget[] {
  const out: DropdownTarget[] = [];
  for (const { grid, lastRow } of probes) {
    if (grid.values.length === 0) continue;
    const map = mapHeaders(grid as CellGrid, mappings[grid.sheet]);
    if (map.kind !== 'loans') continue;
    const headerRow = grid.rowNumbers?.[0] ?? 1;
    for (const field of LIST_FIELDS) {
      const index = map.fieldIndex[field];
      const info = index === undefined ? undefined : map.columns[index];
      if (info === undefined) continue;
      out.push({
        sheet: grid.sheet,
        field,
        column: info.column,
        fromRow: headerRow + 1,
        toRow: Math.min(1_048_576, Math.max(lastRow, headerRow + 1) + SPARE_ROWS),
      });
    }
  }
  return out;
}

/** Queues the dropdowns: each one a list rule whose source is a column of the lists sheet. */
export function queueDropdowns(
  context: Excel.RequestContext,
  listsSheet: string,
  targets: readonly DropdownTarget[],
  sources: ReadonlyMap<ListField, DropdownSource>,
): number {
  let attached = 0;
  for (const t of targets) {
    const source = sources.get(t.field);
    if (source === undefined || source.count < 1) continue;
    const range = context.workbook.worksheets
      .getItem(t.sheet)
      .getRange(`${t.column}${t.fromRow}:${t.column}${t.toRow}`);
    const dv = range.dataValidation;
    dv.clear();
    dv.rule = {
      list: { inCellDropDown: true, source: absoluteSource(listsSheet, source.column, 2, source.count + 1) },
    };
    // The sheet core also accepts ids, codes and a location's city part, so typing outside the list is allowed;
    // validation then says what is wrong, in the user's language.
    dv.errorAlert = { showAlert: false, style: 'Information', title: '', message: '' };
    attached++;
  }
  return attached;
}
