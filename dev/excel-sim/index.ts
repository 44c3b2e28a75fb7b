/**
 * A simulated Excel for jest and the workbench page: a workbook model plus the subset of the Excel JavaScript API
 * that `src/excel` uses, with Office.js's proxy/load/sync rules and Excel on the web's limits. Only this module is the
 * public surface. Never imported by `src/`.
 */
export {
  createExcelHost,
  type SimExcel,
  type RunOptions,
  type AddinCommandEvent,
  type AsyncResult,
  type ExcelHost,
  type ExcelHostOptions,
} from './host';
export {
  SimWorkbook,
  SimWorksheet,
  DEFAULT_LIMITS,
  type CellBorders,
  type DataValidationRule,
  type SheetVisibility,
  type SimCellSnapshot,
  type SimLimits,
  type SimWorkbookOptions,
  type SimWorksheetChangedArgs,
  type SyncRecord,
  type ValueType,
} from './workbook';
export { loadWorkbook, dumpWorkbook, type SimSheetData, type SimWorkbookData } from './data';
export {
  gridView,
  type GridCell,
  type GridColumn,
  type GridRow,
  type GridView,
  type GridViewOptions,
  type SheetTab,
} from './grid-view';
export { SimOfficeError, type SimDebugInfo } from './errors';
export { SimRequestContext, utf8Length } from './runtime/context';
export { SimClientObject, SimClientResult } from './runtime/client-object';
export {
  DEFAULT_REQUIREMENT_SETS,
  OFFICE_2021_REQUIREMENT_SETS,
  isSetSupported,
  type RequirementSets,
} from './requirements';
export { displayText, serialFromDate, serialFromJsDate, partsFromSerial } from './number-format';
export { ERROR_LITERALS, evaluateFormula, interpretInput, normalizeColor, type CellScalar } from './values';
export { MAX_COLUMNS, MAX_ROWS, columnLetters, parseAddress, formatRect } from './address';
export { MAX_INLINE_LIST } from './runtime/range-objects';
