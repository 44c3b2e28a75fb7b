/**
 * src/kiva against emulator modes that argue with it: each reading of Kiva's sources where they disagree, over real
 * HTTP. The default emulator is the strictest reading; each test names the mode it selects.
 */
import {
  DEMO_CREDENTIALS,
  READONLY_CREDENTIALS,
  seedLoans,
  startEmulator,
  type Emulator,
} from '../../dev/kiva-emulator';
import { describeKivaError, type JournalRouteMemory, type JournalVariantName } from '../../src/kiva';
import { connect, count, repayableLoans, repaymentsFor } from './kiva-harness';

const ELIGIBLE = seedLoans(420)
  .filter((loan) => loan.status === 'payingBack')
  .map((loan) => loan.internal_loan_id);

function journalItems(n: number) {
  return Array.from({ length: n }, (_, k) => ({
    journal: { subject: 'Update', body: `La tienda creció ${k}`, internal_loan_id: ELIGIBLE[k] ?? '' },
    row: { sheet: 'Journals', row: k + 2 },
  }));
}

/** What a data-folder file would hold, kept in memory for the test. */
function memory(): JournalRouteMemory & { routes: Map<string, JournalVariantName> } {
  const routes = new Map<string, JournalVariantName>();
  return { routes, recall: (key) => routes.get(key), remember: (key, variant) => void routes.set(key, variant) };
}

const journalCalls = (emulator: Emulator) =>
  emulator.received.filter((r) => r.path.endsWith('/journals')).map((r) => [r.path, r.status]);

let emulator: Emulator;
afterEach(async () => emulator.close());

describe('journal route: documented | sample | both', () => {
  it.each([
    ['documented', 'sample', '/v3/partners/145/journals', '/v3/partner/145/journals', 200],
    ['sample', 'documented', '/v3/partner/145/journals', '/v3/partners/145/journals', 201],
  ] as const)(
    'against a Kiva with only the %s route, a client set to %s falls back once and remembers it',
    async (journalRoute, configured, missing, found, status) => {
      emulator = await startEmulator({ journalRoute });
      const routes = memory();
      const first = connect(emulator, { journals: { variant: configured } }, { journalRoutes: routes });
      const outcomes = await first.kiva.sendJournals(journalItems(4));
      expect(count(outcomes)).toEqual({ sent: 4 });
      // Only the first request met the 404 (the others waited for the route to be known), and nothing was lost.
      expect(journalCalls(emulator)).toEqual([[missing, 404], ...Array(4).fill([found, status])]);
      expect(emulator.applied).toHaveLength(4);
      expect([...routes.routes.values()]).toEqual([journalRoute]);

      // The next run (a new client, the same memory) goes straight to the route that worked: no 404.
      emulator.reset();
      const second = connect(emulator, { journals: { variant: configured } }, { journalRoutes: routes });
      expect(second.kiva.journalRoute()).toMatchObject({ known: true, variant: { name: journalRoute } });
      expect(count(await second.kiva.sendJournals(journalItems(2)))).toEqual({ sent: 2 });
      expect(journalCalls(emulator)).toEqual(Array(2).fill([found, status]));
    },
  );

  it('with both routes (journalRoute both) uses the configured one and makes no 404', async () => {
    emulator = await startEmulator({ journalRoute: 'both' });
    const { kiva } = connect(emulator, { journals: { variant: 'sample' } });
    expect(count(await kiva.sendJournals(journalItems(2)))).toEqual({ sent: 2 });
    expect(journalCalls(emulator)).toEqual(Array(2).fill(['/v3/partners/145/journals', 201]));
  });

  it('refuses journals for loans PA2 does not list as eligible: a per-row rejection, never Sent', async () => {
    emulator = await startEmulator();
    const { kiva } = connect(emulator);
    const items = journalItems(2);
    const refunded = seedLoans(420).find((loan) => loan.status === 'refunded')?.internal_loan_id ?? '';
    items[1] = { ...items[1]!, journal: { ...items[1]!.journal, internal_loan_id: refunded } };
    const outcomes = await kiva.sendJournals(items);
    expect(outcomes.map((o) => o.kind)).toEqual(['sent', 'rejected']);
    expect(outcomes[1]).toMatchObject({ status: 400, code: 'journal.loan.not.eligible' });
  });
});

