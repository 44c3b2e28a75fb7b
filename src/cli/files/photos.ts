/**
 * Photo files named in a loans sheet, read from the workbook's folder (or a folder below it) and sent as data
 * URIs. The content decides the type, not the name; a workbook cannot make the tool read files elsewhere on disk.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { PhotoFile } from '../../app';

/** Well above a phone photo, well below what makes a request fail. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export async function loadPhotoFiles(folder: string, names: readonly string[]): Promise<Map<string, PhotoFile>> {
  const root = await realpath(folder).catch(() => folder);
  const found = new Map<string, PhotoFile>();
  for (const name of names) found.set(name, await loadPhoto(root, name));
  return found;
}

async function loadPhoto(root: string, name: string): Promise<PhotoFile> {
  // A Windows user types `photos\ana.jpg`; the same workbook must work on any system.
  const relativeName = name.replace(/\\/g, '/');
  if (isAbsolute(relativeName) || /^[A-Za-z]:/.test(relativeName)) return { problem: 'outside-folder' };
  const path = join(root, ...relativeName.split('/'));
  if (outside(root, path)) return { problem: 'outside-folder' };
  try {
    const real = await realpath(path);
    if (outside(root, real)) return { problem: 'outside-folder' };
    const info = await stat(real);
    if (!info.isFile()) return { problem: 'not-found' };
    if (info.size > MAX_PHOTO_BYTES) return { problem: 'too-large' };
    const bytes = await readFile(real);
    const type = imageType(bytes);
    if (type === undefined) return { problem: 'not-image' };
    return { dataUri: `data:${type};base64,${bytes.toString('base64')}` };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' || code === 'ENOTDIR' ? 'not-found' : 'unreadable' };
  }
}

function outside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

export function imageType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return undefined;
}
