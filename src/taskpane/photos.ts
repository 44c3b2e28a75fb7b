/**
 * Checks a photo file before it goes anywhere: JPEG or PNG by its first bytes (a renamed .heic or a PDF keeps its
 * true type whatever its name says) and at most the size the server carries in one loan draft.
 */

/** Kiva publishes no image limit; 5 MB keeps a draft with its base64 photo under the server's default 8 MB body. */
export const DEFAULT_PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export type PhotoCheck =
  | { ok: true; file: File; type: 'image/jpeg' | 'image/png' }
  | { ok: false; file: File; problem: 'type' | 'size' | 'empty' | 'unreadable' };

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export async function checkPhoto(file: File, maxBytes: number): Promise<PhotoCheck> {
  if (file.size === 0) return { ok: false, file, problem: 'empty' };
  if (file.size > maxBytes) return { ok: false, file, problem: 'size' };
  let head: Uint8Array;
  try {
    head = await readHead(file, PNG.length);
  } catch {
    return { ok: false, file, problem: 'unreadable' };
  }
  const type = imageTypeOf(head);
  return type === undefined ? { ok: false, file, problem: 'type' } : { ok: true, file, type };
}

/** The photo types Kiva Sheets carries, told by the file's first bytes. */
export function imageTypeOf(head: Uint8Array): 'image/jpeg' | 'image/png' | undefined {
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, PNG)) return 'image/png';
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** FileReader rather than Blob.arrayBuffer: older Safari webviews (Excel for Mac) lack the latter. */
function readHead(file: File, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = reader.result;
      if (result instanceof ArrayBuffer) resolve(new Uint8Array(result));
      else reject(new Error('not an ArrayBuffer'));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsArrayBuffer(file.slice(0, length));
  });
}
