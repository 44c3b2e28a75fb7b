/**
 * The Kiva port of the Excel add-in: the use cases reach Kiva through our server's `/api` (same origin as the pane,
 * see docs/server.md), never Kiva itself — the pane can neither keep Kiva's secret nor call Kiva across origins.
 * The task pane and the ribbon commands share this one module; `fetch` and the clock come in through src/kiva's
 * `KivaRuntime`, so it runs in the browser, in Node and in jest alike.
 *
 * Sending: the server answers a submit only when all of its rows are settled, so rows go in several small submits
 * to give the pane progress and a point where Cancel can stop. A submit that was started is never abandoned: its
 * answer is what records its rows (cancelling only keeps the next submits from starting).
 */
import {
  type AllLoansQuery,
  type ConfigLists,
  type JournalItem,
  type KivaError,
  type KivaErrorCode,
  type KivaLogRecord,
  type KivaRuntime,
  type LoanDraftItem,
  type PartnerLoan,
  type RepaymentItem,
  type RowOutcome,
  type RowRef,
  type UncertainReason,
} from '../kiva';
import { exchange, type ExchangeResult } from '../kiva/exchange';
import { retryAfterMs } from '../kiva/retry-policy';
import { sleep } from '../kiva/runtime';
import { isRecord } from '../kiva/wire';
import type { Endpoint } from '../sheet';
import { byOutcomeKind, reconcile } from './delivery';
import { appError, fail, fromKiva, ok, type AppError, type AppResult } from './errors';
import { DEFAULT_BATCHING, referenceKey } from './kiva-client-port';
import { appCatalogue } from './messages';
import type { KivaBatching, KivaCall, KivaPort, KivaSendOptions, KivaSendResult } from './ports';

export type ApiEnvironment = 'stage' | 'production';

/**
 * docs/server.md: where the server cannot tell which OS account a connection comes from, local mode wants the key a
 * one-time pairing gave the pane in this header on every /api call (the pages it serves carry nothing of the kind).
 */
export const PAIRING_KEY_HEADER = 'x-kiva-sheets-key';