describe('tokens: shape, scope policy, audience', () => {
  it.each(['documented', 'auth0'] as const)(
    'reads a %s-shaped token (partner id, scopes, lifetime)',
    async (tokenShape) => {
      emulator = await startEmulator({ tokenShape });
      const { tokens } = connect(emulator);
      const token = await tokens.getToken();
      expect(token.ok).toBe(true);
      expect(tokens.describe()).toMatchObject({
        partnerId: '145',
        grantedScopes: ['read:loans', 'create:loan_draft', 'create:journal_update', 'create:repayment'],
      });
      const lifetime = (tokens.describe().expiresAt ?? 0) - Date.now();
      expect(lifetime).toBeGreaterThan(43_000_000);
    },
  );

  it('scope policy reject: after invalid_scope it asks once more with only the scope the read needs', async () => {
    emulator = await startEmulator({ scopePolicy: 'reject' });
    const connection = connect(emulator, {}, { credentials: READONLY_CREDENTIALS });
    const loans = await repayableLoans(connection);
    expect(loans.length).toBeGreaterThan(100);
    const tokenCalls = emulator.received.filter((r) => r.path === '/oauth/token').map((r) => r.status);
    expect(tokenCalls).toEqual([400, 200]);
    expect(connection.log.filter((r) => r.operation === 'token').map((r) => r.message)).toContain(
      'Client has not been granted scopes: create:loan_draft create:journal_update create:repayment',
    );
  });

  it('scope policy intersect: one token with what the client holds, and a clear refusal where it lacks one', async () => {
    emulator = await startEmulator({ scopePolicy: 'intersect' });
    const connection = connect(emulator, {}, { credentials: READONLY_CREDENTIALS });
    const items = repaymentsFor((await repayableLoans(connection)).slice(0, 1));
    const outcomes = await connection.kiva.sendRepayments(items);
    expect(outcomes[0]).toMatchObject({
      kind: 'failed',
      code: 'auth.missing-scope',
      params: { scope: 'create:repayment' },
    });
    expect(emulator.tokensIssued).toBeGreaterThanOrEqual(1);
  });

  it('says a wrong audience is the audience, with Kiva’s words and both stage values', async () => {
    emulator = await startEmulator({ audience: 'https://partner-api-stage.dk1.kiva.org' });
    const { kiva } = connect(emulator, {}, { audience: 'https://partner-api-stage.kiva.org' });
    const lists = await kiva.getConfigLists();
    expect(lists.ok).toBe(false);
    if (lists.ok) return;
    expect(lists.error).toMatchObject({
      code: 'auth.audience-refused',
      params: { status: 403, description: 'Service not found: https://partner-api-stage.kiva.org' },
    });
    expect(describeKivaError(lists.error)).toContain(
      'Check the audience (Kiva documents two stage values: https://partner-api-stage.dk1.kiva.org or https://partner-api-stage.kiva.org)',
    );
  });
});

describe('repayments: per-client format and per-loan problems', () => {
  it('three-column partner: a repayment without client_id is that row’s error, the others are sent', async () => {
    emulator = await startEmulator({
      clients: [{ ...DEMO_CREDENTIALS, scopes: ['read:loans', 'create:repayment'], reportFormat: 'three-column' }],
    });
    const connection = connect(emulator);
    const loans = (await repayableLoans(connection)).slice(0, 2);
    const items = repaymentsFor(loans);
    items[1] = { ...items[1]!, repayment: { ...items[1]!.repayment, client_id: loans[1]?.internal_client_id ?? '' } };
    const outcomes = await connection.kiva.sendRepayments(items);
    expect(outcomes.map((o) => o.kind)).toEqual(['rejected', 'sent']);
    expect(outcomes[0]).toMatchObject({ code: 'client_id.required', severity: 'error' });
  });

  it('a bad amount is one loan’s problem: that row is rejected, the rest of the call sent', async () => {
    emulator = await startEmulator();
    const connection = connect(emulator);
    const items = repaymentsFor((await repayableLoans(connection)).slice(0, 3));
    items[1] = { ...items[1]!, repayment: { ...items[1]!.repayment, amount: 0 } };
    const outcomes = await connection.kiva.sendRepayments(items);
    expect(outcomes.map((o) => o.kind)).toEqual(['sent', 'rejected', 'sent']);
    expect(emulator.appliedRepaymentLoanIds()).toHaveLength(2);
  });
});

describe('loans and lists as Kiva’s sample and library have them', () => {
  it('sends status always and no empty query, and reads the library’s string prices', async () => {
    emulator = await startEmulator();
    const connection = connect(emulator);
    const loans = await repayableLoans(connection);
    expect(loans[0]).toMatchObject({ kiva_id: expect.any(String), loan_price: expect.any(Number) });
    for (const page of emulator.received.filter((r) => r.path.endsWith('/loans'))) {
      const query = new URL(page.url, emulator.url).searchParams;
      expect(query.has('query')).toBe(false);
      expect(query.get('status')).toBe('payingBack');
    }
  });

  it('reads the library’s camelCase lists whole (activityName, themeType, fullName, languageId)', async () => {
    emulator = await startEmulator({ casing: 'camel' });
    const { kiva } = connect(emulator);
    const lists = await kiva.getConfigLists();
    if (!lists.ok) throw new Error(lists.error.code);
    expect(lists.value.activities).toContainEqual({ activity_id: 61, activity: 'Agriculture' });
    expect(lists.value.activities.length).toBeGreaterThanOrEqual(40);
    expect(lists.value.locations).toContainEqual(expect.objectContaining({ full_name: 'São Paulo: Brazil' }));
  });
});
