import type { RowOutcome } from '../../src/kiva';
import { groupDraft, individualDraft, kinds, payingBackLoans, repaymentsFor } from './fixtures';
import { startHarness, type Harness } from './harness';

interface SubmitAnswer {
  submitId: number;
  outcomes: RowOutcome[];
}

describe('duplicate guard: rows already sent are held back, per row', () => {
  let h: Harness;
  let clock = Date.parse('2026-03-10T12:00:00Z');
  beforeAll(async () => {
    h = await startHarness({ deps: { now: () => clock } });
  });
  afterAll(async () => h.close());
  beforeEach(() => h.emulator.reset());

  const drafts = (items: unknown[], extra: object = {}) =>
    h.api('/api/submit/loan-drafts', { body: { env: 'stage', items, ...extra } }).then((a) => a.json<SubmitAnswer>());
  const repayments = (items: unknown[], extra: object = {}) =>
    h.api('/api/submit/repayments', { body: { env: 'stage', items, ...extra } }).then((a) => a.json<SubmitAnswer>());

  it('holds back drafts sent before and still sends the new rows of the same request', async () => {
    const first = await drafts([individualDraft('L-1', 2), groupDraft('G-1', 3)]);
    expect(kinds(first.outcomes)).toEqual(['sent', 'sent', 'sent']);
    const uuid = first.outcomes[0]?.kind === 'sent' ? first.outcomes[0].reference?.loanDraftUuid : undefined;

    const again = await drafts([individualDraft('L-1', 2), groupDraft('G-1', 3), individualDraft('L-2', 5)]);
    expect(kinds(again.outcomes)).toEqual(['duplicate', 'duplicate', 'duplicate', 'sent']);
    expect(again.outcomes[0]).toMatchObject({
      kind: 'failed',
      code: 'duplicate',
      message: expect.stringMatching(/^Already sent to Kiva stage/),
      params: { previous: 'sent', sentAt: new Date(clock).toISOString(), sentBy: expect.any(String), reference: uuid },
    });
    expect(h.emulator.applied).toHaveLength(3);
  });

  it('knows a group by its internal_loan_id and an individual loan by its borrower loan_id, whatever else changed', async () => {
    const changedGroup = groupDraft('G-1', 40, 'Other workbook');
    changedGroup.body.group_name = 'Renamed group';
    const changedLoan = individualDraft('L-1', 41, 'Other workbook');
    changedLoan.body.description = 'Edited story';
    const answer = await drafts([changedGroup, changedLoan]);
    expect(kinds(answer.outcomes)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(h.emulator.applied).toEqual([]);
  });

  it('never sends the same loan twice within one request', async () => {
    const answer = await drafts([individualDraft('L-3', 2), individualDraft('L-3', 3)], { force: true });
    expect(kinds(answer.outcomes)).toEqual(['sent', 'duplicate']);
    expect(answer.outcomes[1]).toMatchObject({ params: { previous: 'sending' } });
  });

  it('guards each environment on its own', async () => {
    const answer = await h
      .api('/api/submit/loan-drafts', {
        body: {
          env: 'production',
          items: [individualDraft('L-1', 2)],
          confirmation: { env: 'production', rows: 1, id: 'guard' },
        },
      })
      .then((a) => a.json<SubmitAnswer>());
    expect(kinds(answer.outcomes)).toEqual(['sent']);
  });

  it('holds back a repayment for a loan already reported this calendar month, not next month', async () => {
    const loans = await payingBackLoans(h, 4);
    const first = await repayments(repaymentsFor(loans.slice(0, 2)));
    expect(kinds(first.outcomes)).toEqual(['sent', 'sent']);
    clock = Date.parse('2026-03-31T23:59:00Z');
    const again = await repayments(repaymentsFor(loans.slice(0, 3)));
    expect(kinds(again.outcomes)).toEqual(['duplicate', 'duplicate', 'sent']);
    clock = Date.parse('2026-04-01T00:01:00Z');
    const april = await repayments(repaymentsFor(loans.slice(0, 3)));
    expect(kinds(april.outcomes)).toEqual(['sent', 'sent', 'sent']);
    expect(h.emulator.appliedRepaymentLoanIds()).toHaveLength(2 + 1 + 3);
  });

  it('lets force through, and logs it', async () => {
    const forced = await drafts([individualDraft('L-1', 2)], { force: true });
    expect(kinds(forced.outcomes)).toEqual(['sent']);
    const [submit] = h.auditRows<{ forced: number }>('SELECT forced FROM submits WHERE id = ?', forced.submitId);
    expect(submit?.forced).toBe(1);
    const [item] = h.auditRows<{ overrides: number | null; state: string }>(
      'SELECT overrides, state FROM items WHERE submit_id = ?',
      forced.submitId,
    );
    expect(item).toMatchObject({ state: 'accepted', overrides: expect.any(Number) });
    expect(h.logs.some((line) => line.includes(`submitId=${forced.submitId}`) && line.includes('force=true'))).toBe(
      true,
    );
  });

  it('does not guard rows Kiva rejected: they may be sent again', async () => {
    const bad = individualDraft('L-rejected', 2);
    bad.body.theme_type_id = 999999;
    expect(kinds((await drafts([bad])).outcomes)).toEqual(['rejected']);
    expect(kinds((await drafts([bad])).outcomes)).toEqual(['rejected']);
  });

  it('guards uncertain rows until someone forces them', async () => {
    h.emulator.inject({ kind: 'reset-after-apply', match: { path: '/loan_draft' } });
    expect(kinds((await drafts([individualDraft('L-lost', 2)])).outcomes)).toEqual(['uncertain']);
    const again = await drafts([individualDraft('L-lost', 2)]);
    expect(kinds(again.outcomes)).toEqual(['duplicate']);
    expect(again.outcomes[0]).toMatchObject({
      params: { previous: 'uncertain' },
      message: expect.stringMatching(/check PA2/),
    });
    expect(kinds((await drafts([individualDraft('L-lost', 2)], { force: true })).outcomes)).toEqual(['sent']);
    expect(h.emulator.applied).toHaveLength(2);
  });

  it('lets only one of two concurrent requests with the same rows through', async () => {
    h.emulator.setLatency(150);
    try {
      const items = [individualDraft('L-race-1', 2), individualDraft('L-race-2', 3)];
      const [a, b] = await Promise.all([drafts(items), drafts(items)]);
      const all = [...kinds(a?.outcomes ?? []), ...kinds(b?.outcomes ?? [])].sort();
      expect(all).toEqual(['duplicate', 'duplicate', 'sent', 'sent']);
      const forced = await Promise.all([drafts(items, { force: true }), drafts(items, { force: true })]);
      // Force overrides a finished send, never one in flight.
      expect(forced.flatMap((answer) => kinds(answer.outcomes)).sort()).toEqual([
        'duplicate',
        'duplicate',
        'sent',
        'sent',
      ]);
    } finally {
      h.emulator.setLatency(0);
    }
    expect(h.emulator.applied).toHaveLength(4);
  });

  it('still holds the rows back after a restart on the same database', async () => {
    await h.stopServer();
    h = await startHarness({ reuse: h, deps: { now: () => clock } });
    const answer = await drafts([individualDraft('L-1', 2), groupDraft('G-1', 3), individualDraft('L-new', 5)]);
    expect(kinds(answer.outcomes)).toEqual(['duplicate', 'duplicate', 'duplicate', 'sent']);
    expect(h.emulator.applied).toHaveLength(1);
  });
});
