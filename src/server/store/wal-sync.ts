/**
 * Durable SQLite commits that do not stop the event loop. In WAL mode, synchronous=FULL is NORMAL plus one fsync of
 * the -wal file after each commit (https://www.sqlite.org/pragma.html#pragma_synchronous), and that fsync is what
 * blocked everything else in the process — other requests in flight, the server's other callers — for as long as
 * the disk took (about 15 ms a commit on a loaded machine). Here a commit is made with NORMAL (its WAL frames are
 * written, in the OS's cache) and the same fsync of the -wal file runs on libuv's thread pool; the caller awaits it
 * before it acts on the commit (a request leaves only once its reservation is on disk).
 *
 * Durability is FULL's: fsync flushes the file, whichever descriptor wrote it; a checkpoint under NORMAL syncs the
 * WAL before copying it into the database and the database after, so a WAL that starts again from its beginning
 * only overwrites what the database file already holds on disk; and the -wal file stays the same file while this
 * connection is open (SQLite deletes it only when the last connection closes). As SQLite does for a WAL it created,
 * the folder is synced once too, so the file's name survives a power cut as well as its content.
 *
 * Commits that ask within one turn of the event loop share one fsync, and so do those that ask while one is on its
 * way to the disk (group commit): four requests in flight cost one fsync, not four.
 */
import { close, fsync, open } from 'node:fs';
import { dirname } from 'node:path';

export interface WalSync {
  /** Resolves once every commit made before the call is on disk; rejects if the disk refused. */
  durable(): Promise<void>;
  /** How many fsyncs ran (the bench and the tests count them). */
  readonly syncs: number;
  close(): void;
}

/** What syncs a file: node:fs in use, a fake in the tests (to hold a sync back and see what waits for it). */
export type SyncFile = (path: string) => Promise<void>;

/** The WAL of `databasePath` (as SQLite names it: `<database>-wal`), synced with `sync`. */
export function walSync(databasePath: string, sync: SyncFile = fsyncPath): WalSync {
  const wal = `${databasePath}-wal`;
  let syncs = 0;
  let folderSynced = false;
  /** The sync on its way to the disk, if any: it may have started before a commit that asks now. */
  let running: Promise<void> | undefined;
  /** The one to start once `running` ends (or at the end of this turn): it covers every commit made until then. */
  let queued: Promise<void> | undefined;

  const start = (): Promise<void> => {
    queued = undefined;
    syncs++;
    const wanted = folderSynced ? sync(wal) : Promise.all([sync(wal), syncFolder(dirname(wal))]).then(() => {});
    const current = wanted.then(() => {
      folderSynced = true;
    });
    running = current;
    const done = (): void => {
      if (running === current) running = undefined;
    };
    current.then(done, done);
    return current;
  };

  return {
    durable() {
      if (queued !== undefined) return queued;
      // The next turn of the event loop, or the end of the sync in flight: whichever is later, so that commits
      // made meanwhile (the settlement just before this reservation, the other requests' reservations) share it.
      const after = running ?? Promise.resolve();
      queued = after.then(
        () => new Promise<void>((resolve) => setImmediate(resolve)).then(start),
        () => new Promise<void>((resolve) => setImmediate(resolve)).then(start),
      );
      return queued;
    },
    get syncs() {
      return syncs;
    },
    close() {
      queued = undefined;
      running = undefined;
    },
  };

  function syncFolder(folder: string): Promise<void> {
    // Windows cannot open a folder to sync it (and SQLite does not sync folders there either).
    if (process.platform === 'win32') return Promise.resolve();
    return sync(folder);
  }
}

/** fsync of a file or folder by path, on libuv's thread pool. */
export function fsyncPath(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // r+ : Windows flushes a file only through a handle that may write it; a folder opens read-only.
    open(path, path.endsWith('-wal') ? 'r+' : 'r', (openError, fd) => {
      if (openError) return reject(openError);
      fsync(fd, (syncError) => {
        close(fd, () => (syncError ? reject(syncError) : resolve()));
      });
    });
  });
}
