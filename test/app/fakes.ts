/**
 * In-memory ports for the use-case tests: a workbook that really applies the plans it is given (so a second run
 * reads the statuses of the first), and a Kiva that answers each row from a rule and records what it received.
 */
import type {
  AppResult,
  Clock,
  KivaBatching,
  KivaCall,
  KivaPort,
  KivaSendOptions,
  KivaSendResult,
  PhotoFile,
  ReadRequest,
  SheetTable,
  WorkbookPort,
  WorkbookSnapshot,
} from '../../src/app';
import { appError, kivaPortfolio, type RunInput } from '../../src/app';
import type {
  AllLoansQuery,
  ConfigLists,
  JournalItem,
  LoanDraftItem,
  PartnerLoan,
  RepaymentItem,
  RowOutcome,
  RowRef,
} from '../../src/kiva';
import { LOAN_STATUSES } from '../../src/kiva';
import {
  columnNumber,
  type CellGrid,
  type MappingOverride,
  type RawCell,
  type WorkbookSettings,
  type WriteBackPlan,
  LOG_SHEET,
} from '../../src/sheet';
import { CONFIG } from '../sheet/fixtures/config-lists';

export const LISTS = CONFIG;

/** 2026-11-28 14:03 in Lima (UTC-5). */
export const CLOCK: Clock = { now: () => Date.UTC(2026, 10, 28, 19, 3), utcOffsetMinutes: () => -300 };

interface FakeSheet {
  name: string;
  rows: RawCell[][];
  hidden?: boolean[];
  /** Marked cells as `F7`. */
  marks: Map<string, { fill: string; note: string }>;
}

/** recognition: a run over the `Repayments` sheet, checked against the loans `kiva` lists (the portfolio tests). */
export function portfolioRun(kiva: KivaPort, extra: Partial<RunInput> = {}): RunInput {
  return {
    scope: { kind: 'sheet', sheet: 'Repayments' },
    clock: CLOCK,
    portfolio: kivaPortfolio(kiva, CLOCK),
    ...extra,
  };
}

export class FakeWorkbook implements WorkbookPort {
  readonly sheets: FakeSheet[] = [];
  readonly applied: WriteBackPlan[] = [];
  readonly written: { table: SheetTable; mode: 'replace' | 'new' }[] = [];
  readonly reads: ReadRequest[] = [];
  readonly log: string[][] = [];
  mappings: Record<string, MappingOverride> = {};
  /** recognition: the checks' settings as saved in the workbook. */
  settings: WorkbookSettings | undefined;
  photos = new Map<string, PhotoFile>();
  photoRequests: string[][] = [];
  /** The name the `active` and `selection` scopes stand for. */
  active = '';
  selectedRows: number[] = [];
  failWrites = false;

  constructor(sheets: Record<string, RawCell[][]> = {}) {
    for (const [name, rows] of Object.entries(sheets)) this.add(name, rows);
  }

  add(name: string, rows: RawCell[][], hidden?: boolean[]): this {
    this.sheets.push({ name, rows: rows.map((r) => [...r]), marks: new Map(), ...(hidden ? { hidden } : {}) });
    if (this.active === '') this.active = name;
    return this;
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  }

  /** The `Kiva status` cell of a row (Excel row number). */
  status(name: string, row: number): string {
    const sheet = this.sheet(name);
    const header = sheet.rows[0] ?? [];
    const column = header.findIndex((h) => h === 'Kiva status');
    const value = column < 0 ? undefined : sheet.rows[row - 1]?.[column];
    return typeof value === 'string' ? value : '';
  }

