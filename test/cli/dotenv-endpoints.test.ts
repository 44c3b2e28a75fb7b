/**
 * A `.env` that came with a workbook cannot send the client secret elsewhere: real CLI processes in a "received"
 * folder whose `.env` points KIVA_TOKEN_URL (or the API) at another host, which listens here and counts who connects.
 */
import { chmodSync, chownSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../dev/kiva-emulator';
import { emulatorEnv, runCli, tempDir } from './harness';

/** Another host: 127.0.0.2 is on the loopback interface (Linux) but is not one of the names the CLI trusts. */
const FOREIGN_HOST = '127.0.0.2';
const SECRET = DEMO_CREDENTIALS.clientSecret;

let emulator: Emulator;
let foreign: Server;
let foreignUrl: string;
const connections: Socket[] = [];
let received = '';

beforeAll(async () => {
  emulator = await startEmulator({ loanCount: 3 });
  foreign = createServer((socket) => {
    connections.push(socket);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}');
  });
  await new Promise<void>((resolve) => foreign.listen(0, FOREIGN_HOST, resolve));
  foreignUrl = `http://${FOREIGN_HOST}:${(foreign.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => foreign.close(() => resolve()));
  await emulator.close();
});
beforeEach(() => {
  connections.length = 0;
  received = '';
  emulator.reset();
});

/** The folder a partner unpacked: the workbook and the `.env` that came with it. */
function receivedFolder(dotenv: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'repayments.csv'), 'loan_id,amount\nL-1,25\n');
  writeFileSync(join(dir, '.env'), dotenv);
  return dir;
}

/** The user's own settings, from their shell: credentials, and nothing that says where Kiva is. */
const ownCredentials = { KIVA_CLIENT_ID: DEMO_CREDENTIALS.clientId, KIVA_CLIENT_SECRET: SECRET, KIVA_ENV: 'stage' };

it.each([
  ['KIVA_TOKEN_URL', () => `${foreignUrl}/oauth/token`],
  ['KIVA_API_URL', () => foreignUrl],
  ['KIVA_AUDIENCE', () => `${foreignUrl}/audience`],
])('a .env in the folder setting %s to another host: refused, nothing sent anywhere', async (name, url) => {
  const dir = receivedFolder(`${name}=${url()}\n`);
  const run = await runCli(['send', 'repayments.csv'], { cwd: dir, env: ownCredentials });
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(
    `kiva-sheets: ${name} in ${join(dir, '.env')} points at ${FOREIGN_HOST}:${new URL(foreignUrl).port}, which is ` +
      'neither Kiva nor this computer. A .env file cannot send your Kiva credentials to another host; nothing was ' +
      `sent. If you mean it, set ${name} in the environment instead.\n`,
  );
  expect(connections).toHaveLength(0);
  expect(received).not.toContain(SECRET);
  expect(emulator.received).toEqual([]);
});

it('refuses even when the .env carries the credentials too, in the language it sets (es, fr)', async () => {
  for (const [lang, words] of [
    ['es', 'que no es Kiva ni este equipo. Un archivo .env no puede enviar sus credenciales de Kiva a otro servidor'],
    [
      'fr',
      'qui n’est ni Kiva ni cet ordinateur. Un fichier .env ne peut pas envoyer vos identifiants Kiva à un autre hôte\u202f;',
    ],
  ] as const) {
    const dir = receivedFolder(
      `KIVA_LANG=${lang}\nKIVA_CLIENT_ID=${DEMO_CREDENTIALS.clientId}\nKIVA_CLIENT_SECRET=${SECRET}\n` +
        `KIVA_TOKEN_URL=${foreignUrl}/oauth/token\n`,
    );
    const run = await runCli(['send', 'repayments.csv', '--json'], { cwd: dir, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(words);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  }
  expect(connections).toHaveLength(0);
});

it('a host spelled to look like Kiva, or Kiva over plain HTTP, is another host', async () => {
  for (const url of [
    'https://auth.staging.kiva.org.example.net/oauth/token',
    'http://auth.staging.kiva.org/oauth/token',
  ]) {
    const dir = receivedFolder(`KIVA_TOKEN_URL=${url}\n`);
    const run = await runCli(['doctor'], { cwd: dir, env: ownCredentials });
    expect([url, run.code]).toEqual([url, 2]);
    expect(run.stderr).toContain('which is neither Kiva nor this computer');
  }
});

it('the user’s own environment still decides: KIVA_TOKEN_URL set in the shell wins over the .env', async () => {
  const dir = receivedFolder(`KIVA_TOKEN_URL=${foreignUrl}/oauth/token\nKIVA_API_URL=${foreignUrl}\n`);
  const run = await runCli(['doctor'], { cwd: dir, env: emulatorEnv(emulator) });
  expect(run.code).toBe(0);
  expect(connections).toHaveLength(0);
  expect(emulator.received.map((request) => request.path)).toContain('/oauth/token');
});

it('a .env of the user’s own pointing at this computer (the emulator) is used, and the CLI says which file set it', async () => {
  const dir = receivedFolder(
    `KIVA_TOKEN_URL=${emulator.tokenUrl}\nKIVA_API_URL=${emulator.apiBase}\nKIVA_AUDIENCE=${emulator.audience}\n`,
  );
  const run = await runCli(['doctor'], { cwd: dir, env: ownCredentials });
  expect(run.code).toBe(0);
  expect(run.stderr).toContain(`kiva-sheets: KIVA_TOKEN_URL = ${emulator.tokenUrl} (from ${join(dir, '.env')})\n`);
  expect(run.stderr).toContain(`kiva-sheets: KIVA_API_URL = ${emulator.apiBase} (from ${join(dir, '.env')})\n`);
  expect(emulator.received.map((request) => request.path)).toContain('/oauth/token');
});

const asRoot = process.getuid?.() === 0;
(asRoot ? it : it.skip)(
  'a .env owned by another account sets no endpoint (needs root to chown; skipped otherwise)',
  async () => {
    const dir = receivedFolder(`KIVA_TOKEN_URL=${emulator.tokenUrl}\n`);
    chownSync(join(dir, '.env'), 65534, 65534);
    chmodSync(join(dir, '.env'), 0o644);
    const run = await runCli(['doctor'], { cwd: dir, env: ownCredentials });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `kiva-sheets: ${join(dir, '.env')} belongs to another user, so its KIVA_TOKEN_URL is not used and nothing was ` +
        'sent. Set KIVA_TOKEN_URL in the environment, or use a .env file of your own.\n',
    );
    expect(emulator.received).toEqual([]);
  },
);
