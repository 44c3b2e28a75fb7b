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

/**
 * Kiva's reference in the answer to a POST (loan draft uuid, repayment upload_id, journal confirm_url): without it a
 * 2xx is not proof that Kiva holds anything. Reads have no such proof and are taken as they come.
 */
export type ReferenceOf = (body: WireBody) => string | undefined;

/** The `code` Kiva puts in a success answer (kiva-api.md, "Checked again"). */
export const SUCCESS_CODES: readonly string[] = ['api.success'];

export function classify(answer: ExchangeResult, idempotent: boolean, now: number, proof?: ReferenceOf): Step {
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
    if (answer.bodyComplete) {
      const doubt = proof === undefined ? undefined : notKivasAnswer(body, proof);
      if (doubt === undefined) return { action: 'accept', status, body };
      // Something answered 2xx, but not Kiva: a login portal, a proxy page. What reached Kiva is unknown.
      return { action: 'uncertain', reason: 'not-kiva', status, detail: `HTTP ${status}, ${doubt}` };
    }
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

const RAW_SHOWN = 300;

/**
 * Why a 2xx body is not Kiva's answer to the call, or undefined when it is: JSON, every `code` it carries a success
 * code, and the call's reference present. The reason quotes the start of the raw answer for the Kiva log (the
 * caller redacts it).
 */
export function notKivasAnswer(body: WireBody, proof: ReferenceOf): string | undefined {
  if (body.kind !== 'json') return `answer is not JSON: ${raw(body.text)}`;
  const failing = codesOf(body.value).find((code) => !SUCCESS_CODES.includes(code));
  if (failing !== undefined) return `answer code ${failing} is not a success code: ${raw(body.text)}`;
  const reference = proof(body);
  if (reference === undefined || reference.trim() === '') return `answer carries no Kiva reference: ${raw(body.text)}`;
  return undefined;
}

/** The `code` of the answer, or of each answer in a list (repayments answer one per upload). */
function codesOf(value: unknown): string[] {
  const answers = Array.isArray(value) ? value : [value];
  return answers.flatMap((answer) => {
    if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return [];
    const code = (answer as Record<string, unknown>).code;
    return typeof code === 'string' ? [code] : [];
  });
}

function raw(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > RAW_SHOWN ? `${flat.slice(0, RAW_SHOWN)}…` : flat === '' ? '(empty)' : flat;
}
