import { createHash } from 'node:crypto';
import type { GuardKeys } from '../../app/ledger';
import type { JournalUpdate, LoanDraft, Repayment } from '../../kiva';

/**
 * What makes two sends "the same" for the duplicate guard: the loan a draft creates, the loan and month a repayment
 * reports, the loan and text of a journal. Keys carry their kind so ids of different kinds never collide.
 */
export function loanDraftKey(draft: LoanDraft, contentHash: string): string {
  // Group loans are known by the group's loan id; individual loans by their one borrower's loan id.
  const id = nonBlank(draft.internal_loan_id) ?? nonBlank(draft.entreps?.[0]?.loan_id);
  return id !== undefined ? `loan-draft:${id}` : `loan-draft:content:${contentHash}`;
}

/** `period`: the report period `YYYY-MM` the coordinator is reporting (see reportPeriod), not the send date. */
export function repaymentKey(repayment: Repayment, period: string): string {
  return `repayment:${period}:${repayment.loan_id.trim()}`;
}

/** A loan gets many journals; only the same text for the same loan again is a duplicate. */
export function journalKey(journal: JournalUpdate, contentHash: string): string {
  return `journal:${journal.internal_loan_id.trim()}:${contentHash}`;
}

/** SHA-256 of the content in a canonical JSON form (sorted keys), so key order in the request does not matter. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The guard keys and hashes for the delivery ledger (src/app/ledger.ts), as the CLI and the server compute them. */
export const guardKeys: GuardKeys = {
  loanDraft: (draft) => {
    const hash = contentHash(draft);
    return { guardKey: loanDraftKey(draft, hash), contentHash: hash };
  },
  repayment: (repayment, period) => ({
    guardKey: repaymentKey(repayment, period),
    contentHash: contentHash(repayment),
  }),
  journal: (journal) => {
    const hash = contentHash(journal);
    return { guardKey: journalKey(journal, hash), contentHash: hash };
  },
};

/** `YYYY-MM` of `time` in the partner's time zone: a report sent on the 31st at 23:30 belongs to that month. */
export function calendarMonth(time: number, timeZone: string): string {
  const parts = monthFormat(timeZone).formatToParts(time);
  const year = parts.find((part) => part.type === 'year')?.value ?? '0000';
  const month = parts.find((part) => part.type === 'month')?.value ?? '00';
  return `${year}-${month}`;
}

// Building a DateTimeFormat costs far more than using one, and a server sees few time zones.
const monthFormats = new Map<string, Intl.DateTimeFormat>();

function monthFormat(timeZone: string): Intl.DateTimeFormat {
  let format = monthFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormats.set(timeZone, format);
  }
  return format;
}

function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
