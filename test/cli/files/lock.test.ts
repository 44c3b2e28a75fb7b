/**
 * The workbook lock: a live run's lock refuses a second writer; a lock no live run can hold is taken over, never
 * refused for ever — a dead process's, an unreadable one older than a run takes to write it, another computer's
 * older than any send lasts. Clocks are injected; file ages are set with utimes, so nothing waits.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FOREIGN_HOST_TIMEOUT_MS,
  lockPathOf,
  lockWorkbook,
  UNREADABLE_GRACE_MS,
  writeLock,
} from '../../../src/cli/files/lock';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-lock-'));
  file = join(dir, 'report.xlsx');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOW = Date.parse('2026-12-03T12:00:00Z');
const alive = () => true;
const gone = () => false;

/** A lock file as a run killed while writing it leaves it, last written `ageMs` before NOW. */
function halfWritten(ageMs: number): void {
  const path = lockPathOf(file);
  writeFileSync(path, '{"pid": 41');
  const at = (NOW - ageMs) / 1000;
  utimesSync(path, at, at);
}

function heldBy(): unknown {
  return JSON.parse(readFileSync(lockPathOf(file), 'utf8'));
}

it('a live run on this computer keeps its lock; released, the file is free again', async () => {
  await writeLock(file, { pid: 4242, host: hostname(), since: new Date(NOW - 1000).toISOString() });
  const second = await lockWorkbook(file, alive, () => NOW);
  expect(second).toMatchObject({ ok: false, holder: { pid: 4242 } });
  rmSync(lockPathOf(file));
  const mine = await lockWorkbook(file, alive, () => NOW);
  if (!mine.ok) throw new Error('refused');
  expect(heldBy()).toMatchObject({ pid: process.pid });
  await mine.release();
  expect(existsSync(lockPathOf(file))).toBe(false);
});

it('a dead process’s lock is taken over, and says whose it was', async () => {
  await writeLock(file, { pid: 4242, host: hostname(), since: new Date(NOW - 1000).toISOString() });
  const taken = await lockWorkbook(file, gone, () => NOW);
  expect(taken).toMatchObject({ ok: true, tookOver: { pid: 4242, host: hostname() } });
  expect(heldBy()).toMatchObject({ pid: process.pid, host: hostname() });
});

it('an unreadable lock is a run starting right now while young, and taken over once older than the grace', async () => {
  halfWritten(1000);
  const young = await lockWorkbook(file, alive, () => NOW);
  expect(young.ok).toBe(false);
  expect(readFileSync(lockPathOf(file), 'utf8')).toBe('{"pid": 41');

  halfWritten(UNREADABLE_GRACE_MS + 1000);
  const old = await lockWorkbook(file, alive, () => NOW);
  if (!old.ok) throw new Error('an unreadable lock older than the grace was refused');
  expect(old.tookOver).toMatchObject({
    unreadable: true,
    since: new Date(NOW - UNREADABLE_GRACE_MS - 1000).toISOString(),
  });
  expect(heldBy()).toMatchObject({ pid: process.pid });
});

it('another computer’s lock is refused while a send could still be running there, taken over after', async () => {
  const since = (age: number) => new Date(NOW - age).toISOString();
  await writeLock(file, { pid: 7, host: 'other-pc', since: since(60 * 60 * 1000) });
  // Its pid means nothing here: asking this computer whether pid 7 lives would be a guess.
  expect(await lockWorkbook(file, gone, () => NOW)).toMatchObject({ ok: false, holder: { host: 'other-pc' } });

  await writeLock(file, { pid: 7, host: 'other-pc', since: since(FOREIGN_HOST_TIMEOUT_MS + 1000) });
  expect(await lockWorkbook(file, alive, () => NOW)).toMatchObject({ ok: true, tookOver: { host: 'other-pc' } });
});