/** The `{error: {code, message, params}}` answer of `/api`, or what stood for it when no answer came. */
export interface ApiFailure {
  /** 0 when no HTTP answer arrived. */
  status: number;
  code: string;
  message: string;
  params: Record<string, string | number>;
  /** Set when no answer arrived: whether the request may still have reached the server. */
  lost?: { reason: UncertainReason; detail: string };
  retryAfterMs?: number;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

/** One call to our own server, for the diagnostics a support person asks for. */
export interface ApiCallRecord {
  time: string;
  method: 'GET' | 'POST';
  /** Path without its query: search terms may name borrowers. */
  path: string;
  status: number;
  durationMs: number;
  code?: string;
}

export interface ApiClientOptions {
  runtime: KivaRuntime;
  /** Our server's origin; '' in the pane (same origin). */
  baseUrl?: string;
  /** Who calls: the pairing key (local mode, where needed), or an Entra bearer in Entra mode. Asked before every request. */
  headers: () => Promise<Record<string, string>>;
  /** Reads (default 60 s). */
  readTimeoutMs?: number;
  /** Submits: the server retries Kiva for a while before it answers (default 10 min). */
  submitTimeoutMs?: number;
  onCall?: (record: ApiCallRecord) => void;
}

export interface ApiClient {
  get<T>(path: string, signal?: AbortSignal): Promise<ApiResult<T>>;
  /** Never aborted from here: an answer lost on purpose would leave rows in an unknown state. */
  post<T>(path: string, body: unknown): Promise<ApiResult<T>>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { runtime } = options;
  const baseUrl = options.baseUrl ?? '';

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<ApiResult<T>> {
    const started = runtime.now();
    const headers: Record<string, string> = { accept: 'application/json', ...(await options.headers()) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const answer = await exchange(runtime, {
      method,
      url: `${baseUrl}${path}`,
      headers,
      ...(body !== undefined ? { body } : {}),
      timeoutMs,
      ...(signal !== undefined ? { signal } : {}),
    });
    const result = readAnswer<T>(answer, runtime.now());
    const record: ApiCallRecord = {
      time: new Date(started).toISOString(),
      method,
      path: path.split('?')[0] ?? path,
      status: answer.kind === 'answered' ? answer.status : 0,
      durationMs: Math.round(runtime.now() - started),
    };
    if (!result.ok) record.code = result.error.code;
    try {
      options.onCall?.(record);
    } catch {
      // Diagnostics must not change what happens to the rows.
    }
    return result;
  }

  return {
    get: (path, signal) => call('GET', path, undefined, options.readTimeoutMs ?? 60_000, signal),
    post: (path, body) => call('POST', path, JSON.stringify(body), options.submitTimeoutMs ?? 600_000),
  };
}

function readAnswer<T>(answer: ExchangeResult, now: number): ApiResult<T> {
  switch (answer.kind) {
    case 'aborted':
      return { ok: false, error: { status: 0, code: 'request.cancelled', message: 'cancelled', params: {} } };
    case 'not-sent':
      return { ok: false, error: unreachable(answer.detail) };
    case 'lost':
      return {
        ok: false,
        error: { ...unreachable(answer.detail), lost: { reason: answer.reason, detail: answer.detail } },
      };
    case 'answered': {
      const value = answer.body.kind === 'json' ? answer.body.value : undefined;
      if (answer.status >= 200 && answer.status < 300 && value !== undefined) return { ok: true, value: value as T };
      const error = isRecord(value) && isRecord(value.error) ? value.error : {};
      const failure: ApiFailure = {
        status: answer.status,
        code: typeof error.code === 'string' ? error.code : answer.status >= 500 ? 'server.error' : 'request.invalid',
        message: typeof error.message === 'string' ? error.message : `HTTP ${answer.status}`,
        params: { status: answer.status, ...scalars(error.params) },
      };
      const wait = retryAfterMs(answer.retryAfter, now);
      if (wait !== undefined) failure.retryAfterMs = wait;
      return { ok: false, error: failure };
    }
  }
}

function unreachable(detail: string): ApiFailure {
  return { status: 0, code: 'server.unreachable', message: detail, params: { detail } };
}

function scalars(value: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!isRecord(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number') out[key] = item;
  }
  return out;
}

/**
 * The use cases speak `AppError`. A Kiva error the server relayed (502) keeps its src/kiva code as the cause; a
 * refusal by our server itself (sign-in, pairing, rate limit…) rides in `params.code`, which the faces translate.
 */
export function apiAppError(failure: ApiFailure): AppError {
  if (failure.code === 'environment.not-configured') {
    return appError('kiva-not-configured', { detail: failure.message, ...failure.params });
  }
  if (failure.status === 502 && isKivaErrorCode(failure.code)) {
    const cause: KivaError = { code: failure.code, params: failure.params };
    return fromKiva(cause);
  }
  return appError('kiva', { ...failure.params, code: failure.code, detail: failure.message });
}

function isKivaErrorCode(code: string): code is KivaErrorCode {
  return Object.prototype.hasOwnProperty.call(appCatalogue('en').kiva, code);
}

/** One environment's `/api/session` entry, as far as sending needs it. */
interface SessionEnvironment {
  name: string;
  configured: boolean;
  canSubmit?: boolean;
  tokenError?: { code?: string; message?: string };
  batching?: unknown;
}

/**
 * How the server cuts one environment's requests, as `/api/session` publishes it (docs/server.md), or undefined when
 * it publishes none (an older server, an environment not configured, no session yet). Pass it as the port's
 * `batching` so a preview shows exactly the bodies the server will post.
 */
export function publishedBatching(session: unknown, environment: string): KivaBatching | undefined {
  if (!isRecord(session) || !Array.isArray(session.environments)) return undefined;
  const entry: unknown = session.environments.find((e: unknown) => isRecord(e) && e.name === environment);
  const batching = isRecord(entry) ? entry.batching : undefined;
  if (!isRecord(batching)) return undefined;
  const { repaymentsPerCall, journalsPerCall, journalsBody } = batching;
  if (!isCount(repaymentsPerCall) || !isCount(journalsPerCall)) return undefined;
  if (journalsBody !== 'array' && journalsBody !== 'wrapped') return undefined;
  return { repaymentsPerCall, journalsPerCall, journalsBody };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

interface SubmitAnswer {
  outcomes: RowOutcome[];
  log?: KivaLogRecord[];
  /** One per Kiva request the server made (rows in outcome order, Kiva's HTTP status); absent from older servers. */
  calls?: { rows: RowRef[]; httpStatus?: number }[];
}

export interface HttpKivaPortOptions {
  api: ApiClient;
  runtime: KivaRuntime;
  environment: ApiEnvironment;
  /** Send rows the server's duplicate guard holds back (already sent, or uncertain): an explicit user choice only. */
  force?: boolean;
  /**
   * The user's confirmation of this send (the pane's production dialog): the rows it named and an id new at each
   * confirmation. The server sends to production only with it, and no more rows than it names (docs/server.md).
   */
  confirmation?: { rows: number; id: string };
  /**
   * How the server cuts requests: what it publishes in `/api/session` (`publishedBatching`). Without it, src/kiva's
   * defaults, which a server configured otherwise (KIVA_SHEETS_REPAYMENTS_PER_CALL…) does not follow.
   */
  batching?: KivaBatching | undefined;
  /** Repayments: the report period (`YYYY-MM`) the server's ledger keys them by; absent, the server's default. */
  period?: string;
  /** Submits in flight at once (default 2: the server keeps up to 4 Kiva requests in flight per environment). */
  concurrency?: number;
  /** Loan drafts per submit (default 2). */
  draftsPerSubmit?: number;
  /** The server's body cap; a submit is kept under half of it, photos travel base64 inside drafts. */
  maxBodyBytes?: number;
  /** Every Kiva attempt the server reports (redacted there), for diagnostics. */
  onLog?: (record: KivaLogRecord) => void;
}

const REPAYMENTS_PATH = '/api/submit/repayments';
const RATE_LIMIT_RETRIES = 3;
const LONGEST_RATE_LIMIT_WAIT_MS = 60_000;

export function createHttpKivaPort(options: HttpKivaPortOptions): KivaPort {
  const { api, environment, runtime } = options;
  const batching: KivaBatching = options.batching ?? DEFAULT_BATCHING;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const query = `env=${encodeURIComponent(environment)}`;

  const read = async <T>(path: string, signal?: AbortSignal): Promise<AppResult<T>> => {
    const answer = await api.get<T>(path, signal);
    return answer.ok ? ok(answer.value) : fail(apiAppError(answer.error));
  };

  /** Cuts the items into submits, sends them a few at a time, and settles every row exactly once. */
  async function deliver<Item>(
    endpoint: Endpoint,
    path: string,
    items: readonly Item[],
    rowsOf: (item: Item) => readonly RowRef[],
    perSubmit: number,
    perRequest: number,
    sendOptions: KivaSendOptions = {},
  ): Promise<KivaSendResult> {
    const submits = cut(items, perSubmit, maxBodyBytes / 2);
    const settled: (RowOutcome[] | undefined)[] = submits.map(() => undefined);
    const calls: KivaCall[] = [];
    const total = items.reduce((sum, item) => sum + rowsOf(item).length, 0);
    let done = 0;
    let next = 0;
    // After the server refused a submit outright (sign-in, pairing…), the others would be refused too.
    let stopped: { code: string; message: string; params: Record<string, string | number> } | undefined;

    const settle = (index: number, outcomes: RowOutcome[]): void => {
      settled[index] = outcomes;
      done += outcomes.length;
      report(sendOptions, { done, total, latest: outcomes });
    };

    const worker = async (): Promise<void> => {
      for (;;) {
        const index = next++;
        const batch = submits[index];
        if (batch === undefined) return;
        const rows = batch.flatMap((item) => [...rowsOf(item)]);
        if (stopped !== undefined) {
          const why = stopped;
          settle(
            index,
            rows.map((row) => ({ kind: 'failed', row, ...why })),
          );
          continue;
        }
        if (sendOptions.signal?.aborted) {
          settle(
            index,
            rows.map((row) => ({ kind: 'cancelled', row })),
          );
          continue;
        }
        const answer = await submit(path, batch, sendOptions.signal);
        if (answer.ok) {
          const outcomes = reconcile(rows, answer.value.outcomes);
          for (const record of answer.value.log ?? []) safeCall(options.onLog, record);
          const served = answer.value.calls;
          calls.push(
            ...(served !== undefined
              ? servedCalls(endpoint, served, outcomes, runtime)
              : requestCalls(endpoint, batch.map(rowsOf), perRequest, outcomes, answer.value.log ?? [], runtime)),
          );
          settle(index, outcomes);
          continue;
        }
        const failure = answer.error;
        if (failure.code === 'request.cancelled') {
          settle(
            index,
            rows.map((row) => ({ kind: 'cancelled', row })),
          );
          continue;
        }
        const outcomes = failedSubmit(rows, failure);
        if (outcomes[0]?.kind === 'uncertain') {
          calls.push({ time: runtime.now(), endpoint, outcomes });
        }
        // Nothing more is sent after the server refused (or could not be reached): the rest were never sent.
        if (failure.code !== 'request.too-large') {
          stopped = {
            code: failure.code,
            message: failure.message,
            params: failure.params,
          };
        }
        settle(index, outcomes);
      }
    };

    await Promise.all(Array.from({ length: Math.min(concurrency, submits.length) }, () => worker()));
    return { outcomes: settled.flatMap((outcomes) => outcomes ?? []), calls };
  }

  /** One submit; our server's rate limit is waited out (it answered before doing anything). */
  async function submit<Item>(
    path: string,
    items: readonly Item[],
    signal: AbortSignal | undefined,
  ): Promise<ApiResult<SubmitAnswer>> {
    const { confirmation, period } = options;
    const body = {
      env: environment,
      force: options.force === true,
      ...(period !== undefined && path === REPAYMENTS_PATH ? { period } : {}),
      ...(confirmation !== undefined ? { confirmation: { env: environment, ...confirmation } } : {}),
      items,
    };
    for (let attempt = 1; ; attempt++) {
      const answer = await api.post<SubmitAnswer>(path, body);
      const wait = answer.ok ? undefined : answer.error.retryAfterMs;
      if (answer.ok || answer.error.status !== 429 || attempt > RATE_LIMIT_RETRIES) return answer;
      const slept = await sleep(runtime, Math.min(wait ?? 1000 * attempt, LONGEST_RATE_LIMIT_WAIT_MS), signal);
      if (slept === 'aborted') {
        return { ok: false, error: { status: 0, code: 'request.cancelled', message: 'cancelled', params: {} } };
      }
    }
  }

  return {
    environment,
    batching,

    async connect(signal) {
      const session = await read<{ environments?: SessionEnvironment[] }>('/api/session', signal);
      if (!session.ok) return session;
      const entry = session.value.environments?.find((e) => e.name === environment);
      if (entry === undefined || !entry.configured) {
        return fail(appError('kiva-not-configured', { detail: `Kiva ${environment}`, env: environment }));
      }
      if (entry.canSubmit === false) return fail(appError('kiva', { code: 'auth.not-allowed', env: environment }));
      const tokenError = entry.tokenError;
      if (tokenError?.code !== undefined && isKivaErrorCode(tokenError.code)) {
        return fail(fromKiva({ code: tokenError.code, params: { message: tokenError.message ?? '' } }));
      }
      return ok(undefined);
    },

    getConfigLists: (signal) => read<ConfigLists>(`/api/config-lists?${query}`, signal),

    async getAllLoans(loans: AllLoansQuery, signal) {
      const search = loans.query?.trim();
      const status = loans.statuses.length > 0 ? `&status=${encodeURIComponent(loans.statuses.join(','))}` : '';
      const text = search !== undefined && search !== '' ? `&query=${encodeURIComponent(search)}` : '';
      const answer = await read<{ loans: PartnerLoan[] }>(`/api/loans?${query}${status}${text}`, signal);
      return answer.ok ? ok(answer.value.loans) : answer;
    },

    createLoanDrafts: (items: readonly LoanDraftItem[], sendOptions) =>
      deliver(
        'loan_draft',
        '/api/submit/loan-drafts',
        items,
        (i) => i.rows,
        options.draftsPerSubmit ?? 2,
        1,
        sendOptions,
      ),

    sendRepayments: (items: readonly RepaymentItem[], sendOptions) =>
      deliver(
        'repayments',
        REPAYMENTS_PATH,
        items,
        (i) => [i.row],
        batching.repaymentsPerCall,
        batching.repaymentsPerCall,
        sendOptions,
      ),

    sendJournals: (items: readonly JournalItem[], sendOptions) =>
      deliver(
        'journals',
        '/api/submit/journals',
        items,
        (i) => [i.row],
        batching.journalsPerCall * 2,
        batching.journalsPerCall,
        sendOptions,
      ),
  };
}

/** Consecutive submits of at most `count` items and roughly `maxChars` of JSON; an oversized item goes alone. */
function cut<Item>(items: readonly Item[], count: number, maxChars: number): Item[][] {
  const submits: Item[][] = [];
  let current: Item[] = [];
  let size = 0;
  for (const item of items) {
    const length = JSON.stringify(item).length;
    if (current.length > 0 && (current.length >= count || size + length > maxChars)) {
      submits.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += length;
  }
  if (current.length > 0) submits.push(current);
  return submits;
}

/**
 * A submit the server did not answer with outcomes. An error answer means it did nothing with the rows (it checks,
 * then reserves, then sends); no answer at all, or a 5xx, may come after Kiva applied them.
 */
function failedSubmit(rows: readonly RowRef[], failure: ApiFailure): RowOutcome[] {
  const refusedBeforeSending =
    failure.lost === undefined &&
    failure.status !== 0 &&
    (failure.status < 500 || failure.code === 'server.starting' || failure.code === 'server.stopping');
  if (refusedBeforeSending || (failure.status === 0 && failure.lost === undefined)) {
    return rows.map((row) => ({
      kind: 'failed',
      row,
      code: failure.code,
      message: failure.message,
      params: failure.params,
    }));
  }
  const reason: UncertainReason = failure.lost?.reason ?? 'server-error';
  const detail = failure.lost?.detail ?? `${failure.code} (HTTP ${failure.status})`;
  return rows.map((row) => ({ kind: 'uncertain', row, reason, detail }));
}

/** One `KivaCall` per Kiva request the submit stood for, with Kiva's HTTP status where the server's log says it. */
function requestCalls(
  endpoint: Endpoint,
  itemRows: readonly (readonly RowRef[])[],
  perRequest: number,
  outcomes: readonly RowOutcome[],
  log: readonly KivaLogRecord[],
  runtime: Pick<KivaRuntime, 'now'>,
): KivaCall[] {
  const statusByReference = new Map<string, number>();
  for (const record of log) {
    if (record.reference !== undefined && record.status !== undefined) {
      statusByReference.set(record.reference, record.status);
    }
  }
  const calls: KivaCall[] = [];
  let offset = 0;
  for (let start = 0; start < itemRows.length; start += perRequest) {
    const count = itemRows.slice(start, start + perRequest).reduce((sum, rows) => sum + rows.length, 0);
    const part = outcomes.slice(offset, offset + count);
    offset += count;
    if (!part.some((o) => o.kind !== 'cancelled')) continue;
    const call: KivaCall = { time: runtime.now(), endpoint, outcomes: part };
    const status = statusOf(part, statusByReference);
    if (status !== undefined) call.httpStatus = status;
    calls.push(call);
  }
  return calls;
}

/**
 * The Kiva requests the server says it made, as calls: one per request and outcome kind (the Kiva log's one line per
 * outcome kind per call), with Kiva's HTTP status. Rows the ledger held back went to no request: their statuses say
 * why, and no log line stands for a call that was never made.
 */
function servedCalls(
  endpoint: Endpoint,
  served: readonly { rows: RowRef[]; httpStatus?: number }[],
  outcomes: readonly RowOutcome[],
  runtime: Pick<KivaRuntime, 'now'>,
): KivaCall[] {
  const byRow = new Map(outcomes.map((outcome) => [rowKey(outcome.row), outcome]));
  const calls: KivaCall[] = [];
  for (const request of served) {
    const mine = request.rows.flatMap((row) => {
      const outcome = byRow.get(rowKey(row));
      return outcome === undefined || outcome.kind === 'cancelled' ? [] : [outcome];
    });
    for (const part of byOutcomeKind(mine)) {
      const call: KivaCall = { time: runtime.now(), endpoint, outcomes: part };
      if (request.httpStatus !== undefined) call.httpStatus = request.httpStatus;
      calls.push(call);
    }
  }
  return calls;
}

function rowKey(row: RowRef): string {
  return `${row.sheet}\u0000${row.row}`;
}

function statusOf(outcomes: readonly RowOutcome[], byReference: ReadonlyMap<string, number>): number | undefined {
  for (const outcome of outcomes) {
    if (outcome.kind === 'rejected' && outcome.status !== undefined) return outcome.status;
    if (outcome.kind === 'sent') {
      const key = referenceKey(outcome.reference);
      const status = key === undefined ? undefined : byReference.get(key);
      if (status !== undefined) return status;
    }
  }
  return undefined;
}

function report(options: KivaSendOptions, progress: { done: number; total: number; latest: RowOutcome[] }): void {
  try {
    options.onProgress?.(progress);
  } catch {
    // Progress is advisory: a broken display must not change what happens to the rows.
  }
}

function safeCall<T>(sink: ((value: T) => void) | undefined, value: T): void {
  try {
    sink?.(value);
  } catch {
    // A broken diagnostics sink loses a record, never a row's outcome.
  }
}
