/**
 * Delivery: a conversion's requests through the Kiva port, sheet after sheet in workbook order, and what the
 * result means for the workbook (statuses, one log line per request). Whatever the port does, every row that was
 * to be sent comes back with exactly one outcome.
 */
import type { KivaReference, RowOutcome, RowRef } from '../kiva';
import {
  formatStamp,
  formatStatus,
  planSendWriteBack,
  toKivaItems,
  type CallRecord,
  type Conversion,
  type MessageLanguage,
  type PreparedRequest,
  type SheetConversion,
  type StatusColumn,
  type WriteBackPlan,
} from '../sheet';
import { fail, ok, type AppResult } from './errors';
import type { Settlement } from './ledger';
import { findingFor, keyedItems, type DeliveryLedger, type KeyedItem, type LedgerFinding } from './ledger-rows';
import { report, type RunInput } from './prepare';
import type { Clock, KivaCall, KivaPort, KivaSendOptions, KivaSendResult } from './ports';

export interface Delivery {
  /** One per row sent or attempted, in send order. */
  outcomes: RowOutcome[];
  calls: KivaCall[];
  /** Rows there were to send. */
  total: number;
  /** Rows the ledger held back when they were reserved (another run got there first). */
  findings: LedgerFinding[];
}

/** With a ledger: each request is reserved in it before it leaves and settled on Kiva's answer (write-ahead). */
export interface LedgerRun {
  access: DeliveryLedger;
  /** Resend: the user chose to send again what the ledger holds (a forced submit, logged). */
  resend: boolean;
  clock: Clock;
}

export async function deliver(
  kiva: KivaPort,
  conversion: Conversion,
  input: Pick<RunInput, 'signal' | 'onProgress'>,
  ledger?: LedgerRun,
): Promise<AppResult<Delivery>> {
  const sheets = conversion.sheets.filter((s) => s.role === 'target' && s.requests.length > 0);
  const total = sheets.reduce((sum, s) => sum + rowsOf(s).length, 0);
  const delivery: Delivery = { outcomes: [], calls: [], total, findings: [] };
  if (total === 0) return ok(delivery);
  // Bad credentials stop the run before anything is sent (a cancelled connect just leaves every row pending).
  if (!input.signal?.aborted) {
    const connected = await kiva.connect(input.signal);
    if (!connected.ok && !input.signal?.aborted) return fail(connected.error);
  }
  report(input, { phase: 'sending', done: 0, total });
  for (const sheet of sheets) {
    const before = delivery.outcomes.length;
    const options = {
      ...(input.signal !== undefined ? { signal: input.signal } : {}),
      onProgress: (p: { done: number }) => report(input, { phase: 'sending', done: before + p.done, total }),
    };
    const result =
      ledger === undefined
        ? await sendSheet(kiva, sheet, options)
        : await sendSheetWriteAhead(kiva, sheet, options, ledger, delivery.findings);
    delivery.outcomes.push(...result.outcomes);
    delivery.calls.push(...result.calls);
  }
  return ok(delivery);
}

/**
 * One sheet's requests, each reserved in the ledger before it leaves (at most `concurrency` in flight) and settled
 * when Kiva answers. Pipelined: while a lane's request is in flight, the lane reserves its next one (durably, its
 * fsync awaited), so that when the answer comes the next request can leave at once; the reservation's cost is off
 * the critical path. Just before a request leaves, the lane marks it as leaving (`Ledger.leaving`): a run killed
 * with a request reserved ahead but not sent leaves it unmarked, and the next run sends it rather than calling it
 * Uncertain. When Kiva answers, the lane's next request leaves first; the answer's settlement and the lane's next
 * reservation are made after it left (their commits share one fsync), so neither sits between an answer and the
 * request that follows it. A reservation made ahead that is not sent (Ctrl-C, a ledger error) is settled as
 * cancelled at once.
 * Items the ledger holds back (another run reserved or sent them first) are not sent: they come back as findings.
 * A ledger error stops the sheet: no further request leaves, those in flight are settled, and the error is thrown.
 */
