import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerItem, LedgerSubmit } from '../../src/app/ledger';
import type { RowOutcome } from '../../src/kiva';
import { openLedger, type RunIdentity } from '../../src/server/store/ledger-sqlite';

describe('the delivery ledger over SQLite', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-ledger-'));
    path = join(dir, 'kiva-sheets.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const submit: LedgerSubmit = {
    time: Date.parse('2026-12-02T10:00:00Z'),
    user: 'ana',
    environment: 'stage',
    endpoint: 'repayments',
    forced: false,
  };
  const item = (loan: string, hash = 'h', row = 2): LedgerItem => ({
    guardKey: `repayment:2026-11:${loan}`,
    contentHash: hash,
    rows: [{ sheet: 'Repayments', row }],
    summary: { amount: 20 },
  });
  const alive = new Set<number>();
  const run = (runId: string, pid: number, host = 'box'): RunIdentity => ({
    runId,
    pid,
    host,
    isAlive: (other) => alive.has(other),
  });
  const sent = (row: number, warnings?: string[]): RowOutcome => ({
    kind: 'sent',
    row: { sheet: 'Repayments', row },
    reference: { uploadId: 'U-1', ...(warnings ? { warnings } : {}) },
  });

  it('finds a key whatever keys around it are looked up with, and nothing outside what it holds', async () => {
    const ledger = openLedger(path, { run: run('a', 101) });
    try {
      // Held: L5 of November and L5 of October; the lookup's first probe is over the range of the keys asked for.
      for (const guardKey of ['repayment:2026-11:L5', 'repayment:2026-10:L5']) {
        const { submitId, admissions } = await ledger.reserve(submit, [{ ...item('L5'), guardKey }]);
        const itemId = (admissions[0] as { itemId: number }).itemId;
        await ledger.settle(submitId, [{ itemId, outcomes: [sent(2)] }], [], true);
      }
      const keys = (...loans: string[]) => loans.map((loan) => `repayment:2026-11:${loan}`);
      // Keys on both sides of L5, and L5 itself among them (not at an end of the range).
      expect([...(await ledger.lookup('stage', keys('L1', 'L5', 'L9'))).keys()]).toEqual(['repayment:2026-11:L5']);
      // Only L5, alone (the range is one key).
      expect([...(await ledger.lookup('stage', keys('L5'))).keys()]).toEqual(['repayment:2026-11:L5']);
      // A range around L5 without L5 in it: nothing, though the probe finds an item in the range.
      expect(await ledger.lookup('stage', keys('L1', 'L9'))).toEqual(new Map());
      // December's keys: no item in their range at all (the first send of a period).
      expect(await ledger.lookup('stage', ['repayment:2026-12:L5', 'repayment:2026-12:L6'])).toEqual(new Map());
      // Keys outside the ASCII range sort as SQLite sorts them (UTF-8: U+FF10 before U+1F600), not as JavaScript does
      // (UTF-16: the other way round): a range taken in JavaScript would be empty in SQLite and miss U+FF10.
      const astral = 'repayment:2026-11:\u{1F600}';
      const high = 'repayment:2026-11:\uFF10';
      const { submitId, admissions } = await ledger.reserve(submit, [{ ...item('x'), guardKey: high }]);
      await ledger.settle(
        submitId,
        [{ itemId: (admissions[0] as { itemId: number }).itemId, outcomes: [sent(3)] }],
        [],
        true,
      );
      expect([...(await ledger.lookup('stage', [astral, high])).keys()]).toEqual([high]);
    } finally {
      ledger.close();
    }
  });

  it('tells a second run that a live run is sending a loan, and takes over the loans of a dead one', async () => {
    alive.clear();
    alive.add(101);
    alive.add(202);
    const first = openLedger(path, { run: run('a', 101) });
    const second = openLedger(path, { run: run('b', 202) });
    try {
      const mine = await first.reserve(submit, [item('L1')]);
      expect(mine.admissions[0]).toMatchObject({ admitted: true });
      const theirs = await second.reserve({ ...submit, user: 'bruno', forced: true }, [item('L1'), item('L2')]);
      expect(theirs.admissions[0]).toMatchObject({
        admitted: false,
        previous: { state: 'sending', otherRun: true, sentBy: 'ana' },
      });
      expect(theirs.admissions[1]).toMatchObject({ admitted: true });

      // The first run dies (kill -9): its reservation becomes uncertain for whoever looks next.
      alive.delete(101);
      const found = await second.lookup('stage', ['repayment:2026-11:L1', 'repayment:2026-11:L2', 'other']);
      expect(found.get('repayment:2026-11:L1')).toMatchObject({ state: 'uncertain', sentBy: 'ana', otherRun: true });
      expect(found.get('repayment:2026-11:L2')).toMatchObject({ state: 'sending', otherRun: false });
      expect(found.has('other')).toBe(false);
    } finally {
      first.close();
      second.close();
    }
  });

  it('looks many keys up in one query, the latest send of each, with its content and summary', async () => {
    const ledger = openLedger(path, { run: run('a', 1) });
    try {
      const items = Array.from({ length: 500 }, (_, k) => item(`L${k}`, `h${k}`, k + 2));
      const { submitId, admissions } = await ledger.reserve(submit, items);
      await ledger.settle(
        submitId,
        admissions.map((admission, k) => ({
          itemId: admission.itemId,
          outcomes: [sent(k + 2, k === 0 ? ['refunded'] : undefined)],
        })),
        [],
        true,
      );
      const found = await ledger.lookup(
        'stage',
        items.map((i) => i.guardKey),
      );
      expect(found.size).toBe(500);
      expect(found.get('repayment:2026-11:L0')).toMatchObject({ state: 'warned', contentHash: 'h0', reference: 'U-1' });
      expect(found.get('repayment:2026-11:L7')).toMatchObject({
        state: 'sent',
        contentHash: 'h7',
        summary: { amount: 20 },
        sentAt: '2026-12-02T10:00:00.000Z',
      });
      expect(await ledger.lookup('production', ['repayment:2026-11:L7'])).toEqual(new Map());

      // A forced resend of changed content is admitted and becomes the latest send.
      const again = await ledger.reserve({ ...submit, forced: true }, [
        { ...item('L7', 'new'), summary: { amount: 2500 } },
      ]);
      expect(again.admissions[0]).toMatchObject({ admitted: true });
      const latest = await ledger.lookup('stage', ['repayment:2026-11:L7']);
      expect(latest.get('repayment:2026-11:L7')).toMatchObject({ state: 'sending', contentHash: 'new' });
    } finally {
      ledger.close();
    }
  });

  it('holds sent and uncertain items back unless forced, but never one another run is sending', async () => {
    alive.clear();
    alive.add(7);
    const ledger = openLedger(path, { run: run('a', 7) });
    try {
      const { submitId, admissions } = await ledger.reserve(submit, [item('L1'), item('L2')]);
      await ledger.settle(
        submitId,
        [
          { itemId: admissions[0]?.itemId ?? 0, outcomes: [sent(2)] },
          {
            itemId: admissions[1]?.itemId ?? 0,
            outcomes: [{ kind: 'uncertain', row: { sheet: 'Repayments', row: 3 }, reason: 'timeout' }],
          },
        ],
        [],
        true,
      );
      const held = await ledger.reserve(submit, [item('L1'), item('L2')]);
      expect(held.admissions.map((a) => (a.admitted ? 'admitted' : a.previous.state))).toEqual(['sent', 'uncertain']);
      const forced = await ledger.reserve({ ...submit, forced: true }, [item('L1'), item('L2')]);
      expect(forced.admissions.every((a) => a.admitted)).toBe(true);
      const twice = await ledger.reserve({ ...submit, forced: true }, [item('L1')]);
      expect(twice.admissions[0]).toMatchObject({ admitted: false, previous: { state: 'sending', otherRun: false } });
    } finally {
      ledger.close();
    }
  });

  it('takes another host’s reservation as dead only once no request could still be running', async () => {
    let now = submit.time;
    const there = openLedger(path, { run: run('a', 5, 'other-box'), now: () => now });
    await there.reserve(submit, [item('L1')]);
    there.close();
    const here = openLedger(path, { run: run('b', 6), now: () => now, foreignHostTimeoutMs: 60_000 });
    try {
      expect((await here.lookup('stage', ['repayment:2026-11:L1'])).get('repayment:2026-11:L1')?.state).toBe('sending');
      now += 61_000;
      expect(await here.recoverDeadRuns()).toBe(1);
      expect((await here.lookup('stage', ['repayment:2026-11:L1'])).get('repayment:2026-11:L1')?.state).toBe(
        'uncertain',
      );
    } finally {
      here.close();
    }
  });

  it('resolves a reservation and a settlement only once the WAL holding them is synced', async () => {
    const syncs: { path: string; finish: () => void }[] = [];
    const syncFile = (file: string) => new Promise<void>((resolve) => syncs.push({ path: file, finish: resolve }));
    alive.clear();
    alive.add(1);
    const ledger = openLedger(path, { run: run('a', 1), syncFile });
    const turns = async (n: number) => {
      for (let k = 0; k < n; k++) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      let reserved = false;
      const reserving = ledger.reserve(submit, [item('L1'), item('L2')]).then((r) => {
        reserved = true;
        return r;
      });
      await turns(3);
      // Committed (another connection sees it), not yet reported: its request may not leave before the sync ends.
      const other = openLedger(path, { run: run('b', 2), readOnly: true });
      expect((await other.lookup('stage', ['repayment:2026-11:L1'])).get('repayment:2026-11:L1')?.state).toBe(
        'sending',
      );
      other.close();
      expect(reserved).toBe(false);
      expect(syncs.map((s) => s.path)).toContain(`${path}-wal`);
      for (const s of syncs.splice(0)) s.finish();
      const { submitId, admissions } = await reserving;
      expect(admissions.map((a) => a.itemId)).toEqual([1, 2]);

      let settled = false;
      const settling = ledger
        .settle(
          submitId,
          admissions.map((a, k) => ({ itemId: a.itemId, outcomes: [sent(k + 2)] })),
          [],
          true,
        )
        .then(() => {
          settled = true;
        });
      await turns(3);
      expect(settled).toBe(false);
      expect(syncs.map((s) => s.path)).toEqual([`${path}-wal`]);
      for (const s of syncs.splice(0)) s.finish();
      await settling;
      expect((await ledger.lookup('stage', ['repayment:2026-11:L2'])).get('repayment:2026-11:L2')?.state).toBe('sent');
    } finally {
      ledger.close();
    }
  });

  it('records a request of many items with their own ids, one held back by another of the same request', async () => {
    const ledger = openLedger(path, { run: run('a', 1) });
    try {
      await ledger.reserve(submit, [item('L0')]);
      const { admissions } = await ledger.reserve(submit, [item('L1'), item('L2', 'h', 3), item('L1', 'x', 4)]);
      expect(admissions.map((a) => [a.admitted, a.itemId])).toEqual([
        [true, 2],
        [true, 3],
        [false, 4],
      ]);
      const rows = ledger.db
        .prepare('SELECT id, position, state, duplicate_of, outcome, rows, summary FROM items WHERE id > 1 ORDER BY id')
        .all();
      expect(rows).toEqual([
        {
          id: 2,
          position: 0,
          state: 'reserved',
          duplicate_of: null,
          outcome: null,
          rows: '[{"sheet":"Repayments","row":2}]',
          summary: '{"amount":20}',
        },
        {
          id: 3,
          position: 1,
          state: 'reserved',
          duplicate_of: null,
          outcome: null,
          rows: '[{"sheet":"Repayments","row":3}]',
          summary: '{"amount":20}',
        },
        {
          id: 4,
          position: 2,
          state: 'held-back',
          duplicate_of: 2,
          outcome: 'failed',
          rows: '[{"sheet":"Repayments","row":4}]',
          summary: '{"amount":20}',
        },
      ]);
    } finally {
      ledger.close();
    }
  });

  it('stores every column of an item as reserved, held back by an earlier send, and forced over it', async () => {
    alive.clear();
    alive.add(1);
    const ledger = openLedger(path, { run: run('a', 1) });
    try {
      const first = await ledger.reserve(submit, [item('L1', 'h1')]);
      await ledger.settle(first.submitId, [{ itemId: 1, outcomes: [sent(2)], httpStatus: 200 }], [], true);
      const later = { ...submit, time: Date.parse('2026-12-03T10:00:00Z') };
      const held = await ledger.reserve(later, [item('L1', 'h2', 5)]);
      const forced = await ledger.reserve({ ...later, forced: true }, [item('L1', 'h3', 6)]);
      expect([held.admissions[0]?.admitted, forced.admissions[0]?.admitted]).toEqual([false, true]);
      const columns = `submit_id, position, environment, endpoint, rows, content_hash, guard_key, state, overrides,
        duplicate_of, outcome, http_status, reference, message, settled_at, summary`;
      expect(ledger.db.prepare(`SELECT ${columns} FROM items WHERE id > 1 ORDER BY id`).all()).toEqual([
        {
          submit_id: held.submitId,
          position: 0,
          environment: 'stage',
          endpoint: 'repayments',
          rows: '[{"sheet":"Repayments","row":5}]',
          content_hash: 'h2',
          guard_key: 'repayment:2026-11:L1',
          state: 'held-back',
          overrides: null,
          duplicate_of: 1,
          outcome: 'failed',
          http_status: null,
          reference: null,
          message: 'duplicate',
          settled_at: '2026-12-03T10:00:00.000Z',
          summary: '{"amount":20}',
        },
        {
          submit_id: forced.submitId,
          position: 0,
          environment: 'stage',
          endpoint: 'repayments',
          rows: '[{"sheet":"Repayments","row":6}]',
          content_hash: 'h3',
          guard_key: 'repayment:2026-11:L1',
          state: 'reserved',
          overrides: 1,
          duplicate_of: null,
          outcome: null,
          http_status: null,
          reference: null,
          message: null,
          settled_at: null,
          summary: '{"amount":20}',
        },
      ]);
      // The held-back request reserved nothing: its submit is finished as recorded; the forced one is in flight.
      const finished = ledger.db.prepare('SELECT id, finished_at FROM submits WHERE id > ? ORDER BY id').all(1);
      expect(finished).toEqual([
        { id: held.submitId, finished_at: '2026-12-03T10:00:00.000Z' },
        { id: forced.submitId, finished_at: null },
      ]);
    } finally {
      ledger.close();
    }
  });

  it('settles interleaved answers of one request each as its own: sent, warned, rejected, uncertain, mixed', async () => {
    const ledger = openLedger(path, { run: run('a', 1) });
    try {
      const loans = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8'];
      const { submitId } = await ledger.reserve(
        submit,
        loans.map((loan, k) => item(loan, 'h', k + 2)),
      );
      const row = (r: number) => ({ sheet: 'Repayments', row: r });
      const rejected = (r: number): RowOutcome => ({ kind: 'rejected', row: row(r), message: 'unknown loan' });
      const uncertain = (r: number): RowOutcome => ({ kind: 'uncertain', row: row(r), reason: 'timeout' });
      await ledger.settle(
        submitId,
        [
          { itemId: 1, outcomes: [sent(2)], httpStatus: 200 },
          { itemId: 2, outcomes: [rejected(3)], httpStatus: 200 },
          { itemId: 3, outcomes: [sent(4)], httpStatus: 200 },
          { itemId: 4, outcomes: [sent(5, ['Loan is refunded'])], httpStatus: 200 },
          { itemId: 5, outcomes: [uncertain(6)] },
          { itemId: 6, outcomes: [sent(7)], httpStatus: 201 },
          { itemId: 7, outcomes: [sent(8), rejected(8), uncertain(8)], httpStatus: 200 },
          { itemId: 8, outcomes: [sent(9)], httpStatus: 200 },
        ],
        [],
        true,
      );
      const stored = ledger.db
        .prepare('SELECT id, state, outcome, http_status, reference, message FROM items ORDER BY id')
        .all();
      const accepted = { state: 'accepted', outcome: 'sent', http_status: 200, reference: 'U-1', message: null };
      expect(stored).toEqual([
        { id: 1, ...accepted },
        { id: 2, state: 'released', outcome: 'rejected', http_status: 200, reference: null, message: 'unknown loan' },
        { id: 3, ...accepted },
        { id: 4, ...accepted, outcome: 'warned', message: 'Loan is refunded' },
        { id: 5, state: 'uncertain', outcome: 'uncertain', http_status: null, reference: null, message: 'timeout' },
        { id: 6, ...accepted, http_status: 201 },
        { id: 7, state: 'uncertain', outcome: 'uncertain', http_status: 200, reference: 'U-1', message: 'timeout' },
        { id: 8, ...accepted },
      ]);
    } finally {
      ledger.close();
    }
  });

  it('commits durably: WAL, every commit synced', () => {
    const ledger = openLedger(path);
    try {
      expect(ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 = FULL
      expect(ledger.db.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      ledger.close();
    }
  });
});
