/**
 * The manifest validator (dev/manifest, `npm run validate`): the real manifest passes, as committed and as the
 * server serves it; each rule catches the defect it exists for, in a mutated copy.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pngSize, RIBBON_FUNCTIONS } from '../../dev/manifest/checks';
import { regionalLocales } from '../../dev/manifest/locales';
import { withRegionalOverrides } from '../../dev/manifest/write-locales';
import { convertManifest, validateConverted } from '../../dev/manifest/convert';
import { Findings, type Finding, type RuleId } from '../../dev/manifest/findings';
import {
  ASSETS_DIR,
  checkCommandPage,
  MANIFEST_FILE,
  MANIFEST_PLACEHOLDER,
  packageVersion,
  registeredCommands,
  servedManifest,
} from '../../dev/manifest/project';
import { validateManifest, type CheckOptions } from '../../dev/manifest/validate';

const manifest = readFileSync(MANIFEST_FILE, 'utf8');
const options: CheckOptions = {
  origin: MANIFEST_PLACEHOLDER,
  assetsDir: ASSETS_DIR,
  registeredCommands: registeredCommands(),
  packageVersion: packageVersion(),
};

function findings(xml: string, overrides: Partial<CheckOptions> = {}): Finding[] {
  return validateManifest(xml, { ...options, ...overrides }).findings;
}

/** The manifest with `from` replaced by `to`; fails when `from` is not there (a mutation must mutate). */
function mutate(from: string | RegExp, to: string, xml = manifest): string {
  const changed = xml.replace(from, to);
  if (changed === xml) throw new Error(`mutation found nothing to replace: ${String(from)}`);
  return changed;
}

const show = (list: readonly Finding[]) => list.map((f) => `[${f.rule}] ${f.element}: ${f.message}`).join('\n');

describe('the real manifest', () => {
  it('passes every check, converts, and is valid against the unified manifest schema 1.24', () => {
    const result = validateManifest(manifest, options);
    expect(show(result.findings)).toBe('');
    const converted = result.converted;
    expect(converted?.manifest).toMatchObject({
      manifestVersion: '1.24',
      $schema: expect.stringContaining('/v1.24/'),
      id: '6d1f3a52-7c1e-4b8e-9a4f-2f6b8c0d9e17',
    });
    expect(Object.keys(converted?.locales ?? {}).sort()).toEqual(
      ['es-ES', 'fr-FR', ...regionalLocales().map(([locale]) => locale)].map((l) => l.toLowerCase()).sort(),
    );
    // The Latin American and African locales Office reports, each matched exactly (dev/manifest/locales.ts).
    for (const locale of ['es-mx', 'es-pe', 'es-419', 'fr-sn', 'fr-ci', 'fr-cd']) {
      expect(converted?.locales?.[locale]).toEqual(converted?.locales?.[locale.startsWith('es') ? 'es-es' : 'fr-fr']);
    }
  });

  it('is checked against the functions src/commands registers', () => {
    expect([...options.registeredCommands].sort()).toEqual([...RIBBON_FUNCTIONS].sort());
    const project = new Findings();
    checkCommandPage(project);
    expect(project.list).toEqual([]);
  });

  it('passes as the server serves it, with a public URL in place of the placeholder', async () => {
    for (const url of ['https://kiva-sheets.partner.org', 'https://localhost:8443']) {
      const served = await servedManifest(url);
      expect(served).not.toContain(MANIFEST_PLACEHOLDER);
      expect(show(findings(served, { origin: url }))).toBe('');
      // The same copy, checked against another origin, is refused.
      expect(findings(served).some((f) => f.rule === 'url.origin')).toBe(true);
    }
  });

  it('refuses the copy served under a plain-http public URL (Office loads add-ins over HTTPS only)', async () => {
    const url = 'http://127.0.0.1:3000';
    const list = findings(await servedManifest(url), { origin: url });
    expect(list.filter((f) => f.rule === 'url.https').length).toBeGreaterThan(5);
  });
});

interface Defect {
  name: string;
  xml: () => string;
  options?: Partial<CheckOptions>;
  rule: RuleId;
  /** Text the finding's element or message must contain (the element it names). */
  names: string;
}

const validateButton = /<Control xsi:type="Button" id="KivaSheets.Validate">[\s\S]*?<\/Control>/;

