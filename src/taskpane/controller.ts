/**
 * The one door between the task pane (and the ribbon commands) and everything that is not UI: the workbook
 * (through src/excel), the use cases (src/app) and our server's /api. Components receive a `PaneController`
 * and never call Office.js or `fetch` themselves, so every panel can be tested with a plain object.
 *
 * Rules every implementation keeps:
 * - Nothing throws: each call resolves to a `PaneResult`. A rejected promise is a bug, and the pane treats it as one.
 * - Errors are `{ code, params }`, translated by the pane (src/i18n); params never hold a token or a secret.
 * - No token, secret or Entra credential crosses this interface: sign-in results describe the account only.
 */
import type { DoctorReport } from '../app/doctor';
import type { Notice } from '../app/messages';
import type { WorkbookSettings } from '../sheet/settings';
import type { KivaErrorCode } from '../kiva/errors';
import type { KivaReference, RowOutcome, RowRef, Scope } from '../kiva/models';
import type {
  FieldName,
  Issue,
  KindReason,
  MappingOverride,
  MessageLanguage,
  PreviewItem,
  SheetKind,
  StatusColumn,
} from '../sheet';
import type { SendContents } from './send-contents';

export type { DoctorReport, KivaReference, RowOutcome, RowRef, Scope };

export type UiLanguage = MessageLanguage;
export type EnvironmentName = 'stage' | 'production';

/** Codes the pane itself knows how to word; the server may send others, which are shown with a generic text. */
export type KnownErrorCode =
  // The seam in create-controller.ts until the real controller is wired.
  | 'pane.not-connected'
  // A controller promise rejected: a bug, reported rather than left spinning.
  | 'pane.unexpected'
  // Workbook side.
  | 'sheet.none-active'
  | 'sheet.kind-unknown'
  /** recognition: the Check or Send was asked on the Kiva loans sheet, which is never data. */
  | 'sheet.kiva-loans'
  | 'sheet.columns-missing'
  | 'sheet.nothing-selected'
  | 'sheet.selection-already-sent'
  | 'sheet.nothing-to-send'
  | 'sheet.cell-not-found'
  | 'office.failed'
  | 'office.unsupported-version'
  | 'office.unavailable'
  | 'office.cell-edit-mode'
  | 'office.payload-too-large'
  // A send or another long task is running.
  | 'pane.busy'
  // Photos.
  | 'photo.type'
  | 'photo.size'
  | 'photo.empty'
  | 'photo.unreadable'
  | 'photo.no-selection'
  | 'photo.no-photo-column'
  | 'photo.no-loan-column'
  | 'photo.no-loan-id'
  | 'photo.column-exists'
  // Clipboard (the pane's own).
  | 'clipboard.failed'
  // Microsoft sign-in (src/taskpane/auth).
  | 'signin.cancelled'
  | 'signin.popup-blocked'
  | 'signin.interaction-required'
  | 'signin.failed'
  | 'signin.unavailable'
  // Our server (src/server/http): see ApiErrorBody.
  | 'server.unreachable'
  | 'server.starting'
  | 'server.stopping'
  | 'server.error'
  | 'auth.sign-in-required'
  | 'auth.invalid-token'
  | 'auth.not-allowed'
  | 'auth.run-token'
  | 'auth.cross-site'
  // security: local mode's callers (docs/server.md).
  | 'auth.other-user'
  | 'auth.pairing-required'
  | 'auth.pairing-code'
  | 'environment.not-configured'
  // security: production without (or beyond) the pane's confirmation.
  | 'production.confirmation-required'
  | 'production.confirmation-exceeded'
  | 'request.rate-limited'
  | 'request.too-large'
  | 'request.invalid'
  | 'duplicate'
  // period: rows the ledger holds back (src/server/send/submit.ts), and a report period that is not a month.
  | 'ledger.changed'
  | 'ledger.in-flight'
  | 'period.invalid'
  // src/kiva's codes, relayed by the server.
  | KivaErrorCode;

/** `string & {}` keeps editor completion for the known codes while accepting a newer server's codes. */
export type ErrorCode = KnownErrorCode | (string & Record<never, never>);

export interface PaneError {
  code: ErrorCode;
  params: Record<string, string | number>;
}

export type PaneResult<T> = { ok: true; value: T } | { ok: false; error: PaneError };

// ── Session and connection ─────────────────────────────────────────────────────────────────────────────────────

export interface EnvironmentInfo {
  name: EnvironmentName;
  /** The server holds credentials for it; unconfigured ones are listed but cannot be chosen. */
  configured: boolean;
  /** The signed-in user may send here (entra mode may reserve production to some people). */
  canSubmit: boolean;
  partnerId?: string;
  /** What Kiva granted the server's credentials (absent until a token was issued). */
  scopes?: readonly Scope[];
  /** Expiry of the server's current Kiva token, ISO 8601. */
  tokenExpiresAt?: string;
  /** Why the last token request failed, when it did. */
  tokenError?: PaneError;
}

