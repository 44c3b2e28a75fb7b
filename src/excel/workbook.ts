/// <reference types="office-js" />
/**
 * The Office.js `WorkbookPort` of src/app, over this folder's pieces. One `Excel.run` per port call; inside it, one
 * round trip per chunk. What it learns about the workbook (sheet names, settings, header rows) is kept between calls
 * so that the write after a read needs no extra round trip to find the status column's header row, the marks left
 * by the last run or whether the `Kiva log` sheet exists.
 */
import {
  appError,
  LISTS_SHEET,
  type AppError,
  type AppResult,
  type PhotoFile,
  type ReadRequest,
  type SheetTable,
  type WorkbookPort,
  type WorkbookSnapshot,
} from '../app';
import {
  FILL,
  LOG_SHEET,
  mapHeaders,
  parseStatus,
  parseWorkbookSettings,
  serialiseMappingOverride,
  serialiseWorkbookSettings,
  WORKBOOK_SETTINGS_KEY,
  type CellGrid,
  type MappingOverride,
  type StatusColumn,
  type WorkbookSettings,
  type WriteBackPlan,
} from '../sheet';
import { columnLetter, parseAddress } from './a1';
import { editedMarksPlan, editedRows, namesCell, type CellEdit, type EditedRow } from './edits';
import { dropdownTargets, queueDropdowns, withDropdownColumns } from './lists';
import {
  AdapterFailure,
  checkExcelSupport,
  excelError,
  isExcelApiSupported,
  NOTES_EXCEL_API,
  officeErrorCode,
  runBatch,
  yieldToHost,
  type ExcelError,
  type ExcelResult,
  type ExcelSupport,
} from './office';
import {
  isGuessRefused,
  queueHeaderProbes,
  RangeReader,
  type HeaderProbe,
  type ReadStats,
  type ReadTarget,
  type SheetRead,
  type StartedRead,
} from './read';
import {
  findSheet,
  MAPPING_KEY,
  MARKS_KEY,
  mappingsOf,
  queueState,
  REPORT_PERIOD_KEY,
  reportPeriodOf,
  type WorkbookState,
} from './state';
import { DEFAULT_TUNING, type Tuning } from './tuning';
import { packOperations, planOperations, PlanWriter, type ApplyReport } from './write';

/** Status cells read after one batch of edits at most: a paste over more rows leaves theirs to the next check. */
const MAX_STATUS_READS = 1_000;

/** The lists sheet is read in the first round trip too; it is small, so it gets a small guess. */
const LISTS_BLOCK_CELLS = 20_000;

export interface ExcelWorkbookOptions {
  /**
   * Ribbon commands: wait until the user leaves cell-edit mode instead of failing (`Excel.run({ delayForCellEdit })`).
   * The pane fails fast and says why.
   */
  delayForCellEdit?: boolean;
  tuning?: Partial<Tuning>;
  /** Photo files the user attached in the pane, by the name a photo cell gives; default: none found. */
  photos?: (names: readonly string[]) => Promise<ReadonlyMap<string, PhotoFile>>;
  /** Photos the user attached in the pane to loans (by loan id) whose row has no photo cell. */
  loanPhotos?: (loanIds: readonly string[]) => Promise<ReadonlyMap<string, PhotoFile & { name: string }>>;
}

/** What one port call cost, for the pane's diagnostics and the benchmark. */
export interface CallStats {
  operation:
    'read' | 'apply' | 'clearEdited' | 'writeSheet' | 'saveMapping' | 'saveSettings' | 'readSettings' | 'goToCell';
  syncs: number;
  read?: ReadStats;
  apply?: ApplyReport;
}

/** What the adapter remembers between calls; shared by the pane's port and the ribbon's. */
class Memory {
  state: WorkbookState | undefined;
  headerRows = new Map<string, number>();
  /** The last read of each sheet, for the pane (detectSheet shows the selection). */
  reads = new Map<string, SheetRead>();
}

export class ExcelWorkbook implements WorkbookPort {
  private readonly tuning: Tuning;
  /** Filled after every call. */
  lastCall: CallStats | undefined;

  constructor(
    private readonly options: ExcelWorkbookOptions = {},
    private readonly memory: Memory = new Memory(),
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
  }

  /** The same workbook for ribbon commands: same memory, but runs wait for the user to leave a cell. */
  forRibbon(): ExcelWorkbook {
    return new ExcelWorkbook({ ...this.options, delayForCellEdit: true }, this.memory);
  }

