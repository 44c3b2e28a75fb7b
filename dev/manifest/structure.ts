/**
 * Which element may stand under which, in what order, in which namespace: the part of the XML schemas (XSD) that
 * this add-in uses. Microsoft ships the XSDs with no npm package, so this is a hand-written subset, taken from
 * "How to find the proper order of manifest elements" (learn.microsoft.com/office/dev/add-ins/develop/
 * manifest-element-ordering, task pane sections) and each element's reference page. An element the table does
 * not know is reported as unknown here, not silently accepted: extend the table (and docs/manifest.md) first.
 */
import type { Findings } from './findings';
import { describe, elementChildren, nameOf, NS, xsiType, type Element } from './xml';

interface Shape {
  /** Allowed children, in the order the schema's xs:sequence requires. */
  children: readonly string[];
  required?: readonly string[];
  /** Children that may occur more than once (in a row). */
  repeat?: readonly string[];
}

const LOCALE_AWARE: Shape = { children: ['Override'], repeat: ['Override'] };
const LEAF: Shape = { children: [] };

/** OfficeApp xsi:type="TaskPaneApp" and its descendants outside VersionOverrides (namespace appforoffice/1.1). */
const OUTSIDE: Record<string, Shape> = {
  OfficeApp: {
    children: [
      'Id',
      'AlternateId',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'AppDomains',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'VersionOverrides',
    ],
    required: [
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'DefaultSettings',
      'Permissions',
    ],
  },
  DisplayName: LOCALE_AWARE,
  Description: LOCALE_AWARE,
  IconUrl: LOCALE_AWARE,
  HighResolutionIconUrl: LOCALE_AWARE,
  SupportUrl: LOCALE_AWARE,
  AppDomains: { children: ['AppDomain'], repeat: ['AppDomain'] },
  Hosts: { children: ['Host'], repeat: ['Host'] },
  Requirements: { children: ['Sets'] },
  Sets: { children: ['Set'], repeat: ['Set'], required: ['Set'] },
  DefaultSettings: { children: ['SourceLocation'], required: ['SourceLocation'] },
  SourceLocation: LOCALE_AWARE,
};

/** VersionOverrides xsi:type="VersionOverridesV1_0" (namespace taskpaneappversionoverrides; resources in bt:). */
const INSIDE: Record<string, Shape> = {
  VersionOverrides: { children: ['Description', 'Requirements', 'Hosts', 'Resources'], required: ['Hosts'] },
  Requirements: { children: ['Sets'] },
  Sets: { children: ['Set'], repeat: ['Set'], required: ['Set'] },
  Hosts: { children: ['Host'], repeat: ['Host'], required: ['Host'] },
  Host: { children: ['Runtimes', 'DesktopFormFactor'] },
  Runtimes: { children: ['Runtime'], repeat: ['Runtime'], required: ['Runtime'] },
  DesktopFormFactor: {
    children: ['GetStarted', 'FunctionFile', 'ExtensionPoint'],
    repeat: ['ExtensionPoint'],
    required: ['FunctionFile'],
  },
  GetStarted: {
    children: ['Title', 'Description', 'LearnMoreUrl'],
    required: ['Title', 'Description', 'LearnMoreUrl'],
  },
  ExtensionPoint: { children: ['OfficeTab'] },
  OfficeTab: { children: ['Group'], repeat: ['Group'], required: ['Group'] },
  Group: {
    children: ['OverriddenByRibbonApi', 'Label', 'Icon', 'Control'],
    repeat: ['Control'],
    required: ['Label', 'Icon'],
  },
  Control: {
    children: ['OverriddenByRibbonApi', 'Label', 'Supertip', 'Icon', 'Action', 'Enabled'],
    required: ['Label', 'Supertip', 'Icon', 'Action'],
  },
  Supertip: { children: ['Title', 'Description'], required: ['Title', 'Description'] },
  Icon: { children: ['Image'], repeat: ['Image'], required: ['Image'] },
  Action: { children: ['TaskpaneId', 'SourceLocation', 'Title', 'FunctionName'] },
  Resources: { children: ['Images', 'Urls', 'ShortStrings', 'LongStrings'] },
  Images: { children: ['Image'], repeat: ['Image'] },
  Urls: { children: ['Url'], repeat: ['Url'] },
  ShortStrings: { children: ['String'], repeat: ['String'] },
  LongStrings: { children: ['String'], repeat: ['String'] },
  'Images/Image': LOCALE_AWARE,
  'Urls/Url': LOCALE_AWARE,
  'ShortStrings/String': LOCALE_AWARE,
  'LongStrings/String': LOCALE_AWARE,
};

/** Elements of the basic-types namespace (prefix bt) inside VersionOverrides. */
const BT = new Set(['Images', 'Urls', 'ShortStrings', 'LongStrings', 'Image', 'Url', 'String']);

