import { EMULATOR_CONFIG, seedLoans, startEmulator, type Emulator } from '../../dev/kiva-emulator';
import { connect, count, expectDeliveredAtMostOnce, repayableLoans, repaymentsFor } from './kiva-harness';

/** Loans PA2 lists as eligible for journals (posted, repaying). */
const JOURNAL_LOANS = seedLoans(420)
  .filter((loan) => loan.status === 'payingBack')
  .map((loan) => loan.internal_loan_id);

describe('src/kiva against the emulator: every endpoint', () => {
  let emulator: Emulator;
  afterEach(async () => emulator.close());

  it.each(['snake', 'camel'] as const)('reads the four config lists answered in %s', async (casing) => {
    emulator = await startEmulator({ casing });
    const { kiva } = connect(emulator);
    const lists = await kiva.getConfigLists();
    if (!lists.ok) throw new Error(lists.error.code);
    expect(lists.value).toMatchObject({
      activities: EMULATOR_CONFIG.activities,
      locales: EMULATOR_CONFIG.locales,
      themes: EMULATOR_CONFIG.themes,
      locations: EMULATOR_CONFIG.locations,
    });
  });

  it.each(['snake', 'camel'] as const)('reads every page of loans answered in %s', async (casing) => {
    emulator = await startEmulator({ casing, loanCount: 1000 });
    const { kiva } = connect(emulator);
    const loans = await kiva.getAllLoans({ statuses: ['payingBack', 'defaulted'] });
    if (!loans.ok) throw new Error(loans.error.code);
    expect(loans.value.length).toBeGreaterThan(600);
    expect(new Set(loans.value.map((loan) => loan.kiva_id)).size).toBe(loans.value.length);
    expect(loans.value.every((loan) => loan.status === 'payingBack' || loan.status === 'defaulted')).toBe(true);
    expect(loans.value[0]).toMatchObject({ internal_loan_id: expect.any(String), loan_price: expect.any(Number) });
    const pages = emulator.received.filter((r) => r.path.endsWith('/loans'));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const page of pages) {
      const query = new URL(page.url, emulator.url).searchParams;
      expect(query.get('status')).toMatch(/^(payingBack|defaulted)$/);
      expect(Number(query.get('limit'))).toBeLessThanOrEqual(300);
    }
  });

  it('creates loan drafts, each keyed by its rows, with UTF-8 intact', async () => {
    emulator = await startEmulator();
    const { kiva } = connect(emulator);
    const location = EMULATOR_CONFIG.locations.find((l) => /[À-ÿ]/.test(l.full_name));
    expect(location).toBeDefined();
    const outcomes = await kiva.createLoanDrafts([
      {
        body: {
          activity_id: EMULATOR_CONFIG.activities[0]?.activity_id,
          location: location?.full_name,
          description: 'Açaí e pão',
        },
        rows: [
          { sheet: 'Loans', row: 2 },
          { sheet: 'Loans', row: 3 },
        ],
      },
      { body: { theme_type_id: 123456 }, rows: [{ sheet: 'Loans', row: 4 }] },
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['sent', 'sent', 'rejected']);
    const [first] = emulator.applied;
    expect(outcomes[0]?.kind === 'sent' && outcomes[0].reference?.loanDraftUuid).toBe(first?.reference);
    expect(first?.body).toMatchObject({ location: location?.full_name, description: 'Açaí e pão' });
    expect(outcomes[2]).toMatchObject({ status: 400, message: expect.stringContaining('theme_type_id') });
  });

  it.each(['list', 'object'] as const)(
    'sends 601 repayments in 3 calls, answered as a %s',
    async (repaymentsResponse) => {
      emulator = await startEmulator({ repaymentsResponse, loanCount: 1000 });
      const connection = connect(emulator);
      const loans = (await repayableLoans(connection)).slice(0, 601);
      expect(loans).toHaveLength(601);
      const items = repaymentsFor(loans);
      const outcomes = await connection.kiva.sendRepayments(items);
      expect(count(outcomes)).toEqual({ sent: 601 });
      expect(emulator.applied.map((a) => (a.body as { repayments: unknown[] }).repayments.length).sort()).toEqual([
        101, 250, 250,
      ]);
      expectDeliveredAtMostOnce(emulator, items, outcomes);
      expect(new Set(outcomes.map((o) => o.kind === 'sent' && o.reference?.uploadId)).size).toBe(3);
    },
  );

  it('puts per-loan problems on the right rows', async () => {
    emulator = await startEmulator();
    const connection = connect(emulator);
    const loans = await connection.kiva.getAllLoans({ statuses: ['ended'] });
    if (!loans.ok) throw new Error(loans.error.code);
    const items = repaymentsFor((await repayableLoans(connection)).slice(0, 2));
    items.push(...repaymentsFor(loans.value.slice(0, 1), 'Other'));
    items.push({ repayment: { loan_id: 'no-such-loan', amount: 5 }, row: { sheet: 'Other', row: 9 } });
    const outcomes = await connection.kiva.sendRepayments(items);
    expect(outcomes.map((o) => o.kind)).toEqual(['sent', 'sent', 'sent', 'rejected']);
    expect(outcomes[2]?.kind === 'sent' && outcomes[2].reference?.warnings?.[0]).toMatch(/ended/);
    expect(outcomes[3]).toMatchObject({ message: 'Loan not found', severity: 'error' });
  });

  it.each([
    ['documented', '/v3/partner/145/journals', 200],
    ['sample', '/v3/partners/145/journals', 201],
  ] as const)(
    'posts journals the %s way, one per request, each with its confirm_url',
    async (variant, path, status) => {
      emulator = await startEmulator({ journalRoute: variant });
      const { kiva } = connect(emulator, { journals: { variant } });
      const eligible = JOURNAL_LOANS.slice(0, 3);
      const items = [1, 2, 3].map((n) => ({
        journal: { subject: `Update ${n}`, body: 'Ella abrió su tienda', internal_loan_id: eligible[n - 1] ?? '' },
        row: { sheet: 'Journals', row: n + 1 },
      }));
      const outcomes = await kiva.sendJournals(items);
      expect(count(outcomes)).toEqual({ sent: 3 });
      expect(emulator.received.filter((r) => r.path.endsWith('/journals')).map((r) => [r.path, r.status])).toEqual(
        Array(3).fill([path, status]),
      );
      const urls = outcomes.map((o) => (o.kind === 'sent' ? o.reference?.confirmUrl : undefined));
      expect(new Set(urls).size).toBe(3);
      const page = await fetch(urls[0] ?? '');
      expect(page.status).toBe(200);
    },
  );

  it('batches journals when asked, still one confirm_url per row', async () => {
    emulator = await startEmulator();
    const { kiva } = connect(emulator, { journals: { variant: 'documented', batchSize: 5 } });
    const items = Array.from({ length: 7 }, (_, n) => ({
      journal: { subject: 'Update', body: `b${n}`, internal_loan_id: JOURNAL_LOANS[n] ?? '' },
      row: { sheet: 'Journals', row: n + 2 },
    }));
    const outcomes = await kiva.sendJournals(items);
    expect(emulator.applied).toHaveLength(2);
    expect(new Set(outcomes.map((o) => o.kind === 'sent' && o.reference?.confirmUrl)).size).toBe(7);
  });
});
