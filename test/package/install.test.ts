/**
 * The package as a partner installs it: `npm pack`, `npm install -g` into a temporary prefix, then the installed
 * `kiva-sheets` and `kiva-sheets-server` run from another folder, with no repository, src/ or tsx in reach.
 *
 * npm fetches the dependencies from its cache (`--prefer-offline`; `npm ci` filled it) or else from the registry.
 * `--ignore-scripts` skips better-sqlite3's install script, which downloads a prebuilt addon or compiles one
 * (7.5 minutes here, offline): the addon this checkout's `npm ci` built is copied in instead, after checking that
 * npm-shrinkwrap.json made the installed better-sqlite3 the very same version. Installing with the script is
 * what docs/deploy.md tells partners to do.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seedLoans, startEmulator } from '../../dev/kiva-emulator';
import { emulatorEnv } from '../cli/harness';
import { runChild } from '../deploy/child';
import { readPackageJson, ROOT, STAND_IN_TEXT, stagePackage } from './stage';

const run = promisify(execFile);
jest.setTimeout(240_000);

/** npm's settings from the jest run (`npm test` exports npm_config_*) must not steer the install under test. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

let dir: string;
let prefix: string;
let installed: string;
let tarballFiles: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-package-'));
  const stage = join(dir, 'stage');
  await stagePackage(stage);
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: stage,
    env: npmEnv(),
  });
  const [report] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  tarballFiles = report.files.map((file) => file.path);
  prefix = join(dir, 'prefix');
  await run(
    'npm',
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--ignore-scripts',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      join(dir, report.filename),
    ],
    { cwd: dir, env: npmEnv() },
  );
  installed = join(prefix, 'lib', 'node_modules', 'kiva-sheets');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs an installed command the way a shell finds it: through the prefix's bin/ on PATH. */
