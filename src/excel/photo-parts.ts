/**
 * Borrower photos kept inside the workbook, as custom XML parts (ExcelApi 1.5): they travel with the file to
 * another computer, a colleague or Excel on the web, survive closing and reopening, and sit in no cell and no
 * setting (docs/taskpane.md, "Photos", says why this and not the browser's storage).
 *
 * Office caps each request and each response at 5 MB and a photo may be 5 MB (6.7 MB as base64), so a photo is
 * cut into parts of at most `PART_CHARS` base64 characters and written or read a few parts per round trip. One
 * small index part (its own namespace) lists the photos and the ids of their parts, so listing them reads
 * kilobytes and a send reads only the photos it needs. The index is written last: a run stopped halfway leaves
 * parts no index names, which the next save removes.
 */
import {
  PHOTO_DATA_NAMESPACE,
  PHOTO_INDEX_NAMESPACE,
  photoIndexEntry,
  type PhotoIndexEntry,
  type PhotoType,
} from '../app/photo-parts';
import { runBatch, yieldToHost, type ExcelResult } from './office';

export { PHOTO_DATA_NAMESPACE, PHOTO_INDEX_NAMESPACE, type PhotoType };
/** Base64 characters per part: about 750 KB of photo. */
export const PART_CHARS = 1_000_000;
/** Parts per round trip: 3 MB of request or response, under Office's 5 MB with room for the rest of the batch. */
export const PARTS_PER_SYNC = 3;

export interface KeptPhoto {
  /** `file:<name>` for a photo a photo cell names, `loan:<loan id>` for one attached to a row (see photo-store). */
  key: string;
  /** The file's own name, as the user chose it. */
  name: string;
  type: PhotoType;
  /** The photo's size in bytes. */
  bytes: number;
}

type IndexEntry = PhotoIndexEntry;

export interface WorkbookPhotos {
  /** The photos this workbook keeps (the index only: no photo is read). */
  list(): Promise<ExcelResult<KeptPhoto[]>>;
  /** The photos under these keys as data URIs; keys the workbook does not keep are left out. */
  read(keys: readonly string[]): Promise<ExcelResult<Map<string, string>>>;
  /** Keeps a photo under its key, replacing the one kept there before. */
  save(photo: { key: string; name: string; dataUri: string }): Promise<ExcelResult<void>>;
}

const DATA_URI = /^data:(image\/jpeg|image\/png);base64,([A-Za-z0-9+/]*={0,2})$/;

/** What reads the parts back: the platform's DOMParser (every Office webview has one); node tests hand in xmldom's. */
export type XmlParser = (xml: string) => Document;

const platformParser: XmlParser = (xml) => new DOMParser().parseFromString(xml, 'application/xml');

export function createWorkbookPhotos(parse: XmlParser = platformParser): WorkbookPhotos {
  const parseIndex = (xml: string) => indexEntries(parseXml(parse, xml));
  const parseData = (xml: string) => dataText(parseXml(parse, xml));
  const readIndex = (context: Excel.RequestContext) => readIndexWith(context, parseIndex);
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => runBatch({ delayForCellEdit: false }, batch);

  return {
    list: () => run(async (context) => (await readIndex(context)).entries.map(({ parts: _parts, ...kept }) => kept)),

    read: (keys) =>
      run(async (context) => {
        const wanted = new Set(keys);
        const entries = (await readIndex(context)).entries.filter((e) => wanted.has(e.key));
        const texts = await readParts(
          context,
          entries.flatMap((e) => e.parts),
          parseData,
        );
        const found = new Map<string, string>();
        let at = 0;
        for (const entry of entries) {
          const base64 = texts.slice(at, at + entry.parts.length).join('');
          at += entry.parts.length;
          found.set(entry.key, `data:${entry.type};base64,${base64}`);
        }
        return found;
      }),

    save: (photo) =>
      run(async (context) => {
        const match = DATA_URI.exec(photo.dataUri);
        if (match === null || match[2] === '') throw new Error('not a JPEG or PNG data URI');
        const type = match[1] as PhotoType;
        const base64 = match[2] as string;
        const chunks: string[] = [];
        for (let from = 0; from < base64.length; from += PART_CHARS) chunks.push(base64.slice(from, from + PART_CHARS));
        const parts = await writeParts(context, chunks);
        const data = context.workbook.customXmlParts.getByNamespace(PHOTO_DATA_NAMESPACE);
        data.load('items/id');
        const { part: indexPart, entries } = await readIndex(context);
        const next = [
          ...entries.filter((e) => e.key !== photo.key),
          { key: photo.key, name: photo.name, type, bytes: decodedBytes(base64), parts },
        ];
        if (indexPart === undefined) context.workbook.customXmlParts.add(indexXml(next));
        else indexPart.setXml(indexXml(next));
        // Parts no entry names: the photo this one replaces, and any a stopped run left behind.
        const named = new Set(next.flatMap((e) => e.parts));
        for (const part of data.items) if (!named.has(part.id)) part.delete();
        await context.sync();
      }),
  };
}

