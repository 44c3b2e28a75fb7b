/**
 * Hand-driven time and network for the src/kiva unit tests: a fake clock whose timers fire only when the test
 * drives it, and a fake fetch that answers from a script.
 */
import {
  createKivaClient,
  createTokenService,
  type ClientSettingsInput,
  type FetchInitLike,
  type FetchLike,
  type FetchResponseLike,
  type KivaEnvironment,
  type KivaLogRecord,
  type KivaRuntime,
  type Scope,
  type TokenServiceOptions,
} from '../../src/kiva';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

export class FakeClock {
  now = Date.UTC(2026, 0, 5, 8, 0, 0);
  private timers: Timer[] = [];
  private seq = 0;

  readonly schedule = (callback: () => void, ms: number): (() => void) => {
    const timer: Timer = { at: this.now + Math.max(0, ms), seq: this.seq++, callback, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };

  pendingTimers(): number {
    return this.timers.filter((timer) => !timer.cancelled).length;
  }

  /** Fires the earliest pending timer, moving the clock to it. False when none is left. */
  fireNext(): boolean {
    const live = this.timers.filter((timer) => !timer.cancelled).sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = live[0];
    if (!next) return false;
    this.timers = live.slice(1);
    this.now = Math.max(this.now, next.at);
    next.callback();
    return true;
  }

  /** Moves time forward, firing every timer due on the way (and letting promises settle between them). */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      await settle();
      const live = this.timers.filter((timer) => !timer.cancelled && timer.at <= until);
      if (live.length === 0) break;
      this.fireNext();
    }
    this.now = until;
    await settle();
  }

  /** Awaits `promise`, firing timers whenever everything else is waiting on them. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    const watched = promise.finally(() => {
      done = true;
    });
    for (let steps = 0; steps < 100_000; steps++) {
      await settle();
      if (done) return watched;
      if (!this.fireNext()) {
        await settle();
        if (done) return watched;
        throw new Error('stuck: the promise waits on something other than the fake clock');
      }
    }
    throw new Error('too many timer steps');
  }
}

/** Lets every queued promise callback and I/O callback run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

export interface FakeRequest {
  url: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  json: unknown;
  at: number;
  signal: AbortSignal;
}

export type FakeReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { networkError: string }
  | { hang: true }
  | { cutBody: number };

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export function fetchFailure(code: string): TypeError {
  const cause = Object.assign(new Error(`${code} (fake)`), { code });
  return Object.assign(new TypeError('fetch failed'), { cause });
}

function response(status: number, text: string, headers: Record<string, string> = {}): FetchResponseLike {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, headers: { get: (name) => lower[name.toLowerCase()] ?? null }, text: async () => text };
}

export class FakeNetwork {
  readonly requests: FakeRequest[] = [];
  /** API requests (not token requests) in flight now, and at most so far. */
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly clock: FakeClock,
    public handler: FakeHandler,
  ) {}

  readonly fetch: FetchLike = async (url: string, init: FetchInitLike) => {
    const parsed = new URL(url);
    const request: FakeRequest = {
      url,
      path: parsed.pathname + parsed.search,
      method: init.method,
      headers: init.headers,
      body: init.body,
      json: safeJson(init.body),
      at: this.clock.now,
      signal: init.signal,
    };
    this.requests.push(request);
    const counted = !url.startsWith(TEST_ENVIRONMENT.tokenUrl);
    if (counted) this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const reply = await this.handler(request);
      if ('networkError' in reply) throw fetchFailure(reply.networkError);
      if ('hang' in reply) {
        return await new Promise<FetchResponseLike>((_, reject) => {
          const abort = (): void =>
            reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
          if (init.signal.aborted) abort();
          init.signal.addEventListener('abort', abort, { once: true });
        });
      }
      if ('cutBody' in reply) {
        return { ...response(reply.cutBody, ''), text: () => Promise.reject(fetchFailure('UND_ERR_SOCKET')) };
      }
      const text =
        typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
      return response(reply.status, text, reply.headers);
    } finally {
      if (counted) this.inFlight -= 1;
    }
  };

  api(): FakeRequest[] {
    return this.requests.filter((request) => !request.url.startsWith(TEST_ENVIRONMENT.tokenUrl));
  }

  tokenRequests(): FakeRequest[] {
    return this.requests.filter((request) => request.url.startsWith(TEST_ENVIRONMENT.tokenUrl));
  }
}

