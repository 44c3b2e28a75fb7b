/**
 * exceljs writes back only the parts it understands: the custom XML parts an add-in keeps in the workbook (the
 * pane's photos, src/app/photo-parts.ts) would vanish from a file it saves. They are put back into what exceljs
 * wrote, byte for byte, with the workbook's relationships to them and their content types, so the exceljs fallback
 * keeps them as the lean patcher does (it copies every part it does not change).
 */
import { relsPathOf, resolveTarget } from './xlsx-lean';
import { relativeTarget } from './xlsx-notes-patch';
import { addRel, ContentTypes } from './xlsx-package-patch';
import { parseRelsText } from './xlsx-read';
import { attrOf, NS, parseXmlText } from './xml';
import { ZipPackage } from './zip';

const CUSTOM_XML = /^customXml\//i;
const CONTENT_TYPES = '[Content_Types].xml';
const REL_CUSTOM_XML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';

/** Whether the package holds custom XML parts (then `withCustomXmlOf` has something to put back). */
export function hasCustomXml(zip: Pick<ZipPackage, 'names'>): boolean {
  return zip.names().some((name) => CUSTOM_XML.test(name));
}

/** `written` (what exceljs saved) with the custom XML parts of `original` and the references to them. */
export async function withCustomXmlOf(original: ZipPackage, written: Buffer): Promise<Buffer> {
  const parts = original.names().filter((name) => CUSTOM_XML.test(name));
  if (parts.length === 0) return written;
  const out = await ZipPackage.open(written, original.limits);
  const changed = new Map<string, string | Buffer>();
  for (const part of parts) changed.set(part, await original.bytes(part));

  // The workbook's relationships to its custom XML items, re-aimed from the new workbook part.
  const fromPart = await workbookPart(original);
  const toPart = await workbookPart(out);
  const toRels = relsPathOf(toPart);
  let relsXml = await out.text(toRels);
  let relsChanged = false;
  const present = new Set(parseRelsText(toRels, relsXml).map((r) => resolveTarget(toPart, r.target).toLowerCase()));
  for (const rel of parseRelsText(relsPathOf(fromPart), await original.text(relsPathOf(fromPart)))) {
    if (rel.kind !== 'customXml' || rel.external) continue;
    const target = resolveTarget(fromPart, rel.target);
    if (present.has(target.toLowerCase())) continue;
    relsXml = addRel(toRels, relsXml, REL_CUSTOM_XML, relativeTarget(toPart, target)).xml;
    relsChanged = true;
  }
  if (relsChanged && relsXml !== undefined) changed.set(toRels, relsXml);

  // Their content types: the original's overrides for them, and its default for their extension.
  const types = new ContentTypes(CONTENT_TYPES, (await out.text(CONTENT_TYPES)) as string);
  const wanted = new Set(parts.map((p) => `/${p}`.toLowerCase()));
  const extensions = new Set(parts.map((p) => p.slice(p.lastIndexOf('.') + 1).toLowerCase()));
  parseXmlText(CONTENT_TYPES, (await original.text(CONTENT_TYPES)) as string, {
    open(tag) {
      if (tag.uri !== NS.contentTypes) return;
      const type = attrOf(tag, 'ContentType') ?? '';
      const name = attrOf(tag, 'PartName') ?? '';
      const ext = (attrOf(tag, 'Extension') ?? '').toLowerCase();
      if (tag.local === 'Override' && wanted.has(name.toLowerCase())) types.override(name.slice(1), type);
      else if (tag.local === 'Default' && extensions.has(ext)) types.defaultFor(ext, type);
    },
  });
  if (types.changed) changed.set(CONTENT_TYPES, types.toXml());
  return out.build(changed);
}

async function workbookPart(zip: ZipPackage): Promise<string> {
  const office = parseRelsText('_rels/.rels', await zip.text('_rels/.rels')).find((r) => r.kind === 'officeDocument');
  return resolveTarget('', office?.target ?? 'xl/workbook.xml');
}