async function sendSheetWriteAhead(
  kiva: KivaPort,
  sheet: SheetConversion,
  options: KivaSendOptions,
  run: LedgerRun,
  findings: LedgerFinding[],
): Promise<KivaSendResult> {
  const { access } = run;
  const { ledger } = access;
  const signal = options.signal;
  const results: KivaSendResult[] = sheet.requests.map(() => ({ outcomes: [], calls: [] }));
  let done = 0;
  let next = 0;
  const settling: Promise<void>[] = [];
  let failure: { error: unknown } | undefined;
  const stopped = (): boolean => failure !== undefined || signal?.aborted === true;

  const reserve = async (request: PreparedRequest): Promise<Reservation> => {
    const items = keyedItems(request, access);
    const { submitId, admissions } = await ledger.reserve(
      {
        time: run.clock.now(),
        user: access.user,
        ...(access.userId !== undefined ? { userId: access.userId } : {}),
        environment: kiva.environment,
        endpoint: items[0]?.endpoint ?? 'repayments',
        forced: run.resend,
        marksLeaving: true,
      },
      items,
    );
    const admitted: Admitted[] = [];
    admissions.forEach((admission, k) => {
      const item = items[k] as KeyedItem;
      if (admission.admitted) admitted.push({ item, itemId: admission.itemId });
      else
        findings.push(
          findingFor(item, admission.previous, false) ?? {
            kind: 'busy',
            rows: item.rows,
            previous: admission.previous,
          },
        );
    });
    return { submitId, admitted };
  };

  /** The lane's next request, its reservation started; requests taken after a stop are cancelled, not reserved. */
  const reserveNext = (): Ahead | undefined => {
    while (failure === undefined && next < sheet.requests.length) {
      const index = next++;
      const request = sheet.requests[index];
      if (request === undefined) continue;
      if (signal?.aborted) {
        (results[index] as KivaSendResult).outcomes = request.rows.map((row) => ({ kind: 'cancelled', row }));
        continue;
      }
      const ahead: Ahead = { index, reservation: reserve(request), ready: false };
      // Awaited by the lane once its request in flight is answered; until then a rejection is not unhandled.
      ahead.reservation.then(
        () => (ahead.ready = true),
        () => {},
      );
      return ahead;
    }
    return undefined;
  };

  /** Settled in the background; every settlement is on disk before the sheet's statuses are reported. */
  const settleLater = (submitId: number, settlements: Settlement[]): void => {
    settling.push(
      ledger.settle(submitId, settlements, [], true).catch(() => {
        // The rows stay reserved: the next run turns them Uncertain (marked as leaving) or sends them (not marked).
      }),
    );
  };

  /** A reservation whose request will not leave: its rows cancelled, released in the ledger (pending again). */
  const release = (index: number, { submitId, admitted }: Reservation): void => {
    const settlements = admitted.map(({ item, itemId }) => ({
      itemId,
      outcomes: item.rows.map((row): RowOutcome => ({ kind: 'cancelled', row })),
    }));
    settleLater(submitId, settlements);
    (results[index] as KivaSendResult).outcomes = settlements.flatMap((s) => s.outcomes);
  };

  /** Marks the request as leaving and hands it to Kiva; undefined when it does not leave (nothing admitted, a stop). */
  const leave = async (
    index: number,
    reserved: Reservation,
  ): Promise<{ answer: Promise<KivaSendResult> } | undefined> => {
    const { submitId, admitted } = reserved;
    if (admitted.length === 0) return undefined;
    if (stopped()) {
      release(index, reserved);
      return undefined;
    }
    try {
      await ledger.leaving(submitId);
    } catch (error) {
      failure ??= { error };
      release(index, reserved);
      return undefined;
    }
    const items = admitted.map((a) => a.item);
    return { answer: sendItems(kiva, items, signal !== undefined ? { signal } : {}) };
  };

  /** Kiva's answer as the request's outcomes; returns its settlement, for the lane to make when it suits it. */
  const answered = (index: number, { submitId, admitted }: Reservation, sent: KivaSendResult): (() => void) => {
    const rows = admitted.flatMap((a) => a.item.rows);
    // One outcome per row, in the order of `rows`: each item takes the next outcomes, as many as its rows.
    const outcomes = reconcile(rows, sent.outcomes);
    const httpStatus = sent.calls[0]?.httpStatus;
    let taken = 0;
    const settlements: Settlement[] = admitted.map(({ item, itemId }) => {
      const mine = outcomes.slice(taken, (taken += item.rows.length));
      return { itemId, outcomes: mine, ...(httpStatus !== undefined ? { httpStatus } : {}) };
    });
    const result = results[index] as KivaSendResult;
    result.outcomes = outcomes;
    result.calls = sent.calls;
    done += rows.length;
    options.onProgress?.({ done, total: sheet.requests.length, latest: outcomes });
    return () => settleLater(submitId, settlements);
  };

  const lane = async (): Promise<void> => {
    let ahead = reserveNext();
    /** The settlement of the lane's last answer: made once its next request has left, not before. */
    let settleAnswered: (() => void) | undefined;
    while (ahead !== undefined) {
      const { index, reservation } = ahead;
      // The next request cannot leave yet (its reservation is still on its way to the disk): the answer is settled
      // now rather than after it, so that a run killed meanwhile leaves the answered rows Sent, not Uncertain.
      if (!ahead.ready) {
        settleAnswered?.();
        settleAnswered = undefined;
      }
      let reserved: Reservation;
      try {
        reserved = await reservation;
      } catch (error) {
        failure ??= { error };
        break;
      }
      const sending = await leave(index, reserved);
      // The ledger's work of this lane (the last answer's settlement, the next reservation: their commits share one
      // fsync) runs while this request is in flight, after a turn of the event loop that lets its bytes go first.
      if (sending !== undefined) await new Promise((resolve) => setImmediate(resolve));
      settleAnswered?.();
      settleAnswered = undefined;
      ahead = reserveNext();
      if (sending !== undefined) settleAnswered = answered(index, reserved, await sending.answer);
    }
    settleAnswered?.();
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(access.concurrency, sheet.requests.length)) }, lane);
  await Promise.all(lanes);
  await Promise.all(settling);
  if (failure !== undefined) throw failure.error;
  return {
    outcomes: results.flatMap((r) => r.outcomes),
    calls: results.flatMap((r) => r.calls),
  };
}

