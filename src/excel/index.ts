/**
 * src/excel — the only code that touches Office.js. It reads ranges into src/sheet's `CellGrid`, applies
 * src/sheet's `WriteBackPlan`s, and implements src/app's `WorkbookPort`; it holds no business rules.
 *
 *   const workbook = createExcelWorkbook();            // the task pane's port
 *   const ribbon = workbook.forRibbon();               // ribbon commands: Excel.run({ delayForCellEdit: true })
 *   const support = workbook.support();                // at start: tell the user when Excel is older than 1.10
 *   await validate({ workbook, kiva }, input);          // src/app use cases take the port unchanged
 */
export { createExcelWorkbook, ExcelWorkbook, type CallStats, type ExcelWorkbookOptions } from './workbook';
export {
  checkExcelSupport,
  MINIMUM_EXCEL_API,
  NOTES_EXCEL_API,
  type ExcelError,
  type ExcelErrorCode,
  type ExcelResult,
  type ExcelSupport,
} from './office';
export type { ReadStats, ReadTarget, SheetRead } from './read';
export type { ApplyReport } from './write';
export { DROPDOWN_HEADERS, LIST_FIELDS, type ListField } from './lists';
export { DEFAULT_TUNING, type Tuning } from './tuning';
export { SETTING_PREFIX } from './state';
export { watchEdits, watchWorkbook, type StopWatching } from './events';
export type { CellEdit } from './edits';
export { createWorkbookPhotos, type KeptPhoto, type WorkbookPhotos } from './photo-parts';
