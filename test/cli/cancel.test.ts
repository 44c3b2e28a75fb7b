/** Ctrl-C during a send: what is on its way finishes, the rest stays pending, and the next run sends only that. */
import { join } from 'node:path';
import { seedLoans, startEmulator, type Emulator } from '../../dev/kiva-emulator';
import { emulatorEnv, lastJson, readWorkbook, runCli, startCli, statuses, tempDir, writeWorkbook } from './harness';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ latencyMs: 150 });
});
afterAll(async () => emulator.close());

it('cancels on Ctrl-C, writes what was sent, and sends the rest next time, once', async () => {
  const dir = tempDir();
  const file = join(dir, 'journals.xlsx');
  // Loans PA2 lists as eligible for journals: posted and repaying.
  const eligible = seedLoans(420).filter((loan) => loan.status === 'payingBack');
  const rows = Array.from({ length: 24 }, (_, k) => [eligible[k]?.internal_loan_id ?? '', `Update ${k}`]);
  await writeWorkbook(file, [{ name: 'Journals', rows: [['internal_loan_id', 'body'], ...rows] }]);
  const env = emulatorEnv(emulator);

  // One journal per request, four at a time: Ctrl-C lands while most requests have not started.
  const running = startCli(['send', file, '--json'], { cwd: dir, env });
  await running.waitFor('rows done (10%)');
  running.child.kill('SIGINT');
  const first = await running.done;
  expect(first.code).toBe(1);
  expect(first.stderr).toContain('Cancelling');
  const summary = lastJson(first);
  expect(Number(summary.sent)).toBeGreaterThanOrEqual(4);
  expect(Number(summary.cancelled)).toBeGreaterThan(0);
  expect(Number(summary.sent) + Number(summary.cancelled)).toBe(24);
  const sentFirst = Object.keys(statuses(await readWorkbook(file), 'Journals')).length;
  expect(sentFirst).toBe(summary.sent);

  const second = await runCli(['send', file, '--json'], { cwd: dir, env });
  expect(second.code).toBe(0);
  expect(lastJson(second)).toMatchObject({ sent: summary.cancelled, skipped: summary.sent, cancelled: 0 });
  const journals = emulator.applied.filter((a) => a.endpoint === 'journals');
  // Either route's body: the documented one wraps the list, the sample's is the bare list.
  const listed = (body: unknown) => (Array.isArray(body) ? body : (body as { journals: unknown[] }).journals);
  const loans = journals.flatMap((a) =>
    (listed(a.body) as { internal_loan_id: string }[]).map((j) => j.internal_loan_id),
  );
  expect(new Set(loans).size).toBe(24);
  expect(loans).toHaveLength(24);
});
