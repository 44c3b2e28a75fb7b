/**
 * An `.xlsx` file as the Workbook port without exceljs's object model (xlsx-lean.ts reads, xlsx-patch.ts writes):
 * what `validate`, `preview` and `send` use. Only the parts the plan changes are rewritten; every other part is
 * written back as it was, so charts, pivot tables or an add-in's settings survive, and the file is never refused
 * for holding them. Every sheet is parsed when the file is opened, so a damaged part stops the run before
 * anything is built or sent; a valid file this path cannot patch (no styles part) is opened through exceljs
 * instead (see workbook-file.ts).
 */
import { readAddinSettings } from './addin-settings';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { appError, fail, ok, type AppResult } from '../../app/errors';
import { LISTS_SHEET } from '../../app/lists-sheet';
import type { PhotoFile, ReadRequest, WorkbookPort, WorkbookSnapshot } from '../../app/ports';
import type { CellGrid, RawCell, WriteBackPlan } from '../../sheet';
import { filesThenKept, keptPhotos, type KeptPhotos } from './photo-parts';
import { loadPhotoFiles } from './photos';
import { FileProblem, LeanUnsupported } from './problems';
import { describeFileError, writeAtomically } from './save';
import { isOwnNoteText, parseComments, resolveTarget, toGrid, XlsxPackage, type SheetEntry } from './xlsx-lean';
import { patchPlan } from './xlsx-patch';
import { Styles } from './xlsx-styles-patch';
import { parseXmlText } from './xml';
import { readCellFormats, readSharedStrings, readSheet, type ParsedSheet } from './xlsx-read';
import type { InflateLimits } from './zip';

export interface LeanOptions {
  outPath?: string;
  redact: (text: string) => string;
  limits?: InflateLimits;
}

export class XlsxLeanWorkbookFile implements WorkbookPort {
  /** Nothing is dropped: parts this tool does not change are copied as they are. */
  readonly wouldDrop: readonly string[] = [];
  private readonly headerRows = new Map<string, number>();
  private readonly target: string;
  private changed = false;
  private strings: RawCell[] | undefined;
  private formats: (string | undefined)[] | undefined;
  /** Sheets parsed when the file was opened, until they are read once. */
  private readonly parsed = new Map<string, ParsedSheet>();

  private constructor(
    private readonly path: string,
    private readonly pkg: XlsxPackage,
    private readonly options: LeanOptions,
  ) {
    this.target = options.outPath ?? path;
  }

  /**
   * The file read the lean way; `unsupported` when it holds something this path does not handle (the caller
   * opens it through exceljs instead), an error when it is damaged or no readable file at all.
   */
  static async open(
    path: string,
    options: LeanOptions,
  ): Promise<AppResult<XlsxLeanWorkbookFile> | { unsupported: string }> {
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch (e) {
      return fail(appError('workbook-unreadable', { detail: `${path}: ${describeFileError(e)}` }));
    }
    try {
      const pkg = await XlsxPackage.load(data, options.limits);
      const file = new XlsxLeanWorkbookFile(path, pkg, options);
      // Everything a run reads is parsed now, so nothing can turn out unreadable once rows have been sent.
      await file.prepare();
      return ok(file);
    } catch (e) {
      if (e instanceof FileProblem) return fail(e.toAppError(path));
      if (e instanceof LeanUnsupported) return { unsupported: e.message };
      throw e;
    }
  }

  get file(): string {
    return this.target;
  }

  sheetNames(): string[] {
    return this.pkg.sheets.map((s) => s.name);
  }

  async read(request: ReadRequest): Promise<AppResult<WorkbookSnapshot>> {
    try {
      return ok(await this.readSnapshot(request));
    } catch (e) {
      if (e instanceof SheetNotFound) return fail(appError('sheet-not-found', { sheet: e.sheet, sheets: e.sheets }));
      if (e instanceof FileProblem) return fail(e.toAppError(this.path));
      return fail(appError('workbook-unreadable', { detail: `${this.path}: ${String((e as Error).message ?? e)}` }));
    }
  }

  /** A file beside the workbook, else the photo the pane kept in the workbook under that name (photo-parts.ts). */
  async loadPhotos(names: readonly string[]): Promise<ReadonlyMap<string, PhotoFile>> {
    return filesThenKept(await loadPhotoFiles(dirname(this.path), names), this.kept());
  }

  /** Photos the pane attached to loans whose row has no photo cell, kept in the workbook. */
  loadLoanPhotos(loanIds: readonly string[]): Promise<ReadonlyMap<string, PhotoFile & { name: string }>> {
    return this.kept().byLoan(loanIds);
  }

  private keptParts: KeptPhotos | undefined;

  private kept(): KeptPhotos {
    this.keptParts ??= keptPhotos(this.pkg.zip);
    return this.keptParts;
  }

  async apply(plan: WriteBackPlan): Promise<AppResult<void>> {
    try {
      await patchPlan(this.pkg, plan, (sheet) => this.headerRows.get(sheet) ?? 1, this.options.redact);
    } catch (e) {
      return fail(appError('workbook-write-failed', { detail: String((e as Error).message ?? e) }));
    }
    this.changed = true;
    return ok(undefined);
  }

  async writeSheet(): Promise<AppResult<{ sheet: string }>> {
    return fail(appError('not-supported', { detail: 'sheets are written through exceljs' }));
  }

