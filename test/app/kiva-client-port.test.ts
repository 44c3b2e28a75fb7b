/** The Kiva port over src/kiva's client, against the local emulator over real HTTP. */
import { DEMO_CREDENTIALS, seedLoans, startEmulator, type Emulator } from '../../dev/kiva-emulator';
import { createClientKivaPort, send, type KivaPort } from '../../src/app';
import { createTokenService, resolveEnvironment, type KivaLogRecord } from '../../src/kiva';
import { FAST_RETRY, realRuntime } from '../integration/kiva-harness';
import { CLOCK, FakeWorkbook } from './fakes';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

function port(secret = DEMO_CREDENTIALS.clientSecret, log: KivaLogRecord[] = []): KivaPort {
  const environment = resolveEnvironment({
    name: 'stage',
    tokenUrl: emulator.tokenUrl,
    audience: emulator.audience,
    apiBase: emulator.apiBase,
  });
  if (!environment.ok) throw new Error(environment.error.code);
  const runtime = realRuntime();
  const tokens = createTokenService({
    environment: environment.value,
    credentials: { clientId: DEMO_CREDENTIALS.clientId, clientSecret: secret },
    runtime,
  });
  return createClientKivaPort({
    tokens,
    runtime,
    settings: { retry: FAST_RETRY, repaymentChunkSize: 2 },
    onLog: (r) => log.push(r),
  });
}

describe('the Kiva port over src/kiva', () => {
  it('tells the use cases its environment and how it cuts requests', () => {
    const kiva = port();
    expect(kiva.environment).toBe('stage');
    expect(kiva.batching).toEqual({ repaymentsPerCall: 2, journalsPerCall: 1, journalsBody: 'wrapped' });
  });

  it('returns one call per request with Kiva’s HTTP status, and every attempt to the log sink', async () => {
    const log: KivaLogRecord[] = [];
    const kiva = port(undefined, log);
    const rows = ['000100', '1040007', '000105'].map((loanId, k) => ({
      repayment: { loan_id: loanId, amount: 10 },
      row: { sheet: 'Repayments', row: k + 2, key: loanId },
    }));
    emulator.inject({ match: { path: '/repayments' }, kind: 'status', status: 429, retryAfterSeconds: 0 });
    const result = await kiva.sendRepayments(rows);
    expect(result.outcomes.map((o) => o.kind)).toEqual(['sent', 'sent', 'sent']);
    expect(result.calls.map((c) => [c.endpoint, c.httpStatus, c.outcomes.map((o) => o.row.row)])).toEqual(
      expect.arrayContaining([
        ['repayments', 200, [2, 3]],
        ['repayments', 200, [4]],
      ]),
    );
    expect(result.calls).toHaveLength(2);
    expect(log.map((r) => r.result)).toContain('retrying');
    expect(emulator.appliedRepaymentLoanIds().sort()).toEqual(['000100', '000105', '1040007']);
  });

  it('refuses wrong credentials at connect, without the secret in the error', async () => {
    const kiva = port('not-the-secret-123');
    const connected = await kiva.connect();
    expect(connected.ok).toBe(false);
    if (connected.ok) return;
    expect(connected.error.cause?.code).toBe('auth.bad-credentials');
    expect(JSON.stringify(connected.error)).not.toContain('not-the-secret-123');
  });

  it('reads the config lists and every page of loans', async () => {
    const kiva = port();
    const lists = await kiva.getConfigLists();
    expect(lists.ok && lists.value.activities.length).toBeGreaterThan(10);
    const loans = await kiva.getAllLoans({ statuses: ['payingBack', 'defaulted'] });
    expect(loans.ok && loans.value.length).toBeGreaterThan(300);
  });

  it('a call Kiva answered with rows of several kinds: one Kiva log line per kind, each with the HTTP status', async () => {
    const seeded = seedLoans(420);
    const paying = seeded.filter((loan) => loan.status === 'payingBack').map((loan) => loan.internal_loan_id);
    const refunded = seeded.find((loan) => loan.status === 'refunded')?.internal_loan_id ?? '';
    // Two repayments a call: [paying, unknown], [refunded, unknown] (a warned row only accepted), [unknown, unknown]
    // (nothing accepted, no upload to match the status by: it comes from the answer itself).
    const workbook = new FakeWorkbook({
      Repayments: [
        ['loan_id', 'amount'],
        [paying[0] ?? '', 10],
        ['NOT-A-LOAN-1', 20],
        [refunded, 30],
        ['NOT-A-LOAN-2', 40],
        ['NOT-A-LOAN-3', 50],
        ['NOT-A-LOAN-4', 60],
      ],
    });
    const result = await send(
      { workbook, kiva: port() },
      { scope: { kind: 'sheet', sheet: 'Repayments' }, clock: CLOCK },
    );
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.outcomes.map((o) => o.kind)).toEqual([
      'sent',
      'rejected',
      'sent',
      'rejected',
      'rejected',
      'rejected',
    ]);
    const lines = workbook.log.map((line) => [line[2], line[3], line[4], line[5]]);
    expect(lines).toEqual([
      ['repayments', 'Repayments!2', '200', expect.stringMatching(/^7\d{4}/)],
      ['repayments', 'Repayments!3', '200', 'Loan not found'],
      ['repayments', 'Repayments!4', '200', expect.stringMatching(/^7\d{4} · .*Loan is refunded, not payingBack/)],
      ['repayments', 'Repayments!5', '200', 'Loan not found'],
      ['repayments', 'Repayments!6–7', '200', 'Loan not found'],
    ]);
  });
});