const defects: Defect[] = [
  {
    name: 'an unclosed element',
    xml: () => mutate('<ProviderName>Kiva Sheets</ProviderName>', '<ProviderName>Kiva Sheets'),
    rule: 'xml.well-formed',
    names: 'ProviderName',
  },
  {
    name: 'a bare ampersand (xmldom alone would accept it)',
    xml: () => mutate('<ProviderName>Kiva Sheets<', '<ProviderName>Kiva & Sheets<'),
    rule: 'xml.well-formed',
    names: '&',
  },
  {
    name: 'an unbound prefix',
    xml: () => mutate('<Permissions>', '<x:Permissions>'),
    rule: 'xml.well-formed',
    names: 'prefix',
  },
  {
    name: 'the basic-types namespace misspelt',
    xml: () => mutate('officeappbasictypes/1.0"', 'officeappbasictypes/1.1"'),
    rule: 'xml.namespace',
    names: 'bt:Image',
  },
  {
    name: 'VersionOverrides children outside its namespace',
    xml: () => mutate('<Resources>', '<Resources xmlns="http://schemas.microsoft.com/office/appforoffice/1.1">'),
    rule: 'xml.namespace',
    names: '<Resources>',
  },
  {
    name: 'Version before Id',
    xml: () => mutate(/(<Id>.*<\/Id>)\s*(<Version>.*<\/Version>)/, '$2\n  $1'),
    rule: 'xml.structure',
    names: '<Id>',
  },
  {
    name: 'an element the validator does not know',
    xml: () => mutate('<OfficeTab id="TabHome">', '<CustomTab id="Kiva"/><OfficeTab id="TabHome">'),
    rule: 'xml.structure',
    names: 'CustomTab',
  },
  {
    name: 'a control without its Supertip',
    xml: () =>
      mutate(/(id="KivaSheets.Validate">\s*<Label resid="Validate.Label"\/>)\s*<Supertip>[\s\S]*?<\/Supertip>/, '$1'),
    rule: 'xml.structure',
    names: 'Supertip',
  },
  {
    name: 'a control of another xsi:type',
    xml: () =>
      mutate(
        '<Control xsi:type="Button" id="KivaSheets.Validate">',
        '<Control xsi:type="Menu" id="KivaSheets.Validate">',
      ),
    rule: 'xml.structure',
    names: 'KivaSheets.Validate',
  },
  {
    name: 'an Id that is not a GUID',
    xml: () => mutate(/<Id>.*<\/Id>/, '<Id>kiva-sheets</Id>'),
    rule: 'id.guid',
    names: '<Id>',
  },
  {
    name: 'a Version of three numbers',
    xml: () => mutate('<Version>0.1.0.0</Version>', '<Version>0.1.0</Version>'),
    rule: 'version.format',
    names: '<Version>',
  },
  {
    name: 'a Version that is not package.json’s',
    xml: () => mutate('<Version>0.1.0.0</Version>', '<Version>0.2.0.0</Version>'),
    rule: 'version.package',
    names: 'package.json',
  },
  {
    name: 'a resid naming no resource',
    xml: () => mutate('<Label resid="Validate.Label"/>', '<Label resid="Validate.Lable"/>'),
    rule: 'resid.defined',
    names: 'Validate.Lable',
  },
  {
    name: 'a resid naming a resource of the wrong kind',
    xml: () => mutate('<Label resid="Validate.Label"/>', '<Label resid="Validate.Tip"/>'),
    rule: 'resid.defined',
    names: 'bt:LongStrings',
  },
  {
    name: 'a resource nobody uses',
    xml: () =>
      mutate('</bt:Urls>', '  <bt:Url id="Unused.Url" DefaultValue="https://localhost:3000/help"/>\n      </bt:Urls>'),
    rule: 'resource.unused',
    names: 'Unused.Url',
  },
  {
    name: 'two resources with one id',
    xml: () => mutate('<bt:Url id="Help.Url"', '<bt:Url id="Taskpane.Url"'),
    rule: 'resource.id',
    names: 'Taskpane.Url',
  },
  {
    name: 'a resource id over 32 characters',
    xml: () => mutate(/"Help\.Url"/g, '"Help.Url.For.People.Who.Read.Long.Ids"'),
    rule: 'resource.id',
    names: 'Help.Url.For.People.Who.Read.Long.Ids',
  },
  {
    name: 'a plain-http URL',
    xml: () =>
      mutate(
        'DefaultValue="https://localhost:3000/help"/>\n      </bt:Urls>',
        'DefaultValue="http://localhost:3000/help"/>\n      </bt:Urls>',
      ),
    rule: 'url.https',
    names: 'Help.Url',
  },
  {
    name: 'a URL on another origin',
    xml: () =>
      mutate(
        '<SupportUrl DefaultValue="https://localhost:3000/help"/>',
        '<SupportUrl DefaultValue="https://example.org/help"/>',
      ),
    rule: 'url.origin',
    names: 'SupportUrl',
  },
  {
    name: 'an AppDomain that is not the origin',
    xml: () =>
      mutate('<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>https://login.example.org</AppDomain>'),
    rule: 'url.origin',
    names: 'AppDomain',
  },
  {
    name: 'a page the server does not serve',
    xml: () =>
      mutate(
        '<bt:Url id="Help.Url" DefaultValue="https://localhost:3000/help"/>',
        '<bt:Url id="Help.Url" DefaultValue="https://localhost:3000/helpp"/>',
      ),
    rule: 'url.path',
    names: 'Help.Url',
  },
  {
    name: 'an icon missing from assets/',
    xml: () => mutate('assets/icon-16.png', 'assets/icon-17.png'),
    rule: 'icon.file',
    names: 'icon-17.png',
  },
  {
    name: 'an icon of the wrong pixel size',
    xml: () =>
      mutate(
        '<bt:Image id="Icon.16" DefaultValue="https://localhost:3000/assets/icon-16.png"/>',
        '<bt:Image id="Icon.16" DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
      ),
    rule: 'icon.size',
    names: 'Icon.16',
  },
  {
    name: 'an IconUrl that is not 32×32',
    xml: () =>
      mutate(
        '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
        '<IconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
      ),
    rule: 'icon.size',
    names: 'IconUrl',
  },
  {
    name: 'an Icon without its 80-pixel image',
    xml: () => mutate(/(<Group id="KivaSheets.Group">[\s\S]*?)\s*<bt:Image size="80" resid="Icon.80"\/>/, '$1'),
    rule: 'icon.sizes',
    names: '80',
  },
  {
    name: 'two controls with one id',
    xml: () => mutate('id="KivaSheets.SendPending"', 'id="KivaSheets.SendSelection"'),
    rule: 'control.id',
    names: 'KivaSheets.SendSelection',
  },
  {
    name: 'a FunctionName src/commands does not register',
    xml: () => mutate('<FunctionName>sendAllPending</FunctionName>', '<FunctionName>sendEverything</FunctionName>'),
    rule: 'command.function',
    names: 'sendEverything',
  },
  {
    name: 'a ribbon button src/commands no longer registers',
    xml: () => manifest,
    options: { registeredCommands: ['validateSheet', 'sendSelection'] },
    rule: 'command.function',
    names: 'sendAllPending',
  },
  {
    name: 'a ribbon button missing',
    xml: () => mutate(validateButton, ''),
    rule: 'command.function',
    names: 'validateSheet',
  },
  {
    name: 'a short-lived runtime',
    xml: () => mutate('lifetime="long"', 'lifetime="short"'),
    rule: 'runtime.shared',
    names: 'Runtime',
  },
  {
    name: 'a FunctionFile that is not the task pane page',
    xml: () => mutate('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Help.Url"/>'),
    rule: 'runtime.shared',
    names: 'FunctionFile',
  },
  {
    name: 'a default SourceLocation that is not the runtime’s page',
    xml: () =>
      mutate(
        '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
        '<SourceLocation DefaultValue="https://localhost:3000/help"/>',
      ),
    rule: 'runtime.shared',
    names: 'SourceLocation',
  },
  {
    name: 'ExcelApi 1.9',
    xml: () => mutate('<Set Name="ExcelApi" MinVersion="1.10"/>', '<Set Name="ExcelApi" MinVersion="1.9"/>'),
    rule: 'requirements.sets',
    names: 'ExcelApi',
  },
  {
    name: 'SharedRuntime missing',
    xml: () => mutate('<Set Name="SharedRuntime" MinVersion="1.1"/>', ''),
    rule: 'requirements.sets',
    names: 'SharedRuntime',
  },
  {
    name: 'SharedRuntime without MinVersion, so at the DefaultMinVersion 1.10',
    xml: () => mutate('<Set Name="SharedRuntime" MinVersion="1.1"/>', '<Set Name="SharedRuntime"/>'),
    rule: 'requirements.sets',
    names: 'SharedRuntime must be required at 1.1, not 1.10',
  },
  {
    name: 'a set required to install that should be feature-detected',
    xml: () =>
      mutate(
        '<Set Name="SharedRuntime" MinVersion="1.1"/>',
        '<Set Name="SharedRuntime" MinVersion="1.1"/><Set Name="ExcelApi" MinVersion="1.18"/>',
      ),
    rule: 'requirements.sets',
    names: 'ExcelApi',
  },
  {
    name: 'another host',
    xml: () => mutate('<Host Name="Workbook"/>', '<Host Name="Document"/>'),
    rule: 'hosts.workbook',
    names: 'Hosts',
  },
  {
    name: 'read-only permissions',
    xml: () => mutate('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadDocument</Permissions>'),
    rule: 'permissions',
    names: 'Permissions',
  },
  {
    name: 'a ShortString over 125 characters',
    xml: () => mutate('Value="Kiva Sheets est prêt"', `Value="${'Kiva Sheets est prêt. '.repeat(6)}"`),
    rule: 'string.length',
    names: 'fr-FR',
  },
  {
    name: 'a LongString over 250 characters',
    xml: () =>
      mutate(
        'DefaultValue="Check every row of this sheet and mark problems in the cells."',
        `DefaultValue="${'Check every row. '.repeat(15)}"`,
      ),
    rule: 'string.length',
    names: 'Validate.Tip',
  },
  {
    name: 'a button label over 32 characters',
    xml: () => mutate('Value="Envoyer la sélection à Kiva"', 'Value="Envoyer les lignes sélectionnées à Kiva"'),
    rule: 'label.length',
    names: 'fr-FR',
  },
  {
    name: 'a name over 30 characters (unified manifest name.short)',
    xml: () =>
      mutate(
        '<DisplayName DefaultValue="Kiva Sheets">',
        '<DisplayName DefaultValue="Kiva Sheets for microfinance partners">',
      ),
    rule: 'store.length',
    names: 'DisplayName',
  },
  {
    name: 'a description over 80 characters (unified manifest description.short)',
    xml: () =>
      mutate(
        'Value="Envoyez à Kiva brouillons de prêt, remboursements et mises à jour (journal)."',
        'Value="Envoyez brouillons de prêts, rapports de remboursements et journaux de votre classeur à Kiva."',
      ),
    rule: 'store.length',
    names: 'fr-FR',
  },
  {
    name: 'a string without its French override',
    xml: () => mutate('<bt:Override Locale="fr-FR" Value="Vérifier la feuille"/>', ''),
    rule: 'locale.override',
    names: 'Validate.Label',
  },
  {
    name: 'a Spanish ribbon label without its Peruvian override (Office would show es-PE the English one)',
    xml: () => mutate('<bt:Override Locale="es-PE" Value="Revisar hoja"/>', ''),
    rule: 'locale.regional',
    names: 'lacks an <Override> for es-PE',
  },
  {
    name: 'a Senegalese override that says something else than the French one',
    xml: () =>
      mutate(
        '<bt:Override Locale="fr-SN" Value="Vérifier la feuille"/>',
        '<bt:Override Locale="fr-SN" Value="Contrôler la feuille"/>',
      ),
    rule: 'locale.regional',
    names: 'says "Contrôler la feuille" where fr-FR says "Vérifier la feuille"',
  },
  {
    name: 'a DisplayName without its Spanish override',
    xml: () => mutate('<Override Locale="es-ES" Value="Kiva Sheets"/>', ''),
    rule: 'locale.override',
    names: 'DisplayName',
  },
  {
    name: 'a string the converter truncates (the unified manifest keeps 80 characters)',
    xml: () =>
      mutate(
        'Value="Envoyez à Kiva brouillons de prêt, remboursements et mises à jour (journal)."',
        'Value="Envoyez brouillons de prêts, rapports de remboursements et journaux de votre classeur à Kiva."',
      ),
    rule: 'converter.message',
    names: 'truncated to 80 characters',
  },
  {
    name: 'an ExecuteFunction without FunctionName (the converter refuses it too)',
    xml: () => mutate('<FunctionName>validateSheet</FunctionName>', ''),
    rule: 'converter.failed',
    names: 'FunctionName is necessary',
  },
];

