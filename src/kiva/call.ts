import { classify, type ReferenceOf, type RetryCause, type Step } from './classify';
import { OPERATION_SCOPES, type KivaOperation } from './environments';
import { kivaError, type KivaError } from './errors';
import { exchange } from './exchange';
import { safeLog, type KivaLogResult, type KivaLogSink } from './log';
import type { UncertainReason } from './models';
import { backoffMs, type RetrySettings } from './retry-policy';
import { sleep, type KivaRuntime } from './runtime';
import type { TokenService } from './token-service';
import type { KivaToken } from './token-response';
import type { WireBody } from './wire';

export interface CallSpec {
  operation: KivaOperation;
  method: 'GET' | 'POST';
  /** Path and query after the API base; the partner id comes from the token. */
  path: (partnerId: string) => string;
  body?: unknown;
  /** Sheet rows the request carries, for the log. */
  rows: number;
  signal?: AbortSignal;
  /**
   * Kiva's reference in a success body, for the log. For a POST it is also the proof that Kiva answered: a 2xx
   * without it (or not JSON, or with a failure code) is uncertain, never accepted.
   */
  referenceOf?: ReferenceOf;
}

export type CallResult =
  | { kind: 'ok'; status: number; body: WireBody }
  | { kind: 'rejected'; status: number; code?: string; message: string }
  | { kind: 'uncertain'; reason: UncertainReason; detail: string; status?: number }
  | { kind: 'failed'; error: KivaError }
  | { kind: 'cancelled' };

export interface CallerDeps {
  runtime: KivaRuntime;
  tokens: TokenService;
  timeoutMs: number;
  retry: RetrySettings;
  onRequest?: KivaLogSink;
}

export type Caller = (spec: CallSpec) => Promise<CallResult>;

/**
 * One authorised request to the Partner API, with the retries that are safe for it. A 401 or 403 renews the
 * token once and repeats once (Kiva answers 403 for an expired token); a 429 or 503 pauses every request of this
 * caller for its Retry-After, since the others would meet the same answer.
 */
