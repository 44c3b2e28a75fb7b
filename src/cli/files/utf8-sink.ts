/**
 * A part's new content written piece by piece straight into UTF-8 bytes, which is what the zip stores. Small pieces
 * are gathered into a short string and encoded into one growing buffer, so that rewriting a 100,000-row sheet
 * keeps no array of a million strings alive until the end (their promotion and collection cost more than the
 * patching itself). A hole is a place whose text is only known later (a sheet's `<dimension>`).
 *
 * With a deflater, the bytes go on to it a megabyte at a time instead of growing the buffer (no holes then): the
 * part is deflated as it is written and its whole text is never held.
 */
import type { PackedPart, PartDeflater } from './zip-write';

const FLUSH_CHARS = 16 * 1024;
const DEFLATE_BYTES = 1024 * 1024;

export class Utf8Sink {
  private buffer: Buffer;
  private length = 0;
  private pending = '';
  private readonly holes: { at: number; text: string }[] = [];

  constructor(
    sizeHint = 0,
    private readonly deflater?: PartDeflater,
  ) {
    const size = deflater === undefined ? sizeHint : Math.min(sizeHint, 2 * DEFLATE_BYTES);
    this.buffer = Buffer.allocUnsafe(Math.max(4096, Math.ceil(size)));
  }

  push(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  /** Bytes that are UTF-8 already (a slice of the part as it was inflated), copied as they are. */
  pushBytes(bytes: Uint8Array, from: number, to: number): void {
    this.flush();
    if (this.deflater !== undefined && to - from >= DEFLATE_BYTES) {
      // A long run of the source goes to the deflater as it is, without a copy.
      this.drain(0);
      this.deflater.write(bytes.subarray(from, to));
      return;
    }
    this.reserve(to - from);
    this.buffer.set(bytes.subarray(from, to), this.length);
    this.length += to - from;
  }

  /** A place, here, to `fill` later. */
  hole(): number {
    if (this.deflater !== undefined) throw new Error('a deflating sink has no holes');
    this.flush();
    return this.holes.push({ at: this.length, text: '' }) - 1;
  }

  fill(hole: number, text: string): void {
    const at = this.holes[hole];
    if (at !== undefined) at.text = text;
  }

  /** The part deflated (for a sink made with a deflater). */
  packed(): PackedPart {
    const deflater = this.deflater;
    if (deflater === undefined) throw new Error('not a deflating sink');
    this.flush();
    this.drain(0);
    return deflater.end();
  }

  bytes(): Buffer {
    if (this.deflater !== undefined) throw new Error('a deflating sink keeps no bytes');
    this.flush();
    const body = this.buffer.subarray(0, this.length);
    if (this.holes.length === 0) return body;
    const parts: Buffer[] = [];
    let from = 0;
    for (const hole of this.holes) {
      parts.push(body.subarray(from, hole.at), Buffer.from(hole.text, 'utf8'));
      from = hole.at;
    }
    parts.push(body.subarray(from));
    return Buffer.concat(parts);
  }

  private flush(): void {
    const text = this.pending;
    if (text === '') return;
    this.pending = '';
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    this.reserve(text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
    this.drain(DEFLATE_BYTES);
  }

  /** With a deflater: the buffer's bytes to it once there are at least `atLeast` of them. */
  private drain(atLeast: number): void {
    if (this.deflater === undefined || this.length === 0 || this.length < atLeast) return;
    this.deflater.write(this.buffer.subarray(0, this.length));
    this.length = 0;
  }

  private reserve(bytes: number): void {
    this.drain(Math.max(1, this.buffer.length - bytes));
    const need = this.length + bytes;
    if (need <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(need, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
