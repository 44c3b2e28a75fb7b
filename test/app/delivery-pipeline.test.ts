/**
 * Pipelined reservations (src/app/delivery.ts): a lane reserves its next request while the current one is in
 * flight, marks each request as leaving just before it leaves, and settles a reservation made ahead that will not
 * leave (Ctrl-C, a ledger error) as cancelled, never leaving it reserved. Over a real SQLite ledger; Kiva is a fake
 * that applies a request at once and holds its answer until the test lets it go.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { send, type KivaSendOptions, type KivaSendResult, type SendInput } from '../../src/app';
import type { Ledger } from '../../src/app/ledger';
import type { DeliveryLedger } from '../../src/app/ledger-rows';
import type { RepaymentItem } from '../../src/kiva';
import { guardKeys } from '../../src/server/store/guard-keys';
import { openLedger, type SqliteLedger } from '../../src/server/store/ledger-sqlite';
import { CLOCK, FakeKiva, FakeWorkbook } from './fakes';

/** Applies each request when it arrives and answers it only once the test calls `answer`. */
class HeldKiva extends FakeKiva {
  readonly held: { rows: string; answer: () => void }[] = [];
  constructor(private readonly events: string[]) {
    super();
  }
  override async sendRepayments(items: readonly RepaymentItem[], options?: KivaSendOptions): Promise<KivaSendResult> {
    const rows = items.map((i) => i.row.row).join(',');
    this.events.push(`send ${rows}`);
    const result = await super.sendRepayments(items, options);
    await new Promise<void>((resolve) => this.held.push({ rows, answer: resolve }));
    this.events.push(`answered ${rows}`);
    return result;
  }
}

/** The ledger, with each call it receives in `events` (reservations when they are on disk). */
function recorded(inner: Ledger, events: string[], failLeaving?: (submitId: number) => boolean): Ledger {
  return {
    reserve: async (submit, items) => {
      const reserved = await inner.reserve(submit, items);
      events.push(`reserved ${items.flatMap((i) => i.rows.map((r) => r.row)).join(',')}`);
      return reserved;
    },
    leaving: async (submitId) => {
      if (failLeaving?.(submitId)) throw new Error('disk full');
      events.push(`leaving ${submitId}`);
      return inner.leaving(submitId);
    },
    settle: (submitId, settlements, calls, last) => inner.settle(submitId, settlements, calls, last),
    lookup: (environment, keys) => inner.lookup(environment, keys),
    recoverDeadRuns: () => inner.recoverDeadRuns(),
    close: () => inner.close(),
  };
}

const workbook = (): FakeWorkbook =>
  new FakeWorkbook({
    Repayments: [
      ['loan_id', 'amount'],
      ['L1', 10],
      ['L2', 20],
      ['L3', 30],
      ['L4', 40],
      ['L5', 50],
      ['L6', 60],
    ],
  });

