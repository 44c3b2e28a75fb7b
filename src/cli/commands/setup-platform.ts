/**
 * The parts of `kiva-sheets setup` that differ by operating system, behind small ports so that the logic in
 * setup.ts runs (and is tested) the same on Linux: the localhost certificate, registering the manifest with desktop
 * Excel, and reading answers (a secret with echo off) from the terminal or from a pipe.
 */
import { execFile } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

// ---------------------------------------------------------------------------------------------------- certificate

export type Trust = 'trusted' | 'already-trusted' | 'not-trusted' | { failed: string };

export interface CertificateResult {
  cert: string;
  key: string;
  ca: string;
  made: boolean;
  validUntil: Date;
  trust: Trust;
}

export interface CertificatePort {
  ensure(): Promise<CertificateResult>;
}

/** What this file uses of office-addin-dev-certs (3.x); tests pass a fake. */
export interface DevCerts {
  certificateDirectory: string;
  caCertificatePath: string;
  localhostCertificatePath: string;
  localhostKeyPath: string;
  generateCertificates(ca: string, cert: string, key: string, days: number, domains: string[]): Promise<void>;
  /** Verifies, regenerates (removing a stale CA from the store) and trusts: Windows and Mac. */
  ensureCertificatesAreInstalled(days: number, domains: string[], machine: boolean): Promise<void>;
  deleteCertificateFiles(dir: string): void;
}

/** A year: a coordinator should not meet an expired certificate every month (the library's default is 30 days). */
export const CERTIFICATE_DAYS = 365;
/** Renewed when fewer days than this are left. */
export const RENEW_BEFORE_DAYS = 30;
const DOMAINS = ['127.0.0.1', 'localhost'];

/* eslint-disable @typescript-eslint/no-require-imports */
export function loadDevCerts(): DevCerts {
  // Loaded only by setup: the rest of the command line never pays for node-forge.
  const defaults = require('office-addin-dev-certs/lib/defaults') as DevCerts;
  const generate = require('office-addin-dev-certs/lib/generate') as Pick<DevCerts, 'generateCertificates'>;
  const install = require('office-addin-dev-certs/lib/install') as Pick<DevCerts, 'ensureCertificatesAreInstalled'>;
  const uninstall = require('office-addin-dev-certs/lib/uninstall') as Pick<DevCerts, 'deleteCertificateFiles'>;
  return {
    certificateDirectory: defaults.certificateDirectory,
    caCertificatePath: defaults.caCertificatePath,
    localhostCertificatePath: defaults.localhostCertificatePath,
    localhostKeyPath: defaults.localhostKeyPath,
    generateCertificates: generate.generateCertificates,
    ensureCertificatesAreInstalled: install.ensureCertificatesAreInstalled,
    deleteCertificateFiles: uninstall.deleteCertificateFiles,
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Windows and Mac: Microsoft's own flow (office-addin-dev-certs' ensureCertificatesAreInstalled), which asks the
 * system to trust its CA (a password prompt on Mac, a confirmation on Windows). Elsewhere (Linux): the files only,
 * never `sudo` — desktop Excel does not run there, and browsers keep their own certificate store.
 */
export function createCertificates(
  platform: NodeJS.Platform,
  devCerts: DevCerts,
  now: () => number = Date.now,
): CertificatePort {
  const paths = {
    cert: devCerts.localhostCertificatePath,
    key: devCerts.localhostKeyPath,
    ca: devCerts.caCertificatePath,
  };
  return {
    async ensure() {
      const before = fingerprint(paths.cert);
      const until = validUntil(paths.cert, paths.key, now);
      const good = until !== undefined && until.getTime() - now() > RENEW_BEFORE_DAYS * 86_400_000;
      // Removing the files makes both flows below make new ones.
      if (!good) devCerts.deleteCertificateFiles(devCerts.certificateDirectory);
      let trust: Trust = 'not-trusted';
      if (platform === 'win32' || platform === 'darwin') {
        try {
          await quietly(() => devCerts.ensureCertificatesAreInstalled(CERTIFICATE_DAYS, DOMAINS, false));
          trust = fingerprint(paths.cert) === before ? 'already-trusted' : 'trusted';
        } catch (error) {
          trust = { failed: reasonOf(error) };
        }
      }
      if (validUntil(paths.cert, paths.key, now) === undefined) {
        // The library writes nothing while a CA file is there (a half-done run, a refused trust).
        if (existsSync(paths.ca)) devCerts.deleteCertificateFiles(devCerts.certificateDirectory);
        await quietly(() => devCerts.generateCertificates(paths.ca, paths.cert, paths.key, CERTIFICATE_DAYS, DOMAINS));
      }
      const after = validUntil(paths.cert, paths.key, now);
      if (after === undefined) throw new Error(`no usable certificate in ${devCerts.certificateDirectory}`);
      // The server refuses a TLS key that others can read (docs/server.md); the library writes it 0644.
      if (platform !== 'win32') chmodSync(paths.key, 0o600);
      return { ...paths, made: fingerprint(paths.cert) !== before, validUntil: after, trust };
    },
  };
}

function fingerprint(certPath: string): string | undefined {
  try {
    return new X509Certificate(readFileSync(certPath)).fingerprint256;
  } catch {
    return undefined;
  }
}

/** The end of validity of a certificate for localhost that matches its key, or undefined. */
export function validUntil(certPath: string, keyPath: string, now: () => number = Date.now): Date | undefined {
  try {
    const cert = new X509Certificate(readFileSync(certPath));
    if (!cert.checkPrivateKey(createPrivateKey(readFileSync(keyPath)))) return undefined;
    if (!(cert.subjectAltName ?? '').split(/,\s*/).includes('DNS:localhost')) return undefined;
    const end = new Date(cert.validTo);
    return end.getTime() > now() ? end : undefined;
  } catch {
    return undefined;
  }
}

/** The library prints its progress with console.log; setup prints its own lines. */
async function quietly<T>(action: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await action();
  } finally {
    console.log = log;
  }
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/\r?\n/)[0]?.trim().slice(0, 200) || 'unknown';
}

