import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fsyncPath, walSync } from '../../src/server/store/wal-sync';

/** A file sync the test lets finish when it chooses. */
function heldSyncs() {
  const started: { path: string; finish: (error?: Error) => void }[] = [];
  const sync = (path: string) =>
    new Promise<void>((resolve, reject) => {
      started.push({ path, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { started, sync };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the WAL sync behind durable commits', () => {
  it('resolves only once a sync that started after the commit has finished, one sync for commits of one turn', async () => {
    const { started, sync } = heldSyncs();
    const wal = walSync('/data/ledger.sqlite', sync);
    let done = 0;
    const first = wal.durable().then(() => done++);
    const second = wal.durable().then(() => done++);
    await turn();
    await turn();
    // One sync for both, and the folder once (the WAL's name must survive a power cut too).
    expect(started.map((s) => s.path).sort()).toEqual(['/data', '/data/ledger.sqlite-wal']);
    expect(done).toBe(0);
    // A commit made while that sync is on its way is not covered by it: it gets one of its own, started at once.
    const running = started.splice(0);
    const third = wal.durable().then(() => done++);
    await turn();
    await turn();
    // (The folder too: the first sync has not told yet that it synced it.)
    expect(started.map((s) => s.path).sort()).toEqual(['/data', '/data/ledger.sqlite-wal']);
    for (const s of running) s.finish();
    await Promise.all([first, second]);
    await turn();
    expect(done).toBe(2);
    for (const s of started.splice(0)) s.finish();
    await third;
    expect(done).toBe(3);
    expect(wal.syncs).toBe(2);
  });

  it('tells the commit when the disk refused, and syncs again for the next one', async () => {
    const { started, sync } = heldSyncs();
    const wal = walSync('/data/ledger.sqlite', sync);
    const refused = wal.durable();
    await turn();
    await turn();
    for (const s of started.splice(0)) s.finish(new Error('EIO'));
    await expect(refused).rejects.toThrow('EIO');
    const next = wal.durable();
    await turn();
    await turn();
    expect(started.length).toBeGreaterThan(0);
    for (const s of started.splice(0)) s.finish();
    await expect(next).resolves.toBeUndefined();
  });

  it('syncs a real file and folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-wal-'));
    try {
      writeFileSync(join(dir, 'x.sqlite-wal'), 'frames');
      await expect(fsyncPath(join(dir, 'x.sqlite-wal'))).resolves.toBeUndefined();
      await expect(fsyncPath(dir)).resolves.toBeUndefined();
      await expect(fsyncPath(join(dir, 'missing-wal'))).rejects.toThrow(/ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
