import type { JournalUpdate, KivaClient, LoanDraft, Repayment, RowOutcome, RowRef } from '../../kiva';
import { previousPeriod } from '../../app/guard-keys';
import { summariseJournal, summariseLoanDraft, summariseRepayment, type ContentSummary } from '../../app/ledger';
import type { SubmitEndpoint } from '../store/audit';
import { calendarMonth, journalKey, loanDraftKey, repaymentKey } from '../store/guard-keys';

/** What a guard key may depend on besides the item: when the submit came, and the report period it names. */
export interface GuardContext {
  time: number;
  /** `YYYY-MM` the body's `period` named (repayments); absent: the month before `time`. */
  period?: string;
}

/** How one kind of submit maps onto the guard and onto Kiva requests. */
export interface SendPlan<Item> {
  endpoint: SubmitEndpoint;
  rowsOf(item: Item): readonly RowRef[];
  /** The content the guard hashes (never the row references: the same loan from another workbook is the same). */
  contentOf(item: Item): unknown;
  /** A few fields a coordinator recognises, kept so a changed row can be told what changed (src/app/ledger.ts). */
  summaryOf(item: Item): ContentSummary;
  guardKey(item: Item, hash: string, context: GuardContext): string;
  /** How many items travel in one Kiva request. */
  batchSize(settings: KivaClient['settings']): number;
  send(client: KivaClient, items: Item[]): Promise<RowOutcome[]>;
}

export interface LoanDraftEntry {
  body: LoanDraft;
  rows: RowRef[];
}
export interface RepaymentEntry {
  repayment: Repayment;
  row: RowRef;
}
export interface JournalEntry {
  journal: JournalUpdate;
  row: RowRef;
}

export const loanDraftPlan: SendPlan<LoanDraftEntry> = {
  endpoint: 'loan-drafts',
  rowsOf: (item) => item.rows,
  contentOf: (item) => item.body,
  summaryOf: (item) => summariseLoanDraft(item.body),
  guardKey: (item, hash) => loanDraftKey(item.body, hash),
  // Kiva's endpoint takes one draft per request.
  batchSize: () => 1,
  send: (client, items) => client.createLoanDrafts(items),
};

/**
 * A repayment is keyed by loan and the report period: the body's `period`, or by default the month before the send
 * in the partner's time zone (a November report goes out in early December).
 */
export function repaymentPlan(timeZone: string): SendPlan<RepaymentEntry> {
  return {
    endpoint: 'repayments',
    rowsOf: (item) => [item.row],
    contentOf: (item) => item.repayment,
    summaryOf: (item) => summariseRepayment(item.repayment),
    guardKey: (item, _hash, context) => repaymentKey(item.repayment, reportPeriod(context, timeZone)),
    batchSize: (settings) => settings.repaymentChunkSize,
    send: (client, items) => client.sendRepayments(items),
  };
}

export const journalPlan: SendPlan<JournalEntry> = {
  endpoint: 'journals',
  rowsOf: (item) => [item.row],
  contentOf: (item) => item.journal,
  summaryOf: (item) => summariseJournal(item.journal),
  guardKey: (item, hash) => journalKey(item.journal, hash),
  batchSize: (settings) => settings.journals.batchSize,
  send: (client, items) => client.sendJournals(items),
};

export function reportPeriod(context: GuardContext, timeZone: string): string {
  return context.period ?? previousPeriod(calendarMonth(context.time, timeZone));
}
