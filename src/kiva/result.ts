import type { KivaError } from './errors';

/** Operations that can fail return their error as a value, so no layer has to guess what a throw carries. */
export type Result<T, E = KivaError> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
