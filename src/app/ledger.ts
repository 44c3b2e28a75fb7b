/**
 * The delivery ledger: the record of what was sent to Kiva, shared by the command line and the server, and the
 * duplicate guard built on it. Write-ahead: an item is reserved before its request leaves and settled when Kiva's
 * answer arrives; a run that dies leaves reservations, which the next run (CLI or server) turns into Uncertain.
 *
 * The adapter (SQLite, beside the server's store) does the storing and the hashing; this file is only the shape.
 */
import type { ContentChange, JournalUpdate, KivaLogRecord, LoanDraft, Repayment, RowOutcome, RowRef } from '../kiva';

export type LedgerEndpoint = 'loan-drafts' | 'repayments' | 'journals';

/**
 * A few fields of what was sent, kept so a later run can say what changed ("amount 20 → 2 500"). Never photos,
 * never anything secret: only what the coordinator typed in the row.
 */
export type ContentSummary = Readonly<Record<string, string | number>>;

/** One unit the guard knows: a loan draft, a repayment of a loan for a period, a journal of a loan. */
export interface LedgerItem {
  /** What makes two sends the same (`repayment:2026-11:L-7`): see src/server/store/guard-keys.ts. */
  guardKey: string;
  /** SHA-256 of the content in canonical form: the same key with another hash is a changed row. */
  contentHash: string;
  rows: readonly RowRef[];
  summary?: ContentSummary;
}

export interface LedgerSubmit {
  /** Epoch milliseconds. */
  time: number;
  /** Display name (UPN / e-mail, or the local account). */
  user: string;
  /** Stable id: Entra object id, or `local:<account>`. */
  userId?: string;
  environment: string;
  endpoint: LedgerEndpoint;
  /** The user chose to send again what the guard holds back (Resend): logged as such. */
  forced: boolean;
  /** Production: the user's confirmation this submit is part of (the rows it confirmed, across its submits). */
  confirmation?: { id: string; rows: number };
  /**
   * The caller awaits `leaving` before each request of this submit leaves. Only then can a reservation of a run
   * that died be told apart as never sent (released, sent by the next run); without it, it becomes Uncertain.
   */
  marksLeaving?: boolean;
}

/**
 * Why an item is held back: `sent` / `warned` Kiva accepted it (with warnings), `uncertain` it may have reached Kiva
 * (check PA2), `sending` a run is sending it right now (this one or another: see `otherRun`).
 */
export type HeldState = 'sent' | 'warned' | 'uncertain' | 'sending';

/** The earlier send that holds an item back, or that a lookup found. */
export interface PreviousSend {
  submitId: number;
  /** ISO 8601 (UTC): the face shows it in the user's local time and language, never raw. */
  sentAt: string;
  sentBy: string;
  sentById?: string;
  state: HeldState;
  /** `sending` by a run other than the caller's (another CLI run, the server). */
  otherRun: boolean;
  /** Kiva's reference (draft uuid, upload id, confirm link) when it accepted it. */
  reference?: string;
  contentHash: string;
  summary?: ContentSummary;
  /** Kiva's warnings or the reason it is uncertain, as recorded. */
  message?: string;
}

export type Admission =
  { admitted: true; itemId: number } | { admitted: false; itemId: number; previous: PreviousSend };

export interface Settlement {
  itemId: number;
  outcomes: readonly RowOutcome[];
  httpStatus?: number;
}

export interface LedgerEntry extends PreviousSend {
  guardKey: string;
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

export interface Ledger {
  /**
   * Records the submit and reserves every item not already held (sent, warned, uncertain, being sent), in one
   * durable write transaction: of two runs carrying the same loan, whichever commits first reserves it and the
   * other is told. `forced` passes sent, warned and uncertain items, never one being sent. Throws
   * ConfirmationExceeded (recording nothing) when `submit.confirmation` does not cover this submit's rows.
   */
  reserve(submit: LedgerSubmit, items: readonly LedgerItem[]): Promise<{ submitId: number; admissions: Admission[] }>;
  /**
   * Marks the submit's request as leaving: awaited just before the request is handed to Kiva. One small commit that
   * is not synced (it sits in the OS's cache: it survives the process being killed, not a power cut or an OS crash,
   * and recovery tells the two apart by the machine's boot). A reservation of a dead run that is not marked, made
   * in this boot of this machine, never left: recovery releases it instead of turning it Uncertain.
   */
  leaving(submitId: number): Promise<void>;
  /** Records what Kiva answered for some items, and the HTTP attempts behind it; `last` closes the submit too. */
  settle(
    submitId: number,
    settlements: readonly Settlement[],
    calls: readonly KivaLogRecord[],
    last: boolean,
  ): Promise<void>;
  /** The latest send holding each guard key (sent, warned, uncertain or being sent), in one query. */
  lookup(environment: string, guardKeys: readonly string[]): Promise<ReadonlyMap<string, LedgerEntry>>;
  /**
   * Reservations of runs that are no longer alive become uncertain (or are released when they provably never left:
   * see `leaving`); returns how many.
   */
  recoverDeadRuns(): Promise<number>;
  close(): void;
}

/** An item's key and hash: what the ledger needs. */
export interface KeyedContent {
  guardKey: string;
  contentHash: string;
}

/**
 * How items get their guard key and content hash; injected, since hashing takes Node's crypto (or the browser's)
 * and src/app imports neither. The CLI and the server pass src/server/store/guard-keys.ts.
 */
export interface GuardKeys {
  loanDraft(draft: LoanDraft): KeyedContent;
  /** `period`: the report period `YYYY-MM` the repayment belongs to. */
  repayment(repayment: Repayment, period: string): KeyedContent;
  journal(journal: JournalUpdate): KeyedContent;
}

/** What a coordinator recognises of a row, to say what changed since it was sent. */
export function summariseLoanDraft(draft: LoanDraft): ContentSummary {
  const summary: Record<string, string | number> = {};
  const amounts = (draft.entreps ?? []).map((entrep) => entrep.amount).filter((a): a is number => a !== undefined);
  if (amounts.length > 0) summary.amount = amounts.reduce((sum, a) => sum + a, 0);
  if (draft.disburse_time !== undefined) summary.disbursal = draft.disburse_time;
  const names = (draft.entreps ?? [])
    .map((entrep) => [entrep.first_name, entrep.last_name].filter(Boolean).join(' '))
    .filter((name) => name !== '');
  if (names.length > 0) summary.borrowers = names.join(', ');
  return summary;
}

export function summariseRepayment(repayment: Repayment): ContentSummary {
  return { amount: repayment.amount };
}

export function summariseJournal(journal: JournalUpdate): ContentSummary {
  return journal.subject !== undefined ? { subject: journal.subject } : {};
}

/** What changed is said with src/kiva's ContentChange, the type the server's answers and the pane's statuses use. */
export type { ContentChange };

/** The fields whose value differs between what was sent and what the sheet says now. */
export function changesBetween(sent: ContentSummary | undefined, now: ContentSummary): ContentChange[] {
  if (sent === undefined) return [];
  const changes: ContentChange[] = [];
  for (const field of Object.keys({ ...sent, ...now })) {
    const was = sent[field];
    const is = now[field];
    if (was !== undefined && is !== undefined && String(was) !== String(is)) changes.push({ field, was, now: is });
  }
  return changes;
}
