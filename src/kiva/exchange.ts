import type { UncertainReason } from './models';
import type { KivaRuntime } from './runtime';
import { parseWireBody, type WireBody } from './wire';

export interface ExchangeRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Aborts the request in flight. Only requests that are safe to abandon (reads) pass the caller's signal. */
  signal?: AbortSignal;
}

/** What one HTTP attempt proved about the request: this decides whether a retry is safe. */
export type ExchangeResult =
  | { kind: 'answered'; status: number; retryAfter: string | null; body: WireBody; bodyComplete: boolean }
  | { kind: 'not-sent'; detail: string }
  | { kind: 'lost'; reason: UncertainReason; detail: string }
  | { kind: 'aborted' };

export async function exchange(runtime: KivaRuntime, request: ExchangeRequest): Promise<ExchangeResult> {
  if (request.signal?.aborted) return { kind: 'aborted' };
  const controller = new AbortController();
  let timedOut = false;
  const cancelTimer = runtime.schedule(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const forwardAbort = (): void => controller.abort();
  request.signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    const response = await runtime.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: controller.signal,
    });
    const retryAfter = response.headers.get('retry-after');
    try {
      const text = await response.text();
      return { kind: 'answered', status: response.status, retryAfter, body: parseWireBody(text), bodyComplete: true };
    } catch {
      // The status line arrived, the body did not: what the status says still holds.
      return {
        kind: 'answered',
        status: response.status,
        retryAfter,
        body: parseWireBody(''),
        bodyComplete: false,
      };
    }
  } catch (error) {
    if (timedOut) return { kind: 'lost', reason: 'timeout', detail: `no answer within ${request.timeoutMs} ms` };
    if (request.signal?.aborted) return { kind: 'aborted' };
    const detail = failureCodes(error).join(', ') || 'connection failed';
    return neverSent(error) ? { kind: 'not-sent', detail } : { kind: 'lost', reason: 'connection-lost', detail };
  } finally {
    cancelTimer();
    request.signal?.removeEventListener('abort', forwardAbort);
  }
}

/**
 * Failures that happen before a single byte of the request leaves: no connection, no name, no TLS. Anything else
 * (reset, socket closed) may come after Kiva read the request, so it is not in this list.
 */
const NEVER_SENT: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  // The command line's client (src/cli/http.ts): no connection within its connect timeout.
  'CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * undici's fetch rejects with `TypeError('fetch failed')` whose `cause` carries the system error code; when several
 * addresses were tried the cause is an AggregateError, and the request was never sent only if no attempt got through.
 */
export function failureCodes(error: unknown): string[] {
  const cause = property(error, 'cause') ?? error;
  const members = property(cause, 'errors');
  const sources = Array.isArray(members) && members.length > 0 ? members : [cause];
  const codes = sources.map(codeOf);
  return codes.every((code): code is string => code !== undefined) ? codes : [];
}

export function neverSent(error: unknown): boolean {
  const codes = failureCodes(error);
  return codes.length > 0 && codes.every((code) => NEVER_SENT.has(code));
}

function codeOf(value: unknown): string | undefined {
  const code = property(value, 'code');
  return typeof code === 'string' ? code : undefined;
}

function property(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}
