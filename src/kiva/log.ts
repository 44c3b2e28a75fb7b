import type { EnvironmentName, KivaOperation } from './environments';

/**
 * One HTTP attempt, as the faces show it in the "Kiva log" sheet and in diagnostics. Built only from redacted
 * values: no token, no secret, no request body.
 */
export interface KivaLogRecord {
  /** ISO 8601, from the injected clock. */
  time: string;
  environment: EnvironmentName;
  operation: KivaOperation | 'token';
  method: 'GET' | 'POST';
  /** Path and query for API calls (no host), the full URL for the token endpoint. */
  endpoint: string;
  /** Sheet rows the request carried (0 for reads and tokens). */
  rows: number;
  /** 1 for the first attempt of a request. */
  attempt: number;
  status?: number;
  durationMs: number;
  result: KivaLogResult;
  /** Kiva's reference for accepted content (upload_id, loanDraftUuid, confirm_url). */
  reference?: string;
  message?: string;
}

export type KivaLogResult = 'ok' | 'rejected' | 'retrying' | 'renewing-token' | 'uncertain' | 'failed' | 'cancelled';

export type KivaLogSink = (record: KivaLogRecord) => void;

/** A broken log sink must not change what happens to the rows, so its errors stop here. */
export function safeLog(sink: KivaLogSink | undefined, record: KivaLogRecord): void {
  if (sink === undefined) return;
  try {
    sink(record);
  } catch {
    // The record is lost; the request's outcome is not.
  }
}
