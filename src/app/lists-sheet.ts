/**
 * The `Kiva lists` sheet: Kiva's four config lists side by side, one block of columns each, so that dropdowns can
 * point at a column and a preview can turn names into ids without asking Kiva. This module alone knows the layout;
 * adapters only write and read the grid.
 */
import type { Activity, ConfigLists, Locale, Location, Theme } from '../kiva';
import { isBlankCell, normaliseHeader, unwrapCell, type CellGrid, type RawCell } from '../sheet';
import type { SheetTable } from './ports';

export const LISTS_SHEET = 'Kiva lists';

type ListName = 'activities' | 'themes' | 'locations' | 'locales';

interface Block<T> {
  list: ListName;
  columns: readonly string[];
  write: (item: T) => (string | number | null)[];
  read: (cells: readonly RawCell[]) => T | undefined;
}

const activities: Block<Activity> = {
  list: 'activities',
  columns: ['activity_id', 'activity'],
  write: (a) => [a.activity_id, a.activity],
  read: ([id, name]) => {
    const activity_id = idOf(id);
    const activity = textOf(name);
    return activity_id !== undefined && activity !== undefined ? { activity_id, activity } : undefined;
  },
};

const themes: Block<Theme> = {
  list: 'themes',
  columns: ['theme_type_id', 'theme_type'],
  write: (t) => [t.theme_type_id, t.theme_type],
  read: ([id, name]) => {
    const theme_type_id = idOf(id);
    const theme_type = textOf(name);
    return theme_type_id !== undefined && theme_type !== undefined ? { theme_type_id, theme_type } : undefined;
  },
};

const locations: Block<Location> = {
  list: 'locations',
  // The full name first: it is what Kiva takes, and what a dropdown should offer.
  columns: ['full_name', 'location', 'country'],
  write: (l) => [l.full_name, l.location, l.country],
  read: ([full, city, country]) => {
    const full_name = textOf(full);
    return full_name === undefined
      ? undefined
      : { full_name, location: textOf(city) ?? '', country: textOf(country) ?? '' };
  },
};

const locales: Block<Locale> = {
  list: 'locales',
  columns: ['language_id', 'language_code', 'language_name', 'currency'],
  write: (l) => [l.language_id, l.language_code, l.language_name, l.currency],
  read: ([id, code, name, currency]) => {
    const language_id = idOf(id);
    return language_id === undefined
      ? undefined
      : {
          language_id,
          language_code: textOf(code) ?? '',
          language_name: textOf(name) ?? '',
          currency: textOf(currency) ?? '',
        };
  },
};

const BLOCKS = [activities, themes, locations, locales] as const;

/** When Kiva says each list was current (its `as_of`), kept in the sheet so a reopened workbook still knows. */
interface AsOf {
  list: ListName;
  asOf: string;
}

const asOfBlock: Block<AsOf> = {
  list: 'activities',
  columns: ['list', 'as_of'],
  write: (a) => [a.list, a.asOf],
  read: ([name, time]) => {
    const list = textOf(name);
    const asOf = textOf(time);
    const known = BLOCKS.find((b) => b.list === list)?.list;
    return known !== undefined && asOf !== undefined ? { list: known, asOf } : undefined;
  },
};

/**
 * The sheet as written: one header row, each list in its own columns, one empty column between lists, and last a
 * `list | as_of` block with Kiva's `as_of` of each list (when Kiva gave one).
 */
export function listsTable(lists: ConfigLists): SheetTable {
  const times: AsOf[] = BLOCKS.flatMap((b) => {
    const asOf = lists.asOf?.[b.list];
    return asOf === undefined ? [] : [{ list: b.list, asOf }];
  });
  const parts: { width: number; rows: (string | number | null)[][] }[] = [
    part(activities, lists.activities),
    part(themes, lists.themes),
    part(locations, lists.locations),
    part(locales, lists.locales),
    part(asOfBlock, times),
  ];
  const height = Math.max(...parts.map((p) => p.rows.length));
  const rows: (string | number | null)[][] = [];
  for (let r = 0; r < height; r++) {
    const row: (string | number | null)[] = [];
    parts.forEach((p, k) => {
      if (k > 0) row.push(null);
      const cells = p.rows[r] ?? [];
      for (let c = 0; c < p.width; c++) row.push(cells[c] ?? null);
    });
    rows.push(row);
  }
  return { name: LISTS_SHEET, rows, widths: [10, 28, 2, 10, 28, 2, 30, 20, 16, 2, 10, 10, 16, 10, 2, 12, 22] };
}

function part<T>(block: Block<T>, items: readonly T[]): { width: number; rows: (string | number | null)[][] } {
  return { width: block.columns.length, rows: [[...block.columns], ...items.map(block.write)] };
}

/**
 * The lists back from the sheet (with their `as_of`, from a sheet written since it is kept), or undefined when one
 * of the four blocks is missing (then Kiva is asked).
 */
export function readListsSheet(grid: CellGrid): ConfigLists | undefined {
  const header = (grid.values[0] ?? []).map((cell) => normaliseHeader(String(unwrapCell(cell) ?? '')));
  const read = <T>(block: Block<T>): T[] | undefined => {
    const start = header.indexOf(normaliseHeader(block.columns[0] ?? ''));
    if (start < 0) return undefined;
    const items: T[] = [];
    for (let r = 1; r < grid.values.length; r++) {
      const cells = (grid.values[r] ?? []).slice(start, start + block.columns.length);
      if (isBlankCell(cells[0])) continue;
      const item = block.read(cells);
      if (item !== undefined) items.push(item);
    }
    return items;
  };
  const found = {
    activities: read(activities),
    themes: read(themes),
    locations: read(locations),
    locales: read(locales),
  };
  if (BLOCKS.some((b) => found[b.list] === undefined)) return undefined;
  const lists = found as ConfigLists;
  const times = read(asOfBlock) ?? [];
  if (times.length > 0) lists.asOf = Object.fromEntries(times.map((t) => [t.list, t.asOf]));
  return lists;
}

function idOf(cell: RawCell): number | undefined {
  const value = unwrapCell(cell);
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function textOf(cell: RawCell): string | undefined {
  const value = unwrapCell(cell);
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}
