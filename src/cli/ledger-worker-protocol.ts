/**
 * What the command line's main thread and its ledger thread (./ledger-worker.ts) say to each other. Messages are
 * structured-cloned, and that copy is paid on the main thread, the one the send runs on: so they carry only what
 * the ledger reads, in arrays rather than objects — items without their Kiva bodies, admissions as "all admitted
 * from id N" plus the few held back, settlements grouped by what they record (a request's 250 repayments Kiva
 * accepted under one upload id are one group).
 *
 * Pure functions both sides share: the main thread encodes calls and decodes answers, the worker the reverse.
 */
import type { Admission, LedgerEntry, LedgerItem, PreviousSend, Settlement } from '../app/ledger';
import type { KivaLogRecord, RowOutcome, RowRef } from '../kiva';

/** What the worker is started with (workerData). */
export interface LedgerWorkerData {
  path: string;
}

/** An item as it travels: [guard key, content hash, rows, summary]. */
export type WireItem = [string, string, WireRow[], LedgerItem['summary']?];
/** A row as it travels: [sheet, row] or [sheet, row, key]. */
export type WireRow = [string, number] | [string, number, string];

export type WireReserved =
  /** Item k's id is `first + k`; `held` lists the items not admitted, by position. */
  | { submitId: number; count: number; first: number; held: [number, PreviousSend][] }
  /** Ids that do not follow one another (the adapter chose so): each admission as it is. */
  | { submitId: number; admissions: Admission[] };

/** Outcomes without their rows (the ledger records what was answered, not where the row sits). */
export type WireOutcomes = DistributiveOmit<RowOutcome, 'row'>[];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Items Kiva answered alike: one set of outcomes, one HTTP status, many item ids. */
export interface WireSettlementGroup {
  outcomes: WireOutcomes;
  httpStatus?: number;
  itemIds: number[];
}

/** Worker → main, once: the ledger is open, or why it is not. */
export type WorkerReady = { ready: true } | { ready: false; message: string };

/** Main → worker. `op` is a Ledger method's name; `args` its arguments, encoded for reserve and settle. */
export interface WorkerCall {
  id: number;
  op: string;
  args: unknown[];
}

/** Worker → main: a call's answer, or the error it threw (its name kept, so ConfirmationExceeded survives). */
export type WorkerAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; confirmed?: number; requested?: number } };

/** The worker's own account of its time, for the bench: the part of each call that held its thread (SQLite). */
export interface WorkerStats {
  calls: number;
  blockingMs: number;
  syncs: number;
}

export function encodeItems(items: readonly LedgerItem[]): WireItem[] {
  const wire: WireItem[] = new Array<WireItem>(items.length);
  for (let k = 0; k < items.length; k++) {
    const item = items[k] as LedgerItem;
    const rows: WireRow[] = new Array<WireRow>(item.rows.length);
    for (let r = 0; r < item.rows.length; r++) {
      const row = item.rows[r] as RowRef;
      rows[r] = row.key !== undefined ? [row.sheet, row.row, row.key] : [row.sheet, row.row];
    }
    wire[k] =
      item.summary !== undefined
        ? [item.guardKey, item.contentHash, rows, item.summary]
        : [item.guardKey, item.contentHash, rows];
  }
  return wire;
}

export function decodeItems(wire: readonly WireItem[]): LedgerItem[] {
  return wire.map(([guardKey, contentHash, rows, summary]) => ({
    guardKey,
    contentHash,
    rows: rows.map(([sheet, row, key]) => (key !== undefined ? { sheet, row, key } : { sheet, row })),
    ...(summary !== undefined ? { summary } : {}),
  }));
}

export function encodeReserved(reserved: { submitId: number; admissions: Admission[] }): WireReserved {
  const { submitId, admissions } = reserved;
  const first = admissions[0]?.itemId ?? 0;
  const held: [number, PreviousSend][] = [];
  for (let k = 0; k < admissions.length; k++) {
    const admission = admissions[k] as Admission;
    if (admission.itemId !== first + k) return { submitId, admissions };
    if (!admission.admitted) held.push([k, admission.previous]);
  }
  return { submitId, count: admissions.length, first, held };
}

export function decodeReserved(wire: WireReserved): { submitId: number; admissions: Admission[] } {
  if ('admissions' in wire) return wire;
  const admissions: Admission[] = new Array<Admission>(wire.count);
  for (let k = 0; k < wire.count; k++) admissions[k] = { admitted: true, itemId: wire.first + k };
  for (const [k, previous] of wire.held) admissions[k] = { admitted: false, itemId: wire.first + k, previous };
  return { submitId: wire.submitId, admissions };
}

/**
 * Settlements grouped by what they record. Outcomes that are the same object, or carry the same reference object
 * (what the Kiva client gives every row of one answer), are grouped without serialising them; the others by their
 * text.
 */
export function encodeSettlements(settlements: readonly Settlement[]): WireSettlementGroup[] {
  const groups = new Map<string, WireSettlementGroup>();
  const textOf = new Map<object, string>();
  let named = 0;
  const keyOf = (value: object): string => {
    let text = textOf.get(value);
    if (text === undefined) textOf.set(value, (text = `#${named++}`));
    return text;
  };
  for (const settlement of settlements) {
    let key = settlement.httpStatus === undefined ? '' : String(settlement.httpStatus);
    for (const outcome of settlement.outcomes) key += `|${outcomeKey(outcome, keyOf)}`;
    const group = groups.get(key);
    if (group !== undefined) group.itemIds.push(settlement.itemId);
    else {
      groups.set(key, {
        outcomes: settlement.outcomes.map(withoutRow),
        ...(settlement.httpStatus !== undefined ? { httpStatus: settlement.httpStatus } : {}),
        itemIds: [settlement.itemId],
      });
    }
  }
  return [...groups.values()];
}

/** What an outcome records, as a short key: identical references share one (see encodeSettlements). */
function outcomeKey(outcome: RowOutcome, keyOf: (value: object) => string): string {
  if (outcome.kind === 'sent') {
    const { reference, earlier } = outcome;
    if (earlier === undefined) return reference === undefined ? 'sent' : `sent${keyOf(reference)}`;
  }
  if (outcome.kind === 'cancelled') return 'cancelled';
  return JSON.stringify(withoutRow(outcome));
}

function withoutRow(outcome: RowOutcome): WireOutcomes[number] {
  const { row: _row, ...rest } = outcome;
  return rest;
}

/** The row the worker gives outcomes it rebuilds: the ledger never reads it (the item carries its rows). */
const NO_ROW: RowRef = { sheet: '', row: 0 };

export function decodeSettlements(groups: readonly WireSettlementGroup[]): Settlement[] {
  const settlements: Settlement[] = [];
  for (const group of groups) {
    const outcomes = group.outcomes.map((outcome) => ({ ...outcome, row: NO_ROW }) as RowOutcome);
    for (const itemId of group.itemIds) {
      settlements.push({
        itemId,
        outcomes,
        ...(group.httpStatus !== undefined ? { httpStatus: group.httpStatus } : {}),
      });
    }
  }
  return settlements;
}

/** A lookup's answer travels as its entries (a Map is cloned too, but entries are what the main side iterates). */
export type WireLookup = LedgerEntry[];

export type SettleArgs = [
  submitId: number,
  groups: WireSettlementGroup[],
  calls: readonly KivaLogRecord[],
  last: boolean,
];
