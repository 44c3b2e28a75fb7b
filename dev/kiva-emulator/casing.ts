export type Casing = 'snake' | 'camel';

export function camelKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Renames keys at every depth; values, including strings that look like keys, are left alone. */
export function withCasing(value: unknown, casing: Casing): unknown {
  if (casing === 'snake') return value;
  if (Array.isArray(value)) return value.map((item) => withCasing(item, casing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelKey(k), withCasing(v, casing)]));
  }
  return value;
}
