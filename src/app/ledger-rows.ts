/**
 * The delivery ledger seen from the sheet: which rows of a conversion the ledger already knows (sent, changed since
 * sent, uncertain, being sent by another run), the requests left to send, and the statuses that say so — in the
 * user's language, with local times, never raw timestamps nor account names like `root`.
 */
import type { JournalUpdate, LoanDraft, OutcomeTone, Repayment, RowRef } from '../kiva';
import {
  CATALOGUES,
  describeChanges,
  describeRows,
  formatStamp,
  formatStatus,
  LOG_SHEET,
  statusLook,
  type Conversion,
  type MessageLanguage,
  type PreparedRequest,
  type SheetWriteBack,
  type WriteBackPlan,
} from '../sheet';
import {
  changesBetween,
  summariseJournal,
  summariseLoanDraft,
  summariseRepayment,
  type ContentChange,
  type GuardKeys,
  type Ledger,
  type LedgerEndpoint,
  type LedgerEntry,
  type LedgerItem,
  type PreviousSend,
} from './ledger';
import type { Notice } from './messages';
import type { Clock } from './ports';

/** What a face gives the use cases so they keep the ledger: the ledger, the keys, who sends, for which period. */
export interface DeliveryLedger {
  ledger: Ledger;
  keys: GuardKeys;
  /** Display name of the sender, and a stable id. */
  user: string;
  userId?: string;
  /** The repayment report period `YYYY-MM` (the guard key of repayments). */
  period: string;
  /** Requests in flight at once (the Kiva client's concurrency). */
  concurrency: number;
}

/** One item of a request, with what the ledger needs and what the Kiva port takes. */
export type KeyedItem = LedgerItem &
  (
    | { endpoint: 'loan-drafts'; kiva: { body: LoanDraft; rows: RowRef[] } }
    | { endpoint: 'repayments'; kiva: { repayment: Repayment; row: RowRef } }
    | { endpoint: 'journals'; kiva: { journal: JournalUpdate; row: RowRef } }
  );

export function endpointOf(request: PreparedRequest): LedgerEndpoint {
  return request.endpoint === 'loan_draft' ? 'loan-drafts' : request.endpoint;
}

/**
 * The items of requests already keyed, for the keys and period they were keyed with: a send keys each request to
 * reconcile it and again to reserve it, and hashing 100,000 rows twice is a cost the user waits for.
 */
const keyedCache = new WeakMap<PreparedRequest, { keys: GuardKeys; period: string; items: KeyedItem[] }>();

/** A request's items, each with its guard key, content hash and summary. */
export function keyedItems(request: PreparedRequest, access: Pick<DeliveryLedger, 'keys' | 'period'>): KeyedItem[] {
  const known = keyedCache.get(request);
  if (known !== undefined && known.keys === access.keys && known.period === access.period) return known.items;
  const items = keyItems(request, access);
  keyedCache.set(request, { keys: access.keys, period: access.period, items });
  return items;
}

function keyItems(request: PreparedRequest, access: Pick<DeliveryLedger, 'keys' | 'period'>): KeyedItem[] {
  const { keys } = access;
  if (request.endpoint === 'loan_draft') {
    const body = request.body;
    return [
      {
        ...keys.loanDraft(body),
        rows: request.rows,
        summary: summariseLoanDraft(body),
        endpoint: 'loan-drafts',
        kiva: { body, rows: request.rows },
      },
    ];
  }
  if (request.endpoint === 'repayments') {
    // A loop and a literal, not flatMap and a spread: a send keys every one of its 100,000 repayments.
    const items: KeyedItem[] = [];
    const { repayments } = request.body;
    for (let k = 0; k < repayments.length; k++) {
      const repayment = repayments[k] as Repayment;
      const row = request.rows[k];
      if (row === undefined) continue;
      const { guardKey, contentHash } = keys.repayment(repayment, access.period);
      items.push({
        guardKey,
        contentHash,
        rows: [row],
        summary: summariseRepayment(repayment),
        endpoint: 'repayments',
        kiva: { repayment, row },
      });
    }
    return items;
  }
  const journals = Array.isArray(request.body) ? request.body : request.body.journals;
  return journals.flatMap((journal, k): KeyedItem[] => {
    const row = request.rows[k];
    if (row === undefined) return [];
    return [
      {
        ...keys.journal(journal),
        rows: [row],
        summary: summariseJournal(journal),
        endpoint: 'journals',
        kiva: { journal, row },
      },
    ];
  });
}

