import type { PlannedRequest } from './batch';
import type { Caller } from './call';
import type { KivaReference, LoanDraft, RowRef } from './models';
import { answeredVerdict, wholeRequestVerdict } from './outcomes';
import { asString, isRecord, kivaMessage, snakeValue, type WireBody } from './wire';

export interface LoanDraftItem {
  body: LoanDraft;
  /** Every sheet row the draft was built from (borrowers, schedule lines): all of them get its outcome. */
  rows: readonly RowRef[];
}

/** One request per draft: Kiva's endpoint takes a single draft and answers with its uuid. */
export function planLoanDrafts(call: Caller, drafts: readonly LoanDraftItem[], signal?: AbortSignal): PlannedRequest[] {
  return drafts.map((draft) => ({
    rows: draft.rows,
    send: async () => {
      const result = await call({
        operation: 'loan-draft',
        method: 'POST',
        path: (partnerId) => `/v3/partner/${encodeURIComponent(partnerId)}/loan_draft`,
        body: draft.body,
        rows: draft.rows.length,
        ...(signal ? { signal } : {}),
        referenceOf: (body) => readLoanDraftAnswer(body).loanDraftUuid,
      });
      if (result.kind !== 'ok') return wholeRequestVerdict(result);
      const reference = readLoanDraftAnswer(result.body);
      return answeredVerdict(result.status, (row) => ({ kind: 'sent', row, reference }));
    },
  }));
}

/** `{code, message, loanDraftUuid}` in either casing; very old versions answered the bare text `Success`. */
export function readLoanDraftAnswer(body: WireBody): KivaReference {
  const value = snakeValue(body);
  const uuid = isRecord(value)
    ? (asString(value.loan_draft_uuid) ?? asString(value.uuid) ?? asString(value.loan_draft_id))
    : undefined;
  const message = kivaMessage(body).message;
  return { ...(uuid !== undefined ? { loanDraftUuid: uuid } : {}), ...(message !== undefined ? { message } : {}) };
}
