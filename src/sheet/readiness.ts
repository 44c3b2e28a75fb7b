/**
 * What PA2 will ask for before a draft can be published, checked before sending (warnings, never errors: Kiva
 * accepts partial drafts). A column the sheet lacks is said once for the sheet, with a guess at an unmapped column
 * whose values are names from the matching Kiva list ("No column is Activity… Is it column F (Sector)?").
 */
import type { FieldName } from './fields';
import type { ConfigIndex, LookupList } from './lookups';
import type { SheetReader } from './sheet-reader';

/** Loan fields PA2 needs at publish (kiva-api.md, "PA2 needs at publish"), in the order they are reported. */
export const PUBLISH_FIELDS: readonly FieldName[] = [
  'gender',
  'activity',
  'theme',
  'location',
  'language',
  'currency',
  'disburse_time',
  'description',
  'loanuse',
  'photo',
  'client_waiver_signed',
];

const LISTS: Partial<Record<FieldName, LookupList>> = {
  activity: 'activity',
  theme: 'theme',
  location: 'location',
  language: 'language',
  currency: 'currency',
};

/** One warning per PA2-needed column the sheet does not have. */
export function reportMissingPublishColumns(
  reader: SheetReader,
  lists: ConfigIndex | undefined,
  rows: readonly number[],
  /** Fields supplied another way (photos attached in the pane). */
  suppliedElsewhere: readonly FieldName[] = [],
): void {
  for (const field of PUBLISH_FIELDS) {
    if (reader.has(field) || suppliedElsewhere.includes(field)) continue;
    const guess = lists === undefined ? undefined : guessColumn(reader, lists, field, rows);
    if (guess === undefined) reader.reportSheet('publish-column-missing', 'warning', { field }, field);
    else reader.reportSheet('publish-column-guess', 'warning', { field, ...guess }, field);
  }
}

/** An unmapped column most of whose first values resolve in the field's Kiva list. */
function guessColumn(
  reader: SheetReader,
  lists: ConfigIndex,
  field: FieldName,
  rows: readonly number[],
): { column: string; header: string } | undefined {
  const list = LISTS[field];
  const resolver = list === undefined ? undefined : lists[list];
  if (resolver === undefined) return undefined;
  const sample = rows.slice(0, 50);
  for (const info of reader.map.columns) {
    if (info.field !== undefined || info.status === true || info.header === '') continue;
    let filled = 0;
    let known = 0;
    for (const value of reader.rawColumn(info.index, sample)) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      if (typeof value === 'string' && value.trim() === '') continue;
      filled++;
      if (resolver.resolve(value).ok) known++;
    }
    if (filled > 0 && known * 10 >= filled * 6) return { column: info.column, header: info.header };
  }
  return undefined;
}
