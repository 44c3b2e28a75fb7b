/// <reference types="office-js" />
/**
 * What the adapter needs to know about the workbook besides the cells it reads: which sheets exist, the saved
 * mapping overrides, where this tool left fills and notes, and when the Kiva lists were written. All of it rides
 * in the same batch as the first cells read, so knowing it costs no extra round trip.
 */
import { parseMappingOverride, type MappingOverride } from '../sheet';
import { parseAreas } from './a1';
import { areaAddress, cellAreas, cellsOf, type Cell } from './areas';

/** Every setting this add-in writes starts with this; nothing secret is ever stored under it. */
export const SETTING_PREFIX = 'KivaSheets.';
export const MAPPING_KEY = `${SETTING_PREFIX}mapping:`;
export const MARKS_KEY = `${SETTING_PREFIX}marks:`;
/** period: the repayment report period the coordinator chose on the Send tab (`YYYY-MM`), kept with the workbook. */
export const REPORT_PERIOD_KEY = `${SETTING_PREFIX}reportPeriod`;

/** A registry larger than this is cut: clearing that many stale fills would be a job of its own. */
const MAX_REGISTERED_CELLS = 250_000;

export interface SheetEntry {
  name: string;
  visibility: string;
  /** Excel's id for the sheet (what change events name it by); absent for a sheet this adapter just added. */
  id?: string;
}

export interface WorkbookState {
  sheets: SheetEntry[];
  /** This add-in's settings only, by key, values as stored. */
  settings: ReadonlyMap<string, unknown>;
}

/** Queues the loads; call the returned function after the sync. */
export function queueState(context: Excel.RequestContext): () => WorkbookState {
  const sheets = context.workbook.worksheets.load('items/id,items/name,items/visibility');
  const settings = context.workbook.settings.load('items/key,items/value');
  return () => {
    const map = new Map<string, unknown>();
    for (const s of settings.items) if (s.key.startsWith(SETTING_PREFIX)) map.set(s.key, s.value);
    const entries = sheets.items.map((s) => ({ id: s.id, name: s.name, visibility: String(s.visibility) }));
    return { sheets: entries, settings: map };
  };
}

export function findSheet(snapshot: WorkbookState, name: string): SheetEntry | undefined {
  const lower = name.toLowerCase();
  return snapshot.sheets.find((s) => s.name.toLowerCase() === lower);
}

export function mappingOf(snapshot: WorkbookState, sheet: string): MappingOverride | undefined {
  const stored = snapshot.settings.get(MAPPING_KEY + sheet);
  if (stored === undefined || stored === null) return undefined;
  const parsed = parseMappingOverride(stored);
  return parsed.ok ? parsed.value : undefined;
}

export function mappingsOf(snapshot: WorkbookState): Record<string, MappingOverride> {
  const out: Record<string, MappingOverride> = {};
  for (const key of snapshot.settings.keys()) {
    if (!key.startsWith(MAPPING_KEY)) continue;
    const sheet = key.slice(MAPPING_KEY.length);
    const mapping = mappingOf(snapshot, sheet);
    if (mapping !== undefined) out[sheet] = mapping;
  }
  return out;
}

/** The report period saved in the workbook, when it is one. */
export function reportPeriodOf(snapshot: WorkbookState): string | undefined {
  const stored = snapshot.settings.get(REPORT_PERIOD_KEY);
  return typeof stored === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(stored) ? stored : undefined;
}

/** Cells this tool filled or annotated on `sheet` in earlier runs. */
export function marksOf(snapshot: WorkbookState, sheet: string): Cell[] {
  return decodeMarks(snapshot.settings.get(MARKS_KEY + sheet));
}

/** Cells → `F7,F9:F12,C3`: the registry as stored, compact even for thousands of cells. */
export function encodeMarks(cells: Iterable<Cell>): string {
  return cellAreas(cells).map(areaAddress).join(',');
}

export function decodeMarks(stored: unknown): Cell[] {
  if (typeof stored !== 'string' || stored === '') return [];
  const areas = parseAreas(stored);
  if (areas === undefined) return [];
  return cellsOf(
    areas.map((a) => a.area),
    MAX_REGISTERED_CELLS,
  );
}
