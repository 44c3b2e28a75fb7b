/**
 * Our own checks on manifest.xml, beyond well-formedness and structure: identity, resources, URLs and origin,
 * icons against the files in assets/, ribbon functions against src/commands, the shared runtime, requirement
 * sets, string lengths and locale overrides. docs/manifest.md gives the source of every rule.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Findings } from './findings';
import { regionalLocales } from './locales';
import {
  attr,
  child,
  childrenNamed,
  describe,
  descendants,
  isInside,
  nameOf,
  text,
  xsiType,
  type Element,
} from './xml';

export interface CheckOptions {
  /** The origin every URL must have: the placeholder `https://localhost:3000`, or a server's public URL. */
  origin: string;
  /** Where `/assets/…` URLs are read from (the repository's assets/, which the server serves at /assets/). */
  assetsDir: string;
  /** The names src/commands passes to `Office.actions.associate`. */
  registeredCommands: readonly string[];
  /** package.json's version: the manifest's Version must be it plus `.0`. */
  packageVersion?: string;
}

/** The ribbon's ExecuteFunction buttons (issue #7, src/commands/commands.ts). */
export const RIBBON_FUNCTIONS = ['validateSheet', 'sendSelection', 'sendAllPending'] as const;
/** The pane speaks en, es and fr (src/i18n): every string a user sees has these overrides. */
export const DEFAULT_LOCALE = 'en-US';
export const REQUIRED_LOCALES = ['es-ES', 'fr-FR'] as const;
/** And each base's regional locales (locales.ts), with the same text. */
export { REGIONAL_LOCALES } from './locales';
/** Requirement sets, exactly: ExcelApi 1.10 covers Office 2021 and later; the rest is feature-detected. */
export const REQUIRED_SETS: Readonly<Record<string, string>> = { ExcelApi: '1.10', SharedRuntime: '1.1' };
/** Pages the server answers (src/server/http/static-routes.ts: the built pane at /, and /help). */
export const SERVED_PAGES = ['/taskpane.html', '/help'] as const;
export const ASSETS_PATH = '/assets/';

const LIMITS = {
  resourceId: 32,
  controlId: 125,
  url: 2048,
  shortString: 125,
  longString: 250,
  label: 32,
  /** Unified manifest 1.24 (MicrosoftTeams.schema.json): name.short and description.short. */
  storeName: 30,
  storeDescription: 80,
} as const;

/** Icon sizes Office accepts for ribbon images, and the ones each Icon must have (docs: Resources element). */
const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80];
const ICON_REQUIRED = [16, 32, 80];

type ResourceKind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';
const RESOURCE_ITEM: Record<ResourceKind, string> = {
  Images: 'Image',
  Urls: 'Url',
  ShortStrings: 'String',
  LongStrings: 'String',
};

/** Which resource list a `resid` of each element must name. */
const RESID_KIND: Readonly<Record<string, ResourceKind>> = {
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Description: 'LongStrings',
  LearnMoreUrl: 'Urls',
  FunctionFile: 'Urls',
  Runtime: 'Urls',
  SourceLocation: 'Urls',
  Image: 'Images',
};

interface Value {
  el: Element;
  /** undefined for the default value. */
  locale?: string;
  value: string;
}

interface Localized {
  el: Element;
  values: Value[];
}

interface Resource extends Localized {
  kind: ResourceKind;
  id: string;
}

/** DefaultValue and every Override Value of a locale-aware element. */
function localized(el: Element, findings: Findings): Localized {
  const values: Value[] = [];
  const def = attr(el, 'DefaultValue');
  if (def === undefined || def === '') findings.add('xml.structure', describe(el), 'needs a non-empty DefaultValue');
  else values.push({ el, value: def });
  for (const o of childrenNamed(el, 'Override')) {
    const locale = attr(o, 'Locale');
    const value = attr(o, 'Value');
    if (locale === undefined || value === undefined || value === '') {
      findings.add('xml.structure', describe(o), 'an Override needs a Locale and a non-empty Value');
      continue;
    }
    values.push({ el: o, locale, value });
  }
  return { el, values };
}

/** The locale-aware elements outside VersionOverrides, each read once. */
const TOP_LEVEL = ['DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl'] as const;
type TopLevel = Partial<Record<(typeof TOP_LEVEL)[number] | 'SourceLocation', Localized>>;

