/** What the sheet asks Kiva to do: bodies ready to send, each with the rows it came from. */
import type { JournalUpdate, LoanDraft, Repayment, RepaymentsBody, RowRef } from '../kiva/models';

export type Endpoint = 'loan_draft' | 'repayments' | 'journals';

export type JournalsBody = JournalUpdate[] | { journals: JournalUpdate[] };

export type PreparedRequest =
  | { endpoint: 'loan_draft'; body: LoanDraft; rows: RowRef[] }
  | { endpoint: 'repayments'; body: RepaymentsBody; rows: RowRef[] }
  | { endpoint: 'journals'; body: JournalsBody; rows: RowRef[] };

/** Consecutive slices of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** The same content as the item lists src/kiva's client takes (`LoanDraftItem`, `RepaymentItem`, `JournalItem`). */
export interface KivaItems {
  loanDrafts: { body: LoanDraft; rows: RowRef[] }[];
  repayments: { repayment: Repayment; row: RowRef }[];
  journals: { journal: JournalUpdate; row: RowRef }[];
}

/** Flattens prepared requests back into per-row items, for a client that cuts its own batches. */
export function toKivaItems(requests: readonly PreparedRequest[]): KivaItems {
  const items: KivaItems = { loanDrafts: [], repayments: [], journals: [] };
  for (const request of requests) {
    if (request.endpoint === 'loan_draft') {
      items.loanDrafts.push({ body: request.body, rows: request.rows });
    } else if (request.endpoint === 'repayments') {
      request.body.repayments.forEach((repayment, k) => {
        const row = request.rows[k];
        if (row !== undefined) items.repayments.push({ repayment, row });
      });
    } else {
      const journals = Array.isArray(request.body) ? request.body : request.body.journals;
      journals.forEach((journal, k) => {
        const row = request.rows[k];
        if (row !== undefined) items.journals.push({ journal, row });
      });
    }
  }
  return items;
}