function installedCommand(
  name: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; input?: string },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runChild(join(prefix, 'bin', name), args, {
    cwd: options.cwd,
    env: { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`, HOME: options.cwd, ...options.env },
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
}

function lastJsonLine(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
}

/**
 * better-sqlite3's addon, built by this checkout's `npm ci`, into the installed package (see the header), after
 * checking it is the very same version.
 */
function copySqliteAddon(): void {
  const addon = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const version = (folder: string): string =>
    (
      JSON.parse(readFileSync(join(folder, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  expect(version(installed)).toBe(version(ROOT));
  mkdirSync(join(installed, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
  copyFileSync(join(ROOT, addon), join(installed, addon));
}

function elsewhere(): string {
  const folder = mkdtempSync(join(dir, 'work-'));
  return folder;
}

it('packs the compiled code, the pane, the manifest and the exact dependency versions, and no sources', () => {
  expect(tarballFiles).toEqual(
    expect.arrayContaining([
      'bin/kiva-sheets.js',
      'bin/kiva-sheets-server.js',
      'lib/cli.js',
      'lib/server.js',
      'bin/ledger-worker.js',
      'lib/ledger-worker.js',
      'dist/taskpane.html',
      'manifest.xml',
      'assets/icon-32.png',
      'npm-shrinkwrap.json',
      'package.json',
    ]),
  );
  expect(tarballFiles.filter((file) => /^(src|test|dev|bench)\//.test(file) || file.endsWith('.ts'))).toEqual([]);
});

it('installs without the tools of the repository', () => {
  const pkg = readPackageJson();
  expect(existsSync(join(installed, 'src'))).toBe(false);
  for (const tool of ['tsx', 'esbuild', 'typescript', 'webpack', 'react', '@fluentui/react-components']) {
    expect(pkg.dependencies[tool]).toBeUndefined();
    expect(existsSync(join(installed, 'node_modules', tool))).toBe(false);
  }
});

it('runs kiva-sheets validate from another folder', async () => {
  const cwd = elsewhere();
  writeFileSync(join(cwd, 'report.csv'), 'loan_id,client_id,amount\n1,C1,2\n2,,3\n');
  const checked = await installedCommand('kiva-sheets', ['validate', 'report.csv', '--json'], {
    cwd,
    env: { KIVA_CSV_FORMAT: 'three-column' },
  });
  expect(checked.stderr).not.toMatch(/internal error|cannot start/);
  expect(checked.stdout).toContain('report!B3  error  “client_id” is required.');
  expect(lastJsonLine(checked.stdout)).toEqual({
    errors: 1,
    warnings: 0,
    checked: 2,
    valid: 1,
    invalid: 1,
    skipped: 0,
    // validate reads the delivery ledger too (read-only): a fresh data folder knows no rows.
    ledger: { sent: 0, changed: 0, uncertain: 0, busy: 0 },
  });
  expect(checked.code).toBe(1);

  const version = await installedCommand('kiva-sheets', ['--version'], { cwd });
  expect(version.stdout).toBe(`${readPackageJson().version}\n`);
});

it('runs kiva-sheets setup with office-addin-dev-certs and the manifest from the package', async () => {
  const cwd = elsewhere();
  const answer = await installedCommand('kiva-sheets', ['setup', '--json'], {
    cwd,
    env: { XDG_DATA_HOME: join(cwd, 'data') },
    input: 'installed-client\ninstalled-secret\n',
  });
  expect(answer.stderr).not.toMatch(/internal error|Cannot find module/);
  expect(lastJsonLine(answer.stdout)).toMatchObject({
    command: 'setup',
    manifest: join(cwd, 'data', 'kiva-sheets', 'manifest.xml'),
    certificate: { made: true },
    exit: 0,
  });
  expect(readFileSync(join(cwd, 'data', 'kiva-sheets', 'manifest.xml'), 'utf8')).toContain(
    '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"',
  );
  expect(answer.stdout + answer.stderr).not.toContain('installed-secret');
});

it('answers a usage error in JSON too', async () => {
  const answer = await installedCommand('kiva-sheets', ['validate', '--jsno', '--json'], { cwd: elsewhere() });
  expect(answer.code).toBe(2);
  expect(lastJsonLine(answer.stdout)).toMatchObject({ error: { kind: 'usage' }, exit: 2 });
});

it('runs kiva-sheets send, its delivery ledger in a thread loaded from lib/', async () => {
  copySqliteAddon();
  const emulator = await startEmulator();
  try {
    const cwd = elsewhere();
    const [a, b] = seedLoans(420).filter((loan) => loan.status === 'payingBack');
    writeFileSync(join(cwd, 'report.csv'), `loan_id,amount\n${a?.internal_loan_id},12.5\n${b?.internal_loan_id},7\n`);
    const env = emulatorEnv(emulator, { KIVA_SHEETS_DB: join(cwd, 'ledger.sqlite') });
    const sent = await installedCommand('kiva-sheets', ['send', 'report.csv', '--json'], { cwd, env });
    expect(sent.stderr).not.toMatch(/internal error|cannot start|delivery ledger/);
    expect(lastJsonLine(sent.stdout)).toMatchObject({ sent: 2, invalid: 0 });
    expect(sent.code).toBe(0);
    // The ledger the thread kept: a copy without statuses is not sent again.
    writeFileSync(join(cwd, 'copy.csv'), `loan_id,amount\n${a?.internal_loan_id},12.5\n${b?.internal_loan_id},7\n`);
    const copy = await installedCommand('kiva-sheets', ['send', 'copy.csv', '--json'], { cwd, env });
    expect(lastJsonLine(copy.stdout)).toMatchObject({ sent: 0, ledger: { sent: 2 } });
    expect(emulator.appliedRepaymentLoanIds()).toEqual([a?.internal_loan_id, b?.internal_loan_id]);
  } finally {
    await emulator.close();
  }
});

it('runs kiva-sheets-server, which serves the pane, the manifest and its health', async () => {
  copySqliteAddon();

  const cwd = elsewhere();
  const child = spawn(join(prefix, 'bin', 'kiva-sheets-server'), ['--port', '0'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, KIVA_SHEETS_DB: join(cwd, 'audit.sqlite') },
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const listening = /listening=(\S+)/.exec(out);
        if (listening?.[1]) resolve(listening[1]);
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('close', () => reject(new Error(`the server stopped: ${out}`)));
    });
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    const manifest = await (await fetch(`${base}/manifest.xml`)).text();
    expect(manifest).toContain(`<SourceLocation DefaultValue="${base}/taskpane.html"`);
    expect(manifest).toContain('<DisplayName DefaultValue="Kiva Sheets (test)">');
    expect(await (await fetch(`${base}/taskpane.html`)).text()).toContain(STAND_IN_TEXT);
    // The container's HEALTHCHECK, run as the installed command.
    const probe = await installedCommand('kiva-sheets-server', ['--health-check', '--port', new URL(base).port], {
      cwd,
      env: { KIVA_SHEETS_DB: join(cwd, 'audit.sqlite') },
    });
    expect([probe.code, probe.stdout]).toEqual([0, expect.stringMatching(/^healthy: .*"status":"ok"/)]);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
});