export function runChecks(root: Element, options: CheckOptions, findings: Findings): void {
  const vo = child(root, 'VersionOverrides');
  const resources = collectResources(vo, findings);
  const top: TopLevel = {};
  for (const name of TOP_LEVEL) {
    const el = child(root, name);
    if (el !== undefined) top[name] = localized(el, findings);
  }
  const source = child(child(root, 'DefaultSettings'), 'SourceLocation');
  if (source !== undefined) top.SourceLocation = localized(source, findings);
  checkIdentity(root, options, findings);
  checkResids(vo, resources, findings);
  checkUrls(root, top, resources, options, findings);
  checkIcons(vo, top, resources, options, findings);
  checkControls(vo, findings);
  checkCommands(vo, options, findings);
  checkSharedRuntime(root, vo, top, resources, findings);
  checkRequirements(root, findings);
  checkHosts(root, vo, findings);
  checkStrings(root, vo, top, resources, findings);
}

function collectResources(vo: Element | undefined, findings: Findings): Map<string, Resource> {
  const byId = new Map<string, Resource>();
  const list = child(vo, 'Resources');
  for (const kind of Object.keys(RESOURCE_ITEM) as ResourceKind[]) {
    for (const el of childrenNamed(child(list, kind), RESOURCE_ITEM[kind])) {
      const id = attr(el, 'id') ?? '';
      if (id === '') {
        findings.add('resource.id', describe(el), 'a resource needs an id');
        continue;
      }
      if (id.length > LIMITS.resourceId) {
        findings.add('resource.id', describe(el), `id "${id}" is longer than ${LIMITS.resourceId} characters`);
      }
      const previous = byId.get(id);
      if (previous !== undefined) {
        findings.add('resource.id', describe(el), `id "${id}" is already used by ${describe(previous.el)}`);
        continue;
      }
      byId.set(id, { kind, id, ...localized(el, findings) });
    }
  }
  return byId;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/;

function checkIdentity(root: Element, options: CheckOptions, findings: Findings): void {
  const id = child(root, 'Id');
  if (id !== undefined && !GUID.test(text(id))) {
    findings.add('id.guid', describe(id), `"${text(id)}" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  }
  const version = child(root, 'Version');
  if (version === undefined) return;
  const v = text(version);
  if (!VERSION.test(v)) {
    findings.add('version.format', describe(version), `"${v}" is not n.n.n.n (four numbers of at most 5 digits)`);
  } else if (options.packageVersion !== undefined && v !== `${options.packageVersion}.0`) {
    findings.add(
      'version.package',
      describe(version),
      `"${v}" does not match package.json's version ${options.packageVersion} (expected ${options.packageVersion}.0)`,
    );
  }
}

/** Elements of VersionOverrides (outside Resources) that point at a resource. */
function residElements(vo: Element | undefined): Element[] {
  if (vo === undefined) return [];
  return descendants(vo).filter(
    (el) => el !== vo && nameOf(el) in RESID_KIND && !isInside(el, 'Resources') && nameOf(el) !== 'Resources',
  );
}

function checkResids(vo: Element | undefined, resources: Map<string, Resource>, findings: Findings): void {
  const used = new Set<string>();
  for (const el of residElements(vo)) {
    const kind = RESID_KIND[nameOf(el)] as ResourceKind;
    const resid = attr(el, 'resid');
    if (resid === undefined || resid === '') {
      findings.add('resid.defined', describe(el), `needs a resid naming a bt:${kind} resource`);
      continue;
    }
    used.add(resid);
    const resource = resources.get(resid);
    if (resource === undefined) {
      findings.add('resid.defined', describe(el), `resid "${resid}" names no resource (expected one in bt:${kind})`);
    } else if (resource.kind !== kind) {
      findings.add(
        'resid.defined',
        describe(el),
        `resid "${resid}" names a bt:${resource.kind} resource; <${nameOf(el)}> needs one in bt:${kind}`,
      );
    }
  }
  for (const r of resources.values()) {
    if (!used.has(r.id)) findings.add('resource.unused', describe(r.el), `resource "${r.id}" is never used`);
  }
}

interface UrlUse extends Value {
  /** Served from /assets/ (an image) rather than a page. */
  image: boolean;
}

function urlUses(top: TopLevel, resources: Map<string, Resource>): UrlUse[] {
  const uses: UrlUse[] = [];
  const add = (l: Localized | undefined, image: boolean) =>
    uses.push(...(l?.values ?? []).map((v) => ({ ...v, image })));
  add(top.IconUrl, true);
  add(top.HighResolutionIconUrl, true);
  add(top.SupportUrl, false);
  add(top.SourceLocation, false);
  for (const r of resources.values()) {
    if (r.kind === 'Images' || r.kind === 'Urls') add(r, r.kind === 'Images');
  }
  return uses;
}

function checkUrls(
  root: Element,
  top: TopLevel,
  resources: Map<string, Resource>,
  options: CheckOptions,
  findings: Findings,
): void {
  const expected = new URL(options.origin).origin;
  for (const use of urlUses(top, resources)) {
    const where = describe(use.el);
    const label = use.locale === undefined ? '' : ` (${use.locale})`;
    if (use.value.length > LIMITS.url) {
      findings.add('url.https', where, `URL${label} is longer than ${LIMITS.url} characters`);
    }
    let url: URL;
    try {
      url = new URL(use.value);
    } catch {
      findings.add('url.https', where, `"${use.value}"${label} is not an absolute URL`);
      continue;
    }
    if (url.protocol !== 'https:') {
      findings.add('url.https', where, `"${use.value}"${label} must use https (Office loads add-ins over HTTPS only)`);
    }
    if (url.origin !== expected) {
      findings.add('url.origin', where, `"${use.value}"${label} is not on ${expected}, the origin of AppDomains`);
    }
    if (
      use.image ? !url.pathname.startsWith(ASSETS_PATH) : !(SERVED_PAGES as readonly string[]).includes(url.pathname)
    ) {
      findings.add(
        'url.path',
        where,
        use.image
          ? `"${url.pathname}"${label} is not under ${ASSETS_PATH}, where the server serves assets/`
          : `"${url.pathname}"${label} is not a page the server serves (${SERVED_PAGES.join(', ')})`,
      );
    }
  }
  const domains = childrenNamed(child(root, 'AppDomains'), 'AppDomain');
  if (domains.length === 0) {
    findings.add('url.origin', describe(root), `<AppDomains> must list ${expected}`);
  }
  for (const d of domains) {
    let origin: string | undefined;
    try {
      const url = new URL(text(d));
      origin = url.pathname === '/' && url.search === '' && url.hash === '' ? url.origin : undefined;
    } catch {
      origin = undefined;
    }
    if (origin === undefined || text(d) !== origin) {
      findings.add('url.origin', describe(d), `"${text(d)}" must be an origin alone (scheme://host[:port])`);
    } else if (origin !== expected) {
      findings.add('url.origin', describe(d), `"${origin}" is not ${expected}, the origin of every other URL`);
    }
    if (origin !== undefined && !origin.startsWith('https:')) {
      findings.add('url.https', describe(d), `"${origin}" must use https`);
    }
  }
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), or a reason it is not a PNG. */
export function pngSize(file: string): { width: number; height: number } | string {
  const head = readFileSync(file).subarray(0, 24);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (head.length < 24 || !head.subarray(0, 8).equals(signature) || head.toString('ascii', 12, 16) !== 'IHDR') {
    return 'is not a PNG file';
  }
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** The file in assets/ an `/assets/NAME` URL serves, or why there is none. */
function assetFile(value: string, assetsDir: string): string | { problem: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: 'is not a URL' };
  }
  if (!url.pathname.startsWith(ASSETS_PATH)) return { problem: `is not under ${ASSETS_PATH}` };
  const name = decodeURIComponent(url.pathname.slice(ASSETS_PATH.length));
  if (name === '' || /[\\/]/.test(name) || name.startsWith('.'))
    return { problem: 'names no file directly in assets/' };
  const file = join(assetsDir, name);
  if (!existsSync(file) || !statSync(file).isFile())
    return { problem: `points at assets/${name}, which does not exist` };
  return file;
}