  /** Whether this Excel is new enough (ExcelApi 1.10) and writes notes (1.18): the pane says so at start. */
  support(): ExcelSupport {
    return checkExcelSupport();
  }

  /** The last read of a sheet (selection, header row, area), for the pane. */
  lastRead(sheet: string): SheetRead | undefined {
    return this.memory.reads.get(sheet);
  }

  private run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<ExcelResult<T>> {
    return runBatch({ delayForCellEdit: this.options.delayForCellEdit === true }, batch);
  }

  async read(request: ReadRequest): Promise<AppResult<WorkbookSnapshot>> {
    const support = checkExcelSupport();
    if (!support.supported) return notSupported(support);
    let stats: ReadStats | undefined;
    const result = await this.run(async (context) => {
      const reader = new RangeReader(context, this.tuning);
      stats = reader.stats;
      return this.readIn(context, reader, request);
    });
    this.lastCall = { operation: 'read', syncs: stats?.syncs ?? 0, ...(stats ? { read: stats } : {}) };
    if (!result.ok) {
      this.memory.state = undefined;
      return { ok: false, error: readError(result.error) };
    }
    return { ok: true, value: result.value };
  }

  private async readIn(
    context: Excel.RequestContext,
    reader: RangeReader,
    request: ReadRequest,
  ): Promise<WorkbookSnapshot> {
    const known = this.memory.state;
    const scope = request.scope;
    const target =
      scope.kind === 'workbook'
        ? undefined
        : scope.kind === 'sheet'
          ? ({ kind: 'sheet', sheet: scope.sheet } as const)
          : ({ kind: scope.kind } as const);

    // The first round trip: the workbook's state, a first block of the target and of the lists sheet, and (when
    // the sheet names are known from an earlier call) the header rows the reference test needs.
    let withBlocks = true;
    let takeState: () => WorkbookState;
    let started: StartedRead | undefined;
    let lists: StartedRead | undefined;
    let takeProbes: (() => HeaderProbe[]) | undefined;
    for (;;) {
      takeState = queueState(context);
      started = target === undefined ? undefined : reader.start(target, withBlocks);
      lists = request.withLists
        ? reader.start({ kind: 'sheet', sheet: LISTS_SHEET }, withBlocks, LISTS_BLOCK_CELLS)
        : undefined;
      takeProbes =
        known !== undefined && target !== undefined
          ? queueHeaderProbes(context, probeNames(known, target.kind === 'sheet' ? target.sheet : undefined))
          : undefined;
      try {
        await reader.sync();
        break;
      } catch (e) {
        if (!withBlocks || !isGuessRefused(e)) throw e;
        withBlocks = false;
        reader.stats.halvings += officeErrorCode(e) === 'InvalidArgument' ? 0 : 1;
      }
    }
    const state = takeState();
    this.memory.state = state;
    const mappings = mappingsOf(state);
    const sheets: CellGrid[] = [];
    const remember = (read: SheetRead): void => {
      this.memory.headerRows.set(read.sheet, read.headerRow);
      this.memory.reads.set(read.sheet, read);
      sheets.push(read.grid);
    };

    let targets: string[] | undefined;
    if (started !== undefined && target !== undefined) {
      const read = await reader.finish(started, state);
      if (read === undefined) {
        throw new AdapterFailure(
          excelError('sheet.not-found', {
            sheet: target.kind === 'sheet' ? target.sheet : '',
            sheets: state.sheets.map((s) => s.name).join(', '),
          }),
        );
      }
      remember(read);
      targets = [read.sheet];
      // Header rows asked for up front cover the sheets known then; sheets added since are asked now.
      const probes = takeProbes?.() ?? [];
      const probed = new Set(probes.map((p) => p.grid.sheet.toLowerCase()));
      const missing = probeNames(state, read.sheet).filter((n) => !probed.has(n.toLowerCase()));
      if (missing.length > 0) {
        const take = queueHeaderProbes(context, missing);
        await yieldToHost();
        await reader.sync();
        probes.push(...take());
      }
      for (const probe of probes) {
        if (probe.grid.sheet === read.sheet || probe.grid.values.length === 0) continue;
        if (!request.isReference(probe.grid, mappings[probe.grid.sheet])) continue;
        await yieldToHost();
        const reference = await reader.read({ kind: 'sheet', sheet: probe.grid.sheet }, state);
        if (reference !== undefined) remember(reference);
      }
    } else {
      // Every sheet: the command line's default, also possible from the pane.
      for (const entry of state.sheets) {
        if (entry.name === LOG_SHEET || entry.name === LISTS_SHEET) continue;
        await yieldToHost();
        const read = await reader.read({ kind: 'sheet', sheet: entry.name }, state);
        if (read !== undefined) remember(read);
      }
    }

    const snapshot: WorkbookSnapshot = { sheets: inWorkbookOrder(sheets, state), mappings };
    if (targets !== undefined) snapshot.targets = targets;
    const period = reportPeriodOf(state);
    if (period !== undefined) snapshot.reportPeriod = period;
    // recognition: the checks' settings (the pane's Settings section), read in the same batch as the state.
    const stored = state.settings.get(WORKBOOK_SETTINGS_KEY);
    if (stored !== undefined && stored !== null) snapshot.settings = parseWorkbookSettings(stored);
    if (lists !== undefined) {
      const read = await reader.finish(lists, state);
      if (read !== undefined && read.grid.values.length > 0) snapshot.lists = read.grid;
    }
    return snapshot;
  }