export interface SessionInfo {
  /** `entra`: the server wants a Microsoft sign-in before anything else. */
  mode: 'local' | 'entra';
  /** True when mode is `entra` and no valid sign-in was presented: everything below is then empty. */
  signInRequired: boolean;
  /** The person the server recognised (local mode: the computer's account name). */
  user?: { name: string };
  version?: string;
  environments: EnvironmentInfo[];
  /** Where the ribbon and the pane send; `stage` unless the user chose otherwise. */
  activeEnvironment: EnvironmentName;
  /** Largest photo file the server will carry in one loan draft, in bytes. */
  photoMaxBytes?: number;
}

export interface ConnectionCheck {
  environment: EnvironmentName;
  partnerId?: string;
  scopes: readonly Scope[];
  tokenExpiresAt?: string;
  /** protocol: the server's connection check (GET /api/doctor), line by line; worded by src/app/doctor-texts. */
  report?: DoctorReport;
}

export interface SignedInAccount {
  /** Display name or user principal name: what the pane shows. Never a token. */
  name: string;
  username?: string;
  /** When the sign-in (not Kiva's token) needs renewing, epoch milliseconds. */
  expiresAt?: number;
}

// ── The sheet ───────────────────────────────────────────────────────────────────────────────────────────────

export interface SheetColumn {
  /** Column letters (`F`). */
  column: string;
  header: string;
  field?: FieldName;
  /** The `Kiva status` feedback column: never mapped. */
  status?: true;
}

export interface MappedAway {
  field: FieldName;
  column: string;
  header: string;
  /** What the mapping sends the column as; absent when it is set to "not sent". */
  mappedTo?: FieldName;
}

export interface SheetInfo {
  sheet: string;
  kind?: SheetKind;
  kindSource: 'override' | 'headers' | 'sheet-name' | 'ask' | 'unknown';
  /** Why this kind (worded with src/sheet's describeKind); `ask`: the user must choose. */
  kindReason?: KindReason;
  columns: SheetColumn[];
  /** Required columns of `kind` that no header maps to: sending is blocked until they exist. */
  missing: FieldName[];
  /** Header problems (`column-duplicate`, `kind-unknown`…), worded by the pane with `formatIssue`. */
  issues: Issue[];
  /**
   * Missing required fields whose column is there but the saved mapping sends elsewhere (or not at all): the pane
   * names the mapping rather than blaming the sheet.
   */
  mappedAway?: MappedAway[];
  /** The override saved in the workbook for this sheet, if any; the mapping editor starts from it. */
  override?: MappingOverride;
  statusColumn?: StatusColumn;
  /** The header row's number (1 unless the table starts lower). */
  headerRow?: number;
  /** Data rows under the header (blank rows excluded). */
  rows: number;
  /** `as_of` of the Kiva lists on the hidden lists sheet; absent when they were never loaded. */
  listsAsOf?: string;
}

// ── Validate, preview, send ────────────────────────────────────────────────────────────────────────────────────

export type ValidateScope = 'selection' | 'sheet';
/** `pending`: every row of the sheet whose status is not `Sent` to this environment. */
export type SendScope = 'selection' | 'pending';

export interface ValidationReport {
  sheet: string;
  scope: ValidateScope;
  rowsChecked: number;
  /** Raw issues: the pane words them in its current language (`formatIssue`), so a language switch re-words them. */
  issues: Issue[];
  errors: number;
  warnings: number;
  /** recognition: run-level notices (the portfolio check read or out of reach…), worded by the pane (formatNotice). */
  notices?: Notice[];
}

export interface PreviewReport {
  items: PreviewItem[];
  /** Rows that would not be sent (invalid, already sent, uncertain). */
  skipped: number;
}

export interface SendRequest {
  scope: SendScope;
  env: EnvironmentName;
  /** Send rows whose status already says `Sent` to this environment. Only ever set by an explicit user choice. */
  resend: boolean;
  /** Send rows whose status says `Uncertain`. Only after the user confirmed they checked PA2. */
  includeUncertain: boolean;
  /** period: send again rows `Changed since sent` (Kiva holds other content for them). Only on the user's word. */
  resendChanged?: boolean;
  /** period: the repayment report period (`YYYY-MM`) as the Send tab shows it; absent: the workbook's, or the default. */
  period?: string;
}

/** period: the repayment report period the Send tab shows: the workbook's choice, or the default. */
export interface ReportPeriod {
  /** `YYYY-MM` */
  value: string;
  /** Saved in the workbook (a choice); false: the default, the month before today. */
  saved: boolean;
}