function checkIcons(
  vo: Element | undefined,
  top: TopLevel,
  resources: Map<string, Resource>,
  options: CheckOptions,
  findings: Findings,
): void {
  const declared = new Map<string, Set<number>>();
  for (const icon of vo === undefined ? [] : descendants(vo).filter((e) => nameOf(e) === 'Icon')) {
    const sizes: number[] = [];
    for (const image of childrenNamed(icon, 'Image')) {
      const size = Number(attr(image, 'size'));
      if (!ICON_SIZES.includes(size)) {
        findings.add('icon.sizes', describe(image), `size must be one of ${ICON_SIZES.join(', ')}`);
        continue;
      }
      if (sizes.includes(size)) findings.add('icon.sizes', describe(image), `size ${size} is given twice`);
      sizes.push(size);
      const resid = attr(image, 'resid');
      if (resid !== undefined) declared.set(resid, (declared.get(resid) ?? new Set()).add(size));
    }
    const missing = ICON_REQUIRED.filter((s) => !sizes.includes(s));
    if (missing.length > 0) {
      findings.add('icon.sizes', describe(icon), `lacks the required image size(s) ${missing.join(', ')}`);
    }
  }
  const checks: { values: Value[]; sizes: Iterable<number> }[] = [];
  // Task pane add-ins: IconUrl 32×32, HighResolutionIconUrl 64×64 (docs: IconUrl, HighResolutionIconUrl elements).
  if (top.IconUrl !== undefined) checks.push({ values: top.IconUrl.values, sizes: [32] });
  if (top.HighResolutionIconUrl !== undefined) checks.push({ values: top.HighResolutionIconUrl.values, sizes: [64] });
  for (const r of resources.values()) {
    if (r.kind === 'Images') checks.push({ values: r.values, sizes: declared.get(r.id) ?? [] });
  }
  const read = new Map<string, ReturnType<typeof pngSize>>();
  for (const { values, sizes } of checks) {
    for (const v of values) {
      const label = v.locale === undefined ? '' : ` (${v.locale})`;
      const file = assetFile(v.value, options.assetsDir);
      if (typeof file !== 'string') {
        findings.add('icon.file', describe(v.el), `"${v.value}"${label} ${file.problem}`);
        continue;
      }
      const png = read.get(file) ?? pngSize(file);
      read.set(file, png);
      if (typeof png === 'string') {
        findings.add('icon.file', describe(v.el), `"${v.value}"${label} ${png}`);
        continue;
      }
      for (const size of sizes) {
        if (png.width !== size || png.height !== size) {
          findings.add(
            'icon.size',
            describe(v.el),
            `"${v.value}"${label} is ${png.width}×${png.height} pixels where ${size}×${size} is declared`,
          );
        }
      }
    }
  }
}