/** A lane's next request, its reservation on its way (`ready` once it is on disk). */
interface Ahead {
  index: number;
  reservation: Promise<Reservation>;
  ready: boolean;
}

interface Admitted {
  item: KeyedItem;
  itemId: number;
}

/** A request's submit in the ledger and the items it admitted (the others are findings). */
interface Reservation {
  submitId: number;
  admitted: Admitted[];
}

/** One request's admitted items through the port (they fit one request: the sheet core cut them so). */
async function sendItems(
  kiva: KivaPort,
  items: readonly KeyedItem[],
  options: KivaSendOptions,
): Promise<KivaSendResult> {
  const rows = items.flatMap((item) => item.rows);
  try {
    const first = items[0];
    if (first === undefined) return { outcomes: [], calls: [] };
    if (first.endpoint === 'loan-drafts') {
      return await kiva.createLoanDrafts(
        items.flatMap((item) => (item.endpoint === 'loan-drafts' ? [item.kiva] : [])),
        options,
      );
    }
    if (first.endpoint === 'repayments') {
      return await kiva.sendRepayments(
        items.flatMap((item) => (item.endpoint === 'repayments' ? [item.kiva] : [])),
        options,
      );
    }
    return await kiva.sendJournals(
      items.flatMap((item) => (item.endpoint === 'journals' ? [item.kiva] : [])),
      options,
    );
  } catch {
    // A port that breaks its promise and throws: what it sent is unknown, so its rows are reconciled as Uncertain.
    return { outcomes: reconcile(rows, []), calls: [] };
  }
}

/** Statuses for the rows that have an outcome, and one `Kiva log` line per request. */
export function sendPlan(conversion: Conversion, delivery: Delivery, environment: string, clock: Clock): WriteBackPlan {
  const language = conversion.settings.language;
  const statusColumns: Record<string, StatusColumn> = {};
  for (const sheet of conversion.sheets) {
    if (sheet.role === 'target') statusColumns[sheet.sheet] = sheet.headers.statusColumn;
  }
  const now = clock.now();
  return planSendWriteBack({
    environment,
    at: formatStamp(now, clock.utcOffsetMinutes(now)),
    language,
    outcomes: delivery.outcomes,
    calls: delivery.calls.flatMap((call) => callRecords(call, environment, language, clock)),
    statusColumns,
  });
}

function rowsOf(sheet: SheetConversion): RowRef[] {
  return sheet.requests.flatMap((r) => r.rows);
}

