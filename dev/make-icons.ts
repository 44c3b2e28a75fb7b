/**
 * Draws the add-in icons (assets/icon-{16,32,64,80,128}.png): Kiva green rounded square with a white "K".
 * Run with `npx tsx dev/make-icons.ts`; the PNGs are committed so no build step is needed to serve them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const GREEN: [number, number, number] = [0x2a, 0xa9, 0x67];
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Distance from point p to segment ab, in pixels. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(size: number): Buffer {
  const s = size;
  const radius = s * 0.18;
  const stroke = s * 0.09;
  // The K: a vertical bar and two diagonals meeting at its middle.
  const strokes: [number, number, number, number][] = [
    [0.34, 0.24, 0.34, 0.76],
    [0.36, 0.52, 0.68, 0.24],
    [0.45, 0.44, 0.7, 0.76],
  ].map(([a, b, c, d]) => [a! * s, b! * s, c! * s, d! * s]);
  const raw = Buffer.alloc((s * 4 + 1) * s);
  for (let y = 0; y < s; y++) {
    raw[y * (s * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < s; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      // Rounded-square coverage, anti-aliased by distance.
      const qx = Math.max(Math.abs(cx - s / 2) - (s / 2 - radius), 0);
      const qy = Math.max(Math.abs(cy - s / 2) - (s / 2 - radius), 0);
      const outside = Math.hypot(qx, qy) - radius;
      const alpha = Math.max(0, Math.min(1, 0.5 - outside));
      const d = Math.min(...strokes.map(([ax, ay, bx, by]) => segmentDistance(cx, cy, ax, ay, bx, by)));
      const ink = Math.max(0, Math.min(1, stroke / 2 + 0.5 - d));
      const o = y * (s * 4 + 1) + 1 + x * 4;
      for (let ch = 0; ch < 3; ch++) raw[o + ch] = Math.round(GREEN[ch]! * (1 - ink) + WHITE[ch]! * ink);
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(s, 0);
  header.writeUInt32BE(s, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 64, 80, 128]) {
  writeFileSync(join(__dirname, '..', 'assets', `icon-${size}.png`), icon(size));
}