/** Rebuilds a request with only some of its items (rows the ledger holds back are left out). */
export function requestWith(request: PreparedRequest, keep: readonly KeyedItem[]): PreparedRequest | undefined {
  if (keep.length === 0) return undefined;
  const rows = keep.flatMap((item) => item.rows);
  if (request.endpoint === 'loan_draft') return request;
  if (request.endpoint === 'repayments') {
    const repayments = keep.flatMap((item) => (item.endpoint === 'repayments' ? [item.kiva.repayment] : []));
    return { ...request, body: { ...request.body, repayments }, rows };
  }
  const journals = keep.flatMap((item) => (item.endpoint === 'journals' ? [item.kiva.journal] : []));
  const body = Array.isArray(request.body) ? journals : { ...request.body, journals };
  return { ...request, body, rows };
}

/** What the ledger says about rows of this run. */
export type LedgerFinding =
  | { kind: 'sent'; rows: readonly RowRef[]; previous: PreviousSend }
  | { kind: 'uncertain'; rows: readonly RowRef[]; previous: PreviousSend }
  | { kind: 'changed'; rows: readonly RowRef[]; previous: PreviousSend; changes: ContentChange[] }
  /** Another run (a CLI run, the server) is sending it right now: skipped, status left alone. */
  | { kind: 'busy'; rows: readonly RowRef[]; previous: PreviousSend };

/** How the ledger's knowledge of an item reads for this run; undefined: nothing holds it back. */
export function findingFor(
  item: LedgerItem,
  previous: PreviousSend | undefined,
  resend: boolean,
): LedgerFinding | undefined {
  if (previous === undefined) return undefined;
  const rows = item.rows;
  if (previous.state === 'sending') return { kind: 'busy', rows, previous };
  // Resend: the user chose to send again what the ledger holds (logged as a forced submit).
  if (resend) return undefined;
  if (previous.state === 'uncertain') return { kind: 'uncertain', rows, previous };
  if (previous.contentHash !== item.contentHash) {
    return { kind: 'changed', rows, previous, changes: changesBetween(previous.summary, item.summary ?? {}) };
  }
  return { kind: 'sent', rows, previous };
}

export interface Reconciled {
  conversion: Conversion;
  findings: LedgerFinding[];
}

/**
 * Takes out of the conversion's requests every item the ledger already knows, one ledger query per sheet, and
 * says why each was taken out. With `resend`, sent, changed and uncertain items stay in (the ledger then records a
 * forced send); items another run is sending never do.
 */
export async function reconcileWithLedger(
  conversion: Conversion,
  access: DeliveryLedger,
  environment: string,
  resend: boolean,
): Promise<Reconciled> {
  const findings: LedgerFinding[] = [];
  const sheets = [];
  for (const sheet of conversion.sheets) {
    if (sheet.role !== 'target' || sheet.requests.length === 0) {
      sheets.push(sheet);
      continue;
    }
    const keyed = sheet.requests.map((request) => keyedItems(request, access));
    const known = await access.ledger.lookup(
      environment,
      keyed.flatMap((items) => items.map((item) => item.guardKey)),
    );
    const requests: PreparedRequest[] = [];
    sheet.requests.forEach((request, k) => {
      const keep: KeyedItem[] = [];
      for (const item of keyed[k] ?? []) {
        const finding = findingFor(item, known.get(item.guardKey), resend);
        if (finding === undefined) keep.push(item);
        else findings.push(finding);
      }
      const rebuilt = keep.length === (keyed[k] ?? []).length ? request : requestWith(request, keep);
      if (rebuilt !== undefined) requests.push(rebuilt);
    });
    sheets.push({ ...sheet, requests });
  }
  return {
    conversion: { ...conversion, sheets, requests: sheets.flatMap((s) => (s.role === 'target' ? s.requests : [])) },
    findings,
  };
}

