/**
 * recognition (issue #11 item 5): the portfolio check offline — Import loans writes the `Kiva loans` sheet beside the
 * template; with Kiva out of reach the use cases check against that sheet, every finding and one notice saying so
 * and when it was read, a warning past a week; a damaged sheet, or none, is said once and no row is blamed. The
 * sheet itself is never data.
 */
import {
  formatNotice,
  fromKiva,
  importLoans,
  kivaLoansTable,
  preview,
  readKivaLoansSheet,
  send,
  validate,
  type AppResult,
  type Notice,
  type PortfolioList,
} from '../../src/app';
import { LOAN_STATUSES, type PartnerLoan } from '../../src/kiva';
import { formatIssue, type RawCell } from '../../src/sheet';
import { CLOCK, FakeKiva, FakeWorkbook, portfolioRun } from './fakes';

const DAY = 86_400_000;
/** Read the day before CLOCK's 2026-11-28 14:03 in Lima. */
const READ_AT = CLOCK.now() - DAY;

const LOANS: PartnerLoan[] = [
  { internal_loan_id: '000100', internal_client_id: '0000500', status: 'payingBack', name: 'Ana', raw: {} },
  { internal_loan_id: 'L2', internal_client_id: 'C2', status: 'ended', name: 'Beto', raw: {} },
  { internal_loan_id: 'L3', internal_client_id: 'C3', status: 'refunded', name: 'Carla', raw: {} },
  { internal_loan_id: 'L4', internal_client_id: 'C4', status: 'defaulted', name: 'Dora', raw: {} },
];

const REPORT: RawCell[][] = [
  ['loan_id', 'amount'],
  ['000100', 25],
  ['L2', 10], // ended
  ['L3', 12], // refunded
  ['L9', 5], // not listed
];

const unreachable = (): FakeKiva => {
  const kiva = new FakeKiva();
  kiva.loansFailure = {
    ok: false,
    error: fromKiva({ code: 'network.unreachable', params: { detail: 'ECONNREFUSED' } }),
  };
  return kiva;
};

function book(kivaLoans?: RawCell[][]): FakeWorkbook {
  const workbook = new FakeWorkbook({ Repayments: REPORT });
  if (kivaLoans !== undefined) workbook.add('Kiva loans', kivaLoans);
  return workbook;
}

const run = portfolioRun;

const portfolioNotices = (notices: readonly Notice[], lang = 'en'): string[] =>
  notices.filter((n) => n.code.startsWith('portfolio')).map((n) => formatNotice(n, lang));

describe('Import loans writes the Kiva loans sheet', () => {
  it('reads every status once: the template keeps the repaying loans, the Kiva loans sheet every loan', async () => {
    const workbook = new FakeWorkbook();
    const kiva = new FakeKiva();
    kiva.loans = [...LOANS, { internal_loan_id: 'L2', status: 'payingBack', raw: {} }];
    const result = await importLoans({ workbook, kiva }, { clock: { now: () => READ_AT } });
    expect(result).toEqual({
      ok: true,
      value: { sheet: 'Repayments', loans: 3, withoutLoanId: 0, kivaLoans: { sheet: 'Kiva loans', loans: 4 } },
    });
    expect(kiva.loanQueries).toEqual([{ statuses: LOAN_STATUSES }]);
    expect(workbook.written.map((w) => [w.table.name, w.mode])).toEqual([
      ['Repayments', 'new'],
      ['Kiva loans', 'replace'],
    ]);
    // Listed twice: the status that still takes repayments, as the check itself keeps it.
    const time = '2026-11-27T19:03:00.000Z';
    expect(workbook.sheet('Kiva loans').rows).toEqual([
      ['loan_id', 'client_id', 'status', 'read_at'],
      ['000100', '0000500', 'payingBack', time],
      ['L2', null, 'payingBack', time],
      ['L3', 'C3', 'refunded', time],
      ['L4', 'C4', 'defaulted', time],
    ]);
    expect(workbook.written[1]?.table.textColumns).toEqual([0, 1, 2, 3]);
  });

  it('replaces an older Kiva loans sheet, never adds a second one', async () => {
    const workbook = book([['loan_id'], ['old']]);
    const kiva = new FakeKiva();
    kiva.loans = LOANS;
    await importLoans({ workbook, kiva }, { clock: { now: () => READ_AT } });
    expect(workbook.sheets.map((s) => s.name)).toEqual(['Repayments', 'Repayments 2', 'Kiva loans']);
    expect(workbook.sheet('Kiva loans').rows).toHaveLength(LOANS.length + 1);
  });

  it('a search reads the template on its own; without the sheet (a CSV) only the template is read', async () => {
    const kiva = new FakeKiva();
    kiva.loans = LOANS;
    await importLoans({ workbook: new FakeWorkbook(), kiva }, { query: ' Ana ' });
    expect(kiva.loanQueries).toEqual([
      { statuses: LOAN_STATUSES },
      { statuses: ['payingBack', 'defaulted'], query: 'Ana' },
    ]);
    const csv = new FakeKiva();
    csv.loans = LOANS;
    const workbook = new FakeWorkbook();
    const result = await importLoans({ workbook, kiva: csv }, { kivaLoansSheet: false });
    expect(result.ok && result.value.kivaLoans).toBeUndefined();
    expect(csv.loanQueries).toEqual([{ statuses: ['payingBack', 'defaulted'] }]);
    expect(workbook.sheets.map((s) => s.name)).toEqual(['Repayments']);
  });

  it('writes nothing when Kiva cannot be read', async () => {
    const workbook = new FakeWorkbook();
    const result = await importLoans({ workbook, kiva: unreachable() });
    expect(result.ok).toBe(false);
    expect(workbook.written).toEqual([]);
  });
});

