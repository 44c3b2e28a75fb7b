import type { Scope } from '../../src/kiva/models';

export interface EmulatorClient {
  clientId: string;
  clientSecret: string;
  partnerId: string;
  scopes: Scope[];
  /**
   * The partner's repayment report format in PA2 (default 'two-column'): a three-column partner must send
   * `client_id` with every repayment and `internal_client_id` with every journal.
   */
  reportFormat?: 'two-column' | 'three-column';
}

export interface EmulatorOptions {
  /** 0 (default) = a free port; always listens on 127.0.0.1 only. */
  port?: number;
  /** Default: the demo client with all four scopes, plus a read:loans-only client. */
  clients?: EmulatorClient[];
  /** Default 43199, like Kiva. */
  tokenLifetimeSeconds?: number;
  /** Millisecond clock for token issue/expiry and `applied[].time` (default Date.now). */
  now?: () => number;
  /** Added before every response (default 0). */
  latencyMs?: number;
  /** CORS allow-list (default ['https://localhost:3000', 'http://127.0.0.1:3000']); '*' allows any origin. */
  allowedOrigins?: string[];
  /** The audience the token endpoint requires, compared exactly (default: the emulator's url). */
  audience?: string;
  /** Seeded partner loans (default 420); the same count always gives the same loans. */
  loanCount?: number;
  /** Field casing of config lists and loans (default 'snake', what Kiva answers in 2026; 'camel' is the lib's). */
  casing?: 'snake' | 'camel';
  /** 'list' (default, what Kiva's lib expects) or the same object unwrapped. */
  repaymentsResponse?: 'list' | 'object';
  /** 'kiva' (default) answers as Kiva; 'portal' stands for what sits in the way (see EmulatorMode). */
  mode?: EmulatorMode;
  /**
   * Which journal route exists (default 'documented': `/v3/partner/{id}/journals`, `{"journals":[…]}`, 200, as
   * Kiva's docs and library say); 'sample' is Kiva's one sample (`/v3/partners/{id}/journals`, bare array, 201);
   * 'both' accepts either. The other route answers 404.
   */
  journalRoute?: 'documented' | 'sample' | 'both';
  /**
   * Tokens as Kiva documents them (default 'documented': `aud` and `scope` arrays in the JWT, `client_id`, no
   * `sub`/`iat`), or 'auth0' (string `aud`/`scope`, `sub`, `iat`).
   */
  tokenShape?: 'documented' | 'auth0';
  /**
   * A token request asking for a scope the client does not hold: 'reject' (default) answers 400 `invalid_scope`;
   * 'intersect' grants what it holds of what was asked.
   */
  scopePolicy?: 'reject' | 'intersect';
}

/** The strictest reading of Kiva's sources: what every emulator does unless a test asks otherwise. */
export const STRICT_DEFAULTS = {
  journalRoute: 'documented',
  tokenShape: 'documented',
  scopePolicy: 'reject',
  casing: 'snake',
  repaymentsResponse: 'list',
} as const satisfies Partial<EmulatorOptions>;

/**
 * 'portal': a network login portal or proxy answers every API request (not the token endpoint) with `200` and an
 * HTML page ("Welcome to nginx!"); nothing is applied. Kiva never saw the request, yet the status says OK.
 */
export type EmulatorMode = 'kiva' | 'portal';

export interface Fault {
  /**
   * Default: any API request, i.e. not the token endpoint and not a CORS preflight. A string path matches when the
   * request's pathname contains it; a RegExp is tested against the pathname (no query). The method is compared
   * case-insensitively. A fault reaches the token endpoint or a preflight only when `path`/`method` select it.
   */
  match?: { method?: string; path?: string | RegExp };
  /** How many matching requests it hits (default 1). */
  times?: number;
  kind: 'status' | 'reset-before-apply' | 'reset-after-apply' | 'hang-after-apply' | 'latency';
  /** For 'status'. */
  status?: number;
  /** Sent as Retry-After when given. */
  retryAfterSeconds?: number;
  /** For 'status': apply the request before answering the error (default true for 500/502/504, false otherwise). */
  apply?: boolean;
  /** For 'latency'. */
  ms?: number;
}

export type AppliedEndpoint = 'loan_draft' | 'repayments' | 'journals';

export interface AppliedRequest {
  seq: number;
  time: number;
  partnerId: string;
  endpoint: AppliedEndpoint;
  body: unknown;
  /** loanDraftUuid, upload_id, or the first journal's confirm_url. */
  reference: string;
}

export interface ReceivedRequest {
  method: string;
  /** Pathname without the query. */
  path: string;
  /** The request target as sent, query included. */
  url: string;
  status: number | 'reset' | 'hang';
  /** The request passed authentication and authorisation (false when a fault answered before the check ran). */
  authorized: boolean;
}

export interface Emulator {
  url: string;
  tokenUrl: string;
  apiBase: string;
  audience: string;
  /** Every POST it applied, in order. */
  applied: AppliedRequest[];
  /** Every request it saw, in the order it answered (or dropped) them. */
  received: ReceivedRequest[];
  readonly tokensIssued: number;
  /** Faults are consumed in injection order: a request takes the first fault that matches it. */
  inject(fault: Fault): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Switches between answering as Kiva and as a login portal in front of it (see EmulatorMode). */
  setMode(mode: EmulatorMode): void;
  /** Every token issued so far answers 401 from now on. */
  revokeTokens(): void;
  /** Forget applied/received/faults and the tokensIssued count; issued tokens stay valid, seeded loans stay. */
  reset(): void;
  /** Flattened loan_ids of every applied repayment item, in order, for duplicate checks. */
  appliedRepaymentLoanIds(): string[];
  /** Also destroys open and hanging sockets so jest exits cleanly. */
  close(): Promise<void>;
}
