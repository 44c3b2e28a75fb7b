import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { startHarness } from './harness';

function getOverTls(
  url: string,
  ca: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, servername: 'localhost', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS with a certificate from configuration', () => {
  it('serves the manifest and /api over TLS, with https://localhost as its URL', async () => {
    const h = await startHarness();
    const dir = h.dir;
    await h.stopServer();
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const tls = await startHarness({ reuse: h, settings: { KIVA_SHEETS_TLS_CERT: cert, KIVA_SHEETS_TLS_KEY: key } });
    try {
      expect(tls.server.url).toMatch(/^https:\/\/localhost:\d+$/);
      const port = new URL(tls.server.url).port;
      const ca = readFileSync(cert, 'utf8');
      const manifest = await getOverTls(`https://127.0.0.1:${port}/manifest.xml`, ca, { host: `localhost:${port}` });
      expect(manifest.status).toBe(200);
      expect(manifest.text).toContain(`<SourceLocation DefaultValue="https://localhost:${port}/taskpane.html"/>`);
      const session = await getOverTls(`https://127.0.0.1:${port}/api/session`, ca, {
        host: `localhost:${port}`,
        origin: `https://localhost:${port}`,
      });
      expect(session.status).toBe(200);
    } finally {
      await tls.close();
    }
  });
});
