import * as v from 'valibot';
import { isReportPeriod } from '../../app/guard-keys';
import { LOAN_STATUSES, type JournalUpdate, type LoanDraft, type Repayment, type RowRef } from '../../kiva';

/**
 * The bodies the pane and the ribbon post: src/sheet's request bodies with their row references. Unknown fields are
 * refused rather than passed to Kiva, so a typo in a client shows up here and not as a silently ignored field in PA2.
 */
const text = v.string();
const id = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));
const money = v.pipe(v.number(), v.finite());
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'));
const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));

const rowRef = v.strictObject({
  sheet: v.pipe(v.string(), v.maxLength(255)),
  row: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_048_576)),
  key: v.optional(v.string()),
});

const entrep = v.strictObject({
  amount: v.optional(money),
  client_id: v.optional(text),
  loan_id: v.optional(text),
  first_name: v.optional(text),
  last_name: v.optional(text),
  gender: v.optional(text),
});

const loanDraft = v.strictObject({
  activity_id: v.optional(positiveInt),
  theme_type_id: v.optional(positiveInt),
  location: v.optional(text),
  description_language_id: v.optional(positiveInt),
  currency: v.optional(text),
  description: v.optional(text),
  loanuse: v.optional(text),
  disburse_time: v.optional(isoDate),
  client_waiver_signed: v.optional(v.boolean()),
  entreps: v.optional(v.array(entrep)),
  schedule: v.optional(v.array(v.strictObject({ date: isoDate, principal: money, interest: money }))),
  image_encoded: v.optional(v.pipe(v.string(), v.startsWith('data:image/', 'must be a data:image/… URI'))),
  group_name: v.optional(text),
  internal_loan_id: v.optional(text),
  internal_client_id: v.optional(text),
  not_pictured: v.optional(v.array(v.boolean())),
});

const repayment = v.strictObject({ loan_id: id, amount: money, client_id: v.optional(id) });

const journal = v.strictObject({
  subject: v.optional(text),
  body: text,
  image_url: v.optional(text),
  internal_loan_id: id,
  internal_client_id: v.optional(id),
});

const environment = v.picklist(['stage', 'production'], 'env must be stage or production');

/**
 * The user's explicit "send N rows to production" (the pane's production dialog): required for production. `id` is
 * new at each confirmation; every submit of that send carries it, and together they may not exceed `rows`.
 */
const confirmation = v.strictObject({
  env: environment,
  rows: positiveInt,
  id: v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'), v.maxLength(100)),
});

function submitBody<T extends v.GenericSchema>(item: T) {
  return v.strictObject({
    env: environment,
    force: v.optional(v.boolean(), false),
    confirmation: v.optional(confirmation),
    items: v.pipe(v.array(item), v.minLength(1, 'items must not be empty')),
  });
}

export const loanDraftsRequest = submitBody(
  v.strictObject({ body: loanDraft, rows: v.pipe(v.array(rowRef), v.minLength(1, 'a draft needs its rows')) }),
);
/** The report period a repayments submit is for (the guard's key): `YYYY-MM`, a real month. */
export const reportPeriod = v.pipe(
  v.string(),
  v.check((value: string) => isReportPeriod(value), 'period must be YYYY-MM, a month from 2000-01 on'),
);

export const repaymentsRequest = v.strictObject({
  ...submitBody(v.strictObject({ repayment, row: rowRef })).entries,
  period: v.optional(reportPeriod),
});
export const journalsRequest = submitBody(v.strictObject({ journal, row: rowRef }));

export type LoanDraftsRequest = v.InferOutput<typeof loanDraftsRequest>;
export type RepaymentsRequest = v.InferOutput<typeof repaymentsRequest>;
export type JournalsRequest = v.InferOutput<typeof journalsRequest>;

export const envQuery = v.object({ env: environment });

/** What the pane posts to /api/pairing: the code the user read off the server's console. */
export const pairingRequest = v.strictObject({ code: v.pipe(v.string(), v.maxLength(40)) });

export const loansQuery = v.object({
  env: environment,
  // What a repayment report needs when the caller does not say.
  status: v.optional(
    v.pipe(
      v.string(),
      v.transform((value) =>
        value
          .split(',')
          .map((status) => status.trim())
          .filter(Boolean),
      ),
      v.array(v.picklist(LOAN_STATUSES, 'unknown loan status')),
      v.minLength(1, 'status must name at least one status'),
    ),
    'payingBack,defaulted',
  ),
  query: v.optional(v.pipe(v.string(), v.maxLength(200))),
});

/**
 * period: what the pane asks the ledger before Check and Send (POST /api/ledger/lookup): the guard keys of its rows,
 * computed as the server computes them (src/app/guard-keys.ts), at most one sheet's worth per request.
 */
export const ledgerLookupRequest = v.strictObject({
  env: environment,
  keys: v.pipe(
    v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(400))),
    v.maxLength(50_000, 'at most 50000 keys per lookup'),
  ),
});
export type LedgerLookupRequest = v.InferOutput<typeof ledgerLookupRequest>;

/** Validation issues as one readable line per field (first few only). */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${v.getDotPath(issue) ?? 'body'}: ${issue.message}`)
    .join('; ');
}

// The compiler checks here that what the schemas accept is what src/kiva sends.
type _Checks = [
  Assert<v.InferOutput<typeof loanDraft> extends LoanDraft ? true : false>,
  Assert<v.InferOutput<typeof repayment> extends Repayment ? true : false>,
  Assert<v.InferOutput<typeof journal> extends JournalUpdate ? true : false>,
  Assert<v.InferOutput<typeof rowRef> extends RowRef ? true : false>,
];
type Assert<T extends true> = T;
