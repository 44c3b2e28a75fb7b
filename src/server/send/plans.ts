import type { JournalUpdate, KivaClient, LoanDraft, Repayment, RowOutcome, RowRef } from '../../kiva';
import type { SubmitEndpoint } from '../store/audit';
import { calendarMonth, journalKey, loanDraftKey, repaymentKey } from '../store/guard-keys';

/** How one kind of submit maps onto the guard and onto Kiva requests. */
export interface SendPlan<Item> {
  endpoint: SubmitEndpoint;
  rowsOf(item: Item): readonly RowRef[];
  /** The content the guard hashes (never the row references: the same loan from another workbook is the same). */
  contentOf(item: Item): unknown;
  guardKey(item: Item, hash: string, time: number): string;
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
  guardKey: (item, hash) => loanDraftKey(item.body, hash),
  // Kiva's endpoint takes one draft per request.
  batchSize: () => 1,
  send: (client, items) => client.createLoanDrafts(items),
};

export function repaymentPlan(timeZone: string): SendPlan<RepaymentEntry> {
  return {
    endpoint: 'repayments',
    rowsOf: (item) => [item.row],
    contentOf: (item) => item.repayment,
    guardKey: (item, _hash, time) => repaymentKey(item.repayment, calendarMonth(time, timeZone)),
    batchSize: (settings) => settings.repaymentChunkSize,
    send: (client, items) => client.sendRepayments(items),
  };
}

export const journalPlan: SendPlan<JournalEntry> = {
  endpoint: 'journals',
  rowsOf: (item) => [item.row],
  contentOf: (item) => item.journal,
  guardKey: (item, hash) => journalKey(item.journal, hash),
  batchSize: (settings) => settings.journals.batchSize,
  send: (client, items) => client.sendJournals(items),
};
