/**
 * Borrower photos the user attached in the pane, kept in memory for this session only: a photo is personal data
 * and megabytes of base64, so it goes neither into a cell nor into the workbook's settings. The workbook adapter
 * asks for them by the names the photo cells give, just before converting rows.
 */
import type { PhotoFile } from '../app';
import { imageTypeOf } from './photos';

export interface PhotoStore {
  /** Keeps the file under its own name (a second file of the same name replaces the first). */
  add(file: File): string;
  /** The file a photo cell names, by exact name or by its last path segment, case aside (`fotos/Ana.JPG`). */
  find(cellText: string): File | undefined;
  /** The adapter's `photos` option: every name asked for gets a data URI or a problem. */
  load(names: readonly string[]): Promise<ReadonlyMap<string, PhotoFile>>;
  readonly size: number;
}

export function createPhotoStore(maxBytes: () => number): PhotoStore {
  const files = new Map<string, File>();
  const key = (name: string): string => baseName(name).toLowerCase();

  const find = (cellText: string): File | undefined => files.get(key(cellText.trim()));

  return {
    add(file) {
      files.set(key(file.name), file);
      return file.name;
    },
    find,
    get size() {
      return files.size;
    },
    async load(names) {
      const answers = await Promise.all(
        names.map(async (name): Promise<[string, PhotoFile]> => {
          const file = find(name);
          if (file === undefined) return [name, { problem: 'not-found' }];
          if (file.size > maxBytes()) return [name, { problem: 'too-large' }];
          return [name, await dataUri(file)];
        }),
      );
      return new Map(answers);
    },
  };
}

export function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] ?? name;
}

async function dataUri(file: File): Promise<PhotoFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(file);
  } catch {
    return { problem: 'unreadable' };
  }
  const type = imageTypeOf(bytes);
  if (type === undefined) return { problem: 'not-image' };
  return { dataUri: `data:${type};base64,${base64(bytes)}` };
}

/** Blob.arrayBuffer where it exists; FileReader in older Safari webviews (Excel for Mac) that lack it. */
function readBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      reader.result instanceof ArrayBuffer ? resolve(new Uint8Array(reader.result)) : reject(new Error('no bytes'));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsArrayBuffer(file);
  });
}

function base64(bytes: Uint8Array): string {
  // String.fromCharCode takes arguments: a few megabytes at once would overflow the call stack.
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}
