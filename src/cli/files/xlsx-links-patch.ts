/**
 * Status cells that open a web address (a journal update's confirm link), as Excel stores them: a `<hyperlink>`
 * in the sheet's `<hyperlinks>` naming a relationship of the sheet with `TargetMode="External"`. A status whose
 * link is `null` loses a link an earlier status had, and its relationship with it. Both parts are read by element
 * (xml.ts) and changed by copying the source around the spans found, in the part's own prefixes.
 */
import { relsPathOf, type SheetEntry, type XlsxPackage } from './xlsx-lean';
import { relType } from './xlsx-package-patch';
import {
  attrOf,
  escapeXml,
  isMain,
  NS,
  nsAttrOf,
  parseXmlText,
  prefixFor,
  qualified,
  startTagText,
  type Tag,
} from './xml';
import { childrenAfter } from './worksheet-order';

/** By cell (`U2`), the address its status opens, or `null` for none. */
export type StatusLinks = ReadonlyMap<string, string | null>;

/** The worksheet's children that come after `<hyperlinks>` (CT_Worksheet's order). */
const AFTER_HYPERLINKS = childrenAfter('hyperlinks');

/**
 * Whether the links need the sheet parsed: a link to add, or a link to take off a sheet that has any external
 * link at all (most sends write `null` on every row, and most sheets have no link: nothing to read then).
 */
export async function linksToPatch(pkg: XlsxPackage, entry: SheetEntry, links: StatusLinks): Promise<boolean> {
  if (links.size === 0) return false;
  for (const link of links.values()) if (link !== null) return true;
  return (await pkg.rels(entry.part)).some((r) => r.kind === 'hyperlink');
}

interface Found {
  root?: { tag: Tag; openEnd: number; closeStart: number };
  /** The existing `<hyperlinks>` element's span, and its children (kept as written unless one of ours). */
  hyperlinks?: { tag: Tag; start: number; end: number; children: { ref: string; id?: string; text: string }[] };
  /** Where a new `<hyperlinks>` goes: before the first element that must follow it. */
  insertAt?: number;
}

/** The sheet's XML with the links set, its relationships changed to match (put into the package). */
export async function patchLinks(
  pkg: XlsxPackage,
  entry: SheetEntry,
  xml: string,
  links: StatusLinks,
): Promise<string> {
  const found = scan(entry.part, xml);
  const root = found.root;
  if (root === undefined) return xml;
  const ours = new Set(links.keys());
  const kept = (found.hyperlinks?.children ?? []).filter((h) => !ours.has(cellOf(h.ref)));
  const dropped = (found.hyperlinks?.children ?? []).filter((h) => ours.has(cellOf(h.ref)));
  const keptIds = new Set(kept.map((h) => h.id));
  const relsPart = relsPathOf(entry.part);
  const rels = new RelsEdit(relsPart, await pkg.text(relsPart));
  for (const h of dropped) if (h.id !== undefined && !keptIds.has(h.id)) rels.remove(h.id);

  let head = xml.slice(0, root.openEnd);
  let relPrefix = prefixFor(root.tag, NS.rel);
  const added: string[] = [];
  for (const [cell, address] of links) {
    if (address === null) continue;
    if (relPrefix === undefined) {
      relPrefix = freePrefix(root.tag);
      head =
        xml.slice(0, xml.lastIndexOf('<', root.openEnd - 1)) +
        startTagText(root.tag, { [`xmlns:${relPrefix}`]: NS.rel[pkg.strict ? 1 : 0] });
    }
    const id = rels.add(relType('hyperlink', pkg.strict), address);
    added.push(`<${qualified(root.tag.prefix, 'hyperlink')} ref="${cell}" ${relPrefix}:id="${id}"/>`);
  }
  if (rels.changed) pkg.put(relsPart, rels.toXml());

  const inner = kept.map((h) => h.text).join('') + added.join('');
  // The sheet's own `<hyperlinks>` start tag is kept (with whatever it declares); an empty one is left out, as the
  // schema wants at least one link in it.
  const name = found.hyperlinks?.tag.name ?? qualified(root.tag.prefix, 'hyperlinks');
  const open = found.hyperlinks === undefined ? `<${name}>` : startTagText(found.hyperlinks.tag, {}, [], false);
  const element = inner === '' ? '' : `${open}${inner}</${name}>`;
  const body = xml.slice(root.openEnd);
  const shift = (offset: number): number => offset - root.openEnd;
  if (found.hyperlinks !== undefined) {
    const { start, end } = found.hyperlinks;
    return head + body.slice(0, shift(start)) + element + body.slice(shift(end));
  }
  const at = shift(found.insertAt ?? root.closeStart);
  return head + body.slice(0, at) + element + body.slice(at);
}