export function createCaller(deps: CallerDeps): Caller {
  const { runtime, tokens, retry } = deps;
  const redactor = tokens.redactor;
  const environment = tokens.environment;
  let pausedUntil = 0;

  return async function call(spec: CallSpec): Promise<CallResult> {
    const idempotent = spec.method === 'GET';
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const tokenOptions = { operation: spec.operation, ...(spec.signal ? { signal: spec.signal } : {}) };
    const first = await tokens.getToken(tokenOptions);
    if (!first.ok) return tokenFailure(first.error);
    let token: KivaToken = first.value;
    let renewedAfterRefusal = false;
    let counted = 0;

    for (let attempt = 1; ; attempt++) {
      // Nothing is in flight at this point, so stopping here certainly leaves Kiva untouched.
      if ((await sleep(runtime, pausedUntil - runtime.now(), spec.signal)) === 'aborted') return { kind: 'cancelled' };
      counted += 1;
      const startedAt = runtime.now();
      const endpoint = spec.path(token.partnerId);
      const answer = await exchange(runtime, {
        method: spec.method,
        url: environment.apiBase + endpoint,
        headers: {
          Accept: 'application/json',
          Authorization: token.accessToken.authorization(),
          ...(body !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        },
        ...(body !== undefined ? { body } : {}),
        timeoutMs: deps.timeoutMs,
        ...(idempotent && spec.signal ? { signal: spec.signal } : {}),
      });
      const step = classify(answer, idempotent, runtime.now(), idempotent ? undefined : spec.referenceOf);
      const log = (result: KivaLogResult, message?: string, reference?: string): void =>
        safeLog(deps.onRequest, {
          time: new Date(startedAt).toISOString(),
          environment: environment.name,
          operation: spec.operation,
          method: spec.method,
          endpoint,
          rows: spec.rows,
          attempt,
          ...(statusOf(step) !== undefined ? { status: statusOf(step) } : {}),
          durationMs: runtime.now() - startedAt,
          result,
          ...(reference !== undefined ? { reference: redactor.text(reference) } : {}),
          ...(message !== undefined ? { message: redactor.text(message) } : {}),
        });

      switch (step.action) {
        case 'accept': {
          // What a send's answer says ends up on sheet rows; what a read returns is data, left as Kiva sent it.
          const answer = idempotent ? step.body : redactBody(step.body);
          log('ok', undefined, spec.referenceOf?.(answer));
          return { kind: 'ok', status: step.status, body: answer };
        }
        case 'reject':
          log('rejected', step.message);
          return {
            kind: 'rejected',
            status: step.status,
            ...(step.code !== undefined ? { code: redactor.text(step.code) } : {}),
            message: redactor.text(step.message),
          };
        case 'uncertain':
          log('uncertain', step.detail);
          return {
            kind: 'uncertain',
            reason: step.reason,
            detail: redactor.text(step.detail),
            ...(step.status !== undefined ? { status: step.status } : {}),
          };
        case 'cancel':
          log('cancelled');
          return { kind: 'cancelled' };
        case 'renew-token': {
          if (renewedAfterRefusal) {
            log('failed', step.message);
            return { kind: 'failed', error: refusal(step.status, spec.operation, token, step.message) };
          }
          log('renewing-token', step.message);
          renewedAfterRefusal = true;
          counted -= 1;
          const renewed = await tokens.renewAfterRejection(token, tokenOptions);
          if (!renewed.ok) return tokenFailure(renewed.error);
          token = renewed.value;
          continue;
        }
        case 'retry': {
          const tooLong = (step.retryAfterMs ?? 0) > retry.maxRetryAfterMs;
          if (counted >= retry.maxAttempts || tooLong) {
            log('failed', step.detail);
            return { kind: 'failed', error: exhausted(step, tooLong) };
          }
          log('retrying', step.detail);
          const waitMs = Math.max(step.retryAfterMs ?? 0, backoffMs(retry, counted, runtime.random));
          if (step.retryAfterMs !== undefined) pausedUntil = Math.max(pausedUntil, runtime.now() + step.retryAfterMs);
          if ((await sleep(runtime, waitMs, spec.signal)) === 'aborted') return { kind: 'cancelled' };
          continue;
        }
      }
    }
  };

  function redactBody(answer: WireBody): WireBody {
    return answer.kind === 'json'
      ? { kind: 'json', value: redactor.value(answer.value), text: redactor.text(answer.text) }
      : { kind: 'text', text: redactor.text(answer.text) };
  }

  function tokenFailure(error: KivaError): CallResult {
    return error.code === 'request.cancelled' ? { kind: 'cancelled' } : { kind: 'failed', error };
  }

  function refusal(status: 401 | 403, operation: KivaOperation, token: KivaToken, message = ''): KivaError {
    if (status === 401) return kivaError(redactor, 'auth.unauthorized', { message });
    const scope = OPERATION_SCOPES[operation];
    if (scope !== undefined && token.grantedScopes !== undefined && !token.grantedScopes.includes(scope)) {
      return kivaError(redactor, 'auth.missing-scope', { scope, granted: token.grantedScopes.join(' ') || '(none)' });
    }
    return kivaError(redactor, 'auth.forbidden', { scope: scope ?? '(none documented)', message });
  }

  function exhausted(step: Extract<Step, { action: 'retry' }>, tooLong: boolean): KivaError {
    const codes: Record<RetryCause, Parameters<typeof kivaError>[1]> = {
      busy: 'kiva.unavailable',
      'not-sent': 'network.unreachable',
      'server-error': 'kiva.server-error',
      timeout: 'network.timeout',
      'connection-lost': 'network.connection-lost',
    };
    return kivaError(redactor, codes[step.why], {
      detail: step.detail,
      ...(step.why === 'server-error' ? { message: step.detail } : {}),
      ...(step.why === 'timeout' ? { timeoutMs: deps.timeoutMs } : {}),
      ...(step.status !== undefined ? { status: step.status } : {}),
      ...(tooLong && step.retryAfterMs !== undefined ? { retryAfterSeconds: Math.ceil(step.retryAfterMs / 1000) } : {}),
    });
  }
}

function statusOf(step: Step): number | undefined {
  return 'status' in step ? step.status : undefined;
}
