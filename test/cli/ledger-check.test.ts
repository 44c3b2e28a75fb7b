/**
 * validate and preview read the delivery ledger as send does, over real HTTP against the emulator: a copy without
 * statuses is said (and with --mark written) to be Sent, preview leaves those rows out, a changed amount is said,
 * a dead run's reservations read as Uncertain — and neither command reserves anything in the ledger.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
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

const LOAN_COUNT = 120;
const eligible = seedLoans(LOAN_COUNT).filter((loan) => loan.status === 'payingBack');
const loanId = (k: number): string => eligible[k]?.internal_loan_id ?? '';

let emulator: Emulator;
let dir: string;
let env: Record<string, string>;
let ledgerPath: string;
emulatorPerTest(LOAN_COUNT, (started, folder) => {
  emulator = started;
  dir = folder;
  ledgerPath = join(dir, 'ledger.sqlite');
  env = emulatorEnv(emulator, { KIVA_SHEETS_DB: ledgerPath });
});

async function journals(path: string, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, k) => [loanId(k), `Update ${k}`]);
  await writeWorkbook(path, [{ name: 'Journals', rows: [['internal_loan_id', 'body'], ...rows] }]);
}

/**
 * What the ledger file holds: submits, and items by state; reserved items also as `leaving` (their request was
 * marked as it left) and `ahead` (reserved ahead of their request, never marked).
 */
function ledgerRows(): { submits: number; items: Record<string, number> } {
  const db = new Database(ledgerPath, { readonly: true });
  try {
    const submits = (db.prepare('SELECT COUNT(*) AS n FROM submits').get() as { n: number }).n;
    const items: Record<string, number> = {};
    const counted = db.prepare(
      `SELECT i.state || CASE WHEN i.state <> 'reserved' THEN ''
         WHEN s.leaving_at IS NULL THEN ' ahead' ELSE ' leaving' END AS state, COUNT(*) AS n
       FROM items i JOIN submits s ON s.id = i.submit_id GROUP BY 1`,
    );
    for (const row of counted.all() as { state: string; n: number }[]) {
      const [state = '', part] = row.state.split(' ');
      items[state] = (items[state] ?? 0) + row.n;
      if (part !== undefined) items[part] = row.n;
    }
    return { submits, items };
  } finally {
    db.close();
  }
}

/** The request lines preview prints on standard output (the --json summary is the last line). */
function previewed(stdout: string): { rows: number[] }[] {
  const lines = stdout.trim().split('\n').filter(Boolean);
  return lines.slice(0, -1).map((line) => JSON.parse(line) as { rows: number[] });
}

/** Sends `file` (5 journals), and writes `copy`: yesterday's copy without statuses, plus one row written since. */
async function sentAndCopied(file: string, copy: string): Promise<ReturnType<typeof ledgerRows>> {
  await journals(file, 5);
  await journals(copy, 6);
  const sent = await runCli(['send', file], { cwd: dir, env });
  expect(sent.code).toBe(0);
  const recorded = ledgerRows();
  expect(recorded.items.accepted).toBe(5);
  return recorded;
}

function appliedJournals(): unknown[] {
  const journalBody = (body: unknown) =>
    (Array.isArray(body) ? body : (body as { journals: unknown[] }).journals) as unknown[];
  return emulator.applied.filter((a) => a.endpoint === 'journals').flatMap((a) => journalBody(a.body));
}

it('a copy without statuses: validate says its rows are already Sent (written with --mark), nothing reserved', async () => {
  const file = join(dir, 'journals.xlsx');
  const copy = join(dir, 'yesterday.xlsx');
  const recorded = await sentAndCopied(file, copy);
  const before = readFileSync(copy);

  const checked = await runCli(['validate', copy, '--json'], { cwd: dir, env });
  expect(checked.code).toBe(0);
  expect(checked.stderr).toContain(
    '5 rows were already sent to stage (the delivery ledger knows them: Journals!2–6): a send leaves them out; their status is Sent.',
  );
  expect(checked.stdout).toContain('1 of 1 row ready to send');
  expect(lastJson(checked)).toMatchObject({ valid: 1, skipped: 5, ledger: { sent: 5, changed: 0, uncertain: 0 } });
  // Without --mark validate writes nothing, not even the statuses it found.
  expect(readFileSync(copy).equals(before)).toBe(true);

  // In Spanish, with --mark: the statuses a send would write, original local time and sender, nothing raw.
  const marked = await runCli(['validate', copy, '--mark'], { cwd: dir, env: { ...env, KIVA_LANG: 'es' } });
  expect(marked.code).toBe(0);
  expect(marked.stderr).toContain('5 filas ya se enviaron a pruebas (stage) (el registro de envíos las conoce');
  const repaired = statuses(await readWorkbook(copy), 'Journals', 'Estado Kiva');
  expect(Object.keys(repaired).map(Number)).toEqual([2, 3, 4, 5, 6]);
  expect(repaired[2]).toMatch(
    /^Enviado · pruebas \(stage\) · \d{4}-\d\d-\d\d \d\d:\d\d · .* · enviado antes (por |desde este equipo)/,
  );
  expect(Object.values(repaired).join('\n')).not.toMatch(/\d{4}-\d\d-\d\dT|root|force|forzar/);

  // Read-only: not one submit or item more, and Kiva got nothing from the checks.
  expect(ledgerRows()).toEqual(recorded);
  expect(appliedJournals()).toHaveLength(5);
});

