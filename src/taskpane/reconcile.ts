/**
 * period: the pane's reconcile before Check and Send (issue #10). A workbook reopened without its statuses, or
 * yesterday's copy, would otherwise send rows Kiva already holds, or show them as errors. So before checking or
 * sending, the rows that would be sent are keyed as the server's ledger keys them (src/app/guard-keys.ts: same keys,
 * same content hash, through WebCrypto), the server is asked once for the whole sheet (POST /api/ledger/lookup,
 * read-only), and the statuses are written in one go:
 * - the same content Kiva accepted: **Sent** with the earlier send's date, local time, "sent earlier by …";
 * - other content under the same key (a corrected amount): **Changed since sent**, saying what changed;
 * - an earlier send without a sure answer: **Uncertain**, saying when and who;
 * - a `Changed since sent` row the ledger no longer holds anything different for: pending again.
 * Nothing is sent or recorded here; rows another request is sending right now are left alone.
 */
import { canonicalJson, journalKey, loanDraftKey, repaymentKey, sha256Hex } from '../app/guard-keys';
import {
  changesBetween,
  summariseJournal,
  summariseLoanDraft,
  summariseRepayment,
  type ContentSummary,
} from '../app/ledger';
import { isReferenceSheet, prepare } from '../app/prepare';
import type { ApiClient, Clock, KivaPort, Ports, RunInput, WorkbookPort, WorkbookSnapshot } from '../app';
import type { EarlierSend, RowOutcome, RowRef } from '../kiva';
import {
  formatStamp,
  mapHeaders,
  parseStatus,
  planSendWriteBack,
  toKivaItems,
  type CellGrid,
  type PreparedRequest,
  type StatusColumn,
  type WriteBackPlan,
} from '../sheet';

/** One entry of the server's answer (src/server/http/api.ts). */
export interface LedgerEntry {
  key: string;
  outcome: 'accepted' | 'uncertain' | 'sending';
  sentAt: string;
  sentBy: string;
  environment: string;
  contentHash?: string;
  reference?: string;
  /** The few fields the ledger kept (src/app/ledger.ts), to say what changed. */
  summary?: ContentSummary;
}

export interface ReconcileInput {
  workbook: WorkbookPort;
  kiva: KivaPort;
  api: ApiClient;
  /** Repayments' report period: part of their key. */
  period: string;
  run: Pick<RunInput, 'scope' | 'settings' | 'clock'>;
}

export interface Reconciled {
  /** Rows now Sent (sent earlier), changed since sent, uncertain earlier, and `Changed` rows made pending again. */
  restored: RowRef[];
  changed: RowRef[];
  uncertain: RowRef[];
  cleared: RowRef[];
  /** Statuses were written: the workbook must be read again. */
  written: boolean;
  /** Why the lookup could not be made (the server is older, unreachable…): the run goes on, the guard still holds. */
  lookupError?: string;
}

const NOTHING: Reconciled = { restored: [], changed: [], uncertain: [], cleared: [], written: false };

interface Keyed {
  key: string;
  hash: string;
  summary: ContentSummary;
  rows: RowRef[];
}

export async function reconcile(input: ReconcileInput): Promise<Reconciled> {
  const { workbook, kiva, api, period, run } = input;
  // Rows whose status says Uncertain or Changed are looked up too: the ledger may know better now.
  // The very read the use cases make (schedules as reference, the lists sheet), so a readOnce serves them after.
  const read = await workbook.read({ scope: run.scope, isReference: isReferenceSheet, withLists: true });
  if (!read.ok) return NOTHING;
  const snapshot = read.value;
  const ports: Ports = { workbook: freeing(workbook, snapshot), kiva };
  const prepared = await prepare(ports, { ...run }, false);
  if (!prepared.ok) return NOTHING;
  const { conversion } = prepared.value;
  const keyed = await keyItems(conversion.requests as PreparedRequest[], period);
  if (keyed.length === 0) return NOTHING;

  const answer = await api.post<{ entries?: LedgerEntry[] }>('/api/ledger/lookup', {
    env: kiva.environment,
    keys: [...new Set(keyed.map((k) => k.key))],
  });
  if (!answer.ok) return { ...NOTHING, lookupError: answer.error.code };
  const entries = new Map((answer.value.entries ?? []).map((entry) => [entry.key, entry]));

  const before = statusTexts(snapshot.sheets, snapshot.mappings, snapshot.targets);
  const outcomes: RowOutcome[] = [];
  const result: Reconciled = { restored: [], changed: [], uncertain: [], cleared: [], written: false };
  const clears: { row: RowRef; text: '' }[] = [];
  for (const item of keyed) {
    const entry = entries.get(item.key);
    for (const row of item.rows) {
      const was = parseStatus(before.get(row.sheet)?.get(row.row) ?? '');
      if (entry === undefined || entry.outcome === 'sending') {
        if (entry === undefined && was.kind === 'changed') {
          clears.push({ row, text: '' });
          result.cleared.push(row);
        }
        continue;
      }
      const earlier: EarlierSend = {
        sentAt: entry.sentAt,
        sentBy: entry.sentBy,
        environment: entry.environment,
        outcome: entry.outcome,
        ...(entry.reference !== undefined ? { reference: entry.reference } : {}),
      };
      if (entry.outcome === 'uncertain') {
        outcomes.push({ kind: 'uncertain', row, reason: 'earlier-uncertain', earlier });
        result.uncertain.push(row);
      } else if (entry.contentHash === item.hash) {
        outcomes.push({ kind: 'sent', row, earlier });
        result.restored.push(row);
      } else {
        const changes = entry.summary !== undefined ? changesBetween(entry.summary, item.summary) : undefined;
        outcomes.push({
          kind: 'failed',
          row,
          code: 'ledger.changed',
          message: 'changed since sent',
          earlier,
          ...(changes !== undefined ? { changes } : {}),
        });
        result.changed.push(row);
      }
    }
  }

  const statusColumns: Record<string, StatusColumn> = {};
  for (const sheet of conversion.sheets) {
    if (sheet.role === 'target') statusColumns[sheet.sheet] = sheet.headers.statusColumn;
  }
  const language = run.settings?.language ?? 'en';
  const plan = planSendWriteBack({
    environment: kiva.environment,
    at: stamp(run.clock, run.clock.now()),
    language,
    outcomes,
    statusColumns,
    localStamp: (epochMs) => stamp(run.clock, epochMs),
  });
  for (const { row } of clears) addStatus(plan, row, '', statusColumns[row.sheet]);
  const changedOnly = withoutSame(plan, before);
  if (changedOnly.sheets.every((sheet) => sheet.statuses.length === 0)) return result;
  const applied = await workbook.apply(changedOnly);
  return { ...result, written: applied.ok };
}