function checkControls(vo: Element | undefined, findings: Findings): void {
  const seen = new Map<string, Element>();
  const controls = vo === undefined ? [] : descendants(vo).filter((e) => ['Group', 'Control'].includes(nameOf(e)));
  for (const el of controls) {
    const id = attr(el, 'id') ?? '';
    if (id === '' || id.length > LIMITS.controlId) {
      findings.add('control.id', describe(el), `needs an id of 1 to ${LIMITS.controlId} characters`);
      continue;
    }
    const previous = seen.get(id);
    if (previous !== undefined) {
      findings.add('control.id', describe(el), `id "${id}" is already used by ${describe(previous)}`);
    }
    seen.set(id, el);
  }
}

function actions(vo: Element | undefined, type: string): Element[] {
  return vo === undefined ? [] : descendants(vo).filter((e) => nameOf(e) === 'Action' && xsiType(e) === type);
}

function checkCommands(vo: Element | undefined, options: CheckOptions, findings: Findings): void {
  const registered = options.registeredCommands;
  const called = new Map<string, Element>();
  for (const action of actions(vo, 'ExecuteFunction')) {
    const control = action.parentNode as Element;
    const fn = child(action, 'FunctionName');
    const name = text(fn);
    if (fn === undefined || name === '') {
      findings.add('command.function', describe(control), 'an ExecuteFunction action needs a <FunctionName>');
      continue;
    }
    if (called.has(name)) {
      findings.add(
        'command.function',
        describe(control),
        `FunctionName "${name}" is already called by another control`,
      );
    }
    called.set(name, control);
    if (!registered.includes(name)) {
      findings.add(
        'command.function',
        describe(fn),
        `FunctionName "${name}" of ${describe(control)} is not registered by src/commands (it registers: ${
          registered.join(', ') || 'nothing'
        })`,
      );
    }
  }
  for (const name of registered) {
    if (!called.has(name)) {
      findings.add(
        'command.function',
        vo === undefined ? '<VersionOverrides>' : describe(vo),
        `src/commands registers "${name}" but no ribbon button calls it`,
      );
    }
  }
  for (const name of RIBBON_FUNCTIONS) {
    if (!called.has(name)) {
      findings.add(
        'command.function',
        vo === undefined ? '<VersionOverrides>' : describe(vo),
        `the ribbon has no ExecuteFunction button with <FunctionName>${name}</FunctionName>`,
      );
    }
  }
  for (const action of actions(vo, 'ShowTaskpane')) {
    if (child(action, 'SourceLocation') === undefined) {
      findings.add('runtime.shared', describe(action), 'a ShowTaskpane action needs a <SourceLocation>');
    }
  }
}