const input = (extra: Partial<SendInput> = {}): SendInput => ({
  scope: { kind: 'sheet', sheet: 'Repayments' },
  clock: CLOCK,
  ...extra,
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('pipelined reservations', () => {
  let dir: string;
  let sqlite: SqliteLedger;
  /** The ledger's fsyncs from the `slowFrom`-th on wait in `held` (a slow disk) until the test lets them finish. */
  let syncs: number;
  let slowFrom: number;
  let held: (() => void)[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-pipeline-'));
    syncs = 0;
    slowFrom = Infinity;
    held = [];
    const syncFile = () =>
      ++syncs < slowFrom ? Promise.resolve() : new Promise<void>((resolve) => held.push(resolve));
    sqlite = openLedger(join(dir, 'ledger.sqlite'), { syncFile });
  });
  afterEach(() => {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // One lane (concurrency 1): what overlaps is the lane's next reservation with its request in flight.
  const access = (ledger: Ledger): DeliveryLedger => ({
    ledger,
    keys: guardKeys,
    user: 'ana',
    period: '2026-11',
    concurrency: 1,
  });
  const itemStates = () =>
    (
      sqlite.db.prepare(`SELECT submit_id AS submit, rows, state, outcome FROM items ORDER BY id`).all() as {
        submit: number;
        rows: string;
        state: string;
        outcome: string | null;
      }[]
    ).map(({ rows, ...item }) => ({ ...item, rows: (JSON.parse(rows) as { row: number }[]).map((r) => r.row) }));

  it('reserves the next request while one is in flight, and marks each just before it leaves', async () => {
    const events: string[] = [];
    const kiva = new HeldKiva(events);
    const book = workbook();
    const sending = send({ workbook: book, kiva, ledger: access(recorded(sqlite, events)) }, input());
    for (let answered = 0; answered < 3; answered++) {
      await until(() => kiva.held.length > answered);
      // Before Kiva answers, the next request is on disk, ready to leave (none after the last).
      if (answered < 2) await until(() => events.filter((e) => e.startsWith('reserved')).length === answered + 2);
      kiva.held[answered]?.answer();
    }
    const result = await sending;
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.summary.sent).toBe(6);
    expect(events).toEqual([
      'reserved 2,3',
      'leaving 1',
      'send 2,3',
      'reserved 4,5',
      'answered 2,3',
      'leaving 2',
      'send 4,5',
      'reserved 6,7',
      'answered 4,5',
      'leaving 3',
      'send 6,7',
      'answered 6,7',
    ]);
    expect(itemStates().map((i) => i.state)).toEqual(Array(6).fill('accepted'));
  });

  it('Ctrl-C: the request reserved ahead is settled as cancelled, never left reserved, and sent by the next run', async () => {
    const events: string[] = [];
    const kiva = new HeldKiva(events);
    const book = workbook();
    const stop = new AbortController();
    const sending = send(
      { workbook: book, kiva, ledger: access(recorded(sqlite, events)) },
      input({ signal: stop.signal }),
    );
    await until(() => kiva.held.length === 1 && events.includes('reserved 4,5'));
    stop.abort();
    kiva.held[0]?.answer();
    const result = await sending;
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.outcomes.map((o) => `${o.row.row}:${o.kind}`)).toEqual([
      '2:sent',
      '3:sent',
      '4:cancelled',
      '5:cancelled',
      '6:cancelled',
      '7:cancelled',
    ]);
    expect(events).not.toContain('leaving 2');
    // The request after it was never reserved: the stop came first.
    expect(itemStates()).toEqual([
      { submit: 1, rows: [2], state: 'accepted', outcome: 'sent' },
      { submit: 1, rows: [3], state: 'accepted', outcome: 'sent' },
      { submit: 2, rows: [4], state: 'released', outcome: 'cancelled' },
      { submit: 2, rows: [5], state: 'released', outcome: 'cancelled' },
    ]);

    const rerun = send({ workbook: book, kiva, ledger: access(sqlite) }, input());
    for (let k = 1; k < 3; k++) {
      await until(() => kiva.held.length > k);
      kiva.held[k]?.answer();
    }
    const again = await rerun;
    if (!again.ok) throw new Error(again.error.code);
    expect(kiva.sentRows()).toEqual([2, 3, 4, 5, 6, 7].map((row) => `Repayments!${row}`));
  });

  it('settles an answer at once when the next reservation is not yet on disk (a kill then leaves the rows Sent)', async () => {
    const events: string[] = [];
    const kiva = new HeldKiva(events);
    // The first reservation's syncs (the -wal file and, once, its folder) pass; the second reservation's is held.
    slowFrom = 3;
    const sending = send({ workbook: workbook(), kiva, ledger: access(recorded(sqlite, events)) }, input());
    await until(() => kiva.held.length === 1 && held.length === 1);
    kiva.held[0]?.answer();
    const answered = () =>
      itemStates()
        .filter((i) => i.submit === 1)
        .every((i) => i.state === 'accepted');
    // Committed while the next request still waits for its reservation's sync (it has not left).
    await until(answered);
    expect(events).not.toContain('leaving 2');
    slowFrom = Infinity;
    for (const finish of held.splice(0)) finish();
    for (let k = 1; k < 3; k++) {
      await until(() => kiva.held.length > k);
      kiva.held[k]?.answer();
    }
    const result = await sending;
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.summary.sent).toBe(6);
  });

  it('a ledger error stops the sheet: nothing leaves unmarked, what was reserved ahead is released', async () => {
    const events: string[] = [];
    const kiva = new HeldKiva(events);
    const sending = send(
      { workbook: workbook(), kiva, ledger: access(recorded(sqlite, events, (submitId) => submitId === 2)) },
      input(),
    );
    await until(() => kiva.held.length === 1 && events.includes('reserved 4,5'));
    kiva.held[0]?.answer();
    await expect(sending).rejects.toThrow('disk full');
    expect(kiva.sentRows()).toEqual(['Repayments!2', 'Repayments!3']);
    // The next reservation waits for its request to leave: none is made after the failure.
    expect(itemStates().map((i) => `${i.submit}:${i.state}`)).toEqual([
      '1:accepted',
      '1:accepted',
      '2:released',
      '2:released',
    ]);
  });
});