/** xsi:type values this add-in's manifest may use, per element. */
const TYPES: Record<string, readonly string[]> = {
  OfficeApp: ['TaskPaneApp'],
  VersionOverrides: ['VersionOverridesV1_0'],
  'VersionOverrides/Host': ['Workbook'],
  ExtensionPoint: ['PrimaryCommandSurface'],
  Control: ['Button'],
  Action: ['ShowTaskpane', 'ExecuteFunction'],
};

function shapeOf(el: Element, inside: boolean): Shape {
  const table = inside ? INSIDE : OUTSIDE;
  const parent = el.parentNode as Element | null;
  const pair = parent === null ? undefined : table[`${nameOf(parent)}/${nameOf(el)}`];
  if (pair !== undefined) return pair;
  // Image under Icon, String/Url outside their lists, Override: leaves.
  if (nameOf(el) === 'Image' || nameOf(el) === 'String' || nameOf(el) === 'Url') return LEAF;
  return table[nameOf(el)] ?? LEAF;
}

function expectedNamespace(el: Element, inside: boolean): string {
  if (!inside) return NS.office;
  if (nameOf(el) === 'VersionOverrides') return NS.vo;
  if (BT.has(nameOf(el))) return NS.bt;
  if (nameOf(el) === 'Override') return NS.bt;
  return NS.vo;
}

export function checkStructure(root: Element, findings: Findings): void {
  if (nameOf(root) !== 'OfficeApp' || root.namespaceURI !== NS.office) {
    findings.add('xml.namespace', describe(root), `the root element must be <OfficeApp xmlns="${NS.office}">`);
    return;
  }
  // One finding per wrong namespace (a misspelt xmlns declaration would otherwise give one per element).
  const misplaced = new Map<string, { first: Element; count: number }>();
  visit(root, false, findings, misplaced);
  for (const [key, { first, count }] of misplaced) {
    const [expected, actual] = key.split('\n');
    const more = count > 1 ? ` (and ${count - 1} more element${count > 2 ? 's' : ''} alike)` : '';
    findings.add('xml.namespace', describe(first), `must be in namespace ${expected}, not ${actual}${more}`);
  }
}

function visit(
  el: Element,
  insideParent: boolean,
  findings: Findings,
  misplaced: Map<string, { first: Element; count: number }>,
): void {
  const inside = insideParent || nameOf(el) === 'VersionOverrides';
  const ns = expectedNamespace(el, inside);
  if (el.namespaceURI !== ns) {
    const key = `${ns}\n${el.namespaceURI ?? '(none)'}`;
    const entry = misplaced.get(key);
    if (entry === undefined) misplaced.set(key, { first: el, count: 1 });
    else entry.count++;
  }
  checkType(el, inside, findings);
  const shape = shapeOf(el, inside);
  const kids = elementChildren(el);
  let position = -1;
  let previous = '';
  for (const kid of kids) {
    const index = shape.children.indexOf(nameOf(kid));
    if (index < 0) {
      findings.add(
        'xml.structure',
        describe(kid),
        shape.children.length === 0
          ? `<${nameOf(el)}> takes no child elements`
          : `is not a valid child of <${nameOf(el)}> (or not one this validator knows: allowed ${shape.children.join(', ')})`,
      );
      continue;
    }
    if (index < position) {
      findings.add(
        'xml.structure',
        describe(kid),
        `is out of order under <${nameOf(el)}>: the schema's order is ${shape.children.join(', ')}`,
      );
    } else if (index === position && nameOf(kid) === previous && !(shape.repeat ?? []).includes(nameOf(kid))) {
      findings.add('xml.structure', describe(kid), `may occur only once under <${nameOf(el)}>`);
    }
    position = Math.max(position, index);
    previous = nameOf(kid);
  }
  for (const name of shape.required ?? []) {
    if (!kids.some((k) => nameOf(k) === name)) {
      findings.add('xml.structure', describe(el), `lacks its required child <${name}>`);
    }
  }
  for (const kid of kids) visit(kid, inside, findings, misplaced);
}

function checkType(el: Element, inside: boolean, findings: Findings): void {
  // The Host of VersionOverrides names its application by xsi:type; the Host under OfficeApp does so by Name.
  const key = nameOf(el) === 'Host' ? (inside ? 'VersionOverrides/Host' : undefined) : nameOf(el);
  const allowed = key === undefined ? undefined : TYPES[key];
  if (allowed === undefined) return;
  const type = xsiType(el);
  if (type === undefined || !allowed.includes(type)) {
    findings.add('xml.structure', describe(el), `xsi:type must be ${allowed.map((t) => `"${t}"`).join(' or ')}`);
  }
}
