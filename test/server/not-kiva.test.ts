/** A 2xx that is not Kiva's answer (a login portal's HTML page) is Uncertain at the server, never stored as accepted. */
import type { RowOutcome } from '../../src/kiva';
import { individualDraft, kinds } from './fixtures';
import { startHarness, type Harness } from './harness';

interface SubmitAnswer {
  submitId: number;
  outcomes: RowOutcome[];
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

it('records a portal 200 as uncertain, holds the loan back, and logs the page it got', async () => {
  h.emulator.setMode('portal');
  const answer = await h
    .api('/api/submit/loan-drafts', { body: { env: 'stage', items: [individualDraft('P-1', 2)] } })
    .then((a) => a.json<SubmitAnswer>());
  expect(kinds(answer.outcomes)).toEqual(['uncertain']);
  expect(answer.outcomes[0]).toMatchObject({ kind: 'uncertain', reason: 'not-kiva' });
  expect(h.emulator.applied).toEqual([]);

  const items = h.auditRows<{ state: string; outcome: string; http_status: number | null }>(
    'SELECT state, outcome, http_status FROM items WHERE submit_id = ?',
    answer.submitId,
  );
  expect(items).toEqual([{ state: 'uncertain', outcome: 'uncertain', http_status: 200 }]);
  const calls = h.auditRows<{ result: string; status: number; message: string }>(
    `SELECT result, status, message FROM kiva_calls WHERE submit_id = ? AND operation = 'loan-draft'`,
    answer.submitId,
  );
  expect(calls).toEqual([
    { result: 'uncertain', status: 200, message: expect.stringContaining('not JSON: <!DOCTYPE html>') },
  ]);
  expect(calls[0]?.message).toContain('Welcome to nginx!');

  // Back to Kiva: the loan is still held back until someone checks PA2 (it is not "already sent", nor free).
  h.emulator.setMode('kiva');
  const again = await h
    .api('/api/submit/loan-drafts', { body: { env: 'stage', items: [individualDraft('P-1', 2)] } })
    .then((a) => a.json<SubmitAnswer>());
  expect(again.outcomes[0]).toMatchObject({
    kind: 'uncertain',
    reason: 'earlier-uncertain',
    earlier: { outcome: 'uncertain', environment: 'stage' },
  });
});
