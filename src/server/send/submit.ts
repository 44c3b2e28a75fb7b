import type { EarlierSend, KivaLogRecord, RowOutcome, RowRef } from '../../kiva';
import type { KivaConnection } from '../kiva/connections';
import type { ServerLogger } from '../logger';
import { changesBetween, type ContentSummary, type Ledger, type PreviousSend } from '../../app/ledger';
import { contentHash } from '../store/guard-keys';
import type { SendPlan } from './plans';

export interface SubmitDeps {
  /** The delivery ledger (the audit store in the server), shared with the command line. */
  store: Ledger;
  logger: ServerLogger;
  now: () => number;
}

export interface SubmitInput<Item> {
  connection: KivaConnection;
  /** Display name and stable id (Entra object id, or `local:<account>`), both kept in the audit log. */
  user: string;
  userId: string;
  force: boolean;
  /** Repayments: the report period (`YYYY-MM`) the body named; the guard keys by it. */
  period?: string;
  /** The user's confirmation this submit is part of (production); the audit log records it. */
  confirmation?: { id: string; rows: number };
  items: readonly Item[];
}

export interface SubmitResult {
  submitId: number;
  /** One per row of every item, in request order. */
  outcomes: RowOutcome[];
  /** Every HTTP attempt made for this submit, as src/kiva logged it (redacted). */
  log: KivaLogRecord[];
  /**
   * One per Kiva request this submit made, in request order: the rows it carried (outcome order) and the HTTP status
   * of the answer that decided them, when Kiva answered. Held-back rows are in none.
   */
  calls: SubmitCall[];
}

export interface SubmitCall {
  rows: RowRef[];
  httpStatus?: number;
}

/**
 * Reserve, send, record: rows already sent (or being sent) are held back before anything leaves, the rest go to Kiva
 * in requests that each take a slot of the environment's gate, and each request's answer is recorded as it lands.
 */
export async function submit<Item>(
  plan: SendPlan<Item>,
  input: SubmitInput<Item>,
  deps: SubmitDeps,
): Promise<SubmitResult> {
  const { connection, items } = input;
  const time = deps.now();
  const context = { time, ...(input.period !== undefined ? { period: input.period } : {}) };
  const guarded = items.map((item) => {
    const hash = contentHash(plan.contentOf(item));
    return {
      rows: plan.rowsOf(item),
      contentHash: hash,
      guardKey: plan.guardKey(item, hash, context),
      summary: plan.summaryOf(item),
    };
  });
  const { submitId, admissions } = await deps.store.reserve(
    {
      time,
      user: input.user,
      userId: input.userId,
      environment: connection.name,
      endpoint: plan.endpoint,
      forced: input.force,
      ...(input.confirmation ? { confirmation: input.confirmation } : {}),
    },
    guarded,
  );

  const outcomes: RowOutcome[][] = items.map(() => []);
  const admitted: number[] = [];
  admissions.forEach((admission, index) => {
    if (admission.admitted) admitted.push(index);
    else {
      const item = at(guarded, index);
      const earlier = earlierOf(admission.previous, connection.name);
      outcomes[index] = item.rows.map((row) => heldBack(row, admission.previous, earlier, item));
    }
  });

  const log: KivaLogRecord[] = [];
  const calls: { first: number; call: SubmitCall }[] = [];
  let unsettled = 0;
  const sendUnit = async (unit: readonly number[]): Promise<void> => {
    const unitLog: KivaLogRecord[] = [];
    const client = connection.client((record) => {
      unitLog.push(record);
      log.push(record);
    });
    const unitItems = unit.map((index) => at(items, index));
    const flat = await plan
      .send(client, unitItems)
      .catch(() => unitItems.flatMap((item) => plan.rowsOf(item).map(lost)));
    const status = statusOf(unitLog);
    calls.push({
      first: unit[0] ?? 0,
      call: { rows: unit.flatMap((index) => [...at(guarded, index).rows]), ...status },
    });
    let offset = 0;
    const settlements = unit.map((index, k) => {
      const count = plan.rowsOf(at(unitItems, k)).length;
      const mine = flat.slice(offset, offset + count);
      offset += count;
      outcomes[index] = mine;
      return { itemId: at(admissions, index).itemId, outcomes: mine, ...status };
    });
    try {
      await deps.store.settle(submitId, settlements, unitLog, --unsettled === 0);
    } catch (error) {
      // The rows stay reserved, so a restart turns them uncertain: held back, never silently re-sendable.
      deps.logger.error('audit: could not record what Kiva answered', { submitId, error });
    }
  };
  const size = plan.batchSize(connection.settings);
  const units: number[][] = [];
  for (let start = 0; start < admitted.length; start += size) units.push(admitted.slice(start, start + size));
  unsettled = units.length;
  await Promise.all(units.map((unit) => connection.gate(() => sendUnit(unit))));
  const flat = outcomes.flat();
  deps.logger.info('submit', {
    submitId,
    user: input.user,
    env: connection.name,
    endpoint: plan.endpoint,
    force: input.force || undefined,
    confirmed: input.confirmation?.rows,
    rows: flat.length,
    ...countKinds(flat),
  });
  calls.sort((x, y) => x.first - y.first);
  return { submitId, outcomes: flat, log, calls: calls.map((entry) => entry.call) };
}