/**
 * validate and preview: what a send would find in the ledger, by lookup only (nothing reserved), with one notice per
 * kind of finding after the run's own. Without a ledger, the conversion as it is.
 */
export async function checkWithLedger(
  prepared: { conversion: Conversion; notices: readonly Notice[] },
  access: DeliveryLedger | undefined,
  environment: string,
  resend: boolean,
): Promise<Reconciled & { notices: Notice[] }> {
  if (access === undefined) return { conversion: prepared.conversion, findings: [], notices: [...prepared.notices] };
  const reconciled = await reconcileWithLedger(prepared.conversion, access, environment, resend);
  return {
    ...reconciled,
    notices: [...prepared.notices, ...ledgerNotices(reconciled.findings, environment, 'check')],
  };
}

/**
 * One notice per kind of finding. `send`: what this send did with them (not sent again, status now Sent…);
 * `check` (validate, preview): what a send would do, nothing being sent or reserved.
 */
export function ledgerNotices(
  findings: readonly LedgerFinding[],
  environment: string,
  mode: 'send' | 'check',
): Notice[] {
  // The rows of each kind in one pass over the findings (a re-sent copy has one finding a row).
  const rowsOf: Record<LedgerFinding['kind'], RowRef[]> = { sent: [], changed: [], uncertain: [], busy: [] };
  for (const finding of findings) {
    const into = rowsOf[finding.kind];
    for (const row of finding.rows) into.push(row);
  }
  const list: Notice[] = [];
  for (const kind of ['sent', 'changed', 'uncertain', 'busy'] as const) {
    const rows = rowsOf[kind];
    if (rows.length === 0) continue;
    const code = mode === 'send' ? (`ledger-${kind}` as const) : (`ledger-known-${kind}` as const);
    list.push({ code, params: { count: rows.length, rows: describeRows(rows), environment } });
  }
  return list;
}

/** How many rows of each kind the ledger knew (the `ledger` object of the CLI's --json summary). */
export function findingCounts(findings: readonly LedgerFinding[]): Record<LedgerFinding['kind'], number> {
  const counts = { sent: 0, changed: 0, uncertain: 0, busy: 0 };
  for (const finding of findings) counts[finding.kind] += finding.rows.length;
  return counts;
}

/** The status cell of a row the ledger knows; undefined for rows another run is sending (left alone). */
export function findingStatus(
  finding: LedgerFinding,
  environment: string,
  lang: MessageLanguage,
  clock: Clock,
): { text: string; tone: OutcomeTone } | undefined {
  const s = catalogue(lang).status;
  const words = s.ledgerRows;
  const { previous } = finding;
  const sentAt = Date.parse(previous.sentAt);
  const at = formatStamp(sentAt, clock.utcOffsetMinutes(sentAt));
  const user = displayUser(previous.sentBy, lang);
  switch (finding.kind) {
    case 'busy':
      return undefined;
    case 'sent': {
      const by = isNameless(previous.sentBy) ? words.sentEarlier : fill(words.sentEarlierBy, { user });
      const warned = previous.state === 'warned' && previous.message !== undefined;
      const head = formatStatus(
        {
          kind: 'sent',
          environment,
          at,
          ...(previous.reference !== undefined ? { reference: previous.reference } : {}),
          ...(warned ? { warnings: [previous.message ?? ''] } : {}),
        },
        lang,
      );
      return { text: `${head} · ${by}`, tone: warned ? 'warned' : 'sent' };
    }
    case 'uncertain': {
      const stopped = previous.message === STOPPED_MESSAGE;
      const reason = fill(stopped ? words.runStopped : words.uncertainEarlier, { at, user });
      return { text: formatStatus({ kind: 'uncertain', reason }, lang), tone: 'uncertain' };
    }
    case 'changed': {
      const changes = finding.changes.length > 0 ? describeChanges(finding.changes, lang) : words.changedOther;
      const message = fill(words.changed, { at, user, changes });
      return { text: formatStatus({ kind: 'error', message }, lang), tone: 'rejected' };
    }
  }
}