/** period: what the reconcile before Check and Send did, from the server's delivery ledger. */
export interface ReconcileReport {
  /** Rows whose content Kiva already held: now Sent (sent earlier). */
  restored: number;
  /** Rows Kiva holds other content for: Changed since sent, not sent. */
  changed: number;
  /** Rows an earlier send of which has no sure answer: Uncertain. */
  uncertain: number;
}

/** What a send would do, asked before sending so confirmations can name the numbers. */
export interface SendPlan {
  env: EnvironmentName;
  scope: SendScope;
  /** Rows that will be sent with the request as given. */
  rows: number;
  requests: number;
  /** Rows whose status says `Sent` to this environment: skipped, or counted in `rows` too when `resend`. */
  alreadySent: number;
  /** Rows whose last send is `Uncertain`: skipped, or counted in `rows` too when `includeUncertain`. */
  uncertain: number;
  /** Rows with validation errors: never sent. */
  invalid: number;
  /** period: rows `Changed since sent`: skipped, or counted in `rows` too when `resendChanged`. */
  changed?: number;
  /** period: the report period repayments are keyed by. */
  period?: ReportPeriod;
  /** period: what the ledger lookup just repaired, when it repaired something. */
  reconciled?: ReconcileReport;
  /** Required columns missing: nothing can be sent. */
  missing: FieldName[];
  /** Loans / repayments / journal updates and money per currency in `rows`: what the confirmations name. */
  contents?: SendContents;
}

export interface SendProgress {
  total: number;
  sent: number;
  rejected: number;
  uncertain: number;
  /** Not sent, for a reason known before sending (duplicate guard, missing scope…). */
  failed: number;
  /** Rows not yet answered. */
  left: number;
}

export interface SendOptions extends SendRequest {
  /** The row count the user confirmed in the pane's production dialog; production is never sent without it. */
  confirmedRows?: number;
  /**
   * Aborting stops new requests; requests already sent finish and their rows are recorded. Rows never sent end
   * as `cancelled`.
   */
  signal: AbortSignal;
  onProgress?: (progress: SendProgress) => void;
}

export interface SendSummary {
  env: EnvironmentName;
  /** Exactly one outcome per row that was due to be sent; journal `confirmUrl`s ride in `reference`. */
  outcomes: RowOutcome[];
  /** Rows left out before sending, by reason (`changed`: Changed since sent). */
  skipped: { alreadySent: number; uncertain: number; invalid: number; changed?: number };
  /** period: what the ledger lookup before sending repaired (rows now Sent, changed, uncertain). */
  reconciled?: ReconcileReport;
}

// ── Tools ───────────────────────────────────────────────────────────────────────────────────────────────────

export type PhotoMatch = 'file-name' | 'selected-borrower';

export interface PhotoAttachment {
  /** Files the pane already checked (JPEG/PNG content, size within the limit). */
  files: readonly File[];
  /**
   * `file-name`: each file goes to the rows whose photo column names it. `selected-borrower`: the one file goes to
   * the selected row (the controller writes its file name into the photo column, or, on a sheet without one,
   * attaches the photo to the row's loan id). Either way the photo is kept in the workbook.
   */
  match: PhotoMatch;
}

export interface PhotoResult {
  attached: { file: string; rows: RowRef[] }[];
  /** Files no row names. */
  unmatched: string[];
  /** Files kept for this session only: the workbook could not take them (the pane says so). */
  sessionOnly?: string[];
  /** A sheet without a photo column: the photo went to this loan id (the selected row's). */
  loanId?: string;
}

export interface PhotoColumnAdded {
  sheet: string;
  /** Its letter, e.g. `P`. */
  column: string;
  header: string;
}

export interface ListsResult {
  asOf: string;
  counts: { activities: number; themes: number; locations: number; locales: number };
}

export interface TemplateResult {
  sheet: string;
  loans: number;
  /** recognition: the Kiva loans sheet written beside it (every status), read by the Check when Kiva is unreachable. */
  kivaLoans?: { sheet: string; loans: number };
}

// ── Events the pane listens to ─────────────────────────────────────────────────────────────────────────────────

export type RibbonCommand = 'validateSheet' | 'sendSelection' | 'sendAllPending';

export type PaneEvent =
  /** The active sheet, its selection or its contents changed: panels re-read what they show. */
  | { type: 'sheet-changed' }
  /** The server refused the sign-in: the pane moves to its `expired` state. */
  | { type: 'signin-expired' }
  | { type: 'command-started'; command: RibbonCommand }
  | { type: 'command-progress'; command: RibbonCommand; progress: SendProgress }
  | { type: 'command-validated'; command: RibbonCommand; report: ValidationReport }
  | { type: 'command-sent'; command: RibbonCommand; summary: SendSummary }
  | { type: 'command-failed'; command: RibbonCommand; error: PaneError }
  /** A ribbon send that needs a confirmation only the pane can ask for (every production send). */
  | { type: 'send-requested'; command: RibbonCommand; scope: SendScope };