function checkSharedRuntime(
  root: Element,
  vo: Element | undefined,
  top: TopLevel,
  resources: Map<string, Resource>,
  findings: Findings,
): void {
  const runtimes = vo === undefined ? [] : descendants(vo).filter((e) => nameOf(e) === 'Runtime');
  const at = vo === undefined ? describe(root) : describe(vo);
  if (runtimes.length !== 1) {
    findings.add('runtime.shared', at, `needs exactly one <Runtime> (the shared runtime), found ${runtimes.length}`);
    if (runtimes.length === 0) return;
  }
  const runtime = runtimes[0] as Element;
  const resid = attr(runtime, 'resid');
  if (attr(runtime, 'lifetime') !== 'long') {
    findings.add('runtime.shared', describe(runtime), 'lifetime must be "long" (a shared runtime)');
  }
  const functionFiles = vo === undefined ? [] : descendants(vo).filter((e) => nameOf(e) === 'FunctionFile');
  if (functionFiles.length === 0) findings.add('runtime.shared', at, 'needs a <FunctionFile>');
  for (const ff of functionFiles) {
    if (attr(ff, 'resid') !== resid) {
      findings.add('runtime.shared', describe(ff), `resid must be "${resid}", the Runtime's (one page for both)`);
    }
  }
  for (const action of actions(vo, 'ShowTaskpane')) {
    const source = child(action, 'SourceLocation');
    if (source !== undefined && attr(source, 'resid') !== resid) {
      findings.add('runtime.shared', describe(source), `resid must be "${resid}", the Runtime's (one page for both)`);
    }
  }
  const page = resid === undefined ? undefined : resources.get(resid);
  const pageUrl = page?.values.find((v) => v.locale === undefined)?.value;
  const source = top.SourceLocation;
  const sourceUrl = source?.values.find((v) => v.locale === undefined)?.value;
  if (source !== undefined && page !== undefined && sourceUrl !== pageUrl) {
    findings.add(
      'runtime.shared',
      describe(source.el),
      `DefaultValue must be ${pageUrl ?? '(unset)'}, the page of the Runtime "${resid}"`,
    );
  }
}

function checkRequirements(root: Element, findings: Findings): void {
  const sets = child(child(root, 'Requirements'), 'Sets');
  if (sets === undefined) {
    findings.add(
      'requirements.sets',
      describe(root),
      '<Requirements><Sets> must require ExcelApi 1.10 and SharedRuntime 1.1',
    );
    return;
  }
  const fallback = attr(sets, 'DefaultMinVersion') ?? '1.1';
  const found = new Map<string, string>();
  for (const set of childrenNamed(sets, 'Set')) {
    const name = attr(set, 'Name') ?? '';
    const version = attr(set, 'MinVersion') ?? fallback;
    if (found.has(name)) findings.add('requirements.sets', describe(set), `set "${name}" is required twice`);
    found.set(name, version);
    const wanted = REQUIRED_SETS[name];
    if (wanted === undefined) {
      findings.add(
        'requirements.sets',
        describe(set),
        `set "${name}" must not be required to install: feature-detect it at run time (isSetSupported)`,
      );
    } else if (version !== wanted) {
      findings.add('requirements.sets', describe(set), `${name} must be required at ${wanted}, not ${version}`);
    }
  }
  for (const [name, version] of Object.entries(REQUIRED_SETS)) {
    if (!found.has(name)) findings.add('requirements.sets', describe(sets), `must require ${name} ${version}`);
  }
}

