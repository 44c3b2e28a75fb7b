/**
 * A zip file written from entries whose stored bytes are known: parts this tool changed (deflated here, their CRC
 * computed by Node's zlib, native code) and parts copied from the file as they are stored there — compressed
 * bytes, CRC, method and date untouched, never inflated nor deflated again. yazl, used before, took no stored
 * bytes (every unchanged part was inflated and deflated again) and computed every CRC in JavaScript (a 28 MB sheet
 * written back: 70 ms of the main thread). What is written is plain PKZIP 2.0 (sizes in the local headers, UTF-8
 * names, no data descriptors), which every spreadsheet reader opens; a part or file beyond 4 GB, which ZIP64 would
 * need, is refused (a spreadsheet's limits are far below it).
 */
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';

/** One entry as it is stored: `data` is its bytes in the file (compressed by `method`). */
export interface StoredEntry {
  name: string;
  /** The MS-DOS time and date fields of the entry (local time, 2 s steps), as the zip stores them. */
  dosTime: number;
  dosDate: number;
  /** 0 stored, 8 deflated (others are copied as they are, with their method). */
  method: number;
  /** General purpose flags kept from the original (the deflate option bits); UTF-8 names are always flagged. */
  flags: number;
  crc: number;
  uncompressedSize: number;
  data: Buffer;
  directory: boolean;
}

const UTF8_NAMES = 1 << 11;
/** The bits of the general purpose flag that describe the stored data and stay valid once copied (deflate options). */
export const KEPT_FLAGS = 0b110;
const VERSION_NEEDED = 20;
/** Unix (3), spec version 6.3: what yazl wrote, so the external attributes below read as Unix modes. */
const VERSION_MADE_BY = (3 << 8) | 63;
const FILE_MODE = 0o100664;
const DIRECTORY_MODE = 0o40775;
const LIMIT = 0xfffffffe;

/** A part already deflated as it was written (`PartDeflater`), ready to be stored as it is. */
export interface PackedPart {
  readonly packed: true;
  readonly crc: number;
  readonly uncompressedSize: number;
  readonly data: Buffer;
}

export function isPacked(content: unknown): content is PackedPart {
  return typeof content === 'object' && content !== null && (content as { packed?: unknown }).packed === true;
}

/**
 * The deflate level of a part deflated as it is written, on the main thread: 4, not zlib's default 6. The 28 MB
 * sheet of a 100,000-row send: level 6 took 341 ms for 2,438,612 bytes, level 4 150 ms for 2,536,274 (4 % more);
 * level 1 was 67 ms but 17.5 % more.
 */
const PIECE_LEVEL = 4;

/**
 * A part deflated piece by piece as it is written, so that its whole text is never held (a 100,000-row sheet
 * written back is 28 MB; deflated, 2.4 MB). Each piece is deflated alone and ends on a byte boundary (a sync
 * flush, no final bit), the last with an empty final block: one valid deflate stream, each piece's matches within
 * itself (a piece of a megabyte or more compresses about as well as the whole).
 */
export class PartDeflater {
  private crc = 0;
  private size = 0;
  private readonly pieces: Buffer[] = [];

  write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.pieces.push(deflateRawSync(bytes, { level: PIECE_LEVEL, finishFlush: constants.Z_SYNC_FLUSH }));
  }

  end(): PackedPart {
    this.pieces.push(deflateRawSync(Buffer.alloc(0), { level: PIECE_LEVEL, finishFlush: constants.Z_FINISH }));
    return { packed: true, crc: this.crc >>> 0, uncompressedSize: this.size, data: Buffer.concat(this.pieces) };
  }
}

/** A part's content as an entry: deflated at level 6 (what yazl did) unless `compress` is false. */
export async function packEntry(
  name: string,
  content: Buffer,
  stamp: { dosTime: number; dosDate: number },
  compress = true,
): Promise<StoredEntry> {
  const data = compress ? await deflated(content) : content;
  return {
    name,
    ...stamp,
    method: compress ? 8 : 0,
    flags: 0,
    crc: crc32(content) >>> 0,
    uncompressedSize: content.length,
    data,
    directory: false,
  };
}

/** A part deflated as it was written, as an entry. */
export function packedEntry(name: string, part: PackedPart, stamp: { dosTime: number; dosDate: number }): StoredEntry {
  const { crc, uncompressedSize, data } = part;
  return { name, ...stamp, method: 8, flags: 0, crc, uncompressedSize, data, directory: false };
}

