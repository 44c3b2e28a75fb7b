import { ALL_SCOPES, type KivaEnvironment } from './environments';
import { kivaError, type KivaError } from './errors';
import { exchange, type ExchangeResult } from './exchange';
import { safeLog, type KivaLogResult, type KivaLogSink } from './log';
import type { Scope } from './models';
import { createRedactor, type Redactor } from './redact';
import { backoffMs, DEFAULT_RETRY, retryAfterMs, type RetrySettings } from './retry-policy';
import { err, ok, type Result } from './result';
import { scheduleAt, sleep, type KivaRuntime } from './runtime';
import { newToken, readTokenAnswer, tokenTiming, type KivaToken } from './token-response';
import { kivaMessage } from './wire';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenServiceOptions {
  environment: KivaEnvironment;
  credentials: ClientCredentials;
  runtime: KivaRuntime;
  /** Asked for in every token request; Kiva grants a subset. Default: all four. */
  scopes?: readonly Scope[];
  /** How long before expiry to renew; never less than 60 (Kiva's own client uses 60). */
  renewMarginSeconds?: number;
  timeoutMs?: number;
  /** Token requests are safe to repeat (a second token harms nothing), so every transient failure is retried. */
  retry?: Partial<RetrySettings>;
  /** Used only when Kiva's token answer carries no partnerId. */
  partnerId?: string;
  onRequest?: KivaLogSink;
}

export interface TokenService {
  readonly environment: KivaEnvironment;
  /** Knows the client secret and every token issued: use it for anything shown or logged. */
  readonly redactor: Redactor;
  /** The cached token, or a renewed one once the cached one reaches its renewal time. */
  getToken(options?: { signal?: AbortSignal }): Promise<Result<KivaToken>>;
  /** After Kiva refused `rejected` (401/403): a newer token, renewing once however many callers ask. */
  renewAfterRejection(rejected: KivaToken, options?: { signal?: AbortSignal }): Promise<Result<KivaToken>>;
  /** For a long-running server: renew on schedule without waiting for a caller. Timers come from the runtime. */
  startBackgroundRenewal(options?: { onError?: (error: KivaError) => void }): void;
  stopBackgroundRenewal(): void;
  /** What diagnostics may show about the cached token (never the token). */
  describe(): { partnerId?: string; grantedScopes?: readonly string[]; expiresAt?: number; renewAt?: number };
}

const MIN_RENEW_MARGIN_SECONDS = 60;
const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;
const TOKEN_RETRY: RetrySettings = { ...DEFAULT_RETRY, maxAttempts: 3 };
const BACKGROUND_RETRY: RetrySettings = { maxAttempts: 0, baseDelayMs: 5_000, maxDelayMs: 300_000, maxRetryAfterMs: 0 };

/** Auth0-style error codes meaning the client id or secret is wrong. */
const BAD_CLIENT_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'access_denied']);