  async read(request: ReadRequest): Promise<AppResult<WorkbookSnapshot>> {
    this.reads.push(request);
    const grid = (s: FakeSheet): CellGrid => ({
      sheet: s.name,
      values: s.rows,
      ...(s.hidden ? { hidden: s.hidden } : {}),
      marked: [...s.marks.keys()].map((a) => ({ column: a.replace(/\d+/g, ''), row: Number(a.replace(/\D+/g, '')) })),
    });
    const scope = request.scope;
    const lists = this.sheets.find((s) => s.name === 'Kiva lists');
    const base = {
      mappings: this.mappings,
      ...(this.settings !== undefined ? { settings: this.settings } : {}),
      ...(request.withLists && lists ? { lists: grid(lists) } : {}),
    };
    if (scope.kind === 'workbook') return { ok: true, value: { ...base, sheets: this.sheets.map(grid) } };
    const target = scope.kind === 'sheet' ? scope.sheet : this.active;
    if (!this.sheets.some((s) => s.name === target)) {
      return { ok: false, error: appError('sheet-not-found', { sheet: target, sheets: this.names() }) };
    }
    const sheets = this.sheets
      .filter(
        (s) =>
          s.name === target ||
          request.isReference({ sheet: s.name, values: s.rows.slice(0, 1) }, this.mappings[s.name]),
      )
      .map((s) => {
        const g = grid(s);
        return scope.kind === 'selection' && s.name === target ? { ...g, selectedRows: this.selectedRows } : g;
      });
    return { ok: true, value: { ...base, sheets, targets: [target] } };
  }

  names(): string {
    return this.sheets.map((s) => s.name).join(', ');
  }

  async loadPhotos(names: readonly string[]): Promise<ReadonlyMap<string, PhotoFile>> {
    this.photoRequests.push([...names]);
    const found = new Map<string, PhotoFile>();
    for (const name of names) found.set(name, this.photos.get(name) ?? { problem: 'not-found' });
    return found;
  }

  async apply(plan: WriteBackPlan): Promise<AppResult<void>> {
    this.applied.push(plan);
    if (this.failWrites) return { ok: false, error: appError('workbook-write-failed', { detail: 'locked' }) };
    for (const part of plan.sheets) {
      const sheet = this.sheet(part.sheet);
      const column = part.statusColumn;
      if (column !== undefined) {
        const index = column.number - 1;
        if (column.create) (sheet.rows[0] ??= [])[index] = column.header;
        for (const status of part.statuses) {
          const row = (sheet.rows[status.row - 1] ??= []);
          while (row.length < index) row.push(null);
          row[index] = status.text;
        }
      }
      for (const cell of part.clear) sheet.marks.delete(`${cell.column}${cell.row}`);
      for (const mark of part.marks) sheet.marks.set(`${mark.column}${mark.row}`, { fill: mark.fill, note: mark.note });
    }
    this.log.push(...plan.log.lines);
    return { ok: true, value: undefined };
  }

  async writeSheet(table: SheetTable, mode: 'replace' | 'new'): Promise<AppResult<{ sheet: string }>> {
    if (this.failWrites) return { ok: false, error: appError('workbook-write-failed', { detail: 'locked' }) };
    this.written.push({ table, mode });
    let name = table.name;
    if (mode === 'replace') this.sheets.splice(this.sheets.findIndex((s) => s.name === name) >>> 0, 1);
    for (let n = 2; mode === 'new' && this.sheets.some((s) => s.name === name); n++) name = `${table.name} ${n}`;
    this.add(name, table.rows);
    return { ok: true, value: { sheet: name } };
  }

  async saveSettings(settings: WorkbookSettings): Promise<AppResult<void>> {
    this.settings = settings;
    return { ok: true, value: undefined };
  }

  async saveMapping(sheet: string, override: MappingOverride): Promise<AppResult<void>> {
    this.mappings[sheet] = override;
    return { ok: true, value: undefined };
  }
}

export type Rule = (row: RowRef, body: unknown) => RowOutcome['kind'] | RowOutcome;

export class FakeKiva implements KivaPort {
  batching: KivaBatching = { repaymentsPerCall: 2, journalsPerCall: 1, journalsBody: 'array' };
  /** Every request body received, in order. */
  readonly received: { endpoint: string; body: unknown; rows: RowRef[] }[] = [];
  connectResult: AppResult<void> = { ok: true, value: undefined };
  connects = 0;
  listsAsked = 0;
  rule: Rule = () => 'sent';
  /** Called after each request settles: tests abort from here. */
  afterRequest: () => void = () => undefined;
  throwOnSend = false;
  loans: PartnerLoan[] = [];
  loanQueries: AllLoansQuery[] = [];
  private uploads = 0;

  constructor(readonly environment: string = 'stage') {}

  async connect(): Promise<AppResult<void>> {
    this.connects++;
    return this.connectResult;
  }

