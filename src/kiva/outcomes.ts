import type { CallResult } from './call';
import { describeKivaError, type KivaError } from './errors';
import type { RowOutcome, RowRef } from './models';

/**
 * Decides the outcome of one row of a request. Requests produce a verdict and the batch runner applies it to each
 * of the request's rows, so every row gets exactly one outcome by construction.
 */
export type Verdict = (row: RowRef, index: number) => RowOutcome;

export function failedVerdict(error: KivaError): Verdict {
  const message = describeKivaError(error);
  return (row) => ({ kind: 'failed', row, code: error.code, message, params: error.params });
}

export const cancelledVerdict: Verdict = (row) => ({ kind: 'cancelled', row });

/** The same outcome for every row of a request that Kiva did not accept as a whole. */
export function wholeRequestVerdict(result: Exclude<CallResult, { kind: 'ok' }>): Verdict {
  switch (result.kind) {
    case 'rejected':
      return (row) => ({
        kind: 'rejected',
        row,
        status: result.status,
        ...(result.code !== undefined ? { code: result.code } : {}),
        message: result.message,
      });
    case 'uncertain':
      return (row) => ({
        kind: 'uncertain',
        row,
        reason: result.reason,
        detail: result.detail,
        ...(result.status !== undefined ? { status: result.status } : {}),
      });
    case 'failed':
      return failedVerdict(result.error);
    case 'cancelled':
      return cancelledVerdict;
  }
}
