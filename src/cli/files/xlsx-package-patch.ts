/**
 * The package-level parts a write-back may add to: `[Content_Types].xml`, relationship parts, and the workbook's
 * list of sheets. Each is read by element and changed by inserting before an end tag found by the parser, in the
 * part's own prefixes, for transitional and strict files alike.
 */
import { attrOf, escapeXml, isMain, NS, parseXmlText, prefixFor, qualified, startTagText, type Tag } from './xml';
import { LeanUnsupported } from './problems';

const REL_TYPE_BASES = [
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/',
  'http://purl.oclc.org/ooxml/officeDocument/relationships/',
];

/** A relationship type of this kind (`comments`, `worksheet`…) in the file's flavour of OOXML. */
export function relType(kind: string, strict: boolean): string {
  return `${REL_TYPE_BASES[strict ? 1 : 0]}${kind}`;
}

interface RootInfo {
  tag: Tag;
  openEnd: number;
  /** Where the root's end tag starts (openEnd when it is self-closing). */
  closeStart: number;
}

export class ContentTypes {
  changed = false;
  private readonly overrides = new Set<string>();
  private readonly defaults = new Set<string>();
  private readonly added: string[] = [];
  private root: RootInfo | undefined;

  constructor(
    private readonly part: string,
    private readonly xml: string,
  ) {
    let depth = 0;
    parseXmlText(part, xml, {
      open: (tag, _start, end) => {
        depth++;
        if (depth === 1) this.root = { tag, openEnd: end, closeStart: end };
        if (tag.uri !== NS.contentTypes) return;
        if (tag.local === 'Override') this.overrides.add((attrOf(tag, 'PartName') ?? '').toLowerCase());
        if (tag.local === 'Default') this.defaults.add((attrOf(tag, 'Extension') ?? '').toLowerCase());
      },
      close: (tag, start) => {
        if (depth === 1 && this.root !== undefined)
          this.root.closeStart = tag.isSelfClosing ? this.root.openEnd : start;
        depth--;
      },
    });
  }

  override(partName: string, type: string): void {
    const name = `/${partName}`;
    if (this.overrides.has(name.toLowerCase())) return;
    this.overrides.add(name.toLowerCase());
    this.added.push(`<${this.q('Override')} PartName="${escapeXml(name)}" ContentType="${escapeXml(type)}"/>`);
    this.changed = true;
  }

  defaultFor(ext: string, type: string): void {
    if (this.defaults.has(ext.toLowerCase())) return;
    this.defaults.add(ext.toLowerCase());
    this.added.push(`<${this.q('Default')} Extension="${escapeXml(ext)}" ContentType="${escapeXml(type)}"/>`);
    this.changed = true;
  }

  toXml(): string {
    return insertBeforeEnd(this.xml, this.root as RootInfo, this.added.join(''));
  }

  private q(local: string): string {
    return qualified(this.root?.tag.prefix ?? '', local);
  }
}

/** `inner` inserted just before the root's end tag (a self-closing root is opened up). */
function insertBeforeEnd(xml: string, root: RootInfo, inner: string): string {
  if (inner === '') return xml;
  if (root.tag.isSelfClosing) {
    const start = xml.lastIndexOf('<', root.openEnd - 1);
    return `${xml.slice(0, start)}${startTagText(root.tag, {}, [], false)}${inner}</${root.tag.name}>${xml.slice(root.openEnd)}`;
  }
  return xml.slice(0, root.closeStart) + inner + xml.slice(root.closeStart);
}

const EMPTY_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + `<Relationships xmlns="${NS.package}"></Relationships>`;

/** Adds a relationship, returning the new rels XML and the id it got. */
export function addRel(
  part: string,
  xml: string | undefined,
  type: string,
  target: string,
): { xml: string; id: string } {
  const base = xml ?? EMPTY_RELS;
  const used = new Set<string>();
  let root: RootInfo | undefined;
  let depth = 0;
  parseXmlText(part, base, {
    open(tag, _start, end) {
      depth++;
      if (depth === 1) root = { tag, openEnd: end, closeStart: end };
      else if (tag.local === 'Relationship' && tag.uri === NS.package) used.add(attrOf(tag, 'Id') ?? '');
    },
    close(tag, start) {
      if (depth === 1 && root !== undefined) root.closeStart = tag.isSelfClosing ? root.openEnd : start;
      depth--;
    },
  });
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const r = root as RootInfo;
  const element = `<${qualified(r.tag.prefix, 'Relationship')} Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  return { xml: insertBeforeEnd(base, r, element), id };
}

/** The workbook with a `<sheet>` added to `<sheets>`, and the sheet id it got. */
export function addSheetToWorkbook(
  part: string,
  xml: string,
  name: string,
  relId: string,
  strict: boolean,
): { xml: string; sheetId: number } {
  let root: RootInfo | undefined;
  let sheets: { tag: Tag; start: number; openEnd: number; closeStart: number } | undefined;
  let maxId = 0;
  let depth = 0;
  parseXmlText(part, xml, {
    open(tag, start, end) {
      depth++;
      if (depth === 1) root = { tag, openEnd: end, closeStart: end };
      else if (depth === 2 && isMain(tag, 'sheets')) sheets = { tag, start, openEnd: end, closeStart: end };
      else if (depth === 3 && isMain(tag, 'sheet')) maxId = Math.max(maxId, Number(attrOf(tag, 'sheetId') ?? 0) || 0);
    },
    close(tag, start) {
      if (depth === 2 && sheets !== undefined && isMain(tag, 'sheets') && !tag.isSelfClosing) sheets.closeStart = start;
      depth--;
    },
  });
  if (root === undefined || sheets === undefined) throw new LeanUnsupported('a workbook without sheets');
  const sheetId = maxId + 1;
  let head = xml.slice(0, root.openEnd);
  let relPrefix = prefixFor(root.tag, NS.rel);
  if (relPrefix === undefined) {
    relPrefix = 'r';
    for (let n = 1; `xmlns:${relPrefix}` in root.tag.attributes; n++) relPrefix = `r${n}`;
    head =
      xml.slice(0, xml.lastIndexOf('<', root.openEnd - 1)) +
      startTagText(root.tag, { [`xmlns:${relPrefix}`]: NS.rel[strict ? 1 : 0] });
  }
  const element = `<${qualified(sheets.tag.prefix, 'sheet')} name="${escapeXml(name)}" sheetId="${sheetId}" ${relPrefix}:id="${relId}"/>`;
  let body: string;
  if (sheets.tag.isSelfClosing) {
    body =
      xml.slice(root.openEnd, sheets.start) +
      startTagText(sheets.tag, {}, [], false) +
      element +
      `</${sheets.tag.name}>` +
      xml.slice(sheets.openEnd);
  } else body = xml.slice(root.openEnd, sheets.closeStart) + element + xml.slice(sheets.closeStart);
  return { xml: head + body, sheetId };
}
