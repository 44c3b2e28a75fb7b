/**
 * An `.xlsx` file as the Workbook port without exceljs's object model (xlsx-lean.ts reads, xlsx-patch.ts writes):
 * what `validate`, `preview` and `send` use. Only the parts the plan changes are rewritten; every other part is
 * written back as it was, so charts, pivot tables or an add-in's settings survive, and the file is never refused
 * for holding them. A file this path cannot make sense of is opened through exceljs instead (see
 * workbook-file.ts), before anything is sent.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { appError, fail, ok, type AppResult } from '../../app/errors';
import { LISTS_SHEET } from '../../app/lists-sheet';
import type { PhotoFile, ReadRequest, WorkbookPort, WorkbookSnapshot } from '../../app/ports';
import type { CellGrid, RawCell, WriteBackPlan } from '../../sheet';
import { loadPhotoFiles } from './photos';
import { describeFileError, writeAtomically } from './save';
import {
  cellFormats,
  isOwnNoteText,
  parseComments,
  parseSheet,
  REL,
  sharedStrings,
  toGrid,
  XlsxPackage,
  type SheetEntry,
} from './xlsx-lean';
import { patchPlan } from './xlsx-patch';
import { LeanUnsupported, resolveTarget } from './xlsx-xml';

export interface LeanOptions {
  outPath?: string;
  redact: (text: string) => string;
}

export class XlsxLeanWorkbookFile implements WorkbookPort {
  /** Nothing is dropped: parts this tool does not change are copied as they are. */
  readonly wouldDrop: readonly string[] = [];
  private readonly headerRows = new Map<string, number>();
  private readonly target: string;
  private changed = false;
  private strings: RawCell[] | undefined;
  private formats: (string | undefined)[] | undefined;

  private constructor(
    private readonly path: string,
    private readonly pkg: XlsxPackage,
    private readonly options: LeanOptions,
  ) {
    this.target = options.outPath ?? path;
  }

  /**
   * The file read the lean way; `unsupported` when it holds something this path does not handle (the caller
   * opens it through exceljs instead), an error when it is no readable file at all.
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
      const pkg = await XlsxPackage.load(data);
      const file = new XlsxLeanWorkbookFile(path, pkg, options);
      // Everything a run reads is parsed now, so nothing can turn out unreadable once rows have been sent.
      await file.prepare();
      return ok(file);
    } catch (e) {
      return { unsupported: String((e as Error).message ?? e) };
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
      return fail(appError('workbook-unreadable', { detail: `${this.path}: ${String((e as Error).message ?? e)}` }));
    }
  }

  loadPhotos(names: readonly string[]): Promise<ReadonlyMap<string, PhotoFile>> {
    return loadPhotoFiles(dirname(this.path), names);
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
    this.formats = cellFormats((await pkg.text(pkg.stylesPart)) as string);
    this.strings = sharedStrings(
      pkg.sharedStringsPart === undefined ? undefined : await pkg.text(pkg.sharedStringsPart),
    );
    // A quick look at every sheet: a cell type this path does not know (ISO dates) stops it here.
    for (const sheet of pkg.sheets) {
      const xml = (await pkg.text(sheet.part)) ?? '';
      if (/<c\b[^>]*\st="(?!(?:s|n|str|inlineStr|b|e)")/.test(xml)) throw new LeanUnsupported('cell type');
    }
    if (!pkg.has('[Content_Types].xml')) throw new LeanUnsupported('no content types');
  }

  private async readSnapshot(request: ReadRequest): Promise<WorkbookSnapshot> {
    const sheets = this.pkg.sheets;
    const scope = request.scope;
    const snapshot: WorkbookSnapshot = { sheets: [], mappings: {} };
    if (this.pkg.date1904) snapshot.dateSystem = 1904;
    const listsSheet = sheets.find((s) => s.name === LISTS_SHEET);
    if (request.withLists && listsSheet !== undefined) snapshot.lists = await this.grid(listsSheet);

    if (scope.kind === 'workbook') {
      for (const sheet of sheets) if (sheet.state === 'visible') snapshot.sheets.push(await this.grid(sheet));
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
    return snapshot;
  }

  private async grid(sheet: SheetEntry, headerOnly = false): Promise<CellGrid> {
    const parsed = parseSheet((await this.pkg.text(sheet.part)) ?? '', {
      strings: this.strings ?? [],
      formats: this.formats ?? [],
      date1904: this.pkg.date1904,
    });
    if (!headerOnly) this.headerRows.set(sheet.name, parsed.range?.top ?? 1);
    return toGrid(sheet.name, parsed, await this.ownNotes(sheet), headerOnly);
  }

  private async ownNotes(sheet: SheetEntry): Promise<Set<string>> {
    const rel = (await this.pkg.rels(sheet.part)).find((r) => r.type === REL.comments);
    if (rel === undefined) return new Set();
    const comments = parseComments(await this.pkg.text(resolveTarget(sheet.part, rel.target)));
    return new Set(comments.filter((c) => isOwnNoteText(c.text)).map((c) => c.ref));
  }

  private findSheet(name: string): SheetEntry | undefined {
    const wanted = name.toLowerCase();
    return this.pkg.sheets.find((s) => s.name.toLowerCase() === wanted);
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
