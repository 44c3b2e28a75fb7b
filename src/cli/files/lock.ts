/**
 * One writer per workbook: `send` holds `.~<file>.kiva-sheets.lock` beside the file while it runs. A second run is
 * refused with who holds it. A lock that cannot be a live run's is taken over, never refused for ever:
 * - its process is gone (killed, power cut) on this computer;
 * - it cannot be read (a run killed between creating it and writing it, a damaged file) and is older than a run
 *   takes to write it (UNREADABLE_GRACE_MS; younger, it is a run starting right now);
 * - it is another computer's (a shared folder), whose process cannot be asked, and older than any send lasts
 *   (FOREIGN_HOST_TIMEOUT_MS, the ledger's rule for another host's reservations).
 */
import { open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { processAlive } from '../../server/store/ledger-sqlite';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO 8601. */
  since: string;
  /** The lock file could not be read: pid 0, host `?`, `since` its modification time. */
  unreadable?: true;
}

export type LockResult =
  { ok: true; release: () => Promise<void>; tookOver?: LockHolder } | { ok: false; holder: LockHolder };

/** A run writes its lock in the same instant it creates it: unreadable for longer than this, no run is writing it. */
export const UNREADABLE_GRACE_MS = 60_000;
/** Another computer's lock: older than this, its run is taken as gone (as the ledger does with its reservations). */
export const FOREIGN_HOST_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export function lockPathOf(file: string): string {
  return join(dirname(file), `.~${basename(file)}.kiva-sheets.lock`);
}

export async function lockWorkbook(
  file: string,
  isAlive: (pid: number) => boolean = processAlive,
  now: () => number = Date.now,
): Promise<LockResult> {
  const path = lockPathOf(file);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date(now()).toISOString() };
  let tookOver: LockHolder | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(me));
        await handle.sync();
      } finally {
        await handle.close();
      }
      const release = async (): Promise<void> => {
        // Only our own lock: one taken over from us (we were thought dead) is not ours to remove.
        const holder = await readHolder(path);
        if (holder?.pid === me.pid && holder.host === me.host) await rm(path, { force: true });
      };
      return { ok: true, release, ...(tookOver !== undefined ? { tookOver } : {}) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await holderOf(path);
    if (holder === undefined) continue; // Released meanwhile: try again.
    const age = now() - Date.parse(holder.since);
    const dead = holder.unreadable
      ? age > UNREADABLE_GRACE_MS
      : holder.host === me.host
        ? holder.pid === me.pid || !isAlive(holder.pid)
        : age > FOREIGN_HOST_TIMEOUT_MS;
    if (!dead) return { ok: false, holder };
    // Dead holder: take the lock over. Renaming would race another taker; remove it and create ours exclusively.
    const again = await holderOf(path);
    if (again?.pid !== holder.pid || again.since !== holder.since) continue;
    await rm(path, { force: true });
    tookOver = holder;
  }
  const holder = await holderOf(path);
  return { ok: false, holder: holder ?? { pid: 0, host: '?', since: me.since } };
}

/** Who holds the lock file; unreadable, since when it was written; undefined: there is none. */
async function holderOf(path: string): Promise<LockHolder | undefined> {
  const holder = await readHolder(path);
  if (holder !== undefined) return holder;
  try {
    const { mtimeMs } = await stat(path);
    return { pid: 0, host: '?', since: new Date(mtimeMs).toISOString(), unreadable: true };
  } catch {
    return undefined;
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string') {
      return { pid: value.pid, host: value.host, since: value.since };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** For tests: a lock file as a run that holds it would leave it. */
export async function writeLock(file: string, holder: LockHolder): Promise<void> {
  await writeFile(lockPathOf(file), JSON.stringify(holder));
}
