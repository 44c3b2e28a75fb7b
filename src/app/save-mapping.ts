/** Save mapping: a hand-made header mapping kept in the workbook, reduced to what an override may hold. */
import { parseMappingOverride, type MappingOverride } from '../sheet';
import { appError, fail, type AppResult } from './errors';
import type { WorkbookPort } from './ports';

export async function saveMapping(
  ports: { workbook: WorkbookPort },
  input: { sheet: string; override: MappingOverride },
): Promise<AppResult<void>> {
  // Whatever the caller built, only a kind and header → field pairs reach the workbook.
  const parsed = parseMappingOverride(input.override);
  if (!parsed.ok) return fail(appError('not-supported', { detail: parsed.problem }));
  return ports.workbook.saveMapping(input.sheet, parsed.value);
}
