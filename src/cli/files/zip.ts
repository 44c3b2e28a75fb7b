/**
 * The zip package of an `.xlsx` file: read with yauzl (a direct dependency, on Node's own zlib, several times
 * faster than a JavaScript inflater on a 100,000-row sheet), written by zip-write.ts. A part is read by
 * streaming its inflation chunk by chunk into a parser, never whole, and inflation stops as soon as a part grows
 * beyond what a spreadsheet could hold: a 300 KB file that unpacks to gigabytes (a "zip bomb") is refused after
 * a few megabytes, not after it has filled the memory. The CRC of every part read is checked, so a part damaged
 * inside its compressed bytes is refused rather than read.
 */
import { isAscii } from 'node:buffer';
import { crc32, createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import { fromBufferPromise, type Entry, type ZipFile as ZipReader } from 'yauzl';
import { FileProblem } from './problems';
import {
  directoryEntry,
  dosStamp,
  isPacked,
  KEPT_FLAGS,
  packedEntry,
  packEntry,
  zipFile,
  type PackedPart,
  type StoredEntry,
} from './zip-write';

export interface InflateLimits {
  /** No part may inflate beyond this, whatever its packed size. */
  maxPartBytes: number;
  /** No part may inflate to more than this many times its packed size… */
  maxRatio: number;
  /** …once it is larger than this (small parts of repeated XML legitimately compress very well). */
  ratioFloorBytes: number;
}

const MB = 1024 * 1024;
const INFLATE_CHUNK = 256 * 1024;

export const DEFAULT_LIMITS: InflateLimits = { maxPartBytes: 256 * MB, maxRatio: 200, ratioFloorBytes: 8 * MB };

/** The limits, as `KIVA_SHEETS_MAX_PART_MB` and `KIVA_SHEETS_MAX_RATIO` set them (defaults when unset or invalid). */
export function limitsFrom(env: Readonly<Record<string, string | undefined>>): InflateLimits {
  const positive = (raw: string | undefined): number | undefined => {
    const n = raw === undefined ? NaN : Number(raw);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const mb = positive(env.KIVA_SHEETS_MAX_PART_MB);
  const ratio = positive(env.KIVA_SHEETS_MAX_RATIO);
  return {
    ...DEFAULT_LIMITS,
    ...(mb !== undefined ? { maxPartBytes: mb * MB } : {}),
    ...(ratio !== undefined ? { maxRatio: ratio } : {}),
  };
}

/** A part's new content: its text, its UTF-8 bytes, or those already deflated as they were written. */
export type PartContent = string | Buffer | PackedPart;

export class ZipPackage {
  private readonly lowerCase = new Map<string, string>();
  /** Parts streamed so far whose every byte was ASCII (see `isAsciiPart`). */
  private readonly asciiParts = new Set<string>();

  private constructor(
    private readonly reader: ZipReader,
    /** Every entry, folders included, in the order the file has them (the order they are written back in). */
    private readonly entries: ReadonlyMap<string, Entry>,
    readonly limits: InflateLimits,
  ) {
    for (const path of entries.keys()) if (!path.endsWith('/')) this.lowerCase.set(path.toLowerCase(), path);
  }

  static async open(data: Buffer, limits: InflateLimits = DEFAULT_LIMITS): Promise<ZipPackage> {
    if (isCompoundFile(data)) throw new FileProblem('refused', '', 'encrypted');
    const entries = new Map<string, Entry>();
    let reader: ZipReader;
    try {
      reader = await fromBufferPromise(data, { lazyEntries: true, validateEntrySizes: true });
      for await (const entry of reader.eachEntry()) entries.set(entry.fileName, entry);
    } catch {
      throw new FileProblem('damaged', '', 'not-a-zip');
    }
    return new ZipPackage(reader, entries, limits);
  }

  /** The entry's name as stored: part names are case-insensitive in a package (OPC), and writers differ. */
  resolve(name: string): string | undefined {
    const entry = this.entries.get(name);
    return entry !== undefined && !name.endsWith('/') ? name : this.lowerCase.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.resolve(name) !== undefined;
  }

  names(): string[] {
    return [...this.lowerCase.values()];
  }

  /**
   * The part's text, chunk by chunk into `sink`, within the limits. The bytes' encoding comes from their byte-order
   * mark (UTF-16) or is UTF-8, strictly: a part that is not valid text is damaged.
   */
  async stream(name: string, sink: (text: string) => void): Promise<void> {
    let decoder: TextDecoder | undefined;
    let encoding = 'UTF-8';
    let ascii = true;
    await this.inflate(name, (chunk) => {
      ascii &&= isAscii(chunk);
      if (decoder === undefined) {
        encoding = byteOrderEncoding(chunk);
        decoder = new TextDecoder(encoding.toLowerCase(), { fatal: true });
      }
      const text = decode(decoder, chunk, name, encoding);
      if (text !== '') sink(text);
    });
    const rest = decoder === undefined ? '' : decode(decoder, undefined, name, encoding);
    if (rest !== '') sink(rest);
    if (ascii) this.asciiParts.add(name);
  }

  /**
   * Whether the part was streamed whole and every byte of it was ASCII: its bytes are then its text, offsets in
   * one are offsets in the other, and a patcher may copy its bytes without decoding them.
   */
  isAsciiPart(name: string): boolean {
    return this.asciiParts.has(name);
  }

  async text(name: string): Promise<string | undefined> {
    if (!this.has(name)) return undefined;
    const pieces: string[] = [];
    await this.stream(name, (t) => pieces.push(t));
    return pieces.join('');
  }

  /**
   * The whole file with `changed` parts written over (new ones after the others). Unchanged parts are copied as
   * they are stored — compressed bytes, CRC and date untouched, never inflated — in their order; a changed part
   * keeps its place and date and is deflated anew (zip-write.ts).
   */
  async build(changed: ReadonlyMap<string, PartContent>): Promise<Buffer> {
    const written = new Map<string, PartContent>();
    for (const [part, text] of changed) written.set(this.resolve(part) ?? part, text);
    const out: Promise<StoredEntry>[] = [];
    for (const [path, entry] of this.entries) {
      const stamp = { dosTime: entry.lastModFileTime, dosDate: entry.lastModFileDate };
      const text = written.get(path);
      written.delete(path);
      if (path.endsWith('/')) out.push(Promise.resolve(directoryEntry(path, stamp)));
      else if (isPacked(text)) out.push(Promise.resolve(packedEntry(path, text, stamp)));
      else if (text !== undefined) out.push(packEntry(path, utf8(text), stamp));
      else out.push(this.stored(path, entry, stamp));
    }
    const now = dosStamp(new Date());
    for (const [path, text] of written)
      out.push(isPacked(text) ? Promise.resolve(packedEntry(path, text, now)) : packEntry(path, utf8(text), now));
    // The parts deflate on zlib's threads meanwhile.
    return zipFile(await Promise.all(out));
  }

  /**
   * A part's bytes as the file stores them, to be copied unchanged. A part inflates only when this tool reads it:
   * one it never reads (a picture, a pivot cache) is not checked here either, as a byte for byte copy is what the
   * user's file had.
   */
  private async stored(path: string, entry: Entry, stamp: { dosTime: number; dosDate: number }): Promise<StoredEntry> {
    if ((entry.generalPurposeBitFlag & 1) !== 0) throw new FileProblem('refused', path, 'encrypted');
    // The stored bytes whatever the method: a part compressed some other way than deflate is copied too.
    const raw = await this.reader.openReadStreamPromise(entry, { decodeFileData: false });
    const data = Buffer.allocUnsafe(entry.compressedSize);
    let at = 0;
    for await (const chunk of raw as AsyncIterable<Buffer>) {
      if (at + chunk.length > data.length) throw new FileProblem('damaged', path, 'zip-entry', { detail: 'size' });
      at += chunk.copy(data, at);
    }
    if (at !== data.length) throw new FileProblem('damaged', path, 'zip-entry', { detail: 'size mismatch' });
    return {
      name: path,
      ...stamp,
      method: entry.compressionMethod,
      flags: entry.generalPurposeBitFlag & KEPT_FLAGS,
      crc: entry.crc32,
      uncompressedSize: entry.uncompressedSize,
      data,
      directory: false,
    };
  }

  /** A part's bytes as they are (within the limits), in one buffer of the size the zip's directory gives. */
  async bytes(name: string): Promise<Buffer> {
    const stored = this.resolve(name);
    const size = stored === undefined ? 0 : (this.entries.get(stored)?.uncompressedSize ?? 0);
    // The limits are checked against the directory's size before inflating, and the size against the inflated one.
    const data = Buffer.allocUnsafe(Math.min(size, this.limits.maxPartBytes));
    let at = 0;
    await this.inflate(name, (chunk) => {
      if (at + chunk.length <= data.length) chunk.copy(data, at);
      at += chunk.length;
    });
    return data;
  }

  /** The part's inflated bytes, chunk by chunk, checked against the limits as they come and against its CRC. */
  private async inflate(name: string, onChunk: (chunk: Buffer) => void): Promise<void> {
    const stored = this.resolve(name);
    const entry = stored === undefined ? undefined : this.entries.get(stored);
    if (entry === undefined) throw new FileProblem('damaged', name, 'part-missing', { missing: name });
    const packed = entry.compressedSize;
    // The directory's word first, to refuse a bomb before inflating a byte of it; the streaming check below
    // catches a directory that lies.
    this.check(name, entry.uncompressedSize, packed);
    let stream: Readable;
    try {
      stream = await this.openInflated(entry);
    } catch (e) {
      throw new FileProblem('damaged', name, 'zip-entry', { detail: message(e) });
    }
    let inflated = 0;
    let crc = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        this.check(name, inflated, packed);
        crc = crc32(chunk, crc);
        onChunk(chunk);
      }
    } catch (e) {
      stream.destroy();
      throw e instanceof FileProblem ? e : new FileProblem('damaged', name, 'zip-entry', { detail: message(e) });
    }
    if (crc >>> 0 !== entry.crc32 >>> 0) {
      throw new FileProblem('damaged', name, 'zip-entry', { detail: 'CRC mismatch' });
    }
    // What yauzl's own inflater checked: the part is as long as the directory says.
    if (inflated !== entry.uncompressedSize) {
      throw new FileProblem('damaged', name, 'zip-entry', { detail: 'size mismatch' });
    }
  }

  /**
   * The entry's bytes inflated in 256 KB chunks: yauzl's own inflater gives 16 KB ones, and each chunk costs a
   * callback, a decode and a parser write (a 17 MB sheet was 1,056 chunks; inflating it took 70 ms, now 30).
   */
  private async openInflated(entry: Entry): Promise<Readable> {
    const method = entry.compressionMethod;
    if (method !== 0 && method !== 8) throw new Error(`unsupported compression method ${method}`);
    // yauzl takes `decompress` only for a compressed entry.
    if (method === 0) return this.reader.openReadStreamPromise(entry);
    const raw = await this.reader.openReadStreamPromise(entry, { decompress: false });
    const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
    raw.on('error', (error) => inflater.destroy(error));
    inflater.on('close', () => raw.destroy());
    return raw.pipe(inflater);
  }

  private check(name: string, inflated: number, packed: number): void {
    const { maxPartBytes, maxRatio, ratioFloorBytes } = this.limits;
    if (inflated > maxPartBytes) {
      throw new FileProblem('refused', name, 'part-too-large', { limitMb: Math.round(maxPartBytes / MB) });
    }
    if (inflated > ratioFloorBytes && inflated > packed * maxRatio) {
      throw new FileProblem('refused', name, 'part-ratio', { ratio: maxRatio });
    }
  }
}

function utf8(text: string | Buffer): Buffer {
  return typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
}

function byteOrderEncoding(chunk: Buffer): string {
  if (chunk[0] === 0xff && chunk[1] === 0xfe) return 'UTF-16LE';
  if (chunk[0] === 0xfe && chunk[1] === 0xff) return 'UTF-16BE';
  return 'UTF-8';
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function decode(decoder: TextDecoder, chunk: Buffer | undefined, part: string, encoding: string): string {
  try {
    return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
  } catch {
    throw new FileProblem('damaged', part, 'xml-encoding', { encoding });
  }
}

/** Password-protected `.xlsx` files and `.xls` files are OLE compound files, not zips. */
export function isCompoundFile(data: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return data.length >= 8 && magic.every((b, i) => data[i] === b);
}