it('a copy without statuses: preview does not list the rows the ledger knows, nothing reserved', async () => {
  const file = join(dir, 'journals.xlsx');
  const copy = join(dir, 'yesterday.xlsx');
  const recorded = await sentAndCopied(file, copy);

  const shown = await runCli(['preview', copy, '--json'], { cwd: dir, env });
  expect(shown.code).toBe(0);
  expect(previewed(shown.stdout).flatMap((item) => item.rows)).toEqual([7]);
  expect(lastJson(shown)).toMatchObject({ requests: 1, rows: 1, skipped: 5, ledger: { sent: 5 } });
  // --resend previews what a deliberate resend would post: every row.
  const again = await runCli(['preview', copy, '--resend', '--json'], { cwd: dir, env });
  expect(previewed(again.stdout).flatMap((item) => item.rows)).toEqual([2, 3, 4, 5, 6, 7]);

  expect(ledgerRows()).toEqual(recorded);
  expect(appliedJournals()).toHaveLength(5);
});

it('a changed amount: validate says what changed and exits 1; preview leaves it out', async () => {
  const file = join(dir, 'report.xlsx');
  const report = (amount: number) =>
    writeWorkbook(file, [
      {
        name: 'Repayments',
        rows: [
          ['loan_id', 'amount'],
          [loanId(0), amount],
          [loanId(1), 10],
        ],
      },
    ]);
  await report(20);
  expect((await runCli(['send', file, '--period', '2026-11'], { cwd: dir, env })).code).toBe(0);
  await report(2500);
  const recorded = ledgerRows();

  const shown = await runCli(['preview', file, '--period', '2026-11', '--json'], { cwd: dir, env });
  expect(lastJson(shown)).toMatchObject({ requests: 0, rows: 0, ledger: { sent: 1, changed: 1 } });
  // Another period is another report: both rows would be sent.
  const december = await runCli(['preview', file, '--period', '2026-12', '--json'], { cwd: dir, env });
  expect(lastJson(december)).toMatchObject({ rows: 2, ledger: { sent: 0, changed: 0 } });
  const checked = await runCli(['validate', file, '--period', '2026-11', '--mark', '--json'], { cwd: dir, env });
  expect(checked.code).toBe(1);
  expect(checked.stderr).toContain('1 row changed since it was sent (Repayments!2)');
  expect(checked.stderr).toContain('--resend');
  expect(lastJson(checked)).toMatchObject({ ledger: { sent: 1, changed: 1 } });
  const status = statuses(await readWorkbook(file), 'Repayments');
  expect(status[2]).toMatch(
    /^Error: changed since it was sent on \d{4}-\d\d-\d\d \d\d:\d\d by .* \(amount 20 → 2,500\)/,
  );

  expect(ledgerRows()).toEqual(recorded);
});

it('a run killed mid-send: validate reads the reservations that left as Uncertain and leaves them for the next send to record', async () => {
  const file = join(dir, 'journals.xlsx');
  await journals(file, 8);
  const copy = join(dir, 'copy.xlsx');
  copyFileSync(file, copy);
  const journalPosts = { method: 'POST', path: 'journals' };
  emulator.inject({ match: journalPosts, kind: 'latency', ms: 0, times: 1 });
  emulator.inject({ match: journalPosts, kind: 'hang-after-apply', times: 100 });
  const running = startCli(['send', file], { cwd: dir, env });
  while (emulator.received.filter((r) => r.status === 'hang').length < 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  running.child.kill('SIGKILL');
  await running.done;
  emulator.clearFaults();
  const left = ledgerRows();
  expect(left.items.leaving).toBeGreaterThanOrEqual(1);

  const checked = await runCli(['validate', copy, '--mark', '--json'], { cwd: dir, env });
  expect(checked.code).toBe(0);
  const known = (lastJson(checked) as { ledger: { uncertain: number; busy: number } }).ledger;
  // Those that left are Uncertain; those reserved ahead and never sent are simply pending (the next send sends them).
  expect(known).toMatchObject({ uncertain: left.items.leaving, busy: 0 });
  const rows = Object.values(statuses(await readWorkbook(copy), 'Journals'));
  expect(rows.filter((s) => s.startsWith('Uncertain: the run sending it on '))).toHaveLength(known.uncertain);
  // Only read: the reservations are still there, for the next send (or the server) to turn Uncertain.
  expect(ledgerRows()).toEqual(left);
  expect(existsSync(ledgerPath)).toBe(true);
});

it('a ledger that does not exist is not created by validate or preview', async () => {
  const file = join(dir, 'journals.xlsx');
  await journals(file, 2);
  expect((await runCli(['validate', file], { cwd: dir, env })).code).toBe(0);
  expect((await runCli(['preview', file], { cwd: dir, env })).code).toBe(0);
  expect(existsSync(ledgerPath)).toBe(false);
});
