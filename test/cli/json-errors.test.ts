/** With `--json`, the last line of standard output is JSON on every run: a scheduler reads only that line. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asksForJson } from '../../src/cli/json-summary';
import { main } from '../../src/cli/main';
import { tempDir } from './harness';

async function cli(argv: string[], env: Record<string, string> = {}, cwd = tempDir()) {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    env,
    cwd,
    io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTty: false },
    signal: new AbortController().signal,
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  return { code, stdout, stderr, last: (last === '' ? {} : JSON.parse(last)) as Record<string, unknown> };
}

describe('--json when the run stops before its summary', () => {
  it('answers a usage error, even one --json itself cannot be parsed past', async () => {
    const run = await cli(['validate', 'a.csv', '--nope', '--json']);
    expect(run.code).toBe(2);
    expect(run.last).toMatchObject({ error: { kind: 'usage' }, exit: 2 });
    const message = (run.last.error as { message: string }).message;
    expect(message).toContain("'--nope'");
    expect(run.stderr).toContain(`kiva-sheets: ${message}`);
    expect((await cli(['frobnicate', '--json'])).last).toMatchObject({ error: { kind: 'usage' }, exit: 2 });
  });

  it('answers a configuration error in the chosen language', async () => {
    const run = await cli(['validate', 'x.csv', '--json'], { KIVA_LANG: 'es', KIVA_ENV: 'prod' });
    expect(run.code).toBe(2);
    expect(run.last).toEqual({
      error: { kind: 'configuration', message: 'KIVA_ENV (o --env) debe ser stage o production, no «prod».' },
      exit: 2,
    });
  });

  it('answers missing credentials', async () => {
    const run = await cli(['lists', '--out', 'lists.xlsx', '--json']);
    expect(run.code).toBe(2);
    expect(run.last).toMatchObject({ error: { kind: 'configuration' }, exit: 2 });
    expect(String((run.last.error as { message: string }).message)).toContain('KIVA_CLIENT_ID');
  });

  it('answers a file that cannot be read with the error standard error shows', async () => {
    const dir = tempDir();
    const run = await cli(['validate', join(dir, 'missing.csv'), '--json'], {}, dir);
    expect(run.code).toBe(2);
    expect(run.last).toMatchObject({ error: { kind: 'failed' }, exit: 2 });
    const message = (run.last.error as { message: string }).message;
    expect(message).toContain('missing.csv');
    expect(run.stderr).toContain(`kiva-sheets: ${message}`);
  });

  it('prints one summary, not an error too, when the command gets to its summary', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.csv'), 'loan_id,client_id,amount\n1,,2\n');
    const run = await cli(['validate', join(dir, 'r.csv'), '--json'], { KIVA_CSV_FORMAT: 'three-column' });
    expect(run.code).toBe(1);
    expect(run.last).toMatchObject({ errors: 1, invalid: 1 });
    expect(run.stdout).not.toContain('"error":{');
  });

  it('prints nothing in JSON without --json, and reads --json only before --', async () => {
    const run = await cli(['validate', 'a.csv', '--nope']);
    expect(run.stdout).toBe('');
    expect(asksForJson(['validate', '--', '--json'])).toBe(false);
    expect(asksForJson(['--json', 'validate'])).toBe(true);
  });
});
