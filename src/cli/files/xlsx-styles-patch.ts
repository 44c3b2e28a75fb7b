/**
 * `styles.xml` with styles appended, one per (original style, change), whichever cell asks: Text format for
 * statuses, this tool's fills and marker borders for marked cells, a bold font for the log's header. The part is
 * read by element; the sections it changes (`fonts`, `fills`, `borders`, `cellXfs`) are written back with the original items as they were
 * and the new ones after them, in the part's own prefix; everything else is copied as it was.
 */
import { OWN_BORDERS, OWN_FILLS } from '../../sheet';
import { attrOf, isMain, parseXmlText, qualified, startTagText, type Tag } from './xml';
import { LeanUnsupported } from './problems';

const TEXT_FORMAT_ID = '49';
const OUR_FILLS = new Set(OWN_FILLS.map(argb));
const OUR_BORDERS = new Set(OWN_BORDERS.map(argb));
const SECTIONS = ['fonts', 'fills', 'borders', 'cellXfs'] as const;
/** Sections every file must have for this patcher; `borders` is needed only when a border is added. */
const REQUIRED: readonly SectionName[] = ['fonts', 'fills', 'cellXfs'];
const EDGES = ['left', 'right', 'top', 'bottom'] as const;
type SectionName = (typeof SECTIONS)[number];

interface Item {
  tag: Tag;
  /** The element as written; `startLength` is the length of its start tag within it. */
  text: string;
  startLength: number;
}

interface Section {
  tag: Tag;
  /** The section's start tag spans [start, contentStart); its items end at contentEnd; the element at end. */
  start: number;
  contentStart: number;
  contentEnd: number;
  end: number;
  items: Item[];
}

interface StylesIndex {
  prefix: string;
  sections: Partial<Record<SectionName, Section>>;
  /** Per fill: the colour of a solid pattern fill, upper-case ARGB. */
  solidFills: (string | undefined)[];
  /** Per font: its children as written, and whether one is `<b>`. */
  fontChildren: string[][];
  /** Per border: the colour all four edges share (upper-case ARGB), when they have one. */
  outlineColors: (string | undefined)[];
}

function indexStyles(part: string, xml: string): StylesIndex {
  const index: StylesIndex = { prefix: '', sections: {}, solidFills: [], fontChildren: [], outlineColors: [] };
  let depth = 0;
  let section: Section | undefined;
  let item: { tag: Tag; start: number; startEnd: number } | undefined;
  let child: number | undefined;
  let fill: { solid: boolean; rgb: string | undefined } | undefined;
  let font: string[] | undefined;
  let border: Map<string, string | undefined> | undefined;
  let edge: string | undefined;
  parseXmlText(part, xml, {
    open(tag, start, end) {
      depth++;
      if (depth === 1) index.prefix = tag.prefix;
      if (depth === 2 && SECTIONS.some((s) => isMain(tag, s))) {
        section = { tag, start, contentStart: end, contentEnd: end, end, items: [] };
        index.sections[tag.local as SectionName] = section;
      } else if (depth === 3 && section !== undefined) {
        item = { tag, start, startEnd: end };
        if (section.tag.local === 'fills') fill = { solid: false, rgb: undefined };
        if (section.tag.local === 'fonts') font = [];
        if (section.tag.local === 'borders') border = new Map();
      } else if (depth === 4 && font !== undefined) child = start;
      else if (depth === 4 && border !== undefined && EDGES.some((e) => isMain(tag, e))) {
        edge = tag.local;
        border.set(edge, attrOf(tag, 'style') === undefined ? undefined : '');
      } else if (depth === 5 && border !== undefined && edge !== undefined && isMain(tag, 'color')) {
        if (border.get(edge) === '') border.set(edge, attrOf(tag, 'rgb')?.toUpperCase());
      }
      if (fill !== undefined && isMain(tag, 'patternFill')) fill.solid = attrOf(tag, 'patternType') === 'solid';
      if (fill !== undefined && isMain(tag, 'fgColor')) fill.rgb = attrOf(tag, 'rgb')?.toUpperCase();
    },
    close(tag, start, end) {
      if (depth === 4) edge = undefined;
      if (depth === 4 && font !== undefined && child !== undefined) {
        font.push(xml.slice(child, end));
        child = undefined;
      } else if (depth === 3 && section !== undefined && item !== undefined) {
        section.items.push({
          tag: item.tag,
          text: xml.slice(item.start, end),
          startLength: item.startEnd - item.start,
        });
        item = undefined;
        if (fill !== undefined) index.solidFills.push(fill.solid ? fill.rgb : undefined);
        if (font !== undefined) index.fontChildren.push(font);
        if (border !== undefined) index.outlineColors.push(sharedColor(border));
        fill = undefined;
        font = undefined;
        border = undefined;
      } else if (depth === 2 && section !== undefined) {
        section.contentEnd = tag.isSelfClosing ? section.contentStart : start;
        section.end = end;
        section = undefined;
      }
      depth--;
    },
  });
  return index;
}

