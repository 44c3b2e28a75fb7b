import { ALL_SCOPES, scopesFor, type KivaEnvironment, type KivaOperation } from './environments';
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

export interface TokenRequestOptions {
  signal?: AbortSignal;
  /**
   * What the token is for. Used only once Kiva refused the full set of scopes (`invalid_scope`): the request is then
   * made once more with only the scopes this operation needs.
   */
  operation?: KivaOperation;
  /**
   * Ask Kiva now even when a cached token is still good (the connection check proves the token URL answers today,
   * not hours ago). The new token replaces the cached one.
   */
  fresh?: boolean;
}

export interface TokenService {
  readonly environment: KivaEnvironment;
  /** Knows the client secret and every token issued: use it for anything shown or logged. */
  readonly redactor: Redactor;
  /** The cached token, or a renewed one once the cached one reaches its renewal time. */
  getToken(options?: TokenRequestOptions): Promise<Result<KivaToken>>;
  /** After Kiva refused `rejected` (401/403): a newer token, renewing once however many callers ask. */
  renewAfterRejection(rejected: KivaToken, options?: TokenRequestOptions): Promise<Result<KivaToken>>;
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

/** The two stage audiences Kiva's own pages name (kiva-api.md): the one to try when the other is refused. */
export const STAGE_AUDIENCES = ['https://partner-api-stage.dk1.kiva.org', 'https://partner-api-stage.kiva.org'];

/** One cached token and its renewal in flight, per set of scopes asked for. */
interface Slot {
  scopes: readonly Scope[];
  form: string;
  current?: KivaToken;
  renewal?: Promise<Result<KivaToken>>;
}

const FULL = 'full';

export function createTokenService(options: TokenServiceOptions): TokenService {
  const { environment, credentials, runtime } = options;
  const redactor = createRedactor([credentials.clientSecret]);
  const marginMs = Math.max(MIN_RENEW_MARGIN_SECONDS, options.renewMarginSeconds ?? MIN_RENEW_MARGIN_SECONDS) * 1000;
  const retry: RetrySettings = { ...TOKEN_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  const formFor = (scopes: readonly Scope[]): string =>
    new URLSearchParams({
      grant_type: 'client_credentials',
      // No scope at all: the token server grants what the client holds (only asked so after a refused scope).
      ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
      audience: environment.audience,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    }).toString();
  const fullScopes = options.scopes ?? ALL_SCOPES;
  const slots = new Map<string, Slot>([[FULL, { scopes: fullScopes, form: formFor(fullScopes) }]]);
  const fullSlot = slots.get(FULL) as Slot;
  const slotOfToken = new WeakMap<KivaToken, Slot>();
  /** Set once Kiva refused the full set of scopes: from then on each operation asks for its own. */
  let scopeRefused = false;
  let latest: KivaToken | undefined;

  const slotFor = (operation: KivaOperation | undefined): Slot => {
    if (!scopeRefused) return fullSlot;
    const scopes = operation === undefined ? [] : scopesFor([operation]);
    const key = scopes.join(' ');
    let slot = slots.get(key);
    if (!slot) {
      slot = { scopes, form: formFor(scopes) };
      slots.set(key, slot);
    }
    return slot;
  };
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

  async function requestToken(slot: Slot): Promise<Result<KivaToken>> {
    for (let attempt = 1; ; attempt++) {
      const startedAt = runtime.now();
      const answer = await exchange(runtime, {
        method: 'POST',
        url: environment.tokenUrl,
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: slot.form,
        timeoutMs,
      });
      const verdict = judge(answer, startedAt, slot);
      if (verdict.kind !== 'retry') {
        log(attempt, startedAt, verdict.result.ok ? 'ok' : 'failed', statusOf(answer), verdict.message);
        return verdict.result;
      }
      const waitMs = Math.max(verdict.retryAfterMs ?? 0, backoffMs(retry, attempt, runtime.random));
      if (attempt >= retry.maxAttempts || (verdict.retryAfterMs ?? 0) > retry.maxRetryAfterMs) {
        const status = statusOf(answer);
        log(attempt, startedAt, 'failed', status, verdict.reason);
        // `status` only when Kiva answered at all: the connection check tells "unreachable" from "busy" by it.
        return err(
          error('auth.token-unavailable', {
            tokenUrl: environment.tokenUrl,
            reason: verdict.reason,
            ...(status !== undefined ? { status } : {}),
          }),
        );
      }
      log(attempt, startedAt, 'retrying', statusOf(answer), verdict.reason);
      await sleep(runtime, waitMs);
    }
  }

  type Verdict =
    | { kind: 'done'; result: Result<KivaToken>; message?: string }
    | { kind: 'retry'; reason: string; retryAfterMs?: number };

  function judge(answer: ExchangeResult, requestedAt: number, slot: Slot): Verdict {
    if (answer.kind === 'not-sent' || answer.kind === 'lost') return { kind: 'retry', reason: answer.detail };
    if (answer.kind === 'aborted') return { kind: 'retry', reason: 'aborted' };
    const { status, body } = answer;
    const said = kivaMessage(body);
    if (status === 429 || status >= 500) {
      const wait = retryAfterMs(answer.retryAfter, runtime.now());
      return { kind: 'retry', reason: `HTTP ${status}`, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
    }
    // Kiva's own words (OAuth's error_description) travel with every refusal: they name what to fix.
    const description = said.message ?? said.code ?? 'no reason given';
    const done = (result: Result<KivaToken>): Verdict => ({ kind: 'done', result, message: description });
    if (status < 200 || status >= 300) {
      // Auth0 answers access_denied both for a scope the client was never granted and for an unknown audience
      // ("Service not found"): neither is a bad secret, and each has its own fix.
      const aboutScope = said.code === 'invalid_scope' || /scope/i.test(said.message ?? '');
      const aboutAudience = !aboutScope && /audience|service/i.test(said.message ?? '');
      if (aboutScope) {
        const scopes = slot.scopes.join(' ') || '(none)';
        return done(err(error('auth.scope-refused', { tokenUrl: environment.tokenUrl, status, scopes, description })));
      }
      if (aboutAudience && status !== 401) {
        return done(
          err(
            error('auth.audience-refused', {
              tokenUrl: environment.tokenUrl,
              status,
              audience: environment.audience,
              description,
              stageAudiences: STAGE_AUDIENCES.join(' or '),
            }),
          ),
        );
      }
      if (status === 401 || (status >= 400 && BAD_CLIENT_ERRORS.has(said.code ?? ''))) {
        return done(err(error('auth.bad-credentials', { tokenUrl: environment.tokenUrl, status, description })));
      }
      return done(err(error('auth.token-refused', { status, message: description })));
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
  function renewShared(slot: Slot): Promise<Result<KivaToken>> {
    slot.renewal ??= requestToken(slot)
      .then((result) => {
        if (result.ok) {
          slot.current = result.value;
          latest = result.value;
          slotOfToken.set(result.value, slot);
          if (background && slot === fullSlot) armBackground(result.value.renewAt);
        }
        return result;
      })
      .finally(() => {
        slot.renewal = undefined;
      });
    return slot.renewal;
  }

  /**
   * A token for the slot; when Kiva refuses the full set of scopes, one more request with only what `operation`
   * needs (and from then on every operation asks for its own), so a partner without journals can still repay.
   */
  async function obtain(slot: Slot, callOptions: TokenRequestOptions): Promise<Result<KivaToken>> {
    const result = await untilAborted(renewShared(slot), callOptions.signal);
    if (!result.ok && result.error.code === 'auth.scope-refused' && slot === fullSlot) {
      scopeRefused = true;
      const narrow = slotFor(callOptions.operation);
      const retried = await untilAborted(renewShared(narrow), callOptions.signal);
      // Refused even with nothing asked: the first refusal, naming the scopes, says more.
      return !retried.ok && retried.error.code === 'auth.scope-refused' && narrow.scopes.length === 0
        ? result
        : retried;
    }
    return result;
  }

  async function getToken(callOptions: TokenRequestOptions = {}): Promise<Result<KivaToken>> {
    const slot = slotFor(callOptions.operation);
    const held = slot.current;
    if (held && callOptions.fresh !== true && runtime.now() < held.renewAt) return ok(held);
    const result = await obtain(slot, callOptions);
    // A renewal that failed early leaves a token that still works: use it rather than fail the caller.
    if (
      !result.ok &&
      callOptions.fresh !== true &&
      result.error.code !== 'request.cancelled' &&
      held &&
      runtime.now() < held.expiresAt
    ) {
      return ok(held);
    }
    return result;
  }

  async function renewAfterRejection(
    rejected: KivaToken,
    callOptions: TokenRequestOptions = {},
  ): Promise<Result<KivaToken>> {
    const slot = slotOfToken.get(rejected) ?? slotFor(callOptions.operation);
    const held = slot.current;
    if (held && held !== rejected && runtime.now() < held.renewAt) return ok(held);
    return obtain(slot, callOptions);
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
    const current = fullSlot.current;
    const result = current && runtime.now() < current.renewAt ? ok(current) : await renewShared(fullSlot);
    if (!background) return;
    if (result.ok) {
      background.failures = 0;
      armBackground(result.value.renewAt);
      return;
    }
    if (result.error.code === 'auth.scope-refused') {
      // Each operation now asks for its own scopes when it needs a token: the full set will not be granted.
      scopeRefused = true;
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
      armBackground(fullSlot.current ? fullSlot.current.renewAt : runtime.now());
    },
    stopBackgroundRenewal() {
      background?.cancel();
      background = undefined;
    },
    describe() {
      const current = fullSlot.current ?? latest;
      if (!current) return {};
      const { partnerId, grantedScopes, expiresAt, renewAt } = current;
      return { partnerId, ...(grantedScopes ? { grantedScopes } : {}), expiresAt, renewAt };
    },
  };
}

function statusOf(answer: ExchangeResult): number | undefined {
  return answer.kind === 'answered' ? answer.status : undefined;
}
