/**
 * One writer per workbook: `send` (and `validate --mark`) hold `<file>.kiva-sheets.lock` beside the file while they
 * run. A second run is refused with who holds it; a lock whose process is gone (killed, power cut) is taken over.
 */
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { processAlive } from '../../server/store/ledger-sqlite';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO 8601. */
  since: string;
}

export type LockResult =
  { ok: true; release: () => Promise<void>; tookOver?: LockHolder } | { ok: false; holder: LockHolder };

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
    const holder = await readHolder(path);
    // Half-written by a run that is starting right now: it is alive.
    if (holder === undefined) return { ok: false, holder: { pid: 0, host: '?', since: me.since } };
    const dead = holder.host === me.host && (holder.pid === me.pid || !isAlive(holder.pid));
    if (!dead) return { ok: false, holder };
    // Dead holder: take the lock over. Renaming would race another taker; remove it and create ours exclusively.
    const again = await readHolder(path);
    if (again?.pid !== holder.pid || again.since !== holder.since) continue;
    await rm(path, { force: true });
    tookOver = holder;
  }
  const holder = await readHolder(path);
  return { ok: false, holder: holder ?? { pid: 0, host: '?', since: me.since } };
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
