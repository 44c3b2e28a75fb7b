/**
 * A write-back plan applied by patching the `.xlsx` parts it concerns, the way xlsx-write.ts applies it through
 * exceljs: statuses as text cells (inline strings, Text format `@`), fills through styles appended to `styles.xml`,
 * notes in the sheet's comments part and its VML drawing, `Kiva log` rows appended (or the sheet created). Every
 * other part of the file — other sheets, charts, pivot tables, an add-in's settings — is written back byte for
 * byte, so nothing is lost that exceljs would drop.
 */
import { columnNumber, FILL, type SheetWriteBack, type WriteBackPlan } from '../../sheet';
import { isOwnNoteText, parseComments, REL, type SheetEntry, type XlsxPackage } from './xlsx-lean';
import { fileText } from './xlsx-write';
import {
  addRel,
  attr,
  columnLetters,
  escapeXml,
  LeanUnsupported,
  parseRef,
  relsPathOf,
  removeAttr,
  resolveTarget,
  setAttr,
} from './xlsx-xml';

const TEXT_FORMAT_ID = '49';
const OUR_FILLS = new Set(Object.values(FILL).map(argb));
const LOG_WIDTHS = [18, 12, 12, 26, 12, 70];
const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
};
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** `styles.xml` with styles appended, one per (original style, change), whichever cell asks. */
class Styles {
  private readonly xfs: string[];
  private readonly fills: string[];
  private readonly fonts: string[];
  private readonly derived = new Map<string, number>();
  private readonly fillIds = new Map<string, number>();
  private boldFont: number | undefined;
  private touched = false;

  constructor(private readonly xml: string) {
    this.xfs = items(section(xml, 'cellXfs'), 'xf');
    this.fills = items(section(xml, 'fills'), 'fill');
    this.fonts = items(section(xml, 'fonts'), 'font');
    if (this.xfs.length === 0 || this.fills.length === 0 || this.fonts.length === 0) {
      throw new LeanUnsupported('styles without cellXfs, fills or fonts');
    }
  }

  text(style: number): number {
    return this.derive(style, 'text', (tag) =>
      setAttr(setAttr(tag, 'numFmtId', TEXT_FORMAT_ID), 'applyNumberFormat', '1'),
    );
  }

  fill(style: number, hex: string): number {
    return this.derive(style, `fill ${hex}`, (tag) =>
      setAttr(setAttr(tag, 'fillId', String(this.fillId(hex))), 'applyFill', '1'),
    );
  }

  unfill(style: number): number {
    return this.derive(style, 'unfill', (tag) => setAttr(tag, 'fillId', '0'));
  }

  boldText(style: number): number {
    return this.derive(this.text(style), 'bold', (tag) =>
      setAttr(setAttr(tag, 'fontId', String(this.bold())), 'applyFont', '1'),
    );
  }

  hasOurFill(style: number): boolean {
    const fill = this.fills[Number(attr(startTag(this.xfs[style] ?? ''), 'fillId') ?? 0)] ?? '';
    if (!/patternType\s*=\s*"solid"/.test(fill)) return false;
    const rgb = /<fgColor\b[^>]*>/.exec(fill)?.[0];
    return rgb !== undefined && OUR_FILLS.has((attr(rgb, 'rgb') ?? '').toUpperCase());
  }

  toXml(): string | undefined {
    if (!this.touched) return undefined;
    let xml = replaceSection(this.xml, 'cellXfs', this.xfs, 'xf');
    xml = replaceSection(xml, 'fills', this.fills, 'fill');
    return replaceSection(xml, 'fonts', this.fonts, 'font');
  }

  private derive(style: number, change: string, make: (startTag: string) => string): number {
    const base = this.xfs[style] === undefined ? 0 : style;
    const key = `${change}\u0000${base}`;
    let found = this.derived.get(key);
    if (found === undefined) {
      const xf = this.xfs[base] as string;
      const tag = startTag(xf);
      this.xfs.push(make(tag) + xf.slice(tag.length));
      found = this.xfs.length - 1;
      this.derived.set(key, found);
      this.touched = true;
    }
    return found;
  }

  private fillId(hex: string): number {
    let id = this.fillIds.get(hex);
    if (id === undefined) {
      this.fills.push(
        `<fill><patternFill patternType="solid"><fgColor rgb="${argb(hex)}"/><bgColor indexed="64"/></patternFill></fill>`,
      );
      id = this.fills.length - 1;
      this.fillIds.set(hex, id);
    }
    return id;
  }