export class Styles {
  private readonly index: StylesIndex;
  private readonly added: Record<SectionName, string[]> = { fonts: [], fills: [], borders: [], cellXfs: [] };
  private readonly derived = new Map<string, number>();
  private readonly fillIds = new Map<string, number>();
  private readonly borderIds = new Map<string, number>();
  private boldFont: number | undefined;
  private readonly addedXfs: Item[] = [];

  constructor(
    part: string,
    private readonly xml: string,
  ) {
    this.index = indexStyles(part, xml);
    for (const name of REQUIRED) {
      if ((this.index.sections[name]?.items.length ?? 0) === 0) throw new LeanUnsupported(`styles without ${name}`);
    }
  }

  text(style: number): number {
    return this.derive(style, 'text', () => ({ numFmtId: TEXT_FORMAT_ID, applyNumberFormat: '1' }));
  }

  fill(style: number, hex: string): number {
    return this.derive(style, `fill ${hex}`, () => ({ fillId: String(this.fillId(hex)), applyFill: '1' }));
  }

  unfill(style: number): number {
    return this.derive(style, 'unfill', () => ({ fillId: '0' }));
  }

  /** A medium border of this colour on all four edges. */
  outline(style: number, hex: string): number {
    return this.derive(style, `border ${hex}`, () => ({ borderId: String(this.borderId(hex)), applyBorder: '1' }));
  }

  /** No border at all: the file's first border (`borderId` 0) is, by Excel's convention, the empty one. */
  unoutline(style: number): number {
    return this.derive(style, 'unborder', () => ({ borderId: '0' }));
  }

  hasOurBorder(style: number): boolean {
    const xf = this.xf(style);
    const borderId = Number(xf === undefined ? 0 : (attrOf(xf.tag, 'borderId') ?? 0));
    const rgb = this.index.outlineColors[borderId];
    return rgb !== undefined && OUR_BORDERS.has(rgb);
  }

  /** Our fill and our border taken off; the user's own stay. */
  unmark(style: number): number {
    const unfilled = this.hasOurFill(style) ? this.unfill(style) : style;
    return this.hasOurBorder(style) ? this.unoutline(unfilled) : unfilled;
  }

  boldText(style: number): number {
    return this.derive(this.text(style), 'bold', () => ({ fontId: String(this.bold()), applyFont: '1' }));
  }

  hasOurFill(style: number): boolean {
    const xf = this.xf(style);
    const fillId = Number(xf === undefined ? 0 : (attrOf(xf.tag, 'fillId') ?? 0));
    const rgb = this.index.solidFills[fillId];
    return rgb !== undefined && OUR_FILLS.has(rgb);
  }

