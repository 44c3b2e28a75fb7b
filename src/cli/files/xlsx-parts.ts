/**
 * What exceljs would lose. It writes back only the parts it understands: charts, pivot tables, macros, an Office
 * add-in's own settings and a few more vanish from a workbook it saves. Rather than drop them silently, the command
 * line looks at the file's parts first and refuses to write such a workbook in place.
 */
import { open } from 'node:fs/promises';

const DROPPED: readonly (readonly [RegExp, string])[] = [
  [/^xl\/charts\//, 'charts'],
  [/^xl\/(pivotTables|pivotCache)\//, 'pivot tables'],
  [/^xl\/(slicers|slicerCaches|timelines)\//, 'slicers'],
  [/^xl\/vbaProject\.bin$/, 'macros'],
  [/^xl\/webextensions\//, 'Office add-in settings'],
  // Custom XML parts (an add-in's data, such as the pane's photos) are put back by keep-custom-xml.ts.
  [/^docProps\/custom\.xml$/, 'custom document properties (such as a sensitivity label)'],
  [/^xl\/threadedComments\//, 'threaded comments'],
  [/^xl\/externalLinks\//, 'links to other workbooks'],
  [/^xl\/(connections\.xml$|queryTables\/)/, 'data connections'],
  [/^xl\/(ctrlProps|activeX)\//, 'form controls'],
];

/** The kinds of content exceljs would drop from this file, by name (`charts`, `macros`…); empty when none. */
export async function partsExceljsDrops(path: string): Promise<string[]> {
  const names = await zipEntryNames(path);
  const dropped = new Set<string>();
  for (const name of names) for (const [pattern, what] of DROPPED) if (pattern.test(name)) dropped.add(what);
  return [...dropped];
}

/** The names in a zip file's central directory, read without unpacking anything. */
export async function zipEntryNames(path: string): Promise<string[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    // The end-of-central-directory record sits in the last 22 bytes plus a comment of at most 65,535.
    const tailLength = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0) return [];
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    // A zip64 file marks these as 0xFFFF…: a workbook that large is beyond this check, not a reason to fail.
    if (count === 0xffff || directoryOffset === 0xffffffff) return [];
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const names: string[] = [];
    for (let at = 0, k = 0; k < count && at + 46 <= directory.length; k++) {
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } finally {
    await file.close();
  }
}
