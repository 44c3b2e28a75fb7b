/**
 * Borrower photos the user attached in the pane. Each is kept in the workbook itself (src/excel/photo-parts: custom
 * XML parts, never a cell or a setting), so it is there again when the file is reopened, on this computer or
 * another, and in memory for this session. Two kinds of key:
 *
 * - `file:<name>`: a photo a photo cell names (`fotos/Ana.JPG` finds `ana.jpg`: last path segment, case aside);
 * - `loan:<loan id>`: a photo attached to the selected borrower's row on a sheet without a photo column. The loan
 *   id, not the row number, keeps it on its loan when rows are sorted or inserted; a group loan has one photo.
 *
 * The workbook adapter asks for them just before converting rows.
 */
import type { PhotoFile } from '../app';
import { photoBaseName, photoFileKey, photoLoanKey } from '../app/photo-parts';
import type { WorkbookPhotos } from '../excel';
import { imageTypeOf } from './photos';

export interface PhotoKept {
  /** The file's name, as it was chosen. */
  name: string;
  /** false: kept for this session only (the workbook could not take it; the pane says so). */
  inWorkbook: boolean;
}

export type PhotoAdded = { ok: true; kept: PhotoKept } | { ok: false; problem: 'not-image' | 'unreadable' };

export interface PhotoStore {
  /** Keeps the file under its own name (a second file of the same name replaces the first). */
  add(file: File): Promise<PhotoAdded>;
  /** Keeps the file as the photo of this loan (a sheet without a photo column). */
  attachToLoan(loanId: string, file: File): Promise<PhotoAdded>;
  /** The adapter's `photos` option: every name asked for gets a data URI or a problem. */
  load(names: readonly string[]): Promise<ReadonlyMap<string, PhotoFile>>;
  /** Photos attached to these loans; loans without one are left out. */
  loadLoans(loanIds: readonly string[]): Promise<ReadonlyMap<string, PhotoFile & { name: string }>>;
  /** Photos attached in this session (for the diagnostics). */
  readonly size: number;
}

interface Held {
  name: string;
  dataUri: string;
}

export const fileKey = photoFileKey;
export const loanKey = photoLoanKey;

export function createPhotoStore(maxBytes: () => number, workbook?: WorkbookPhotos): PhotoStore {
  const held = new Map<string, Held>();

  const keep = async (key: string, file: File): Promise<PhotoAdded> => {
    const read = await dataUri(file);
    if ('problem' in read) return { ok: false, problem: read.problem === 'not-image' ? 'not-image' : 'unreadable' };
    held.set(key, { name: file.name, dataUri: read.dataUri });
    const saved = await workbook?.save({ key, name: file.name, dataUri: read.dataUri });
    return { ok: true, kept: { name: file.name, inWorkbook: saved?.ok === true } };
  };

  /** From memory first, then one read of the workbook for the rest. */
  const gather = async (keys: readonly string[]): Promise<Map<string, Held>> => {
    const found = new Map<string, Held>();
    const missing: string[] = [];
    for (const key of keys) {
      const photo = held.get(key);
      if (photo !== undefined) found.set(key, photo);
      else missing.push(key);
    }
    if (missing.length === 0 || workbook === undefined) return found;
    const listed = await workbook.list();
    if (!listed.ok) return found;
    const wanted = new Set(missing);
    const names = new Map(listed.value.filter((p) => wanted.has(p.key)).map((p) => [p.key, p.name]));
    if (names.size === 0) return found;
    const read = await workbook.read([...names.keys()]);
    if (!read.ok) return found;
    for (const [key, uri] of read.value) {
      const photo = { name: names.get(key) ?? key, dataUri: uri };
      held.set(key, photo);
      found.set(key, photo);
    }
    return found;
  };

  const checked = (photo: Held): PhotoFile =>
    decodedBytes(photo.dataUri) > maxBytes() ? { problem: 'too-large' } : { dataUri: photo.dataUri };

  return {
    add: (file) => keep(fileKey(file.name), file),
    attachToLoan: (loanId, file) => keep(loanKey(loanId), file),
    get size() {
      return held.size;
    },
    async load(names) {
      const found = await gather(names.map(fileKey));
      return new Map(
        names.map((name): [string, PhotoFile] => {
          const photo = found.get(fileKey(name));
          return [name, photo === undefined ? { problem: 'not-found' } : checked(photo)];
        }),
      );
    },
    async loadLoans(loanIds) {
      const found = await gather(loanIds.map(loanKey));
      const out = new Map<string, PhotoFile & { name: string }>();
      for (const id of loanIds) {
        const photo = found.get(loanKey(id));
        if (photo !== undefined) out.set(id, { ...checked(photo), name: photo.name });
      }
      return out;
    },
  };
}

function decodedBytes(dataUri: string): number {
  const base64 = dataUri.slice(dataUri.indexOf(',') + 1);
  return Math.floor((base64.length * 3) / 4);
}

export const baseName = photoBaseName;

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