  async loadPhotos(names: readonly string[]): Promise<ReadonlyMap<string, PhotoFile>> {
    if (this.options.photos !== undefined) return this.options.photos(names);
    return new Map(names.map((n) => [n, { problem: 'not-found' } as const]));
  }

  async loadLoanPhotos(loanIds: readonly string[]): Promise<ReadonlyMap<string, PhotoFile & { name: string }>> {
    return this.options.loanPhotos !== undefined ? this.options.loanPhotos(loanIds) : new Map();
  }

  async apply(plan: WriteBackPlan): Promise<AppResult<void>> {
    let report: ApplyReport | undefined;
    let syncs = 0;
    const result = await this.run(async (context) => {
      let state = this.memory.state;
      if (state === undefined) {
        // Written without a read first: the marks registry and the log sheet must be known before writing.
        const take = queueState(context);
        syncs++;
        await context.sync();
        state = take();
      }
      const planned = planOperations({
        plan,
        state,
        headerRows: this.memory.headerRows,
        notes: isExcelApiSupported(NOTES_EXCEL_API),
        tuning: this.tuning,
      });
      report = planned.report;
      const writer = new PlanWriter(context, planned.report);
      await writer.apply(packOperations(planned.ops, this.tuning));
      this.memory.state = afterApply(state, planned.registry, plan.log.lines.length > 0 ? plan.log.sheet : undefined);
    });
    this.lastCall = { operation: 'apply', syncs: syncs + (report?.syncs ?? 0), ...(report ? { apply: report } : {}) };
    if (!result.ok) {
      this.memory.state = undefined;
      return { ok: false, error: writeError(result.error) };
    }
    return { ok: true, value: undefined };
  }

  /**
   * Takes this tool's marks off the cells the user edited (src/excel/edits.ts): no round trip when none of them
   * carries one, else one write for the whole batch (and one read first when no call has read the workbook yet).
   * Answers how many cells lost their mark.
   */
  async clearEdited(edits: readonly CellEdit[]): Promise<AppResult<number>> {
    if (edits.length === 0 || !checkExcelSupport().supported) return { ok: true, value: 0 };
    if (this.memory.state === undefined) {
      const result = await this.run(async (context) => {
        const take = queueState(context);
        await context.sync();
        this.memory.state = take();
      });
      this.lastCall = { operation: 'clearEdited', syncs: 1 };
      if (!result.ok) return { ok: false, error: readError(result.error) };
    }
    const state = this.memory.state;
    const plan = state === undefined ? undefined : editedMarksPlan(state, edits);
    if (state === undefined || plan === undefined) return { ok: true, value: 0 };
    await this.withClearedStatuses(state, plan);
    const applied = await this.apply(plan);
    if (!applied.ok) return applied;
    return { ok: true, value: plan.sheets.reduce((n, s) => n + s.clear.length, 0) };
  }