// ── The controller ───────────────────────────────────────────────────────────────────────────────────────────

export interface PaneController {
  /** Office's display language (`Office.context.displayLanguage`, e.g. `es-ES`), or '' outside Office. */
  readonly displayLanguage: string;
  /** Office's theme, so the pane matches it. */
  readonly theme: 'light' | 'dark';
  /** The pane's language choice; texts written into the workbook (status, notes, log) follow it. */
  setLanguage(lang: UiLanguage): void;
  /** The language the user chose in the pane the last time (remembered per user), if any: it wins over Office's. */
  readonly chosenLanguage?: UiLanguage | undefined;
  /** The user chose a language in the pane: remember it for next time. */
  chooseLanguage?(lang: UiLanguage): void;

  session(): Promise<PaneResult<SessionInfo>>;
  selectEnvironment(env: EnvironmentName): Promise<PaneResult<SessionInfo>>;
  testConnection(env: EnvironmentName): Promise<PaneResult<ConnectionCheck>>;
  /**
   * `interactive: false` tries a silent sign-in only (acquireTokenSilent); `true` may show Microsoft's window
   * (acquireTokenPopup) and must be called from a click. Only meaningful when `session().mode` is `entra`.
   */
  signIn(options: { interactive: boolean }): Promise<PaneResult<SignedInAccount>>;
  signOut(): Promise<PaneResult<void>>;

  detectSheet(): Promise<PaneResult<SheetInfo>>;
  /** Saves the override in the workbook (document settings) and answers with the sheet read again. */
  saveMapping(override: MappingOverride): Promise<PaneResult<SheetInfo>>;
  validate(scope: ValidateScope): Promise<PaneResult<ValidationReport>>;
  preview(scope: SendScope): Promise<PaneResult<PreviewReport>>;
  planSend(request: SendRequest): Promise<PaneResult<SendPlan>>;
  /** period: keeps the repayment report period (`YYYY-MM`) in the workbook; the next plan shows it. */
  setReportPeriod(period: string): Promise<PaneResult<void>>;
  /** Writes each row's status as it goes; answers once every started request has finished. */
  send(options: SendOptions): Promise<PaneResult<SendSummary>>;
  /** `Loans!F7` (as `cellAddress` writes it): activates the sheet and selects the cell. */
  goToCell(address: string): Promise<PaneResult<void>>;

  attachPhotos(attachment: PhotoAttachment): Promise<PaneResult<PhotoResult>>;
  /** A Photo column after the active loans sheet's last column, its header in the pane's language. */
  addPhotoColumn(): Promise<PaneResult<PhotoColumnAdded>>;
  refreshLists(): Promise<PaneResult<ListsResult>>;
  createRepaymentTemplate(): Promise<PaneResult<TemplateResult>>;
  /** recognition: the checks' settings saved in this workbook (the Settings section on the Tools tab). */
  loadSettings(): Promise<PaneResult<WorkbookSettings>>;
  /** Saves them in the workbook (document settings) and answers with what was saved. */
  saveSettings(settings: WorkbookSettings): Promise<PaneResult<WorkbookSettings>>;
  /** What Kiva support asks for about the last calls (URL, method, time, status, Kiva's message), tokens redacted. */
  copyDiagnostics(): Promise<PaneResult<string>>;
  /** Local mode where the server cannot tell accounts apart: trades the code its console shows for a kept key. */
  pair(code: string): Promise<PaneResult<void>>;

  /** Brings the task pane into view (Office.addin.showAsTaskpane in the shared runtime). */
  showPane(): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: PaneEvent) => void): () => void;
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(code: ErrorCode, params: Record<string, string | number> = {}): { ok: false; error: PaneError } {
  return { ok: false, error: { code, params } };
}

/** A controller promise that rejects is a bug; the pane still shows something rather than freezing. */
export async function settle<T>(work: Promise<PaneResult<T>>): Promise<PaneResult<T>> {
  try {
    return await work;
  } catch (cause) {
    return fail('pane.unexpected', { detail: cause instanceof Error ? cause.name : typeof cause });
  }
}

/** Journal updates Kiva answered with a link a person must open to publish them. */
export function confirmLinks(outcomes: readonly RowOutcome[]): { row: RowRef; url: string }[] {
  const links: { row: RowRef; url: string }[] = [];
  for (const outcome of outcomes) {
    const url = outcome.kind === 'sent' ? outcome.reference?.confirmUrl : undefined;
    if (url !== undefined && /^https?:\/\//i.test(url)) links.push({ row: outcome.row, url });
  }
  return links;
}
