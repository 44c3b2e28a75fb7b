/**
 * What the user still has to do in PA2 after a send, from what Kiva accepted: a repayment upload is only a draft
 * of the month's report until someone finalises it, a loan draft waits for review and publishing, a journal update
 * for its confirm link to be opened. Every face (pane, command line) ends its summary with these.
 */
import { outcomeTone, type RowOutcome, type RowRef } from '../kiva';

export type NextStep =
  /** `uploadIds`: Kiva's upload ids, in the order they came; PA2 lists the uploads by them. */
  | { kind: 'finalise-repayments'; uploadIds: string[]; rows: number }
  | { kind: 'publish-drafts'; drafts: number; rows: number }
  | { kind: 'confirm-journals'; links: { row: RowRef; url: string }[] };

export function nextSteps(outcomes: readonly RowOutcome[]): NextStep[] {
  const uploadIds = new Set<string>();
  let repaymentRows = 0;
  const drafts = new Set<string>();
  let draftRows = 0;
  const links: { row: RowRef; url: string }[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind !== 'sent') continue;
    const reference = outcome.reference;
    if (reference?.uploadId !== undefined) {
      repaymentRows++;
      for (const id of reference.uploadId.split(',')) if (id.trim() !== '') uploadIds.add(id.trim());
    } else if (reference?.loanDraftUuid !== undefined) {
      draftRows++;
      drafts.add(reference.loanDraftUuid);
    } else if (reference?.confirmUrl !== undefined && /^https?:\/\//i.test(reference.confirmUrl)) {
      links.push({ row: outcome.row, url: reference.confirmUrl });
    }
  }
  const steps: NextStep[] = [];
  if (repaymentRows > 0) steps.push({ kind: 'finalise-repayments', uploadIds: [...uploadIds], rows: repaymentRows });
  if (draftRows > 0) steps.push({ kind: 'publish-drafts', drafts: drafts.size, rows: draftRows });
  if (links.length > 0) steps.push({ kind: 'confirm-journals', links });
  return steps;
}

/** Rows Kiva accepted with warnings, with the warnings in Kiva's words and codes. */
export function warnedRows(outcomes: readonly RowOutcome[]): Extract<RowOutcome, { kind: 'sent' }>[] {
  return outcomes.filter(
    (outcome): outcome is Extract<RowOutcome, { kind: 'sent' }> => outcomeTone(outcome) === 'warned',
  );
}
