import type { Caller } from './call';
import { kivaError } from './errors';
import type { ListedLoan, LoanStatus, PartnerLoan } from './models';
import { readFailure, type ReadOptions } from './read-result';
import type { Redactor } from './redact';
import { err, ok, type Result } from './result';
import { asNumber, asString, isRecord, snakeTop, toSnakeCase } from './wire';

/** Kiva documents 300 loans as the largest page. */
export const MAX_LOANS_PAGE = 300;

export interface LoansQuery {
  /** Always sent: one of Kiva's samples says it is required. */
  status: LoanStatus;
  /** Anything PA2's search bar takes: name, loan id, client id, Kiva id. */
  query?: string;
  offset?: number;
  limit?: number;
}

export interface LoansPage<Loan = PartnerLoan> {
  loans: Loan[];
  /** Kiva's totalRecords, when it said. */
  total?: number;
  offset: number;
  limit: number;
}

/** How each loan of an answer is kept: whole (readLoan, `raw` included), or only what a caller reads. */
export type LoanReader<Loan> = (raw: Record<string, unknown>) => Loan;

export function fetchLoansPage(
  call: Caller,
  redactor: Redactor,
  query: LoansQuery,
  options: ReadOptions = {},
): Promise<Result<LoansPage>> {
  return fetchPage(call, redactor, query, options, readLoan);
}

