/**
 * The little XML the lean `.xlsx` path needs: attributes of a start tag, entities, cell addresses. SpreadsheetML
 * written by Excel, exceljs or LibreOffice is regular enough for this; anything it cannot make sense of makes the
 * lean path give way to exceljs before anything is sent (see xlsx-lean.ts).
 */

/** The file is valid but holds something the lean path does not handle: exceljs reads it instead. */
export class LeanUnsupported extends Error {}

export function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  if (match === null) return undefined;
  return unescapeXml(match[2] ?? match[3] ?? '');
}

/** Sets (or adds) an attribute in a start tag, `<xf …/>` or `<xf …>`. */
export function setAttr(tag: string, name: string, value: string): string {
  const pattern = new RegExp(`(\\s${name.replace(':', '\\:')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  const quoted = `"${escapeXml(value)}"`;
  if (pattern.test(tag)) return tag.replace(pattern, (_m, head: string) => `${head}${quoted}`);
  return tag.replace(/\s*(\/?>)$/, (_m, end: string) => ` ${name}=${quoted}${end}`);
}

export function removeAttr(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*("[^"]*"|'[^']*')`), '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? whole;
  });
}

/** Escaped for text and attribute values; characters XML 1.0 cannot hold are dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 cannot hold
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** Excel's `_x000D_` escapes in strings (how a carriage return or a control character is stored). */
export function unescapeOoxml(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/** The text of every `<t>` run in a string item (`<si>`, `<is>`, a comment's `<text>`), phonetic runs left out. */
export function runsText(xml: string): string {
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let text = '';
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += unescapeOoxml(unescapeXml(m[1] ?? ''));
  return text;
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function parseRef(ref: string): { row: number; column: number } | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (match === null) return undefined;
  let column = 0;
  for (const ch of match[1] as string) column = column * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(match[2]), column };
}

/** Resolves a relationship target against the folder of the part that holds the relationship. */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRels(xml: string | undefined): Relationship[] {
  if (xml === undefined) return [];
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    id: attr(m[0], 'Id') ?? '',
    type: attr(m[0], 'Type') ?? '',
    target: attr(m[0], 'Target') ?? '',
    external: attr(m[0], 'TargetMode') === 'External',
  }));
}

export const EMPTY_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

/** Adds a relationship, returning the new rels XML and the id it got. */
export function addRel(xml: string | undefined, type: string, target: string): { xml: string; id: string } {
  const base = xml ?? EMPTY_RELS;
  const used = new Set(parseRels(base).map((r) => r.id));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const element = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  const out = base.includes('</Relationships>')
    ? base.replace('</Relationships>', `${element}</Relationships>`)
    : base.replace(/<Relationships\b([^>]*)\/>/, `<Relationships$1>${element}</Relationships>`);
  return { xml: out, id };
}
