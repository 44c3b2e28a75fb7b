import type { CellGrid, RawCell } from '../../src/sheet';

/** A grid as an adapter would read it: header row first, Excel rows 1, 2, 3… unless told otherwise. */
export function grid(sheet: string, rows: RawCell[][], extra: Partial<CellGrid> = {}): CellGrid {
  return { sheet, values: rows, ...extra };
}

/** JSON with object keys sorted at every level: goldens compare byte for byte whatever the build order. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Excel serial for a date, the way Excel counts (1900 system, past the fictitious 1900-02-29). */
export function serial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}