  /** The part with the new styles, or undefined when none was added. */
  toXml(): string | undefined {
    if (SECTIONS.every((name) => this.added[name].length === 0)) return undefined;
    const changed = SECTIONS.filter((name) => this.added[name].length > 0)
      .map((name) => this.index.sections[name] as Section)
      .sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const section of changed) {
      const added = this.added[section.tag.local as SectionName];
      const count = String(section.items.length + added.length);
      out += this.xml.slice(at, section.start) + startTagText(section.tag, { count }, [], false);
      out += this.xml.slice(section.contentStart, section.contentEnd) + added.join('');
      out += `</${section.tag.name}>`;
      at = section.end;
    }
    return out + this.xml.slice(at);
  }

  /** A style as read, or as this run derived it (so a fill or border is still known after a text format). */
  private xf(style: number): Item | undefined {
    const items = (this.index.sections.cellXfs as Section).items;
    if (style < items.length) return items[style];
    return this.addedXfs[style - items.length];
  }

  private count(name: SectionName): number {
    return (this.index.sections[name] as Section).items.length + this.added[name].length;
  }

  /** A new `xf` like the style's (or the default's), with `change` made to its attributes. */
  private derive(style: number, change: string, attributes: () => Record<string, string>): number {
    const base = style < this.count('cellXfs') ? style : 0;
    const key = `${change}\u0000${base}`;
    let found = this.derived.get(key);
    if (found === undefined) {
      const originals = (this.index.sections.cellXfs as Section).items;
      // A style this run added derives from its own parsed form (its text alone would lack the part's
      // namespace declarations).
      const from =
        base < originals.length ? (originals[base] as Item) : (this.addedXfs[base - originals.length] as Item);
      const made = attributes();
      const tag = withAttributes(from.tag, made);
      const text = startTagText(tag) + from.text.slice(from.startLength);
      this.addedXfs.push({ tag, text, startLength: startTagText(tag).length });
      this.added.cellXfs.push(text);
      found = this.count('cellXfs') - 1;
      this.derived.set(key, found);
    }
    return found;
  }

  private fillId(hex: string): number {
    let id = this.fillIds.get(hex);
    if (id === undefined) {
      const q = (local: string): string => qualified(this.index.prefix, local);
      this.added.fills.push(
        `<${q('fill')}><${q('patternFill')} patternType="solid"><${q('fgColor')} rgb="${argb(hex)}"/>` +
          `<${q('bgColor')} indexed="64"/></${q('patternFill')}></${q('fill')}>`,
      );
      id = this.count('fills') - 1;
      this.fillIds.set(hex, id);
    }
    return id;
  }

  private borderId(hex: string): number {
    let id = this.borderIds.get(hex);
    if (id === undefined) {
      if ((this.index.sections.borders?.items.length ?? 0) === 0) throw new LeanUnsupported('styles without borders');
      const q = (local: string): string => qualified(this.index.prefix, local);
      const edge = (local: string): string =>
        `<${q(local)} style="medium"><${q('color')} rgb="${argb(hex)}"/></${q(local)}>`;
      this.added.borders.push(`<${q('border')}>${EDGES.map(edge).join('')}<${q('diagonal')}/></${q('border')}>`);
      id = this.count('borders') - 1;
      this.borderIds.set(hex, id);
    }
    return id;
  }

  /** The default font, bold. */
  private bold(): number {
    if (this.boldFont === undefined) {
      const q = (local: string): string => qualified(this.index.prefix, local);
      const children = (this.index.fontChildren[0] ?? []).filter((c) => !isBoldElement(c, this.index.prefix));
      this.added.fonts.push(`<${q('font')}><${q('b')}/>${children.join('')}</${q('font')}>`);
      this.boldFont = this.count('fonts') - 1;
    }
    return this.boldFont;
  }
}

/** The tag with attributes changed or added (the parsed form `startTagText` writes from). */
function withAttributes(tag: Tag, set: Readonly<Record<string, string>>): Tag {
  return { ...tag, attributes: { ...tag.attributes, ...set } };
}

function isBoldElement(element: string, prefix: string): boolean {
  const name = `<${qualified(prefix, 'b')}`;
  return (
    element.startsWith(name) &&
    (element[name.length] === '/' || element[name.length] === ' ' || element[name.length] === '>')
  );
}

/** The colour every edge of a border has (with a line style), or undefined when they differ or one has none. */
function sharedColor(edges: ReadonlyMap<string, string | undefined>): string | undefined {
  const colors = EDGES.map((e) => edges.get(e));
  const first = colors[0];
  return first !== undefined && first !== '' && colors.every((c) => c === first) ? first : undefined;
}

export function argb(hex: string): string {
  return `FF${hex.replace(/^#/, '').toUpperCase()}`;
}
