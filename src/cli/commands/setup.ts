/**
 * `kiva-sheets setup`: one PC, one coordinator (issue #16, docs/deploy.md "One PC: a development certificate").
 *
 * 1. a certificate for https://localhost (office-addin-dev-certs; trusted by the system on Windows and Mac);
 * 2. the Kiva stage client id and secret, asked for (the secret with echo off) and written with the certificate's
 *    paths into `settings.json` in the data folder, chmod 600, the file `kiva-sheets-server --config` reads;
 * 3. the add-in manifest as the server will serve it (https://localhost:PORT, this data folder's add-in id, named
 *    "Kiva Sheets (test)"), written beside it and registered with desktop Excel where there is one.
 *
 * The secret is never printed, logged, nor put in the JSON summary. Nothing is written until both answers are in.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir as osHomedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dataDirectory, defaultDatabasePath } from '../../server/config/data-dir';
import { readSettingsFile } from '../../server/config/file';
import { packageRoot } from '../../server/config/package-root';
import { deploymentFileBeside, loadOrCreateAddinId } from '../../server/identity/deployment-id';
import { renderManifest } from '../../server/identity/manifest';
import { readLanguage, type Env } from '../config';
import { errorSummary, jsonLine } from '../json-summary';
import { say } from '../texts';
import {
  createCertificates,
  createPrompt,
  loadDevCerts,
  PromptCancelled,
  registrarFor,
  type CertificatePort,
  type CertificateResult,
  type Prompt,
  type Registration,
  type RegistrarPort,
} from './setup-platform';
import { setupTexts, SETUP_USAGE, type SetupTexts } from './setup-texts';

export const SETTINGS_FILE = 'settings.json';
export const MANIFEST_FILE = 'manifest.xml';
const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

export interface SetupPorts {
  platform: NodeJS.Platform;
  env: Env;
  homedir: string;
  stdout(text: string): void;
  stderr(text: string): void;
  prompt: Prompt;
  certificates: CertificatePort;
  registrar: RegistrarPort;
  /** Where manifest.xml (the template) is. */
  packageRoot: string;
}

export interface SetupSummary {
  command: 'setup';
  dataFolder: string;
  settings: string;
  manifest: string;
  addinId: string;
  publicUrl: string;
  certificate: { cert: string; key: string; ca: string; made: boolean; validUntil: string; trust: string };
  registration: Registration;
  exit: number;
}

export async function runSetup(argv: readonly string[], ports: SetupPorts): Promise<number> {
  const json = argv.includes('--json');
  const { language } = readLanguage(ports.env);
  const t = setupTexts(language);
  const options = parseOptions(argv);
  if (options.help) {
    ports.stdout(SETUP_USAGE);
    return EXIT.ok;
  }
  if (options.problem !== undefined) {
    ports.stderr(`kiva-sheets setup: ${options.problem}\n\n${SETUP_USAGE}`);
    if (json) ports.stdout(jsonLine(errorSummary('usage', options.problem, EXIT.usage)));
    return EXIT.usage;
  }
  const fail = (kind: Parameters<typeof errorSummary>[0], message: string, code: number): number => {
    ports.stderr(`kiva-sheets setup: ${message}\n`);
    if (json) ports.stdout(jsonLine(errorSummary(kind, message, code)));
    return code;
  };

  const host = { platform: ports.platform, env: ports.env, homedir: ports.homedir };
  const dir = dataDirectory(host);
  const settingsPath = join(dir, SETTINGS_FILE);
  const say2 = (text: string) => ports.stderr(`${text}\n`);
  say2(say(t.title, { port: options.port }));
  say2(say(t.dataFolder, { dir }));

  // What a previous run saved: Enter keeps it. An unsafe or broken file is reported, never silently replaced.
  let saved: Record<string, string> = {};
  if (existsSync(settingsPath)) {
    const read = readSettingsFile(settingsPath, ports.platform);
    if (read.problems.length > 0) return fail('configuration', read.problems.map((p) => p.message).join(' '), 2);
    saved = read.values as Record<string, string>;
  }

  let clientId: string | undefined;
  let secret: string | undefined;
  try {
    clientId = await askCredential(ports.prompt, t, t.askClientId, saved.KIVA_STAGE_CLIENT_ID, false, say2);
    if (clientId !== undefined) {
      secret = await askCredential(ports.prompt, t, t.askSecret, saved.KIVA_STAGE_CLIENT_SECRET, true, say2);
    }
  } catch (error) {
    if (error instanceof PromptCancelled) return fail('failed', t.cancelled, EXIT.cancelled);
    throw error;
  } finally {
    ports.prompt.close();
  }
  if (clientId === undefined || secret === undefined) return fail('usage', t.noInput, EXIT.usage);

  let certificate: CertificateResult;
  try {
    certificate = await ports.certificates.ensure();
  } catch (error) {
    return fail('failed', (error as Error).message, EXIT.failed);
  }
  const until = certificate.validUntil.toISOString().slice(0, 10);
  say2(say(certificate.made ? t.certificate.made : t.certificate.kept, { cert: certificate.cert, until }));
  say2(trustLine(t, certificate));

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writePrivateJson(
    settingsPath,
    {
      ...saved,
      KIVA_SHEETS_ENVIRONMENTS: 'stage',
      KIVA_STAGE_CLIENT_ID: clientId,
      KIVA_STAGE_CLIENT_SECRET: secret,
      KIVA_SHEETS_TLS_CERT: certificate.cert,
      KIVA_SHEETS_TLS_KEY: certificate.key,
      PORT: String(options.port),
    },
    ports.platform,
  );
  say2(say(t.settingsWritten, { file: settingsPath }));

  // The server's own identity for this data folder (deployment.json beside its default database).
  const addinId = loadOrCreateAddinId(deploymentFileBeside(defaultDatabasePath(host)));
  const publicUrl = `https://localhost:${options.port}`;
  const template = readFileSync(join(ports.packageRoot, MANIFEST_FILE), 'utf8');
  const manifestPath = join(dir, MANIFEST_FILE);
  writeFileSync(manifestPath, renderManifest(template, { publicUrl, addinId, kind: 'test' }));
  say2(say(t.manifestWritten, { file: manifestPath, id: addinId }));

  const registration = await ports.registrar.register(manifestPath, addinId);
  say2(registrationLine(t, registration, manifestPath));
  say2(say(t.next, { settings: quoteForShell(settingsPath, ports.platform) }));

  const code = registration.kind === 'failed' || typeof certificate.trust === 'object' ? EXIT.failed : EXIT.ok;
  if (json) {
    const summary: SetupSummary = {
      command: 'setup',
      dataFolder: dir,
      settings: settingsPath,
      manifest: manifestPath,
      addinId,
      publicUrl,
      certificate: {
        cert: certificate.cert,
        key: certificate.key,
        ca: certificate.ca,
        made: certificate.made,
        validUntil: certificate.validUntil.toISOString(),
        trust: typeof certificate.trust === 'object' ? 'failed' : certificate.trust,
      },
      registration,
      exit: code,
    };
    ports.stdout(jsonLine(summary as unknown as Record<string, unknown>));
  }
  return code;
}