  /**
   * Adds to a clear-only plan the `Invalid: …` statuses that go with the marks (edits.ts), read in one round trip
   * with the status column's header and the fills of the marks the rows keep (an error fill left means the row is
   * still invalid). The status column is where the last read found it, or where the check after that read created
   * it (after the last column), and is used only if its header says so. Only on sheets the pane has read, and for
   * at most `MAX_STATUS_READS` rows a batch; anything else is left to the next check, as is everything when the read
   * fails.
   */
  private async withClearedStatuses(state: WorkbookState, plan: WriteBackPlan): Promise<void> {
    const targets: {
      part: WriteBackPlan['sheets'][number];
      column: StatusColumn;
      headerRow: number;
      rows: EditedRow[];
    }[] = [];
    for (const part of plan.sheets) {
      const read = this.memory.reads.get(part.sheet);
      if (read === undefined) continue;
      const headers = { ...read.grid, values: read.grid.values.slice(0, 1) };
      const column = mapHeaders(headers, mappingsOf(state)[part.sheet]).statusColumn;
      const rows = editedRows(state, part).slice(0, MAX_STATUS_READS);
      if (rows.length > 0) targets.push({ part, column, headerRow: read.headerRow, rows });
    }
    if (targets.length === 0) return;
    const read = await this.run(async (context) => {
      const loaded = targets.map((t) => {
        const ws = context.workbook.worksheets.getItem(t.part.sheet);
        const cell = (address: string) => ws.getRange(address);
        return {
          header: cell(`${t.column.column}${t.headerRow}`).load('values'),
          statuses: t.rows.map((r) => cell(`${t.column.column}${r.row}`).load('values')),
          fills: t.rows.map((r) => r.others.map((c) => cell(`${c.column}${c.row}`).format.fill.load('color'))),
        };
      });
      await context.sync();
      return loaded.map((l) => ({
        header: l.header.values[0]?.[0] as unknown,
        statuses: l.statuses.map((range) => range.values[0]?.[0] as unknown),
        errorLeft: l.fills.map((fills) => fills.some((f) => String(f.color).toUpperCase() === FILL.error)),
      }));
    });
    if (!read.ok) return;
    targets.forEach((t, i) => {
      const found = read.value[i];
      if (found === undefined) return;
      if (!mapHeaders({ sheet: t.part.sheet, values: [[found.header ?? null]] }).statusColumn.exists) return;
      const statuses = t.rows
        .filter((r, k) => {
          const status = parseStatus(found.statuses[k]);
          return status.kind === 'invalid' && found.errorLeft[k] !== true && namesCell(status.detail ?? '', r.edited);
        })
        .map((r) => ({ row: r.row, text: '', fill: null, border: null }));
      if (statuses.length === 0) return;
      t.part.statuses = statuses;
      t.part.statusColumn = { ...t.column, exists: true, header: String(found.header), create: false };
    });
  }

  async writeSheet(table: SheetTable, mode: 'replace' | 'new'): Promise<AppResult<{ sheet: string }>> {
    let syncs = 0;
    const result = await this.run(async (context) => {
      const sync = async (): Promise<void> => {
        syncs++;
        await context.sync();
      };
      const isLists = mode === 'replace' && table.name.toLowerCase() === LISTS_SHEET.toLowerCase();
      let state = this.memory.state;
      let probes: HeaderProbe[] = [];
      if (state === undefined || isLists) {
        // The lists need the header rows of the loans sheets, to know where their dropdowns go.
        const take = state === undefined ? queueState(context) : undefined;
        const takeProbes = state !== undefined ? queueHeaderProbes(context, probeNames(state)) : undefined;
        await sync();
        state = take?.() ?? state;
        if (state === undefined) throw new AdapterFailure(excelError('office.failed', { detail: 'state' }));
        if (takeProbes !== undefined) probes = takeProbes();
        else if (isLists && probeNames(state).length > 0) {
          const again = queueHeaderProbes(context, probeNames(state));
          await sync();
          probes = again();
        }
      }
      try {
        return await this.writeTable(context, sync, state, table, mode, isLists ? probes : undefined);
      } catch (e) {
        // A sheet added since the last read took the name: learn the names again, then pick another name (new)
        // or write into that sheet (replace).
        if (officeErrorCode(e) !== 'ItemAlreadyExists') throw e;
        const take = queueState(context);
        await sync();
        return this.writeTable(context, sync, take(), table, mode, isLists ? probes : undefined);
      }
    });
    this.lastCall = { operation: 'writeSheet', syncs };
    if (!result.ok) {
      this.memory.state = undefined;
      return { ok: false, error: writeError(result.error) };
    }
    return result;
  }

