/**
 * The journal route the command line found is kept in the user's data folder: against a Kiva with only the
 * documented route, a CLI set to the sample route meets one 404 on its first run and none on the next.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedLoans, startEmulator, type Emulator } from '../../dev/kiva-emulator';
import { emulatorEnv, lastJson, runCli, statuses, readWorkbook, tempDir, writeWorkbook } from './harness';

const ELIGIBLE = seedLoans(40)
  .filter((loan) => loan.status === 'payingBack')
  .map((loan) => loan.internal_loan_id);

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ loanCount: 40, journalRoute: 'documented' });
});
afterAll(async () => emulator.close());

const journalCalls = () =>
  emulator.received.filter((r) => r.path.endsWith('/journals')).map((r) => `${r.path} ${String(r.status)}`);

async function journalsFile(dir: string, name: string, loans: readonly string[]): Promise<string> {
  const file = join(dir, name);
  const rows = loans.map((id, k) => [id, `Update ${k}`, `Ana abrió su tienda ${k}`]);
  await writeWorkbook(file, [{ name: 'Journals', rows: [['internal_loan_id', 'subject', 'body'], ...rows] }]);
  return file;
}

it('falls back once on a 404, remembers the route in the data folder, and makes no 404 the next run', async () => {
  const dir = tempDir();
  // The harness runs the CLI with HOME=dir, so the data folder is dir/.local/share/kiva-sheets.
  const env = emulatorEnv(emulator, { KIVA_JOURNAL_VARIANT: 'sample' });
  const first = await runCli(['send', await journalsFile(dir, 'a.xlsx', ELIGIBLE.slice(0, 3)), '--json'], {
    cwd: dir,
    env,
  });
  expect(first.code).toBe(0);
  expect(lastJson(first)).toMatchObject({ sent: 3 });
  expect(journalCalls()).toEqual([
    '/v3/partners/145/journals 404',
    '/v3/partner/145/journals 200',
    '/v3/partner/145/journals 200',
    '/v3/partner/145/journals 200',
  ]);
  const routesFile = join(dir, '.local', 'share', 'kiva-sheets', 'kiva-routes.json');
  expect(existsSync(routesFile)).toBe(true);
  expect(JSON.parse(readFileSync(routesFile, 'utf8'))).toEqual({
    journals: { [`stage ${emulator.apiBase}`]: 'documented' },
  });

  emulator.reset();
  const file = await journalsFile(dir, 'b.xlsx', ELIGIBLE.slice(3, 5));
  const second = await runCli(['send', file, '--json'], { cwd: dir, env });
  expect(second.code).toBe(0);
  expect(journalCalls()).toEqual(['/v3/partner/145/journals 200', '/v3/partner/145/journals 200']);
  expect(Object.values(statuses(await readWorkbook(file), 'Journals')).every((s) => s.startsWith('Sent'))).toBe(true);
});

it('refuses a KIVA_JOURNAL_VARIANT it does not know, before anything is sent', async () => {
  const dir = tempDir();
  const run = await runCli(['send', await journalsFile(dir, 'c.xlsx', ELIGIBLE.slice(0, 1))], {
    cwd: dir,
    env: emulatorEnv(emulator, { KIVA_JOURNAL_VARIANT: 'plural' }),
  });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('KIVA_JOURNAL_VARIANT must be documented or sample, not “plural”.');
});
