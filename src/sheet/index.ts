/**
 * src/sheet — the sheet core: cells → Kiva request bodies, issues at their cells, and write-back plans.
 * Pure functions on pure data, shared by the task pane, the ribbon commands and the command line.
 */
export type { CellGrid, RawCell, ExcelErrorCell } from './cells';
export { excelErrorOf, isBlankCell, unwrapCell } from './cells';
export { cellAddress, columnLetter, columnNumber, sheetPrefix } from './addresses';
export { fold as normaliseHeader } from './normalise';
export type { FieldName, SheetKind } from './fields';
export { aliasesOf, KIND_FIELDS, REQUIRED_COLUMNS, SHEET_KINDS } from './fields';
export type { ColumnInfo, HeaderMap, KindDetection, KindEvidence, KindReason, StatusColumn } from './headers';
export { detectKind, kindsFromSheetName, mapHeaders } from './headers';
export type { MappingOverride, OverrideParse } from './mapping-override';
export { parseMappingOverride, serialiseMappingOverride } from './mapping-override';
export type { MessageLanguage, SheetSettings, WorkbookSettingName, WorkbookSettings } from './settings';
export {
  DEFAULT_SETTINGS,
  layerSettings,
  parseWorkbookSettings,
  resolveSettings,
  serialiseWorkbookSettings,
  WORKBOOK_SETTING_NAMES,
  WORKBOOK_SETTINGS_KEY,
} from './settings';
export type { Issue, IssueCode, IssueParam, Severity } from './issues';
export type { Catalogue } from './messages';
export {
  CATALOGUES,
  describeKind,
  formatGroupMessage,
  formatIssue,
  formatKivaWarning,
  formatMessage,
  pluralForm,
  pluralText,
  type PluralText,
} from './messages';
export { groupCells, groupFirstRange, groupIssues, issueKey, type IssueGroup } from './issue-groups';
export { daysFromIso, isoFromDays, serialToIso } from './coerce/dates';
export { parseNumberText } from './coerce/numbers';
export { isDateFormat } from './coerce/number-formats';
export type { AttachedPhotos, PhotoResolution, PhotoResolver } from './photos';
export { loanIdOfCell } from './photos';
export type { LookupList, Resolution } from './lookups';
export { indexConfig } from './lookups';
export type { ParsedStatus, StatusKind, StatusLine } from './status';
export { describeChanges, environmentName, formatStamp, formatStatus, isAlreadySent, parseStatus } from './status';
export type { RowState, SkipReason } from './rows';
export type { Endpoint, JournalsBody, KivaItems, PreparedRequest } from './requests';
export { toKivaItems } from './requests';
export type { Conversion, ConvertInput, SheetConversion } from './convert';
export { convertSheet, convertWorkbook } from './convert';
export type { PreviewItem } from './preview';
export { preview } from './preview';
export type {
  CallRecord,
  CellMark,
  CellRef,
  LogPlan,
  SendFeedback,
  SheetWriteBack,
  StatusWrite,
  WriteBackPlan,
} from './write-back';
export {
  BORDER,
  describeRows,
  FILL,
  LOG_SHEET,
  NOTE_PREFIX,
  OWN_BORDERS,
  OWN_FILLS,
  planSendWriteBack,
  STATUS_BORDER,
  STATUS_FILL,
  statusLook,
} from './write-back';
export { cellText, redactSecrets } from './safe-text';
export type { ListedLoan, Portfolio, PortfolioLoan } from './portfolio';
export {
  isKivaLoansSheet,
  KIVA_LOANS_SHEET,
  KIVA_LOANS_SHEET_NAMES,
  portfolioOf,
  repayingPortfolioOf,
  REPAYING_STATUSES,
} from './portfolio';
