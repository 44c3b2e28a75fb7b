/**
 * A user's hand-made header mapping, saved in the workbook's settings. It can only hold a sheet kind and
 * header→field pairs, so no secret can ever ride along in it.
 */
import { isFieldName, SHEET_KINDS, type FieldName, type SheetKind } from './fields';

export interface MappingOverride {
  version: 1;
  /** Forces the sheet kind instead of recognising it from the headers. */
  kind?: SheetKind;
  /** Header text as it appears in the sheet → the field it holds, or `null` to ignore that column. */
  columns?: Record<string, FieldName | null>;
}

export type OverrideParse = { ok: true; value: MappingOverride } | { ok: false; problem: string };

/** Reads an override back from settings, keeping only what an override may hold. */
export function parseMappingOverride(input: unknown): OverrideParse {
  if (typeof input === 'string') {
    try {
      return parseMappingOverride(JSON.parse(input) as unknown);
    } catch {
      return { ok: false, problem: 'not-json' };
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, problem: 'not-object' };
  const record = input as Record<string, unknown>;
  const value: MappingOverride = { version: 1 };
  if (record.kind !== undefined) {
    if (!SHEET_KINDS.includes(record.kind as SheetKind)) return { ok: false, problem: 'bad-kind' };
    value.kind = record.kind as SheetKind;
  }
  if (record.columns !== undefined) {
    if (typeof record.columns !== 'object' || record.columns === null || Array.isArray(record.columns)) {
      return { ok: false, problem: 'bad-columns' };
    }
    const columns: Record<string, FieldName | null> = {};
    for (const [header, field] of Object.entries(record.columns as Record<string, unknown>)) {
      if (field !== null && !isFieldName(field)) return { ok: false, problem: 'bad-field' };
      if (header.length > 255) return { ok: false, problem: 'bad-header' };
      columns[header] = field;
    }
    value.columns = columns;
  }
  return { ok: true, value };
}

/** The override as saved: canonical JSON, nothing else. */
export function serialiseMappingOverride(override: MappingOverride): string {
  const parsed = parseMappingOverride(override);
  return JSON.stringify(parsed.ok ? parsed.value : { version: 1 });
}
