import type { CallResult } from './call';
import { describeKivaError, type KivaError } from './errors';
import type { KivaReference, RowOutcome, RowRef } from './models';

/**
 * Decides the outcome of one row of a request. Requests produce a verdict and the batch runner applies it to each
 * of the request's rows, so every row gets exactly one outcome by construction.
 */
export interface Verdict {
  (row: RowRef, index: number): RowOutcome;
  /** The HTTP status of the answer the verdict comes from, when Kiva answered (the Kiva log's status column). */
  readonly status?: number;
}

/** A verdict read from an answer with this HTTP status. */
export function answeredVerdict(status: number, verdict: (row: RowRef, index: number) => RowOutcome): Verdict {
  return Object.assign(verdict, { status });
}

export function failedVerdict(error: KivaError): Verdict {
  const message = describeKivaError(error);
  return (row) => ({ kind: 'failed', row, code: error.code, message, params: error.params });
}

export const cancelledVerdict: Verdict = (row) => ({ kind: 'cancelled', row });

/** The same outcome for every row of a request that Kiva did not accept as a whole. */
export function wholeRequestVerdict(result: Exclude<CallResult, { kind: 'ok' }>): Verdict {
  switch (result.kind) {
    case 'rejected':
      return answeredVerdict(result.status, (row) => ({
        kind: 'rejected',
        row,
        status: result.status,
        ...(result.code !== undefined ? { code: result.code } : {}),
        message: result.message,
      }));
    case 'uncertain': {
      const verdict: Verdict = (row) => ({
        kind: 'uncertain',
        row,
        reason: result.reason,
        detail: result.detail,
        ...(result.status !== undefined ? { status: result.status } : {}),
      });
      return result.status !== undefined ? answeredVerdict(result.status, verdict) : verdict;
    }
    case 'failed':
      return failedVerdict(result.error);
    case 'cancelled':
      return cancelledVerdict;
  }
}

/**
 * How a row's outcome reads to the user, whatever the face: `sent` and `warned` reached Kiva and were accepted
 * (`warned`: Kiva attached warnings the user must read), `rejected` Kiva refused, `uncertain` may have been applied,
 * `not-sent` never left (refused before sending, cancelled). The status cell's colour follows it.
 */
export type OutcomeTone = 'sent' | 'warned' | 'rejected' | 'uncertain' | 'not-sent';

export function outcomeTone(outcome: RowOutcome): OutcomeTone {
  switch (outcome.kind) {
    case 'sent':
      return (outcome.reference?.warnings?.length ?? 0) > 0 ? 'warned' : 'sent';
    case 'rejected':
      return 'rejected';
    case 'uncertain':
      return 'uncertain';
    case 'failed':
    case 'cancelled':
      return 'not-sent';
  }
}

/** Kiva's warnings on an accepted row with their codes (`code` absent when Kiva gave none). */
export function kivaWarnings(reference: KivaReference | undefined): { code?: string; message: string }[] {
  const codes = reference?.warningCodes ?? [];
  return (reference?.warnings ?? []).map((message, index) => {
    const code = codes[index];
    return code !== undefined && code !== '' ? { code, message } : { message };
  });
}
