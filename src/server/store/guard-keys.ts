import { hash } from 'node:crypto';
import type { GuardKeys } from '../../app/ledger';
import { canonicalJson, journalKey, loanDraftKey, repaymentKey } from '../../app/guard-keys';

/**
 * The keys themselves and the canonical JSON are pure (src/app/guard-keys.ts), so the pane computes the very same
 * keys for its lookup; the server and the CLI hash with node:crypto here.
 */
export { journalKey, loanDraftKey, repaymentKey } from '../../app/guard-keys';

/** SHA-256 of the content in a canonical JSON form (sorted keys), so key order in the request does not matter. */
export function contentHash(value: unknown): string {
  // One-shot `hash`, not a Hash object a row: the same digest (older ledgers hold these), a fifth less time a row.
  return hash('sha256', canonicalJson(value), 'hex');
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
