/**
 * Kiva Partner API models (see ../shared/kiva-api.md). Field names are Kiva's wire names (snake_case).
 * This file is the contract between src/kiva, src/sheet, src/app and the emulator: change it with care.
 */

export type Scope = 'read:loans' | 'create:loan_draft' | 'create:journal_update' | 'create:repayment';

export type Gender = 'male' | 'female';

export interface Entrep {
  amount?: number;
  client_id?: string;
  loan_id?: string;
  first_name?: string;
  last_name?: string;
  gender?: string;
}

export interface ScheduleItem {
  date: string; // YYYY-MM-DD
  principal: number;
  interest: number;
}

/** Body of POST /v3/partner/{id}/loan_draft. Every field is optional: empty fields are omitted, never 0/null/"". */
export interface LoanDraft {
  activity_id?: number;
  theme_type_id?: number;
  location?: string;
  description_language_id?: number;
  currency?: string;
  description?: string;
  loanuse?: string;
  disburse_time?: string; // YYYY-MM-DD
  client_waiver_signed?: boolean;
  entreps?: Entrep[];
  schedule?: ScheduleItem[];
  image_encoded?: string; // data:image/jpeg;base64,…
  // Group loans only: individual loans must not carry these.
  group_name?: string;
  internal_loan_id?: string;
  internal_client_id?: string;
  not_pictured?: boolean[];
}

export interface Repayment {
  loan_id: string;
  amount: number;
  client_id?: string; // three-column partners only
}

export interface RepaymentsBody {
  repayments: Repayment[];
}

export interface JournalUpdate {
  subject?: string;
  body: string;
  image_url?: string;
  internal_loan_id: string;
  internal_client_id?: string; // three-column partners only
}

export interface Activity {
  activity_id: number;
  activity: string;
}
export interface Locale {
  currency: string;
  language_code: string;
  language_name: string;
  language_id: number;
}
export interface Theme {
  theme_type_id: number;
  theme_type: string;
}
export interface Location {
  country: string;
  location: string;
  full_name: string;
}

/** The four config lists, normalised to snake_case whatever Kiva answered. */
export interface ConfigLists {
  activities: Activity[];
  locales: Locale[];
  themes: Theme[];
  locations: Location[];
  /** `as_of_date_time` per list, as Kiva sent it (absent when Kiva did not say). */
  asOf?: Partial<Record<'activities' | 'locales' | 'themes' | 'locations', string>>;
}

/**
 * Loan statuses GET /loans takes: the union of Kiva's docs, its 2025 sample and its library (kiva-api.md). The list
 * the CLI and the server check user input against.
 */
export const LOAN_STATUSES = [
  'payingBack',
  'defaulted',
  'fundRaising',
  'raised',
  'ended',
  'expired',
  'inactive',
  'inactive_expired',
  'refunded',
  'reviewed',
  'issue',
  'issue_revising',
  'issue_approving',
  'deleted',
] as const;

export type LoanStatus = (typeof LOAN_STATUSES)[number];

/** One loan from GET /loans, normalised to snake_case; unknown fields kept in `raw`. */
export interface PartnerLoan {
  kiva_id?: number | string;
  internal_loan_id?: string;
  internal_client_id?: string;
  name?: string;
  location?: string;
  status?: string;
  loan_price?: number;
  loan_currency?: string;
  borrower_count?: number;
  raw: Record<string, unknown>;
}

/**
 * A loan as the portfolio check reads it from GET /loans: its two ids and its status, nothing else. A run keeps
 * 150,000 of these, not Kiva's whole answer (`raw`) for each. src/kiva's PartnerLoan fits it too.
 */
export interface ListedLoan {
  internal_loan_id?: string | undefined;
  internal_client_id?: string | undefined;
  status?: string | undefined;
}

/**
 * Where a request's content came from: the sheet rows (1-based Excel row numbers) it was built from.
 * Every outcome is keyed by these so the adapters can write a status on exactly those rows.
 */
export interface RowRef {
  sheet: string;
  row: number;
  /** The key Kiva uses for this row inside the request (loan_id for repayments), to match per-loan `problems`. */
  key?: string;
}

export type RowOutcome =
  /** `earlier`: not sent now, because the delivery ledger knows this very content as accepted by Kiva already. */
  | { kind: 'sent'; row: RowRef; reference?: KivaReference; earlier?: EarlierSend }
  | { kind: 'rejected'; row: RowRef; status?: number; code?: string; message: string; severity?: 'error' | 'warning' }
  /** `status`: the HTTP status of an answer that came but was not a clear Kiva answer (a 200 HTML page, a 502). */
  | {
      kind: 'uncertain';
      row: RowRef;
      reason: UncertainReason;
      detail?: string;
      status?: number;
      /** `earlier-uncertain`: held back, an earlier send of this row has no sure answer. */
      earlier?: EarlierSend;
    }
  /**
   * `code` `ledger.changed`: held back, Kiva holds an earlier, different content for the same loan and period
   * (`earlier` says when and who, `changes` what differs); `ledger.in-flight`: another request is sending it now.
   */
  | {
      kind: 'failed';
      row: RowRef;
      code: string;
      message: string;
      params?: Record<string, string | number>;
      earlier?: EarlierSend;
      changes?: ContentChange[];
    }
  | { kind: 'cancelled'; row: RowRef };

/** The earlier send the delivery ledger remembers for a row held back: data the faces word (never a sentence). */
export interface EarlierSend {
  /** ISO 8601 instant; the faces show it in the user's local time. */
  sentAt: string;
  /** Display name of who sent it. */
  sentBy: string;
  environment: string;
  /** What the ledger recorded: accepted (with or without warnings), uncertain, or being sent right now. */
  outcome: 'accepted' | 'uncertain' | 'sending';
  /** Kiva's reference for it (draft uuid, upload id, confirm link), when Kiva gave one. */
  reference?: string;
}

/** One field that differs between what Kiva holds and what the row says now (`was`/`now` absent: too long to say). */
export interface ContentChange {
  field: string;
  was?: string | number;
  now?: string | number;
}

/** Kiva's reference for something it accepted: show it to the user and keep it in the log. */
export interface KivaReference {
  loanDraftUuid?: string;
  uploadId?: string;
  confirmUrl?: string;
  message?: string;
  /** Per-loan warnings Kiva attached to an accepted row, in Kiva's words (the log keeps them as they came). */
  warnings?: string[];
  /**
   * Kiva's code for each of `warnings`, at the same index (`''` when Kiva gave none): the faces translate the codes
   * they know and quote Kiva's words for the others.
   */
  warningCodes?: string[];
}

/**
 * Why the answer to a request that was sent is unknown (it may have been applied). `not-kiva`: a 2xx that is not
 * Kiva's answer (an HTML login portal, a proxy page, JSON without the call's reference or with a failure code).
 * `unplaced-problem`: Kiva answered, but reported an error for a loan id matching none of the rows sent, so which
 * row failed is unknown.
 */
export type UncertainReason =
  'timeout' | 'connection-lost' | 'server-error' | 'not-kiva' | 'unplaced-problem' | 'earlier-uncertain';
