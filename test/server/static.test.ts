import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from './harness';

const PLACEHOLDER = 'https://localhost:3000';
const repoManifest = readFileSync(join(__dirname, '..', '..', 'manifest.xml'), 'utf8');

describe('serving the add-in', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('serves manifest.xml with its own URL in place of the placeholder, everywhere', async () => {
    const answer = await h.api('/manifest.xml');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/xml/);
    expect(answer.text).not.toContain(PLACEHOLDER);
    const placeholders = repoManifest.split(PLACEHOLDER).length - 1;
    expect(placeholders).toBeGreaterThan(5);
    expect(answer.text.split(h.server.url).length - 1).toBe(placeholders);
    expect(answer.text).toContain(`<SourceLocation DefaultValue="${h.server.url}/taskpane.html"/>`);
  });

  it('says plainly that the pane is not built while dist/ is missing', async () => {
    const page = await h.api('/taskpane.html');
    expect(page.status).toBe(503);
    expect(page.text).toMatch(/task pane is not built yet/);
    const root = await h.api('/');
    expect([root.status, root.headers.location]).toEqual([302, '/taskpane.html']);
    expect((await h.api('/taskpane.js')).status).toBe(404);
  });

  it('serves dist/ once it is built, with the run token in every page', async () => {
    const dist = h.config.paths.dist;
    mkdirSync(join(dist, 'chunks'), { recursive: true });
    writeFileSync(
      join(dist, 'taskpane.html'),
      '<!doctype html><html><head><title>Pane</title></head><body></body></html>',
    );
    writeFileSync(join(dist, 'commands.html'), '<html><body>commands</body></html>');
    writeFileSync(join(dist, 'chunks', 'taskpane.js'), 'console.log("pane")');
    writeFileSync(join(dist, '.env'), 'SECRET=1');

    const page = await h.api('/taskpane.html');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    // Local mode: nothing is added to the page (no key, no token: pages are answered to anyone who connects).
    expect(page.text).toBe('<!doctype html><html><head><title>Pane</title></head><body></body></html>');
    expect((await h.api('/commands.html')).text).toBe('<html><body>commands</body></html>');
    const script = await h.api('/chunks/taskpane.js');
    expect([script.status, script.headers['content-type']]).toEqual([200, expect.stringMatching(/javascript/)]);
    for (const path of ['/.env', '/chunks/../.env', '/%2e%2e/package.json', '/..%2fpackage.json', '/nothing.html']) {
      expect([path, (await h.api(path)).status]).toEqual([path, 404]);
    }
  });

  it('serves assets/ and a help page', async () => {
    const icon = await h.api('/assets/icon-32.png');
    expect([icon.status, icon.headers['content-type']]).toEqual([200, 'image/png']);
    const help = await h.api('/help');
    expect([help.status, help.text]).toEqual([200, expect.stringContaining('Kiva Sheets')]);
  });

  it('sends nosniff and no-referrer everywhere', async () => {
    const answer = await h.api('/manifest.xml');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('a configured public URL', () => {
  it('goes into the manifest and is the origin /api accepts', async () => {
    const h = await startHarness({ settings: { KIVA_SHEETS_PUBLIC_URL: 'https://kiva-sheets.example.org/' } });
    try {
      expect(h.server.url).toBe('https://kiva-sheets.example.org');
      const manifest = await h.api('/manifest.xml', { headers: { host: 'kiva-sheets.example.org' } });
      expect(manifest.text).toContain('<AppDomain>https://kiva-sheets.example.org</AppDomain>');
      expect(manifest.text).not.toContain(PLACEHOLDER);
      const own = await h.api('/api/session', { headers: { origin: 'https://kiva-sheets.example.org' } });
      expect(own.status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe('hooks for dev tools', () => {
  it('mounts extra folders (pages get the run token) and routes', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiva-sheets-workbench-'));
    const h = await startHarness({
      deps: {
        hooks: {
          mounts: [{ prefix: '/workbench/', dir: folder }],
          routes: (app, helpers) => {
            app.get('/workbench-page', async (_request, reply) =>
              reply.type('text/html').send(helpers.injectPageMeta('<html><head></head></html>')),
            );
          },
        },
      },
    });
    try {
      writeFileSync(join(folder, 'index.html'), '<html><head></head><body>bench</body></html>');
      const root = await h.api('/workbench/');
      expect([root.status, root.headers.location]).toEqual([302, '/workbench/index.html']);
      expect((await h.api('/workbench/index.html')).text).toContain('bench');
      expect((await h.api('/workbench-page')).text).toBe('<html><head></head></html>');
    } finally {
      await h.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('hidden files and URLs that do not decode', () => {
  let h: Harness;
  let assets: string;
  beforeAll(async () => {
    // A served folder of the test's own, with real dotfiles in it: the refusal is proven against files that exist.
    assets = mkdtempSync(join(tmpdir(), 'kiva-sheets-assets-'));
    copyFileSync(join(__dirname, '..', '..', 'assets', 'icon-32.png'), join(assets, 'icon-32.png'));
    writeFileSync(join(assets, '.hidden'), 'HIDDEN-SECRET');
    mkdirSync(join(assets, '.git'));
    writeFileSync(join(assets, '.git', 'config'), 'HIDDEN-SECRET');
    mkdirSync(join(assets, 'icons'));
    writeFileSync(join(assets, 'icons', '.env'), 'HIDDEN-SECRET');
    writeFileSync(join(assets, 'icons', 'plain.txt'), 'visible');
    h = await startHarness({ paths: { assets } });
  });
  afterAll(async () => {
    await h.close();
    rmSync(assets, { recursive: true, force: true });
  });

  it('serves the visible files of the folder', async () => {
    expect((await h.api('/assets/icon-32.png')).status).toBe(200);
    const plain = await h.api('/assets/icons/plain.txt');
    expect([plain.status, plain.text]).toEqual([200, 'visible']);
  });

  it.each([
    '/assets/.hidden',
    '/assets/.git/config',
    '/assets/icons/.env',
    '/assets/%2ehidden',
    '/assets/icons/%2Eenv',
  ])('answers %s with 404 in our error shape, never the file', async (path) => {
    const answer = await h.api(path);
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json()).toEqual({ error: { code: 'request.not-found', message: 'not found' } });
    expect(answer.text).not.toContain('HIDDEN-SECRET');
  });

  it('answers a missing page or file in the same shape', async () => {
    for (const path of ['/nothing.js', '/assets/nothing.png']) {
      const answer = await h.api(path);
      expect([path, answer.status, answer.json()]).toEqual([
        path,
        404,
        { error: { code: 'request.not-found', message: 'not found' } },
      ]);
    }
  });

  it.each(['/%c0%ae', '/assets/%c0%ae%c0%ae/icon-32.png', '/%zz', '/api/loans%', '/assets/%E0%A4%A'])(
    'answers the undecodable URL %s in our error shape, not Fastify’s',
    async (path) => {
      const answer = await h.api(path);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.json()).toEqual({
        error: { code: 'request.bad-url', message: 'the URL is not valid (bad percent-encoding)' },
      });
      expect(answer.text).not.toMatch(/FST_|statusCode/);
    },
  );

  it('answers a request Node cannot parse in our error shape', async () => {
    const raw = await rawRequest(h.server.listenUrl, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body)).toEqual({
      error: { code: 'request.malformed', message: 'the request is not valid HTTP' },
    });
  });
});

/** Bytes as they are on the wire: node:http would not send a malformed request. */
function rawRequest(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('a request that arrives while the server stops', () => {
  it('is answered 503 server.stopping in our shape, after the request in flight finishes', async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let closingStarted!: () => void;
    const closing = new Promise<void>((resolve) => (closingStarted = resolve));
    const h = await startHarness({
      deps: {
        hooks: {
          routes: (app) => {
            // Runs after the server's own preClose hook (registered first), which turns new requests away.
            app.addHook('preClose', async () => closingStarted());
            app.get('/slow-page', async (_request, reply) => {
              entered();
              await released;
              return reply.type('text/plain').send('finished');
            });
          },
        },
      },
    });
    const { hostname, port } = new URL(h.server.listenUrl);
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    try {
      socket.write(`GET /slow-page HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
      await inside;
      const stopping = h.close();
      // The connection is busy, so closing keeps it; a request pipelined on it now meets a stopping server.
      await closing;
      socket.write(`GET /api/health HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
      await new Promise((resolve) => setImmediate(resolve));
      release();
      await closed;
      await stopping;
    } finally {
      release();
      socket.destroy();
    }
    const wire = Buffer.concat(chunks).toString('utf8');
    expect(wire).toMatch(/^HTTP\/1\.1 200 /);
    expect(wire).toContain('finished');
    const second = wire.slice(wire.indexOf('HTTP/1.1', 10));
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    expect(JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'server.stopping', message: 'the server is stopping' },
    });
  });
});