describe('each rule catches its defect', () => {
  it.each(defects.map((d) => [d.name, d] as const))('%s', (_name, defect) => {
    const list = findings(defect.xml(), defect.options);
    const hits = list.filter((f) => f.rule === defect.rule);
    expect(hits.length).toBeGreaterThan(0);
    expect(show(hits)).toContain(defect.names);
  });
});

describe('npm run manifest:locales', () => {
  const regional = new RegExp(
    `^\\s*<(?:bt:)?Override Locale="(?:${regionalLocales()
      .map(([l]) => l)
      .join('|')})".*\\n`,
    'gm',
  );

  it('has written the committed manifest: running it again changes nothing', () => {
    expect(withRegionalOverrides(manifest)).toBe(manifest);
  });

  it('writes every regional override from its base and leaves every other byte as it was', () => {
    const bare = manifest.replace(regional, '');
    expect(bare.length).toBeLessThan(manifest.length / 3);
    expect(withRegionalOverrides(bare)).toBe(manifest);
  });

  it('carries a changed base text to its regions, entities as written', () => {
    const changed = mutate(
      '<bt:Override Locale="fr-FR" Value="Vérifier la feuille"/>',
      '<bt:Override Locale="fr-FR" Value="Vérifier la feuille&#xA0;!"/>',
    );
    const written = withRegionalOverrides(changed);
    expect(written).toContain('<bt:Override Locale="fr-CD" Value="Vérifier la feuille&#xA0;!"/>');
    expect(written).not.toContain('<bt:Override Locale="fr-CD" Value="Vérifier la feuille"/>');
    expect(show(findings(written).filter((f) => f.rule.startsWith('locale.')))).toBe('');
  });

  it('refuses an override that shares its line with something else', () => {
    const crowded = mutate(
      '<bt:Override Locale="es-ES" Value="Revisar hoja"/>',
      '<bt:Override Locale="es-ES" Value="Revisar hoja"/><!-- -->',
    );
    expect(() => withRegionalOverrides(crowded)).toThrow(/must stand alone on its line/);
  });
});

