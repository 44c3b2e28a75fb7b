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
import { openDatabase, type Db } from './database';

/** The process this ledger runs in, and how to tell whether another one is alive. */
export interface RunIdentity {
  runId: string;
  pid: number;
  host: string;
  /** Whether a process of this host is alive (signal 0). */
  isAlive(pid: number): boolean;
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
}

/** The ledger with the synchronous calls the server's store builds on. */
export interface SqliteLedger extends Ledger {
  readonly db: Db;
  reserveNow(submit: LedgerSubmit, items: readonly LedgerItem[]): { submitId: number; admissions: Admission[] };
  settleNow(submitId: number, settlements: readonly Settlement[], calls: readonly KivaLogRecord[], last: boolean): void;
  lookupNow(environment: string, guardKeys: readonly string[]): Map<string, LedgerEntry>;
  recoverNow(): number;
}

export function thisProcess(): RunIdentity {
  return { runId: randomUUID(), pid: process.pid, host: hostname(), isAlive: processAlive };
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

interface ActiveRow {
  id: number;
  guard_key: string;
  state: 'reserved' | 'accepted' | 'uncertain';
  outcome: string | null;
  reference: string | null;
  content_hash: string;
  summary: string | null;
  message: string | null;
  submit_id: number;
  time: string;
  user: string;
  user_id: string | null;
  run_id: string | null;
  pid: number | null;
  host: string | null;
}

const ACTIVE_COLUMNS = `i.id, i.guard_key, i.state, i.outcome, i.reference, i.content_hash, i.summary, i.message,
  i.submit_id, s.time, s.user, s.user_id, s.run_id, s.pid, s.host`;

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
       confirmed_rows, run_id, pid, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const confirmedSoFar = db.prepare(
    `SELECT COALESCE(SUM(rows), 0) AS used FROM submits WHERE environment = ? AND confirmation_id = ?`,
  );
  // One query for a whole sheet's keys: the keys travel as one JSON array. As `IN (SELECT … json_each)`, not a
  // join with json_each: SQLite cannot estimate a table-valued function, and for the join it chose to walk every
  // item of the environment once per key (100,000 keys against 100,000 items: about 45 minutes).
  const activeForKeys = db.prepare(
    `SELECT ${ACTIVE_COLUMNS} FROM items i JOIN submits s ON s.id = i.submit_id
     WHERE i.environment = ? AND i.guard_key IN (SELECT value FROM json_each(?))
       AND i.state IN ('reserved', 'accepted', 'uncertain')
     ORDER BY i.id`,
  );
  const reservedRuns = db.prepare(
    `SELECT DISTINCT s.id AS submit_id, s.run_id, s.pid, s.host, s.time FROM items i JOIN submits s ON s.id = i.submit_id
     WHERE i.state = 'reserved'`,
  );
  const markUncertain = db.prepare(
    `UPDATE items SET state = 'uncertain', outcome = 'uncertain', settled_at = ?,
       message = ? WHERE submit_id = ? AND state = 'reserved'`,
  );
  // Positional parameters: 100,000 items a send, and binding by name costs a property lookup per column.
  const insertItem = db.prepare(
    `INSERT INTO items (submit_id, position, environment, endpoint, rows, content_hash, guard_key, state, overrides,
       duplicate_of, outcome, message, settled_at, summary)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateItem = db.prepare(
    `UPDATE items SET state = ?, outcome = ?, http_status = ?, reference = ?, message = ?, settled_at = ?
     WHERE id = ? AND state = 'reserved'`,
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
  const dead = (row: ReservedRun, at: number): boolean => {
    if (row.run_id === run.runId) return false;
    // Rows from before version 3 name no process: only a server wrote them, and it stopped.
    if (row.pid === null || row.host === null) return true;
    if (row.host !== run.host) return at - Date.parse(row.time) > foreignTimeout;
    // Our own pid under another run id: that earlier process is gone (a container's pid 1 after a restart).
    if (row.pid === run.pid) return true;
    return !run.isAlive(row.pid);
  };
  const recover = (): number => {
    const at = now();
    const stamp = new Date(at).toISOString();
    let count = 0;
    for (const row of reservedRuns.all() as ReservedRun[]) {
      if (dead(row, at)) count += markUncertain.run(stamp, STOPPED_MESSAGE, row.submit_id).changes;
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
      ).lastInsertRowid,
    );
    const inThisRequest = new Map<string, { id: number; item: LedgerItem }>();
    // What the ledger holds of the request's keys, in one query (the latest of each key), not one per item.
    const holding = new Map<string, ActiveRow>();
    const keys = JSON.stringify([...new Set(items.map((item) => item.guardKey))]);
    for (const row of activeForKeys.all(header.environment, keys) as ActiveRow[]) holding.set(row.guard_key, row);
    let admittedAny = false;
    const admissions = items.map((item, position): Admission => {
      const insert = (state: 'held-back' | 'reserved', overrides: number | null, duplicateOf: number | null): number =>
        Number(
          insertItem.run(
            submitId,
            position,
            header.environment,
            header.endpoint,
            JSON.stringify(item.rows),
            item.contentHash,
            item.guardKey,
            state,
            overrides,
            duplicateOf,
            state === 'held-back' ? 'failed' : null,
            state === 'held-back' ? 'duplicate' : null,
            state === 'held-back' ? time : null,
            item.summary !== undefined ? JSON.stringify(item.summary) : null,
          ).lastInsertRowid,
        );
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
            ? { id: active.id, previous: previousOf(active, run.runId) }
            : undefined;
      if (blocker) {
        return { admitted: false, itemId: insert('held-back', null, blocker.id), previous: blocker.previous };
      }
      const itemId = insert('reserved', active?.id ?? null, null);
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
      for (const settlement of settlements) {
        const { state, outcome, httpStatus, reference, message, itemId } = describeSettlement(settlement);
        updateItem.run(state, outcome, httpStatus, reference, message, at, itemId);
      }
      for (const call of calls) insertCall.run(callRow(submitId, call));
      if (last) finishSubmit.run(at, submitId);
    },
  );

  const lookupNow = (environment: string, guardKeys: readonly string[]): Map<string, LedgerEntry> => {
    const found = new Map<string, LedgerEntry>();
    if (guardKeys.length === 0) return found;
    const at = now();
    // Ordered by id: the latest send of each key is the one that stays.
    for (const row of activeForKeys.all(environment, JSON.stringify([...new Set(guardKeys)])) as ActiveRow[]) {
      // A reader that may not write sees a dead run's reservation as what recovery would make of it.
      const seen =
        row.state === 'reserved' && dead(row, at)
          ? { ...row, state: 'uncertain' as const, outcome: 'uncertain', message: STOPPED_MESSAGE }
          : row;
      found.set(row.guard_key, { guardKey: row.guard_key, ...previousOf(seen, run.runId) });
    }
    return found;
  };

  // IMMEDIATE takes the write lock before reading, so another process sharing the file cannot interleave either.
  const reserveNow = (header: LedgerSubmit, items: readonly LedgerItem[]) => reserve.immediate(header, items);
  const settleNow = (
    submitId: number,
    settlements: readonly Settlement[],
    calls: readonly KivaLogRecord[],
    last: boolean,
  ) => {
    // A settlement need not reach the disk before we go on: lost to a power cut, its items stay reserved and the
    // next run turns them Uncertain (never sent again silently). So it commits without its own fsync (NORMAL: the
    // WAL frames reach the disk with the next reservation's FULL commit); a reservation always gets its fsync.
    // Half the fsyncs of a send (40 reservations and settlements of 250 items: 1.34 → 0.73 s at load ~13).
    db.pragma('synchronous = NORMAL');
    try {
      settle.immediate(submitId, settlements, calls, last, new Date(now()).toISOString());
    } finally {
      db.pragma('synchronous = FULL');
    }
  };
  const recoverNow = () => recoverTransaction.immediate();

  if (options.readOnly === true) {
    const refuse = (): never => {
      throw new Error('this delivery ledger was opened read-only (validate, preview): nothing is reserved');
    };
    return {
      db,
      reserveNow: refuse,
      settleNow: refuse,
      lookupNow,
      recoverNow: () => 0,
      reserve: async () => refuse(),
      settle: async () => refuse(),
      lookup: async (environment, guardKeys) => lookupNow(environment, guardKeys),
      recoverDeadRuns: async () => 0,
      close: () => db.close(),
    };
  }
  recoverNow();
  return {
    db,
    reserveNow,
    settleNow,
    lookupNow,
    recoverNow,
    reserve: async (header, items) => reserveNow(header, items),
    settle: async (submitId, settlements, calls, last) => settleNow(submitId, settlements, calls, last),
    lookup: async (environment, guardKeys) => {
      // A run that died since this ledger opened left reservations a reader must see as uncertain.
      recoverNow();
      return lookupNow(environment, guardKeys);
    },
    recoverDeadRuns: async () => recoverNow(),
    close: () => db.close(),
  };
}

function heldState(row: ActiveRow): HeldState {
  if (row.state === 'reserved') return 'sending';
  if (row.state === 'uncertain') return 'uncertain';
  return row.outcome === 'warned' ? 'warned' : 'sent';
}

function previousOf(row: ActiveRow, runId: string): PreviousSend {
  return {
    submitId: row.submit_id,
    sentAt: row.time,
    sentBy: row.user,
    ...(row.user_id !== null ? { sentById: row.user_id } : {}),
    state: heldState(row),
    otherRun: row.run_id !== runId,
    ...(row.reference !== null ? { reference: row.reference } : {}),
    contentHash: row.content_hash,
    ...(row.summary !== null ? { summary: parseSummary(row.summary) } : {}),
    ...(row.message !== null && row.state !== 'reserved' ? { message: row.message } : {}),
  };
}

function parseSummary(text: string): ContentSummary | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as ContentSummary) : undefined;
  } catch {
    return undefined;
  }
}

function describeSettlement(settlement: Settlement) {
  const { outcomes } = settlement;
  const uncertain = outcomes.find((outcome) => outcome.kind === 'uncertain');
  const allSent = outcomes.length > 0 && outcomes.every((outcome) => outcome.kind === 'sent');
  const representative = uncertain ?? outcomes.find((outcome) => outcome.kind !== 'sent') ?? outcomes[0];
  const sent = outcomes.find((outcome) => outcome.kind === 'sent');
  const warned = outcomes.some((outcome) => outcome.kind === 'sent' && (outcome.reference?.warnings?.length ?? 0) > 0);
  return {
    itemId: settlement.itemId,
    // Rejected, failed and cancelled rows did not take effect at Kiva: sending them again is not a duplicate.
    state: uncertain ? 'uncertain' : allSent ? 'accepted' : 'released',
    outcome: allSent && warned ? 'warned' : (representative?.kind ?? null),
    httpStatus: settlement.httpStatus ?? null,
    reference: sent?.kind === 'sent' ? referenceText(sent.reference) : null,
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
