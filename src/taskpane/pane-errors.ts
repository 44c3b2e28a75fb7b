/**
 * Errors of the layers below, as the pane words them (`PaneError`: a code src/i18n knows, and its params). Only
 * codes and params cross: the English fallbacks of src/app and src/excel stay behind, except as `detail`.
 */
import type { AppError } from '../app';
import type { ExcelError } from '../excel';
import { fail, type PaneError } from './controller';

/** `server` is the last refusal the server gave, for errors src/app wraps without keeping it (lists-unavailable). */
export function paneError(error: AppError, server?: PaneError): PaneError {
  const params = { ...error.params };
  switch (error.code) {
    case 'kiva': {
      if (error.cause !== undefined) return { code: error.cause.code, params: { ...error.cause.params } };
      const { code, ...rest } = params;
      return { code: typeof code === 'string' ? code : 'server.error', params: rest };
    }
    case 'kiva-not-configured':
      return { code: 'environment.not-configured', params };
    case 'lists-unavailable':
      if (error.cause !== undefined) return { code: error.cause.code, params: { ...error.cause.params } };
      return server ?? { code: 'server.error', params };
    case 'sheet-not-found':
      return { code: 'sheet.none-active', params };
    case 'kind-undecided':
      // The pane never asks src/app to stop on an undecided kind: the Sheet tab asks instead.
      return { code: 'sheet.kind-unknown', params };
    case 'workbook-unreadable':
    case 'workbook-damaged':
    case 'workbook-refused':
    case 'workbook-write-failed':
    case 'not-supported': {
      const { office, ...rest } = params;
      return { code: typeof office === 'string' ? office : 'office.failed', params: rest };
    }
    case 'production-not-confirmed':
      return { code: error.code, params };
  }
}

export function excelPaneError(error: ExcelError): PaneError {
  return { code: error.code, params: { ...error.params } };
}

export function failWith(error: PaneError): { ok: false; error: PaneError } {
  return fail(error.code, error.params);
}