async function fetchPage<Loan>(
  call: Caller,
  redactor: Redactor,
  query: LoansQuery,
  options: ReadOptions,
  read: LoanReader<Loan>,
): Promise<Result<LoansPage<Loan>>> {
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit = Math.min(MAX_LOANS_PAGE, Math.max(1, Math.floor(query.limit ?? MAX_LOANS_PAGE)));
  // Kiva's library leaves `query` out when empty; `status` is always sent (one sample says it is required).
  const search = new URLSearchParams({
    ...(query.query !== undefined && query.query.trim() !== '' ? { query: query.query.trim() } : {}),
    status: query.status,
    offset: String(offset),
    limit: String(limit),
  });
  const result = await call({
    operation: 'loans',
    method: 'GET',
    path: (partnerId) => `/v3/partner/${encodeURIComponent(partnerId)}/loans?${search.toString()}`,
    rows: 0,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (result.kind !== 'ok') return readFailure(result, redactor);
  const answer = result.body.kind === 'json' ? result.body.value : undefined;
  const snake = snakeTop(answer);
  const rawEntries = Array.isArray(answer) ? answer : isRecord(answer) ? (answer.data ?? answer.loans) : undefined;
  if (!Array.isArray(rawEntries))
    return err(kivaError(redactor, 'kiva.bad-response', { detail: 'loans holds no data list' }));
  const total = isRecord(snake) ? asNumber(snake.total_records) : undefined;
  const loans: Loan[] = [];
  for (const entry of rawEntries as unknown[]) if (isRecord(entry)) loans.push(read(entry));
  return ok({ loans, ...(total !== undefined ? { total } : {}), offset, limit });
}

export interface AllLoansQuery {
  /** Each status is listed in full; for a repayment report, `payingBack` and `defaulted`. */
  statuses: readonly LoanStatus[];
  query?: string;
  pageSize?: number;
}

/**
 * Every page of every status. With Kiva's total known, the remaining pages are asked for at once (the client's
 * concurrency limit still applies); without it, page after page until a short one.
 */
export function fetchAllLoans(
  call: Caller,
  redactor: Redactor,
  query: AllLoansQuery,
  options: ReadOptions = {},
): Promise<Result<PartnerLoan[]>> {
  return fetchAll(call, redactor, query, options, readLoan);
}

/**
 * The same pages as fetchAllLoans, each loan kept as its ids and status only (the portfolio check's list): a
 * page's answer is garbage as soon as it is read, not held with each of its loans until the run ends.
 */
export function fetchListedLoans(
  call: Caller,
  redactor: Redactor,
  query: AllLoansQuery,
  options: ReadOptions = {},
): Promise<Result<ListedLoan[]>> {
  return fetchAll(call, redactor, query, options, readListedLoan);
}

async function fetchAll<Loan>(
  call: Caller,
  redactor: Redactor,
  query: AllLoansQuery,
  options: ReadOptions,
  read: LoanReader<Loan>,
): Promise<Result<Loan[]>> {
  const lists = await Promise.all(
    query.statuses.map((status) => allOfStatus(call, redactor, { ...query, status }, options, read)),
  );
  const loans: Loan[] = [];
  for (const list of lists) {
    if (!list.ok) return list;
    // One by one: spreading 100,000 loans into push() would pass them all as arguments on the stack.
    for (const loan of list.value) loans.push(loan);
  }
  return ok(loans);
}

async function allOfStatus<Loan>(
  call: Caller,
  redactor: Redactor,
  query: Omit<AllLoansQuery, 'statuses'> & { status: LoanStatus },
  options: ReadOptions,
  read: LoanReader<Loan>,
): Promise<Result<Loan[]>> {
  const pageSize = Math.min(MAX_LOANS_PAGE, Math.max(1, query.pageSize ?? MAX_LOANS_PAGE));
  const page = (offset: number): Promise<Result<LoansPage<Loan>>> =>
    fetchPage(
      call,
      redactor,
      { status: query.status, offset, limit: pageSize, ...(query.query !== undefined ? { query: query.query } : {}) },
      options,
      read,
    );
  const first = await page(0);
  if (!first.ok) return first;
  const loans = [...first.value.loans];
  const total = first.value.total;
  if (total !== undefined) {
    const offsets: number[] = [];
    for (let offset = pageSize; offset < total; offset += pageSize) offsets.push(offset);
    const rest = await Promise.all(offsets.map(page));
    for (const next of rest) {
      if (!next.ok) return next;
      for (const loan of next.value.loans) loans.push(loan);
    }
    return ok(loans);
  }
  for (let last = first.value; last.loans.length >= pageSize;) {
    const next = await page(last.offset + pageSize);
    if (!next.ok) return next;
    // A server that ignores `offset` would otherwise be paged forever.
    if (next.value.loans.length > 0 && sameLoans(next.value.loans, last.loans)) {
      return err(kivaError(redactor, 'kiva.bad-response', { detail: 'loans paging repeats the same page' }));
    }
    loans.push(...next.value.loans);
    last = next.value;
  }
  return ok(loans);
}

/** A whole loan is compared by what Kiva said of it (`raw`), a listed one by its three fields. */
function sameLoans<Loan>(a: readonly Loan[], b: readonly Loan[]): boolean {
  const said = (loan: Loan | undefined): string =>
    JSON.stringify(isRecord(loan) && isRecord(loan.raw) ? loan.raw : loan);
  return a.length === b.length && a.every((loan, i) => said(loan) === said(b[i]));
}

const LETTER_I = 0x69;
const LETTER_S = 0x73;

/**
 * What the portfolio check reads of a loan, and nothing else: the same fields readLoan would give (any casing,
 * the last spelling of a key winning as in snakeTop), read off Kiva's object without copying it.
 */
export function readListedLoan(raw: Record<string, unknown>): ListedLoan {
  let loanId: unknown;
  let clientId: unknown;
  let status: unknown;
  for (const key in raw) {
    // A key's snake_case starts with its own first letter, lowercased: only i… and s… keys can be one of the three.
    const initial = key.charCodeAt(0) | 0x20;
    if ((initial !== LETTER_I && initial !== LETTER_S) || !Object.hasOwn(raw, key)) continue;
    const snake = toSnakeCase(key);
    if (snake === 'internal_loan_id') loanId = raw[key];
    else if (snake === 'internal_client_id') clientId = raw[key];
    else if (snake === 'status') status = raw[key];
  }
  // Every property set, absent ones undefined: one object shape for 150,000 loans.
  return { internal_loan_id: asString(loanId), internal_client_id: asString(clientId), status: asString(status) };
}

function readLoan(raw: Record<string, unknown>): PartnerLoan {
  // Only top-level fields are read (150,000 loans are not deep-copied for them); only those present are set, in
  // this order, then `raw`.
  const loan = snakeTop(raw) as Record<string, unknown>;
  const read: Partial<PartnerLoan> = {};
  const kivaId = typeof loan.kiva_id === 'number' ? loan.kiva_id : asString(loan.kiva_id);
  if (kivaId !== undefined) read.kiva_id = kivaId;
  for (const [key, number] of FIELDS) {
    const value = number ? asNumber(loan[key]) : asString(loan[key]);
    if (value !== undefined) (read as Record<string, unknown>)[key] = value;
  }
  read.raw = raw;
  return read as PartnerLoan;
}

/** The fields read, and whether each is a number. */
const FIELDS: readonly (readonly [Exclude<keyof PartnerLoan, 'kiva_id' | 'raw'>, boolean])[] = [
  ['internal_loan_id', false],
  ['internal_client_id', false],
  ['name', false],
  ['location', false],
  ['status', false],
  ['loan_price', true],
  ['loan_currency', false],
  ['borrower_count', true],
];
