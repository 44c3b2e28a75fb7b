/** A workbook file by its extension: `.xlsx` through exceljs, `.csv` as one sheet. */
import { extname } from 'node:path';
import { appError, fail, type AppResult } from '../../app/errors';
import { CsvWorkbookFile } from './csv-workbook';
import { XlsxLeanWorkbookFile } from './xlsx-lean-workbook';
import { XlsxWorkbookFile } from './xlsx-workbook';

export type WorkbookFile = XlsxLeanWorkbookFile | XlsxWorkbookFile | CsvWorkbookFile;

export type FileKind = 'xlsx' | 'csv';

export function fileKind(path: string): FileKind | undefined {
  const ext = extname(path).toLowerCase();
  // .xlsm and .xls are refused: exceljs would drop the macros, and cannot read the old format.
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : undefined;
}

export interface OpenOptions {
  /** For a CSV file: its sheet's name (default: the file name). */
  sheetName?: string;
  outPath?: string;
  redact: (text: string) => string;
}

export async function openWorkbookFile(path: string, options: OpenOptions): Promise<AppResult<WorkbookFile>> {
  const kind = fileKind(path);
  if (kind === undefined) {
    return fail(appError('workbook-unreadable', { detail: `${path}: only .xlsx and .csv files are supported` }));
  }
  const common = { redact: options.redact, ...(options.outPath !== undefined ? { outPath: options.outPath } : {}) };
  if (kind === 'xlsx') {
    // The lean path reads and patches the file without exceljs's object model (a fraction of the memory, and
    // nothing exceljs would drop is lost); a file it does not handle goes through exceljs, before anything is sent.
    const lean = await XlsxLeanWorkbookFile.open(path, common);
    if (!('unsupported' in lean)) return lean;
    return XlsxWorkbookFile.open(path, common);
  }
  return CsvWorkbookFile.open(path, {
    ...common,
    ...(options.sheetName !== undefined ? { sheetName: options.sheetName } : {}),
  });
}
