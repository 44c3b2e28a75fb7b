/**
 * The delivery ledger (src/app/ledger.ts) over SQLite: the server's audit log, shared with the command line. The
 * item rows are both the record of what was sent and, while their state is reserved, accepted or uncertain, the
 * reason the same loan is held back next time. Several processes may share the file: every write takes SQLite's
 * write lock first (IMMEDIATE), and the unique reservation index is the last line of defence.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  ConfirmationExceeded,
  type Admission,
  type ContentSummary,
  type HeldState,
  type Ledger,
  type LedgerEntry,
  type LedgerItem,
  type LedgerSubmit,
  type PreviousSend,
  type Settlement,
} from '../../app/ledger';
import { STOPPED_MESSAGE } from '../../app/ledger-rows';
import type { KivaLogRecord, KivaReference, RowOutcome } from '../../kiva';
import { currentBoot, sameBoot } from './boot';
import { openDatabase, type Db } from './database';
import { walSync, type SyncFile, type WalSync } from './wal-sync';

/** The process this ledger runs in, and how to tell whether another one is alive. */
export interface RunIdentity {
  runId: string;
  pid: number;
  host: string;
  /** Whether a process of this host is alive (signal 0). */
  isAlive(pid: number): boolean;
  /**
   * This boot of the machine (./boot.ts): recorded with each submit whose requests are marked as they leave, so
   * that a dead run's unmarked reservation is released only if the machine has not restarted since. Undefined:
   * cannot tell (such reservations become Uncertain).
   */
  boot?: string;
}

export interface LedgerOptions {
  now?: () => number;
  run?: RunIdentity;
  /**
   * A reservation of another host cannot be checked; past this age it is taken as dead (no request lasts that
   * long). Milliseconds.
   */
  foreignHostTimeoutMs?: number;
  /**
   * validate and preview: the ledger is only read. Nothing is reserved or settled (both throw), and a dead run's
   * reservations are reported as uncertain without being rewritten: the next send records that.
   */
  readOnly?: boolean;
  /** How the -wal file is synced (./wal-sync.ts): node:fs, or a fake in the tests. */
  syncFile?: SyncFile;
}

/** The ledger, with its database and the synchronous reads the server's store builds on. */
export interface SqliteLedger extends Ledger {
  readonly db: Db;
  lookupNow(environment: string, guardKeys: readonly string[]): Map<string, LedgerEntry>;
  recoverNow(): number;
  /** The WAL's fsyncs so far (one per reservation at most, fewer when commits share one): for the bench. */
  readonly syncs: number;
}

export function thisProcess(): RunIdentity {
  const boot = currentBoot();
  return {
    runId: randomUUID(),
    pid: process.pid,
    host: hostname(),
    isAlive: processAlive,
    ...(boot !== undefined ? { boot } : {}),
  };
}

/** Whether a process of this host exists (signal 0; EPERM: it exists, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const SIX_HOURS = 6 * 60 * 60 * 1000;

/** Why a dead run's reservation was released (only the log keeps it: its rows are pending again, nobody reads it). */
export const NEVER_SENT_MESSAGE = 'reserved, never sent: the run stopped before the request left';

/** An item that holds its key (reserved, accepted or uncertain), without its submit's columns. */
interface HeldItem {
  id: number;
  guard_key: string;
  state: 'reserved' | 'accepted' | 'uncertain';
  outcome: string | null;
  reference: string | null;
  content_hash: string;
  summary: string | null;
  message: string | null;
  submit_id: number;
}

/** The submit an item was recorded in: when, by whom, by which run, and whether its request was marked leaving. */
interface SubmitOfItem {
  submit_id: number;
  time: string;
  user: string;
  user_id: string | null;
  run_id: string | null;
  pid: number | null;
  host: string | null;
  boot: string | null;
  leaving_at: string | null;
}

/** Opens the ledger file (creating it, migrating it) and turns dead runs' reservations into uncertain ones. */
export function openLedger(path: string, options: LedgerOptions = {}): SqliteLedger {
  return ledgerOn(openDatabase(path), options);
}