  async getConfigLists(): Promise<AppResult<ConfigLists>> {
    this.listsAsked++;
    return { ok: true, value: LISTS };
  }

  /** Set: what getAllLoans answers instead of `loans` (Kiva out of reach…). */
  loansFailure: AppResult<PartnerLoan[]> | undefined;

  async getAllLoans(query: AllLoansQuery, _signal?: AbortSignal): Promise<AppResult<PartnerLoan[]>> {
    this.loanQueries.push(query);
    // As Kiva lists them: each loan under its own status (one Kiva does not name, under any query).
    const listed = this.loans.filter(
      ({ status }) =>
        status === undefined ||
        !(LOAN_STATUSES as readonly string[]).includes(status) ||
        (query.statuses as readonly string[]).includes(status),
    );
    return this.loansFailure ?? { ok: true, value: listed };
  }

  createLoanDrafts(items: readonly LoanDraftItem[], options?: KivaSendOptions): Promise<KivaSendResult> {
    return this.run(
      'loan_draft',
      items.map((i) => ({ body: i.body, rows: [...i.rows] })),
      options,
    );
  }

  sendRepayments(items: readonly RepaymentItem[], options?: KivaSendOptions): Promise<KivaSendResult> {
    const requests: { body: unknown; rows: RowRef[] }[] = [];
    for (let k = 0; k < items.length; k += this.batching.repaymentsPerCall) {
      const part = items.slice(k, k + this.batching.repaymentsPerCall);
      requests.push({ body: { repayments: part.map((i) => i.repayment) }, rows: part.map((i) => i.row) });
    }
    return this.run('repayments', requests, options);
  }

  sendJournals(items: readonly JournalItem[], options?: KivaSendOptions): Promise<KivaSendResult> {
    return this.run(
      'journals',
      items.map((i) => ({ body: [i.journal], rows: [i.row] })),
      options,
    );
  }

  sentRows(): string[] {
    return this.received.flatMap((r) => r.rows.map((row) => `${row.sheet}!${row.row}`));
  }

  private async run(
    endpoint: 'loan_draft' | 'repayments' | 'journals',
    requests: { body: unknown; rows: RowRef[] }[],
    options: KivaSendOptions = {},
  ): Promise<KivaSendResult> {
    if (this.throwOnSend) throw new Error('port bug');
    const outcomes: RowOutcome[] = [];
    const calls: KivaCall[] = [];
    const total = requests.reduce((n, r) => n + r.rows.length, 0);
    for (const request of requests) {
      let latest: RowOutcome[];
      if (options.signal?.aborted) {
        latest = request.rows.map((row) => ({ kind: 'cancelled', row }));
      } else {
        this.received.push({ endpoint, ...request });
        const uploadId = String(70000 + ++this.uploads);
        latest = request.rows.map((row) => this.outcome(row, request.body, endpoint, uploadId));
        calls.push({ time: CLOCK.now(), endpoint, outcomes: latest, httpStatus: 200 });
      }
      outcomes.push(...latest);
      options.onProgress?.({ done: outcomes.length, total, latest });
      this.afterRequest();
    }
    return { outcomes, calls };
  }

  private outcome(row: RowRef, body: unknown, endpoint: string, uploadId: string): RowOutcome {
    const decided = this.rule(row, body);
    if (typeof decided !== 'string') return decided;
    switch (decided) {
      case 'sent':
        return endpoint === 'journals'
          ? { kind: 'sent', row, reference: { confirmUrl: `https://pa2.example/confirm/${row.row}` } }
          : { kind: 'sent', row, reference: { uploadId } };
      case 'rejected':
        return { kind: 'rejected', row, message: 'Loan not found', severity: 'error' };
      case 'uncertain':
        return { kind: 'uncertain', row, reason: 'timeout', detail: 'no answer' };
      case 'failed':
        return { kind: 'failed', row, code: 'kiva.unavailable', message: 'Kiva was busy' };
      case 'cancelled':
        return { kind: 'cancelled', row };
    }
  }
}

export function statusColumnOf(workbook: FakeWorkbook, name: string): number {
  return (workbook.sheet(name).rows[0] ?? []).findIndex((h) => h === 'Kiva status');
}

export function logRows(workbook: FakeWorkbook): string[][] {
  return workbook.log;
}

export { columnNumber, LOG_SHEET };
