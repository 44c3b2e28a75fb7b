/**
 * src/kiva's sending pipeline against the emulator at 50 ms per request: 10,000 repayments (40 calls of 250) and
 * 500 loan drafts (one call each) at concurrency 4. The floor is requests × latency ÷ concurrency; the pipeline's
 * own cost is what the wall time adds to it.
 */
import { EMULATOR_CONFIG, startEmulator } from '../dev/kiva-emulator';
import {
  createKivaClient,
  type KivaRuntime,
  type LoanDraftItem,
  type RepaymentItem,
  type RowOutcome,
} from '../src/kiva';
import { emulatorTokens } from './emulator-kiva';

const LATENCY_MS = 50;
const CONCURRENCY = 4;
const REPAYMENTS = 10_000;
const DRAFTS = 500;
const GOAL = 1.2;

const runtime: KivaRuntime = {
  fetch,
  now: Date.now,
  schedule: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
  random: Math.random,
};

export async function run(): Promise<void> {
  // Enough seeded loans for 10,000 distinct payingBack ones.
  const emulator = await startEmulator({ loanCount: 16_000 });
  try {
    const tokens = emulatorTokens(emulator, runtime);
    const kiva = createKivaClient({ tokens, runtime, settings: { concurrency: CONCURRENCY } });

    const loans = await kiva.getAllLoans({ statuses: ['payingBack'] });
    if (!loans.ok) throw new Error(loans.error.code);
    const repayments: RepaymentItem[] = loans.value.slice(0, REPAYMENTS).map((loan, index) => ({
      repayment: { loan_id: loan.internal_loan_id ?? '', amount: 12.5 },
      row: { sheet: 'Repayments', row: index + 2 },
    }));
    if (repayments.length < REPAYMENTS) throw new Error(`only ${repayments.length} payingBack loans seeded`);
    const drafts: LoanDraftItem[] = Array.from({ length: DRAFTS }, (_, index) => ({
      body: {
        activity_id: EMULATOR_CONFIG.activities[index % EMULATOR_CONFIG.activities.length]?.activity_id,
        description: `Bench loan ${index}`,
        entreps: [{ amount: 400, loan_id: `B${index}`, first_name: 'Ana', last_name: 'Quispe', gender: 'female' }],
      },
      rows: [{ sheet: 'Loans', row: index + 2 }],
    }));

    emulator.setLatency(LATENCY_MS);
    // The token is fetched before timing: one request, once per 12 hours, is not the pipeline.
    await tokens.getToken();
    emulator.reset();

    const phases: [string, () => Promise<RowOutcome[]>, number][] = [
      ['10,000 repayments', () => kiva.sendRepayments(repayments), Math.ceil(REPAYMENTS / 250)],
      ['500 loan drafts', () => kiva.createLoanDrafts(drafts), DRAFTS],
      [
        'both at once',
        async () => (await Promise.all([kiva.sendRepayments(repayments), kiva.createLoanDrafts(drafts)])).flat(),
        Math.ceil(REPAYMENTS / 250) + DRAFTS,
      ],
    ];
    for (const [name, send, requests] of phases) {
      emulator.reset();
      const started = performance.now();
      const outcomes = await send();
      const wall = performance.now() - started;
      const floor = (requests * LATENCY_MS) / CONCURRENCY;
      const notSent = outcomes.filter((outcome) => outcome.kind !== 'sent').length;
      const received = emulator.received.length;
      console.log(
        `${name.padEnd(18)} ${requests} requests (${received} received), wall ${wall.toFixed(0)} ms, ` +
          `lower bound ${floor.toFixed(0)} ms, ratio ${(wall / floor).toFixed(3)}× (goal ≤ ${GOAL}×)` +
          (notSent > 0 ? `, ${notSent} rows NOT sent` : ''),
      );
    }
  } finally {
    await emulator.close();
  }
}
