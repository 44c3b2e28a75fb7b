/** A 200 that is not Kiva's (a login portal in the way): the command line marks nothing Sent and exits 1. */
import { join } from 'node:path';
import { seedLoans, startEmulator, type Emulator } from '../../dev/kiva-emulator';
import { emulatorEnv, lastJson, readWorkbook, runCli, statuses, tempDir, values, writeWorkbook } from './harness';

const repayable = seedLoans(60).filter((l) => l.status === 'payingBack');

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ loanCount: 60, mode: 'portal' });
});
afterAll(async () => emulator.close());

it('writes Uncertain on every row, logs the page, sends nothing again later, and exits 1', async () => {
  const dir = tempDir();
  const file = join(dir, 'report.xlsx');
  const loans = repayable.slice(0, 3).map((loan) => [loan.internal_loan_id, 25]);
  await writeWorkbook(file, [{ name: 'Repayments', rows: [['loan_id', 'amount'], ...loans] }]);
  const env = emulatorEnv(emulator);

  const run = await runCli(['send', file, '--json'], { cwd: dir, env });
  expect(run.code).toBe(1);
  expect(lastJson(run)).toMatchObject({ sent: 0, uncertain: 3 });
  expect(emulator.applied).toEqual([]);
  const workbook = await readWorkbook(file);
  const written = Object.values(statuses(workbook, 'Repayments'));
  expect(written).toHaveLength(3);
  for (const status of written) {
    expect(status).toMatch(/^Uncertain: the answer was not Kiva’s/);
    expect(status).not.toMatch(/Sent|nginx/);
  }
  const log = values(workbook, 'Kiva log').slice(1);
  expect(log).toHaveLength(1);
  expect(log[0]).toEqual(expect.arrayContaining(['200', expect.stringContaining('Welcome to nginx!')]));

  // Kiva is back: the rows stay held back until someone checks PA2 (nothing is sent on a guess).
  emulator.setMode('kiva');
  const again = await runCli(['send', file, '--json'], { cwd: dir, env });
  expect(again.code).toBe(1);
  expect(lastJson(again)).toMatchObject({ sent: 0, skipped: 3 });
  expect(emulator.applied).toEqual([]);
});