function scan(part: string, xml: string): Found {
  const found: Found = {};
  let depth = 0;
  let sawSheetData = false;
  let open: NonNullable<Found['hyperlinks']> | undefined;
  let child: { ref: string; id?: string; start: number } | undefined;
  const keep = (c: { ref: string; id?: string }, text: string): void => {
    open?.children.push({ ref: c.ref, ...(c.id !== undefined ? { id: c.id } : {}), text });
  };
  parseXmlText(part, xml, {
    open(tag, start, end) {
      depth++;
      if (depth === 1) found.root = { tag, openEnd: end, closeStart: end };
      else if (depth === 2 && tag.main) {
        if (tag.local === 'sheetData') sawSheetData = true;
        else if (tag.local === 'hyperlinks') open = { tag, start, end, children: [] };
        else if (sawSheetData && found.insertAt === undefined && AFTER_HYPERLINKS.has(tag.local)) {
          found.insertAt = start;
        }
      } else if (depth === 3 && open !== undefined && isMain(tag, 'hyperlink')) {
        const id = nsAttrOf(tag, NS.rel, 'id');
        child = { ref: attrOf(tag, 'ref') ?? '', ...(id !== undefined ? { id } : {}), start };
        if (tag.isSelfClosing) {
          keep(child, xml.slice(start, end));
          child = undefined;
        }
      }
    },
    close(tag, start, end) {
      if (depth === 3 && child !== undefined && isMain(tag, 'hyperlink')) {
        keep(child, xml.slice(child.start, end));
        child = undefined;
      } else if (depth === 2 && open !== undefined && isMain(tag, 'hyperlinks')) {
        open.end = end;
        found.hyperlinks = open;
        open = undefined;
      } else if (depth === 1 && found.root !== undefined && !tag.isSelfClosing) found.root.closeStart = start;
      depth--;
    },
  });
  return found;
}

/** `U2` for `U2`, `u2` or `$U$2`: how the plan names a status cell. */
function cellOf(ref: string): string {
  return ref.replaceAll('$', '').toUpperCase();
}

function freePrefix(tag: Tag): string {
  let prefix = 'r';
  for (let n = 1; `xmlns:${prefix}` in tag.attributes; n++) prefix = `r${n}`;
  return prefix;
}

const EMPTY_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + `<Relationships xmlns="${NS.package}"></Relationships>`;

/** A sheet's relationships part, relationships removed by id and external ones added. */
class RelsEdit {
  changed = false;
  private readonly xml: string;
  private readonly spans = new Map<string, { start: number; end: number }>();
  private readonly used = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly added: string[] = [];
  private prefix = '';
  private closeStart = -1;
  private rootOpen = { start: 0, end: 0, tag: undefined as Tag | undefined };

  constructor(part: string, xml: string | undefined) {
    this.xml = xml ?? EMPTY_RELS;
    let depth = 0;
    parseXmlText(part, this.xml, {
      open: (tag, start, end) => {
        depth++;
        if (depth === 1) {
          this.prefix = tag.prefix;
          this.rootOpen = { start, end, tag };
        } else if (depth === 2 && tag.uri === NS.package && tag.local === 'Relationship') {
          const id = attrOf(tag, 'Id') ?? '';
          this.used.add(id);
          this.spans.set(id, { start, end: tag.isSelfClosing ? end : -1 });
        }
      },
      close: (tag, start, end) => {
        if (depth === 2 && tag.local === 'Relationship' && !tag.isSelfClosing) {
          const span = [...this.spans.values()].at(-1);
          if (span !== undefined) span.end = end;
        } else if (depth === 1) this.closeStart = tag.isSelfClosing ? -1 : start;
        depth--;
      },
    });
  }

  remove(id: string): void {
    if (!this.spans.has(id)) return;
    this.removed.add(id);
    this.changed = true;
  }

  add(type: string, target: string): string {
    let n = this.used.size + 1;
    while (this.used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.used.add(id);
    this.added.push(
      `<${qualified(this.prefix, 'Relationship')} Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(target)}" TargetMode="External"/>`,
    );
    this.changed = true;
    return id;
  }

  toXml(): string {
    const cuts = [...this.removed]
      .map((id) => this.spans.get(id) as { start: number; end: number })
      .sort((a, b) => a.start - b.start);
    const inner = this.added.join('');
    const root = this.rootOpen;
    let source = this.xml;
    let closeStart = this.closeStart;
    if (closeStart < 0 && root.tag !== undefined) {
      // A self-closing `<Relationships/>`, opened up.
      source = `${source.slice(0, root.start)}${startTagText(root.tag, {}, [], false)}</${root.tag.name}>${source.slice(root.end)}`;
      closeStart = root.start + startTagText(root.tag, {}, [], false).length;
    }
    let out = '';
    let at = 0;
    for (const cut of cuts) {
      out += source.slice(at, cut.start);
      at = cut.end;
    }
    return out + source.slice(at, closeStart) + inner + source.slice(closeStart);
  }
}