export function createTokenService(options: TokenServiceOptions): TokenService {
  const { environment, credentials, runtime } = options;
  const redactor = createRedactor([credentials.clientSecret]);
  const marginMs = Math.max(MIN_RENEW_MARGIN_SECONDS, options.renewMarginSeconds ?? MIN_RENEW_MARGIN_SECONDS) * 1000;
  const retry: RetrySettings = { ...TOKEN_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    scope: (options.scopes ?? ALL_SCOPES).join(' '),
    audience: environment.audience,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  }).toString();

  let current: KivaToken | undefined;
  let renewal: Promise<Result<KivaToken>> | undefined;
  let background: { onError?: (error: KivaError) => void; cancel: () => void; failures: number } | undefined;

  const error = (code: Parameters<typeof kivaError>[1], params?: Parameters<typeof kivaError>[2]): KivaError =>
    kivaError(redactor, code, params);

  const log = (attempt: number, startedAt: number, result: KivaLogResult, status?: number, message?: string): void =>
    safeLog(options.onRequest, {
      time: new Date(startedAt).toISOString(),
      environment: environment.name,
      operation: 'token',
      method: 'POST',
      endpoint: environment.tokenUrl,
      rows: 0,
      attempt,
      ...(status !== undefined ? { status } : {}),
      durationMs: runtime.now() - startedAt,
      result,
      ...(message !== undefined ? { message: redactor.text(message) } : {}),
    });

  async function requestToken(): Promise<Result<KivaToken>> {
    for (let attempt = 1; ; attempt++) {
      const startedAt = runtime.now();
      const answer = await exchange(runtime, {
        method: 'POST',
        url: environment.tokenUrl,
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
        timeoutMs,
      });
      const verdict = judge(answer, startedAt);
      if (verdict.kind !== 'retry') {
        log(attempt, startedAt, verdict.result.ok ? 'ok' : 'failed', statusOf(answer), verdict.message);
        return verdict.result;
      }
      const waitMs = Math.max(verdict.retryAfterMs ?? 0, backoffMs(retry, attempt, runtime.random));
      if (attempt >= retry.maxAttempts || (verdict.retryAfterMs ?? 0) > retry.maxRetryAfterMs) {
        log(attempt, startedAt, 'failed', statusOf(answer), verdict.reason);
        return err(error('auth.token-unavailable', { tokenUrl: environment.tokenUrl, reason: verdict.reason }));
      }
      log(attempt, startedAt, 'retrying', statusOf(answer), verdict.reason);
      await sleep(runtime, waitMs);
    }
  }

  type Verdict =
    | { kind: 'done'; result: Result<KivaToken>; message?: string }
    | { kind: 'retry'; reason: string; retryAfterMs?: number };

  function judge(answer: ExchangeResult, requestedAt: number): Verdict {
    if (answer.kind === 'not-sent' || answer.kind === 'lost') return { kind: 'retry', reason: answer.detail };
    if (answer.kind === 'aborted') return { kind: 'retry', reason: 'aborted' };
    const { status, body } = answer;
    const said = kivaMessage(body);
    if (status === 429 || status >= 500) {
      const wait = retryAfterMs(answer.retryAfter, runtime.now());
      return { kind: 'retry', reason: `HTTP ${status}`, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
    }
    // Auth0 also answers access_denied when a client asks for a scope it was never granted: that is not a bad secret.
    const aboutScope = /scope/i.test(said.message ?? '');
    if (status === 401 || (status >= 400 && BAD_CLIENT_ERRORS.has(said.code ?? '') && !aboutScope)) {
      const result = err(error('auth.bad-credentials', { tokenUrl: environment.tokenUrl, status }));
      return { kind: 'done', result, ...(said.message !== undefined ? { message: said.message } : {}) };
    }
    if (status < 200 || status >= 300) {
      const message = said.message ?? said.code ?? '';
      return { kind: 'done', result: err(error('auth.token-refused', { status, message })), message };
    }
    const read = readTokenAnswer(body);
    if (!read.ok) {
      return {
        kind: 'done',
        result: err(error('auth.bad-token-response', { tokenUrl: environment.tokenUrl, detail: read.detail })),
      };
    }
    redactor.addSecret(read.rawToken);
    const partnerId = read.partnerId ?? options.partnerId;
    if (partnerId === undefined) {
      return { kind: 'done', result: err(error('auth.no-partner-id', { tokenUrl: environment.tokenUrl })) };
    }
    const timing = tokenTiming(requestedAt, read, marginMs);
    return { kind: 'done', result: ok(newToken(read.rawToken, partnerId, read.grantedScopes, timing)) };
  }

  /** Every caller that needs a new token while one is being fetched waits for that same request. */
  function renewShared(): Promise<Result<KivaToken>> {
    renewal ??= requestToken()
      .then((result) => {
        if (result.ok) {
          current = result.value;
          if (background) armBackground(result.value.renewAt);
        }
        return result;
      })
      .finally(() => {
        renewal = undefined;
      });
    return renewal;
  }

  async function getToken(callOptions: { signal?: AbortSignal } = {}): Promise<Result<KivaToken>> {
    if (current && runtime.now() < current.renewAt) return ok(current);
    const result = await untilAborted(renewShared(), callOptions.signal);
    // A renewal that failed early leaves a token that still works: use it rather than fail the caller.
    const fallback = current;
    if (!result.ok && result.error.code !== 'request.cancelled' && fallback && runtime.now() < fallback.expiresAt) {
      return ok(fallback);
    }
    return result;
  }

  async function renewAfterRejection(
    rejected: KivaToken,
    callOptions: { signal?: AbortSignal } = {},
  ): Promise<Result<KivaToken>> {
    if (current && current !== rejected && runtime.now() < current.renewAt) return ok(current);
    return untilAborted(renewShared(), callOptions.signal);
  }

  function untilAborted(pending: Promise<Result<KivaToken>>, signal?: AbortSignal): Promise<Result<KivaToken>> {
    if (!signal) return pending;
    if (signal.aborted) return Promise.resolve(err(error('request.cancelled')));
    return new Promise((resolve) => {
      const onAbort = (): void => resolve(err(error('request.cancelled')));
      signal.addEventListener('abort', onAbort, { once: true });
      void pending.then((result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      });
    });
  }

  function armBackground(at: number): void {
    if (!background) return;
    background.cancel();
    background.cancel = scheduleAt(runtime, at, () => void backgroundRenewal());
  }

  async function backgroundRenewal(): Promise<void> {
    const result = current && runtime.now() < current.renewAt ? ok(current) : await renewShared();
    if (!background) return;
    if (result.ok) {
      background.failures = 0;
      armBackground(result.value.renewAt);
      return;
    }
    background.failures += 1;
    background.onError?.(result.error);
    armBackground(runtime.now() + backoffMs(BACKGROUND_RETRY, background.failures, runtime.random));
  }

  return {
    environment,
    redactor,
    getToken,
    renewAfterRejection,
    startBackgroundRenewal(startOptions = {}) {
      if (background) return;
      background = { cancel: () => undefined, failures: 0, ...startOptions };
      armBackground(current ? current.renewAt : runtime.now());
    },
    stopBackgroundRenewal() {
      background?.cancel();
      background = undefined;
    },
    describe() {
      if (!current) return {};
      const { partnerId, grantedScopes, expiresAt, renewAt } = current;
      return { partnerId, ...(grantedScopes ? { grantedScopes } : {}), expiresAt, renewAt };
    },
  };
}

function statusOf(answer: ExchangeResult): number | undefined {
  return answer.kind === 'answered' ? answer.status : undefined;
}