/** Asks until the answer is one word; Enter keeps `current`. undefined at the end of the input. */
async function askCredential(
  prompt: Prompt,
  t: SetupTexts,
  question: string,
  current: string | undefined,
  secret: boolean,
  say2: (text: string) => void,
): Promise<string | undefined> {
  for (let tries = 0; tries < 5; tries++) {
    const answer = await prompt.ask(current === undefined ? question : `${question}${t.keep}`, { secret });
    if (answer === undefined) return undefined;
    const value = answer.trim();
    if (value === '' && current !== undefined) return current;
    if (value === '') say2(t.empty);
    else if (/\s/.test(value)) say2(t.spaces);
    else return value;
  }
  return undefined;
}

function trustLine(t: SetupTexts, certificate: CertificateResult): string {
  const ca = certificate.ca;
  if (typeof certificate.trust === 'object')
    return say(t.certificate.trustFailed, { ca, reason: certificate.trust.failed });
  if (certificate.trust === 'trusted') return say(t.certificate.trusted, { ca });
  if (certificate.trust === 'already-trusted') return say(t.certificate.alreadyTrusted, { ca });
  return say(t.certificate.notTrusted, { ca });
}

function registrationLine(t: SetupTexts, registration: Registration, manifest: string): string {
  switch (registration.kind) {
    case 'windows':
      return say(t.registration.windows, { where: registration.where });
    case 'mac':
      return say(t.registration.mac, { where: registration.where });
    case 'web':
      return say(t.registration.web, { file: manifest });
    case 'failed':
      return say(t.registration.failed, { reason: registration.reason });
  }
}

/**
 * Written to a new file that only its owner can read, then renamed over the old one: the secret is never in a file
 * others can open, not even for a moment. Windows has no mode bits; the data folder is the user's own (%APPDATA%).
 */
function writePrivateJson(path: string, value: Record<string, string>, platform: NodeJS.Platform): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  if (platform !== 'win32') chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

function quoteForShell(path: string, platform: NodeJS.Platform): string {
  if (!/[\s'"$`\\]/.test(path)) return path;
  return platform === 'win32' ? `"${path}"` : `'${path.replace(/'/g, `'\\''`)}'`;
}

function parseOptions(argv: readonly string[]): { help: boolean; port: number; problem?: string } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { port: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (positionals.length > 0) return { help: false, port: 3000, problem: `unexpected argument ${positionals[0]}` };
    const port = values.port === undefined ? 3000 : Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return { help: false, port: 3000, problem: '--port needs a number from 1 to 65535' };
    }
    return { help: values.help === true, port };
  } catch (error) {
    return { help: false, port: 3000, problem: (error as Error).message };
  }
}

/** The command as `kiva-sheets setup …` runs it: this computer's certificate store, Excel, terminal. */
export function setupCommand(proc: {
  argv: readonly string[];
  env: Env;
  io: { stdout(text: string): void; stderr(text: string): void };
}): Promise<number> {
  const platform = process.platform;
  const homedir = proc.env.HOME ?? osHomedir();
  return runSetup(proc.argv.slice(1), {
    platform,
    env: proc.env,
    homedir,
    stdout: (text) => proc.io.stdout(text),
    stderr: (text) => proc.io.stderr(text),
    prompt: createPrompt(process.stdin, (text) => proc.io.stderr(text)),
    certificates: createCertificates(platform, loadDevCerts()),
    registrar: registrarFor(platform, homedir),
    packageRoot: packageRoot(__dirname),
  });
}
