/**
 * The operating-system parts of `kiva-sheets setup`, run on Linux with stand-ins: what it asks Windows' registry and
 * Mac's Excel folder to hold, and when it lets office-addin-dev-certs ask the system to trust its CA (Windows, Mac)
 * or only makes the files (elsewhere: never sudo). Real certificates are made by the real library, offline.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  CERTIFICATE_DAYS,
  createCertificates,
  createPrompt,
  loadDevCerts,
  macWefFolder,
  PromptCancelled,
  registrarFor,
  validUntil,
  WINDOWS_DEVELOPER_KEY,
  type DevCerts,
} from '../../src/cli/commands/setup-platform';

jest.setTimeout(30_000);

const made: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-setup-unit-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ID = '0b5b7a6e-4f3c-4c1e-9a77-2d0f6f0c1a11';

describe('registering the manifest', () => {
  it('Windows: one value in the Developer key, named by the add-in id, holding the manifest path', async () => {
    const calls: [string, readonly string[]][] = [];
    const registrar = registrarFor('win32', 'C:\\Users\\ana', async (file, args) => void calls.push([file, args]));
    const result = await registrar.register('C:\\Users\\ana\\AppData\\Roaming\\kiva-sheets\\manifest.xml', ID);
    expect(calls).toEqual([
      [
        'reg',
        [
          'add',
          'HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer',
          '/v',
          ID,
          '/t',
          'REG_SZ',
          '/d',
          'C:\\Users\\ana\\AppData\\Roaming\\kiva-sheets\\manifest.xml',
          '/f',
        ],
      ],
    ]);
    expect(result).toEqual({ kind: 'windows', where: `${WINDOWS_DEVELOPER_KEY}\\${ID}` });
  });

  it('Windows: a refused reg command is reported, not thrown', async () => {
    const registrar = registrarFor('win32', 'C:\\Users\\ana', async () => {
      throw new Error('ERROR: Access is denied.\r\nmore');
    });
    expect(await registrar.register('m.xml', ID)).toEqual({ kind: 'failed', reason: 'ERROR: Access is denied.' });
  });

  it('Mac: a copy in the wef folder of Excel’s sandbox, made when missing', async () => {
    const home = temp();
    const manifest = join(home, 'manifest.xml');
    writeFileSync(manifest, '<OfficeApp/>');
    const calls: string[] = [];
    const result = await registrarFor('darwin', home, async (file) => void calls.push(file)).register(manifest, ID);
    const target = join(home, 'Library/Containers/com.microsoft.Excel/Data/Documents/wef', `${ID}.manifest.xml`);
    expect(macWefFolder(home)).toBe(join(home, 'Library/Containers/com.microsoft.Excel/Data/Documents/wef'));
    expect(result).toEqual({ kind: 'mac', where: target });
    expect(readFileSync(target, 'utf8')).toBe('<OfficeApp/>');
    expect(calls).toEqual([]);
  });

  it('Linux: nothing registered, nothing run; the user uploads it in Excel on the web', async () => {
    const calls: string[] = [];
    const result = await registrarFor('linux', temp(), async (file) => void calls.push(file)).register('m.xml', ID);
    expect(result).toEqual({ kind: 'web' });
    expect(calls).toEqual([]);
  });
});

/** The real library, its paths moved into a temporary folder, with its system-touching call recorded. */
function devCertsIn(dir: string, ensure?: DevCerts['ensureCertificatesAreInstalled']) {
  const real = loadDevCerts();
  const calls: string[] = [];
  const fake: DevCerts = {
    certificateDirectory: dir,
    caCertificatePath: join(dir, 'ca.crt'),
    localhostCertificatePath: join(dir, 'localhost.crt'),
    localhostKeyPath: join(dir, 'localhost.key'),
    async generateCertificates(...args) {
      calls.push('generate');
      await real.generateCertificates(...args);
    },
    async ensureCertificatesAreInstalled(days, domains, machine) {
      calls.push(`ensure ${days} ${domains.join(',')} ${machine}`);
      if (ensure) await ensure(days, domains, machine);
    },
    deleteCertificateFiles(folder) {
      calls.push('delete');
      real.deleteCertificateFiles(folder);
    },
  };
  return { fake, calls };
}

