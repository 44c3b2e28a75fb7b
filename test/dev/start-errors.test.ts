/**
 * `npm start` on a taken port (issue #15): the real dev/start.ts, run as `npm start` runs it (tsx), with the port held
 * by a listener of this test, says which port, why and what to do, and exits 1 — never only `listen EADDRINUSE`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainStartError } from '../../dev/start-errors';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no port'));
      else resolve({ server, port: address.port });
    });
  });
}

describe('npm start on a taken port', () => {
  it('names the port, the likely cause and the variable to change; exit code 1', async () => {
    const { server, port } = await listen();
    const dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-start-'));
    try {
      const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'dev/start.ts'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          PORT: String(port),
          KIVA_EMULATOR_PORT: '0',
          KIVA_SHEETS_DB: join(dir, 'demo.sqlite'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} is already in use, so the Kiva Sheets server cannot start there.`);
      expect(stderr).toContain(`PORT=${port + 1} npm start`);
      expect(stderr).not.toMatch(/^listen EADDRINUSE/m);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells the emulator’s port from the server’s', () => {
    const error = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:4010'), {
      code: 'EADDRINUSE',
      port: 4010,
    });
    expect(explainStartError(error, { server: 3000, emulator: 4010 })).toBe(
      [
        'Port 4010 is already in use, so the Kiva emulator cannot start there.',
        'Another `npm start` (or another program) may be running: stop it with Ctrl+C in its terminal,',
        'or start on a free port: KIVA_EMULATOR_PORT=4011 npm start',
      ].join('\n'),
    );
    expect(explainStartError(new Error('boom'), { server: 3000, emulator: 4010 })).toBe('boom');
  });
});
