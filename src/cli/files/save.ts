/** Writing a user's file: never half-written, and the place checked before anything is sent to Kiva. */
import { constants } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/**
 * Writes through a temporary file in the same folder, flushed to the disk (fsync) before it is renamed over the
 * target, and the folder flushed after: a power cut leaves the old file or the new one, never an empty one.
 */
export async function writeAtomically(path: string, write: (temporary: string) => Promise<void>): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.kiva-sheets.tmp`);
  try {
    await write(temporary);
    await flush(temporary, 'r+');
    await rename(temporary, path);
    // A folder cannot be opened for syncing on Windows: the rename is as durable as that system makes it.
    await flush(dirname(path), 'r').catch(() => undefined);
  } catch (e) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw e;
  }
}

async function flush(path: string, flags: string): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Why `path` cannot be written, or undefined when it can (the file, or its folder when it does not exist yet). */
export async function unwritable(path: string): Promise<string | undefined> {
  try {
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists) await access(path, constants.W_OK);
    await access(dirname(path), constants.W_OK);
    return undefined;
  } catch (e) {
    return describeFileError(e);
  }
}

/** `report.xlsx` → `report.kiva-sheets-recovered-20261128-1403.xlsx`, next to it. */
export function recoveryPath(path: string, stamp: string): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.kiva-sheets-recovered-${stamp}${ext}`);
}

export function describeFileError(e: unknown): string {
  const error = e as NodeJS.ErrnoException;
  switch (error?.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EBUSY':
      return 'the file is in use (open in Excel?)';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return error?.message ?? String(e);
  }
}
