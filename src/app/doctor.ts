/**
 * The connection check (`kiva-sheets doctor`, the pane's "Test the connection"): a partner's first day with real
 * credentials, line by line — does the token URL answer, is the audience right, which partner and permissions the
 * token carries, can the lists and the loans be read, is the journal route known yet. Each line is OK or a problem
 * with its fix (worded in doctor-texts.ts).
 *
 * Read-only by construction: the port it runs over has no way to send anything. It never holds a token either —
 * the port hands over what the token says, not the token.
 */
import {
  ALL_SCOPES,
  LOAN_STATUSES,
  type ConfigLists,
  type KivaError,
  type KivaOperation,
  type LoanStatus,
  type Result,
  type Scope,
} from '../kiva';
import type { JournalVariantName } from '../kiva';

/** What a token Kiva just issued says about the connection: never the token itself. */
export interface TokenFacts {
  partnerId: string;
  /** Kiva's `scope` answer; undefined when it did not say. */
  grantedScopes?: readonly string[];
  obtainedAt: number;
  expiresAt: number;
}

/** The reads the check needs, nothing that could create anything at Kiva. */
export interface DoctorPort {
  readonly environment: { name: string; tokenUrl: string; audience: string; apiBase: string };
  /** A token asked for now, not a cached one: the token URL must answer today. */
  freshToken(signal?: AbortSignal): Promise<Result<TokenFacts>>;
  configLists(signal?: AbortSignal): Promise<Result<ConfigLists>>;
  /** How many loans of this status Kiva lists for the partner. */
  countLoans(status: LoanStatus, signal?: AbortSignal): Promise<Result<number>>;
  /** The journal route the next send tries first, and whether an earlier send confirmed it (route memory). */
  journalRoute(): { variant: JournalVariantName | undefined; known: boolean };
}

export type DoctorCheck =
  | 'token-url'
  | 'credentials'
  | 'audience'
  | 'partner-id'
  | 'scopes'
  | 'token-lifetime'
  | 'config-lists'
  | 'loans'
  | 'journal-route';

export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  'token-url',
  'credentials',
  'audience',
  'partner-id',
  'scopes',
  'token-lifetime',
  'config-lists',
  'loans',
  'journal-route',
];

/** `info`: worth knowing, nothing to fix. `not-checked`: an earlier line's problem stopped this one. */
export type DoctorStatus = 'ok' | 'problem' | 'info' | 'not-checked';

export type DoctorCode =
  | 'token-url.ok'
  | 'token-url.unreachable'
  | 'token-url.failing'
  | 'token-url.not-kiva'
  | 'credentials.ok'
  | 'credentials.refused'
  | 'audience.ok'
  | 'audience.refused'
  | 'partner-id.ok'
  | 'partner-id.missing'
  | 'scopes.all'
  | 'scopes.missing'
  | 'scopes.refused'
  | 'scopes.unsaid'
  | 'lifetime.ok'
  | 'lifetime.short'
  | 'lists.ok'
  | 'lists.empty'
  | 'lists.unreachable'
  | 'lists.not-kiva'
  | 'lists.failed'
  | 'loans.ok'
  | 'loans.failed'
  | 'journal-route.known'
  | 'journal-route.unknown'
  /** A Kiva error the other codes do not foresee: worded from `error`. */
  | 'kiva.failed'
  | 'not-checked.earlier'
  | 'not-checked.needs-scope';

export interface DoctorLine {
  check: DoctorCheck;
  status: DoctorStatus;
  code: DoctorCode;
  params: Record<string, string | number>;
  /** The Kiva error behind a problem (its params are redacted by src/kiva), worded in the reader's language. */
  error?: KivaError;
}

export type DoctorOutcome = 'ok' | 'problems' | 'unreachable';

export interface DoctorReport {
  environment: DoctorPort['environment'];
  /** ISO 8601, UTC. */
  checkedAt: string;
  lines: DoctorLine[];
  outcome: DoctorOutcome;
  /** The command line's exit status: 0 all OK, 1 some problems, 2 Kiva could not be reached. */
  exit: 0 | 1 | 2;
}

/** Kiva documents about 12 hours; a token that ends within minutes means renewing before nearly every request. */
export const SHORTEST_SENSIBLE_LIFETIME_MS = 10 * 60_000;

