/**
 * The reverse-proxy recipes as the deployment guide prints them, checked by the proxies themselves: every Caddyfile
 * block of docs/deploy*.md and deploy/Caddyfile by `caddy validate`, every nginx block by `nginx -t` (inside a
 * minimal nginx.conf, with a certificate made here). Offline: neither asks for a certificate nor opens a port.
 * Debian's `caddy` and `nginx` (.ci/run installs them); without them these tests say so and are skipped.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Token, Tokens } from 'marked';
import { loadDevCerts } from '../../src/cli/commands/setup-platform';

const run = promisify(execFile);
jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const DOCS = ['deploy.md', 'deploy.es.md', 'deploy.fr.md'].map((name) => join(ROOT, 'docs', name));
const tool = (name: string) => ['/usr/bin', '/usr/sbin', '/usr/local/bin'].map((d) => join(d, name)).find(existsSync);
const CADDY = tool('caddy');
const NGINX = tool('nginx');

let dir: string;
let blocks: Tokens.Code[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-proxies-'));
  const { lexer } = (await import('marked')).marked;
  blocks = DOCS.flatMap((file) =>
    lexer(readFileSync(file, 'utf8')).filter((t: Token): t is Tokens.Code => t.type === 'code'),
  );
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const caddyBlocks = () => blocks.filter((b) => (b.lang ?? '') === '' && b.text.includes('reverse_proxy'));
const nginxBlocks = () => blocks.filter((b) => b.lang === 'nginx');

function reason(error: unknown): string {
  const e = error as { stderr?: string; stdout?: string; message?: string };
  return `${e.stderr ?? ''}${e.stdout ?? ''}` || (e.message ?? String(error));
}

it('finds the recipes in every language', () => {
  expect(caddyBlocks()).toHaveLength(2 * DOCS.length);
  expect(nginxBlocks()).toHaveLength(DOCS.length);
  if (CADDY === undefined || NGINX === undefined) {
    console.warn('caddy or nginx is not installed (apt-get install caddy nginx): the recipes are not validated');
  }
});

(CADDY ? it : it.skip)('every Caddyfile of the guide, and deploy/Caddyfile, is valid for caddy', async () => {
  const files = caddyBlocks().map((block, i) => {
    const file = join(dir, `Caddyfile.${i}`);
    writeFileSync(file, `${block.text}\n`);
    return file;
  });
  files.push(join(ROOT, 'deploy', 'Caddyfile'));
  for (const file of files) {
    const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
    const checked = await run(CADDY as string, ['validate', '--adapter', 'caddyfile', '--config', file], {
      env: { ...env, KIVA_SHEETS_DOMAIN: 'kiva-sheets.partner.org' },
    }).catch((error: unknown) => ({ stdout: `FAILED ${reason(error)}`, stderr: '' }));
    expect({ file, answer: `${checked.stdout}${checked.stderr}` }).toEqual({
      file,
      answer: expect.stringContaining('Valid configuration'),
    });
  }
});

(NGINX ? it : it.skip)('every nginx server block of the guide passes nginx -t', async () => {
  const certs = loadDevCerts();
  const cert = join(dir, 'fullchain.pem');
  const key = join(dir, 'privkey.pem');
  await certs.generateCertificates(join(dir, 'ca.pem'), cert, key, 1, ['kiva-sheets.partner.org']);
  for (const [i, block] of nginxBlocks().entries()) {
    const server = block.text
      .replace('/etc/letsencrypt/live/kiva-sheets.partner.org/fullchain.pem', cert)
      .replace('/etc/letsencrypt/live/kiva-sheets.partner.org/privkey.pem', key);
    expect(server).not.toContain('/etc/letsencrypt');
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir};`).join(' ');
    const conf = join(dir, `nginx.${i}.conf`);
    writeFileSync(conf, `pid ${dir}/nginx.pid;\nevents {}\nhttp {\n${temp}\n${server}\n}\n`);
    const checked = await run(NGINX as string, ['-t', '-p', dir, '-e', join(dir, 'error.log'), '-c', conf]).catch(
      (error: unknown) => ({ stdout: '', stderr: `FAILED ${reason(error)}` }),
    );
    expect({ block: i, answer: checked.stderr }).toEqual({
      block: i,
      answer: expect.stringContaining('test is successful'),
    });
  }
});