  async saveMapping(): Promise<AppResult<void>> {
    return fail(appError('not-supported', { detail: 'the command line keeps no mapping in the workbook; use --kind' }));
  }

  save(): Promise<AppResult<void>> {
    return this.changed ? this.saveTo(this.target) : Promise.resolve(ok(undefined));
  }

  async saveTo(path: string): Promise<AppResult<void>> {
    try {
      const data = await this.pkg.build();
      await writeAtomically(path, (temporary) => writeFile(temporary, data));
      return ok(undefined);
    } catch (e) {
      return fail(appError('workbook-write-failed', { detail: `${path}: ${describeFileError(e)}` }));
    }
  }

  private async prepare(): Promise<void> {
    const pkg = this.pkg;
    if (pkg.stylesPart === undefined) throw new LeanUnsupported('no styles part');
    this.formats = await readCellFormats(pkg.zip, pkg.stylesPart);
    this.strings = pkg.sharedStringsPart === undefined ? [] : await readSharedStrings(pkg.zip, pkg.sharedStringsPart);
    // Every sheet, hidden ones and the log included: the patcher rewrites some of them after sending.
    for (const sheet of pkg.sheets) this.parsed.set(sheet.part, await this.parse(sheet));
    for (const sheet of pkg.sheets) await this.ownNotes(sheet);
    // What the patcher will need after sending is checked now: the styles it appends to, the drawings of notes.
    new Styles(pkg.stylesPart, (await pkg.text(pkg.stylesPart)) as string);
    for (const sheet of pkg.sheets) {
      for (const rel of await pkg.rels(sheet.part)) {
        if (rel.kind !== 'vmlDrawing') continue;
        const part = resolveTarget(sheet.part, rel.target);
        const vml = await pkg.text(part);
        // Legacy VML is not always well-formed XML (Excel's own form controls): such a file goes to exceljs.
        if (vml !== undefined && !wellFormed(part, vml)) throw new LeanUnsupported(`${part} is not well-formed`);
      }
    }
  }

  private async parse(sheet: SheetEntry): Promise<ParsedSheet> {
    const ctx = { strings: this.strings ?? [], formats: this.formats ?? [] };
    const parsed = await readSheet(this.pkg.zip, sheet.part, ctx);
    this.pkg.rememberLegacyDrawing(sheet.part, parsed.legacyDrawing);
    this.pkg.rememberRowIndex(sheet.part, parsed.index);
    return parsed;
  }

  private async readSnapshot(request: ReadRequest): Promise<WorkbookSnapshot> {
    const sheets = this.pkg.sheets;
    const scope = request.scope;
    const snapshot: WorkbookSnapshot = { sheets: [], mappings: {} };
    if (this.pkg.date1904) snapshot.dateSystem = 1904;
    // recognition: the checks' settings the pane saved in the workbook.
    const settings = await readAddinSettings(this.pkg.zip);
    if (settings !== undefined) snapshot.settings = settings;
    const listsSheet = sheets.find((s) => s.name === LISTS_SHEET);
    if (request.withLists && listsSheet !== undefined) snapshot.lists = await this.grid(listsSheet);

    if (scope.kind === 'workbook') {
      for (const sheet of sheets) if (sheet.state === 'visible') snapshot.sheets.push(await this.grid(sheet));
      this.parsed.clear();
      return snapshot;
    }
    const target = (scope.kind === 'sheet' ? this.findSheet(scope.sheet) : sheets[0])?.name;
    if (target === undefined) {
      const asked = scope.kind === 'sheet' ? scope.sheet : '';
      throw new SheetNotFound(asked, this.sheetNames().join(', '));
    }
    for (const sheet of sheets) {
      if (sheet.name === target) {
        snapshot.sheets.push(await this.grid(sheet));
        continue;
      }
      const header = await this.grid(sheet, true);
      if (request.isReference(header, undefined)) snapshot.sheets.push(await this.grid(sheet));
    }
    snapshot.targets = [target];
    this.parsed.clear();
    return snapshot;
  }

  private async grid(sheet: SheetEntry, headerOnly = false): Promise<CellGrid> {
    const cached = this.parsed.get(sheet.part);
    if (!headerOnly) this.parsed.delete(sheet.part);
    const parsed = cached ?? (await this.parse(sheet));
    if (!headerOnly) this.headerRows.set(sheet.name, parsed.range?.top ?? 1);
    return toGrid(sheet.name, parsed, await this.ownNotes(sheet), headerOnly);
  }

  private async ownNotes(sheet: SheetEntry): Promise<Set<string>> {
    const rel = (await this.pkg.rels(sheet.part)).find((r) => r.kind === 'comments');
    if (rel === undefined) return new Set();
    const part = resolveTarget(sheet.part, rel.target);
    const comments = parseComments(part, await this.pkg.text(part));
    return new Set(comments.filter((c) => isOwnNoteText(c.text)).map((c) => c.ref));
  }

  private findSheet(name: string): SheetEntry | undefined {
    const wanted = name.toLowerCase();
    return this.pkg.sheets.find((s) => s.name.toLowerCase() === wanted);
  }
}

function wellFormed(part: string, xml: string): boolean {
  try {
    parseXmlText(part, xml, {});
    return true;
  } catch {
    return false;
  }
}

class SheetNotFound extends Error {
  constructor(
    readonly sheet: string,
    readonly sheets: string,
  ) {
    super(`no sheet ${sheet}`);
  }
}
