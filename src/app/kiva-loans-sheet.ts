/**
 * recognition: the `Kiva loans` sheet — the partner's loans as Kiva listed them (loan id, client id, status) and
 * when they were read, written beside the template by the `loans` command and the pane's Create repayment
 * template. When Kiva cannot be reached the portfolio check reads its list from here (portfolio.ts,
 * portfolioForRun), and says so in every message. This module alone knows the layout; src/sheet knows only the
 * sheet's names (never data, never sent).
 */
import {
  cellAddress,
  columnLetter,
  isBlankCell,
  KIVA_LOANS_SHEET,
  normaliseHeader,
  portfolioOf,
  unwrapCell,
  type CellGrid,
  type ListedLoan,
} from '../sheet';
import type { SheetTable } from './ports';

/** The columns as written: Kiva's own field names, like the `Kiva lists` sheet's, so any language reads them. */
const COLUMNS = ['loan_id', 'client_id', 'status', 'read_at'] as const;

type Column = (typeof COLUMNS)[number];

/** Headers read back for each column (the loan and client ids also under Kiva's longer names). */
const HEADERS: Record<Column, readonly string[]> = {
  loan_id: ['loan_id', 'internal_loan_id'],
  client_id: ['client_id', 'internal_client_id'],
  status: ['status'],
  read_at: ['read_at'],
};

/** Older than this, the list is said to be old: a week covers a monthly report's preparation, not a month's changes. */
export const KIVA_LOANS_MAX_AGE_DAYS = 7;

/**
 * The sheet for the loans Kiva answered at `readAt` (epoch ms): one row per loan id, a loan listed twice keeping the
 * status that still takes repayments (as the check itself does), and the time on every row, so sorting or filtering
 * the sheet never separates a loan from its date. Ids and the time are text: zeros and the ISO form are kept.
 */
export function kivaLoansTable(listed: Iterable<ListedLoan>, readAt: number): SheetTable {
  const time = new Date(readAt).toISOString();
  const rows: (string | number | null)[][] = [[...COLUMNS]];
  for (const loan of portfolioOf(listed).loans.values()) {
    rows.push([loan.loanId, loan.clientId ?? null, loan.status, time]);
  }
  return { name: KIVA_LOANS_SHEET, rows, textColumns: [0, 1, 2, 3], widths: [16, 16, 14, 26] };
}

/** Why a Kiva loans sheet cannot be used: worded by the app catalogues (`kivaLoansProblems`). */
export type KivaLoansProblem =
  /** No loan at all (only a header, or nothing). */
  | { code: 'empty' }
  /** Row 1 lacks these columns. */
  | { code: 'columns'; columns: string }
  /** A loan row without a status, or without a time this tool can read: the list is not trusted in part. */
  | { code: 'status'; cell: string }
  | { code: 'time'; cell: string };

export type KivaLoansRead =
  { ok: true; loans: ListedLoan[]; readAt: number } | { ok: false; problem: KivaLoansProblem };

/**
 * The list back from the sheet, or why it cannot be used: a damaged sheet is said, never half-read, for a missing
 * loan would become an error on a good row. `readAt` is the oldest time on it (rows from two reads: the older one
 * says how stale the list may be).
 */
export function readKivaLoansSheet(grid: CellGrid): KivaLoansRead {
  const header = (grid.values[0] ?? []).map((cell) => normaliseHeader(String(unwrapCell(cell) ?? '')));
  const index = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const column of COLUMNS) {
    const at = header.findIndex((h) => HEADERS[column].some((name) => normaliseHeader(name) === h));
    if (at < 0 && column !== 'client_id') missing.push(column);
    index[column] = at;
  }
  if (missing.length > 0) return { ok: false, problem: { code: 'columns', columns: missing.join(', ') } };

  const first = grid.rowNumbers?.[0] ?? 1;
  const cell = (column: Column, r: number): string =>
    cellAddress(grid.sheet, columnLetter(index[column] + (grid.firstColumn ?? 1)), grid.rowNumbers?.[r] ?? first + r);
  const loans: ListedLoan[] = [];
  let readAt = Infinity;
  for (let r = 1; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const loanId = textOf(row[index.loan_id]);
    if (loanId === undefined) continue;
    const status = textOf(row[index.status]);
    if (status === undefined) return { ok: false, problem: { code: 'status', cell: cell('status', r) } };
    const time = timeOf(row[index.read_at]);
    if (time === undefined) return { ok: false, problem: { code: 'time', cell: cell('read_at', r) } };
    readAt = Math.min(readAt, time);
    const clientId = index.client_id < 0 ? undefined : textOf(row[index.client_id]);
    loans.push({ internal_loan_id: loanId, internal_client_id: clientId, status });
  }
  if (loans.length === 0) return { ok: false, problem: { code: 'empty' } };
  return { ok: true, loans, readAt };
}

function textOf(cell: unknown): string | undefined {
  if (isBlankCell(cell)) return undefined;
  const value = unwrapCell(cell);
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value.trim() : undefined;
}

/** The ISO time written (`2026-12-02T19:03:00.000Z`), or a date cell Excel or exceljs made of it. */
function timeOf(cell: unknown): number | undefined {
  const value = unwrapCell(cell);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string' || !ISO_TIME.test(value.trim())) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : time;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
