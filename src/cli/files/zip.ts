/**
 * The zip package of an `.xlsx` file, through jszip (a direct dependency: it is also what writes the file back,
 * keeping every part this tool does not change in its original compressed bytes). A part is read by streaming
 * its inflation chunk by chunk into a parser, never whole, and inflation stops as soon as a part grows beyond
 * what a spreadsheet could hold: a 300 KB file that unpacks to gigabytes (a "zip bomb") is refused after a few
 * megabytes, not after it has filled the memory.
 */
import JSZip from 'jszip';
import { FileProblem } from './problems';

export interface InflateLimits {
  /** No part may inflate beyond this, whatever its packed size. */
  maxPartBytes: number;
  /** No part may inflate to more than this many times its packed size… */
  maxRatio: number;
  /** …once it is larger than this (small parts of repeated XML legitimately compress very well). */
  ratioFloorBytes: number;
}

const MB = 1024 * 1024;

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

interface EntrySizes {
  packed: number;
  inflated: number;
}

export class ZipPackage {
  private readonly lowerCase = new Map<string, string>();

  private constructor(
    readonly zip: JSZip,
    private readonly sizes: ReadonlyMap<string, EntrySizes>,
    readonly limits: InflateLimits,
  ) {
    zip.forEach((path, file) => {
      if (!file.dir) this.lowerCase.set(path.toLowerCase(), path);
    });
  }

  static async open(data: Buffer, limits: InflateLimits = DEFAULT_LIMITS): Promise<ZipPackage> {
    if (isCompoundFile(data)) throw new FileProblem('refused', '', 'encrypted');
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(data);
    } catch {
      throw new FileProblem('damaged', '', 'not-a-zip');
    }
    return new ZipPackage(zip, centralDirectorySizes(data), limits);
  }

  /** The entry's name as stored: part names are case-insensitive in a package (OPC), and writers differ. */
  resolve(name: string): string | undefined {
    return this.zip.file(name) !== null ? name : this.lowerCase.get(name.toLowerCase());
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
    const stored = this.resolve(name);
    const file = stored === undefined ? null : this.zip.file(stored);
    if (stored === undefined || file === null)
      throw new FileProblem('damaged', name, 'part-missing', { missing: name });
    const sizes = this.sizes.get(stored) ?? { packed: 0, inflated: 0 };
    this.check(name, sizes.inflated, sizes.packed);
    let decoder: TextDecoder | undefined;
    let encoding = 'UTF-8';
    let inflated = 0;
    const onChunk = (chunk: Buffer): void => {
      inflated += chunk.length;
      this.check(name, inflated, sizes.packed);
      if (decoder === undefined) {
        encoding = byteOrderEncoding(chunk);
        decoder = new TextDecoder(encoding.toLowerCase(), { fatal: true });
      }
      const text = decode(decoder, chunk, name, encoding);
      if (text !== '') sink(text);
    };
    await new Promise<void>((resolve, reject) => {
      // jszip's stream is an old-style one: events, and pause() to stop inflating once the part is refused.
      const stream = file.nodeStream('nodebuffer');
      let settled = false;
      const stop = (e: unknown): void => {
        if (settled) return;
        settled = true;
        stream.pause();
        stream.removeAllListeners('data');
        reject(e instanceof FileProblem ? e : new FileProblem('damaged', name, 'zip-entry', { detail: message(e) }));
      };
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        try {
          onChunk(chunk);
        } catch (e) {
          stop(e);
        }
      });
      stream.on('error', stop);
      stream.on('end', () => {
        if (settled) return;
        settled = true;
        resolve();
      });
    });
    const rest = decoder === undefined ? '' : decode(decoder, undefined, name, encoding);
    if (rest !== '') sink(rest);
  }

  async text(name: string): Promise<string | undefined> {
    if (!this.has(name)) return undefined;
    const pieces: string[] = [];
    await this.stream(name, (t) => pieces.push(t));
    return pieces.join('');
  }

  /** The whole file with `changed` parts written over; unchanged parts keep their compressed bytes. */
  async build(changed: ReadonlyMap<string, string>): Promise<Buffer> {
    for (const [part, text] of changed) this.zip.file(this.resolve(part) ?? part, text);
    return this.zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
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

/**
 * Sizes as the central directory declares them, to refuse a bomb before inflating a byte of it (the streaming
 * check catches a directory that lies). Zip64 entries declare 0xFFFFFFFF: the streaming check alone applies.
 */
export function centralDirectorySizes(data: Buffer): Map<string, EntrySizes> {
  const sizes = new Map<string, EntrySizes>();
  const tailStart = Math.max(0, data.length - (22 + 65_535));
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < tailStart || end + 22 > data.length) return sizes;
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  for (let k = 0; k < count && at + 46 <= data.length && data.readUInt32LE(at) === 0x02014b50; k++) {
    const packed = data.readUInt32LE(at + 20);
    const inflated = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    sizes.set(name, inflated === 0xffffffff ? { packed, inflated: 0 } : { packed, inflated });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return sizes;
}