/** The operations each scope allows, for "which operations they allow". */
const SCOPE_OPERATIONS: Readonly<Record<Scope, KivaOperation>> = {
  'read:loans': 'loans',
  'create:loan_draft': 'loan-draft',
  'create:journal_update': 'journals',
  'create:repayment': 'repayments',
};

const NETWORK_ERRORS = new Set(['network.unreachable', 'network.timeout', 'network.connection-lost']);

export async function doctor(
  port: DoctorPort,
  input: { now: () => number; signal?: AbortSignal },
): Promise<DoctorReport> {
  const { environment } = port;
  const lines: DoctorLine[] = [];
  let unreachable = false;
  const line = (
    check: DoctorCheck,
    status: DoctorStatus,
    code: DoctorCode,
    params: Record<string, string | number> = {},
    error?: KivaError,
  ): void => void lines.push({ check, status, code, params, ...(error !== undefined ? { error } : {}) });
  const notChecked = (from: DoctorCheck): void => {
    for (const check of DOCTOR_CHECKS.slice(DOCTOR_CHECKS.indexOf(from))) {
      if (check === 'journal-route') journalLine();
      else line(check, 'not-checked', 'not-checked.earlier');
    }
  };
  // Known from the route memory alone: worth saying even when nothing else could be checked.
  const journalLine = (partnerId?: string): void => {
    const route = port.journalRoute();
    const variant = route.variant ?? 'documented';
    const other = variant === 'documented' ? 'sample' : 'documented';
    const partner: Record<string, string> = partnerId !== undefined ? { partnerId } : {};
    if (route.known) line('journal-route', 'ok', 'journal-route.known', { route: variant, ...partner });
    else line('journal-route', 'info', 'journal-route.unknown', { route: variant, other, ...partner });
  };
  const finish = (): DoctorReport => {
    const problems = lines.some((l) => l.status === 'problem');
    const outcome: DoctorOutcome = unreachable ? 'unreachable' : problems ? 'problems' : 'ok';
    return {
      environment,
      checkedAt: new Date(input.now()).toISOString(),
      lines,
      outcome,
      exit: outcome === 'ok' ? 0 : outcome === 'problems' ? 1 : 2,
    };
  };
  const { tokenUrl, audience, apiBase } = environment;
  /** Kiva issued a token (or refused only its scopes): the URL, the secret and the audience all passed. */
  const tokenAccepted = (): void => {
    line('token-url', 'ok', 'token-url.ok', { tokenUrl });
    line('credentials', 'ok', 'credentials.ok');
    line('audience', 'ok', 'audience.ok', { audience });
  };

  // 1. The token: reachability, credentials, audience, partner, permissions, lifetime.
  const token = await port.freshToken(input.signal);
  if (!token.ok) {
    const error = token.error;
    switch (error.code) {
      case 'auth.token-unavailable':
        if (error.params.status === undefined) {
          unreachable = true;
          line('token-url', 'problem', 'token-url.unreachable', { tokenUrl, reason: String(error.params.reason) });
        } else {
          line('token-url', 'problem', 'token-url.failing', { tokenUrl, reason: String(error.params.reason) });
        }
        notChecked('credentials');
        return finish();
      case 'auth.bad-token-response':
        line('token-url', 'problem', 'token-url.not-kiva', { tokenUrl, detail: String(error.params.detail) });
        notChecked('credentials');
        return finish();
      case 'auth.bad-credentials':
      case 'auth.token-refused':
        line('token-url', 'ok', 'token-url.ok', { tokenUrl });
        line('credentials', 'problem', 'credentials.refused', {}, error);
        notChecked('audience');
        return finish();
      case 'auth.audience-refused':
        line('token-url', 'ok', 'token-url.ok', { tokenUrl });
        // Kiva's token server may judge the audience before the secret: the secret is not proven yet.
        line('credentials', 'not-checked', 'not-checked.earlier');
        line('audience', 'problem', 'audience.refused', { audience }, error);
        notChecked('partner-id');
        return finish();
      case 'auth.scope-refused':
        tokenAccepted();
        line('partner-id', 'not-checked', 'not-checked.earlier');
        line('scopes', 'problem', 'scopes.refused', {}, error);
        notChecked('token-lifetime');
        return finish();
      case 'auth.no-partner-id':
        tokenAccepted();
        line('partner-id', 'problem', 'partner-id.missing', {}, error);
        notChecked('scopes');
        return finish();
      default:
        line('token-url', 'problem', 'kiva.failed', {}, error);
        notChecked('credentials');
        return finish();
    }
  }
  const facts = token.value;
  tokenAccepted();
  line('partner-id', 'ok', 'partner-id.ok', { partnerId: facts.partnerId });
  const granted = facts.grantedScopes;
  if (granted === undefined) {
    line('scopes', 'info', 'scopes.unsaid');
  } else {
    const held = ALL_SCOPES.filter((scope) => granted.includes(scope));
    const missing = ALL_SCOPES.filter((scope) => !granted.includes(scope));
    const params = {
      granted: held.join(' '),
      allowed: held.map((scope) => SCOPE_OPERATIONS[scope]).join(' '),
      missing: missing.join(' '),
      blocked: missing.map((scope) => SCOPE_OPERATIONS[scope]).join(' '),
    };
    line(
      'scopes',
      missing.length === 0 ? 'ok' : 'problem',
      missing.length === 0 ? 'scopes.all' : 'scopes.missing',
      params,
    );
  }
  const lifetimeMs = facts.expiresAt - facts.obtainedAt;
  const minutes = Math.max(0, Math.floor(lifetimeMs / 60_000));
  line(
    'token-lifetime',
    lifetimeMs >= SHORTEST_SENSIBLE_LIFETIME_MS ? 'ok' : 'problem',
    lifetimeMs >= SHORTEST_SENSIBLE_LIFETIME_MS ? 'lifetime.ok' : 'lifetime.short',
    { hours: Math.floor(minutes / 60), minutes: minutes % 60, seconds: Math.round(lifetimeMs / 1000) },
  );

  // 2. The API base: the config lists need no scope, so they prove the API answers for this partner.
  const lists = await port.configLists(input.signal);
  if (!lists.ok) {
    const error = lists.error;
    if (NETWORK_ERRORS.has(error.code)) {
      unreachable = true;
      line('config-lists', 'problem', 'lists.unreachable', { apiBase }, error);
    } else if (error.code === 'kiva.bad-response') {
      line('config-lists', 'problem', 'lists.not-kiva', { apiBase }, error);
    } else {
      line('config-lists', 'problem', 'lists.failed', { apiBase }, error);
    }
    notChecked('loans');
    return finish();
  }
  const counts = {
    activities: lists.value.activities.length,
    themes: lists.value.themes.length,
    locations: lists.value.locations.length,
    locales: lists.value.locales.length,
  };
  const empty = Object.entries(counts)
    .filter(([, count]) => count === 0)
    .map(([name]) => name);
  if (empty.length === 0) line('config-lists', 'ok', 'lists.ok', counts);
  else line('config-lists', 'problem', 'lists.empty', { ...counts, empty: empty.join(' ') });

  // 3. The loans, counted by status (one small page each: Kiva says its total).
  if (granted !== undefined && !granted.includes('read:loans')) {
    line('loans', 'not-checked', 'not-checked.needs-scope', { scope: 'read:loans' });
  } else {
    const counted = await Promise.all(LOAN_STATUSES.map((status) => port.countLoans(status, input.signal)));
    const failure = counted.find((result) => !result.ok);
    if (failure !== undefined && !failure.ok) {
      if (NETWORK_ERRORS.has(failure.error.code)) unreachable = true;
      line('loans', 'problem', 'loans.failed', {}, failure.error);
    } else {
      const byStatus: string[] = [];
      let total = 0;
      counted.forEach((result, index) => {
        const count = result.ok ? result.value : 0;
        total += count;
        if (count > 0) byStatus.push(`${LOAN_STATUSES[index] ?? ''} ${count}`);
      });
      line('loans', 'ok', 'loans.ok', { total, byStatus: byStatus.join(', ') || '—' });
    }
  }

  // 4. The journal route: what route memory says (finding it would mean posting a journal).
  journalLine(facts.partnerId);
  return finish();
}
