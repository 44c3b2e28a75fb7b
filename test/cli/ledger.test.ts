/**
 * The delivery ledger in the command line, over real HTTP against the emulator: a killed run, two runs at once, a
 * double Ctrl-C, a copy without statuses, a changed amount. Waits are on emulator-side events (what it applied),
 * never on time.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seedLoans, type Emulator } from '../../dev/kiva-emulator';
import {
  emulatorEnv,
  lastJson,
  readWorkbook,
  runCli,
  startCli,
  statuses,
  emulatorPerTest,
  writeWorkbook,
} from './harness';

const LOAN_COUNT = 420;
const eligible = seedLoans(LOAN_COUNT).filter((loan) => loan.status === 'payingBack');
const loanId = (k: number): string => eligible[k]?.internal_loan_id ?? '';

let emulator: Emulator;
let dir: string;
emulatorPerTest(LOAN_COUNT, (started, folder) => {
  emulator = started;
  dir = folder;
});

const journalBody = (body: unknown): { internal_loan_id: string }[] =>
  (Array.isArray(body) ? body : (body as { journals: unknown[] }).journals) as { internal_loan_id: string }[];

function appliedJournalLoans(): string[] {
  return emulator.applied
    .filter((a) => a.endpoint === 'journals')
    .flatMap((a) => journalBody(a.body).map((j) => j.internal_loan_id));
}

/** Resolves once the emulator holds `count` applied requests without answering them. */
async function hung(count: number): Promise<void> {
  while (emulator.received.filter((r) => r.status === 'hang').length < count) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function journals(path: string, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, k) => [loanId(k), `Update ${k}`]);
  await writeWorkbook(path, [{ name: 'Journals', rows: [['internal_loan_id', 'body'], ...rows] }]);
}

/** The first `answered` journal requests are answered, the next `hung` are applied and never answered. */
function answerThenHang(answered: number, hung: number): void {
  const journalPosts = { method: 'POST', path: 'journals' };
  if (answered > 0) emulator.inject({ match: journalPosts, kind: 'latency', ms: 0, times: answered });
  emulator.inject({ match: journalPosts, kind: 'hang-after-apply', times: hung });
}

function expectEachOnce(loans: readonly string[], count: number): void {
  expect(new Set(loans).size).toBe(count);
  expect(loans).toHaveLength(count);
}

function expectNoDuplicate(loans: readonly string[]): void {
  expect(new Set(loans).size).toBe(loans.length);
}

/** Every row's status, rows 2 to count + 1. */
async function journalStatuses(file: string, count: number): Promise<string[]> {
  const after = statuses(await readWorkbook(file), 'Journals');
  return Array.from({ length: count }, (_, k) => after[k + 2] ?? '');
}

it('kill -9 mid-send, then a rerun: each loan applied once, every row Sent or Uncertain', async () => {
  const file = join(dir, 'journals.xlsx');
  await journals(file, 12);
  const env = emulatorEnv(emulator);
  // Four answered, then every request applied without an answer: the run is killed with some of them in flight.
  answerThenHang(4, 100);
  const running = startCli(['send', file, '--json'], { cwd: dir, env });
  await hung(2);
  running.child.kill('SIGKILL');
  await running.done;
  emulator.clearFaults();
  const hungAtKill = emulator.received.filter((r) => r.status === 'hang').length;
  // Nothing was written: the workbook had no statuses, the ledger is the memory.
  expect(statuses(await readWorkbook(file), 'Journals')).toEqual({});

  const rerun = await runCli(['send', file, '--json'], { cwd: dir, env });
  const loans = appliedJournalLoans();
  expectNoDuplicate(loans);
  const rows = await journalStatuses(file, 12);
  expect(rows.every((status) => status.startsWith('Sent') || status.startsWith('Uncertain'))).toBe(true);
  // The rows in flight are Uncertain, never sent again; every row Sent was applied exactly once.
  const uncertain = rows.filter((status) => status.startsWith('Uncertain'));
  expect(uncertain.length).toBeGreaterThanOrEqual(hungAtKill);
  expect(loans.length).toBeGreaterThanOrEqual(12 - uncertain.length);
  expect(uncertain[0]).toMatch(
    /^Uncertain: the run sending it on \d{4}-\d\d-\d\d \d\d:\d\d stopped before Kiva answered/,
  );
  expect(rows.join('\n')).not.toMatch(/\d{4}-\d\d-\d\dT|root|force/);
  expect(rerun.code).toBe(1);
  const summary = lastJson(rerun);
  expect(summary.ledger).toMatchObject({ uncertain: uncertain.length, busy: 0 });
  expect(Number(summary.sent) + Number((summary.ledger as { sent: number }).sent) + uncertain.length).toBe(12);
});

