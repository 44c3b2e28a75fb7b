/**
 * The manifest this server serves: the repository's manifest.xml with the server's public URL in place of the
 * placeholder, this deployment's `<Id>`, and the add-in named after its Kiva environment, so a partner who runs a
 * stage server and a production one sees "Kiva Sheets (test)" beside "Kiva Sheets" in Excel, not two twins.
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';

/** The placeholder in the repository's manifest.xml. */
export const MANIFEST_PLACEHOLDER = 'https://localhost:3000';

const OFFICE_NS = 'http://schemas.microsoft.com/office/appforoffice/1.1';

/** `production` when the server can send to Kiva production; otherwise its add-in is a test one. */
export type DeploymentKind = 'production' | 'test';

export interface ManifestIdentity {
  publicUrl: string;
  addinId: string;
  kind: DeploymentKind;
}

/** The word after the name of a test deployment, by the language of the manifest's locale (en for any other). */
const TEST_WORD: Readonly<Record<string, string>> = { en: 'test', es: 'prueba', fr: 'test' };

/** Environments without credentials are listed in the config but not usable: they do not count. */
export function deploymentKind(environments: readonly { name: string; credentials?: unknown }[]): DeploymentKind {
  const production = environments.some((e) => e.name === 'production' && e.credentials !== undefined);
  return production ? 'production' : 'test';
}

export function displayName(base: string, kind: DeploymentKind, locale: string): string {
  if (kind === 'production') return base;
  const word = TEST_WORD[locale.toLowerCase().split('-')[0] ?? ''] ?? TEST_WORD.en;
  return `${base} (${word})`;
}

/** Throws when the template is not a manifest (the repository's file is validated by `npm run validate`). */
export function renderManifest(template: string, identity: ManifestIdentity): string {
  const errors: string[] = [];
  const document = parse(template.split(MANIFEST_PLACEHOLDER).join(identity.publicUrl), errors);
  const root = document?.documentElement ?? null;
  if (errors.length > 0 || root === null || root.namespaceURI !== OFFICE_NS || root.localName !== 'OfficeApp') {
    throw new Error(`manifest.xml is not an Office add-in manifest${errors.length > 0 ? `: ${errors[0]}` : ''}`);
  }
  const id = child(root, 'Id');
  if (id === undefined) throw new Error('manifest.xml has no <Id>');
  id.textContent = identity.addinId;
  const name = child(root, 'DisplayName');
  if (name !== undefined) {
    const defaultLocale = child(root, 'DefaultLocale')?.textContent?.trim() ?? 'en-US';
    name.setAttribute(
      'DefaultValue',
      displayName(name.getAttribute('DefaultValue') ?? '', identity.kind, defaultLocale),
    );
    for (const override of children(name, 'Override')) {
      const locale = override.getAttribute('Locale') ?? '';
      override.setAttribute('Value', displayName(override.getAttribute('Value') ?? '', identity.kind, locale));
    }
  }
  return new XMLSerializer().serializeToString(document as Document);
}

/** xmldom reports warnings and errors to `onError` and throws on fatal ones: all three end up in `errors`. */
function parse(xml: string, errors: string[]): Document | undefined {
  try {
    return new DOMParser({ onError: (level, message) => void errors.push(`${level}: ${message}`) }).parseFromString(
      xml,
      'text/xml',
    );
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

function children(parent: Element, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE) {
      const element = node as Element;
      if (element.namespaceURI === OFFICE_NS && element.localName === localName) found.push(element);
    }
  }
  return found;
}

function child(parent: Element, localName: string): Element | undefined {
  return children(parent, localName)[0];
}