  /** One sheet written whole: `probes` (the lists sheet only) say where the dropdowns go. */
  private async writeTable(
    context: Excel.RequestContext,
    sync: () => Promise<void>,
    state: WorkbookState,
    table: SheetTable,
    mode: 'replace' | 'new',
    probes: HeaderProbe[] | undefined,
  ): Promise<{ sheet: string }> {
    const existing = findSheet(state, table.name);
    const name = mode === 'new' ? freeName(state, table.name) : (existing?.name ?? table.name);
    const sheets = context.workbook.worksheets;
    let ws: Excel.Worksheet;
    if (mode === 'replace' && existing !== undefined) {
      ws = sheets.getItem(name);
      // Cleared, not deleted: dropdowns elsewhere keep pointing at this sheet.
      ws.getRange().clear('All');
    } else ws = sheets.add(name);

    let rows = table.rows.map((r) => [...r]);
    let sources: ReturnType<typeof withDropdownColumns>['sources'] | undefined;
    if (probes !== undefined) {
      const extended = withDropdownColumns(rows);
      rows = extended.rows;
      sources = extended.sources;
    }
    const width = Math.max(1, ...rows.map((r) => r.length));
    const text = new Set(table.textColumns ?? []);
    for (const c of text) {
      // The whole column, so ids typed later keep their leading zeros too.
      const letters = columnLetter(c + 1);
      ws.getRange(`${letters}:${letters}`).numberFormat = '@' as unknown as string[][];
    }
    const perChunk = Math.max(1, Math.floor(this.tuning.chunkCells / width));
    for (let start = 0; start < rows.length; start += perChunk) {
      if (start > 0) {
        await sync();
        await yieldToHost();
      }
      const part = rows
        .slice(start, start + perChunk)
        .map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
      const range = ws.getRangeByIndexes(start, 0, part.length, width);
      // Text as text: `@` first, then the values, in the same round trip.
      range.numberFormat = part.map((r) => r.map((v, c) => (text.has(c) || typeof v === 'string' ? '@' : 'General')));
      range.values = part;
    }
    ws.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
    ws.freezePanes.freezeRows(1);
    setWidths(ws.getRangeByIndexes(0, 0, Math.max(1, rows.length), width), table.widths);
    if (probes !== undefined && sources !== undefined) {
      ws.visibility = 'Hidden';
      queueDropdowns(context, name, dropdownTargets(probes, mappingsOf(state)), sources);
    }
    if (mode === 'new') ws.activate();
    await sync();
    const visibility = probes !== undefined ? 'Hidden' : 'Visible';
    this.memory.state = {
      ...state,
      sheets: findSheet(state, name) !== undefined ? state.sheets : [...state.sheets, { name, visibility }],
    };
    return { sheet: name };
  }

  async saveMapping(sheet: string, override: MappingOverride): Promise<AppResult<void>> {
    const value = serialiseMappingOverride(override);
    const result = await this.run(async (context) => {
      context.workbook.settings.add(MAPPING_KEY + sheet, value);
      await context.sync();
    });
    this.lastCall = { operation: 'saveMapping', syncs: 1 };
    if (!result.ok) return { ok: false, error: writeError(result.error) };
    const state = this.memory.state;
    if (state !== undefined) {
      const settings = new Map(state.settings);
      settings.set(MAPPING_KEY + sheet, value);
      this.memory.state = { ...state, settings };
    }
    return { ok: true, value: undefined };
  }

  /** period: keeps the repayment report period in the workbook's settings (the Send tab shows and changes it). */
  async saveReportPeriod(period: string): Promise<AppResult<void>> {
    const result = await this.run(async (context) => {
      context.workbook.settings.add(REPORT_PERIOD_KEY, period);
      await context.sync();
    });
    this.lastCall = { operation: 'saveMapping', syncs: 1 };
    if (!result.ok) return { ok: false, error: writeError(result.error) };
    const state = this.memory.state;
    if (state !== undefined) {
      const settings = new Map(state.settings);
      settings.set(REPORT_PERIOD_KEY, period);
      this.memory.state = { ...state, settings };
    }
    return { ok: true, value: undefined };
  }

