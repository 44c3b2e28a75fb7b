import type { PreviousSend } from '../../src/app/ledger';
import { findingStatus, findingsPlan, ledgerNotices, type LedgerFinding } from '../../src/app/ledger-rows';
import type { Conversion } from '../../src/sheet';

describe("the ledger's findings written back as statuses", () => {
  const clock = { now: () => Date.parse('2026-12-04T10:00:00Z'), utcOffsetMinutes: () => 60 };
  const conversion = {
    settings: { language: 'es' },
    sheets: [{ sheet: 'Repayments', headers: { statusColumn: { index: 3, letter: 'D', exists: true } } }],
  } as unknown as Conversion;
  const previous = (submitId: number, extra: Partial<PreviousSend> = {}): PreviousSend => ({
    submitId,
    sentAt: `2026-12-0${submitId}T09:30:00.000Z`,
    sentBy: submitId === 1 ? 'ana' : 'bruno',
    state: 'sent',
    otherRun: true,
    reference: `U-${submitId}`,
    contentHash: 'h',
    ...extra,
  });
  const at = (row: number) => [{ sheet: 'Repayments', row }];
  // Interleaved: two earlier requests, a warned one, one being sent by another run, a changed and an uncertain row.
  const findings: LedgerFinding[] = [
    { kind: 'sent', rows: at(2), previous: previous(1) },
    { kind: 'sent', rows: at(3), previous: previous(2) },
    { kind: 'sent', rows: at(4), previous: previous(1) },
    { kind: 'sent', rows: at(5), previous: previous(1, { state: 'warned', message: 'Loan is refunded' }) },
    { kind: 'sent', rows: at(6), previous: previous(1) },
    { kind: 'busy', rows: at(7), previous: previous(3, { state: 'sending' }) },
    {
      kind: 'changed',
      rows: at(8),
      previous: previous(1),
      changes: [{ field: 'amount', was: 20, now: 2500 }],
    },
    {
      kind: 'changed',
      rows: at(9),
      previous: previous(1),
      changes: [{ field: 'amount', was: 30, now: 40 }],
    },
    { kind: 'uncertain', rows: at(10), previous: previous(2, { state: 'uncertain', message: 'timeout' }) },
    { kind: 'sent', rows: at(11), previous: previous(2) },
  ];

  it('gives each row the status its own finding reads, whatever came before it', () => {
    const plan = findingsPlan(findings, conversion, 'stage', clock);
    const expected = findings.flatMap((finding) => {
      const status = findingStatus(finding, 'stage', 'es', clock);
      return status === undefined ? [] : finding.rows.map((row) => [row.row, status.text, status.tone]);
    });
    const statuses = plan.sheets.flatMap((sheet) => sheet.statuses.map((s) => [s.row, s.text]));
    expect(statuses).toEqual(expected.map(([row, text]) => [row, text]));
    expect(statuses.map(([row]) => row)).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11]);
    // Rows of one earlier request share their wording; a changed row's says its own change.
    const text = new Map(statuses.map(([row, t]) => [row, t]));
    expect(text.get(2)).toBe(text.get(4));
    expect(text.get(2)).not.toBe(text.get(3));
    expect(text.get(5)).not.toBe(text.get(2));
    expect(text.get(8)).not.toBe(text.get(9));
  });

  it('counts and lists the rows of each kind in one notice each', () => {
    expect(ledgerNotices(findings, 'stage', 'send').map((n) => [n.code, n.params])).toEqual([
      ['ledger-sent', { count: 6, rows: 'Repayments!2–6, 11', environment: 'stage' }],
      ['ledger-changed', { count: 2, rows: 'Repayments!8–9', environment: 'stage' }],
      ['ledger-uncertain', { count: 1, rows: 'Repayments!10', environment: 'stage' }],
      ['ledger-busy', { count: 1, rows: 'Repayments!7', environment: 'stage' }],
    ]);
  });
});