describe('reading the Kiva loans sheet', () => {
  const table = kivaLoansTable(LOANS, READ_AT);

  it('gives back what was written, and the oldest time on it', () => {
    const older = table.rows.map((row, k) => (k === 3 ? [...row.slice(0, 3), '2026-11-01T10:00:00Z'] : row));
    const read = readKivaLoansSheet({ sheet: 'Kiva loans', values: older });
    expect(read).toEqual({
      ok: true,
      readAt: Date.UTC(2026, 10, 1, 10),
      loans: [
        { internal_loan_id: '000100', internal_client_id: '0000500', status: 'payingBack' },
        { internal_loan_id: 'L2', internal_client_id: 'C2', status: 'ended' },
        { internal_loan_id: 'L3', internal_client_id: 'C3', status: 'refunded' },
        { internal_loan_id: 'L4', internal_client_id: 'C4', status: 'defaulted' },
      ],
    });
  });

  it('reads columns in any order, Kiva’s longer names, a date cell, and skips rows without a loan id', () => {
    const read = readKivaLoansSheet({
      sheet: 'Prêts Kiva',
      values: [
        ['Read_At', 'STATUS', 'internal_loan_id'],
        [new Date(READ_AT), 'payingBack', 100],
        [null, null, null],
        ['', 'ended', '  '],
      ],
    });
    expect(read).toEqual({
      ok: true,
      readAt: READ_AT,
      loans: [{ internal_loan_id: '100', internal_client_id: undefined, status: 'payingBack' }],
    });
  });

  it.each<[string, RawCell[][], object]>([
    ['nothing at all', [], { code: 'columns', columns: 'loan_id, status, read_at' }],
    ['only its header', [['loan_id', 'client_id', 'status', 'read_at']], { code: 'empty' }],
    [
      'a column renamed',
      [
        ['loan', 'client_id', 'status', 'read_at'],
        ['L1', 'C1', 'payingBack', 'x'],
      ],
      { code: 'columns', columns: 'loan_id' },
    ],
    [
      'a status cleared',
      [
        ['loan_id', 'status', 'read_at'],
        ['L1', 'payingBack', '2026-11-27T19:03:00.000Z'],
        ['L2', ' ', '2026-11-27T19:03:00.000Z'],
      ],
      { code: 'status', cell: "'Kiva loans'!B3" },
    ],
    [
      'a time typed over',
      [
        ['loan_id', 'status', 'read_at'],
        ['L1', 'payingBack', 'yesterday'],
      ],
      { code: 'time', cell: "'Kiva loans'!C2" },
    ],
    [
      'a time as a bare number',
      [
        ['loan_id', 'status', 'read_at'],
        ['L1', 'payingBack', 46000],
      ],
      { code: 'time', cell: "'Kiva loans'!C2" },
    ],
  ])('a damaged sheet (%s) is refused whole, naming what is wrong', (_, values, problem) => {
    expect(readKivaLoansSheet({ sheet: 'Kiva loans', values })).toEqual({ ok: false, problem });
  });
});

