/** The command line's own logic in-process: arguments, configuration, `.env`, photo files. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine } from '../../src/cli/args';
import { mergeEnv, readConfig } from '../../src/cli/config';
import { parseDotenv } from '../../src/cli/dotenv';
import { loadPhotoFiles, MAX_PHOTO_BYTES } from '../../src/cli/files/photos';
import { main } from '../../src/cli/main';
import { tempDir, writeWorkbook } from './harness';

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
  return { code, stdout, stderr };
}

describe('arguments', () => {
  it('takes each command with its own options only', () => {
    expect(parseCommandLine(['send', 'a.xlsx', '--env', 'production', '--confirm-production', '--json'])).toEqual({
      kind: 'run',
      args: {
        command: 'send',
        file: 'a.xlsx',
        env: 'production',
        confirmProduction: true,
        resend: false,
        mark: false,
        json: true,
      },
    });
    expect(parseCommandLine(['validate', 'a.xlsx', '--resend'])).toEqual({
      kind: 'usage',
      problem: 'validate takes no --resend',
    });
    expect(parseCommandLine(['loans'])).toEqual({ kind: 'usage', problem: 'loans needs --out FILE' });
    expect(parseCommandLine(['send'])).toEqual({ kind: 'usage', problem: 'send takes one workbook file' });
    expect(parseCommandLine(['preview', 'a.csv', '--kind', 'schedule'])).toMatchObject({ kind: 'usage' });
    expect(parseCommandLine(['send', 'a.xlsx', '--bogus'])).toMatchObject({ kind: 'usage' });
  });

  it('prints usage and exits 2 on a usage error, 0 on --help', async () => {
    const wrong = await cli(['frobnicate']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown command “frobnicate”');
    expect(wrong.stderr).toContain('Usage: kiva-sheets');
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit status: 0 all done');
    // Every command is listed, setup too (it has its own parser, so a list of parseCommandLine's would miss it).
    for (const command of ['validate', 'preview', 'send', 'loans', 'lists', 'doctor', 'setup']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });
});

describe('configuration', () => {
  it('reads the environment, with .env values underneath', () => {
    const env = mergeEnv(
      { KIVA_ENV: 'production' },
      'KIVA_ENV=stage\nKIVA_CLIENT_ID=abc\nKIVA_CLIENT_SECRET="s3 cret"\n',
    );
    const { config } = readConfig(env, undefined);
    expect(config?.environment.name).toBe('production');
    expect(config?.environment.apiBase).toBe('https://partner-api.k1.kiva.org');
    expect(config?.credentials).toEqual({ clientId: 'abc', clientSecret: 's3 cret' });
    expect(readConfig(env, 'stage').config?.environment.tokenUrl).toBe('https://auth.staging.kiva.org/oauth/token');
  });

  it('overrides each address on its own', () => {
    const { config } = readConfig({ KIVA_API_URL: 'http://127.0.0.1:9/' }, undefined);
    expect(config?.environment).toEqual({
      name: 'stage',
      tokenUrl: 'https://auth.staging.kiva.org/oauth/token',
      audience: 'https://partner-api-stage.dk1.kiva.org',
      apiBase: 'http://127.0.0.1:9',
    });
  });

  it('names every wrong setting, in the chosen language, and exits 2', async () => {
    expect(
      readConfig({ KIVA_ENV: 'prod', KIVA_CSV_FORMAT: 'four', KIVA_TOKEN_URL: 'nope' }, undefined).problems,
    ).toEqual([
      'KIVA_ENV (or --env) must be stage or production, not “prod”.',
      'KIVA_CSV_FORMAT must be two-column or three-column, not “four”.',
      'KIVA_TOKEN_URL is not a valid http(s) URL: “nope”.',
    ]);
    const run = await cli(['validate', 'x.csv'], { KIVA_LANG: 'es', KIVA_ENV: 'prod' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('kiva-sheets: KIVA_ENV (o --env) debe ser stage o production, no «prod».\n');
  });

  it('needs credentials to send, and says where to put them', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.csv'), 'loan_id,amount\n1,2\n');
    writeFileSync(join(dir, '.env'), '# only the language\nKIVA_LANG=fr\n');
    const run = await cli(['send', join(dir, 'r.csv')], {}, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('KIVA_CLIENT_ID et KIVA_CLIENT_SECRET ne sont pas définis');
  });

  it('validates offline when no name must become an id', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'report.csv'), 'loan_id,client_id,amount\n1,,2\n');
    const run = await cli(['validate', join(dir, 'report.csv'), '--json'], { KIVA_CSV_FORMAT: 'three-column' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('report!B2  error  “client_id” is required.');
    expect(run.stdout.trim().split('\n').pop()).toBe(
      '{"errors":1,"warnings":0,"checked":1,"valid":0,"invalid":1,"skipped":0,"ledger":{"sent":0,"changed":0,"uncertain":0,"busy":0}}',
    );
  });

  it('says so, and exits 2, when no sheet is recognised', async () => {
    const dir = tempDir();
    await writeWorkbook(join(dir, 'notes.xlsx'), [{ name: 'Notes', rows: [['call Ana'], ['on Friday']] }]);
    const run = await cli(['validate', join(dir, 'notes.xlsx')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No sheet was recognised as loans, repayments or journals');
  });

  it('parses .env files the way dotenv tools do', () => {
    expect(
      parseDotenv(
        [
          '# comment',
          'export KIVA_ENV=stage',
          'KIVA_CLIENT_ID = abc # trailing comment',
          'KIVA_CLIENT_SECRET=\'a#b "c"\'',
          'KIVA_LANG="es"',
          'MULTI="one',
          'two"',
          'ESCAPED="a\\nb"',
          'not a line',
        ].join('\r\n'),
      ),
    ).toEqual({
      KIVA_ENV: 'stage',
      KIVA_CLIENT_ID: 'abc',
      KIVA_CLIENT_SECRET: 'a#b "c"',
      KIVA_LANG: 'es',
      MULTI: 'one\ntwo',
      ESCAPED: 'a\nb',
    });
  });
});

describe('photo files', () => {
  it('reads JPEG and PNG files from the workbook’s folder as data URIs, and nothing else', async () => {
    const dir = tempDir();
    const outside = tempDir();
    mkdirSync(join(dir, 'photos'));
    writeFileSync(join(dir, 'photos', 'ana.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]));
    writeFileSync(join(dir, 'luz.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]));
    writeFileSync(join(dir, 'notes.txt'), 'not a photo');
    writeFileSync(join(dir, 'huge.jpg'), Buffer.alloc(MAX_PHOTO_BYTES + 1, 0xff));
    writeFileSync(join(outside, 'secret.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
    symlinkSync(join(outside, 'secret.jpg'), join(dir, 'link.jpg'));
    const found = await loadPhotoFiles(dir, [
      'photos\\ana.jpg',
      'luz.png',
      'notes.txt',
      'huge.jpg',
      'missing.jpg',
      '../secret.jpg',
      join(outside, 'secret.jpg'),
      'link.jpg',
    ]);
    expect(Object.fromEntries(found)).toEqual({
      'photos\\ana.jpg': { dataUri: 'data:image/jpeg;base64,/9j/4AEC' },
      'luz.png': { dataUri: 'data:image/png;base64,iVBORw0KGgoA' },
      'notes.txt': { problem: 'not-image' },
      'huge.jpg': { problem: 'too-large' },
      'missing.jpg': { problem: 'not-found' },
      '../secret.jpg': { problem: 'outside-folder' },
      [join(outside, 'secret.jpg')]: { problem: 'outside-folder' },
      'link.jpg': { problem: 'outside-folder' },
    });
  });
});