/** One sheet's requests through the port; whatever the port does, every row comes back with one outcome. */
async function sendSheet(kiva: KivaPort, sheet: SheetConversion, options: KivaSendOptions): Promise<KivaSendResult> {
  const rows = rowsOf(sheet);
  if (options.signal?.aborted) return { outcomes: rows.map((row) => ({ kind: 'cancelled', row })), calls: [] };
  const items = toKivaItems(sheet.requests);
  const jobs: ((o: KivaSendOptions) => Promise<KivaSendResult>)[] = [];
  if (items.loanDrafts.length > 0) jobs.push((o) => kiva.createLoanDrafts(items.loanDrafts, o));
  if (items.repayments.length > 0) jobs.push((o) => kiva.sendRepayments(items.repayments, o));
  if (items.journals.length > 0) jobs.push((o) => kiva.sendJournals(items.journals, o));
  const outcomes: RowOutcome[] = [];
  const calls: KivaCall[] = [];
  try {
    for (const job of jobs) {
      const before = outcomes.length;
      const result = await job({
        ...options,
        onProgress: (p) => options.onProgress?.({ ...p, done: before + p.done, total: rows.length }),
      });
      outcomes.push(...result.outcomes);
      calls.push(...result.calls);
    }
  } catch {
    // A port that breaks its promise and throws: what it sent is unknown, so its rows are reconciled as Uncertain.
  }
  return { outcomes: reconcile(rows, outcomes), calls };
}

/** Exactly one outcome per row, in row order; a row the port gave no answer for may have been sent. */
export function reconcile(rows: readonly RowRef[], outcomes: readonly RowOutcome[]): RowOutcome[] {
  const key = (row: RowRef): string => `${row.sheet}\u0000${row.row}`;
  const byRow = new Map<string, RowOutcome>();
  for (const outcome of outcomes) if (!byRow.has(key(outcome.row))) byRow.set(key(outcome.row), outcome);
  return rows.map(
    (row) =>
      byRow.get(key(row)) ?? { kind: 'uncertain', row, reason: 'connection-lost', detail: 'no answer for this row' },
  );
}

/**
 * A request as `Kiva log` lines, one per outcome kind (sent, sent with warnings, rejected, uncertain…): a call that
 * sent 9 rows and had 1 refused is two lines, never "9 × …" folded into one. Each carries the HTTP status Kiva
 * answered with, when it answered.
 */
function callRecords(call: KivaCall, environment: string, lang: MessageLanguage, clock: Clock): CallRecord[] {
  const at = formatStamp(call.time, clock.utcOffsetMinutes(call.time));
  return byOutcomeKind(call.outcomes.filter((o) => o.kind !== 'cancelled')).map((part) => {
    const record: CallRecord = { at, environment, endpoint: call.endpoint, rows: part.map((o) => o.row) };
    const status = call.httpStatus ?? answeredStatus(part);
    if (status !== undefined) record.httpStatus = status;
    const first = part[0];
    if (first?.kind === 'sent') {
      if (first.reference !== undefined) record.reference = groupReference(part);
    } else if (first !== undefined) {
      record.message = describeOutcome(first, lang);
    }
    return record;
  });
}

/** Outcomes grouped by kind in first-seen order (sent and sent with warnings apart: their log lines differ). */
export function byOutcomeKind(outcomes: readonly RowOutcome[]): RowOutcome[][] {
  const groups = new Map<string, RowOutcome[]>();
  for (const outcome of outcomes) {
    const kind = outcome.kind === 'sent' && (outcome.reference?.warnings?.length ?? 0) > 0 ? 'warned' : outcome.kind;
    const group = groups.get(kind);
    if (group === undefined) groups.set(kind, [outcome]);
    else group.push(outcome);
  }
  return [...groups.values()];
}

function answeredStatus(part: readonly RowOutcome[]): number | undefined {
  for (const outcome of part) {
    if ((outcome.kind === 'rejected' || outcome.kind === 'uncertain') && outcome.status !== undefined) {
      return outcome.status;
    }
  }
  return undefined;
}

/** Kiva's reference for accepted rows; for rows sent with warnings, each distinct warning once. */
function groupReference(part: readonly RowOutcome[]): KivaReference | undefined {
  const sent = part.flatMap((o) => (o.kind === 'sent' && o.reference !== undefined ? [o.reference] : []));
  const first = sent[0];
  if (first === undefined) return undefined;
  const { warnings: _warnings, warningCodes: _codes, ...reference } = first;
  const warnings = [...new Set(sent.flatMap((r) => r.warnings ?? []))];
  return warnings.length > 0 ? { ...reference, warnings } : reference;
}

function describeOutcome(outcome: RowOutcome, lang: MessageLanguage): string {
  switch (outcome.kind) {
    case 'rejected':
    case 'failed':
      return outcome.message;
    case 'uncertain': {
      // The log keeps what came back (redacted by src/kiva): the status cell only says why it is uncertain.
      const why = formatStatus({ kind: 'uncertain', reason: outcome.reason }, lang);
      return outcome.detail !== undefined && outcome.reason === 'not-kiva' ? `${why} (${outcome.detail})` : why;
    }
    default:
      return '';
  }
}
