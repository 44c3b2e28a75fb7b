/**
 * Notes set (text) or taken off (null, only this tool's own), in the two parts Excel keeps them in: the sheet's
 * comments part (the text) and its legacy VML drawing (the yellow box). Both are read by element; comments the
 * user wrote are kept as written, and VML shapes other than the notes replaced are copied untouched.
 */
import { FileProblem } from './problems';
import { isOwnNoteText, relsPathOf, resolveTarget, type SheetEntry, type XlsxPackage } from './xlsx-lean';
import { addRel, relType, type ContentTypes } from './xlsx-package-patch';
import { columnLetters, parseCommentsText, parseRef } from './xlsx-read';
import { attrOf, escapeXml, parseXmlText, qualified, startTagText, type Tag } from './xml';

const CT = {
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
};
const NS_MAIN = [
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
];
const VML = {
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  x: 'urn:schemas-microsoft-com:office:excel',
} as const;

/**
 * Returns the relationship id of a VML drawing the sheet must now name (a `<legacyDrawing>`), if it is new.
 * `legacyDrawingId` is the id the sheet already names, if any.
 */
export async function patchNotes(
  pkg: XlsxPackage,
  entry: SheetEntry,
  legacyDrawingId: string | undefined,
  notes: Map<string, string | null>,
  types: ContentTypes,
): Promise<string | undefined> {
  const relsPath = relsPathOf(entry.part);
  let relsXml = await pkg.text(relsPath);
  const rels = await pkg.rels(entry.part);
  const commentsRel = rels.find((r) => r.kind === 'comments');
  let commentsPart = commentsRel === undefined ? undefined : resolveTarget(entry.part, commentsRel.target);
  const existing = commentsPart === undefined ? undefined : await pkg.text(commentsPart);
  const parsed = existing === undefined ? undefined : parseCommentsText(commentsPart as string, existing);

  const removed = new Set<string>();
  const kept = (parsed?.comments ?? []).filter((c) => {
    const change = notes.get(c.ref);
    if (change === undefined) return true;
    if (change === null && !isOwnNoteText(c.text)) return true;
    removed.add(c.ref);
    return false;
  });
  const added = [...notes].filter((n): n is [string, string] => n[1] !== null);
  if (removed.size === 0 && added.length === 0) return undefined;

  const prefix = parsed?.prefix ?? '';
  const q = (local: string): string => qualified(prefix, local);
  const authors = [...(parsed?.authors ?? [])];
  let authorId = authors.indexOf('');
  if (authorId < 0) authorId = authors.push('') - 1;
  const head =
    existing === undefined || parsed === undefined
      ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<comments xmlns="${NS_MAIN[pkg.strict ? 1 : 0]}">`
      : existing.slice(0, parsed.rootOpenEnd);
  const tail = existing === undefined || parsed === undefined ? '</comments>' : existing.slice(parsed.bodyEnd);
  const newComments = added.map(
    ([ref, text]) =>
      `<${q('comment')} ref="${ref}" authorId="${authorId}"><${q('text')}><${q('r')}>` +
      `<${q('t')} xml:space="preserve">${escapeXml(text)}</${q('t')}></${q('r')}></${q('text')}></${q('comment')}>`,
  );
  const commentsXml =
    head +
    `<${q('authors')}>${authors.map((a) => `<${q('author')}>${escapeXml(a)}</${q('author')}>`).join('')}</${q('authors')}>` +
    `<${q('commentList')}>${kept.map((c) => c.xml).join('')}${newComments.join('')}</${q('commentList')}>` +
    tail;
  if (commentsPart === undefined) {
    commentsPart = freePart(pkg, 'xl/comments', '.xml');
    const rel = addRel(relsPath, relsXml, relType('comments', pkg.strict), relativeTarget(entry.part, commentsPart));
    relsXml = rel.xml;
    types.override(commentsPart, CT.comments);
  }
  pkg.put(commentsPart, commentsXml);

  // The drawing: the one the sheet's legacyDrawing names, or a new one.
  const vmlRel = rels.find((r) => r.id === legacyDrawingId && r.kind === 'vmlDrawing');
  let vmlPart = vmlRel === undefined ? undefined : resolveTarget(entry.part, vmlRel.target);
  let vml = vmlPart === undefined ? undefined : await pkg.text(vmlPart);
  let newRelId: string | undefined;
  if (vml === undefined) {
    if (legacyDrawingId !== undefined) {
      throw new FileProblem('damaged', relsPath, 'part-missing', { missing: vmlPart ?? legacyDrawingId });
    }
    vml = await newVml(pkg);
    vmlPart = freePart(pkg, 'xl/drawings/vmlDrawing', '.vml');
    const rel = addRel(relsPath, relsXml, relType('vmlDrawing', pkg.strict), relativeTarget(entry.part, vmlPart));
    relsXml = rel.xml;
    newRelId = rel.id;
    types.defaultFor('vml', CT.vml);
  }
  const replaced = new Set([...removed, ...added.map(([ref]) => ref)]);
  pkg.put(
    vmlPart as string,
    patchVml(
      vmlPart as string,
      vml,
      replaced,
      added.map(([ref]) => ref),
    ),
  );
  if (relsXml !== undefined) pkg.put(relsPath, relsXml);
  return newRelId;
}

interface VmlIndex {
  root: { tag: Tag; openEnd: number; closeStart: number };
  /** Note shapes, by the cell they belong to (`B7`), with their span. */
  noteShapes: { ref: string; start: number; end: number }[];
  hasNoteShapeType: boolean;
  maxShapeNumber: number;
  idBlocks: number[];
}

function indexVml(part: string, xml: string): VmlIndex {
  const index: VmlIndex = {
    root: { tag: undefined as unknown as Tag, openEnd: 0, closeStart: 0 },
    noteShapes: [],
    hasNoteShapeType: false,
    maxShapeNumber: 0,
    idBlocks: [],
  };
  let depth = 0;
  let shape: { start: number; note: boolean; row: string; column: string } | undefined;
  let collecting: 'row' | 'column' | undefined;
  parseXmlText(part, xml, {
    open(tag, start, end) {
      depth++;
      if (depth === 1) index.root = { tag, openEnd: end, closeStart: end };
      if (tag.uri === VML.v && tag.local === 'shapetype' && attrOf(tag, 'id') === '_x0000_t202')
        index.hasNoteShapeType = true;
      if (tag.uri === VML.o && tag.local === 'idmap') {
        for (const n of (attrOf(tag, 'data') ?? '').split(/[,\s]+/)) if (Number(n) > 0) index.idBlocks.push(Number(n));
      }
      if (depth === 2 && tag.uri === VML.v && tag.local === 'shape') {
        shape = { start, note: false, row: '', column: '' };
        const number = /^_x0000_s(\d+)$/.exec(attrOf(tag, 'id') ?? '')?.[1];
        if (number !== undefined) index.maxShapeNumber = Math.max(index.maxShapeNumber, Number(number));
      }
      if (shape !== undefined && tag.uri === VML.x) {
        if (tag.local === 'ClientData') shape.note = attrOf(tag, 'ObjectType') === 'Note';
        else if (tag.local === 'Row') collecting = 'row';
        else if (tag.local === 'Column') collecting = 'column';
      }
    },
    close(tag, start, end) {
      if (depth === 1) index.root.closeStart = tag.isSelfClosing ? index.root.openEnd : start;
      if (shape !== undefined && tag.uri === VML.x && (tag.local === 'Row' || tag.local === 'Column'))
        collecting = undefined;
      if (depth === 2 && shape !== undefined && tag.uri === VML.v && tag.local === 'shape') {
        if (shape.note && shape.row.trim() !== '' && shape.column.trim() !== '') {
          const ref = `${columnLetters(Number(shape.column) + 1)}${Number(shape.row) + 1}`;
          index.noteShapes.push({ ref, start: shape.start, end });
        }
        shape = undefined;
      }
      depth--;
    },
    text(text) {
      if (shape !== undefined && collecting !== undefined) shape[collecting] += text;
    },
  });
  return index;
}

/** The drawing without the note shapes of `replaced` cells, and with a shape for each cell of `added`. */
function patchVml(part: string, vml: string, replaced: ReadonlySet<string>, added: readonly string[]): string {
  const index = indexVml(part, vml);
  const root = index.root;
  let out = '';
  let at = 0;
  // The new shapes are written with the usual v:, o: and x: prefixes: the root must declare them.
  const missing: Record<string, string> = {};
  for (const [prefix, uri] of Object.entries(VML)) {
    const declared = root.tag.attributes[`xmlns:${prefix}`];
    if (declared === undefined) missing[`xmlns:${prefix}`] = uri;
    else if (declared !== uri)
      throw new FileProblem('damaged', part, 'unexpected-root', { element: `xmlns:${prefix}` });
  }
  if (Object.keys(missing).length > 0) {
    const start = vml.lastIndexOf('<', root.openEnd - 1);
    out += vml.slice(0, start) + startTagText(root.tag, missing);
    at = root.openEnd;
  }
  for (const shape of index.noteShapes) {
    if (!replaced.has(shape.ref)) continue;
    out += vml.slice(at, shape.start);
    at = shape.end;
  }
  out += vml.slice(at, root.closeStart);
  if (!index.hasNoteShapeType) out += SHAPE_TYPE;
  let shapeId = Math.max((index.idBlocks[0] ?? 1) * 1024, index.maxShapeNumber);
  out += added.map((ref) => noteShape(ref, ++shapeId)).join('');
  return out + vml.slice(root.closeStart);
}

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** A VML drawing with an id block no other drawing of the workbook uses. */
async function newVml(pkg: XlsxPackage): Promise<string> {
  let block = 0;
  for (const name of pkg.names().filter((n) => n.toLowerCase().endsWith('.vml'))) {
    const text = await pkg.text(name);
    if (text !== undefined) block = Math.max(block, ...indexVml(name, text).idBlocks);
  }
  return (
    `<xml xmlns:v="${VML.v}" xmlns:o="${VML.o}" xmlns:x="${VML.x}">` +
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

export function freePart(pkg: XlsxPackage, stem: string, ext: string): string {
  for (let n = 1; ; n++) if (!pkg.has(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
}

/** `xl/worksheets/sheet1.xml` → `../comments1.xml` for `xl/comments1.xml`. */
export function relativeTarget(from: string, to: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDir.length && fromDir[common] === toParts[common]) common++;
  return [...fromDir.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}
