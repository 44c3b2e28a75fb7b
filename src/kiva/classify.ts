import type { ExchangeResult } from './exchange';
import type { UncertainReason } from './models';
import { retryAfterMs } from './retry-policy';
import { kivaMessage, type WireBody } from './wire';

/**
 * What to do after one attempt. The rule: a request is repeated only when it certainly did not take effect
 * (429, 503, no connection) — Kiva has no idempotency key, so a POST whose answer was lost is never sent again.
 * Reads change nothing and are repeated on any transient failure.
 */
export type Step =
  | { action: 'accept'; status: number; body: WireBody }
  | { action: 'renew-token'; status: 401 | 403; message?: string }
  | { action: 'reject'; status: number; code?: string; message: string }
  | { action: 'retry'; why: RetryCause; status?: number; detail: string; retryAfterMs?: number }
  | { action: 'uncertain'; reason: UncertainReason; status?: number; detail: string }
  | { action: 'cancel' };

/** Why a retry was chosen; it also names the error if the attempts run out. */
export type RetryCause = 'busy' | 'not-sent' | 'server-error' | 'timeout' | 'connection-lost';

export function classify(answer: ExchangeResult, idempotent: boolean, now: number): Step {
  switch (answer.kind) {
    case 'aborted':
      return { action: 'cancel' };
    case 'not-sent':
      return { action: 'retry', why: 'not-sent', detail: answer.detail };
    case 'lost':
      return idempotent
        ? { action: 'retry', why: answer.reason === 'timeout' ? 'timeout' : 'connection-lost', detail: answer.detail }
        : { action: 'uncertain', reason: answer.reason, detail: answer.detail };
  }
  const { status, body } = answer;
  const said = kivaMessage(body);
  if (status >= 200 && status < 300) {
    if (answer.bodyComplete) return { action: 'accept', status, body };
    // Applied, but Kiva's per-row verdict (problems, references) never arrived.
    return idempotent
      ? { action: 'retry', why: 'connection-lost', status, detail: 'answer cut short' }
      : { action: 'uncertain', reason: 'connection-lost', status, detail: `HTTP ${status}, answer cut short` };
  }
  if (status === 429 || status === 503) {
    const wait = retryAfterMs(answer.retryAfter, now);
    return {
      action: 'retry',
      why: 'busy',
      status,
      detail: said.message ?? `HTTP ${status}`,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    };
  }
  if (status === 401 || status === 403) {
    return { action: 'renew-token', status, ...(said.message !== undefined ? { message: said.message } : {}) };
  }
  if (status >= 500) {
    const detail = said.message ?? `HTTP ${status}`;
    return idempotent
      ? { action: 'retry', why: 'server-error', status, detail }
      : { action: 'uncertain', reason: 'server-error', status, detail };
  }
  return {
    action: 'reject',
    status,
    ...(said.code !== undefined ? { code: said.code } : {}),
    message: said.message ?? `HTTP ${status}`,
  };
}
