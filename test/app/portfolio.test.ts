/**
 * recognition: the portfolio check in the use cases — one read of the partner's loans per run (the statuses that
 * take repayments, the others only when a row's loan is not among them), fed to src/sheet's check; out of reach,
 * one notice and no row blamed; a run without repayments or journals reads nothing.
 */
import { formatNotice, kivaPortfolio, preview, send, validate, type PortfolioPort } from '../../src/app';
import { NOT_REPAYING, REPAYING } from '../../src/app/portfolio';
import { fromKiva } from '../../src/app';
import type { AppResult } from '../../src/app';
import { LOAN_STATUSES, type ConfigLists, type PartnerLoan } from '../../src/kiva';
import { CLOCK, FakeKiva, FakeWorkbook, portfolioRun } from './fakes';

const LOANS: PartnerLoan[] = [
  { internal_loan_id: '000100', status: 'payingBack', raw: {} },
  { internal_loan_id: 'L2', status: 'ended', raw: {} },
];

const report = (): FakeWorkbook =>
  new FakeWorkbook({
    Repayments: [
      ['loan_id', 'amount'],
      [100, 25], // Kiva's 000100, its zeros lost in Excel
      ['L2', 10], // ended
      ['L9', 5], // not listed
    ],
  });

const run = portfolioRun;

