/**
 * A workbook file by its extension: `.xlsx` read and patched the lean way (exceljs for the rare file the patcher
 * cannot handle), `.csv` (and Excel's tab-separated `.txt`) as one sheet. `.xls`, `.ods`
 * and `.xlsb` are refused with the way out ("save it as Excel Workbook"): the one npm library that reads them
 * all (`xlsx`, SheetJS) is no longer maintained on npm and has known vulnerabilities in its last published
 * version, and a partner's file is untrusted input.
 */
import { extname } from 'node:path';
import { fail, type AppResult } from '../../app/errors';
import { CsvWorkbookFile } from './csv-workbook';
import { FileProblem } from './problems';
import { XlsxLeanWorkbookFile } from './xlsx-lean-workbook';
import type { XlsxWorkbookFile } from './xlsx-workbook';
import { limitsFrom } from './zip';

export type WorkbookFile = XlsxLeanWorkbookFile | XlsxWorkbookFile | CsvWorkbookFile;

export type FileKind = 'xlsx' | 'csv';

export function fileKind(path: string): FileKind | undefined {
  const ext = extname(path).toLowerCase();
  // .xlsm is refused: exceljs (the fallback) would drop the macros. `.txt` is Excel's "Unicode text" (UTF-16,
  // tab-separated), read as CSV.
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' || ext === '.txt' ? 'csv' : undefined;
}

const OTHER_FORMATS: Readonly<Record<string, 'format-xls' | 'format-ods' | 'format-xlsb'>> = {
  '.xls': 'format-xls',
  '.ods': 'format-ods',
  '.xlsb': 'format-xlsb',
};

export interface OpenOptions {
  /** For a CSV file: its sheet's name (default: the file name). */
  sheetName?: string;
  outPath?: string;
  redact: (text: string) => string;
}

export async function openWorkbookFile(path: string, options: OpenOptions): Promise<AppResult<WorkbookFile>> {
  const kind = fileKind(path);
  if (kind === undefined) {
    const ext = extname(path).toLowerCase();
    const reason = OTHER_FORMATS[ext] ?? 'format-other';
    return fail(new FileProblem('refused', ext === '' ? path : ext, reason, { ext }).toAppError(path));
  }
  const common = { redact: options.redact, ...(options.outPath !== undefined ? { outPath: options.outPath } : {}) };
  if (kind === 'xlsx') {
    // The lean path reads and patches the file without exceljs's object model (a fraction of the memory, and
    // nothing exceljs would drop is lost); a file it does not handle goes through exceljs, before anything is sent.
    const lean = await XlsxLeanWorkbookFile.open(path, { ...common, limits: limitsFrom(process.env) });
    if (!('unsupported' in lean)) return lean;
    // Loaded only for such a file: exceljs takes longer to load than the lean path takes to read 100,000 rows.
    // `require`, not `import()`, for the reason given in src/cli/main.ts.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { XlsxWorkbookFile: Fallback } = require('./xlsx-workbook') as typeof import('./xlsx-workbook');
    return Fallback.open(path, common);
  }
  return CsvWorkbookFile.open(path, {
    ...common,
    ...(options.sheetName !== undefined ? { sheetName: options.sheetName } : {}),
  });
}
