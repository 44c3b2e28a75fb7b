/** Connects src/kiva to the local emulator over real HTTP, with the host's own fetch, clock and timers. */
import { createServer } from 'node:net';
import { DEMO_CREDENTIALS, type Emulator } from '../../dev/kiva-emulator';
import {
  createKivaClient,
  createTokenService,
  resolveEnvironment,
  type ClientCredentials,
  type ClientSettingsInput,
  type FetchLike,
  type JournalRouteMemory,
  type KivaLogRecord,
  type KivaRuntime,
  type PartnerLoan,
  type RepaymentItem,
  type RowOutcome,
} from '../../src/kiva';

export function realRuntime(fetchImpl: FetchLike = fetch): KivaRuntime {
  return {
    fetch: fetchImpl,
    now: Date.now,
    schedule: (callback, ms) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    },
    random: Math.random,
  };
}

/** Short waits so fault tests stay fast; the rules they test do not depend on the lengths. */
export const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5_000 };

export interface Connection {
  kiva: ReturnType<typeof createKivaClient>;
  tokens: ReturnType<typeof createTokenService>;
  log: KivaLogRecord[];
}

export function connect(
  emulator: Emulator,
  settings: ClientSettingsInput = {},
  options: {
    credentials?: ClientCredentials;
    fetch?: FetchLike;
    journalRoutes?: JournalRouteMemory;
    audience?: string;
  } = {},
): Connection {
  const environment = resolveEnvironment({
    name: 'custom',
    tokenUrl: emulator.tokenUrl,
    audience: options.audience ?? emulator.audience,
    apiBase: emulator.apiBase,
  });
  if (!environment.ok) throw new Error(environment.error.code);
  const runtime = realRuntime(options.fetch);
  const log: KivaLogRecord[] = [];
  const tokens = createTokenService({
    environment: environment.value,
    credentials: options.credentials ?? DEMO_CREDENTIALS,
    runtime,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    onRequest: (record) => log.push(record),
  });
  const kiva = createKivaClient({
    tokens,
    runtime,
    settings: { retry: FAST_RETRY, ...settings },
    onRequest: (record) => log.push(record),
    ...(options.journalRoutes ? { journalRoutes: options.journalRoutes } : {}),
  });
  return { kiva, tokens, log };
}

export async function repayableLoans(connection: Connection): Promise<PartnerLoan[]> {
  const loans = await connection.kiva.getAllLoans({ statuses: ['payingBack'] });
  if (!loans.ok) throw new Error(loans.error.code);
  return loans.value;
}

export function repaymentsFor(loans: readonly PartnerLoan[], sheet = 'Repayments'): RepaymentItem[] {
  return loans.map((loan, index) => ({
    repayment: { loan_id: loan.internal_loan_id ?? '', amount: 10 + index },
    row: { sheet, row: index + 2, key: loan.internal_loan_id ?? '' },
  }));
}

/**
 * The promise every send makes: each row exactly one outcome; nothing applied twice; a row reported sent was
 * applied; a row applied was reported sent or uncertain (never failed, cancelled or silently lost).
 */
export function expectDeliveredAtMostOnce(
  emulator: Emulator,
  items: readonly RepaymentItem[],
  outcomes: readonly RowOutcome[],
): void {
  expect(outcomes.map((o) => o.row)).toEqual(items.map((i) => i.row));
  const applied = emulator.appliedRepaymentLoanIds();
  expect(new Set(applied).size).toBe(applied.length);
  const appliedSet = new Set(applied);
  outcomes.forEach((outcome, index) => {
    const loanId = items[index]?.repayment.loan_id ?? '';
    if (outcome.kind === 'sent') expect(appliedSet.has(loanId)).toBe(true);
    if (appliedSet.has(loanId)) expect(['sent', 'uncertain']).toContain(outcome.kind);
  });
}

export function count(outcomes: readonly RowOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
  return counts;
}

/** A loopback port nothing listens on (taken, then released): a Kiva out of reach, refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
