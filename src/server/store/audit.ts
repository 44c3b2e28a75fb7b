import type { KivaLogRecord, KivaReference, RowOutcome, RowRef } from '../../kiva';
import type { KivaEnvironmentName } from '../config/types';
import type { PairingKeys } from '../auth/pairing';
import { openDatabase, type Db } from './database';

export type SubmitEndpoint = 'loan-drafts' | 'repayments' | 'journals';

export interface SubmitHeader {
  time: number;
  /** Display name (UPN / e-mail, or the local account). */
  user: string;
  /** Stable id: Entra object id, or `local:<account>`. */
  userId?: string;
  environment: KivaEnvironmentName;
  endpoint: SubmitEndpoint;
  forced: boolean;
  /** Production: the user's confirmation this submit is part of (the rows it confirmed, across its submits). */
  confirmation?: { id: string; rows: number };
}

/**
 * The submits carrying one confirmation would send more rows than the user confirmed: nothing is recorded or sent.
 * Thrown inside the reserve transaction, so two submits of one confirmation cannot both pass on the same count.
 */
export class ConfirmationExceeded extends Error {
  constructor(
    readonly confirmed: number,
    /** Rows of earlier submits of this confirmation plus this one. */
    readonly requested: number,
  ) {
    super(`confirmed ${confirmed} rows, asked to send ${requested}`);
  }
}

export interface GuardedItem {
  rows: readonly RowRef[];
  contentHash: string;
  guardKey: string;
}

/** The earlier send that holds an item back. */
export interface PreviousSend {
  submitId: number;
  sentAt: string;
  sentBy: string;
  /** `sending`: another request is sending it right now; force does not pass that. */
  state: 'sent' | 'uncertain' | 'sending';
  reference?: string;
}

export type Admission =
  { admitted: true; itemId: number } | { admitted: false; itemId: number; previous: PreviousSend };

export interface Settlement {
  itemId: number;
  outcomes: readonly RowOutcome[];
  httpStatus?: number;
}

export interface AuditStore {
  /**
   * Records the submit and reserves every item not already sent, in one write transaction: of two requests carrying
   * the same loan, whichever commits first reserves it and the other sees the reservation. Throws
   * ConfirmationExceeded (recording nothing) when `header.confirmation` does not cover this submit's rows.
   */
  reserve(header: SubmitHeader, items: readonly GuardedItem[]): { submitId: number; admissions: Admission[] };
  /** Records what Kiva answered for some items, and the HTTP attempts behind it; `last` closes the submit too. */
  settle(submitId: number, settlements: readonly Settlement[], calls: readonly KivaLogRecord[], last: boolean): void;
  /** Local mode's paired panes, kept across restarts. */
  pairingKeys: PairingKeys;
  close(): void;
}

interface ActiveRow {
  id: number;
  state: 'reserved' | 'accepted' | 'uncertain';
  reference: string | null;
  submit_id: number;
  time: string;
  user: string;
}