  /** recognition: saves the checks' settings as one document setting (one sync), as saveMapping does a mapping. */
  async saveSettings(settings: WorkbookSettings): Promise<AppResult<void>> {
    const value = serialiseWorkbookSettings(settings);
    const result = await this.run(async (context) => {
      context.workbook.settings.add(WORKBOOK_SETTINGS_KEY, value);
      await context.sync();
    });
    this.lastCall = { operation: 'saveSettings', syncs: 1 };
    if (!result.ok) return { ok: false, error: writeError(result.error) };
    const state = this.memory.state;
    if (state !== undefined) {
      const stored = new Map(state.settings);
      stored.set(WORKBOOK_SETTINGS_KEY, value);
      this.memory.state = { ...state, settings: stored };
    }
    return { ok: true, value: undefined };
  }

  /** recognition: the checks' settings as saved in the workbook (one sync; nothing else is read). */
  async readSettings(): Promise<ExcelResult<WorkbookSettings>> {
    let stored: unknown;
    const result = await this.run(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(WORKBOOK_SETTINGS_KEY);
      setting.load('value');
      await context.sync();
      stored = setting.isNullObject ? undefined : setting.value;
    });
    this.lastCall = { operation: 'readSettings', syncs: 1 };
    if (!result.ok) return result;
    return { ok: true, value: stored === undefined ? {} : parseWorkbookSettings(stored) };
  }

  /**
   * One range outside the use cases' scopes: an Excel table by name (header row included), or any `ReadTarget`.
   * Remembered like the port's reads, so a plan applied next finds its header row.
   */
  async readRange(target: ReadTarget): Promise<ExcelResult<SheetRead>> {
    let stats: ReadStats | undefined;
    const result = await this.run(async (context) => {
      const reader = new RangeReader(context, this.tuning);
      stats = reader.stats;
      const takeState = queueState(context);
      let started = reader.start(target, true);
      try {
        await reader.sync();
      } catch (e) {
        if (!isGuessRefused(e)) throw e;
        started = reader.start(target, false);
        await reader.sync();
      }
      const state = takeState();
      this.memory.state = state;
      const read = await reader.finish(started, state);
      if (read === undefined) {
        throw new AdapterFailure(
          target.kind === 'table'
            ? excelError('sheet.table-not-found', { table: target.table })
            : excelError('sheet.not-found', { sheet: target.kind === 'sheet' ? target.sheet : '' }),
        );
      }
      this.memory.headerRows.set(read.sheet, read.headerRow);
      this.memory.reads.set(read.sheet, read);
      return read;
    });
    this.lastCall = { operation: 'read', syncs: stats?.syncs ?? 0, ...(stats ? { read: stats } : {}) };
    return result;
  }

  /** The Excel table under the active cell (one small round trip to find it, then `readRange`). */
  async readCurrentTable(): Promise<ExcelResult<SheetRead>> {
    const found = await this.run(async (context) => {
      const active = context.workbook.getActiveCell();
      active.load('address');
      const tables = context.workbook.worksheets.getActiveWorksheet().tables.load('items/name');
      await context.sync();
      const ranges = tables.items.map((t) => t.getRange().load('address'));
      await context.sync();
      const cell = parseAddress(active.address)?.area;
      const hit = tables.items.find((_, i) => {
        const area = parseAddress(ranges[i]?.address ?? '')?.area;
        return (
          cell !== undefined &&
          area !== undefined &&
          cell.top >= area.top &&
          cell.top <= area.bottom &&
          cell.left >= area.left &&
          cell.left <= area.right
        );
      });
      if (hit === undefined) throw new AdapterFailure(excelError('sheet.no-table'));
      return hit.name;
    });
    if (!found.ok) return found;
    return this.readRange({ kind: 'table', table: found.value });
  }

  /** `Loans!F7` (as src/sheet's `cellAddress` writes it): activates the sheet and selects the cell. */
  async goToCell(address: string): Promise<ExcelResult<void>> {
    const parsed = parseAddress(address);
    if (parsed === undefined) return { ok: false, error: excelError('sheet.cell-not-found', { address }) };
    const local = address.slice(address.lastIndexOf('!') + 1);
    const result = await this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const ws = parsed.sheet === undefined ? sheets.getActiveWorksheet() : sheets.getItem(parsed.sheet);
      ws.activate();
      ws.getRange(local).select();
      await context.sync();
    });
    this.lastCall = { operation: 'goToCell', syncs: 1 };
    if (!result.ok) {
      const code = result.error.code;
      if (code === 'office.failed' || code === 'sheet.not-found') {
        return { ok: false, error: excelError('sheet.cell-not-found', { address }) };
      }
      return result;
    }
    return result;
  }
}

