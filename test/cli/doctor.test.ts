/**
 * `kiva-sheets doctor` as a partner runs it: the report on standard output (copyable for Kiva support), the exit
 * status a script can act on, and `--json` last. Real processes against the emulator over HTTP.
 */
import { startEmulator, type Emulator } from '../../dev/kiva-emulator';
import { closedPort } from '../integration/kiva-harness';
import { emulatorEnv, lastJson, runCli, tempDir } from './harness';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ loanCount: 30 });
});
afterAll(async () => emulator.close());

it('exit 0 against a working Kiva: every line OK, the JSON summary last, nothing created', async () => {
  const dir = tempDir();
  emulator.reset();
  const run = await runCli(['doctor', '--json'], { cwd: dir, env: emulatorEnv(emulator) });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Kiva Sheets connection check · Kiva stage · ');
  expect(run.stdout).toContain('[OK] Client id and secret: Kiva accepted the client id and secret.');
  expect(run.stdout).toContain('Everything checked is OK.');
  expect(lastJson(run)).toMatchObject({ doctor: 'ok', environment: 'stage', problems: [], exit: 0 });
  expect(emulator.applied).toEqual([]);
  expect(emulator.received.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/oauth/token']);
});

it('exit 1 with a wrong secret, worded in French, the secret never printed', async () => {
  const dir = tempDir();
  const run = await runCli(['doctor', '--json'], {
    cwd: dir,
    env: emulatorEnv(emulator, { KIVA_CLIENT_SECRET: 'wrong-secret-7731', KIVA_LANG: 'fr' }),
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(
    '[PROBLÈME] Client id et secret\u00a0: Kiva a refusé le client id ou le secret (HTTP 401\u00a0: «\u00a0Unauthorized\u00a0»).',
  );
  expect(run.stdout).toContain('Problèmes à corriger\u00a0: 1.');
  expect(lastJson(run)).toMatchObject({ doctor: 'problems', problems: ['credentials'], exit: 1 });
  expect(run.stdout + run.stderr).not.toContain('wrong-secret-7731');
});

it('exit 2 when Kiva cannot be reached, in Spanish', async () => {
  const dir = tempDir();
  const port = await closedPort();
  const run = await runCli(['doctor', '--json'], {
    cwd: dir,
    env: emulatorEnv(emulator, { KIVA_TOKEN_URL: `http://127.0.0.1:${port}/oauth/token`, KIVA_LANG: 'es' }),
  });
  expect(run.code).toBe(2);
  expect(run.stdout).toContain(
    `[PROBLEMA] URL del token: No se pudo llegar a http://127.0.0.1:${port}/oauth/token (ECONNREFUSED).`,
  );
  expect(run.stdout).toContain('No se pudo llegar a Kiva: resuelva eso primero.');
  expect(lastJson(run)).toMatchObject({ doctor: 'unreachable', exit: 2 });
});

it('takes no file and no --out', async () => {
  const dir = tempDir();
  const run = await runCli(['doctor', 'report.xlsx', '--json'], { cwd: dir, env: emulatorEnv(emulator) });
  expect(run.code).toBe(2);
  expect(lastJson(run)).toMatchObject({ error: { kind: 'usage', message: 'doctor takes no file' }, exit: 2 });
  const out = await runCli(['doctor', '--out', 'x.xlsx'], { cwd: dir, env: emulatorEnv(emulator) });
  expect(out.code).toBe(2);
  expect(out.stderr).toContain('doctor takes no --out');
});
