import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