describe('the localhost certificate', () => {
  it('Linux: makes the files with the library, never asks the system to trust them, key chmod 600', async () => {
    const dir = join(temp(), 'certs');
    const { fake, calls } = devCertsIn(dir);
    const result = await createCertificates('linux', fake).ensure();
    expect(calls).toEqual(['delete', 'generate']);
    expect(result).toMatchObject({ made: true, trust: 'not-trusted', cert: join(dir, 'localhost.crt') });
    expect(statSync(result.key).mode & 0o777).toBe(0o600);
    const days = (result.validUntil.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(CERTIFICATE_DAYS - 2);

    // Run again: kept as it is.
    const again = await createCertificates('linux', fake).ensure();
    expect(calls).toEqual(['delete', 'generate']);
    expect(again).toMatchObject({ made: false, trust: 'not-trusted' });
  });

  it('renews a certificate with fewer than 30 days left', async () => {
    const dir = join(temp(), 'certs');
    const { fake, calls } = devCertsIn(dir);
    const first = await createCertificates('linux', fake).ensure();
    const later = () => first.validUntil.getTime() - 10 * 86_400_000;
    const renewed = await createCertificates('linux', fake, later).ensure();
    expect(calls).toEqual(['delete', 'generate', 'delete', 'generate']);
    expect(renewed.made).toBe(true);
  });

  it('Windows and Mac: Microsoft’s own flow, which trusts the CA; a year’s certificate for localhost', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const dir = join(temp(), 'certs');
      const real = loadDevCerts();
      const { fake, calls } = devCertsIn(dir, async (days, domains) => {
        await real.generateCertificates(
          join(dir, 'ca.crt'),
          join(dir, 'localhost.crt'),
          join(dir, 'localhost.key'),
          days,
          domains,
        );
      });
      const result = await createCertificates(platform, fake).ensure();
      expect(calls).toEqual(['delete', `ensure ${CERTIFICATE_DAYS} 127.0.0.1,localhost false`]);
      expect(result).toMatchObject({ made: true, trust: 'trusted' });
      expect(new X509Certificate(readFileSync(result.cert)).subjectAltName).toContain('DNS:localhost');
    }
  });

  it('Windows and Mac: a refused trust is reported with its first line, and the files are made anyway', async () => {
    const dir = join(temp(), 'certs');
    const { fake, calls } = devCertsIn(dir, async () => {
      throw new Error('Unable to install the CA certificate. The user cancelled\nstack');
    });
    const result = await createCertificates('darwin', fake).ensure();
    expect(result.trust).toEqual({ failed: 'Unable to install the CA certificate. The user cancelled' });
    expect(calls).toEqual(['delete', expect.stringMatching(/^ensure/), 'generate']);
    expect(existsSync(result.cert)).toBe(true);
  });

  it('takes no certificate whose key does not match, or that does not name localhost', async () => {
    const a = join(temp(), 'a');
    const b = join(temp(), 'b');
    await createCertificates('linux', devCertsIn(a).fake).ensure();
    await createCertificates('linux', devCertsIn(b).fake).ensure();
    expect(validUntil(join(a, 'localhost.crt'), join(a, 'localhost.key'))).toBeInstanceOf(Date);
    expect(validUntil(join(a, 'localhost.crt'), join(b, 'localhost.key'))).toBeUndefined();
    expect(validUntil(join(a, 'ca.crt'), join(a, 'localhost.key'))).toBeUndefined();
  });
});

describe('the prompt', () => {
  function terminal() {
    const stream = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode(mode: boolean): void };
    const modes: boolean[] = [];
    stream.isTTY = true;
    stream.setRawMode = (mode) => void modes.push(mode);
    return { stream, modes };
  }

  it('reads a secret in raw mode, turned on before the question is shown, with backspace', async () => {
    const { stream, modes } = terminal();
    const written: string[] = [];
    const prompt = createPrompt(stream, (text) => {
      written.push(`${text}|raw=${modes[modes.length - 1] ?? false}`);
    });
    const answer = prompt.ask('Secret: ', { secret: true });
    stream.write('s3x\u007fcr3t\r');
    expect(await answer).toBe('s3cr3t');
    expect(modes).toEqual([true, false]);
    expect(written).toEqual(['Secret: |raw=true', '\n|raw=false']);
    prompt.close();
  });

  it('Ctrl-C while typing the secret cancels; Ctrl-D on nothing is the end of input', async () => {
    const first = terminal();
    const cancelled = createPrompt(first.stream, () => undefined).ask('Secret: ', { secret: true });
    first.stream.write('abc\u0003');
    await expect(cancelled).rejects.toBeInstanceOf(PromptCancelled);
    expect(first.modes).toEqual([true, false]);

    const second = terminal();
    const ended = createPrompt(second.stream, () => undefined).ask('Secret: ', { secret: true });
    second.stream.write('\u0004');
    expect(await ended).toBeUndefined();
  });

  it('from a pipe: one line per answer, CRLF too, then the end', async () => {
    const stream = new PassThrough();
    const prompt = createPrompt(stream, () => undefined);
    stream.end('first\r\nsecond\nlast');
    expect(await prompt.ask('a', { secret: true })).toBe('first');
    expect(await prompt.ask('b')).toBe('second');
    expect(await prompt.ask('c')).toBe('last');
    expect(await prompt.ask('d')).toBeUndefined();
    prompt.close();
  });
});