describe('the portfolio check in the use cases', () => {
  it('validate reads the repaying statuses, then the others for rows not among them, and flags the rows', async () => {
    const workbook = report();
    const kiva = new FakeKiva();
    kiva.loans = LOANS;
    const result = await validate({ workbook, kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(kiva.loanQueries).toEqual([{ statuses: REPAYING }, { statuses: NOT_REPAYING }]);
    expect([...REPAYING, ...NOT_REPAYING].sort()).toEqual([...LOAN_STATUSES].sort());
    expect(result.value.issues.map((i) => `${i.column}${i.row} ${i.severity} ${i.code}`)).toEqual([
      'A2 warning loan-id-spelling',
      'A3 warning loan-not-repaying',
      'A4 error loan-not-listed',
    ]);
    expect(workbook.status('Repayments', 4)).toMatch(/^Invalid: A4: Kiva does not list loan L9/);
    const notice = result.value.notices.find((n) => n.code === 'portfolio-checked');
    expect(notice && formatNotice(notice, 'en')).toBe(
      'Loan ids checked against the loans Kiva lists for your partner account (2 in all, read 2026-11-28 14:03).',
    );
  });

  it('send sends the rows Kiva will take, and never the loan it does not list', async () => {
    const workbook = report();
    const kiva = new FakeKiva();
    kiva.loans = LOANS;
    const result = await send({ workbook, kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(kiva.sentRows()).toEqual(['Repayments!2', 'Repayments!3']);
    expect(result.value.summary.invalid).toBe(1);
    expect(kiva.loanQueries).toHaveLength(2);
  });

  it('reads no other status when the loan of every row takes repayments, and says what it checked against', async () => {
    const kiva = new FakeKiva();
    kiva.loans = [...LOANS, { internal_loan_id: 'L3', status: 'defaulted', raw: {} }];
    const workbook = new FakeWorkbook({
      Repayments: [
        ['loan_id', 'amount'],
        ['000100', 25],
        ['L3', 10],
        ['L2', ''], // no repayment this period: not checked, so its ended loan is not read for
      ],
    });
    const result = await send({ workbook, kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(kiva.loanQueries).toEqual([{ statuses: REPAYING }]);
    expect(kiva.sentRows()).toEqual(['Repayments!2', 'Repayments!3']);
    expect(result.value.issues).toEqual([]);
    const notice = result.value.notices.find((n) => n.code.startsWith('portfolio'));
    expect(notice && formatNotice(notice, 'en')).toBe(
      'Loan ids checked against the loans Kiva lists for your partner account as paying back or defaulted (2, read 2026-11-28 14:03): every loan checked is one of them.',
    );
    expect(notice && formatNotice(notice, 'fr')).toContain('en défaut (2, lus le 2026-11-28 14:03)\u00a0: tous');
  });

  it('journals: an ended loan takes journals, found by the second read; an unknown one is an error', async () => {
    const kiva = new FakeKiva();
    kiva.loans = LOANS;
    const workbook = new FakeWorkbook({
      Journals: [
        ['internal_loan_id', 'subject', 'body'],
        ['000100', 'Visit', 'She opened a second stall.'],
        ['L2', 'Closing', 'The loan is repaid.'],
        ['L9', 'Lost', 'Not a loan of ours.'],
      ],
    });
    const result = await validate({ workbook, kiva }, run(kiva, { scope: { kind: 'sheet', sheet: 'Journals' } }));
    if (!result.ok) throw new Error(result.error.code);
    expect(kiva.loanQueries).toEqual([{ statuses: REPAYING }, { statuses: NOT_REPAYING }]);
    expect(result.value.issues.map((i) => `${i.column}${i.row} ${i.code}`)).toEqual(['A4 loan-not-listed']);
  });

  it('Kiva out of reach for the second read: the same fallback as for the first, no row blamed', async () => {
    const kiva = new FakeKiva();
    kiva.loans = LOANS;
    const port = kivaPortfolio(kiva, CLOCK);
    const failing: PortfolioPort = {
      loans: (signal, statuses) =>
        statuses === NOT_REPAYING
          ? Promise.resolve({ ok: false, error: fromKiva({ code: 'network.unreachable', params: { detail: 'x' } }) })
          : port.loans(signal, statuses),
    };
    const result = await validate({ workbook: report(), kiva }, { ...run(kiva), portfolio: failing });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.errorCount).toBe(0);
    expect(result.value.issues.map((i) => i.code)).toEqual([]);
    expect(result.value.notices.filter((n) => n.code.startsWith('portfolio')).map((n) => n.code)).toEqual([
      'portfolio-unavailable',
    ]);
  });

  it('a run cancelled during the second read stops', async () => {
    const kiva = new FakeKiva();
    kiva.loans = LOANS;
    const port = kivaPortfolio(kiva, CLOCK);
    const controller = new AbortController();
    const cancelling: PortfolioPort = {
      loans: (signal, statuses) => {
        if (statuses !== NOT_REPAYING) return port.loans(signal, statuses);
        controller.abort();
        return Promise.resolve({ ok: false, error: fromKiva({ code: 'request.cancelled', params: {} }) });
      },
    };
    const result = await send(
      { workbook: report(), kiva },
      { ...run(kiva), portfolio: cancelling, signal: controller.signal },
    );
    expect(result).toMatchObject({ ok: false, error: { cause: { code: 'request.cancelled' } } });
    expect(kiva.sentRows()).toEqual([]);
  });

  it('preview counts what send sends: the same rows left out', async () => {
    const kiva = new FakeKiva();
    kiva.loans = LOANS;
    const result = await preview({ workbook: report(), kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.items.flatMap((i) => i.rows.map((r) => r.row))).toEqual([2, 3]);
  });

  it('Kiva out of reach: one notice, no row blamed, everything else checked as usual', async () => {
    const workbook = report();
    const kiva = new FakeKiva();
    kiva.loansFailure = {
      ok: false,
      error: fromKiva({ code: 'network.unreachable', params: { detail: 'ECONNREFUSED' } }),
    };
    const result = await validate({ workbook, kiva }, run(kiva));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.errorCount).toBe(0);
    const notices = result.value.notices.filter((n) => n.code.startsWith('portfolio'));
    expect(notices.map((n) => formatNotice(n, 'en'))).toEqual([
      'Loan ids were not checked against your loans at Kiva, which could not be read (Could not connect to Kiva (ECONNREFUSED); nothing was sent), and this workbook has no Kiva loans sheet to check them against instead (Create repayment template on the Tools tab, or kiva-sheets loans --out, writes one). Kiva will still check them when they are sent.',
    ]);
    expect(notices.map((n) => formatNotice(n, 'fr'))[0]).toMatch(/illisibles \(/);
  });

  it('reads nothing for a sheet of loan drafts, or without the port', async () => {
    const kiva = new FakeKiva();
    const workbook = new FakeWorkbook({
      Loans: [
        ['loan_id', 'first_name', 'gender', 'amount'],
        ['P1', 'Ana', 'F', 300],
      ],
    });
    const result = await validate({ workbook, kiva }, { ...run(kiva), scope: { kind: 'sheet', sheet: 'Loans' } });
    if (!result.ok) throw new Error(result.error.code);
    expect(kiva.loanQueries).toEqual([]);
    const without = await validate({ workbook: report(), kiva }, { ...run(kiva), portfolio: undefined });
    if (!without.ok) throw new Error(without.error.code);
    expect(kiva.loanQueries).toEqual([]);
    expect(without.value.errorCount).toBe(0);
  });

  it('one port, one read: a second run on the same port reuses the list, a failed read is asked again', async () => {
    const kiva = new FakeKiva();
    kiva.loans = LOANS;
    const port = kivaPortfolio(kiva, CLOCK);
    await port.loans();
    await port.loans();
    await port.loans(undefined, REPAYING);
    await port.loans(undefined, REPAYING);
    expect(kiva.loanQueries).toHaveLength(2);
    const failing = new FakeKiva();
    failing.loansFailure = { ok: false, error: { code: 'kiva-not-configured', params: { detail: 'no id' } } };
    const again = kivaPortfolio(failing, CLOCK);
    await again.loans();
    await again.loans();
    expect(failing.loanQueries).toHaveLength(2);
  });
});

describe('the loans read beside the rest of the preparation', () => {
  const cancelled = (): AppResult<PartnerLoan[]> => ({
    ok: false,
    error: fromKiva({ code: 'request.cancelled', params: {} }),
  });
  /** A Kiva whose loans never come: the read ends only when its signal is aborted (as src/kiva's does). */
  const hanging = (kiva: FakeKiva, seen: { signal?: AbortSignal; events: string[] }): void => {
    kiva.getAllLoans = (query, signal) => {
      seen.events.push(`loans ${query.statuses.join(',')}`);
      if (signal !== undefined) seen.signal = signal;
      return new Promise((resolve) => signal?.addEventListener('abort', () => resolve(cancelled())));
    };
  };
  const turns = async (): Promise<void> => {
    for (let k = 0; k < 5; k++) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  it('starts before the lists are answered, and is stopped when the run stops on the lists', async () => {
    const workbook = new FakeWorkbook({
      Loans: [
        ['loan_id', 'first_name', 'gender', 'amount', 'activity'],
        ['P1', 'Ana', 'F', 300, 'Agriculture'],
      ],
      Repayments: [
        ['loan_id', 'amount'],
        ['000100', 25],
      ],
    });
    const kiva = new FakeKiva();
    const seen: { signal?: AbortSignal; events: string[] } = { events: [] };
    hanging(kiva, seen);
    let answerLists: (answer: AppResult<ConfigLists>) => void = () => undefined;
    kiva.getConfigLists = () => {
      seen.events.push('lists');
      return new Promise((resolve) => (answerLists = resolve));
    };
    const result = validate({ workbook, kiva }, run(kiva, { scope: { kind: 'workbook' } }));
    await turns();
    expect(seen.events).toEqual(['loans payingBack,defaulted', 'lists']);
    expect(seen.signal?.aborted).toBe(false);
    answerLists({ ok: false, error: fromKiva({ code: 'network.unreachable', params: { detail: 'refused' } }) });
    const stopped = await result;
    expect(stopped.ok || stopped.error.code).toBe('lists-unavailable');
    expect(seen.signal?.aborted).toBe(true);
  });

  it('Ctrl-C stops the read in flight, and the run with it: nothing sent', async () => {
    const kiva = new FakeKiva();
    const seen: { signal?: AbortSignal; events: string[] } = { events: [] };
    hanging(kiva, seen);
    const controller = new AbortController();
    const result = send({ workbook: report(), kiva }, run(kiva, { signal: controller.signal }));
    await turns();
    expect(seen.signal?.aborted).toBe(false);
    controller.abort();
    expect(await result).toMatchObject({ ok: false, error: { cause: { code: 'request.cancelled' } } });
    expect(seen.signal?.aborted).toBe(true);
    expect(kiva.sentRows()).toEqual([]);
  });

  it('reads nothing for a run that will not check: loan drafts alone, or a report with no row', async () => {
    const kiva = new FakeKiva();
    const workbook = new FakeWorkbook({
      Loans: [
        ['loan_id', 'first_name', 'gender', 'amount'],
        ['P1', 'Ana', 'F', 300],
      ],
      Repayments: [['loan_id', 'amount']],
    });
    const result = await validate({ workbook, kiva }, run(kiva, { scope: { kind: 'workbook' } }));
    if (!result.ok) throw new Error(result.error.code);
    expect(kiva.loanQueries).toEqual([]);
  });
});