  private bold(): number {
    if (this.boldFont === undefined) {
      const base = (this.fonts[0] as string).replace(/<b\s*\/>|<b\s+val="[^"]*"\s*\/>/g, '');
      this.fonts.push(base.endsWith('/>') ? '<font><b/></font>' : base.replace(/^<font\b[^>]*>/, (t) => `${t}<b/>`));
      this.boldFont = this.fonts.length - 1;
    }
    return this.boldFont;
  }
}

function section(xml: string, name: string): string {
  return new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? '';
}

function items(body: string, name: string): string[] {
  return [...body.matchAll(new RegExp(`<${name}(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</${name}>)`, 'g'))].map((m) => m[0]);
}

function replaceSection(xml: string, name: string, list: readonly string[], _item: string): string {
  return xml.replace(
    new RegExp(`(<${name}\\b[^>]*>)[\\s\\S]*?</${name}>`),
    (_m, head: string) => `${setAttr(head, 'count', String(list.length))}${list.join('')}</${name}>`,
  );
}

function startTag(element: string): string {
  return /^<[^>]*>/.exec(element)?.[0] ?? element;
}

/** What happens to one cell: a new style from the old one, and new content (text, or empty) or the old one. */
interface CellEdit {
  style: (old: number) => number;
  text?: string | null;
}

type SheetEdits = Map<number, Map<number, CellEdit[]>>;

function addEdit(edits: SheetEdits, row: number, column: number, edit: CellEdit): void {
  let cells = edits.get(row);
  if (cells === undefined) edits.set(row, (cells = new Map()));
  const list = cells.get(column);
  if (list === undefined) cells.set(column, [edit]);
  else list.push(edit);
}

