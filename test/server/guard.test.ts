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

  it('answers the same content again as sent earlier, with data and no sentence, and still sends the new rows', async () => {
    const first = await drafts([individualDraft('L-1', 2), groupDraft('G-1', 3)]);
    expect(kinds(first.outcomes)).toEqual(['sent', 'sent', 'sent']);
    const uuid = first.outcomes[0]?.kind === 'sent' ? first.outcomes[0].reference?.loanDraftUuid : undefined;

    const again = await drafts([individualDraft('L-1', 2), groupDraft('G-1', 3), individualDraft('L-2', 5)]);
    expect(kinds(again.outcomes)).toEqual(['sent-earlier', 'sent-earlier', 'sent-earlier', 'sent']);
    expect(again.outcomes[0]).toEqual({
      kind: 'sent',
      row: { sheet: 'Loans', row: 2 },
      earlier: {
        sentAt: new Date(clock).toISOString(),
        sentBy: expect.any(String),
        environment: 'stage',
        outcome: 'accepted',
        reference: uuid,
      },
    });
    // Nothing a coordinator reads is a sentence of the server's: no "force", no account, no raw timestamp.
    expect(JSON.stringify(again.outcomes)).not.toMatch(/force|Already sent/i);
    expect(h.emulator.applied).toHaveLength(3);
  });

  it('knows a group by its internal_loan_id and a loan by its borrower loan_id: other content is "changed since sent"', async () => {
    const changedGroup = groupDraft('G-1', 40, 'Other workbook');
    changedGroup.body.group_name = 'Renamed group';
    const changedLoan = individualDraft('L-1', 41, 'Other workbook');
    changedLoan.body.description = 'Edited story';
    const answer = await drafts([changedGroup, changedLoan]);
    expect(kinds(answer.outcomes)).toEqual(['changed', 'changed', 'changed']);
    expect(answer.outcomes[2]).toMatchObject({
      kind: 'failed',
      code: 'ledger.changed',
      params: { sentAt: new Date(clock).toISOString(), environment: 'stage' },
      earlier: { outcome: 'accepted' },
      // The ledger keeps only amount, disbursal date and borrowers: a story edit is "other content", unnamed.
      changes: [],
    });
    expect(h.emulator.applied).toEqual([]);
  });

  it('never sends the same loan twice within one request', async () => {
    const answer = await drafts([individualDraft('L-3', 2), individualDraft('L-3', 3)], { force: true });
    expect(kinds(answer.outcomes)).toEqual(['sent', 'in-flight']);
    expect(answer.outcomes[1]).toMatchObject({ code: 'ledger.in-flight', earlier: { outcome: 'sending' } });
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

  it('keys repayments by the report period, by default the month before the send, whatever day it is sent', async () => {
    const loans = await payingBackLoans(h, 4);
    // Sent on 10 March: February's report.
    const first = await repayments(repaymentsFor(loans.slice(0, 2)));
    expect(kinds(first.outcomes)).toEqual(['sent', 'sent']);
    expect(await repayments(repaymentsFor(loans.slice(0, 2)), { period: '2026-02' })).toMatchObject({
      outcomes: [
        { kind: 'sent', earlier: { outcome: 'accepted' } },
        { kind: 'sent', earlier: {} },
      ],
    });
    clock = Date.parse('2026-03-31T23:59:00Z');
    const again = await repayments(repaymentsFor(loans.slice(0, 3)));
    expect(kinds(again.outcomes)).toEqual(['sent-earlier', 'sent-earlier', 'sent']);
    // A late January report sent now blocks nothing of February's, and is blocked by nothing.
    const late = await repayments(repaymentsFor(loans.slice(0, 3)), { period: '2026-01' });
    expect(kinds(late.outcomes)).toEqual(['sent', 'sent', 'sent']);
    clock = Date.parse('2026-04-01T00:01:00Z');
    const april = await repayments(repaymentsFor(loans.slice(0, 3)));
    expect(kinds(april.outcomes)).toEqual(['sent', 'sent', 'sent']);
    expect(h.emulator.appliedRepaymentLoanIds()).toHaveLength(2 + 1 + 3 + 3);
  });

  it('says what changed for a corrected amount in the same period, and sends it only on Resend', async () => {
    const [loan] = await payingBackLoans(h, 1);
    const item = (amount: number) =>
      repaymentsFor([loan!]).map((r) => ({ ...r, repayment: { ...r.repayment, amount } }));
    expect(kinds((await repayments(item(20), { period: '2025-11' })).outcomes)).toEqual(['sent']);
    const corrected = await repayments(item(2500), { period: '2025-11' });
    expect(corrected.outcomes).toEqual([
      expect.objectContaining({
        kind: 'failed',
        code: 'ledger.changed',
        changes: [{ field: 'amount', was: 20, now: 2500 }],
        earlier: expect.objectContaining({ outcome: 'accepted', sentAt: new Date(clock).toISOString() }),
      }),
    ]);
    const resent = await repayments(item(2500), { period: '2025-11', force: true });
    expect(kinds(resent.outcomes)).toEqual(['sent']);
    const [submit] = h.auditRows<{ forced: number }>('SELECT forced FROM submits WHERE id = ?', resent.submitId);
    expect(submit?.forced).toBe(1);
  });

  it('refuses a period that is not a month', async () => {
    for (const period of ['2026-13', '2026-1', 'November', '1999-12', 202611]) {
      const answer = await h.api('/api/submit/repayments', {
        body: { env: 'stage', period, items: repaymentsFor([{ internal_loan_id: 'L1' }] as never) },
      });
      expect(answer.status).toBe(400);
      expect(await answer.json<{ error: { code: string; message: string } }>()).toMatchObject({
        error: { code: 'request.invalid', message: expect.stringContaining('period') },
      });
    }
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
    expect(kinds(again.outcomes)).toEqual(['uncertain-earlier']);
    expect(again.outcomes[0]).toMatchObject({ reason: 'earlier-uncertain', earlier: { outcome: 'uncertain' } });
    expect(kinds((await drafts([individualDraft('L-lost', 2)], { force: true })).outcomes)).toEqual(['sent']);
    expect(h.emulator.applied).toHaveLength(2);
  });

  it('lets only one of two concurrent requests with the same rows through', async () => {
    h.emulator.setLatency(150);
    try {
      const items = [individualDraft('L-race-1', 2), individualDraft('L-race-2', 3)];
      const [a, b] = await Promise.all([drafts(items), drafts(items)]);
      const all = [...kinds(a?.outcomes ?? []), ...kinds(b?.outcomes ?? [])].sort();
      // The loser sees the winner's rows in flight, or already accepted if the winner finished first.
      expect(all.filter((kind) => kind === 'sent')).toHaveLength(2);
      expect(all.filter((kind) => kind === 'in-flight' || kind === 'sent-earlier')).toHaveLength(2);
      const forced = await Promise.all([drafts(items, { force: true }), drafts(items, { force: true })]);
      // Force overrides a finished send, never one in flight.
      const forcedKinds = forced.flatMap((answer) => kinds(answer.outcomes));
      expect(forcedKinds.filter((kind) => kind === 'sent')).toHaveLength(2);
      expect(forcedKinds.filter((kind) => kind === 'in-flight')).toHaveLength(2);
    } finally {
      h.emulator.setLatency(0);
    }
    expect(h.emulator.applied).toHaveLength(4);
  });

  it('still holds the rows back after a restart on the same database', async () => {
    await h.stopServer();
    h = await startHarness({ reuse: h, deps: { now: () => clock } });
    const answer = await drafts([individualDraft('L-1', 2), groupDraft('G-1', 3), individualDraft('L-new', 5)]);
    expect(kinds(answer.outcomes)).toEqual(['sent-earlier', 'sent-earlier', 'sent-earlier', 'sent']);
    expect(h.emulator.applied).toHaveLength(1);
  });
});
