/**
 * The real server in local mode, driven by another OS account of this computer: as `nobody` (setpriv, when this
 * test runs as root), fetch every page, collect every token-like string in them, and try each one every way /api
 * could take it. No /api call but the health check may succeed, and nothing may reach Kiva. The server's own
 * account still works (this process; the browser tests drive the pane the same way).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OTHER_USER_UNAVAILABLE, attackAsOtherUser, attackBodies } from './as-other-user';
import { startHarness, type Harness } from './harness';

const describeAsOtherUser = OTHER_USER_UNAVAILABLE === undefined ? describe : describe.skip;
if (OTHER_USER_UNAVAILABLE !== undefined) {
  // Said once, clearly, in the test output.
  console.warn(`other-user test skipped: ${OTHER_USER_UNAVAILABLE}`);
}

describeAsOtherUser('local mode, as another OS account of this computer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const dist = join(h.dir, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(
      join(dist, 'taskpane.html'),
      '<!doctype html><html><head><title>Pane</title><script src="/taskpane.js"></script></head><body><a href="/help">help</a></body></html>',
    );
    writeFileSync(join(dist, 'commands.html'), '<html><head></head><body>commands</body></html>');
    writeFileSync(join(dist, 'taskpane.js'), 'console.log("pane")');
  });
  afterAll(async () => h.close());

  it('gets pages but no /api answer from any token found in them, and nothing reaches Kiva', async () => {
    const { pages, api } = await attackAsOtherUser(h.server.listenUrl, attackBodies());
    expect(pages.filter((p) => p.status === 200).map((p) => p.path)).toEqual(
      expect.arrayContaining(['/taskpane.html', '/commands.html', '/help', '/manifest.xml', '/taskpane.js']),
    );
    expect(api.length).toBeGreaterThan(7);
    expect(api.filter((r) => r.status < 400)).toEqual([]);
    expect(new Set(api.map((r) => r.code))).toEqual(new Set(['auth.other-user']));
    expect(h.emulator.received.filter((r) => !r.path.startsWith('/oauth/'))).toEqual([]);

    // The server's own account, meanwhile, is served: the same calls with the same bodies go through.
    expect((await h.api('/api/session')).status).toBe(200);
    expect((await h.api('/api/loans?env=stage')).status).toBe(200);
    for (const [path, body] of Object.entries(attackBodies()))
      expect([path, (await h.api(path, { body })).status]).toEqual([path, 200]);
  });
});

describeAsOtherUser('local mode with pairing, as another OS account while a pane is paired', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: { KIVA_SHEETS_LOCAL_AUTH: 'pairing' } });
  });
  afterAll(async () => h.close());

  it('neither pairs nor calls /api with any token found in a page, nothing reaches Kiva; the paired pane is served', async () => {
    const code = [...h.logs.join('\n').matchAll(/pairing code for a task pane: ([A-Z0-9]{4}-[A-Z0-9]{4})/g)].at(
      -1,
    )?.[1];
    const paired = await h.api('/api/pairing', { body: { code } });
    expect(paired.status).toBe(200);
    const { key } = paired.json<{ key: string }>();

    const { api } = await attackAsOtherUser(h.server.listenUrl, attackBodies());
    expect(api.length).toBeGreaterThan(7);
    expect(api.filter((r) => r.status < 400)).toEqual([]);
    // Refused as unpaired everywhere; pairing itself answers only "not the code".
    expect(new Set(api.map((r) => r.code))).toEqual(new Set(['auth.pairing-required', 'auth.pairing-code']));
    expect(h.emulator.received.filter((r) => !r.path.startsWith('/oauth/'))).toEqual([]);

    // The paired pane, meanwhile, is served.
    for (const [path, body] of Object.entries(attackBodies())) {
      expect([path, (await h.api(path, { body, key })).status]).toEqual([path, 200]);
    }
  });
});