/**
 * A row the ledger holds back, as data the faces word (codes, never a sentence for the user):
 * - the same content Kiva accepted (with or without warnings): the row IS sent (`sent` with `earlier`);
 * - other content under the same key (a corrected amount): `failed` `ledger.changed`, with what differs;
 * - an earlier send without a sure answer: `uncertain` `earlier-uncertain`;
 * - a run sending it right now: `failed` `ledger.in-flight`.
 * `message` stays for older clients and logs only.
 */
function heldBack(
  row: RowRef,
  previous: PreviousSend,
  earlier: EarlierSend,
  item: { contentHash: string; summary: ContentSummary },
): RowOutcome {
  const params = { sentAt: earlier.sentAt, sentBy: earlier.sentBy, environment: earlier.environment };
  switch (previous.state) {
    case 'sent':
    case 'warned':
      if (previous.contentHash === item.contentHash) return { kind: 'sent', row, earlier };
      return {
        kind: 'failed',
        row,
        code: 'ledger.changed',
        message: 'changed since it was sent: not sent again',
        params,
        earlier,
        changes: changesBetween(previous.summary, item.summary),
      };
    case 'uncertain':
      return {
        kind: 'uncertain',
        row,
        reason: 'earlier-uncertain',
        detail: 'an earlier send had no sure answer',
        earlier,
      };
    case 'sending':
      return {
        kind: 'failed',
        row,
        code: 'ledger.in-flight',
        message: 'being sent right now: not sent twice',
        params,
        earlier,
      };
  }
}

function earlierOf(previous: PreviousSend, environment: string): EarlierSend {
  return {
    sentAt: previous.sentAt,
    sentBy: personOf(previous.sentBy),
    environment,
    outcome: previous.state === 'sent' || previous.state === 'warned' ? 'accepted' : previous.state,
    ...(previous.reference !== undefined ? { reference: previous.reference } : {}),
  };
}

/**
 * Who sent it, as a coordinator knows them: a system account (local mode on a server run as root) names nobody, and
 * the faces say "this computer" instead.
 */
export function personOf(user: string): string {
  return SYSTEM_ACCOUNTS.has(user.trim().toLowerCase()) ? '' : user;
}
const SYSTEM_ACCOUNTS = new Set(['root', 'system', 'administrator', 'admin', 'nobody']);

/** src/kiva never rejects; should it ever, the request may have left, so the rows are uncertain, not failed. */
function lost(row: RowRef): RowOutcome {
  return { kind: 'uncertain', row, reason: 'connection-lost', detail: 'internal error while sending' };
}

/** The status of the last answered API attempt (token requests aside) is the one that decided the rows. */
function statusOf(log: readonly KivaLogRecord[]): { httpStatus?: number } {
  const answered = log.filter((record) => record.operation !== 'token' && record.status !== undefined);
  const status = answered[answered.length - 1]?.status;
  return status !== undefined ? { httpStatus: status } : {};
}

function countKinds(outcomes: readonly RowOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const held = 'earlier' in outcome && outcome.earlier !== undefined;
    const kind = held ? (outcome.kind === 'sent' ? 'sentEarlier' : `held-${outcome.kind}`) : outcome.kind;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`no item at ${index}`);
  return value;
}
