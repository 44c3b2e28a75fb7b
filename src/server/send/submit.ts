import type { KivaLogRecord, RowOutcome, RowRef } from '../../kiva';
import type { KivaConnection } from '../kiva/connections';
import type { ServerLogger } from '../logger';
import type { Ledger, PreviousSend } from '../../app/ledger';
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
  const guarded = items.map((item) => {
    const hash = contentHash(plan.contentOf(item));
    return { rows: plan.rowsOf(item), contentHash: hash, guardKey: plan.guardKey(item, hash, time) };
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
    else
      outcomes[index] = plan.rowsOf(at(items, index)).map((row) => duplicate(row, admission.previous, connection.name));
  });

  const log: KivaLogRecord[] = [];
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
    let offset = 0;
    const settlements = unit.map((index, k) => {
      const count = plan.rowsOf(at(unitItems, k)).length;
      const mine = flat.slice(offset, offset + count);
      offset += count;
      outcomes[index] = mine;
      return { itemId: at(admissions, index).itemId, outcomes: mine, ...statusOf(unitLog) };
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
  return { submitId, outcomes: flat, log };
}

/** A held-back row keeps the existing outcome kind `failed`, with the earlier send in its params. */
function duplicate(row: RowRef, previous: PreviousSend, environment: string): RowOutcome {
  const reference = previous.reference !== undefined ? ` (Kiva reference ${previous.reference})` : '';
  const message =
    previous.state === 'sent' || previous.state === 'warned'
      ? `Already sent to Kiva ${environment} on ${previous.sentAt} by ${previous.sentBy}${reference}; not sent again. Send with force to send it anyway.`
      : previous.state === 'uncertain'
        ? `Sent to Kiva ${environment} on ${previous.sentAt} by ${previous.sentBy} without a sure answer: check PA2, then send with force if it is not there.`
        : `Being sent to Kiva ${environment} by ${previous.sentBy} right now; not sent twice.`;
  return {
    kind: 'failed',
    row,
    code: 'duplicate',
    message,
    params: {
      previous: previous.state,
      sentAt: previous.sentAt,
      sentBy: previous.sentBy,
      submitId: previous.submitId,
      environment,
      ...(previous.reference !== undefined ? { reference: previous.reference } : {}),
    },
  };
}

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
    const kind = outcome.kind === 'failed' && outcome.code === 'duplicate' ? 'duplicate' : outcome.kind;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`no item at ${index}`);
  return value;
}
