/**
 * The leaving mark: a dead run's reservation whose request provably never left (not marked, this host, this boot of
 * the machine) is released and sent by the next run; one that left, or may have, is Uncertain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerItem, LedgerSubmit } from '../../src/app/ledger';
import { BOOT_TIME_MARGIN_MS, currentBoot, sameBoot } from '../../src/server/store/boot';
import {
  NEVER_SENT_MESSAGE,
  openLedger,
  type RunIdentity,
  type SqliteLedger,
} from '../../src/server/store/ledger-sqlite';
import { STOPPED_MESSAGE } from '../../src/app/ledger-rows';

describe('a reservation marked as it leaves', () => {
  let dir: string;
  let path: string;
  const open: SqliteLedger[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-leaving-'));
    path = join(dir, 'kiva-sheets.sqlite');
  });
  afterEach(() => {
    for (const ledger of open.splice(0)) ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const submit: LedgerSubmit = {
    time: Date.parse('2026-12-02T10:00:00Z'),
    user: 'ana',
    environment: 'stage',
    endpoint: 'repayments',
    forced: false,
    marksLeaving: true,
  };
  const key = (loan: string) => `repayment:2026-11:${loan}`;
  const item = (loan: string, row = 2): LedgerItem => ({
    guardKey: key(loan),
    contentHash: 'h',
    rows: [{ sheet: 'Repayments', row }],
  });
  const alive = new Set<number>();
  const run = (runId: string, pid: number, boot: string | undefined, host = 'box'): RunIdentity => ({
    runId,
    pid,
    host,
    isAlive: (other) => alive.has(other),
    ...(boot !== undefined ? { boot } : {}),
  });
  const ledger = (identity: RunIdentity, readOnly = false): SqliteLedger => {
    const opened = openLedger(path, { run: identity, readOnly });
    open.push(opened);
    return opened;
  };
  const states = (of: SqliteLedger) =>
    of.db.prepare(`SELECT guard_key AS key, state, outcome, message FROM items ORDER BY id`).all() as {
      key: string;
      state: string;
      outcome: string | null;
      message: string | null;
    }[];

  it('releases a dead run’s unmarked reservation (sent by the next run) and makes a marked one Uncertain', async () => {
    alive.clear();
    alive.add(1);
    const dying = ledger(run('a', 1, 'id:boot-1'));
    const left = await dying.reserve(submit, [item('L1')]);
    await dying.leaving(left.submitId);
    // Reserved ahead, never marked: its request never left.
    await dying.reserve(submit, [item('L2', 3)]);
    // A caller that does not mark its requests (an older build, the server): recovered as before, Uncertain.
    await dying.reserve({ ...submit, marksLeaving: false }, [item('L3', 4)]);
    alive.delete(1);

    // A reader that may not write sees what recovery will make of them.
    const reader = ledger(run('r', 3, 'id:boot-1'), true);
    const seen = await reader.lookup('stage', [key('L1'), key('L2'), key('L3')]);
    expect(seen.get(key('L1'))).toMatchObject({ state: 'uncertain', message: STOPPED_MESSAGE });
    expect(seen.has(key('L2'))).toBe(false);
    expect(seen.get(key('L3'))).toMatchObject({ state: 'uncertain' });

    alive.add(2);
    const next = ledger(run('b', 2, 'id:boot-1'));
    expect(states(next)).toEqual([
      { key: key('L1'), state: 'uncertain', outcome: 'uncertain', message: STOPPED_MESSAGE },
      { key: key('L2'), state: 'released', outcome: 'cancelled', message: NEVER_SENT_MESSAGE },
      { key: key('L3'), state: 'uncertain', outcome: 'uncertain', message: STOPPED_MESSAGE },
    ]);
    const again = await next.reserve(submit, [item('L1'), item('L2', 3), item('L3', 4)]);
    expect(again.admissions.map((a) => (a.admitted ? 'admitted' : a.previous.state))).toEqual([
      'uncertain',
      'admitted',
      'uncertain',
    ]);
  });

  it('makes an unmarked reservation Uncertain after the machine restarted: the mark may have been lost', async () => {
    alive.clear();
    alive.add(1);
    const dying = ledger(run('a', 1, 'id:boot-1'));
    await dying.reserve(submit, [item('L1')]);
    alive.delete(1);

    // The same pid after the restart: a process of the new boot, not the dead one.
    const readers = [run('r', 1, 'id:boot-2'), run('s', 4, undefined)].map((identity) => ledger(identity, true));
    for (const reader of readers) {
      expect((await reader.lookup('stage', [key('L1')])).get(key('L1'))).toMatchObject({ state: 'uncertain' });
    }
    const restarted = ledger(run('b', 1, 'id:boot-2'));
    expect(states(restarted)).toEqual([
      { key: key('L1'), state: 'uncertain', outcome: 'uncertain', message: STOPPED_MESSAGE },
    ]);
  });

  it('leaves another host’s unmarked reservation to the timeout, then Uncertain: its boot is not ours to judge', async () => {
    let now = submit.time;
    const there = openLedger(path, { run: run('a', 5, 'id:boot-1', 'other-box'), now: () => now });
    await there.reserve(submit, [item('L1')]);
    there.close();
    const here = openLedger(path, { run: run('b', 6, 'id:boot-1'), now: () => now, foreignHostTimeoutMs: 60_000 });
    open.push(here);
    expect((await here.lookup('stage', [key('L1')])).get(key('L1'))?.state).toBe('sending');
    now += 61_000;
    expect(await here.recoverDeadRuns()).toBe(1);
    expect(states(here)[0]).toMatchObject({ state: 'uncertain', message: STOPPED_MESSAGE });
  });

  it('commits the mark without waiting for a sync, and records the boot only for a caller that marks', async () => {
    const syncs: (() => void)[] = [];
    const syncFile = () => new Promise<void>((resolve) => syncs.push(resolve));
    const marking = openLedger(path, { run: run('a', process.pid, 'id:boot-1'), syncFile });
    open.push(marking);
    const reserving = marking.reserve(submit, [item('L1')]);
    while (syncs.length === 0) await new Promise((resolve) => setImmediate(resolve));
    for (const finish of syncs.splice(0)) finish();
    const { submitId } = await reserving;
    // Resolves with no sync of its own (none is let through here), and another connection reads the mark.
    await marking.leaving(submitId);
    const other = ledger(run('b', 2, 'id:boot-1'), true);
    expect(other.db.prepare('SELECT boot, leaving_at FROM submits WHERE id = ?').get(submitId)).toEqual({
      boot: 'id:boot-1',
      leaving_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
    const unmarked = marking.reserve({ ...submit, marksLeaving: false }, [item('L2', 3)]);
    while (syncs.length === 0) await new Promise((resolve) => setImmediate(resolve));
    for (const finish of syncs.splice(0)) finish();
    const plain = await unmarked;
    expect(other.db.prepare('SELECT boot FROM submits WHERE id = ?').get(plain.submitId)).toEqual({ boot: null });
    expect(other.db.pragma('user_version', { simple: true })).toBe(3);
  });
});

describe('the machine’s boot', () => {
  const hour = 60 * 60 * 1000;
  const boot = Date.parse('2026-12-04T00:00:00Z');

  it('is Linux’s boot id and pid namespace when there are, else the boot time from the clock and the uptime', () => {
    const id = '6f1c0e4e-1b2a-4d8e-9c55-0a1b2c3d4e5f';
    expect(
      currentBoot(
        () => `${id}\n`,
        () => 'pid:[4026531836]',
      ),
    ).toBe(`id:${id} pid:[4026531836]`);
    expect(currentBoot()).toMatch(process.platform === 'linux' ? /^id:[0-9a-f-]{36} pid:\[\d+\]$/ : /^time:\d+$/);
    // A process in another pid namespace (a container under the host's name) reads the host's boot id: not the same.
    const inContainer = currentBoot(
      () => id,
      () => 'pid:[4026532500]',
    );
    expect(
      sameBoot(
        currentBoot(
          () => id,
          () => 'pid:[4026531836]',
        ) ?? null,
        inContainer,
        Date.now(),
      ),
    ).toBe(false);
    const unreadable = currentBoot(
      () => id,
      () => {
        throw new Error('EACCES');
      },
    );
    expect(sameBoot(unreadable ?? null, unreadable, Date.now())).toBe(false);
    const fallback = currentBoot(() => {
      throw new Error('ENOENT');
    });
    expect(fallback).toMatch(/^time:\d+$/);
    expect(Math.abs(Number(fallback?.slice(5)) - Date.now())).toBeLessThan(10 * 365 * 24 * hour);
  });

  it('is the same only when certain', () => {
    expect(sameBoot('id:a', 'id:a', boot)).toBe(true);
    expect(sameBoot('id:a', 'id:b', boot)).toBe(false);
    expect(sameBoot(null, 'id:a', boot)).toBe(false);
    expect(sameBoot('id:a', undefined, boot)).toBe(false);
    expect(sameBoot('id:a', `time:${boot}`, boot + hour)).toBe(false);
    // Boot times: within the margin, for a reservation made well after the boot.
    expect(sameBoot(`time:${boot}`, `time:${boot + BOOT_TIME_MARGIN_MS / 2}`, boot + hour)).toBe(true);
    expect(sameBoot(`time:${boot}`, `time:${boot + BOOT_TIME_MARGIN_MS + 1}`, boot + hour)).toBe(false);
    // Made just after the boot: a restart right after it could read as the same boot, so it cannot tell.
    expect(sameBoot(`time:${boot}`, `time:${boot}`, boot + BOOT_TIME_MARGIN_MS)).toBe(false);
    expect(sameBoot('time:x', `time:${boot}`, boot + hour)).toBe(false);
  });
});
