/**
 * `npm run manifest:locales`: writes the regional overrides (locales.ts) into manifest.xml from its es-ES and fr-FR
 * ones — after each base override, in the order locales.ts lists them, with the base's text — and drops stale ones.
 * The rest of the file is left byte for byte: the XML is read as a DOM (xmldom) to find each override and the line
 * it stands on, and only those lines are copied (the base's Value as written, entities and all) or dropped. `npm run validate` then checks them (checks.ts, `locale.regional`).
 *
 *   tsx dev/manifest/write-locales.ts [--manifest FILE] [--check]   (--check: exit 1 when the file would change)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { REGIONAL_LOCALES, regionalLocales, type BaseLocale } from './locales';
import { MANIFEST_FILE } from './project';

const ELEMENT_NODE = 1;

export function withRegionalOverrides(xml: string): string {
  const doc = new DOMParser({
    locator: true,
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (root === null) throw new Error('the manifest has no root element');
  const regional = new Set(regionalLocales().map(([locale]) => locale.toLowerCase()));
  const lines = xml.split('\n');
  const drop = new Set<number>();
  const insertAfter = new Map<number, string[]>();
  for (const o of [...elements(root)].filter((e) => e.localName === 'Override')) {
    const index = lineOf(o, lines);
    const locale = o.getAttribute('Locale') ?? '';
    if (regional.has(locale.toLowerCase())) drop.add(index);
    const base = (Object.keys(REGIONAL_LOCALES) as BaseLocale[]).find((b) => b === locale);
    if (base === undefined) continue;
    // The base's own line, its Value written exactly as it is (entities and all), under each regional locale.
    const line = lines[index] as string;
    const attribute = `Locale="${base}"`;
    insertAfter.set(
      index,
      REGIONAL_LOCALES[base].map((l) => line.replace(attribute, `Locale="${l}"`)),
    );
  }
  return lines.flatMap((line, i) => (drop.has(i) ? [] : [line, ...(insertAfter.get(i) ?? [])])).join('\n');
}

/** The one line an override stands on; the manifest keeps each on a line of its own, which this makes sure of. */
function lineOf(o: Element, lines: readonly string[]): number {
  const index = (o as unknown as { lineNumber?: number }).lineNumber;
  const line = index === undefined ? undefined : lines[index - 1];
  const trimmed = line?.trim() ?? '';
  const single =
    trimmed.startsWith(`<${o.tagName} `) &&
    trimmed.endsWith('/>') &&
    trimmed.indexOf('<', 1) === -1 &&
    trimmed.includes(`Locale="${o.getAttribute('Locale') ?? ''}"`);
  if (index === undefined || !single) {
    throw new Error(`line ${index ?? '?'}: an <Override> must stand alone on its line for manifest:locales`);
  }
  return index - 1;
}

function* elements(node: Node): Generator<Element> {
  for (let c = node.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT_NODE) continue;
    yield c as Element;
    yield* elements(c);
  }
}

function main(argv: readonly string[]): number {
  const at = argv.indexOf('--manifest');
  const file = at >= 0 && argv[at + 1] !== undefined ? resolve(argv[at + 1] as string) : MANIFEST_FILE;
  const xml = readFileSync(file, 'utf8');
  const next = withRegionalOverrides(xml);
  if (argv.includes('--check')) {
    if (next === xml) return 0;
    process.stderr.write(`${file}: the regional overrides are not up to date; run npm run manifest:locales\n`);
    return 1;
  }
  if (next !== xml) writeFileSync(file, next);
  process.stdout.write(`${file}: ${regionalLocales().length} regional locales written\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