/** The sheet XML with the edits made, rows and cells kept in order; nothing else in it changes. */
function patchSheetXml(xml: string, edits: SheetEdits, extra?: { legacyDrawing?: string }): string {
  let source = xml.replace(/<sheetData\s*\/>/, '<sheetData></sheetData>');
  const start = source.indexOf('<sheetData');
  const open = source.indexOf('>', start) + 1;
  const end = source.indexOf('</sheetData>');
  if (start < 0 || end < 0) throw new LeanUnsupported('no sheetData');
  const columnStyles = colStyles(source.slice(0, start));
  const pending = [...edits.keys()].sort((a, b) => a - b);
  let next = 0;
  let maxRow = 0;
  let maxColumn = 0;
  const out: string[] = [source.slice(0, open)];
  const newRow = (row: number): string => {
    const cells = edits.get(row) as Map<number, CellEdit[]>;
    return `<row r="${row}">${rebuildCells('', row, cells, 0, columnStyles)}</row>`;
  };
  let previousRow = 0;
  const data = source.slice(open, end);
  let last = 0;
  for (const m of data.matchAll(/<row\b([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g)) {
    const head = m[1] ?? '';
    const row = Number(attr(head, 'r') ?? previousRow + 1);
    previousRow = row;
    maxRow = Math.max(maxRow, row);
    const cells = edits.get(row);
    if (cells === undefined && (pending[next] === undefined || (pending[next] as number) > row)) continue;
    out.push(data.slice(last, m.index));
    last = (m.index as number) + m[0].length;
    while (next < pending.length && (pending[next] as number) < row) out.push(newRow(pending[next++] as number));
    if (cells === undefined) {
      out.push(m[0]);
      continue;
    }
    next++;
    const rowStyle = /^(1|true)$/.test(attr(head, 'customFormat') ?? '') ? Number(attr(head, 's') ?? 0) : 0;
    const tag = removeAttr(`<row${head.includes('r=') ? head : ` r="${row}"${head}`}>`, 'spans');
    out.push(`${tag}${rebuildCells(m[3] ?? '', row, cells, rowStyle, columnStyles)}</row>`);
  }
  out.push(data.slice(last));
  while (next < pending.length) out.push(newRow(pending[next++] as number));
  for (const [row, cells] of edits) {
    maxRow = Math.max(maxRow, row);
    for (const column of cells.keys()) maxColumn = Math.max(maxColumn, column);
  }
  let tail = source.slice(end);
  let head = out.join('');
  if (extra?.legacyDrawing !== undefined) {
    const root = /<worksheet\b[^>]*>/.exec(head)?.[0] ?? '';
    let prefix = nsPrefix(root);
    if (prefix === undefined) {
      prefix = 'r';
      head = head.replace(root, setAttr(root, 'xmlns:r', NS_R));
    }
    tail = insertLegacyDrawing(tail, extra.legacyDrawing, prefix);
  }
  out.length = 0;
  source = '';
  head = head.replace(/<dimension\b[^>]*>/, (tag) => {
    const [from, to] = (attr(tag, 'ref') ?? 'A1').split(':').map((r) => parseRef(r));
    const bottom = Math.max(to?.row ?? from?.row ?? 1, maxRow);
    const right = Math.max(to?.column ?? from?.column ?? 1, maxColumn);
    const first = from ?? { row: 1, column: 1 };
    return setAttr(tag, 'ref', `${columnLetters(first.column)}${first.row}:${columnLetters(right)}${bottom}`);
  });
  return head + tail;
}

function colStyles(beforeData: string): (column: number) => number {
  const cols = [...beforeData.matchAll(/<col\b[^>]*>/g)].map((m) => ({
    min: Number(attr(m[0], 'min') ?? 0),
    max: Number(attr(m[0], 'max') ?? 0),
    style: Number(attr(m[0], 'style') ?? 0),
  }));
  return (column) => cols.find((c) => column >= c.min && column <= c.max)?.style ?? 0;
}

function rebuildCells(
  body: string,
  row: number,
  edits: Map<number, CellEdit[]>,
  rowStyle: number,
  columnStyle: (column: number) => number,
): string {
  const out: string[] = [];
  const wanted = [...edits.keys()].sort((a, b) => a - b);
  let next = 0;
  let previousColumn = 0;
  const fresh = (column: number): string =>
    editCell(row, column, undefined, rowStyle || columnStyle(column), edits.get(column) as CellEdit[]);
  for (const m of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const head = m[1] ?? '';
    const ref = attr(head, 'r');
    const column = ref === undefined ? previousColumn + 1 : (parseRef(ref)?.column ?? previousColumn + 1);
    previousColumn = column;
    while (next < wanted.length && (wanted[next] as number) < column) out.push(fresh(wanted[next++] as number));
    const list = edits.get(column);
    if (list === undefined) {
      out.push(ref === undefined ? m[0].replace(/^<c\b/, `<c r="${columnLetters(column)}${row}"`) : m[0]);
      continue;
    }
    next++;
    out.push(editCell(row, column, { head, body: m[2] }, Number(attr(head, 's') ?? 0), list));
  }
  while (next < wanted.length) out.push(fresh(wanted[next++] as number));
  return out.join('');
}

function editCell(
  row: number,
  column: number,
  old: { head: string; body: string | undefined } | undefined,
  oldStyle: number,
  list: readonly CellEdit[],
): string {
  let style = oldStyle;
  let text: string | null | undefined;
  for (const edit of list) {
    style = edit.style(style);
    if (edit.text !== undefined) text = edit.text;
  }
  const ref = `${columnLetters(column)}${row}`;
  const s = style === 0 ? '' : ` s="${style}"`;
  if (text === undefined) {
    if (old === undefined) return `<c r="${ref}"${s}/>`;
    let head = removeAttr(removeAttr(old.head, 's'), 'r');
    head = ` r="${ref}"${s}${head}`;
    return old.body === undefined ? `<c${head}/>` : `<c${head}>${old.body}</c>`;
  }
  if (text === null) return `<c r="${ref}"${s}/>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

const AFTER_LEGACY_DRAWING = [
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

function insertLegacyDrawing(tail: string, id: string, prefix: string): string {
  const element = `<legacyDrawing ${prefix}:id="${id}"/>`;
  let at = -1;
  for (const name of AFTER_LEGACY_DRAWING) {
    const found = tail.search(new RegExp(`<${name}[\\s>/]`));
    if (found >= 0 && (at < 0 || found < at)) at = found;
  }
  if (at < 0) at = tail.lastIndexOf('</worksheet>');
  return tail.slice(0, at) + element + tail.slice(at);
}

/** The whole plan into the package's parts. */
export async function patchPlan(
  pkg: XlsxPackage,
  plan: WriteBackPlan,
  headerRowOf: (sheet: string) => number,
  redact: (text: string) => string,
): Promise<void> {
  const styles = new Styles((await pkg.text(pkg.stylesPart)) as string);
  const types = new ContentTypes((await pkg.text('[Content_Types].xml')) ?? '');
  for (const part of plan.sheets) {
    const entry = pkg.sheets.find((s) => s.name === part.sheet);
    if (entry !== undefined) await patchSheet(pkg, entry, part, headerRowOf(part.sheet), redact, styles, types);
  }
  if (plan.log.lines.length > 0) await appendLog(pkg, plan, redact, styles, types);
  const stylesXml = styles.toXml();
  if (stylesXml !== undefined) pkg.put(pkg.stylesPart, stylesXml);
  if (types.changed) pkg.put('[Content_Types].xml', types.xml);
}

async function patchSheet(
  pkg: XlsxPackage,
  entry: SheetEntry,
  part: SheetWriteBack,
  headerRow: number,
  redact: (t: string) => string,
  styles: Styles,
  types: ContentTypes,
): Promise<void> {
  const edits: SheetEdits = new Map();
  const column = part.statusColumn;
  const xml = (await pkg.text(entry.part)) as string;
  if (column !== undefined) {
    if (column.create) {
      const left = column.number > 1 ? styleAt(xml, headerRow, column.number - 1) : undefined;
      const header = fileText(redact(column.header));
      addEdit(edits, headerRow, column.number, {
        style: (old) => styles.text(left ?? old),
        text: header,
      });
    }
    for (const status of part.statuses) {
      const text = status.text === '' ? null : fileText(redact(status.text));
      addEdit(edits, status.row, column.number, { style: (old) => styles.text(old), text });
    }
  }
  const notes = new Map<string, string | null>();
  for (const ref of part.clear) {
    addEdit(edits, ref.row, columnNumber(ref.column), {
      style: (old) => (styles.hasOurFill(old) ? styles.unfill(old) : old),
    });
    notes.set(`${ref.column}${ref.row}`, null);
  }
  for (const mark of part.marks) {
    addEdit(edits, mark.row, columnNumber(mark.column), { style: (old) => styles.fill(old, mark.fill) });
    notes.set(`${mark.column}${mark.row}`, redact(mark.note));
  }
  const legacyDrawing = notes.size > 0 ? await patchNotes(pkg, entry, xml, notes, types) : undefined;
  if (edits.size === 0 && legacyDrawing === undefined) return;
  pkg.put(entry.part, patchSheetXml(xml, edits, legacyDrawing === undefined ? undefined : { legacyDrawing }));
}

/** The style index of one cell as written in the sheet (0 when it has none or is absent). */
function styleAt(xml: string, row: number, column: number): number | undefined {
  const rowMatch = new RegExp(`<row\\b[^>]*\\sr="${row}"[^>]*>([\\s\\S]*?)</row>`).exec(xml);
  if (rowMatch === null) return undefined;
  const ref = `${columnLetters(column)}${row}`;
  const cell = new RegExp(`<c\\b[^>]*\\sr="${ref}"[^>]*>`).exec(rowMatch[1] ?? '');
  return cell === null ? undefined : Number(attr(cell[0], 's') ?? 0);
}

/**
 * Notes set (text) or taken off (null, only this tool's own): the comments part and the VML drawing that Excel
 * shows them with. Returns the relationship id of a VML drawing the sheet must now name, if it is new.
 */
async function patchNotes(
  pkg: XlsxPackage,
  entry: SheetEntry,
  sheetXml: string,
  notes: Map<string, string | null>,
  types: ContentTypes,
): Promise<string | undefined> {
  const relsPath = relsPathOf(entry.part);
  let relsXml = await pkg.text(relsPath);
  const rels = await pkg.rels(entry.part);
  const commentsRel = rels.find((r) => r.type === REL.comments);
  let commentsPart = commentsRel === undefined ? undefined : resolveTarget(entry.part, commentsRel.target);
  const existing = commentsPart === undefined ? undefined : await pkg.text(commentsPart);
  const comments = parseComments(existing);

  const removed = new Set<string>();
  const kept = comments.filter((c) => {
    const change = notes.get(c.ref);
    if (change === undefined) return true;
    if (change === null && !isOwnNoteText(c.text)) return true;
    removed.add(c.ref);
    return false;
  });
  const added = [...notes].filter((n): n is [string, string] => n[1] !== null);
  if (removed.size === 0 && added.length === 0) return undefined;

  let head = existing === undefined ? COMMENTS_HEAD : (/^[\s\S]*?<commentList>/.exec(existing)?.[0] ?? COMMENTS_HEAD);
  if (!head.includes('<commentList>')) head = head.replace(/<commentList\s*\/>/, '<commentList>');
  const authors = [
    ...(/<authors>([\s\S]*?)<\/authors>/.exec(head)?.[1] ?? '').matchAll(
      /<author\b[^>]*?(?:\/>|>([\s\S]*?)<\/author>)/g,
    ),
  ];
  let authorId = authors.findIndex((a) => (a[1] ?? '') === '');
  if (authorId < 0) {
    authorId = authors.length;
    head = head.includes('<authors>')
      ? head.replace('</authors>', '<author></author></authors>')
      : head.replace(/<authors\s*\/>/, '<authors><author></author></authors>');
  }
  const newComments = added.map(
    ([ref, text]) =>
      `<comment ref="${ref}" authorId="${authorId}"><text><r><t xml:space="preserve">${escapeXml(text)}</t></r></text></comment>`,
  );
  const commentsXml = `${head}${kept.map((c) => c.xml).join('')}${newComments.join('')}</commentList></comments>`;
  if (commentsPart === undefined) {
    commentsPart = freePart(pkg, 'xl/comments', '.xml');
    const rel = addRel(relsXml, REL.comments, relativeTarget(entry.part, commentsPart));
    relsXml = rel.xml;
    types.override(commentsPart, CT.comments);
  }
  pkg.put(commentsPart, commentsXml);

  // The drawing: the sheet's legacyDrawing relationship.
  const legacyId = /<legacyDrawing\b[^>]*>/.exec(sheetXml)?.[0];
  const vmlId = legacyId === undefined ? undefined : /\s(?:\w+:)?id\s*=\s*"([^"]*)"/.exec(legacyId)?.[1];
  const vmlRel = rels.find((r) => r.id === vmlId && r.type === REL.vmlDrawing);
  let vmlPart = vmlRel === undefined ? undefined : resolveTarget(entry.part, vmlRel.target);
  let vml = vmlPart === undefined ? undefined : await pkg.text(vmlPart);
  let newRelId: string | undefined;
  if (vml === undefined) {
    if (legacyId !== undefined) throw new LeanUnsupported('a legacy drawing that cannot be read');
    vml = await newVml(pkg);
    vmlPart = freePart(pkg, 'xl/drawings/vmlDrawing', '.vml');
    const rel = addRel(relsXml, REL.vmlDrawing, relativeTarget(entry.part, vmlPart));
    relsXml = rel.xml;
    newRelId = rel.id;
    types.defaultFor('vml', CT.vml);
  }
  const replaced = new Set([...removed, ...added.map(([ref]) => ref)]);
  vml = vml.replace(/<v:shape\b(?:[^>]*?\/>|[\s\S]*?<\/v:shape>)/g, (shape) => {
    if (!/ObjectType\s*=\s*"Note"/.test(shape)) return shape;
    const row = Number(/<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1] ?? -1);
    const column = Number(/<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1] ?? -1);
    return replaced.has(`${columnLetters(column + 1)}${row + 1}`) ? '' : shape;
  });
  if (!vml.includes('_x0000_t202"') && !vml.includes("_x0000_t202'")) {
    vml = vml.replace(/<\/xml>\s*$/, `${SHAPE_TYPE}</xml>`);
  }
  let shapeId = Math.max(vmlBlock(vml) * 1024, ...[...vml.matchAll(/id="_x0000_s(\d+)"/g)].map((m) => Number(m[1])));
  const shapes = added.map(([ref]) => noteShape(ref, ++shapeId));
  vml = vml.replace(/<\/xml>\s*$/, `${shapes.join('')}</xml>`);
  pkg.put(vmlPart as string, vml);
  if (relsXml !== undefined) pkg.put(relsPath, relsXml);
  return newRelId;
}

const COMMENTS_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author></author></authors><commentList>';

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function vmlBlock(vml: string): number {
  return Number(/<o:idmap\b[^>]*data="(\d+)/.exec(vml)?.[1] ?? 1);
}

/** A VML drawing with an id block no other drawing of the workbook uses. */
async function newVml(pkg: XlsxPackage): Promise<string> {
  let block = 0;
  for (const name of pkg.names().filter((n) => n.endsWith('.vml'))) {
    const text = (await pkg.text(name)) ?? '';
    for (const m of text.matchAll(/<o:idmap\b[^>]*data="([\d,\s]*)"/g)) {
      for (const n of (m[1] ?? '').split(/[,\s]+/)) block = Math.max(block, Number(n) || 0);
    }
  }
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
    'xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block + 1}"/></o:shapelayout>${SHAPE_TYPE}</xml>`
  );
}

function noteShape(ref: string, id: number): string {
  const at = parseRef(ref) as { row: number; column: number };
  const r = at.row - 1;
  const c = at.column - 1;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;` +
    'width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">' +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>` +
    `<x:Anchor>${c + 1}, 15, ${Math.max(r - 1, 0)}, 2, ${c + 3}, 15, ${r + 3}, 16</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`
  );
}

