/**
 * What the use cases need from the outside world. Three faces implement these: the command line (exceljs / CSV
 * files, src/kiva directly), the Excel add-in (Office.js, HTTP to our server) and the tests (in memory).
 *
 * Every method is coarse on purpose: in Excel each call is a round trip (`context.sync()`), so a use case makes one
 * read and one write, never one call per row.
 */
import type {
  AllLoansQuery,
  ConfigLists,
  JournalItem,
  ListedLoan,
  LoanDraftItem,
  PartnerLoan,
  RepaymentItem,
  RowOutcome,
  SendProgress,
} from '../kiva';
import type { CellGrid, Endpoint, MappingOverride, WorkbookSettings, WriteBackPlan } from '../sheet';
import type { AppResult } from './errors';
import type { Notice } from './messages';

/** Which rows a run is about. */
export type SheetScope =
  /** Every sheet; each one whose kind is recognised is converted (the command line's default). */
  | { kind: 'workbook' }
  /** One sheet by name, every visible row. */
  | { kind: 'sheet'; sheet: string }
  /** The sheet the user is on, every visible row. */
  | { kind: 'active' }
  /** The rows the user selected on the active sheet (`CellGrid.selectedRows`), hidden or not. */
  | { kind: 'selection' };

export interface ReadRequest {
  scope: SheetScope;
  /**
   * Called with the header row of every sheet that is not a target (as a one-row grid) and its saved mapping;
   * the sheets it accepts are read whole as reference data (the Schedule sheet of a loans sheet). The adapter
   * never needs to know what a Schedule sheet is.
   */
  isReference: (header: CellGrid, mapping: MappingOverride | undefined) => boolean;
  /** Also read the `Kiva lists` sheet when there is one. */
  withLists: boolean;
}

export interface WorkbookSnapshot {
  /** Every sheet read (targets and reference sheets), in workbook order: the send order follows it. */
  sheets: CellGrid[];
  /** The sheets to convert; absent with the `workbook` scope, where every recognised sheet is converted. */
  targets?: string[];
  /** The `Kiva lists` sheet as read, when asked for and present. */
  lists?: CellGrid;
  /** Mapping overrides saved in the workbook, by sheet name. */
  mappings: Record<string, MappingOverride>;
  /** Old Mac workbooks count days from 1904. */
  dateSystem?: 1900 | 1904;
  /** The file's own decimal separator, when its format implies one (a CSV saved with `;` uses `,`). */
  decimalSeparator?: '.' | ',';
  /** What the adapter had to assume to read the file (its text encoding), said after the run. */
  notices?: Notice[];
  /** period: the repayment report period (`YYYY-MM`) saved in the workbook, when one is. */
  reportPeriod?: string;
  /** recognition: the checks' settings saved in the workbook (the pane's Settings section), when it has any. */
  settings?: WorkbookSettings;
}

export type PhotoProblem = 'not-found' | 'too-large' | 'not-image' | 'outside-folder' | 'unreadable';

/** A photo the user named in a cell: its content as a data URI, or why it cannot be used. */
export type PhotoFile = { dataUri: string } | { problem: PhotoProblem };

/** A small sheet this tool writes whole (the config lists, a repayments template). */
export interface SheetTable {
  /** Wanted name: with `mode: 'new'` the adapter picks a free one (`Repayments 2`) when it is taken. */
  name: string;
  rows: (string | number | null)[][];
  /** 0-based columns formatted as Text, so ids typed later keep their leading zeros. */
  textColumns?: readonly number[];
  /** Column widths in characters, for a sheet a person fills in. */
  widths?: readonly number[];
}