describe('the check with Kiva out of reach', () => {
  const sheet = (readAt = READ_AT): RawCell[][] => kivaLoansTable(LOANS, readAt).rows;

  it('uses the Kiva loans sheet: the same findings, each naming the sheet and its date, and one notice', async () => {
    const workbook = book(sheet());
    const kiva = unreachable();
    const result = await validate({ workbook, kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.issues.map((i) => `${i.severity} ${formatIssue(i, 'en')}`)).toEqual([
      'warning Repayments!A3: Kiva lists loan L2 as ended, not paying back: Kiva may not apply this repayment. Check the loan in PA2. Checked against the “Kiva loans” sheet read on 2026-11-27, not Kiva itself.',
      'warning Repayments!A4: Kiva lists loan L3 as refunded, not paying back: Kiva may not apply this repayment. Check the loan in PA2. Checked against the “Kiva loans” sheet read on 2026-11-27, not Kiva itself.',
      'error Repayments!A5: Kiva does not list loan L9 among your partner’s loans: Kiva will refuse this row. Check the loan id in PA2. Checked against the “Kiva loans” sheet read on 2026-11-27, not Kiva itself.',
    ]);
    expect(portfolioNotices(result.value.notices)).toEqual([
      'Your loans at Kiva could not be read (Could not connect to Kiva (ECONNREFUSED); nothing was sent): loan ids were checked against the “Kiva loans” sheet instead (4 loans, read 2026-11-27 14:03).',
    ]);
    expect(workbook.status('Repayments', 5)).toMatch(
      /^Invalid: A5: Kiva does not list loan L9 .* sheet read on 2026-11-27/,
    );
    // The sheet is the list, not data: nothing of it is checked, marked or sent.
    expect(result.value.sheets.map((s) => s.sheet)).toEqual(['Repayments']);
    expect(workbook.applied.flatMap((plan) => plan.sheets.map((s) => s.sheet))).not.toContain('Kiva loans');
  });

  it('send leaves out the loan the sheet does not list, and sends the rest', async () => {
    const workbook = book(sheet());
    const kiva = unreachable();
    const result = await send({ workbook, kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(kiva.sentRows()).toEqual(['Repayments!2', 'Repayments!3', 'Repayments!4']);
    expect(result.value.summary.invalid).toBe(1);
  });

  it('without credentials, the same: the sheet stands in', async () => {
    const kiva = new FakeKiva();
    kiva.loansFailure = {
      ok: false,
      error: { code: 'kiva-not-configured', params: { detail: 'KIVA_CLIENT_ID is not set' } },
    };
    const result = await preview({ workbook: book(sheet()), kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.items.flatMap((i) => i.rows.map((r) => r.row))).toEqual([2, 3, 4]);
    expect(portfolioNotices(result.value.notices)[0]).toMatch(
      /^Your loans at Kiva could not be read \(No Kiva credentials are configured: KIVA_CLIENT_ID is not set\): loan ids were checked against/,
    );
  });

  it('says when the sheet is more than a week old, in en/es/fr', async () => {
    const kiva = unreachable();
    const result = await validate({ workbook: book(sheet(CLOCK.now() - 9 * DAY)), kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(portfolioNotices(result.value.notices).slice(1)).toEqual([
      'The “Kiva loans” sheet is 9 days old (read 2026-11-19 14:03): loans added, ended or refunded since are not in it. Write it again when Kiva can be reached (Create repayment template, or kiva-sheets loans --out).',
    ]);
    expect(portfolioNotices(result.value.notices, 'es')[1]).toBe(
      'La hoja «Kiva loans» tiene 9 días (leída el 2026-11-19 14:03): los préstamos agregados, terminados o reembolsados desde entonces no están en ella. Escríbala de nuevo cuando se pueda contactar a Kiva (Crear plantilla de pagos, o kiva-sheets loans --out).',
    );
    expect(portfolioNotices(result.value.notices, 'fr')[1]).toBe(
      'La feuille «\u00a0Kiva loans\u00a0» date de 9 jours (lue le 2026-11-19 14:03)\u00a0: les prêts ajoutés, terminés ou remboursés depuis n’y sont pas. Écrivez-la de nouveau quand Kiva sera joignable (Créer le modèle de remboursements, ou kiva-sheets loans --out).',
    );
    // A week exactly is not old.
    const week = await validate({ workbook: book(sheet(CLOCK.now() - 7 * DAY)), kiva }, run(kiva));
    expect(week.ok && week.value.notices.map((n) => n.code)).not.toContain('portfolio-sheet-old');
  });

  it('a damaged sheet: one notice saying what is wrong, no row blamed', async () => {
    const damaged = sheet().map((row, k) => (k === 2 ? [row[0], row[1], row[2], 'yesterday'] : row));
    const kiva = unreachable();
    const result = await validate({ workbook: book(damaged), kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.errorCount).toBe(0);
    expect(result.value.warningCount).toBe(0);
    expect(portfolioNotices(result.value.notices)).toEqual([
      "Loan ids were not checked against your loans at Kiva, which could not be read (Could not connect to Kiva (ECONNREFUSED); nothing was sent), and the “Kiva loans” sheet cannot be used instead: 'Kiva loans'!D3 does not hold the time the loans were read (written as 2026-12-02T19:03:00.000Z). Write it again when Kiva can be reached (Create repayment template, or kiva-sheets loans --out). Kiva will still check the loan ids when they are sent.",
    ]);
    const empty = await validate({ workbook: book([['loan_id', 'client_id', 'status', 'read_at']]), kiva }, run(kiva));
    if (!empty.ok) throw new Error(empty.error.code);
    expect(portfolioNotices(empty.value.notices, 'fr')[0]).toContain(
      'la feuille «\u00a0Kiva loans\u00a0» ne peut pas servir à la place\u00a0: elle ne liste aucun prêt.',
    );
    expect(portfolioNotices(empty.value.notices, 'es')[0]).toContain(
      'la hoja «Kiva loans» no sirve en su lugar: no tiene ningún préstamo.',
    );
  });

  it('no Kiva loans sheet: the check is skipped, said once with why', async () => {
    const kiva = unreachable();
    const result = await validate({ workbook: book(), kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.errorCount).toBe(0);
    expect(portfolioNotices(result.value.notices)).toEqual([
      'Loan ids were not checked against your loans at Kiva, which could not be read (Could not connect to Kiva (ECONNREFUSED); nothing was sent), and this workbook has no Kiva loans sheet to check them against instead (Create repayment template on the Tools tab, or kiva-sheets loans --out, writes one). Kiva will still check them when they are sent.',
    ]);
  });

  it('with Kiva reachable the sheet is not used, however old', async () => {
    const kiva = new FakeKiva();
    kiva.loans = [{ internal_loan_id: 'L9', status: 'payingBack', raw: {} }];
    const result = await validate({ workbook: book(sheet(CLOCK.now() - 90 * DAY)), kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.notices.map((n) => n.code).filter((c) => c.startsWith('portfolio'))).toEqual([
      'portfolio-checked',
    ]);
    expect(result.value.issues.map((i) => `${i.column}${i.row} ${i.code}`)).toEqual([
      'A2 loan-not-listed',
      'A3 loan-not-listed',
      'A4 loan-not-listed',
    ]);
  });

  it('a cancelled run stops, the sheet not read in its place', async () => {
    const cancelled: AppResult<PortfolioList> = {
      ok: false,
      error: fromKiva({ code: 'request.cancelled', params: {} }),
    };
    const result = await validate(
      { workbook: book(sheet()), kiva: new FakeKiva() },
      { ...run(new FakeKiva()), portfolio: { loans: async () => cancelled } },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'kiva', cause: { code: 'request.cancelled' } } });
  });
});

describe('the Kiva loans sheet is never data', () => {
  it('is not read as a repayment report, loan drafts or anything else — in the workbook, as the target, or chosen', async () => {
    // Headed like a repayment report, and under a name in another language.
    const rows: RawCell[][] = [
      ['loan_id', 'amount', 'status', 'read_at'],
      ['000100', 25, 'payingBack', '2026-11-27T19:03:00.000Z'],
    ];
    for (const name of ['Kiva loans', 'Préstamos Kiva', 'prets kiva']) {
      const workbook = new FakeWorkbook({ [name]: rows });
      workbook.mappings[name] = { version: 1, kind: 'repayments' };
      for (const scope of [{ kind: 'workbook' }, { kind: 'sheet', sheet: name }] as const) {
        const kiva = new FakeKiva();
        const result = await send({ workbook, kiva }, { scope, clock: CLOCK });
        if (!result.ok) throw new Error(result.error.code);
        expect(kiva.received).toEqual([]);
        expect(result.value.notices.map((n) => n.code)).toContain('no-sheet-recognised');
        expect(workbook.applied.flatMap((plan) => plan.sheets)).toEqual([]);
        // Asked for by name, it says what it is instead of leaving "no sheet recognised" alone.
        const said = result.value.notices.filter((n) => n.code === 'kiva-loans-not-data');
        expect(said).toEqual(scope.kind === 'sheet' ? [{ code: 'kiva-loans-not-data', params: { sheet: name } }] : []);
      }
    }
    expect(formatNotice({ code: 'kiva-loans-not-data', params: { sheet: 'Kiva loans' } }, 'fr')).toBe(
      '«\u00a0Kiva loans\u00a0» est la feuille Kiva loans\u00a0: la liste avec laquelle les identifiants de prêt sont vérifiés quand Kiva est injoignable. Elle-même n’est jamais vérifiée ni envoyée\u202f; vérifiez plutôt votre rapport de remboursements ou votre feuille de mises à jour.',
    );
  });
});