/** The rows of requests a run left reserved: marked as they left (`leaving`), or reserved ahead (`ahead`). */
function reservedRows(ledgerPath: string): { leaving: number[]; ahead: number[] } {
  const db = new Database(ledgerPath, { readonly: true });
  try {
    const found = { leaving: [] as number[], ahead: [] as number[] };
    const reserved = db.prepare(
      `SELECT i.rows, s.leaving_at FROM items i JOIN submits s ON s.id = i.submit_id WHERE i.state = 'reserved'`,
    );
    for (const item of reserved.all() as { rows: string; leaving_at: string | null }[]) {
      const rows = (JSON.parse(item.rows) as { row: number }[]).map((r) => r.row);
      (item.leaving_at === null ? found.ahead : found.leaving).push(...rows);
    }
    return found;
  } catch {
    // Not created yet, or its tables not yet: nothing reserved.
    return { leaving: [], ahead: [] };
  } finally {
    db.close();
  }
}

it('kill -9 with requests reserved ahead: the rerun sends those (they never left), those that left are Uncertain', async () => {
  const file = join(dir, 'journals.xlsx');
  await journals(file, 12);
  const ledgerPath = join(dir, 'ledger.sqlite');
  const env = emulatorEnv(emulator, { KIVA_SHEETS_DB: ledgerPath });
  answerThenHang(2, 100);
  const running = startCli(['send', file, '--json'], { cwd: dir, env });
  // Lanes hold requests at the emulator and, meanwhile, have reserved their next ones: the moment to kill.
  await hung(2);
  while (reservedRows(ledgerPath).ahead.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  running.child.kill('SIGKILL');
  await running.done;
  emulator.clearFaults();
  const { leaving, ahead } = reservedRows(ledgerPath);
  const loanOf = (row: number) => loanId(row - 2);
  // None of the rows reserved ahead reached Kiva; every request held by the emulator was marked as leaving.
  const appliedAtKill = appliedJournalLoans();
  expect(appliedAtKill.filter((loan) => ahead.map(loanOf).includes(loan))).toEqual([]);
  const hungLoans = appliedAtKill.slice(2);
  expect(hungLoans.length).toBeGreaterThanOrEqual(2);
  expect(hungLoans.filter((loan) => !leaving.map(loanOf).includes(loan))).toEqual([]);

  const rerun = await runCli(['send', file, '--json'], { cwd: dir, env });
  const loans = appliedJournalLoans();
  expectNoDuplicate(loans);
  const rows = await journalStatuses(file, 12);
  const statusOf = (row: number) => rows[row - 2] ?? '';
  // Reserved ahead, never sent: sent by the rerun, once.
  for (const row of ahead) {
    expect(statusOf(row)).toMatch(/^Sent/);
    expect(loans.filter((loan) => loan === loanOf(row))).toHaveLength(1);
  }
  for (const row of leaving) expect(statusOf(row)).toMatch(/^Uncertain: the run sending it on /);
  expect(rows.every((status) => status.startsWith('Sent') || status.startsWith('Uncertain'))).toBe(true);
  // Every row Sent was applied exactly once; the rerun found only the rows that left Uncertain.
  for (let row = 2; row < 14; row++) {
    if (statusOf(row).startsWith('Sent')) expect(loans.filter((loan) => loan === loanOf(row))).toHaveLength(1);
  }
  expect(lastJson(rerun).ledger).toMatchObject({ uncertain: leaving.length, busy: 0 });
  expect(rerun.code).toBe(1);
});

it('a second send on the same file is refused while the first runs; a copy skips the rows the first is sending', async () => {
  const file = join(dir, 'journals.xlsx');
  await journals(file, 8);
  const copy = join(dir, 'copy.xlsx');
  copyFileSync(file, copy);
  const env = emulatorEnv(emulator);
  // The first journal request goes alone (it finds the route), the others four at a time.
  answerThenHang(1, 100);
  const first = startCli(['send', file], { cwd: dir, env });
  await hung(2);
  emulator.clearFaults();

  const second = await runCli(['send', file], { cwd: dir, env });
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(
    /journals\.xlsx is being written by another kiva-sheets run \(process \d+ on .*, since \d{4}-\d\d-\d\d \d\d:\d\d\)/,
  );

  const other = await runCli(['send', copy, '--json'], { cwd: dir, env });
  expect(other.code).toBe(1);
  const summary = lastJson(other) as { sent: number; ledger: { sent: number; busy: number } };
  expect(summary.ledger.busy).toBeGreaterThanOrEqual(2);
  // The first row was answered before the others hung: the copy's run finds it sent.
  expect(summary.ledger.sent).toBe(1);
  expect(summary.sent + summary.ledger.sent + summary.ledger.busy).toBe(8);
  expect(other.stderr).toMatch(
    /Journals!\d+ {2}being sent right now by another run \(started \d{4}-\d\d-\d\d \d\d:\d\d by /,
  );
  expect(other.stderr).toContain(`${summary.ledger.busy} rows are being sent right now by another run (Journals!`);
  // Rows another run is sending keep their status: that run writes theirs.
  const copied = await journalStatuses(copy, 8);
  expect(copied.filter((status) => status === '')).toHaveLength(summary.ledger.busy);

  first.child.kill('SIGKILL');
  await first.done;
  expectNoDuplicate(appliedJournalLoans());
  // The killed run's lock is taken over by the next run, which sends nothing twice either.
  const third = await runCli(['send', file], { cwd: dir, env });
  expect(third.stderr).toMatch(
    /A lock left on .*journals\.xlsx by a run that stopped \(process \d+ on [^)]+\) was taken over/,
  );
  expectNoDuplicate(appliedJournalLoans());
  const rows = await journalStatuses(file, 8);
  expect(rows.every((status) => status.startsWith('Sent') || status.startsWith('Uncertain'))).toBe(true);
});

it('a double Ctrl-C stops at once; the next run sends only what never left', async () => {
  const file = join(dir, 'journals.xlsx');
  await journals(file, 12);
  const env = emulatorEnv(emulator);
  answerThenHang(2, 100);
  const running = startCli(['send', file], { cwd: dir, env });
  await hung(2);
  running.child.kill('SIGINT');
  await running.waitFor('Cancelling');
  running.child.kill('SIGINT');
  expect((await running.done).code).toBe(130);
  emulator.clearFaults();
  const hungAtStop = emulator.received.filter((r) => r.status === 'hang').length;

  const rerun = await runCli(['send', file, '--json'], { cwd: dir, env });
  expectNoDuplicate(appliedJournalLoans());
  const summary = lastJson(rerun) as { sent: number; ledger: { sent: number; uncertain: number } };
  expect(summary.sent + summary.ledger.sent + summary.ledger.uncertain).toBe(12);
  expect(summary.ledger.uncertain).toBeGreaterThanOrEqual(hungAtStop);
  const rows = await journalStatuses(file, 12);
  expect(rows.every((status) => status.startsWith('Sent') || status.startsWith('Uncertain'))).toBe(true);
});

it('a copy without statuses is repaired from the ledger, not sent again', async () => {
  const file = join(dir, 'journals.xlsx');
  await journals(file, 5);
  const copy = join(dir, 'yesterday.xlsx');
  copyFileSync(file, copy);
  const env = { ...emulatorEnv(emulator), KIVA_LANG: 'es' };
  const first = await runCli(['send', file], { cwd: dir, env });
  expect(first.code).toBe(0);
  expectEachOnce(appliedJournalLoans(), 5);

  const again = await runCli(['send', copy, '--json'], { cwd: dir, env });
  expect(again.code).toBe(0);
  expectEachOnce(appliedJournalLoans(), 5);
  expect(lastJson(again)).toMatchObject({ sent: 0, ledger: { sent: 5 } });
  const repaired = statuses(await readWorkbook(copy), 'Journals', 'Estado Kiva');
  expect(Object.keys(repaired)).toHaveLength(5);
  // Sent, in Spanish, with the original local time and who sent it.
  expect(repaired[2]).toMatch(
    /^Enviado · pruebas \(stage\) · \d{4}-\d\d-\d\d \d\d:\d\d · .* · enviado antes (por |desde este equipo)/,
  );
  expect(Object.values(repaired).join('\n')).not.toMatch(/\d{4}-\d\d-\d\dT|force|forzar/);
});

it('a changed amount in the same period is not sent and says what changed; --resend sends it, deliberately', async () => {
  const loans = seedLoans(LOAN_COUNT).filter((loan) => loan.status === 'payingBack');
  const report = (amount: number) =>
    writeWorkbook(join(dir, 'report.xlsx'), [
      {
        name: 'Repayments',
        rows: [
          ['loan_id', 'amount'],
          [loans[0]?.internal_loan_id ?? '', amount],
          [loans[1]?.internal_loan_id ?? '', 10],
        ],
      },
    ]);
  const env = emulatorEnv(emulator);
  const file = join(dir, 'report.xlsx');
  await report(20);
  const first = await runCli(['send', file, '--period', '2026-11'], { cwd: dir, env });
  expect(first.code).toBe(0);
  expect(first.stderr).toContain('Repayment report period: 2026-11.');
  expect(emulator.appliedRepaymentLoanIds()).toHaveLength(2);

  await report(2500);
  const changed = await runCli(['send', file, '--period', '2026-11', '--json'], { cwd: dir, env });
  expect(changed.code).toBe(1);
  expect(emulator.appliedRepaymentLoanIds()).toHaveLength(2);
  const status = statuses(await readWorkbook(file), 'Repayments');
  expect(status[2]).toMatch(
    /^Error: changed since it was sent on \d{4}-\d\d-\d\d \d\d:\d\d by .* \(amount 20 → 2,500\)/,
  );
  expect(status[3]).toMatch(/^Sent · stage · \d{4}-\d\d-\d\d \d\d:\d\d · .* · sent earlier (by |from this computer)/);
  expect(changed.stderr).toContain('--resend');

  // Another period is another report (a fresh sheet): the same loans are sent.
  await report(2500);
  const december = await runCli(['send', file, '--period', '2026-12'], { cwd: dir, env });
  expect(december.code).toBe(0);
  expect(emulator.appliedRepaymentLoanIds()).toHaveLength(4);

  const resent = await runCli(['send', file, '--period', '2026-11', '--resend'], { cwd: dir, env });
  expect(resent.code).toBe(0);
  expect(emulator.appliedRepaymentLoanIds()).toHaveLength(6);
});
