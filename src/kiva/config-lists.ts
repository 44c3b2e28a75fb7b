import type { Caller } from './call';
import { kivaError } from './errors';
import type { Activity, ConfigLists, Locale, Location, Theme } from './models';
import { readFailure, type ReadOptions } from './read-result';
import type { Redactor } from './redact';
import { err, ok, type Result } from './result';
import { asNumber, asString, isRecord, snakeValue } from './wire';

export type ConfigListName = 'activities' | 'locales' | 'themes' | 'locations';

export const CONFIG_LIST_NAMES: readonly ConfigListName[] = ['activities', 'locales', 'themes', 'locations'];

export interface ConfigItems {
  activities: Activity;
  locales: Locale;
  themes: Theme;
  locations: Location;
}

export interface ConfigList<T> {
  items: T[];
  asOf?: string;
  /** Entries Kiva sent that lacked an id or name and were left out. */
  skipped: number;
}

type Reader<T> = (entry: Record<string, unknown>) => T | undefined;

const READERS: { [N in ConfigListName]: Reader<ConfigItems[N]> } = {
  activities: (e) => {
    const activity_id = asNumber(e.activity_id);
    // `activityName` in Kiva's library (camelCase), `activity` in the 2026 answer.
    const activity = asString(e.activity) ?? asString(e.activity_name) ?? asString(e.name);
    return activity_id !== undefined && activity !== undefined ? { activity_id, activity } : undefined;
  },
  locales: (e) => {
    const language_id = asNumber(e.language_id);
    if (language_id === undefined) return undefined;
    return {
      language_id,
      currency: asString(e.currency) ?? '',
      language_code: asString(e.language_code) ?? '',
      language_name: asString(e.language_name) ?? '',
    };
  },
  themes: (e) => {
    const theme_type_id = asNumber(e.theme_type_id);
    const theme_type = asString(e.theme_type) ?? asString(e.theme_type_name) ?? asString(e.name);
    return theme_type_id !== undefined && theme_type !== undefined ? { theme_type_id, theme_type } : undefined;
  },
  locations: (e) => {
    const full_name = asString(e.full_name);
    if (full_name === undefined) return undefined;
    return { full_name, country: asString(e.country) ?? '', location: asString(e.location) ?? '' };
  },
};

export async function fetchConfigList<N extends ConfigListName>(
  call: Caller,
  redactor: Redactor,
  name: N,
  options: ReadOptions = {},
): Promise<Result<ConfigList<ConfigItems[N]>>> {
  const result = await call({
    operation: 'config',
    method: 'GET',
    path: (partnerId) => `/v3/partner/${encodeURIComponent(partnerId)}/config/${name}`,
    rows: 0,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (result.kind !== 'ok') return readFailure(result, redactor);
  const answer = snakeValue(result.body);
  // Kiva wraps the list in an object named after it; older answers may be a bare array or use `data`.
  const entries = Array.isArray(answer) ? answer : isRecord(answer) ? (answer[name] ?? answer.data) : undefined;
  if (!Array.isArray(entries)) {
    return err(kivaError(redactor, 'kiva.bad-response', { detail: `config/${name} holds no list` }));
  }
  const read = READERS[name] as Reader<ConfigItems[N]>;
  const items = entries.map((entry) => (isRecord(entry) ? read(entry) : undefined));
  const kept = items.filter((item): item is ConfigItems[N] => item !== undefined);
  // Not one entry readable: Kiva answered in a shape we do not know, which is not the same as an empty list.
  if (entries.length > 0 && kept.length === 0) {
    const sample = isRecord(entries[0]) ? Object.keys(entries[0]).join(', ') : typeof entries[0];
    return err(
      kivaError(redactor, 'kiva.bad-response', {
        detail: `config/${name}: none of its ${entries.length} entries could be read (fields: ${sample})`,
      }),
    );
  }
  const asOf = isRecord(answer) ? asString(answer.as_of_date_time) : undefined;
  return ok({ items: kept, ...(asOf !== undefined ? { asOf } : {}), skipped: items.length - kept.length });
}

export async function fetchConfigLists(
  call: Caller,
  redactor: Redactor,
  options: ReadOptions = {},
): Promise<Result<ConfigLists>> {
  return combineConfigLists((name) => fetchConfigList(call, redactor, name, options));
}

/** Reads the four lists through `fetchOne` (in parallel) into one `ConfigLists`; the first failure is the answer. */
export async function combineConfigLists(
  fetchOne: <N extends ConfigListName>(name: N) => Promise<Result<ConfigList<ConfigItems[N]>>>,
): Promise<Result<ConfigLists>> {
  const [activities, locales, themes, locations] = await Promise.all([
    fetchOne('activities'),
    fetchOne('locales'),
    fetchOne('themes'),
    fetchOne('locations'),
  ]);
  if (!activities.ok) return activities;
  if (!locales.ok) return locales;
  if (!themes.ok) return themes;
  if (!locations.ok) return locations;
  const asOf: NonNullable<ConfigLists['asOf']> = {};
  if (activities.value.asOf !== undefined) asOf.activities = activities.value.asOf;
  if (locales.value.asOf !== undefined) asOf.locales = locales.value.asOf;
  if (themes.value.asOf !== undefined) asOf.themes = themes.value.asOf;
  if (locations.value.asOf !== undefined) asOf.locations = locations.value.asOf;
  return ok({
    activities: activities.value.items,
    locales: locales.value.items,
    themes: themes.value.items,
    locations: locations.value.items,
    ...(Object.keys(asOf).length > 0 ? { asOf } : {}),
  });
}