function freePart(pkg: XlsxPackage, stem: string, ext: string): string {
  for (let n = 1; ; n++) if (!pkg.has(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
}

/** `xl/worksheets/sheet1.xml` → `../comments1.xml` for `xl/comments1.xml`. */
function relativeTarget(from: string, to: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDir.length && fromDir[common] === toParts[common]) common++;
  return [...fromDir.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

class ContentTypes {
  changed = false;
  constructor(public xml: string) {}

  override(part: string, type: string): void {
    if (this.xml.includes(`PartName="/${part}"`)) return;
    this.xml = this.xml.replace('</Types>', `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/></Types>`);
    this.changed = true;
  }

  defaultFor(ext: string, type: string): void {
    if (new RegExp(`Extension="${ext}"`, 'i').test(this.xml)) return;
    this.xml = this.xml.replace('</Types>', `<Default Extension="${ext}" ContentType="${type}"/></Types>`);
    this.changed = true;
  }
}

async function appendLog(
  pkg: XlsxPackage,
  plan: WriteBackPlan,
  redact: (t: string) => string,
  styles: Styles,
  types: ContentTypes,
): Promise<void> {
  let entry = pkg.sheets.find((s) => s.name === plan.log.sheet);
  const edits: SheetEdits = new Map();
  let xml: string;
  let next: number;
  if (entry === undefined) {
    entry = await addSheet(pkg, plan.log.sheet, types);
    xml = (await pkg.text(entry.part)) as string;
    plan.log.headers.forEach((h, k) =>
      addEdit(edits, 1, k + 1, { style: (old) => styles.boldText(old), text: fileText(h) }),
    );
    next = 2;
  } else {
    xml = (await pkg.text(entry.part)) as string;
    const rows = [...xml.matchAll(/<row\b[^>]*?\sr="(\d+)"/g)].map((m) => Number(m[1]));
    next = rows.reduce((a, b) => Math.max(a, b), 0) + 1;
  }
  for (const line of plan.log.lines) {
    line.forEach((cell, k) =>
      addEdit(edits, next, k + 1, { style: (old) => styles.text(old), text: fileText(redact(cell)) }),
    );
    next++;
  }
  pkg.put(entry.part, patchSheetXml(xml, edits));
}

async function addSheet(pkg: XlsxPackage, name: string, types: ContentTypes): Promise<SheetEntry> {
  const part = freePart(pkg, 'xl/worksheets/sheet', '.xml');
  const cols = LOG_WIDTHS.map((w, k) => `<col min="${k + 1}" max="${k + 1}" width="${w}" customWidth="1"/>`).join('');
  pkg.put(
    part,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS_R}">` +
      '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData></sheetData>` +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
  );
  types.override(part, CT.worksheet);
  const relsPath = relsPathOf(pkg.workbookPart);
  const rel = addRel(await pkg.text(relsPath), REL.worksheet, relativeTarget(pkg.workbookPart, part));
  pkg.put(relsPath, rel.xml);
  let workbook = (await pkg.text(pkg.workbookPart)) as string;
  const sheetId =
    Math.max(0, ...[...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => Number(attr(m[0], 'sheetId') ?? 0))) + 1;
  const root = /<workbook\b[^>]*>/.exec(workbook)?.[0] ?? '';
  const prefix = nsPrefix(root);
  if (prefix === undefined) throw new LeanUnsupported('workbook without the relationships namespace');
  const element = `<sheet name="${escapeXml(name)}" sheetId="${sheetId}" ${prefix}:id="${rel.id}"/>`;
  workbook = workbook.replace('</sheets>', `${element}</sheets>`);
  pkg.put(pkg.workbookPart, workbook);
  const entry: SheetEntry = { name, state: 'visible', sheetId, part };
  pkg.sheets.push(entry);
  return entry;
}

/** The prefix a root element gives the relationships namespace (`r` as a rule). */
function nsPrefix(root: string): string | undefined {
  for (const m of root.matchAll(/xmlns:(\w+)\s*=\s*"([^"]*)"/g)) if (m[2] === NS_R) return m[1];
  return undefined;
}

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, '').toUpperCase()}`;
}
