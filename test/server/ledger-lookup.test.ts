/**
 * POST /api/ledger/lookup over real HTTP: the pane computes guard keys and content hashes itself (src/app/guard-keys.ts,
 * WebCrypto) and asks which the ledger knows. The keys must be the server's own, the answer data (no sentence), and
 * the lookup must change nothing.
 */
import { canonicalJson, journalKey, loanDraftKey, repaymentKey, sha256Hex } from '../../src/app/guard-keys';
import { summariseLoanDraft } from '../../src/app/ledger';
import type { RowOutcome } from '../../src/kiva';
import { individualDraft, journal, kinds, payingBackLoans, repaymentsFor } from './fixtures';
import { startHarness, type Harness } from './harness';

interface SubmitAnswer {
  submitId: number;
  outcomes: RowOutcome[];
  calls: { rows: { row: number }[]; httpStatus?: number }[];
}
interface LookupEntry {
  key: string;
  outcome: string;
  sentAt: string;
  sentBy: string;
  environment: string;
  contentHash?: string;
  reference?: string;
  summary?: Record<string, string | number>;
}

let h: Harness;
const clock = Date.parse('2026-12-05T09:00:00Z');
beforeAll(async () => {
  h = await startHarness({ deps: { now: () => clock } });
});
afterAll(async () => h.close());

const lookup = async (keys: string[], env = 'stage') => {
  const answer = await h.api('/api/ledger/lookup', { body: { env, keys } });
  expect(answer.status).toBe(200);
  return answer.json<{ entries: LookupEntry[] }>().entries;
};

describe('the ledger lookup the pane reconciles with', () => {
  it('finds, by keys the pane computes, what the server recorded, with the content hash it recorded', async () => {
    const loans = await payingBackLoans(h, 2);
    const items = repaymentsFor(loans);
    const sent = await h
      .api('/api/submit/repayments', { body: { env: 'stage', period: '2026-11', items } })
      .then((a) => a.json<SubmitAnswer>());
    expect(kinds(sent.outcomes)).toEqual(['sent', 'sent']);
    // One call line per Kiva request, with Kiva's HTTP status.
    expect(sent.calls).toEqual([{ rows: items.map((i) => i.row), httpStatus: 200 }]);

    const draft = individualDraft('LK-1', 2);
    const note = journal(loans[0]?.internal_loan_id ?? '', 5);
    await h.api('/api/submit/loan-drafts', { body: { env: 'stage', items: [draft] } });
    await h.api('/api/submit/journals', { body: { env: 'stage', items: [note] } });

    const draftHash = await sha256Hex(canonicalJson(draft.body));
    const noteHash = await sha256Hex(canonicalJson(note.journal));
    const keys = [
      ...items.map((item) => repaymentKey(item.repayment, '2026-11')),
      loanDraftKey(draft.body, draftHash),
      journalKey(note.journal, noteHash),
      repaymentKey({ loan_id: 'never-sent', amount: 1 }, '2026-11'),
      repaymentKey(items[0]!.repayment, '2026-10'),
    ];
    const before = h.auditDump();
    const entries = await lookup(keys);
    expect(h.auditDump()).toBe(before);

    const byKey = new Map(entries.map((entry) => [entry.key, entry]));
    expect([...byKey.keys()].sort()).toEqual(keys.slice(0, 4).sort());
    const first = byKey.get(keys[0]!);
    expect(first).toEqual({
      key: keys[0],
      outcome: 'accepted',
      sentAt: new Date(clock).toISOString(),
      sentBy: expect.any(String),
      environment: 'stage',
      contentHash: await sha256Hex(canonicalJson(items[0]!.repayment)),
      reference: expect.any(String),
      summary: { amount: items[0]!.repayment.amount },
    });
    expect(byKey.get(keys[2]!)).toMatchObject({ contentHash: draftHash, summary: summariseLoanDraft(draft.body) });
    expect(byKey.get(keys[3]!)).toMatchObject({ contentHash: noteHash, reference: expect.stringMatching(/^https?:/) });
    // Production has its own ledger.
    expect(await lookup(keys, 'production')).toEqual([]);
  });

  it('hashes a draft with its photo as the pane does, and keeps no photo', async () => {
    const draft = individualDraft('LK-photo', 9);
    const photo = `data:image/jpeg;base64,${Buffer.from('not really a jpeg but base64').toString('base64')}`;
    draft.body.image_encoded = photo;
    await h.api('/api/submit/loan-drafts', { body: { env: 'stage', items: [draft] } });
    const [entry] = await lookup([loanDraftKey(draft.body, '')]);
    expect(entry?.contentHash).toBe(await sha256Hex(canonicalJson(draft.body)));
    expect(h.auditDump()).not.toContain(photo.slice(30));
  });

  it('refuses what is not a lookup', async () => {
    for (const body of [
      { env: 'stage' },
      { env: 'test', keys: [] },
      { env: 'stage', keys: [''] },
      { env: 'stage', keys: 'x' },
    ]) {
      const answer = await h.api('/api/ledger/lookup', { body });
      expect(answer.status).toBe(400);
      expect(answer.json<{ error: { code: string } }>().error.code).toBe('request.invalid');
    }
  });
});