export interface WorkbookPort {
  /** One read: the targets, the reference sheets they need, the `Kiva lists` sheet and the saved mappings. */
  read(request: ReadRequest): Promise<AppResult<WorkbookSnapshot>>;
  /**
   * The photo files named in photo cells, read before converting (the sheet core's resolver is synchronous).
   * Every name asked for gets an answer.
   */
  loadPhotos(names: readonly string[]): Promise<ReadonlyMap<string, PhotoFile>>;
  /**
   * Photos the pane attached to loans (by loan id) whose row has no photo cell, kept in the workbook (the pane reads
   * them through Office.js, the command line from the file). Loans without one are left out; an adapter without
   * attached photos leaves the method out.
   */
  loadLoanPhotos?(loanIds: readonly string[]): Promise<ReadonlyMap<string, PhotoFile & { name: string }>>;
  /** One write: statuses, cell marks, cleared marks and `Kiva log` lines, as planned by src/sheet. */
  apply(plan: WriteBackPlan): Promise<AppResult<void>>;
  /** `replace`: the sheet of that name is replaced (the `Kiva lists` sheet); `new`: a new sheet is added. */
  writeSheet(table: SheetTable, mode: 'replace' | 'new'): Promise<AppResult<{ sheet: string }>>;
  /** Saves a hand-made mapping in the workbook (never anything else: see src/sheet's MappingOverride). */
  saveMapping(sheet: string, override: MappingOverride): Promise<AppResult<void>>;
  /** recognition: saves the checks' settings in the workbook (Office document settings); absent where not possible. */
  saveSettings?(settings: WorkbookSettings): Promise<AppResult<void>>;
}

/** How the Kiva side cuts requests, so a preview shows exactly the bodies that will be posted. */
export interface KivaBatching {
  repaymentsPerCall: number;
  journalsPerCall: number;
  journalsBody: 'array' | 'wrapped';
}

/** One request as it ended: the rows it carried and their outcomes. The use case turns it into a log line. */
export interface KivaCall {
  /** Epoch milliseconds when the request settled. */
  time: number;
  endpoint: Endpoint;
  /** One per row the request carried, in order. */
  outcomes: RowOutcome[];
  /** Kiva's HTTP status, when known. */
  httpStatus?: number;
}

export interface KivaSendOptions {
  /** Requests not started when it fires are not sent: their rows come back `cancelled`. */
  signal?: AbortSignal;
  onProgress?: (progress: SendProgress) => void;
}

export interface KivaSendResult {
  /** Exactly one per item row, in input order. */
  outcomes: RowOutcome[];
  /** One per request that reached Kiva (or tried to). */
  calls: KivaCall[];
}

/**
 * Kiva as the use cases see it. The send methods never reject: whatever happens, each row gets an outcome
 * (`uncertain` when a request may have been applied without an answer).
 */
export interface KivaPort {
  /** `stage`, `production` (or `custom`): written in every `Sent` status and checked before re-sending. */
  readonly environment: string;
  readonly batching: KivaBatching;
  /** Makes sure the credentials work before anything is sent (a token in the CLI, a session in the pane). */
  connect(signal?: AbortSignal): Promise<AppResult<void>>;
  getConfigLists(signal?: AbortSignal): Promise<AppResult<ConfigLists>>;
  /** Every page of every status asked for. */
  getAllLoans(query: AllLoansQuery, signal?: AbortSignal): Promise<AppResult<PartnerLoan[]>>;
  /**
   * The same list, each loan kept as its ids and status only: what the portfolio check reads. Optional: a port
   * without it is read through getAllLoans.
   */
  listLoans?(query: AllLoansQuery, signal?: AbortSignal): Promise<AppResult<ListedLoan[]>>;
  createLoanDrafts(items: readonly LoanDraftItem[], options?: KivaSendOptions): Promise<KivaSendResult>;
  sendRepayments(items: readonly RepaymentItem[], options?: KivaSendOptions): Promise<KivaSendResult>;
  sendJournals(items: readonly JournalItem[], options?: KivaSendOptions): Promise<KivaSendResult>;
}

/** The user's clock: statuses and log lines carry local time, and the disbursal window needs today's date. */
export interface Clock {
  now(): number;
  /** Minutes to add to UTC for local time at that instant (UTC-5 → -300). */
  utcOffsetMinutes(epochMs: number): number;
}

export interface AppProgress {
  phase: 'reading' | 'checking' | 'sending' | 'writing';
  /** Rows settled so far while sending. */
  done?: number;
  total?: number;
}
