/**
 * The simulated Excel, installed as the `Excel` / `Office` globals src/excel uses, plus workbooks in the shapes
 * Kiva Sheets reads and a Kiva port that answers without a network.
 */
import {
  createExcelHost,
  loadWorkbook,
  type ExcelHost,
  type SimSheetData,
  type SimWorkbook,
  type SimWorkbookData,
  type SimWorkbookOptions,
} from '../../dev/excel-sim';
import type { AppResult, Clock, KivaCall, KivaPort, KivaSendResult } from '../../src/app';
import type { ConfigLists, JournalItem, LoanDraftItem, PartnerLoan, RepaymentItem, RowOutcome } from '../../src/kiva';
import { createExcelWorkbook, type ExcelWorkbook, type ExcelWorkbookOptions } from '../../src/excel';

export interface Rig {
  book: SimWorkbook;
  host: ExcelHost;
  workbook: ExcelWorkbook;
}

const installed: (() => void)[] = [];

/** A workbook, a host installed on globalThis (removed after each test) and a fresh port. */
export function rig(
  data: SimWorkbookData,
  options: SimWorkbookOptions = {},
  portOptions: ExcelWorkbookOptions = {},
): Rig {
  const book = loadWorkbook(data, options);
  const host = createExcelHost(book);
  installed.push(host.install());
  return { book, host, workbook: createExcelWorkbook(portOptions) };
}

afterEach(() => {
  while (installed.length > 0) installed.pop()?.();
});

export const OFFICE_2021 = { requirementSets: { ExcelApi: '1.10' } };

/** A repayments sheet: loan_id, client_id, amount and 17 columns of the MFI's own, `rows` data rows. */
export function repaymentsSheet(rows: number, name = 'Repayments', invalidEvery = 0): SimSheetData {
  const header = ['loan_id', 'client_id', 'amount'];
  for (let c = header.length; c < 20; c++) header.push(`Notes ${c}`);
  const out: unknown[][] = [header];
  for (let r = 0; r < rows; r++) {
    const invalid = invalidEvery > 0 && r % invalidEvery === 0;
    const line: unknown[] = [`L${String(r).padStart(6, '0')}`, `C${r}`, invalid ? -5 : 10 + (r % 97)];
    for (let c = 3; c < 20; c++) line.push(c % 2 === 0 ? r * c : `note ${r}-${c}`);
    out.push(line);
  }
  return { name, rows: out, columnFormats: { A: '@', B: '@' } };
}

export const CLOCK: Clock = { now: () => Date.UTC(2026, 10, 28, 19, 3), utcOffsetMinutes: () => -300 };

/** Kiva accepting every row, one call per item batch of `perCall` rows. */
export class StubKiva implements KivaPort {
  readonly environment = 'stage';
  readonly batching = { repaymentsPerCall: 250, journalsPerCall: 50, journalsBody: 'array' as const };
  private uploads = 0;

  constructor(
    private readonly lists?: ConfigLists,
    private readonly loans: PartnerLoan[] = [],
  ) {}

  async connect(): Promise<AppResult<void>> {
    return { ok: true, value: undefined };
  }

  async getConfigLists(): Promise<AppResult<ConfigLists>> {
    if (this.lists === undefined) throw new Error('no lists in this test');
    return { ok: true, value: this.lists };
  }

  async getAllLoans(): Promise<AppResult<PartnerLoan[]>> {
    return { ok: true, value: this.loans };
  }

  async createLoanDrafts(items: readonly LoanDraftItem[]): Promise<KivaSendResult> {
    return this.accept(
      'loan_draft',
      items.map((i) => [...i.rows]),
    );
  }

  async sendRepayments(items: readonly RepaymentItem[]): Promise<KivaSendResult> {
    const groups: RepaymentItem['row'][][] = [];
    for (let k = 0; k < items.length; k += this.batching.repaymentsPerCall) {
      groups.push(items.slice(k, k + this.batching.repaymentsPerCall).map((i) => i.row));
    }
    return this.accept('repayments', groups);
  }

  async sendJournals(items: readonly JournalItem[]): Promise<KivaSendResult> {
    return this.accept(
      'journals',
      items.map((i) => [i.row]),
    );
  }

  private accept(endpoint: 'loan_draft' | 'repayments' | 'journals', groups: RowOutcome['row'][][]): KivaSendResult {
    const outcomes: RowOutcome[] = [];
    const calls: KivaCall[] = [];
    for (const rows of groups) {
      const uploadId = String(70000 + ++this.uploads);
      const latest: RowOutcome[] = rows.map((row) => ({ kind: 'sent', row, reference: { uploadId } }));
      outcomes.push(...latest);
      calls.push({ time: CLOCK.now(), endpoint, outcomes: latest, httpStatus: 200 });
    }
    return { outcomes, calls };
  }
}

/** The number of syncs a function costs on `book`. */
export async function syncsOf<T>(book: SimWorkbook, fn: () => Promise<T>): Promise<{ value: T; syncs: number }> {
  const before = book.syncCount;
  const value = await fn();
  return { value, syncs: book.syncCount - before };
}

export function noPayloadErrors(book: SimWorkbook): boolean {
  return book.syncs.every((s) => s.error === undefined);
}
