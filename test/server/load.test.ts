import type { PartnerLoan, RowOutcome } from '../../src/kiva';
import { startHarness } from './harness';
import { appliedLoanIds, buildLoad, driveLoad } from './load-clients';

const CLIENTS = 50;
const SUBMITS_PER_CLIENT = 20;

describe('load: 50 concurrent clients × 20 submits on loopback', () => {
  it('answers every request and loses or duplicates no row at Kiva', async () => {
    const h = await startHarness({ emulator: { loanCount: 1000 } });
    try {
      const loans = (await h.api('/api/loans?env=stage&status=payingBack')).json<{ loans: PartnerLoan[] }>().loans;
      const load = buildLoad(
        CLIENTS,
        SUBMITS_PER_CLIENT,
        loans.map((loan) => loan.internal_loan_id ?? ''),
      );
      h.emulator.reset();
      const { answers } = await driveLoad(load, async (request) => {
        const answer = await h.api(request.path, { body: request.body });
        return {
          status: answer.status,
          outcomes: answer.status === 200 ? answer.json<{ outcomes: RowOutcome[] }>().outcomes : [],
        };
      });

      expect(answers).toHaveLength(CLIENTS * SUBMITS_PER_CLIENT);
      expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
      const own = answers.flatMap((answer) => answer.request.own);
      const shared = new Set(answers.flatMap((answer) => (answer.request.shared ? [answer.request.shared] : [])));
      expect(shared.size).toBe(100);
      // Each loan the emulator took exactly once: every client's own rows, and each raced row once.
      const applied = appliedLoanIds(h.emulator.applied);
      expect(applied.length).toBe(new Set(applied).size);
      expect(new Set(applied)).toEqual(new Set([...own, ...shared]));
      // Each row one outcome: own rows sent; of each raced pair, one sent and one held back.
      for (const answer of answers) {
        expect(answer.outcomes.length).toBe(answer.request.own.length + (answer.request.shared ? 1 : 0));
        expect(answer.outcomes[0]?.kind).toBe('sent');
      }
      const racedKinds = answers.flatMap((answer) => (answer.request.shared ? [answer.outcomes[1]] : []));
      // The one held back is being sent by the other (in flight) or already accepted (sent earlier).
      const held = racedKinds.filter((outcome) => outcome !== undefined && 'earlier' in outcome && outcome.earlier);
      expect(racedKinds.filter((outcome) => outcome?.kind === 'sent' && !('earlier' in outcome))).toHaveLength(
        shared.size,
      );
      expect(held).toHaveLength(shared.size);
      const [counts] = h.auditRows<{ submits: number }>(
        'SELECT COUNT(*) AS submits FROM submits WHERE finished_at IS NOT NULL',
      );
      expect(counts?.submits).toBeGreaterThanOrEqual(CLIENTS * SUBMITS_PER_CLIENT);
    } finally {
      await h.close();
    }
  }, 120_000);
});