describe('the unified manifest schema (1.24), offline', () => {
  const converted = convertManifest(manifest);

  it('refuses a converted manifest that breaks the schema', () => {
    const broken = structuredClone(converted);
    broken.manifest['manifestVersion'] = '1.17';
    broken.manifest['accentColor'] = 'green';
    broken.manifest['unknownMember'] = true;
    const f = new Findings();
    validateConverted(broken, f);
    const text = show(f.list);
    expect(text).toContain('[schema.manifest] manifest.json/manifestVersion');
    expect(text).toContain('[schema.manifest] manifest.json/accentColor');
    expect(text).toContain('additionalProperty');
  });

  it('refuses a locale file that breaks the localization schema', () => {
    const broken = structuredClone(converted);
    const es = broken.locales['es-es'] ?? {};
    es['name.short'] = 'Un nombre demasiado largo para la cinta de Excel';
    es['no.such.key'] = 'x';
    const f = new Findings();
    validateConverted(broken, f);
    expect(show(f.list)).toMatch(/\[schema\.localization\] es-es\.json.*name\.short/);
    expect(show(f.list)).toContain('no.such.key');
  });
});

describe('the project around the manifest', () => {
  it('says when the FunctionFile page never registers the ribbon functions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiva-pane-'));
    try {
      writeFileSync(join(dir, 'index.tsx'), 'export const nothing = 1;\n');
      const f = new Findings();
      checkCommandPage(f, dir);
      expect(show(f.list)).toContain('[command.page]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads pixel sizes from the PNG header, and knows a PNG from anything else', () => {
    expect(pngSize(join(ASSETS_DIR, 'icon-80.png'))).toEqual({ width: 80, height: 80 });
    expect(pngSize(MANIFEST_FILE)).toBe('is not a PNG file');
  });
});
