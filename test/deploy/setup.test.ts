/**
 * `kiva-sheets setup` as a coordinator runs it: the real command line in a child process, answers through a pipe and
 * through a terminal (a pty from util-linux `script`), a fresh home and data folder each time. Then the real server
 * starts on the settings it wrote and serves, over HTTPS with its certificate, the same add-in it registered.
 */
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { validateManifest } from '../../dev/manifest/validate';
import { runChild, type ChildRun } from './child';
import { ASSETS_DIR, packageVersion, registeredCommands } from '../../dev/manifest/project';
import { loadServerConfig } from '../../src/server/config/load';
import { startServer } from '../../src/server/server';

jest.setTimeout(60_000);

const BIN = join(__dirname, '../../bin/kiva-sheets.js');
const SECRET = 'Zq8-very-secret-9xW';
const CLIENT_ID = 'partner-145-stage';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Home {
  home: string;
  data: string;
  env: Record<string, string>;
}

function freshHome(extra: Record<string, string> = {}): Home {
  const home = mkdtempSync(join(tmpdir(), 'kiva-sheets-setup-'));
  made.push(home);
  const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: join(home, 'data'), ...extra };
  return { home, data: join(home, 'data', 'kiva-sheets'), env };
}

type Run = ChildRun;

function runSetup(args: string[], home: Home, input: string): Promise<Run> {
  return runChild(process.execPath, [BIN, 'setup', ...args], { cwd: home.home, env: home.env, input });
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
const settingsOf = (home: Home) =>
  JSON.parse(readFileSync(join(home.data, 'settings.json'), 'utf8')) as Record<string, string>;
const mode = (path: string) => statSync(path).mode & 0o777;

function manifestIdentity(xml: string): { id: string; name: string; source: string } {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement!;
  const first = (name: string) => root.getElementsByTagName(name)[0];
  return {
    id: first('Id')?.textContent ?? '',
    name: first('DisplayName')?.getAttribute('DefaultValue') ?? '',
    source: first('SourceLocation')?.getAttribute('DefaultValue') ?? '',
  };
}

describe('kiva-sheets setup, answers piped in', () => {
  let home: Home;
  let run: Run;
  beforeAll(async () => {
    home = freshHome();
    run = await runSetup(['--json'], home, `${CLIENT_ID}\n${SECRET}\n`);
  });

  it('succeeds and ends with a JSON summary that names every file and never the secret', () => {
    expect(run.code).toBe(0);
    const summary = lastJson(run.stdout);
    expect(summary).toMatchObject({
      command: 'setup',
      dataFolder: home.data,
      settings: join(home.data, 'settings.json'),
      manifest: join(home.data, 'manifest.xml'),
      publicUrl: 'https://localhost:3000',
      registration: { kind: 'web' },
      certificate: { made: true, trust: 'not-trusted' },
      exit: 0,
    });
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('writes the settings readable by the user only, with the credentials and the certificate', () => {
    const file = join(home.data, 'settings.json');
    expect(mode(file)).toBe(0o600);
    expect(mode(home.data)).toBe(0o700);
    expect(settingsOf(home)).toEqual({
      KIVA_SHEETS_ENVIRONMENTS: 'stage',
      KIVA_STAGE_CLIENT_ID: CLIENT_ID,
      KIVA_STAGE_CLIENT_SECRET: SECRET,
      KIVA_SHEETS_TLS_CERT: join(home.home, '.office-addin-dev-certs', 'localhost.crt'),
      KIVA_SHEETS_TLS_KEY: join(home.home, '.office-addin-dev-certs', 'localhost.key'),
      PORT: '3000',
    });
  });

  it('makes a certificate for localhost and 127.0.0.1, for a year, with a private key', () => {
    const { KIVA_SHEETS_TLS_CERT: cert = '', KIVA_SHEETS_TLS_KEY: key = '' } = settingsOf(home);
    const x509 = new X509Certificate(readFileSync(cert));
    expect(x509.subjectAltName).toContain('DNS:localhost');
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    const days = (new Date(x509.validTo).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(mode(key)).toBe(0o600);
    expect(x509.issuer).toContain('Developer CA for Microsoft Office Add-ins');
  });

  it('writes a manifest for https://localhost:3000 with this data folder’s add-in id, one that passes validation', () => {
    const xml = readFileSync(join(home.data, 'manifest.xml'), 'utf8');
    const deployment = JSON.parse(readFileSync(join(home.data, 'deployment.json'), 'utf8')) as { addinId: string };
    expect(manifestIdentity(xml)).toEqual({
      id: deployment.addinId,
      name: 'Kiva Sheets (test)',
      source: 'https://localhost:3000/taskpane.html',
    });
    expect(lastJson(run.stdout).addinId).toBe(deployment.addinId);
    const { findings } = validateManifest(xml, {
      origin: 'https://localhost:3000',
      assetsDir: ASSETS_DIR,
      registeredCommands: registeredCommands(),
      packageVersion: packageVersion(),
    });
    expect(findings.map((f) => `[${f.rule}] ${f.element}: ${f.message}`)).toEqual([]);
  });

  it('says on Linux to upload the manifest in Excel on the web, and how to start the server', () => {
    expect(run.stderr).toContain('Upload My Add-in');
    expect(run.stderr).toContain(`kiva-sheets-server --config ${join(home.data, 'settings.json')}`);
  });

  it('gives the server what it needs: it starts on those settings and serves the same add-in over HTTPS', async () => {
    const loaded = loadServerConfig({
      configFile: join(home.data, 'settings.json'),
      env: { HOME: home.home, XDG_DATA_HOME: home.env.XDG_DATA_HOME },
      overrides: { PORT: '0' },
      homedir: home.home,
      platform: 'linux',
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const logs: string[] = [];
    const server = await startServer(loaded.config, {
      fetch: () => Promise.reject(new Error('no Kiva in this test')),
      log: (line) => logs.push(line),
    });
    try {
      expect(server.url).toMatch(/^https:\/\/localhost:\d+$/);
      expect(server.addinId).toBe(lastJson(run.stdout).addinId);
      const ca = readFileSync(join(home.home, '.office-addin-dev-certs', 'ca.crt'));
      const health = await httpsGet(`${server.url}/api/health`, ca);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', mode: 'local' });
      const served = await httpsGet(`${server.url}/manifest.xml`, ca);
      expect(manifestIdentity(served.body).id).toBe(server.addinId);
      expect(logs.join('\n')).not.toContain(SECRET);
    } finally {
      await server.close();
    }
  });

  it('keeps what is saved when run again and Enter is pressed: same certificate, same add-in id', async () => {
    const before = { settings: settingsOf(home), id: lastJson(run.stdout).addinId as string };
    const again = await runSetup(['--json'], home, '\n\n');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Enter keeps the saved one');
    expect(settingsOf(home)).toEqual(before.settings);
    expect(lastJson(again.stdout)).toMatchObject({ addinId: before.id, certificate: { made: false } });
    expect(again.stdout + again.stderr).not.toContain(SECRET);
  });
});

describe('kiva-sheets setup, refusals', () => {
  it('writes nothing when the input ends before the secret', async () => {
    const home = freshHome();
    const run = await runSetup(['--json'], home, `${CLIENT_ID}\n`);
    expect(run.code).toBe(2);
    expect(lastJson(run.stdout)).toMatchObject({ error: { kind: 'usage' }, exit: 2 });
    expect(existsSync(join(home.data, 'settings.json'))).toBe(false);
    expect(existsSync(join(home.home, '.office-addin-dev-certs'))).toBe(false);
  });

  it('asks again after an answer with spaces, in the language of KIVA_LANG', async () => {
    const home = freshHome({ KIVA_LANG: 'es' });
    const run = await runSetup([], home, `mal id\n${CLIENT_ID}\n${SECRET}\n`);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Un id o secreto de cliente no tiene espacios');
    expect(run.stderr).toContain('Secreto de cliente de Kiva stage (no se muestra al escribir)');
    expect(settingsOf(home).KIVA_STAGE_CLIENT_ID).toBe(CLIENT_ID);
  });

  it('refuses a saved settings file that others can read, and leaves it alone', async () => {
    const home = freshHome();
    expect((await runSetup([], home, `${CLIENT_ID}\n${SECRET}\n`)).code).toBe(0);
    const file = join(home.data, 'settings.json');
    chmodSync(file, 0o644);
    const run = await runSetup(['--json'], home, `other\nother-secret\n`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`chmod 600 ${file}`);
    expect(settingsOf(home).KIVA_STAGE_CLIENT_ID).toBe(CLIENT_ID);
  });

  it('answers a bad option with its usage, in JSON too', async () => {
    const home = freshHome();
    const run = await runSetup(['--port', 'eighty', '--json'], home, '');
    expect(run.code).toBe(2);
    expect(lastJson(run.stdout)).toMatchObject({ error: { kind: 'usage' }, exit: 2 });
    expect(run.stderr).toContain('Usage: kiva-sheets setup');
  });
});

describe('kiva-sheets setup in a terminal', () => {
  const script = ['/usr/bin/script', '/bin/script'].find((path) => existsSync(path));
  const maybe = script === undefined ? it.skip : it;

  maybe('shows the client id as it is typed and nothing of the secret (echo off), then writes both', async () => {
    const home = freshHome({ TERM: 'dumb' });
    // util-linux script: the command runs on a pty whose output (prompts, and what the terminal echoes) we read.
    const child = spawn(script as string, ['-qec', `${process.execPath} ${BIN} setup`, '/dev/null'], {
      cwd: home.home,
      env: home.env,
    });
    let screen = '';
    const waiters: { text: string; resolve: () => void }[] = [];
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      screen += d;
      for (const waiter of waiters.splice(0)) {
        if (screen.includes(waiter.text)) waiter.resolve();
        else waiters.push(waiter);
      }
    });
    const waitFor = (text: string) =>
      new Promise<void>((resolve) => (screen.includes(text) ? resolve() : waiters.push({ text, resolve })));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));

    await waitFor('client id (PA2');
    child.stdin.write(`${CLIENT_ID}\r`);
    // Typed only once the secret's question is up: setup turns echo off before it shows the question.
    await waitFor('not shown as you type');
    child.stdin.write(`${SECRET}\r`);
    await waitFor('Start the server with');
    child.stdin.end();
    expect(await closed).toBe(0);

    expect(screen).toContain(CLIENT_ID);
    expect(screen).not.toContain(SECRET);
    expect(settingsOf(home)).toMatchObject({ KIVA_STAGE_CLIENT_ID: CLIENT_ID, KIVA_STAGE_CLIENT_SECRET: SECRET });
  });
});

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: { Host: new URL(url).host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
