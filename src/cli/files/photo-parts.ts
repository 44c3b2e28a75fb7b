/**
 * Photos the pane kept in the workbook (src/app/photo-parts.ts), read from the file as Excel saves custom XML
 * parts: `customXml/itemN.xml` holds a part, `customXml/itemPropsN.xml` (through `customXml/_rels/itemN.xml.rels`)
 * its id, the one Office.js reports and the index names. So a loan drafted in the pane with a photo attached sends
 * that photo from the command line too.
 *
 * Read by element with the package's parser (xml.ts), only when a run needs a photo: the index first (each item's
 * root element tells index from data), then the data parts of the photos asked for.
 */
import type { PhotoFile } from '../../app/ports';
import {
  PHOTO_DATA_NAMESPACE,
  PHOTO_INDEX_NAMESPACE,
  photoFileKey,
  photoIndexEntry,
  photoLoanKey,
  type PhotoIndexEntry,
} from '../../app/photo-parts';
import { MAX_PHOTO_BYTES, imageType } from './photos';
import { relsPathOf, resolveTarget } from './xlsx-lean';
import { parseRelsText } from './xlsx-read';
import { attrOf, nsAttrOf, parseXmlText, xmlParser } from './xml';
import type { ZipPackage } from './zip';

const DATASTORE_NS = ['http://schemas.openxmlformats.org/officeDocument/2006/customXml'];
const ITEM = /^customXml\/item\d+\.xml$/i;
/** A start tag is rarely longer than this: the root is known once this much of a part is parsed. */
const HEAD_CHARS = 4096;

type Zip = Pick<ZipPackage, 'names' | 'text'>;

export interface KeptPhotos {
  /** By photo cell text: photos kept under the file's name (`file:` keys); names not kept are left out. */
  byName(names: readonly string[]): Promise<Map<string, PhotoFile>>;
  /** By loan id: photos attached to the loan (`loan:` keys); loans without one are left out. */
  byLoan(loanIds: readonly string[]): Promise<Map<string, PhotoFile & { name: string }>>;
}

/** The file's kept photos; a part that cannot be read is as if absent (the photo is then "not found", said at its cell). */
export function keptPhotos(zip: Zip): KeptPhotos {
  let found: Promise<Found> | undefined;
  const read = async (keys: readonly string[]): Promise<Map<string, { entry: PhotoIndexEntry; file: PhotoFile }>> => {
    found ??= findParts(zip).catch(() => ({ entries: [], items: new Map<string, string>() }));
    const { entries, items } = await found;
    const wanted = new Set(keys);
    const out = new Map<string, { entry: PhotoIndexEntry; file: PhotoFile }>();
    for (const entry of entries) {
      if (!wanted.has(entry.key) || out.has(entry.key)) continue;
      // A damaged data part is the photo's problem, said at its row, not the run's.
      const file = await photoOf(zip, entry, items).catch((): PhotoFile => ({ problem: 'unreadable' }));
      out.set(entry.key, { entry, file });
    }
    return out;
  };
  return {
    async byName(names) {
      const kept = await read(names.map(photoFileKey));
      const out = new Map<string, PhotoFile>();
      for (const name of names) {
        const photo = kept.get(photoFileKey(name));
        if (photo !== undefined) out.set(name, photo.file);
      }
      return out;
    },
    async byLoan(loanIds) {
      const kept = await read(loanIds.map(photoLoanKey));
      const out = new Map<string, PhotoFile & { name: string }>();
      for (const id of loanIds) {
        const photo = kept.get(photoLoanKey(id));
        if (photo !== undefined) out.set(id, { ...photo.file, name: photo.entry.name });
      }
      return out;
    },
  };
}

/**
 * Photo files first (a file beside the workbook, as the command line always read), then the workbook's own photo
 * for a name no file answers.
 */
export async function filesThenKept(
  files: ReadonlyMap<string, PhotoFile>,
  kept: KeptPhotos,
): Promise<ReadonlyMap<string, PhotoFile>> {
  const missing = [...files].filter(([, f]) => 'problem' in f && f.problem === 'not-found').map(([name]) => name);
  if (missing.length === 0) return files;
  const found = await kept.byName(missing);
  if (found.size === 0) return files;
  return new Map([...files].map(([name, file]) => [name, found.get(name) ?? file]));
}

interface Found {
  entries: PhotoIndexEntry[];
  /** Part id → the item part holding it. */
  items: Map<string, string>;
}

async function findParts(zip: Zip): Promise<Found> {
  const items = new Map<string, string>();
  let indexPart: string | undefined;
  for (const part of zip.names().filter((name) => ITEM.test(name))) {
    const text = await zip.text(part);
    if (text === undefined) continue;
    const root = rootNamespace(part, text);
    if (root === PHOTO_INDEX_NAMESPACE) indexPart ??= part;
    else if (root !== PHOTO_DATA_NAMESPACE) continue;
    const id = await itemId(zip, part);
    if (id !== undefined) items.set(id.toUpperCase(), part);
  }
  const entries: PhotoIndexEntry[] = [];
  const indexText = indexPart === undefined ? undefined : await zip.text(indexPart);
  if (indexPart !== undefined && indexText !== undefined) {
    parseXmlText(indexPart, indexText, {
      open(tag) {
        if (tag.uri !== PHOTO_INDEX_NAMESPACE || tag.local !== 'photo') return;
        const entry = photoIndexEntry((name) => attrOf(tag, name));
        if (entry !== undefined) entries.push(entry);
      },
    });
  }
  return { entries, items };
}

/** The namespace of a part's root element, from its first few characters (a data part is a megabyte). */
function rootNamespace(part: string, text: string): string | undefined {
  let uri: string | undefined;
  const sink = xmlParser(part, {
    open(tag) {
      uri ??= tag.uri;
    },
  });
  try {
    for (let at = 0; uri === undefined && at < text.length; at += HEAD_CHARS)
      sink.write(text.slice(at, at + HEAD_CHARS));
  } catch {
    return undefined;
  }
  return uri;
}

/** The id Office gave the part: `ds:itemID` of the properties part its relationships name. */
async function itemId(zip: Zip, part: string): Promise<string | undefined> {
  const relsPart = relsPathOf(part);
  const props = parseRelsText(relsPart, await zip.text(relsPart)).find((r) => r.kind === 'customXmlProps');
  if (props === undefined) return undefined;
  const propsPart = resolveTarget(part, props.target);
  const text = await zip.text(propsPart);
  if (text === undefined) return undefined;
  let id: string | undefined;
  parseXmlText(propsPart, text, {
    open(tag) {
      if (tag.local === 'datastoreItem') id ??= nsAttrOf(tag, DATASTORE_NS, 'itemID');
    },
  });
  return id;
}

async function photoOf(zip: Zip, entry: PhotoIndexEntry, items: ReadonlyMap<string, string>): Promise<PhotoFile> {
  let base64 = '';
  for (const id of entry.parts) {
    const part = items.get(id.toUpperCase());
    const text = part === undefined ? undefined : await zip.text(part);
    if (part === undefined || text === undefined) return { problem: 'not-found' };
    const pieces: string[] = [];
    parseXmlText(part, text, { text: (t) => pieces.push(t) });
    base64 += pieces.join('').replace(/\s+/g, '');
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) return { problem: 'too-large' };
  const type = imageType(bytes);
  // The content decides, as for a file: an index that says PNG over JPEG bytes is not believed.
  if (type === undefined) return { problem: 'not-image' };
  return { dataUri: `data:${type};base64,${bytes.toString('base64')}` };
}