export function directoryEntry(name: string, stamp: { dosTime: number; dosDate: number }): StoredEntry {
  return { name, ...stamp, method: 0, flags: 0, crc: 0, uncompressedSize: 0, data: Buffer.alloc(0), directory: true };
}

/** The zip file: local headers and data in the entries' order, then the central directory. */
export function zipFile(entries: readonly StoredEntry[]): Buffer {
  if (entries.length > 0xffff) throw new Error(`too many parts to write (${entries.length})`);
  const names = entries.map((e) => Buffer.from(e.name, 'utf8'));
  let size = 22;
  for (let k = 0; k < entries.length; k++) {
    const entry = entries[k] as StoredEntry;
    const name = names[k] as Buffer;
    if (name.length > 0xffff) throw new Error(`part name too long: ${entry.name}`);
    size += 30 + 46 + 2 * name.length + entry.data.length;
  }
  const out = Buffer.alloc(size);
  const offsets: number[] = [];
  let at = 0;
  for (let k = 0; k < entries.length; k++) {
    const entry = entries[k] as StoredEntry;
    const name = names[k] as Buffer;
    if (entry.data.length > LIMIT || entry.uncompressedSize > LIMIT || at > LIMIT) {
      throw new Error(`${entry.name} is too large to write without ZIP64`);
    }
    offsets.push(at);
    at = out.writeUInt32LE(0x04034b50, at);
    at = out.writeUInt16LE(VERSION_NEEDED, at);
    at = common(out, at, entry);
    at = out.writeUInt16LE(name.length, at);
    at = out.writeUInt16LE(0, at); // no extra field
    at += name.copy(out, at);
    at += entry.data.copy(out, at);
  }
  const directoryStart = at;
  for (let k = 0; k < entries.length; k++) {
    const entry = entries[k] as StoredEntry;
    const name = names[k] as Buffer;
    at = out.writeUInt32LE(0x02014b50, at);
    at = out.writeUInt16LE(VERSION_MADE_BY, at);
    at = out.writeUInt16LE(VERSION_NEEDED, at);
    at = common(out, at, entry);
    at = out.writeUInt16LE(name.length, at);
    at = out.writeUInt16LE(0, at); // extra field
    at = out.writeUInt16LE(0, at); // comment
    at = out.writeUInt16LE(0, at); // disk number
    at = out.writeUInt16LE(0, at); // internal attributes
    at = out.writeUInt32LE(((entry.directory ? DIRECTORY_MODE : FILE_MODE) << 16) >>> 0, at);
    at = out.writeUInt32LE(offsets[k] as number, at);
    at += name.copy(out, at);
  }
  const directorySize = at - directoryStart;
  if (directoryStart > LIMIT || directorySize > LIMIT) throw new Error('the file is too large to write');
  at = out.writeUInt32LE(0x06054b50, at);
  at = out.writeUInt16LE(0, at); // this disk
  at = out.writeUInt16LE(0, at); // the directory's disk
  at = out.writeUInt16LE(entries.length, at);
  at = out.writeUInt16LE(entries.length, at);
  at = out.writeUInt32LE(directorySize, at);
  at = out.writeUInt32LE(directoryStart, at);
  out.writeUInt16LE(0, at); // comment
  return out;
}

/** The fields a local header and a central directory record share, from the flags to the uncompressed size. */
function common(out: Buffer, at: number, entry: StoredEntry): number {
  at = out.writeUInt16LE(UTF8_NAMES | (entry.flags & KEPT_FLAGS), at);
  at = out.writeUInt16LE(entry.method, at);
  at = out.writeUInt16LE(entry.dosTime, at);
  at = out.writeUInt16LE(entry.dosDate, at);
  at = out.writeUInt32LE(entry.crc >>> 0, at);
  at = out.writeUInt32LE(entry.data.length, at);
  return out.writeUInt32LE(entry.uncompressedSize, at);
}

/** A date as the MS-DOS time and date fields, in local time as zip tools read them (1980 to 2107). */
export function dosStamp(date: Date): { dosTime: number; dosDate: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    dosTime: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    dosDate: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

function deflated(content: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    deflateRaw(content, { level: 6 }, (error, data) => (error ? reject(error) : resolve(data))),
  );
}
