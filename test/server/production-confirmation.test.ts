/**
 * Production is sent only on the user's explicit word naming the rows (the pane's dialog): over real HTTP, a submit
 * without it is 409 and reaches nothing; with it, no more rows than it names go, across every submit carrying it.
 */
import type { RowOutcome } from '../../src/kiva';
import { groupDraft, individualDraft, kinds } from './fixtures';
import { startHarness, type Harness } from './harness';

interface SubmitAnswer {
  submitId: number;
  outcomes: RowOutcome[];
}

describe('production needs a confirmation naming its rows', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());
  beforeEach(() => h.emulator.reset());

  const drafts = (env: 'stage' | 'production', items: unknown[], extra: object = {}) =>
    h.api('/api/submit/loan-drafts', { body: { env, items, ...extra } });
  const submitsCount = () => h.auditRows<{ n: number }>('SELECT COUNT(*) AS n FROM submits')[0]?.n;

  it('refuses production without a confirmation (409, a code the pane translates) and sends nothing', async () => {
    const before = submitsCount();
    for (const extra of [{}, { confirmation: { env: 'stage', rows: 1, id: 'wrong-env' } }]) {
      const answer = await drafts('production', [individualDraft('P-1', 2)], extra);
      expect(answer.status).toBe(409);
      expect(answer.json()).toMatchObject({
        error: { code: 'production.confirmation-required', params: { env: 'production' } },
      });
    }
    expect(h.emulator.applied).toEqual([]);
    expect(submitsCount()).toBe(before);
  });

  it('stage needs none', async () => {
    const answer = await drafts('stage', [individualDraft('S-1', 2)]);
    expect(kinds(answer.json<SubmitAnswer>().outcomes)).toEqual(['sent']);
  });

  it('refuses a malformed confirmation as invalid (400)', async () => {
    for (const confirmation of [
      { env: 'production', rows: 0, id: 'x' },
      { env: 'production', rows: 1 },
    ]) {
      const answer = await drafts('production', [individualDraft('P-2', 2)], { confirmation });
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ error: { code: 'request.invalid' } });
    }
    expect(h.emulator.applied).toEqual([]);
  });

  it('sends the confirmed rows, over several submits, records the confirmation, and refuses a row more', async () => {
    const confirmation = { env: 'production', rows: 3, id: 'dialog-1' };
    const first = await drafts('production', [groupDraft('PG-1', 2)], { confirmation });
    expect(kinds(first.json<SubmitAnswer>().outcomes)).toEqual(['sent', 'sent']);
    const second = await drafts('production', [individualDraft('P-3', 4)], { confirmation });
    expect(kinds(second.json<SubmitAnswer>().outcomes)).toEqual(['sent']);

    const beyond = await drafts('production', [individualDraft('P-4', 5)], { confirmation });
    expect(beyond.status).toBe(409);
    expect(beyond.json()).toMatchObject({
      error: { code: 'production.confirmation-exceeded', params: { env: 'production', confirmed: 3, requested: 4 } },
    });
    expect(h.emulator.applied).toHaveLength(2);

    const recorded = h.auditRows<Record<string, unknown>>(
      `SELECT user, user_id, confirmation_id, confirmed_rows, rows FROM submits WHERE id IN (?, ?) ORDER BY id`,
      first.json<SubmitAnswer>().submitId,
      second.json<SubmitAnswer>().submitId,
    );
    expect(recorded).toEqual([
      expect.objectContaining({ confirmation_id: 'dialog-1', confirmed_rows: 3, rows: 2 }),
      expect.objectContaining({ confirmation_id: 'dialog-1', confirmed_rows: 3, rows: 1 }),
    ]);
    expect(recorded[0]?.user_id).toMatch(/^local:/);
  });

  it('counts concurrent submits of one confirmation together: one of two passes a one-row confirmation', async () => {
    const confirmation = { env: 'production', rows: 1, id: 'dialog-2' };
    const answers = await Promise.all([
      drafts('production', [individualDraft('P-5', 2)], { confirmation }),
      drafts('production', [individualDraft('P-6', 3)], { confirmation }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(h.emulator.applied).toHaveLength(1);
  });
});
