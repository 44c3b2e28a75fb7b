/**
 * src/app — the use cases (validate, preview, send, import loans, refresh lists, save a mapping) over two ports.
 * Every face calls these unchanged: the command line with files and src/kiva, the add-in with Office.js and HTTP.
 * No Office, React, exceljs or Node built-ins here: what the use cases need from the world is injected.
 */
export type {
  AppProgress,
  Clock,
  KivaBatching,
  KivaCall,
  KivaPort,
  KivaSendOptions,
  KivaSendResult,
  PhotoFile,
  PhotoProblem,
  ReadRequest,
  SheetScope,
  SheetTable,
  WorkbookPort,
  WorkbookSnapshot,
} from './ports';
export type { AppError, AppErrorCode, AppErrorParams, AppResult } from './errors';
export { appError, fromKiva } from './errors';
export type { Notice, NoticeCode } from './messages';
export { appCatalogue, formatAppError, formatKivaError, formatNotice } from './messages';
export { FILE_PROBLEM_CODES, type FileProblemCode } from './file-problems';
export type { Ports, RunInput } from './prepare';
export { isReferenceSheet, isScheduleSheet } from './prepare';
export type { RowCounts } from './row-counts';
export type { IdleReason, SheetSummary } from './sheet-summary';
export { validate, type ValidateInput, type ValidateReport } from './validate';
export { preview, type PreviewInput, type PreviewReport } from './preview';
export { nextSteps, warnedRows, type NextStep } from './next-steps';
export { send, type ConfirmUrl, type SendInput, type SendReport, type SendSummary } from './send';
export { findingCounts, type LedgerFinding } from './ledger-rows';
export { importLoans, REPAYABLE_STATUSES, type ImportLoansInput, type ImportLoansReport } from './import-loans';
export { refreshLists, type RefreshListsReport } from './refresh-lists';
// protocol: the connection check (kiva-sheets doctor, the pane's Test the connection).
export {
  doctor,
  DOCTOR_CHECKS,
  type DoctorCheck,
  type DoctorCode,
  type DoctorLine,
  type DoctorOutcome,
  type DoctorPort,
  type DoctorReport,
  type DoctorStatus,
  type TokenFacts,
} from './doctor';
export { kivaDoctorPort, type KivaDoctorPortOptions } from './doctor-port';
export { doctorHeading, doctorLineText, doctorOutcomeText, doctorText, type DoctorLineText } from './doctor-texts';
export { saveMapping } from './save-mapping';
export { LISTS_SHEET, listsTable, readListsSheet } from './lists-sheet';
export {
  KIVA_LOANS_MAX_AGE_DAYS,
  kivaLoansTable,
  readKivaLoansSheet,
  type KivaLoansProblem,
  type KivaLoansRead,
} from './kiva-loans-sheet';
export { repaymentsTemplate, type RepaymentsTemplate } from './repayments-template';
export { isEmptyPlan, mergePlans } from './plans';
export { createClientKivaPort, DEFAULT_BATCHING, type ClientKivaPortOptions } from './kiva-client-port';
export {
  apiAppError,
  createApiClient,
  createHttpKivaPort,
  publishedBatching,
  PAIRING_KEY_HEADER,
  type ApiCallRecord,
  type ApiClient,
  type ApiClientOptions,
  type ApiEnvironment,
  type ApiFailure,
  type ApiResult,
  type HttpKivaPortOptions,
} from './http-kiva-port';
export { hostRuntime, systemClock } from './host-runtime';
export { kivaPortfolio, type PortfolioList, type PortfolioPort } from './portfolio';
