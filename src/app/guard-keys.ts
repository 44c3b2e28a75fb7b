/**
 * What makes two sends "the same" for the delivery ledger's duplicate guard, in one pure place: the server keys what
 * it reserves with these, and the pane computes the very same keys to ask the server which of its rows Kiva already
 * holds (POST /api/ledger/lookup). Hashing is the caller's: node:crypto on the server, WebCrypto in the pane; both
 * hash `canonicalJson(content)` with SHA-256 (`sha256Hex` below is the WebCrypto one).
 *
 * Keys carry their kind so ids of different kinds never collide:
 * - `loan-draft:<loan id>` (a group's internal_loan_id, else its one borrower's loan_id), `loan-draft:content:<hash>`;
 * - `repayment:<report period YYYY-MM>:<loan id>`: one report per loan and period, whatever day it is sent;
 * - `journal:<loan id>:<hash>`: a loan gets many journals, only the same text again is a duplicate.
 */
import type { JournalUpdate, LoanDraft, Repayment } from '../kiva';

export type GuardEndpoint = 'loan-drafts' | 'repayments' | 'journals';

export function loanDraftKey(draft: LoanDraft, contentHash: string): string {
  const id = nonBlank(draft.internal_loan_id) ?? nonBlank(draft.entreps?.[0]?.loan_id);
  return id !== undefined ? `loan-draft:${id}` : `loan-draft:content:${contentHash}`;
}

export function repaymentKey(repayment: Repayment, period: string): string {
  return `repayment:${period}:${repayment.loan_id.trim()}`;
}

export function journalKey(journal: JournalUpdate, contentHash: string): string {
  return `journal:${journal.internal_loan_id.trim()}:${contentHash}`;
}

/** JSON with sorted keys and `undefined` members dropped, so key order in a request never changes a hash. */
export function canonicalJson(value: unknown): string {
  // Loops, not entries/filter/sort/map/join: a send hashes every one of its 100,000 rows.
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let k = 0; k < value.length; k++) out += (k === 0 ? '' : ',') + canonicalJson(value[k]);
    return `${out}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    // A sheet's rows are built with their keys in one order, most often already sorted: sorted only when not.
    for (let k = 1; k < keys.length; k++) {
      if ((keys[k - 1] as string) > (keys[k] as string)) {
        keys.sort();
        break;
      }
    }
    let out = '{';
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      const item = record[key];
      if (item === undefined) continue;
      out += `${out.length === 1 ? '' : ','}${quotedKey(key)}:${canonicalJson(item)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// The few field names of Kiva's bodies, quoted once, not once a row (bounded: a key from a sheet is quoted each time).
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 256) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** SHA-256 of the text as lower-case hex, through WebCrypto (browsers, Office's web views, Node 20+). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// ── Report periods ─────────────────────────────────────────────────────────────────────────────────────────────

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `2026-11`: a month a repayment report can be for. */
export function isReportPeriod(value: unknown): value is string {
  return typeof value === 'string' && PERIOD.test(value) && value >= '2000-01';
}

/** The month before `YYYY-MM`. */
export function previousPeriod(period: string): string {
  const match = PERIOD.exec(period);
  if (match === null) return period;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** `YYYY-MM` of an instant at a UTC offset in minutes (the user's clock). */
export function periodAt(epochMs: number, utcOffsetMinutes: number): string {
  const local = new Date(epochMs + utcOffsetMinutes * 60_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * The period a report sent now is most likely for: the month before (a November report is sent in early December).
 * The coordinator sees it before sending and changes it for a late or an early report.
 */
export function defaultReportPeriod(epochMs: number, utcOffsetMinutes: number): string {
  return previousPeriod(periodAt(epochMs, utcOffsetMinutes));
}

function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