export function openAuditStore(path: string, now: () => number = Date.now): AuditStore {
  const db = openDatabase(path);
  recoverInterruptedSends(db, now());
  const finishSubmit = db.prepare(`UPDATE submits SET finished_at = ? WHERE id = ?`);
  const insertSubmit = db.prepare(
    `INSERT INTO submits (time, user, user_id, environment, endpoint, forced, items, rows, confirmation_id,
       confirmed_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPairing = db.prepare(`INSERT OR IGNORE INTO pairings (key_hash, created_at) VALUES (?, ?)`);
  const hasPairing = db.prepare(`SELECT 1 FROM pairings WHERE key_hash = ?`);
  const confirmedSoFar = db.prepare(
    `SELECT COALESCE(SUM(rows), 0) AS used FROM submits WHERE environment = ? AND confirmation_id = ?`,
  );
  const latestActive = db.prepare(
    `SELECT i.id, i.state, i.reference, i.submit_id, s.time, s.user FROM items i JOIN submits s ON s.id = i.submit_id
     WHERE i.environment = ? AND i.guard_key = ? AND i.state IN ('reserved', 'accepted', 'uncertain')
     ORDER BY i.id DESC LIMIT 1`,
  );
  const insertItem = db.prepare(
    `INSERT INTO items (submit_id, position, environment, endpoint, rows, content_hash, guard_key, state, overrides,
       duplicate_of, outcome, message, settled_at)
     VALUES (@submitId, @position, @environment, @endpoint, @rows, @contentHash, @guardKey, @state, @overrides,
       @duplicateOf, @outcome, @message, @settledAt)`,
  );
  const updateItem = db.prepare(
    `UPDATE items SET state = @state, outcome = @outcome, http_status = @httpStatus, reference = @reference,
       message = @message, settled_at = @settledAt WHERE id = @itemId AND state = 'reserved'`,
  );
  const insertCall = db.prepare(
    `INSERT INTO kiva_calls (submit_id, time, operation, method, endpoint, rows, attempt, status, duration_ms, result,
       reference, message)
     VALUES (@submitId, @time, @operation, @method, @endpoint, @rows, @attempt, @status, @durationMs, @result,
       @reference, @message)`,
  );

  const reserve = db.transaction((header: SubmitHeader, items: readonly GuardedItem[]) => {
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
      ).lastInsertRowid,
    );
    const inThisRequest = new Map<string, number>();
    let admittedAny = false;
    const admissions = items.map((item, position): Admission => {
      const base = {
        submitId,
        position,
        environment: header.environment,
        endpoint: header.endpoint,
        rows: JSON.stringify(item.rows),
        contentHash: item.contentHash,
        guardKey: item.guardKey,
        outcome: null,
        message: null,
        settledAt: null,
      };
      const sameRequest = inThisRequest.get(item.guardKey);
      const active = latestActive.get(header.environment, item.guardKey) as ActiveRow | undefined;
      // The same loan twice in one request is never sent twice, forced or not.
      const blocker =
        sameRequest !== undefined
          ? { id: sameRequest, previous: { submitId, sentAt: time, sentBy: header.user, state: 'sending' as const } }
          : active && (active.state === 'reserved' || !header.forced)
            ? { id: active.id, previous: previousOf(active) }
            : undefined;
      if (blocker) {
        const itemId = insertItem.run({
          ...base,
          state: 'held-back',
          overrides: null,
          duplicateOf: blocker.id,
          outcome: 'failed',
          message: 'duplicate',
          settledAt: time,
        }).lastInsertRowid;
        return { admitted: false, itemId: Number(itemId), previous: blocker.previous };
      }
      const itemId = Number(
        insertItem.run({ ...base, state: 'reserved', overrides: active?.id ?? null, duplicateOf: null })
          .lastInsertRowid,
      );
      inThisRequest.set(item.guardKey, itemId);
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
      for (const settlement of settlements) updateItem.run({ ...describeSettlement(settlement), settledAt: at });
      for (const call of calls) insertCall.run(callRow(submitId, call));
      if (last) finishSubmit.run(at, submitId);
    },
  );

  return {
    // IMMEDIATE takes the write lock before reading, so another process sharing the file cannot interleave either.
    reserve: (header, items) => reserve.immediate(header, items),
    settle: (submitId, settlements, calls, last) =>
      settle.immediate(submitId, settlements, calls, last, new Date(now()).toISOString()),
    pairingKeys: {
      add: (keyHash, time) => {
        insertPairing.run(keyHash, new Date(time).toISOString());
      },
      has: (keyHash) => hasPairing.get(keyHash) !== undefined,
    },
    close: () => db.close(),
  };
}

/**
 * Reservations left by a server that stopped mid-send may have reached Kiva: they become uncertain, which still
 * holds the loan back until someone checks PA2 and forces.
 */
function recoverInterruptedSends(db: Db, now: number): void {
  db.prepare(
    `UPDATE items SET state = 'uncertain', outcome = 'uncertain', settled_at = ?,
       message = 'the server stopped while this was being sent' WHERE state = 'reserved'`,
  ).run(new Date(now).toISOString());
}

function previousOf(row: ActiveRow): PreviousSend {
  const state = row.state === 'reserved' ? 'sending' : row.state === 'accepted' ? 'sent' : 'uncertain';
  return {
    submitId: row.submit_id,
    sentAt: row.time,
    sentBy: row.user,
    state,
    ...(row.reference !== null ? { reference: row.reference } : {}),
  };
}

function describeSettlement(settlement: Settlement) {
  const { outcomes } = settlement;
  const uncertain = outcomes.find((outcome) => outcome.kind === 'uncertain');
  const allSent = outcomes.length > 0 && outcomes.every((outcome) => outcome.kind === 'sent');
  const representative = uncertain ?? outcomes.find((outcome) => outcome.kind !== 'sent') ?? outcomes[0];
  const sent = outcomes.find((outcome) => outcome.kind === 'sent');
  return {
    itemId: settlement.itemId,
    // Rejected, failed and cancelled rows did not take effect at Kiva: sending them again is not a duplicate.
    state: uncertain ? 'uncertain' : allSent ? 'accepted' : 'released',
    outcome: representative?.kind ?? null,
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