async function readIndexWith(
  context: Excel.RequestContext,
  parseIndex: (xml: string) => IndexEntry[],
): Promise<{ part?: Excel.CustomXmlPart; entries: IndexEntry[] }> {
  const found = context.workbook.customXmlParts.getByNamespace(PHOTO_INDEX_NAMESPACE);
  found.load('items/id');
  await context.sync();
  const part = found.items[0];
  if (part === undefined) return { entries: [] };
  const xml = part.getXml();
  await context.sync();
  return { part, entries: parseIndex(xml.value) };
}

/** New data parts, their ids in order: a few per round trip, as a whole photo would pass the 5 MB request cap. */
async function writeParts(context: Excel.RequestContext, chunks: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  // One round trip per few parts is the point here (office-rules.test.ts lists this loop).
  const sync = () => context.sync();
  for (let start = 0; start < chunks.length; start += PARTS_PER_SYNC) {
    const added = chunks
      .slice(start, start + PARTS_PER_SYNC)
      .map((chunk) => context.workbook.customXmlParts.add(dataXml(chunk)).load('id'));
    await sync();
    ids.push(...added.map((part) => part.id));
    // Desktop Excel restarts an add-in that looks unresponsive for 5 s.
    await yieldToHost();
  }
  return ids;
}

/** The parts' texts in order, a few parts per round trip so no response passes Office's 5 MB. */
async function readParts(
  context: Excel.RequestContext,
  ids: readonly string[],
  parseData: (xml: string) => string,
): Promise<string[]> {
  const texts: string[] = [];
  // One round trip per few parts is the point here (office-rules.test.ts lists this loop).
  const sync = () => context.sync();
  for (let start = 0; start < ids.length; start += PARTS_PER_SYNC) {
    const results = ids
      .slice(start, start + PARTS_PER_SYNC)
      .map((id) => context.workbook.customXmlParts.getItem(id).getXml());
    await sync();
    texts.push(...results.map((result) => parseData(result.value)));
  }
  return texts;
}

function decodedBytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

function dataXml(base64: string): string {
  return `<chunk xmlns="${PHOTO_DATA_NAMESPACE}">${base64}</chunk>`;
}

export function indexXml(entries: readonly IndexEntry[]): string {
  const lines = entries.map(
    (e) =>
      `<photo key="${attribute(e.key)}" name="${attribute(e.name)}" type="${e.type}" bytes="${e.bytes}" ` +
      `parts="${e.parts.map(attribute).join(' ')}"/>`,
  );
  return `<photos xmlns="${PHOTO_INDEX_NAMESPACE}">${lines.join('')}</photos>`;
}

/** Text for an XML attribute: escaped, and characters XML 1.0 cannot hold at all replaced. */
function attribute(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 cannot carry
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/\t/g, '&#9;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
  );
}

/** The parts are XML, so they are read as XML (a browser reports bad XML as a `parsererror` element). */
function parseXml(parse: XmlParser, xml: string): Document {
  const doc = parse(xml);
  if (doc.getElementsByTagName('parsererror').length > 0) throw new Error('a photo part is not well-formed XML');
  return doc;
}

function indexEntries(doc: Document): IndexEntry[] {
  const entries: IndexEntry[] = [];
  const photos = doc.getElementsByTagNameNS(PHOTO_INDEX_NAMESPACE, 'photo');
  for (let i = 0; i < photos.length; i++) {
    const el = photos.item(i);
    const entry = el === null ? undefined : photoIndexEntry((name) => el.getAttribute(name));
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}

function dataText(doc: Document): string {
  const root = doc.documentElement;
  if (root.namespaceURI !== PHOTO_DATA_NAMESPACE) throw new Error('not a photo part');
  return (root.textContent ?? '').replace(/\s+/g, '');
}