/** Every item of the requests with its guard key, content hash and kept content, as the server computes them. */
async function keyItems(requests: readonly PreparedRequest[], period: string): Promise<Keyed[]> {
  const items = toKivaItems(requests);
  const hash = (value: unknown) => sha256Hex(canonicalJson(value));
  const keyed: Keyed[] = [];
  for (const draft of items.loanDrafts) {
    const contentHash = await hash(draft.body);
    const summary = summariseLoanDraft(draft.body);
    keyed.push({ key: loanDraftKey(draft.body, contentHash), hash: contentHash, summary, rows: draft.rows });
  }
  for (const item of items.repayments) {
    const contentHash = await hash(item.repayment);
    const summary = summariseRepayment(item.repayment);
    keyed.push({ key: repaymentKey(item.repayment, period), hash: contentHash, summary, rows: [item.row] });
  }
  for (const item of items.journals) {
    const contentHash = await hash(item.journal);
    const summary = summariseJournal(item.journal);
    keyed.push({ key: journalKey(item.journal, contentHash), hash: contentHash, summary, rows: [item.row] });
  }
  return keyed;
}

/** The snapshot as read, with Uncertain and Changed statuses read as empty, so those rows are keyed too. */
function freeing(workbook: WorkbookPort, snapshot: WorkbookSnapshot): WorkbookPort {
  const targets = new Set(snapshot.targets ?? snapshot.sheets.map((grid) => grid.sheet));
  const sheets = snapshot.sheets.map((grid) => {
    if (!targets.has(grid.sheet)) return grid;
    const status = mapHeaders(grid, snapshot.mappings[grid.sheet]).statusColumn.index;
    if (status === undefined) return grid;
    const values = grid.values.map((row, index) => {
      if (index === 0) return row;
      const kind = parseStatus(row[status]).kind;
      if (kind !== 'uncertain' && kind !== 'changed') return row;
      const copy = [...row];
      copy[status] = null;
      return copy;
    });
    return { ...grid, values };
  });
  const freed = { ...snapshot, sheets };
  return {
    read: () => Promise.resolve({ ok: true, value: freed }),
    loadPhotos: (names) => workbook.loadPhotos(names),
    ...(workbook.loadLoanPhotos !== undefined ? { loadLoanPhotos: workbook.loadLoanPhotos.bind(workbook) } : {}),
    apply: (plan) => workbook.apply(plan),
    writeSheet: (table, mode) => workbook.writeSheet(table, mode),
    saveMapping: (sheet, override) => workbook.saveMapping(sheet, override),
  };
}

/** Each target row's status text as it is in the workbook, by sheet and row number. */
function statusTexts(
  grids: readonly CellGrid[],
  mappings: WorkbookSnapshot['mappings'],
  targets: readonly string[] | undefined,
): Map<string, Map<number, string>> {
  const wanted = targets === undefined ? undefined : new Set(targets);
  const texts = new Map<string, Map<number, string>>();
  for (const grid of grids) {
    if (wanted !== undefined && !wanted.has(grid.sheet)) continue;
    const index = mapHeaders(grid, mappings[grid.sheet]).statusColumn.index;
    const rows = new Map<number, string>();
    if (index !== undefined) {
      grid.values.forEach((cells, i) => {
        if (i === 0) return;
        const cell = cells[index];
        rows.set(grid.rowNumbers?.[i] ?? i + 1, typeof cell === 'string' ? cell : '');
      });
    }
    texts.set(grid.sheet, rows);
  }
  return texts;
}

function addStatus(plan: WriteBackPlan, row: RowRef, text: string, column: StatusColumn | undefined): void {
  let part = plan.sheets.find((sheet) => sheet.sheet === row.sheet);
  if (part === undefined) {
    part = { sheet: row.sheet, statuses: [], marks: [], clear: [] };
    if (column !== undefined) part.statusColumn = { ...column, header: '', create: false };
    plan.sheets.push(part);
  }
  part.statuses.push({ row: row.row, text, fill: null, border: null });
}

/** Statuses that would write what the cell already says are left out: a second look writes nothing. */
function withoutSame(plan: WriteBackPlan, before: Map<string, Map<number, string>>): WriteBackPlan {
  return {
    ...plan,
    sheets: plan.sheets.map((part) => ({
      ...part,
      statuses: part.statuses.filter(
        (status) => parseStatus(status.text).text !== parseStatus(before.get(part.sheet)?.get(status.row) ?? '').text,
      ),
    })),
  };
}

function stamp(clock: Clock, epochMs: number): string {
  return formatStamp(epochMs, clock.utcOffsetMinutes(epochMs));
}
