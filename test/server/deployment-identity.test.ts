/**
 * Per-deployment identity (issue #16): the served manifest's <Id> is made once per data folder and kept there, the
 * add-in is named after its Kiva environment, and the manifest the real server serves passes `npm run validate`'s
 * checks (dev/manifest) unchanged.
 */
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { regionalLocales, type BaseLocale } from '../../dev/manifest/locales';
import { validateManifest } from '../../dev/manifest/validate';
import { ASSETS_DIR, MANIFEST_FILE, packageVersion, registeredCommands } from '../../dev/manifest/project';
import { DEPLOYMENT_FILE } from '../../src/server/identity/deployment-id';
import { renderManifest } from '../../src/server/identity/manifest';
import { startHarness, type Harness } from './harness';

const byRegion = (names: Record<BaseLocale, string>): Record<string, string> =>
  Object.fromEntries(regionalLocales().map(([locale, base]) => [locale, names[base]]));

const PUBLIC_URL = 'https://kiva-sheets.example.org';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const repoManifest = readFileSync(MANIFEST_FILE, 'utf8');
const OFFICE_NS = 'http://schemas.microsoft.com/office/appforoffice/1.1';

interface Identity {
  id: string;
  names: Record<string, string | null>;
}

/** The <Id> and the DisplayName per locale ('default' for DefaultValue), read with a real XML parser. */
function identityOf(xml: string): Identity {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement as Element;
  const first = (name: string) => root.getElementsByTagNameNS(OFFICE_NS, name)[0] as Element;
  const displayName = first('DisplayName');
  const names: Record<string, string | null> = { default: displayName.getAttribute('DefaultValue') };
  for (const override of Array.from(displayName.getElementsByTagNameNS(OFFICE_NS, 'Override'))) {
    names[override.getAttribute('Locale') ?? '?'] = override.getAttribute('Value');
  }
  return { id: first('Id').textContent ?? '', names };
}

async function manifestOf(h: Harness): Promise<string> {
  const answer = await h.api('/manifest.xml', { headers: { host: new URL(PUBLIC_URL).host } });
  expect(answer.status).toBe(200);
  return answer.text;
}

const stageOnly = { KIVA_SHEETS_ENVIRONMENTS: 'stage', KIVA_SHEETS_PUBLIC_URL: PUBLIC_URL };

describe('a stage-only server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: stageOnly });
  });
  afterAll(async () => h.close());

  it('serves a manifest that passes every check of npm run validate', async () => {
    const { findings } = validateManifest(await manifestOf(h), {
      origin: PUBLIC_URL,
      assetsDir: ASSETS_DIR,
      registeredCommands: registeredCommands(),
      packageVersion: packageVersion(),
    });
    expect(findings.map((f) => `[${f.rule}] ${f.element}: ${f.message}`).join('\n')).toBe('');
  });

  it('has an id of its own, kept in the data folder beside the audit log, private to the server', async () => {
    const served = identityOf(await manifestOf(h));
    expect(served.id).toMatch(GUID);
    expect(served.id).not.toBe(identityOf(repoManifest).id);
    expect(served.id).toBe(h.server.addinId);
    const file = join(h.dir, DEPLOYMENT_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ addinId: served.id });
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(h.logs.join('\n')).toContain(served.id);
  });

  it('is named a test add-in, in every locale of the manifest', async () => {
    expect(identityOf(await manifestOf(h)).names).toEqual({
      default: 'Kiva Sheets (test)',
      'es-ES': 'Kiva Sheets (prueba)',
      'fr-FR': 'Kiva Sheets (test)',
      // Each regional locale (dev/manifest/locales.ts) says what its base says.
      ...byRegion({ 'es-ES': 'Kiva Sheets (prueba)', 'fr-FR': 'Kiva Sheets (test)' }),
    });
  });

  it('keeps its id across a restart on the same folder', async () => {
    const before = identityOf(await manifestOf(h)).id;
    await h.stopServer();
    h = await startHarness({ settings: stageOnly, reuse: h });
    expect(identityOf(await manifestOf(h)).id).toBe(before);
  });
});

describe('a server that can send to production', () => {
  it('is named plainly "Kiva Sheets" and has another id than a server on another folder', async () => {
    const production = await startHarness({
      settings: { KIVA_SHEETS_ENVIRONMENTS: 'stage,production', KIVA_SHEETS_PUBLIC_URL: PUBLIC_URL },
    });
    const stage = await startHarness({ settings: stageOnly });
    try {
      const ours = identityOf(await manifestOf(production));
      expect(ours.names).toEqual({
        default: 'Kiva Sheets',
        'es-ES': 'Kiva Sheets',
        'fr-FR': 'Kiva Sheets',
        ...byRegion({ 'es-ES': 'Kiva Sheets', 'fr-FR': 'Kiva Sheets' }),
      });
      expect(ours.id).toMatch(GUID);
      expect(ours.id).not.toBe(identityOf(await manifestOf(stage)).id);
    } finally {
      await production.close();
      await stage.close();
    }
  });
});

describe('a damaged identity file', () => {
  it('stops the start with a message naming the file, and is left as it was', async () => {
    const h = await startHarness({ settings: stageOnly });
    const file = join(h.dir, DEPLOYMENT_FILE);
    await h.stopServer();
    writeFileSync(file, '{"addinId": "not-a-guid"}');
    await expect(startHarness({ settings: stageOnly, reuse: h })).rejects.toThrow(
      new RegExp(`${DEPLOYMENT_FILE} holds no valid add-in id`),
    );
    expect(readFileSync(file, 'utf8')).toBe('{"addinId": "not-a-guid"}');
    await h.emulator.close();
  });
});

describe('renderManifest', () => {
  it('changes nothing else: a production rendering with the same id is the placeholder swap, serialised', () => {
    const { id } = identityOf(repoManifest);
    const rendered = renderManifest(repoManifest, { publicUrl: PUBLIC_URL, addinId: id, kind: 'production' });
    const swapped = repoManifest.split('https://localhost:3000').join(PUBLIC_URL);
    expect(rendered).toBe(new XMLSerializer().serializeToString(new DOMParser().parseFromString(swapped, 'text/xml')));
  });

  it('refuses a file that is not an add-in manifest', () => {
    const identity = { publicUrl: PUBLIC_URL, addinId: '00000000-0000-4000-8000-000000000000', kind: 'test' as const };
    expect(() => renderManifest('<html><body/></html>', identity)).toThrow(/not an Office add-in manifest/);
    expect(() => renderManifest('<OfficeApp xmlns="x">', identity)).toThrow(/not an Office add-in manifest/);
  });
});
