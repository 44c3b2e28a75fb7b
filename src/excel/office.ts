/// <reference types="office-js" />
/**
 * The one door to the `Excel` and `Office` globals. They are looked up at call time, never at import, so the
 * module loads outside Office (the workbench, jest) and picks up whatever host was installed since.
 */
import type { Result } from '../kiva/result';

/** Errors are values with a code the pane translates (src/i18n) and params that never hold a secret. */
export type ExcelErrorCode =
  | 'office.unavailable'
  | 'office.unsupported-version'
  | 'office.failed'
  | 'office.payload-too-large'
  | 'office.cell-edit-mode'
  | 'sheet.not-found'
  | 'sheet.nothing-selected'
  | 'sheet.cell-not-found'
  | 'sheet.no-table'
  | 'sheet.table-not-found';

export interface ExcelError {
  code: ExcelErrorCode;
  params: Record<string, string | number>;
}

export type ExcelResult<T> = Result<T, ExcelError>;

export function excelError(code: ExcelErrorCode, params: Record<string, string | number> = {}): ExcelError {
  return { code, params };
}

/** The shape of `OfficeExtension.Error` this adapter relies on (also what the simulated Excel throws). */
interface OfficeErrorLike {
  code: string;
  debugInfo?: { errorLocation?: string };
}

export function officeErrorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function officeErrorLocation(e: unknown): string {
  const location = (e as OfficeErrorLike | null)?.debugInfo?.errorLocation;
  return typeof location === 'string' ? location : '';
}

export function isPayloadError(e: unknown): boolean {
  const code = officeErrorCode(e);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/** An Office error (or anything thrown inside a batch) as a value; only the error code travels, never a message. */
export function toExcelError(e: unknown): ExcelError {
  if (e instanceof AdapterFailure) return e.error;
  const code = officeErrorCode(e);
  switch (code) {
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return excelError('office.payload-too-large');
    case 'InvalidOperationInCellEditMode':
      return excelError('office.cell-edit-mode');
    case 'ApiNotFound':
      return excelError('office.unsupported-version', { minimum: MINIMUM_EXCEL_API });
    case undefined:
      return excelError('office.failed', { detail: e instanceof Error ? e.name : typeof e });
    default:
      return excelError('office.failed', { detail: code });
  }
}

/** Thrown inside a batch to leave `Excel.run` with a known error value (caught by `runBatch`). */
export class AdapterFailure extends Error {
  constructor(readonly error: ExcelError) {
    super(error.code);
    this.name = 'AdapterFailure';
  }
}

/** The ExcelApi version Kiva Sheets declares in its manifest: Office 2021 and later, Excel on the web, Microsoft 365. */
export const MINIMUM_EXCEL_API = '1.10';
/** Notes (`workbook.notes`) arrived in ExcelApi 1.18; below it the status column and the pane carry the message. */
export const NOTES_EXCEL_API = '1.18';

function officeGlobal(): typeof Office | undefined {
  return typeof Office === 'undefined' ? undefined : Office;
}

function excelGlobal(): typeof Excel | undefined {
  return typeof Excel === 'undefined' ? undefined : Excel;
}

/** Version strings, never numbers: Office.js reads the number 1.10 as "1.1". */
export function isExcelApiSupported(version: string): boolean {
  const requirements = officeGlobal()?.context?.requirements;
  if (requirements === undefined || requirements === null) return false;
  try {
    return requirements.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

export interface ExcelSupport {
  /** Excel is there and new enough for everything Kiva Sheets does. */
  supported: boolean;
  /** What the pane tells the user when `supported` is false (`office.unavailable`, `office.unsupported-version`). */
  problem?: ExcelError;
  minimum: string;
  /** Invalid cells also get a note (ExcelApi 1.18); otherwise only a fill and the status line. */
  notes: boolean;
}

/** Called once at start: the pane shows `problem` in plain words when this Excel is too old. */
export function checkExcelSupport(): ExcelSupport {
  if (excelGlobal() === undefined || officeGlobal()?.context?.requirements === undefined) {
    return { supported: false, problem: excelError('office.unavailable'), minimum: MINIMUM_EXCEL_API, notes: false };
  }
  const notes = isExcelApiSupported(NOTES_EXCEL_API);
  if (!isExcelApiSupported(MINIMUM_EXCEL_API)) {
    return {
      supported: false,
      problem: excelError('office.unsupported-version', { minimum: MINIMUM_EXCEL_API }),
      minimum: MINIMUM_EXCEL_API,
      notes,
    };
  }
  return { supported: true, minimum: MINIMUM_EXCEL_API, notes };
}

export interface RunSettings {
  /**
   * Ribbon commands start while the user may be typing in a cell: wait for them to leave the cell instead of
   * failing. The pane's own runs fail fast so it can say why.
   */
  delayForCellEdit: boolean;
}

/** `Excel.run` with the adapter's options; every failure comes back as an error value. */
export async function runBatch<T>(
  settings: RunSettings,
  batch: (context: Excel.RequestContext) => Promise<T>,
): Promise<ExcelResult<T>> {
  const excel = excelGlobal();
  if (excel === undefined) return { ok: false, error: excelError('office.unavailable') };
  try {
    const value = settings.delayForCellEdit
      ? await excel.run({ delayForCellEdit: true }, batch)
      : await excel.run(batch);
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toExcelError(e) };
  }
}

/**
 * A macrotask between chunks: desktop Excel restarts an add-in that looks unresponsive for 5 s, and a chain of
 * resolved promises never lets the host breathe.
 */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