// --------------------------------------------------------------------------------------------------- registration

export type Registration =
  { kind: 'windows' | 'mac'; where: string } | { kind: 'web' } | { kind: 'failed'; reason: string };

export interface RegistrarPort {
  register(manifestPath: string, addinId: string): Promise<Registration>;
}

export type Exec = (file: string, args: readonly string[]) => Promise<void>;

const execFileAsync = promisify(execFile);
export const exec: Exec = async (file, args) => {
  await execFileAsync(file, [...args], { windowsHide: true });
};

/** The key office-addin-dev-settings writes: one value per add-in, named by its id, holding the manifest's path. */
export const WINDOWS_DEVELOPER_KEY = 'HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer';

/** Excel for Mac sideloads every manifest in this folder of its sandbox. */
export function macWefFolder(homedir: string): string {
  return join(homedir, 'Library', 'Containers', 'com.microsoft.Excel', 'Data', 'Documents', 'wef');
}

export function registrarFor(platform: NodeJS.Platform, homedir: string, run: Exec = exec): RegistrarPort {
  return {
    async register(manifestPath, addinId) {
      try {
        if (platform === 'win32') {
          await run('reg', ['add', WINDOWS_DEVELOPER_KEY, '/v', addinId, '/t', 'REG_SZ', '/d', manifestPath, '/f']);
          return { kind: 'windows', where: `${WINDOWS_DEVELOPER_KEY}\\${addinId}` };
        }
        if (platform === 'darwin') {
          const folder = macWefFolder(homedir);
          mkdirSync(folder, { recursive: true });
          const target = join(folder, `${addinId}.manifest.xml`);
          copyFileSync(manifestPath, target);
          return { kind: 'mac', where: target };
        }
        return { kind: 'web' };
      } catch (error) {
        return { kind: 'failed', reason: reasonOf(error) };
      }
    },
  };
}

// -------------------------------------------------------------------------------------------------------- prompts

export class PromptCancelled extends Error {}

export interface Prompt {
  /** One answer, or undefined at the end of the input. A secret is read with echo off on a terminal. */
  ask(question: string, options?: { secret?: boolean }): Promise<string | undefined>;
  close(): void;
}

export interface PromptInput {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeAllListeners(event?: string): unknown;
  resume(): unknown;
  pause(): unknown;
}

/**
 * Questions go to `write` (standard error, so that `--json` keeps standard output for its summary). On a terminal a
 * secret is read in raw mode, which turns the terminal's echo off: nothing of it is shown, not even stars, and it
 * never passes through anything that logs. From a pipe each answer is one line.
 */
export function createPrompt(input: PromptInput, write: (text: string) => void): Prompt {
  let buffer = '';
  let ended = false;
  let wake: (() => void) | undefined;
  let listening = false;
  const listen = () => {
    if (listening) return;
    listening = true;
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      buffer += chunk;
      wake?.();
    });
    input.on('end', () => {
      ended = true;
      wake?.();
    });
  };
  const more = () =>
    new Promise<void>((resolve) => {
      wake = () => {
        wake = undefined;
        resolve();
      };
      input.resume();
    });

  const readLine = async (): Promise<string | undefined> => {
    for (;;) {
      const end = buffer.indexOf('\n');
      if (end >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        return line;
      }
      if (ended) {
        if (buffer === '') return undefined;
        const line = buffer;
        buffer = '';
        return line;
      }
      await more();
    }
  };

  /** Raw mode is on before the question is shown: whatever is typed after it appears is never echoed. */
  const readSecret = async (question: string): Promise<string | undefined> => {
    input.setRawMode?.(true);
    write(question);
    let typed = '';
    try {
      for (;;) {
        while (buffer.length > 0) {
          const char = buffer[0] as string;
          buffer = buffer.slice(1);
          if (char === '\r' || char === '\n') return typed;
          if (char === '\u0003') throw new PromptCancelled('cancelled');
          if (char === '\u0004') {
            if (typed === '') return undefined;
            continue;
          }
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else if (char >= ' ') typed += char;
        }
        if (ended) return typed === '' ? undefined : typed;
        await more();
      }
    } finally {
      input.setRawMode?.(false);
      write('\n');
    }
  };

  return {
    async ask(question, options = {}) {
      listen();
      try {
        if (options.secret === true && input.isTTY === true) return await readSecret(question);
        write(question);
        const line = await readLine();
        // From a pipe, nothing was echoed: end the question's line so the next output starts on its own.
        if (input.isTTY !== true) write('\n');
        return line;
      } finally {
        input.pause();
      }
    },
    close() {
      input.removeAllListeners('data');
      input.removeAllListeners('end');
      input.pause();
    },
  };
}
