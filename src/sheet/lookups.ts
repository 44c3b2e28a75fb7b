/**
 * Names typed in the sheet → the ids and names Kiva expects, through the partner's config lists. Each distinct
 * cell text is resolved once per list, so 5,000 rows naming the same activity cost one look-up.
 */
import type { ConfigLists } from '../kiva/models';
import { describe } from './coerce/numbers';
import { INVALID, type CellSink, type Invalid } from './coerce/sink';
import { closest } from './edit-distance';
import { fold } from './normalise';

export type LookupList = 'activity' | 'theme' | 'location' | 'language' | 'currency';

export type Resolution<T> =
  | { ok: true; value: T }
  | { ok: false; problem: 'unknown'; suggestions: string[] }
  | { ok: false; problem: 'ambiguous'; choices: string[] };

interface Choice<T> {
  key: string;
  label: string;
  value: T;
}

class Resolver<T extends string | number> {
  private readonly byKey = new Map<string, Choice<T>[]>();
  private readonly byId = new Map<number, T>();
  private readonly cache = new Map<string, Resolution<T>>();
  private readonly labels: { key: string; label: string }[] = [];

  constructor(private readonly numericIds: boolean) {}

  add(keys: readonly string[], label: string, value: T, id?: number): void {
    for (const raw of keys) {
      const key = fold(raw);
      if (key === '') continue;
      const list = this.byKey.get(key) ?? [];
      if (!list.some((c) => c.value === value)) list.push({ key, label, value });
      this.byKey.set(key, list);
    }
    if (id !== undefined) this.byId.set(id, value);
    // Suggestions compare against every name a choice answers to (São Paulo as well as São Paulo: Brazil).
    for (const key of new Set([label, ...keys].map(fold))) {
      if (key !== '' && !this.labels.some((l) => l.key === key && l.label === label)) this.labels.push({ key, label });
    }
  }

  resolve(input: string | number): Resolution<T> {
    const cacheKey = typeof input === 'number' ? `#${input}` : input;
    let found = this.cache.get(cacheKey);
    if (found === undefined) {
      found = this.compute(input);
      if (this.cache.size > 5000) this.cache.clear();
      this.cache.set(cacheKey, found);
    }
    return found;
  }

  private compute(input: string | number): Resolution<T> {
    const text = typeof input === 'number' ? String(input) : input.trim();
    if (this.numericIds && /^\d+$/.test(text)) {
      const byId = this.byId.get(Number(text));
      if (byId !== undefined) return { ok: true, value: byId };
    }
    const key = fold(text);
    const matches = this.byKey.get(key);
    if (matches !== undefined && matches.length === 1 && matches[0] !== undefined) {
      return { ok: true, value: matches[0].value };
    }
    if (matches !== undefined && matches.length > 1) {
      return { ok: false, problem: 'ambiguous', choices: matches.map((m) => m.label) };
    }
    // A number that is no id is not close to any name: suggesting names by their spelling would mislead.
    const suggestions = /^\d+$/.test(text) ? [] : closest(key, this.labels);
    return { ok: false, problem: 'unknown', suggestions };
  }
}

export interface ConfigIndex {
  activity: Resolver<number>;
  theme: Resolver<number>;
  location: Resolver<string>;
  language: Resolver<number>;
  currency: Resolver<string>;
}

const indexes = new WeakMap<ConfigLists, ConfigIndex>();

export function indexConfig(config: ConfigLists): ConfigIndex {
  let index = indexes.get(config);
  if (index === undefined) {
    index = buildIndex(config);
    indexes.set(config, index);
  }
  return index;
}

function buildIndex(config: ConfigLists): ConfigIndex {
  const index: ConfigIndex = {
    activity: new Resolver<number>(true),
    theme: new Resolver<number>(true),
    location: new Resolver<string>(false),
    language: new Resolver<number>(true),
    currency: new Resolver<string>(false),
  };
  for (const a of list(config.activities)) {
    if (isId(a.activity_id) && typeof a.activity === 'string') {
      index.activity.add([a.activity], a.activity, a.activity_id, a.activity_id);
    }
  }
  for (const t of list(config.themes)) {
    if (isId(t.theme_type_id) && typeof t.theme_type === 'string') {
      index.theme.add([t.theme_type], t.theme_type, t.theme_type_id, t.theme_type_id);
    }
  }
  for (const l of list(config.locales)) {
    if (isId(l.language_id) && typeof l.language_name === 'string') {
      const keys = typeof l.language_code === 'string' ? [l.language_name, l.language_code] : [l.language_name];
      index.language.add(keys, l.language_name, l.language_id, l.language_id);
    }
    if (typeof l.currency === 'string' && l.currency.trim() !== '') {
      const code = l.currency.trim().toUpperCase();
      index.currency.add([code], code, code);
    }
  }
  // Full names first, so a city part that equals some full name never shadows it.
  const locations = list(config.locations).filter((l) => typeof l.full_name === 'string' && l.full_name !== '');
  for (const l of locations) index.location.add([l.full_name], l.full_name, l.full_name);
  for (const l of locations) {
    const city = typeof l.location === 'string' && l.location !== '' ? l.location : l.full_name.split(':')[0];
    if (city !== undefined && fold(city) !== fold(l.full_name)) index.location.add([city], l.full_name, l.full_name);
  }
  return index;
}

function list<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

export function readLookup<T extends string | number>(
  value: unknown,
  listName: LookupList,
  resolver: Resolver<T> | undefined,
  sink: CellSink,
): T | Invalid {
  if (resolver === undefined) {
    sink.report('lookup-lists-missing', 'error', { list: listName });
    return INVALID;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    sink.report('lookup-unknown', 'error', { list: listName, value: describe(value), choices: [] });
    return INVALID;
  }
  const found = resolver.resolve(value);
  if (found.ok) return found.value;
  const shown = describe(typeof value === 'string' ? value.trim() : value);
  if (found.problem === 'ambiguous') {
    sink.report('lookup-ambiguous', 'error', { list: listName, value: shown, choices: found.choices });
  } else {
    const code = listName === 'currency' ? 'currency-unknown' : 'lookup-unknown';
    sink.report(code, 'error', { list: listName, value: shown, choices: found.suggestions });
  }
  return INVALID;
}

export type { Resolver };
