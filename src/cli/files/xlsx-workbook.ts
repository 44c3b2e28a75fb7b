/**
 * An `.xlsx` file as the Workbook port, through exceljs: read once, changed in memory, written back whole (through
 * a temporary file, so a crash never leaves half a workbook). Every other sheet, formula and format is written back
 * as exceljs read it.
 *
 * `apply` and `writeSheet` change the workbook in memory; the command saves the file once the use case has
 * returned, so that everything the run held (rows, requests, outcomes) is freed before exceljs serialises the
 * whole workbook, the most memory-hungry moment of a run.
 */
import ExcelJS from 'exceljs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { appError, fail, ok, type AppResult } from '../../app/errors';
import { LISTS_SHEET } from '../../app/lists-sheet';
import type { PhotoFile, ReadRequest, SheetTable, WorkbookPort, WorkbookSnapshot } from '../../app/ports';
import type { CellGrid, WorkbookSettings, WriteBackPlan } from '../../sheet';
import { readAddinSettings } from './addin-settings';
import { filesThenKept, keptPhotos, type KeptPhotos } from './photo-parts';
import { loadPhotoFiles } from './photos';
import { hasCustomXml, withCustomXmlOf } from './keep-custom-xml';
import { describeFileError, writeAtomically } from './save';
import { partsExceljsDrops } from './xlsx-parts';
import { readGrid, usedRange } from './xlsx-grid';
import { applyPlan } from './xlsx-write';
import { ZipPackage } from './zip';

export interface XlsxOptions {
  /** Where to write (default: the file itself). */
  outPath?: string;
  /** Last guard before anything reaches the disk. */
  redact: (text: string) => string;
}

/** Excel refuses longer sheet names. */
const MAX_SHEET_NAME = 31;

