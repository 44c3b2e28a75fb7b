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
 * Commits that ask within one turn of the event loop share one fsync (group commit): a settlement and the
 * reservation that follows it cost one fsync, not two, and so do requests whose turns come together.
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
export function walSync(databasePath: string, syncFile?: SyncFile): WalSync {
  const wal = `${databasePath}-wal`;
  const files = syncFile === undefined ? openFiles() : undefined;
  const sync = syncFile ?? ((path: string) => (files as OpenFiles).sync(path));
  let syncs = 0;
  let folderSynced = false;
  /** Syncs on their way to the disk (more than one when commits come while one is running). */
  const running = new Set<Promise<void>>();
  /** The sync to start at the end of this turn of the event loop: it covers every commit made until then. */
  let queued: Promise<void> | undefined;

  const start = (): Promise<void> => {
    queued = undefined;
    syncs++;
    const wanted = folderSynced ? sync(wal) : Promise.all([sync(wal), syncFolder(dirname(wal))]).then(() => {});
    const current = wanted.then(() => {
      folderSynced = true;
    });
    running.add(current);
    const done = (): void => {
      running.delete(current);
    };
    current.then(done, done);
    return current;
  };

  return {
    durable() {
      // At the end of this turn, so that the commits made meanwhile (the settlement just before this reservation,
      // the other requests' reservations) share it. Not after a sync already running: that one may have started
      // before this commit, and waiting for it first would cost two syncs' time (on a loaded machine, each waits
      // for a thread of the pool to get a core); two syncs of one file may run at once.
      queued ??= new Promise<void>((resolve) => setImmediate(resolve)).then(start);
      return queued;
    },
    get syncs() {
      return syncs;
    },
    close() {
      // After the syncs still on their way: a descriptor closed under a running fsync could be another file's.
      const pending = [...running, queued].map((sync) => sync?.catch(() => {}));
      void Promise.all(pending).then(() => files?.close());
    },
  };

  function syncFolder(folder: string): Promise<void> {
    // Windows cannot open a folder to sync it (and SQLite does not sync folders there either).
    if (process.platform === 'win32') return Promise.resolve();
    return sync(folder);
  }
}

interface OpenFiles {
  sync(path: string): Promise<void>;
  close(): void;
}

/**
 * fsync by path through descriptors kept open (one round trip to the thread pool a sync, not three): the -wal file
 * is the same file while the connection is open, so its descriptor stays valid.
 */
function openFiles(): OpenFiles {
  const opened = new Map<string, Promise<number>>();
  return {
    sync(path) {
      let fd = opened.get(path);
      if (fd === undefined) {
        fd = new Promise<number>((resolve, reject) =>
          // r+ : Windows flushes a file only through a handle that may write it; a folder opens read-only.
          open(path, path.endsWith('-wal') ? 'r+' : 'r', (error, descriptor) =>
            error ? reject(error) : resolve(descriptor),
          ),
        );
        opened.set(path, fd);
        // A file that could not be opened is tried again next time.
        fd.catch(() => opened.delete(path));
      }
      return fd.then(
        (descriptor) =>
          new Promise<void>((resolve, reject) => fsync(descriptor, (error) => (error ? reject(error) : resolve()))),
      );
    },
    close() {
      for (const fd of opened.values())
        fd.then(
          (descriptor) => close(descriptor, () => {}),
          () => {},
        );
      opened.clear();
    },
  };
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
