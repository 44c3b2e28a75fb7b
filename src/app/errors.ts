/**
 * Errors of the use cases, as values: a code for the face to word (see messages.ts), parameters, and the Kiva error
 * behind it when there is one. Nothing here is thrown across layers.
 */
import type { KivaError, Result } from '../kiva';

export type AppErrorCode =
  /** Sending to production needs an explicit yes from the user (the CLI flag, the pane's dialog). */
  | 'production-not-confirmed'
  /** Kiva (or the way to it) said no: credentials, network, environment settings. `cause` says which. */
  | 'kiva'
  /** The face has no Kiva connection configured (no credentials). */
  | 'kiva-not-configured'
  /** Names must become ids, but neither a `Kiva lists` sheet nor Kiva could give the lists. */
  | 'lists-unavailable'
  /** A target sheet's kind is not decided and the face asked to stop rather than go on without it (`--kind`). */
  | 'kind-undecided'
  | 'sheet-not-found'
  | 'workbook-unreadable'
  /** The file is damaged (malformed XML, a cell outside its row…): `part` says where, `reason` what. */
  | 'workbook-damaged'
  /** The file is refused: a format not read here, or a part that would inflate to an absurd size. */
  | 'workbook-refused'
  | 'workbook-write-failed'
  | 'not-supported';

export type AppErrorParams = Record<string, string | number>;

export interface AppError {
  code: AppErrorCode;
  params: AppErrorParams;
  cause?: KivaError;
}

export type AppResult<T> = Result<T, AppError>;

export function appError(code: AppErrorCode, params: AppErrorParams = {}, cause?: KivaError): AppError {
  return cause === undefined ? { code, params } : { code, params, cause };
}

export function fromKiva(cause: KivaError): AppError {
  return { code: 'kiva', params: {}, cause };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(error: AppError): { ok: false; error: AppError } {
  return { ok: false, error };
}