export class XlsxWorkbookFile implements WorkbookPort {
  private readonly headerRows = new Map<string, number>();
  private readonly target: string;
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly workbook: ExcelJS.Workbook,
    private readonly options: XlsxOptions,
    /** What exceljs would drop on saving this file (see xlsx-parts.ts). */
    readonly wouldDrop: readonly string[] = [],
    /** recognition: the checks' settings the pane saved in the file (exceljs does not read add-in parts). */
    private readonly settings?: WorkbookSettings,
  ) {
    this.target = options.outPath ?? path;
  }

  static async open(path: string, options: XlsxOptions): Promise<AppResult<XlsxWorkbookFile>> {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.readFile(path);
    } catch (e) {
      const detail = (e as NodeJS.ErrnoException).code !== undefined ? describeFileError(e) : 'not an .xlsx workbook';
      return fail(appError('workbook-unreadable', { detail: `${path}: ${detail}` }));
    }
    const wouldDrop = await partsExceljsDrops(path).catch(() => []);
    return ok(new XlsxWorkbookFile(path, workbook, options, wouldDrop, await settingsOf(path)));
  }

  /** The file when it exists, else a new empty workbook that will be written there. */
  static async openOrCreate(path: string, options: XlsxOptions): Promise<AppResult<XlsxWorkbookFile>> {
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    return exists
      ? XlsxWorkbookFile.open(path, options)
      : ok(new XlsxWorkbookFile(path, new ExcelJS.Workbook(), options));
  }

  get file(): string {
    return this.target;
  }

  sheetNames(): string[] {
    return this.workbook.worksheets.map((ws) => ws.name);
  }

  async read(request: ReadRequest): Promise<AppResult<WorkbookSnapshot>> {
    const sheets = this.workbook.worksheets;
    const scope = request.scope;
    const snapshot: WorkbookSnapshot = { sheets: [], mappings: {} };
    if (this.workbook.properties.date1904) snapshot.dateSystem = 1904;
    if (this.settings !== undefined) snapshot.settings = this.settings;
    const listsSheet = this.workbook.getWorksheet(LISTS_SHEET);
    if (request.withLists && listsSheet !== undefined) snapshot.lists = this.grid(listsSheet);

    if (scope.kind === 'workbook') {
      // A hidden sheet is kept out of sight on purpose: it is not sent unless named with --sheet.
      snapshot.sheets = sheets
        .filter((ws) => ws.state === 'visible' || ws.state === undefined)
        .map((ws) => this.grid(ws));
      return ok(snapshot);
    }
    // The command line has no active sheet: without --sheet, the first one stands for it.
    const target = (scope.kind === 'sheet' ? this.findSheet(scope.sheet) : sheets[0])?.name;
    if (target === undefined) {
      const asked = scope.kind === 'sheet' ? scope.sheet : '';
      return fail(appError('sheet-not-found', { sheet: asked, sheets: this.sheetNames().join(', ') }));
    }
    for (const ws of sheets) {
      if (ws.name === target) {
        snapshot.sheets.push(this.grid(ws));
        continue;
      }
      const range = usedRange(ws);
      if (request.isReference(readGrid(ws, range, true), undefined)) snapshot.sheets.push(this.grid(ws, range));
    }
    snapshot.targets = [target];
    return ok(snapshot);
  }

  /** A file beside the workbook, else the photo the pane kept in the workbook under that name (photo-parts.ts). */
  async loadPhotos(names: readonly string[]): Promise<ReadonlyMap<string, PhotoFile>> {
    return filesThenKept(await loadPhotoFiles(dirname(this.path), names), await this.kept());
  }

  /** Photos the pane attached to loans whose row has no photo cell, kept in the workbook. */
  async loadLoanPhotos(loanIds: readonly string[]): Promise<ReadonlyMap<string, PhotoFile & { name: string }>> {
    return (await this.kept()).byLoan(loanIds);
  }

  private keptParts: Promise<KeptPhotos> | undefined;

  /** exceljs reads no custom XML parts: the file's package is read for them (a new file has none). */
  private kept(): Promise<KeptPhotos> {
    const none: KeptPhotos = { byName: async () => new Map(), byLoan: async () => new Map() };
    this.keptParts ??= readFile(this.path)
      .then((data) => ZipPackage.open(data))
      .then(keptPhotos, () => none);
    return this.keptParts;
  }

  async apply(plan: WriteBackPlan): Promise<AppResult<void>> {
    try {
      applyPlan(this.workbook, plan, (sheet) => this.headerRowOf(sheet), this.options.redact);
    } catch (e) {
      return fail(appError('workbook-write-failed', { detail: String((e as Error).message ?? e) }));
    }
    this.changed = true;
    return ok(undefined);
  }

  async writeSheet(table: SheetTable, mode: 'replace' | 'new'): Promise<AppResult<{ sheet: string }>> {
    const existing = this.findSheet(table.name);
    if (mode === 'replace' && existing !== undefined) this.workbook.removeWorksheet(existing.id);
    const name = mode === 'replace' ? table.name : this.freeName(table.name);
    const ws = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    (table.widths ?? []).forEach((width, k) => {
      ws.getColumn(k + 1).width = width;
    });
    // Set before the rows exist, so cells typed later in these columns are text too.
    for (const k of table.textColumns ?? []) ws.getColumn(k + 1).numFmt = '@';
    for (const values of table.rows) ws.addRow(values.map((v) => (typeof v === 'string' ? this.options.redact(v) : v)));
    ws.getRow(1).font = { bold: true };
    this.changed = true;
    return ok({ sheet: name });
  }

  async saveMapping(): Promise<AppResult<void>> {
    return fail(appError('not-supported', { detail: 'the command line keeps no mapping in the workbook; use --kind' }));
  }

  /** Writes what the use case changed to the file (or `--out`); nothing when nothing changed. */
  save(): Promise<AppResult<void>> {
    return this.changed ? this.saveTo(this.target) : Promise.resolve(ok(undefined));
  }

  /** Writes the workbook as it is now (statuses included), elsewhere when the usual place failed. */
  async saveTo(path: string): Promise<AppResult<void>> {
    try {
      const source = await this.customXmlSource();
      await writeAtomically(path, async (temporary) => {
        if (source === undefined) return this.workbook.xlsx.writeFile(temporary);
        // exceljs would drop the custom XML parts (the pane's photos): they are put back into what it wrote.
        const written = Buffer.from(await this.workbook.xlsx.writeBuffer());
        await writeFile(temporary, await withCustomXmlOf(source, written));
      });
      return ok(undefined);
    } catch (e) {
      return fail(appError('workbook-write-failed', { detail: `${path}: ${describeFileError(e)}` }));
    }
  }

  /** The file as it was opened, when it holds custom XML parts (a new file, or one without, has none to keep). */
  private async customXmlSource(): Promise<ZipPackage | undefined> {
    const data = await readFile(this.path).catch(() => undefined);
    if (data === undefined) return undefined;
    const zip = await ZipPackage.open(data).catch(() => undefined);
    return zip !== undefined && hasCustomXml(zip) ? zip : undefined;
  }

  private grid(ws: ExcelJS.Worksheet, range = usedRange(ws)): CellGrid {
    this.headerRows.set(ws.name, range?.top ?? 1);
    return readGrid(ws, range);
  }

  private headerRowOf(sheet: string): number {
    return this.headerRows.get(sheet) ?? 1;
  }

  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    const wanted = name.toLowerCase();
    return this.workbook.worksheets.find((ws) => ws.name.toLowerCase() === wanted);
  }

  /** Excel compares sheet names without case. */
  private freeName(name: string): string {
    const base = name.slice(0, MAX_SHEET_NAME);
    if (this.findSheet(base) === undefined) return base;
    for (let n = 2; ; n++) {
      const suffix = ` ${n}`;
      const candidate = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
      if (this.findSheet(candidate) === undefined) return candidate;
    }
  }
}

/**
 * The settings the pane saved, read from the file's web extension part as the lean path reads them. A file exceljs
 * opened but whose package this cannot read leaves them at their defaults, as a damaged part does there.
 */
async function settingsOf(path: string): Promise<WorkbookSettings | undefined> {
  try {
    return await readAddinSettings(await ZipPackage.open(await readFile(path)));
  } catch {
    return undefined;
  }
}