function checkHosts(root: Element, vo: Element | undefined, findings: Findings): void {
  const hosts = childrenNamed(child(root, 'Hosts'), 'Host');
  if (hosts.length !== 1 || attr(hosts[0], 'Name') !== 'Workbook') {
    findings.add('hosts.workbook', describe(child(root, 'Hosts') ?? root), 'must list exactly <Host Name="Workbook"/>');
  }
  const voHosts = childrenNamed(child(vo, 'Hosts'), 'Host');
  if (vo !== undefined && (voHosts.length !== 1 || xsiType(voHosts[0]) !== 'Workbook')) {
    findings.add('hosts.workbook', describe(vo), 'must hold exactly one <Host xsi:type="Workbook">');
  }
  const permissions = child(root, 'Permissions');
  if (permissions !== undefined && text(permissions) !== 'ReadWriteDocument') {
    findings.add('permissions', describe(permissions), 'must be ReadWriteDocument (the add-in writes status cells)');
  }
}

function checkStrings(
  root: Element,
  vo: Element | undefined,
  top: TopLevel,
  resources: Map<string, Resource>,
  findings: Findings,
): void {
  const defaultLocale = child(root, 'DefaultLocale');
  if (defaultLocale !== undefined && text(defaultLocale) !== DEFAULT_LOCALE) {
    findings.add('locale.override', describe(defaultLocale), `must be ${DEFAULT_LOCALE}`);
  }
  const visible: Localized[] = [];
  for (const [name, limit] of [
    ['DisplayName', LIMITS.storeName],
    ['Description', LIMITS.storeDescription],
  ] as const) {
    const l = top[name];
    if (l === undefined) continue;
    visible.push(l);
    for (const v of l.values) {
      if (v.value.length > limit) {
        findings.add(
          'store.length',
          describe(v.el),
          `"${v.value}" is ${v.value.length} characters; the unified manifest (${name === 'DisplayName' ? 'name' : 'description'}.short) allows ${limit}`,
        );
      }
    }
  }
  for (const r of resources.values()) {
    if (r.kind !== 'ShortStrings' && r.kind !== 'LongStrings') continue;
    visible.push(r);
    const limit = r.kind === 'ShortStrings' ? LIMITS.shortString : LIMITS.longString;
    for (const v of r.values) {
      if (v.value.length > limit) {
        findings.add('string.length', describe(v.el), `is ${v.value.length} characters; bt:${r.kind} allow ${limit}`);
      }
    }
  }
  for (const l of visible) checkOverrides(l, findings);
  const labels = vo === undefined ? [] : descendants(vo).filter((e) => nameOf(e) === 'Label');
  for (const label of labels) {
    const r = resources.get(attr(label, 'resid') ?? '');
    if (r === undefined || r.kind !== 'ShortStrings') continue;
    for (const v of r.values) {
      if (v.value.length > LIMITS.label) {
        findings.add(
          'label.length',
          describe(label),
          `"${v.value}"${v.locale === undefined ? '' : ` (${v.locale})`} is ${v.value.length} characters; a ribbon label shows ${LIMITS.label}`,
        );
      }
    }
  }
}

function checkOverrides(l: Localized, findings: Findings): void {
  const locales = l.values.flatMap((v) => (v.locale === undefined ? [] : [v.locale.toLowerCase()]));
  for (const [i, locale] of locales.entries()) {
    if (locales.indexOf(locale) !== i) {
      findings.add('locale.override', describe(l.el), `has two overrides for ${locale}`);
    }
  }
  const missing = REQUIRED_LOCALES.filter((loc) => !locales.includes(loc.toLowerCase()));
  if (missing.length > 0) {
    findings.add('locale.override', describe(l.el), `lacks an <Override> for ${missing.join(' and ')}`);
  }
  checkRegional(l, findings);
}

/** Office matches a locale exactly (locales.ts): each regional locale carries its base's text, word for word. */
function checkRegional(l: Localized, findings: Findings): void {
  const byLocale = new Map(l.values.flatMap((v) => (v.locale === undefined ? [] : [[v.locale.toLowerCase(), v]])));
  const missing: string[] = [];
  for (const [regional, base] of regionalLocales()) {
    const from = byLocale.get(base.toLowerCase());
    if (from === undefined) continue;
    const found = byLocale.get(regional.toLowerCase());
    if (found === undefined) missing.push(regional);
    else if (found.value !== from.value) {
      findings.add(
        'locale.regional',
        describe(found.el),
        `says "${found.value}" where ${base} says "${from.value}" (npm run manifest:locales writes them)`,
      );
    }
  }
  if (missing.length > 0) {
    findings.add(
      'locale.regional',
      describe(l.el),
      `lacks an <Override> for ${missing.join(', ')} (Office matches locales exactly; npm run manifest:locales writes them)`,
    );
  }
}
