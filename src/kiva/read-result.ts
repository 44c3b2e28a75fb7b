import type { CallResult } from './call';
import { kivaError, type KivaError } from './errors';
import type { Redactor } from './redact';
import { err, type Result } from './result';

/** A read that Kiva did not answer with 2xx, as an error value. */
export function readFailure(result: Exclude<CallResult, { kind: 'ok' }>, redactor: Redactor): Result<never> {
  return err(readError(result, redactor));
}

function readError(result: Exclude<CallResult, { kind: 'ok' }>, redactor: Redactor): KivaError {
  switch (result.kind) {
    case 'failed':
      return result.error;
    case 'cancelled':
      return kivaError(redactor, 'request.cancelled');
    case 'rejected':
      return kivaError(redactor, 'kiva.rejected', { status: result.status, message: result.message });
    case 'uncertain':
      return kivaError(redactor, 'network.connection-lost', { detail: result.detail });
  }
}

export interface ReadOptions {
  signal?: AbortSignal;
}