export function createExcelWorkbook(options: ExcelWorkbookOptions = {}): ExcelWorkbook {
  return new ExcelWorkbook(options);
}

/** Sheets whose header row the reference test needs: all but the target and this tool's own sheets. */
function probeNames(state: WorkbookState, except?: string): string[] {
  const skip = new Set([LOG_SHEET, LISTS_SHEET, except ?? ''].map((n) => n.toLowerCase()));
  return state.sheets.map((s) => s.name).filter((n) => !skip.has(n.toLowerCase()));
}

function inWorkbookOrder(grids: CellGrid[], state: WorkbookState): CellGrid[] {
  const position = new Map(state.sheets.map((s, i) => [s.name, i]));
  return [...grids].sort((a, b) => (position.get(a.sheet) ?? 0) - (position.get(b.sheet) ?? 0));
}

/** `Repayments`, else `Repayments 2`, `Repayments 3`… (Excel compares names case-insensitively; 31 characters). */
function freeName(state: WorkbookState, base: string): string {
  if (findSheet(state, base) === undefined) return base;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    if (findSheet(state, name) === undefined) return name;
  }
}

/** Column widths in characters → points, where this Excel has them; otherwise Excel fits the columns itself. */
function setWidths(range: Excel.Range, widths: readonly number[] | undefined): void {
  const format = range.format;
  if (widths === undefined || !('columnWidth' in format)) {
    format.autofitColumns();
    return;
  }
  widths.forEach((chars, c) => {
    range.getColumn(c).format.columnWidth = Math.round(chars * 5.25 + 4);
  });
}

function afterApply(
  state: WorkbookState,
  registry: ReadonlyMap<string, string | null>,
  logSheet: string | undefined,
): WorkbookState {
  const settings = new Map(state.settings);
  for (const [sheet, value] of registry) {
    if (value === null) settings.delete(MARKS_KEY + sheet);
    else settings.set(MARKS_KEY + sheet, value);
  }
  const sheets =
    logSheet !== undefined && findSheet(state, logSheet) === undefined
      ? [...state.sheets, { name: logSheet, visibility: 'Visible' }]
      : state.sheets;
  return { sheets, settings };
}

/** English fallback wording for logs and the command line; faces translate `params.office`. */
const DETAIL: Record<ExcelError['code'], string> = {
  'office.unavailable': 'Excel is not available here',
  'office.unsupported-version': 'this version of Excel is too old (ExcelApi 1.10 or later is needed)',
  'office.failed': 'Excel could not finish the task',
  'office.payload-too-large': 'too much at once for Excel; select fewer rows',
  'office.cell-edit-mode': 'Excel is editing a cell; press Enter or Esc and try again',
  'sheet.not-found': 'the sheet does not exist',
  'sheet.nothing-selected': 'nothing is selected',
  'sheet.cell-not-found': 'the cell no longer exists',
  'sheet.no-table': 'the selection is in no table',
  'sheet.table-not-found': 'the table does not exist',
};

function withDetail(code: 'workbook-unreadable' | 'workbook-write-failed', error: ExcelError): AppError {
  const detail =
    error.code === 'office.failed' && typeof error.params.detail === 'string'
      ? `${DETAIL[error.code]} (${error.params.detail})`
      : DETAIL[error.code];
  return appError(code, { detail, office: error.code });
}

function readError(error: ExcelError): AppError {
  if (error.code === 'sheet.not-found') {
    return appError('sheet-not-found', {
      sheet: String(error.params.sheet ?? ''),
      sheets: String(error.params.sheets ?? ''),
    });
  }
  if (error.code === 'office.unsupported-version' || error.code === 'office.unavailable') {
    return appError('not-supported', { detail: DETAIL[error.code], office: error.code });
  }
  return withDetail('workbook-unreadable', error);
}

function writeError(error: ExcelError): AppError {
  if (error.code === 'office.unsupported-version' || error.code === 'office.unavailable') {
    return appError('not-supported', { detail: DETAIL[error.code], office: error.code });
  }
  return withDetail('workbook-write-failed', error);
}

function notSupported(support: ExcelSupport): { ok: false; error: AppError } {
  const code = support.problem?.code ?? 'office.unsupported-version';
  return { ok: false, error: appError('not-supported', { detail: DETAIL[code], office: code }) };
}
