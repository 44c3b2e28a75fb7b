/**
 * recognition: the portfolio check. (1) Pure: validating 10,000 repayments with the check against 10,000 listed
 * loans (the index built inside the timing) over validating them without it, medians of interleaved runs.
 * (2) Over HTTP: reading a 10,000-loan portfolio from the emulator (every status, every page of 300, at the
 * client's concurrency), and a run's first read (the statuses that take repayments, all a report of repayable loans
 * needs) — the calls each makes and its time against validating the same report.
 * (3) Offline: the same portfolio read back from its `Kiva loans` sheet and indexed, against the same baseline.
 */
import { startEmulator } from '../dev/kiva-emulator';
import { createClientKivaPort, hostRuntime, kivaLoansTable, kivaPortfolio, readKivaLoansSheet } from '../src/app';
import { REPAYING } from '../src/app/portfolio';
import { LOAN_STATUSES, type PartnerLoan } from '../src/kiva';
import { convertWorkbook, portfolioOf, type CellGrid, type RawCell } from '../src/sheet';
import { emulatorTokens } from './emulator-kiva';

const ROWS = 10_000;
const LOANS = 10_000;
const RUNS = 9;

const runtime = hostRuntime(fetch);

function listed(mixed: boolean): PartnerLoan[] {
  const statuses = mixed
    ? ['payingBack', 'payingBack', 'payingBack', 'defaulted', 'ended', 'refunded']
    : ['payingBack'];
  return Array.from({ length: LOANS }, (_, n) => ({
    internal_loan_id: `L${String(n).padStart(7, '0')}`,
    internal_client_id: `C${n}`,
    status: statuses[n % statuses.length] as string,
    raw: {},
  }));
}

/** Mixed: every 50th row names a loan Kiva does not list. */
function report(mixed: boolean): CellGrid {
  const values: RawCell[][] = [['loan_id', 'client_id', 'amount']];
  for (let n = 0; n < ROWS; n++) {
    const id = mixed && n % 50 === 49 ? `X${n}` : `L${String(n).padStart(7, '0')}`;
    values.push([id, `C${n}`, 10 + (n % 500) / 4]);
  }
  return { sheet: 'Repayments', values };
}

function time(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median ms without and with the check, and the findings the check made. */
function compare(mixed: boolean): { plain: number; checked: number; findings: number } {
  const grid = report(mixed);
  const loans = listed(mixed);
  const settings = { threeColumn: true };
  const plain: number[] = [];
  const checked: number[] = [];
  let findings = 0;
  const before = convertWorkbook({ sheets: [grid], settings }).issues.length;
  for (let k = 0; k < RUNS + 1; k++) {
    const a = time(() => convertWorkbook({ sheets: [grid], settings }));
    const b = time(() => {
      const conversion = convertWorkbook({ sheets: [grid], settings, portfolio: portfolioOf(loans) });
      findings = conversion.issues.length - before;
    });
    if (k === 0) continue; // warm-up
    plain.push(a);
    checked.push(b);
  }
  return { plain: median(plain), checked: median(checked), findings };
}

export async function run(): Promise<void> {
  let p = 0;
  for (const mixed of [false, true]) {
    const r = compare(mixed);
    p = r.plain;
    console.log(
      `validate ${ROWS.toLocaleString('en')} repayments against ${LOANS.toLocaleString('en')} loans ` +
        `(${mixed ? 'mixed: unknown, ended, refunded' : 'all paying back'}; ${r.findings} findings): ` +
        `${r.plain.toFixed(1)} ms without the check, ${r.checked.toFixed(1)} ms with it: ratio ${(r.checked / r.plain).toFixed(2)}×`,
    );
  }

  const emulator = await startEmulator({ loanCount: LOANS });
  try {
    const tokens = emulatorTokens(emulator, runtime);
    const kiva = createClientKivaPort({ tokens, runtime });
    const connected = await kiva.connect();
    if (!connected.ok) throw new Error(connected.error.code);
    emulator.reset();
    const start = Date.now();
    const read = await kivaPortfolio(kiva, { now: Date.now }).loans();
    const ms = Date.now() - start;
    if (!read.ok) throw new Error(read.error.code);
    const calls = emulator.received.filter((r) => r.method === 'GET' && r.path.endsWith('/loans')).length;
    console.log(
      `read a ${LOANS.toLocaleString('en')}-loan portfolio from the emulator (${LOAN_STATUSES.length} statuses, pages of 300): ` +
        `${calls} GET calls, ${ms} ms, ${read.value.loans.length} loans; ${(ms / p).toFixed(1)}× validating the report without the check`,
    );
    // A run reads these first, and every other status only when a checked row's loan is not among them.
    emulator.reset();
    const firstStart = Date.now();
    const first = await kivaPortfolio(kiva, { now: Date.now }).loans(undefined, REPAYING);
    const firstMs = Date.now() - firstStart;
    if (!first.ok) throw new Error(first.error.code);
    const firstCalls = emulator.received.filter((r) => r.method === 'GET' && r.path.endsWith('/loans')).length;
    console.log(
      `a run's first read, the statuses that take repayments (${REPAYING.join(', ')}): ${firstCalls} GET calls, ` +
        `${firstMs} ms, ${first.value.loans.length} loans — the whole check when every checked row's loan is among ` +
        `them; ${(firstMs / p).toFixed(1)}× validating the report without the check`,
    );
    // recognition: Kiva out of reach — the list from the Kiva loans sheet `loans --out` wrote: no call at all.
    const sheet = { sheet: 'Kiva loans', values: kivaLoansTable(read.value.loans, read.value.readAt).rows };
    const offline: number[] = [];
    for (let k = 0; k < RUNS + 1; k++) {
      const took = time(() => {
        const kept = readKivaLoansSheet(sheet);
        if (!kept.ok) throw new Error(kept.problem.code);
        portfolioOf(kept.loans, { sheet: sheet.sheet, readOn: '2026-12-02' });
      });
      if (k > 0) offline.push(took);
    }
    const o = median(offline);
    console.log(
      `offline: the same portfolio from its Kiva loans sheet (${sheet.values.length - 1} rows), read and indexed: ` +
        `0 calls, ${o.toFixed(1)} ms; ${(o / p).toFixed(2)}× validating the report without the check`,
    );
  } finally {
    await emulator.close();
  }
}
