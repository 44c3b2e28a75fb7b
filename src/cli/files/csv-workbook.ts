/**
 * A `.csv` file (or Excel's tab-separated "Unicode text" `.txt`) as a one-sheet workbook. Statuses go into a
 * `Kiva status` column of the file itself; fills and notes have no place in CSV (the command line prints every
 * problem instead); the `Kiva log` goes to a sibling file, `<name>.kiva-log.csv`, appended to at each send, in the
 * file's own encoding and delimiter. As with the .xlsx port, changes are made in memory and the command saves
 * them once the use case has returned. A damaged file (a quote never closed, a control character) is refused when
 * it is opened, so it is never rewritten, `--mark` or not. A `;`-separated file has a decimal comma unless the
 * settings say otherwise; a file that is not UTF-8 is read as Windows-1252, and the run says so.
 */
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { appError, fail, ok, type AppResult } from '../../app/errors';
import type { Notice } from '../../app/messages';
import type { PhotoFile, ReadRequest, SheetTable, WorkbookPort, WorkbookSnapshot } from '../../app/ports';
import type { CellGrid, WriteBackPlan } from '../../sheet';
import { csvBytes, csvField, encodeText, ENCODING_NAMES, readCsvBytes, type CsvDocument } from './csv';
import { loadPhotoFiles } from './photos';
import { FileProblem } from './problems';
import { describeFileError, writeAtomically } from './save';

export interface CsvOptions {
  /** The sheet name used in messages and statuses (default: the file name without `.csv`). */
  sheetName?: string;
  /** Where to write (default: the file itself). */
  outPath?: string;
  /** Last guard before anything reaches the disk. */
  redact: (text: string) => string;
}

export class CsvWorkbookFile implements WorkbookPort {
  /** Problems that did not stop the run (the log file could not be written). */
  readonly warnings: { file: string; detail: string }[] = [];
  /** A CSV file loses nothing it could hold. */
  readonly wouldDrop: readonly string[] = [];
  private target: string;
  private changed = false;
  private logLines: { headers: readonly string[]; lines: string[][] } | undefined;

  private constructor(
    private readonly path: string,
    private document: CsvDocument,
    readonly sheet: string,
    private readonly options: CsvOptions,
  ) {
    this.target = options.outPath ?? path;
  }

  static async open(path: string, options: CsvOptions): Promise<AppResult<CsvWorkbookFile>> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      return fail(appError('workbook-unreadable', { detail: `${path}: ${describeFileError(e)}` }));
    }
    let document: CsvDocument;
    try {
      document = readCsvBytes(bytes);
    } catch (e) {
      if (e instanceof FileProblem) return fail(e.toAppError(path));
      throw e;
    }
    const name = options.sheetName ?? basename(path, extname(path));
    return ok(new CsvWorkbookFile(path, document, name, options));
  }

  /** A new CSV file for a table this tool writes (a repayments template). */
  static create(path: string, options: CsvOptions): CsvWorkbookFile {
    const document: CsvDocument = {
      records: [],
      delimiter: ',',
      newline: '\r\n',
      encoding: 'utf-8',
      bom: true,
      finalNewline: true,
    };
    return new CsvWorkbookFile(path, document, options.sheetName ?? basename(path, extname(path)), options);
  }

  get file(): string {
    return this.target;
  }

  /** `report.csv` → `report.kiva-log.csv` */
  get logFile(): string {
    return join(dirname(this.target), `${basename(this.target, extname(this.target))}.kiva-log.csv`);
  }

  sheetNames(): string[] {
    return [this.sheet];
  }

  async read(request: ReadRequest): Promise<AppResult<WorkbookSnapshot>> {
    const scope = request.scope;
    if (scope.kind === 'sheet' && scope.sheet !== this.sheet) {
      return fail(appError('sheet-not-found', { sheet: scope.sheet, sheets: this.sheet }));
    }
    const grid: CellGrid = { sheet: this.sheet, values: this.document.records };
    // The file was named on the command line: its one sheet is the target, recognised or not.
    const snapshot: WorkbookSnapshot = { sheets: [grid], targets: [this.sheet], mappings: {} };
    // Excel writes `;` where the decimal separator is a comma (Spanish, French Windows): so do its numbers.
    if (this.document.delimiter === ';') snapshot.decimalSeparator = ',';
    const notices: Notice[] = [];
    if (this.document.encoding === 'windows-1252') {
      notices.push({
        code: 'file-encoding-assumed',
        params: { file: basename(this.path), encoding: ENCODING_NAMES['windows-1252'] },
      });
    }
    if (notices.length > 0) snapshot.notices = notices;
    return ok(snapshot);
  }

  loadPhotos(names: readonly string[]): Promise<ReadonlyMap<string, PhotoFile>> {
    return loadPhotoFiles(dirname(this.path), names);
  }

  async apply(plan: WriteBackPlan): Promise<AppResult<void>> {
    for (const part of plan.sheets) {
      const column = part.statusColumn;
      if (part.sheet !== this.sheet || column === undefined) continue;
      const records = this.document.records;
      const index = column.number - 1;
      const put = (row: number, text: string): void => {
        const record = (records[row - 1] ??= []);
        while (record.length <= index) record.push('');
        record[index] = text;
      };
      if (column.create) put(1, column.header);
      for (const status of part.statuses) put(status.row, this.options.redact(status.text));
      if (column.create || part.statuses.length > 0) this.changed = true;
    }
    if (plan.log.lines.length > 0) {
      this.logLines ??= { headers: plan.log.headers, lines: [] };
      this.logLines.lines.push(...plan.log.lines);
    }
    return ok(undefined);
  }

  async writeSheet(table: SheetTable): Promise<AppResult<{ sheet: string }>> {
    this.document.records = table.rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));
    this.changed = true;
    return ok({ sheet: this.sheet });
  }

  async saveMapping(): Promise<AppResult<void>> {
    return fail(appError('not-supported', { detail: 'a CSV file keeps no settings; use --kind' }));
  }

  /** Writes what the use case changed: the file (or `--out`), then the log beside it. */
  async save(): Promise<AppResult<void>> {
    if (this.changed) {
      const saved = await this.saveTo(this.target);
      if (!saved.ok) return saved;
    }
    if (this.logLines !== undefined) await this.appendLog(this.logLines);
    return ok(undefined);
  }

  /** Writes the file as it is now (statuses included), elsewhere when the usual place failed. */
  async saveTo(path: string): Promise<AppResult<void>> {
    try {
      const data = csvBytes(this.document);
      await writeAtomically(path, (temporary) => writeFile(temporary, data));
      return ok(undefined);
    } catch (e) {
      return fail(appError('workbook-write-failed', { detail: `${path}: ${describeFileError(e)}` }));
    }
  }

  private async appendLog(log: { headers: readonly string[]; lines: string[][] }): Promise<void> {
    const { delimiter, newline, encoding } = this.document;
    const line = (cells: readonly string[]): string =>
      cells.map((c) => csvField(this.options.redact(c), delimiter)).join(delimiter) + newline;
    const exists = await stat(this.logFile).then(
      () => true,
      () => false,
    );
    const head = exists ? '' : (this.document.bom ? '\uFEFF' : '') + line(log.headers);
    try {
      await appendFile(this.logFile, encodeText(head + log.lines.map(line).join(''), encoding));
      this.logLines = undefined;
    } catch (e) {
      this.warnings.push({ file: this.logFile, detail: describeFileError(e) });
    }
  }
}