function safeJson(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export const TEST_ENVIRONMENT: KivaEnvironment = {
  name: 'custom',
  tokenUrl: 'https://auth.test/oauth/token',
  audience: 'https://partner-api.test',
  apiBase: 'https://partner-api.test',
};

export const SECRET = 'sEcReT-0123456789-do-not-show';
export const CREDENTIALS = { clientId: 'client-abc', clientSecret: SECRET };
export const ALL_GRANTED: Scope[] = ['read:loans', 'create:loan_draft', 'create:journal_update', 'create:repayment'];

/** A JWT-shaped token (so the shape-based redaction is exercised too) with a recognisable serial. */
export function fakeJwt(serial: number, claims: Record<string, unknown> = {}): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ sub: 'client-abc', serial, ...claims })}.c2lnbmF0dXJl${serial}`;
}

export interface TokenScript {
  expiresIn?: number;
  scope?: string;
  partnerId?: string | number;
  claims?: (serial: number) => Record<string, unknown>;
  casing?: 'snake' | 'camel';
}

/** A token endpoint issuing token 1, 2, 3… in turn. */
export function tokenEndpoint(script: TokenScript = {}): { issued: string[]; reply: () => FakeReply } {
  const issued: string[] = [];
  return {
    issued,
    reply: () => {
      const token = fakeJwt(issued.length + 1, script.claims?.(issued.length + 1));
      issued.push(token);
      const partner = script.partnerId ?? '145';
      return {
        status: 200,
        body: {
          access_token: token,
          token_type: 'bearer',
          expires_in: script.expiresIn ?? 43199,
          scope: script.scope ?? ALL_GRANTED.join(' '),
          ...(script.casing === 'camel' ? { partnerId: partner } : { partner_id: partner }),
          iss: 'https://auth.test/',
        },
      };
    },
  };
}

export interface Harness {
  clock: FakeClock;
  network: FakeNetwork;
  runtime: KivaRuntime;
  log: KivaLogRecord[];
  issued: string[];
}

export function harness(api: FakeHandler, tokenScript: TokenScript = {}): Harness {
  const clock = new FakeClock();
  const tokens = tokenEndpoint(tokenScript);
  const network = new FakeNetwork(clock, (request) =>
    request.url.startsWith(TEST_ENVIRONMENT.tokenUrl) ? tokens.reply() : api(request),
  );
  let seed = 1;
  const runtime: KivaRuntime = {
    fetch: network.fetch,
    now: () => clock.now,
    schedule: clock.schedule,
    // Deterministic jitter.
    random: () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    },
  };
  return { clock, network, runtime, log: [], issued: tokens.issued };
}

export function tokenService(h: Harness, options: Partial<TokenServiceOptions> = {}) {
  return createTokenService({
    environment: TEST_ENVIRONMENT,
    credentials: CREDENTIALS,
    runtime: h.runtime,
    onRequest: (record) => h.log.push(record),
    ...options,
  });
}

export function client(
  h: Harness,
  settings: ClientSettingsInput = {},
  tokenOptions: Partial<TokenServiceOptions> = {},
) {
  const tokens = tokenService(h, tokenOptions);
  return {
    tokens,
    kiva: createKivaClient({
      tokens,
      runtime: h.runtime,
      settings: { retry: { baseDelayMs: 100, maxDelayMs: 1000 }, ...settings },
      onRequest: (record) => h.log.push(record),
    }),
  };
}

/**
 * By default an answer any send accepts as Kiva's: a success code and the reference of each kind of call (a 2xx
 * without its reference is uncertain, see classify.ts).
 */
export const KIVA_OK = {
  code: 'api.success',
  message: 'ok',
  loan_draft_uuid: 'draft-1',
  upload_id: 'up-1',
  confirm_url: 'https://pa2.test/confirm/1',
};

export const ok200 = (body: unknown = KIVA_OK): FakeReply => ({ status: 200, body });