/** What the SQLite adapter writes on a dead run's reservations (see ledger-sqlite.ts). */
export const STOPPED_MESSAGE = 'the run sending it stopped before Kiva answered';

/** The write-back of the ledger's findings, to merge with the run's own plan. */
export function findingsPlan(
  findings: readonly LedgerFinding[],
  conversion: Conversion,
  environment: string,
  clock: Clock,
): WriteBackPlan {
  const lang = conversion.settings.language;
  const bySheet = new Map<string, SheetWriteBack>();
  // Rows of one earlier request read alike (same time, sender, reference): worded once, not 10,000 times; and
  // consecutive findings mostly come from one request, so each is compared with the last before it is keyed.
  const worded = new Map<string, ReturnType<typeof findingStatus>>();
  let last: { finding: LedgerFinding; status: ReturnType<typeof findingStatus> } | undefined;
  for (const finding of findings) {
    let status: ReturnType<typeof findingStatus>;
    if (last !== undefined && finding.kind !== 'changed' && readsAlike(last.finding, finding)) status = last.status;
    else {
      const key = finding.kind === 'changed' ? undefined : wordingKey(finding);
      status = key === undefined ? undefined : worded.get(key);
      if (status === undefined) {
        status = findingStatus(finding, environment, lang, clock);
        if (key !== undefined) worded.set(key, status);
      }
      last = finding.kind === 'changed' ? undefined : { finding, status };
    }
    if (status === undefined) continue;
    const look = statusLook(status.tone);
    for (const row of finding.rows) {
      let plan = bySheet.get(row.sheet);
      if (plan === undefined) {
        plan = { sheet: row.sheet, statuses: [], marks: [], clear: [] };
        const column = conversion.sheets.find((s) => s.sheet === row.sheet)?.headers.statusColumn;
        if (column !== undefined)
          plan.statusColumn = { ...column, header: catalogue(lang).status.header, create: !column.exists };
        bySheet.set(row.sheet, plan);
      }
      plan.statuses.push({ row: row.row, text: status.text, fill: look.fill, border: look.border });
    }
  }
  return {
    textFormat: '@',
    sheets: [...bySheet.values()],
    log: { sheet: LOG_SHEET, headers: catalogue(lang).logHeaders, lines: [] },
  };
}

/** What a finding's status is worded from (a changed row's changes are its own: never shared). */
function wordingKey(finding: LedgerFinding): string {
  const { previous } = finding;
  return [
    finding.kind,
    previous.submitId,
    previous.state,
    previous.sentAt,
    previous.sentBy,
    previous.reference,
    previous.message,
  ].join('\u0000');
}

function readsAlike(a: LedgerFinding, b: LedgerFinding): boolean {
  const p = a.previous;
  const q = b.previous;
  return (
    a.kind === b.kind &&
    p.submitId === q.submitId &&
    p.state === q.state &&
    p.sentAt === q.sentAt &&
    p.sentBy === q.sentBy &&
    p.reference === q.reference &&
    p.message === q.message
  );
}

function catalogue(lang: MessageLanguage) {
  return CATALOGUES[lang] ?? CATALOGUES.en;
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

function isNameless(user: string): boolean {
  const name = user.trim().toLowerCase();
  return name === '' || name === 'root' || name === 'local:root' || name === 'administrator';
}

function displayUser(user: string, lang: MessageLanguage): string {
  return isNameless(user) ? catalogue(lang).status.ledgerRows.someone : user.replace(/^local:/, '');
}

export type { LedgerEntry };