export function ledgerOn(db: Db, options: LedgerOptions = {}): SqliteLedger {
  const now = options.now ?? Date.now;
  const run = options.run ?? thisProcess();
  const foreignTimeout = options.foreignHostTimeoutMs ?? SIX_HOURS;

  const finishSubmit = db.prepare(`UPDATE submits SET finished_at = ? WHERE id = ?`);
  const insertSubmit = db.prepare(
    `INSERT INTO submits (time, user, user_id, environment, endpoint, forced, items, rows, confirmation_id,
       confirmed_rows, run_id, pid, host, boot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const confirmedSoFar = db.prepare(
    `SELECT COALESCE(SUM(rows), 0) AS used FROM submits WHERE environment = ? AND confirmation_id = ?`,
  );
  // One query for a whole sheet's keys: the keys travel as one JSON array. As `IN (SELECT … json_each)`, not a
  // join with json_each: SQLite cannot estimate a table-valued function, and for the join it chose to walk every
  // item of the environment once per key (100,000 keys against 100,000 items: about 45 minutes).
  // The items only, not joined with their submits: a sheet's 10,000 keys come from a few submits, read once each
  // (below) instead of once a row (the lookup of 10,000 keys: 50 → 38 ms in SQLite alone).
  const heldForKeys = db.prepare(
    `SELECT id, guard_key, state, outcome, reference, content_hash, summary, message, submit_id FROM items
     WHERE environment = ? AND guard_key IN (SELECT value FROM json_each(?))
       AND state IN ('reserved', 'accepted', 'uncertain')
     ORDER BY id`,
  );
  // Whether the ledger holds any item of the environment whose key lies between the sheet's smallest and largest key:
  // one index probe. None — the first send of a report period, every month — and the lookup above, which walks every
  // key of the sheet (0.1–0.2 s for 100,000), has nothing to find. The ends are SQLite's (BINARY: UTF-8 bytes).
  const anyBetween = db.prepare(
    `SELECT EXISTS (SELECT 1 FROM items WHERE environment = ? AND guard_key BETWEEN ? AND ?) AS found`,
  );
  const keyRange = db.prepare(`SELECT min(value) AS lo, max(value) AS hi FROM json_each(?)`);
  const anyInRange = (environment: string, keys: ReadonlySet<string>): boolean => {
    let lo: string | undefined;
    let hi: string | undefined;
    let sameOrder = true;
    for (const key of keys) {
      // JavaScript compares UTF-16 code units, SQLite UTF-8 bytes: the two orders agree below U+D800 only.
      if (sameOrder && /[\uD800-\uFFFF]/.test(key)) sameOrder = false;
      if (lo === undefined || key < lo) lo = key;
      if (hi === undefined || key > hi) hi = key;
    }
    if (!sameOrder) ({ lo, hi } = keyRange.get(JSON.stringify([...keys])) as { lo: string; hi: string });
    return (anyBetween.get(environment, lo, hi) as { found: number }).found === 1;
  };
  const submitById = db.prepare(
    `SELECT id AS submit_id, time, user, user_id, run_id, pid, host, boot, leaving_at FROM submits WHERE id = ?`,
  );
  /** Each submit read once per call: items of one request share it. */
  const submitsRead = (): ((id: number) => SubmitOfItem) => {
    const read = new Map<number, SubmitOfItem>();
    return (id) => {
      let submit = read.get(id);
      if (submit === undefined) {
        // The foreign key makes every item's submit exist.
        submit = submitById.get(id) as SubmitOfItem;
        read.set(id, submit);
      }
      return submit;
    };
  };
  const reservedRuns = db.prepare(
    `SELECT DISTINCT s.id AS submit_id, s.run_id, s.pid, s.host, s.time, s.boot, s.leaving_at
     FROM items i JOIN submits s ON s.id = i.submit_id
     WHERE i.state = 'reserved'`,
  );
  const markUncertain = db.prepare(
    `UPDATE items SET state = 'uncertain', outcome = 'uncertain', settled_at = ?,
       message = ? WHERE submit_id = ? AND state = 'reserved'`,
  );
  // Its request never left: the items go back to pending (released, as a cancelled row), and the next run sends them.
  const markNeverSent = db.prepare(
    `UPDATE items SET state = 'released', outcome = 'cancelled', settled_at = ?,
       message = ? WHERE submit_id = ? AND state = 'reserved'`,
  );
  const markLeaving = db.prepare(`UPDATE submits SET leaving_at = ? WHERE id = ? AND leaving_at IS NULL`);
  // One prepared INSERT an item, bound by position: cheaper than one statement a request over a JSON array (each
  // `j.value ->> k` parsed the item's JSON again; reserving 10,000 items: 166-168 → 125-133 ms CPU), and cheaper
  // than a multi-row VALUES too. Ids are given (the largest so far plus the position), so an item held back by
  // another of the same request can name it; the write lock is held (IMMEDIATE), so no other writer takes them.
  const lastItemId = db.prepare(`SELECT COALESCE(MAX(id), 0) AS id FROM items`);
  const insertItem = db.prepare(
    `INSERT INTO items (id, submit_id, position, environment, endpoint, rows, content_hash, guard_key, state,
       overrides, duplicate_of, outcome, message, settled_at, summary)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Items that Kiva answered alike (a request's 250 repayments, all sent under one upload id) in one statement. As
  // `id IN (SELECT … json_each)`: each id is then a primary-key lookup, never a walk of the table per id.
  const settleItems = db.prepare(
    `UPDATE items SET state = @state, outcome = @outcome, http_status = @httpStatus, reference = @reference,
       message = @message, settled_at = @at
     WHERE id IN (SELECT value FROM json_each(@ids)) AND state = 'reserved'`,
  );
  const insertCall = db.prepare(
    `INSERT INTO kiva_calls (submit_id, time, operation, method, endpoint, rows, attempt, status, duration_ms, result,
       reference, message)
     VALUES (@submitId, @time, @operation, @method, @endpoint, @rows, @attempt, @status, @durationMs, @result,
       @reference, @message)`,
  );

  interface ReservedRun {
    submit_id: number;
    run_id: string | null;
    pid: number | null;
    host: string | null;
    time: string;
  }
  interface LeavingMark {
    boot: string | null;
    leaving_at: string | null;
  }
  const dead = (row: ReservedRun, at: number): boolean => {
    if (row.run_id === run.runId) return false;
    // Rows from before version 3 name no process: only a server wrote them, and it stopped.
    if (row.pid === null || row.host === null) return true;
    if (row.host !== run.host) return at - Date.parse(row.time) > foreignTimeout;
    // Our own pid under another run id: that earlier process is gone (a container's pid 1 after a restart).
    if (row.pid === run.pid) return true;
    return !run.isAlive(row.pid);
  };
  /**
   * What a dead run's reservation became. Its request left, or may have: Uncertain. It provably never left (not
   * marked as leaving, on this host, in this boot of the machine: the mark, in the OS's cache, would have survived
   * the run's death): released, sent again by the next run.
   */
  const neverLeft = (row: ReservedRun, mark: LeavingMark): boolean =>
    mark.leaving_at === null && row.host === run.host && sameBoot(mark.boot, run.boot, Date.parse(row.time));
  const recover = (): number => {
    const at = now();
    const stamp = new Date(at).toISOString();
    let count = 0;
    for (const row of reservedRuns.all() as (ReservedRun & LeavingMark)[]) {
      if (!dead(row, at)) continue;
      count += neverLeft(row, row)
        ? markNeverSent.run(stamp, NEVER_SENT_MESSAGE, row.submit_id).changes
        : markUncertain.run(stamp, STOPPED_MESSAGE, row.submit_id).changes;
    }
    return count;
  };
  const recoverTransaction = db.transaction(recover);

  const reserve = db.transaction((header: LedgerSubmit, items: readonly LedgerItem[]) => {
    recover();
    const time = new Date(header.time).toISOString();
    const rowCount = items.reduce((sum, item) => sum + item.rows.length, 0);
    const { confirmation } = header;
    if (confirmation) {
      const { used } = confirmedSoFar.get(header.environment, confirmation.id) as { used: number };
      if (used + rowCount > confirmation.rows) throw new ConfirmationExceeded(confirmation.rows, used + rowCount);
    }
    const submitId = Number(
      insertSubmit.run(
        time,
        header.user,
        header.userId ?? null,
        header.environment,
        header.endpoint,
        header.forced ? 1 : 0,
        items.length,
        rowCount,
        confirmation?.id ?? null,
        confirmation?.rows ?? null,
        run.runId,
        run.pid,
        run.host,
        // Only a caller that marks its requests as they leave: without the mark, no boot, and recovery as before.
        header.marksLeaving === true ? (run.boot ?? null) : null,
      ).lastInsertRowid,
    );
    const base = (lastItemId.get() as { id: number }).id;
    const inThisRequest = new Map<string, { id: number; item: LedgerItem }>();
    // What the ledger holds of the request's keys, in one query (the latest of each key), not one per item.
    const holding = new Map<string, HeldItem>();
    const keys = JSON.stringify([...new Set(items.map((item) => item.guardKey))]);
    for (const row of heldForKeys.all(header.environment, keys) as HeldItem[]) holding.set(row.guard_key, row);
    const submitOf = submitsRead();
    let admittedAny = false;
    const { environment, endpoint } = header;
    const admissions = items.map((item, position): Admission => {
      const itemId = base + position + 1;
      const rows = JSON.stringify(item.rows);
      const summary = item.summary !== undefined ? JSON.stringify(item.summary) : null;
      const sameRequest = inThisRequest.get(item.guardKey);
      const active = holding.get(item.guardKey);
      // The same loan twice in one request is never sent twice, forced or not.
      const blocker =
        sameRequest !== undefined
          ? {
              id: sameRequest.id,
              previous: {
                submitId,
                sentAt: time,
                sentBy: header.user,
                state: 'sending' as const,
                otherRun: false,
                contentHash: sameRequest.item.contentHash,
                ...(sameRequest.item.summary !== undefined ? { summary: sameRequest.item.summary } : {}),
              },
            }
          : active && (active.state === 'reserved' || !header.forced)
            ? { id: active.id, previous: previousOf(active, submitOf(active.submit_id), run.runId) }
            : undefined;
      // A held-back item is recorded settled at once: failed as a duplicate of the item that holds it.
      const [state, overrides, duplicateOf, outcome, message, settledAt] = blocker
        ? (['held-back', null, blocker.id, 'failed', 'duplicate', time] as const)
        : (['reserved', active?.id ?? null, null, null, null, null] as const);
      insertItem.run(
        itemId,
        submitId,
        position,
        environment,
        endpoint,
        rows,
        item.contentHash,
        item.guardKey,
        state,
        overrides,
        duplicateOf,
        outcome,
        message,
        settledAt,
        summary,
      );
      if (blocker) return { admitted: false, itemId, previous: blocker.previous };
      inThisRequest.set(item.guardKey, { id: itemId, item });
      admittedAny = true;
      return { admitted: true, itemId };
    });
    // Nothing to send: the submit is complete as recorded.
    if (!admittedAny) finishSubmit.run(time, submitId);
    return { submitId, admissions };
  });

  const settle = db.transaction(
    (
      submitId: number,
      settlements: readonly Settlement[],
      calls: readonly KivaLogRecord[],
      last: boolean,
      at: string,
    ) => {
      for (const group of alike(settlements)) settleItems.run({ ...group.answer, ids: JSON.stringify(group.ids), at });
      for (const call of calls) insertCall.run(callRow(submitId, call));
      if (last) finishSubmit.run(at, submitId);
    },
  );

  const lookupNow = (environment: string, guardKeys: readonly string[]): Map<string, LedgerEntry> => {
    const found = new Map<string, LedgerEntry>();
    if (guardKeys.length === 0) return found;
    const at = now();
    const submitOf = submitsRead();
    const keys = new Set(guardKeys);
    if (!anyInRange(environment, keys)) return found;
    // Ordered by id: the latest send of each key is the one that stays.
    for (const row of heldForKeys.all(environment, JSON.stringify([...keys])) as HeldItem[]) {
      const submit = submitOf(row.submit_id);
      // A reader that may not write sees a dead run's reservation as what recovery would make of it: released (as
      // if it were not there: the key's earlier send, if any, stays the latest) or uncertain.
      let seen = row;
      if (row.state === 'reserved' && dead(submit, at)) {
        if (neverLeft(submit, submit)) continue;
        seen = { ...row, state: 'uncertain' as const, outcome: 'uncertain', message: STOPPED_MESSAGE };
      }
      found.set(row.guard_key, previousOf(seen, submit, run.runId, row.guard_key));
    }
    return found;
  };

  // Commits are made without SQLite's own fsync and synced by `wal` instead, off the event loop (./wal-sync.ts): the
  // same durability as synchronous=FULL, which the connection keeps for every other write (the server's pairings,
  // recovery). A database without a WAL file (':memory:') keeps FULL.
  const wal = walOf(db, options.syncFile);
  const normal = db.prepare('PRAGMA synchronous = NORMAL');
  const full = db.prepare('PRAGMA synchronous = FULL');
  const unsynced = <T>(commit: () => T): T => {
    if (wal === undefined) return commit();
    normal.run();
    try {
      return commit();
    } finally {
      full.run();
    }
  };
  const durable = (): Promise<void> => wal?.durable() ?? Promise.resolve();

  // IMMEDIATE takes the write lock before reading, so another process sharing the file cannot interleave either.
  // A reservation is on disk before reserve resolves, so before its request can leave.
  const reserveDurably = async (header: LedgerSubmit, items: readonly LedgerItem[]) => {
    const reserved = unsynced(() => reserve.immediate(header, items));
    await durable();
    return reserved;
  };
  // A settlement too is on disk before settle resolves, so before a status says what Kiva answered. The face need
  // not wait for it before its next reservation: that one's fsync covers both (see src/app/delivery.ts).
  const settleDurably = async (
    submitId: number,
    settlements: readonly Settlement[],
    calls: readonly KivaLogRecord[],
    last: boolean,
  ) => {
    unsynced(() => settle.immediate(submitId, settlements, calls, last, new Date(now()).toISOString()));
    await durable();
  };
  // The mark is committed but not synced, and not waited for a sync either: the write() that puts it in the OS's
  // cache is what makes it survive the process being killed; a power cut may lose it, which ./boot.ts tells.
  const leaving = async (submitId: number): Promise<void> => {
    unsynced(() => markLeaving.run(new Date(now()).toISOString(), submitId));
  };
  const recoverNow = () => recoverTransaction.immediate();
  const closeLedger = () => {
    wal?.close();
    db.close();
  };

  if (options.readOnly === true) {
    const refuse = (): never => {
      throw new Error('this delivery ledger was opened read-only (validate, preview): nothing is reserved');
    };
    return {
      db,
      lookupNow,
      recoverNow: () => 0,
      syncs: 0,
      reserve: async () => refuse(),
      leaving: async () => refuse(),
      settle: async () => refuse(),
      lookup: async (environment, guardKeys) => lookupNow(environment, guardKeys),
      recoverDeadRuns: async () => 0,
      close: closeLedger,
    };
  }
  recoverNow();
  return {
    db,
    lookupNow,
    recoverNow,
    get syncs() {
      return wal?.syncs ?? 0;
    },
    reserve: reserveDurably,
    leaving,
    settle: settleDurably,
    lookup: async (environment, guardKeys) => {
      // A run that died since this ledger opened left reservations a reader must see as uncertain.
      recoverNow();
      return lookupNow(environment, guardKeys);
    },
    recoverDeadRuns: async () => recoverNow(),
    close: closeLedger,
  };
}

/** The WAL sync of a database in WAL mode on a file; undefined for one in memory. */
function walOf(db: Db, syncFile: SyncFile | undefined): WalSync | undefined {
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') return undefined;
  const main = (db.pragma('database_list') as { name: string; file: string }[]).find((d) => d.name === 'main');
  if (main === undefined || main.file === '') return undefined;
  return walSync(main.file, syncFile);
}

interface SettledAnswer {
  state: string;
  outcome: string | null;
  httpStatus: number | null;
  reference: string | null;
  message: string | null;
}

/** Settlements grouped by what they record, in first-seen order: one UPDATE each. */
function alike(settlements: readonly Settlement[]): { answer: SettledAnswer; ids: number[] }[] {
  const groups = new Map<string, { answer: SettledAnswer; ids: number[] }>();
  let last: { answer: SettledAnswer; ids: number[] } | undefined;
  for (const settlement of settlements) {
    const answer = describeSettlement(settlement);
    // A request's items mostly read alike (250 repayments under one upload id): compared with the last group's
    // first, not keyed as JSON each.
    if (last !== undefined && sameAnswer(last.answer, answer)) {
      last.ids.push(settlement.itemId);
      continue;
    }
    const key = JSON.stringify([answer.state, answer.outcome, answer.httpStatus, answer.reference, answer.message]);
    last = groups.get(key);
    if (last === undefined) {
      last = { answer, ids: [] };
      groups.set(key, last);
    }
    last.ids.push(settlement.itemId);
  }
  return [...groups.values()];
}

function sameAnswer(a: SettledAnswer, b: SettledAnswer): boolean {
  return (
    a.state === b.state &&
    a.outcome === b.outcome &&
    a.httpStatus === b.httpStatus &&
    a.reference === b.reference &&
    a.message === b.message
  );
}

function heldState(row: HeldItem): HeldState {
  if (row.state === 'reserved') return 'sending';
  if (row.state === 'uncertain') return 'uncertain';
  return row.outcome === 'warned' ? 'warned' : 'sent';
}

/**
 * What an item holding its key says of that earlier send; with `guardKey`, as a lookup's entry. Members assigned one
 * by one, in the order they always had, not spread from temporary objects: a lookup builds one per row of a sheet.
 */
function previousOf(row: HeldItem, submit: SubmitOfItem, runId: string): PreviousSend;
function previousOf(row: HeldItem, submit: SubmitOfItem, runId: string, guardKey: string): LedgerEntry;
function previousOf(row: HeldItem, submit: SubmitOfItem, runId: string, guardKey?: string): PreviousSend {
  const previous: Partial<LedgerEntry> = guardKey !== undefined ? { guardKey } : {};
  previous.submitId = row.submit_id;
  previous.sentAt = submit.time;
  previous.sentBy = submit.user;
  if (submit.user_id !== null) previous.sentById = submit.user_id;
  previous.state = heldState(row);
  previous.otherRun = submit.run_id !== runId;
  if (row.reference !== null) previous.reference = row.reference;
  previous.contentHash = row.content_hash;
  if (row.summary !== null) (previous as { summary?: ContentSummary }).summary = parseSummary(row.summary);
  if (row.message !== null && row.state !== 'reserved') previous.message = row.message;
  return previous as PreviousSend;
}

function parseSummary(text: string): ContentSummary | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as ContentSummary) : undefined;
  } catch {
    return undefined;
  }
}

function describeSettlement(settlement: Settlement): SettledAnswer {
  const { outcomes } = settlement;
  // One pass, not five (find, every, find, find, some): a send settles each of its rows.
  let uncertain: RowOutcome | undefined;
  let notSent: RowOutcome | undefined;
  let sent: (RowOutcome & { kind: 'sent' }) | undefined;
  let warned = false;
  for (const outcome of outcomes) {
    if (outcome.kind === 'sent') {
      sent ??= outcome;
      if ((outcome.reference?.warnings?.length ?? 0) > 0) warned = true;
    } else {
      notSent ??= outcome;
      if (outcome.kind === 'uncertain') uncertain ??= outcome;
    }
  }
  const allSent = outcomes.length > 0 && notSent === undefined;
  const representative = uncertain ?? notSent ?? outcomes[0];
  return {
    // Rejected, failed and cancelled rows did not take effect at Kiva: sending them again is not a duplicate.
    state: uncertain ? 'uncertain' : allSent ? 'accepted' : 'released',
    outcome: allSent && warned ? 'warned' : (representative?.kind ?? null),
    httpStatus: settlement.httpStatus ?? null,
    reference: sent !== undefined ? referenceText(sent.reference) : null,
    message: representative ? messageOf(representative) : null,
  };
}

function referenceText(reference: KivaReference | undefined): string | null {
  return reference?.loanDraftUuid ?? reference?.uploadId ?? reference?.confirmUrl ?? null;
}

function messageOf(outcome: RowOutcome): string | null {
  switch (outcome.kind) {
    case 'sent':
      return [outcome.reference?.message, ...(outcome.reference?.warnings ?? [])].filter(Boolean).join('; ') || null;
    case 'rejected':
    case 'failed':
      return outcome.message;
    case 'uncertain':
      return outcome.detail ?? outcome.reason;
    case 'cancelled':
      return null;
  }
}

function callRow(submitId: number, call: KivaLogRecord) {
  return {
    submitId,
    time: call.time,
    operation: call.operation,
    method: call.method,
    endpoint: call.endpoint,
    rows: call.rows,
    attempt: call.attempt,
    status: call.status ?? null,
    durationMs: Math.round(call.durationMs),
    result: call.result,
    reference: call.reference ?? null,
    message: call.message ?? null,
  };
}
