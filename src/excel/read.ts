/// <reference types="office-js" />
/**
 * Reading a sheet, a table or the selection's sheet into a `CellGrid`: values, number formats and row visibility,
 * one round trip per chunk. The first round trip reads a block big enough for a typical Kiva sheet together with
 * the range's size (and the workbook's state), so a sheet of up to ~5,000 rows × 24 columns costs one sync.
 */
import type { CellGrid, MappingOverride, RawCell } from '../sheet';
import { isEntireColumns, parseAddress, parseAreas, type Area } from './a1';
import { AdapterFailure, excelError, isPayloadError, officeErrorCode, yieldToHost } from './office';
import { marksOf, mappingOf, type WorkbookState } from './state';
import type { Tuning } from './tuning';

export type ReadTarget =
  /** A worksheet's used range (values only, explicit bounds: never whole columns). */
  | { kind: 'sheet'; sheet: string }
  /** The active worksheet's used range. */
  | { kind: 'active' }
  /** The used range of the selection's worksheet, with the selected rows as `selectedRows`. */
  | { kind: 'selection' }
  /** An Excel table, header row included. */
  | { kind: 'table'; table: string };

export interface SheetRead {
  sheet: string;
  grid: CellGrid;
  /** What was read (`Loans!A1:T5001`), 1-based; absent for an empty sheet. */
  area?: Area;
  /** Excel row number of the header row (the first row read). */
  headerRow: number;
  /** The mapping override saved for this sheet, if any. */
  mapping?: MappingOverride;
  /** Selection targets: the selection as Excel reports it and the rows it touches. */
  selection?: { address: string; rows: number[]; entireColumns: boolean };
  table?: string;
}

export interface ReadStats {
  syncs: number;
  /** Cell blocks read (one per sync, except the hidden-row passes). */
  chunks: number;
  /** Extra round trips spent on rows hidden by the user or a filter. */
  visibilityPasses: number;
  /** Chunks halved after Excel refused the payload (a safety net: normal chunking never needs it). */
  halvings: number;
}

/** 0-based, as `getRangeByIndexes` takes it. */
interface Tile {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

interface TileData {
  tile: Tile;
  values: RawCell[][];
  formats: (string | null)[][];
  /** Range-level `rowHidden`: false when every row shows (the common case), null when mixed. */
  rowHidden: boolean | null;
  /** 0-based sheet rows that show, when `rowHidden` was mixed and the visible view has been read. */
  visible?: Set<number>;
  /** The visible view could not answer (its first column is hidden): ask row by row. */
  viewFailed?: boolean;
}

interface PendingTile {
  tile?: Tile;
  range: Excel.Range;
  column?: Excel.Range;
  view?: Excel.RangeView;
}

const BLOCK_PROPS = 'rowIndex,columnIndex,rowCount,columnCount,values,numberFormat,rowHidden';
/** Per-row `rowHidden` costs ~280 request bytes a row: a last resort when the visible view cannot answer. */
const ROW_PROBES_PER_SYNC = 5_000;

/** A target whose first round trip has been queued; `RangeReader.finish` reads the rest after the sync. */
export interface StartedRead {
  target: ReadTarget;
  ws: Excel.Worksheet;
  base: Excel.Range;
  block?: Excel.Range;
  selection?: Excel.RangeAreas;
  table?: Excel.Table;
}

/** One reader per `Excel.run`; it counts its own round trips so callers can report them. */
export class RangeReader {
  readonly stats: ReadStats = { syncs: 0, chunks: 0, visibilityPasses: 0, halvings: 0 };

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly tuning: Tuning,
  ) {}

  async sync(): Promise<void> {
    this.stats.syncs++;
    await this.context.sync();
  }

  /**
   * Queues what the first round trip asks about a target: its size, and a first block guessed before the size is
   * known (`withBlock`). The caller syncs, so several targets and the workbook state share one round trip.
   */
  start(target: ReadTarget, withBlock: boolean, blockCells = this.tuning.chunkCells): StartedRead {
    const wb = this.context.workbook;
    let ws: Excel.Worksheet;
    let base: Excel.Range;
    const started: Partial<StartedRead> = { target };
    switch (target.kind) {
      case 'sheet':
        // OrNullObject: a missing sheet must not stop the other reads queued in the same round trip.
        ws = wb.worksheets.getItemOrNullObject(target.sheet);
        base = ws.getUsedRangeOrNullObject(true);
        break;
      case 'active':
        ws = wb.worksheets.getActiveWorksheet();
        base = ws.getUsedRangeOrNullObject(true);
        break;
      case 'selection': {
        const selection = wb.getSelectedRanges();
        selection.load('address');
        started.selection = selection;
        ws = selection.worksheet;
        base = ws.getUsedRangeOrNullObject(true);
        break;
      }
      case 'table': {
        const table = wb.tables.getItemOrNullObject(target.table);
        table.load('name');
        started.table = table;
        ws = table.worksheet;
        base = table.getRange();
        break;
      }
    }
    ws.load('name');
    base.load('rowIndex,columnIndex,rowCount,columnCount');
    started.ws = ws;
    started.base = base;
    if (withBlock) {
      const columns = Math.min(this.tuning.firstColumns, blockCells);
      const block = base
        .getCell(0, 0)
        .getAbsoluteResizedRange(Math.max(1, Math.floor(blockCells / columns)), columns)
        .getIntersectionOrNullObject(base);
      block.load(BLOCK_PROPS);
      started.block = block;
    }
    return started as StartedRead;
  }

  /** After the sync: undefined when the sheet or table does not exist; otherwise the whole range, chunk by chunk. */
  async finish(started: StartedRead, state: WorkbookState | undefined): Promise<SheetRead | undefined> {
    const { ws, base, block, selection, table } = started;
    if (ws.isNullObject || (table !== undefined && table.isNullObject)) return undefined;
    const sheet = ws.name;
    const result: SheetRead = { sheet, grid: { sheet, values: [] }, headerRow: 1 };
    if (table !== undefined) result.table = table.name;
    if (state !== undefined) {
      const mapping = mappingOf(state, sheet);
      if (mapping !== undefined) result.mapping = mapping;
    }
    if (selection !== undefined) {
      const address = selection.address;
      const entireColumns = (parseAreas(address) ?? []).some((a) => isEntireColumns(a.area));
      result.selection = { address, rows: [], entireColumns };
    }
    if (base.isNullObject) {
      if (result.selection !== undefined && !result.selection.entireColumns) {
        result.grid = { sheet, values: [], selectedRows: [] };
      }
      return result;
    }
    const whole: Tile = { top: base.rowIndex, left: base.columnIndex, rows: base.rowCount, columns: base.columnCount };
    const tiles: TileData[] = [];
    let done: Tile | undefined;
    if (block !== undefined && !block.isNullObject) {
      const first = this.absorb({ tile: tileOf(block), range: block });
      tiles.push(first);
      done = first.tile;
      this.stats.chunks++;
    }
    await this.readRest(ws, whole, done, tiles);
    await this.resolveVisibility(ws, sheet, tiles);
    result.area = {
      top: whole.top + 1,
      left: whole.left + 1,
      bottom: whole.top + whole.rows,
      right: whole.left + whole.columns,
    };
    result.headerRow = whole.top + 1;
    result.grid = assemble(sheet, whole, tiles);
    if (state !== undefined) {
      const marked = marksOf(state, sheet);
      if (marked.length > 0) result.grid.marked = marked;
    }
    if (result.selection !== undefined) {
      const rows = selectedRows(result.selection.address, result.area);
      result.selection.rows = rows;
      if (!result.selection.entireColumns) result.grid.selectedRows = rows;
    }
    return result;
  }

  /** Start, sync and finish one target on its own. */
  async read(target: ReadTarget, state?: WorkbookState): Promise<SheetRead | undefined> {
    let started = this.start(target, true);
    try {
      await this.sync();
    } catch (e) {
      if (!isGuessRefused(e)) throw e;
      this.stats.halvings += isPayloadError(e) ? 1 : 0;
      started = this.start(target, false);
      await this.sync();
    }
    return this.finish(started, state);
  }

  /** Everything of `whole` not covered by `done` (the first block), chunk by chunk. */
  private async readRest(ws: Excel.Worksheet, whole: Tile, done: Tile | undefined, tiles: TileData[]): Promise<void> {
    const regions: Tile[] = [];
    if (done === undefined) regions.push(whole);
    else {
      const rightColumns = whole.left + whole.columns - (done.left + done.columns);
      if (rightColumns > 0) {
        regions.push({ top: done.top, left: done.left + done.columns, rows: done.rows, columns: rightColumns });
      }
      const below = whole.top + whole.rows - (done.top + done.rows);
      if (below > 0) regions.push({ top: done.top + done.rows, left: whole.left, rows: below, columns: whole.columns });
    }
    let bytesPerCell = tiles.length > 0 ? estimateBytesPerCell(tiles) : undefined;
    let anyMixed = tiles.some((t) => t.rowHidden === null);
    for (const region of regions) {
      let top = region.top;
      const end = region.top + region.rows;
      while (top < end) {
        const rows = Math.min(end - top, this.rowsPerChunk(region.columns, bytesPerCell));
        await yieldToHost();
        const read = await this.readTile(ws, { top, left: region.left, rows, columns: region.columns }, anyMixed);
        tiles.push(...read);
        anyMixed ||= read.some((t) => t.rowHidden === null);
        bytesPerCell ??= estimateBytesPerCell(read);
        top += rows;
      }
    }
  }

  private rowsPerChunk(columns: number, bytesPerCell: number | undefined): number {
    const byCells = Math.floor(this.tuning.chunkCells / columns);
    const byBytes =
      bytesPerCell === undefined ? byCells : Math.floor(this.tuning.targetBytes / (bytesPerCell * columns));
    return Math.max(1, Math.min(byCells, byBytes));
  }

  /** One chunk, halved and retried while Excel refuses its payload. */
  private async readTile(ws: Excel.Worksheet, tile: Tile, withView: boolean): Promise<TileData[]> {
    const pending = queueTile(ws, tile, withView);
    try {
      await this.sync();
      const data = this.absorb(pending);
      this.stats.chunks++;
      return [data];
    } catch (e) {
      const refused = isPayloadError(e) || e instanceof TooLarge;
      if (!refused) throw e;
      if (tile.rows < 2) throw tooLarge();
    }
    this.stats.halvings++;
    const half = Math.ceil(tile.rows / 2);
    const upper = await this.readTile(ws, { ...tile, rows: half }, withView);
    await yieldToHost();
    const lower = await this.readTile(ws, { ...tile, top: tile.top + half, rows: tile.rows - half }, withView);
    return [...upper, ...lower];
  }

  private absorb(pending: PendingTile): TileData {
    const { range } = pending;
    const values = range.values as RawCell[][] | null;
    const formats = range.numberFormat as (string | null)[][] | null;
    // Excel answers `null` instead of failing when a read is over its cell limit.
    if (values === null || formats === null) throw new TooLarge();
    const tile = pending.tile ?? tileOf(range);
    const data: TileData = { tile, values, formats, rowHidden: range.rowHidden };
    if (data.rowHidden === null && pending.view !== undefined && pending.column !== undefined) {
      readView(data, pending.column, pending.view);
    }
    return data;
  }

  /** Rows hidden by the user or by a filter, for chunks that have some: one extra round trip in the usual case. */
  private async resolveVisibility(ws: Excel.Worksheet, sheet: string, tiles: TileData[]): Promise<void> {
    // Each visible row comes back as an address, `[["Sheet name!A123"]],`: bounded by bytes like any chunk.
    const rowsPerSync = Math.max(1, Math.floor(this.tuning.targetBytes / (sheet.length + 16)));
    let mixed = tiles.filter((t) => t.rowHidden === null && t.visible === undefined && t.viewFailed !== true);
    while (mixed.length > 0) {
      const batch: { data: TileData; column: Excel.Range; view: Excel.RangeView }[] = [];
      let rows = 0;
      for (const data of mixed) {
        if (batch.length > 0 && rows + data.tile.rows > rowsPerSync) break;
        const column = ws.getRangeByIndexes(data.tile.top, data.tile.left, data.tile.rows, 1);
        column.load('columnHidden');
        const view = column.getVisibleView();
        view.load('cellAddresses');
        batch.push({ data, column, view });
        rows += data.tile.rows;
      }
      await yieldToHost();
      this.stats.visibilityPasses++;
      await this.sync();
      for (const { data, column, view } of batch) readView(data, column, view);
      mixed = mixed.slice(batch.length);
    }
    for (const data of tiles.filter((t) => t.viewFailed === true)) await this.probeRows(ws, data);
  }

  /** The first column of the chunk is hidden too, so its visible view lists no rows: ask each row. */
  private async probeRows(ws: Excel.Worksheet, data: TileData): Promise<void> {
    const visible = new Set<number>();
    for (let start = 0; start < data.tile.rows; start += ROW_PROBES_PER_SYNC) {
      const count = Math.min(ROW_PROBES_PER_SYNC, data.tile.rows - start);
      const block = ws.getRangeByIndexes(data.tile.top + start, data.tile.left, count, 1);
      const probes: Excel.Range[] = [];
      for (let i = 0; i < count; i++) probes.push(block.getRow(i).load('rowHidden'));
      await yieldToHost();
      this.stats.visibilityPasses++;
      await this.sync();
      probes.forEach((p, i) => {
        if (p.rowHidden !== true) visible.add(data.tile.top + start + i);
      });
    }
    data.visible = visible;
    data.viewFailed = false;
  }
}

/** The first block is a guess made before the size is known; Excel may refuse it (too large, or past the last row). */
export function isGuessRefused(e: unknown): boolean {
  return isPayloadError(e) || officeErrorCode(e) === 'InvalidArgument';
}

class TooLarge extends Error {}

function tooLarge(): AdapterFailure {
  return new AdapterFailure(excelError('office.payload-too-large'));
}

function tileOf(range: Excel.Range): Tile {
  return { top: range.rowIndex, left: range.columnIndex, rows: range.rowCount, columns: range.columnCount };
}

function queueTile(ws: Excel.Worksheet, tile: Tile, withView: boolean): PendingTile {
  const range = ws.getRangeByIndexes(tile.top, tile.left, tile.rows, tile.columns);
  range.load('values,numberFormat,rowHidden');
  if (!withView) return { tile, range };
  // Filters hide rows in every chunk: once one chunk had hidden rows, ask for the next ones' visible rows up front.
  const column = range.getColumn(0);
  column.load('columnHidden');
  const view = column.getVisibleView();
  view.load('cellAddresses');
  return { tile, range, column, view };
}

/** A one-column visible view lists one address per row that shows. */
function readView(data: TileData, column: Excel.Range, view: Excel.RangeView): void {
  if (column.columnHidden) {
    data.viewFailed = true;
    return;
  }
  const visible = new Set<number>();
  for (const line of view.cellAddresses) {
    const address = line[0];
    const parsed = typeof address === 'string' ? parseAddress(address) : undefined;
    if (parsed !== undefined) visible.add(parsed.area.top - 1);
  }
  data.visible = visible;
}

/** JSON size of a chunk's answer per cell, from what came back: long descriptions make for smaller chunks. */
export function estimateBytesPerCell(tiles: readonly TileData[]): number | undefined {
  let bytes = 0;
  let cells = 0;
  for (const t of tiles) {
    for (const row of t.values) {
      for (const v of row) {
        bytes += typeof v === 'string' ? v.length + 3 : typeof v === 'number' ? 12 : 6;
        cells++;
      }
    }
    for (const row of t.formats) for (const f of row) bytes += typeof f === 'string' ? f.length + 3 : 5;
  }
  return cells === 0 ? undefined : Math.max(4, bytes / cells);
}

function assemble(sheet: string, whole: Tile, tiles: readonly TileData[]): CellGrid {
  const values: RawCell[][] = new Array<RawCell[]>(whole.rows);
  const formats: (string | null)[][] = new Array<(string | null)[]>(whole.rows);
  const hidden: boolean[] = new Array<boolean>(whole.rows).fill(false);
  let anyHidden = false;
  for (const t of tiles) {
    const full = t.tile.left === whole.left && t.tile.columns === whole.columns;
    for (let i = 0; i < t.tile.rows; i++) {
      const r = t.tile.top - whole.top + i;
      const rowValues = t.values[i] ?? [];
      const rowFormats = t.formats[i] ?? [];
      if (full) {
        values[r] = rowValues;
        formats[r] = rowFormats;
      } else {
        const targetValues = (values[r] ??= new Array<RawCell>(whole.columns).fill(''));
        const targetFormats = (formats[r] ??= new Array<string | null>(whole.columns).fill(null));
        const offset = t.tile.left - whole.left;
        for (let c = 0; c < t.tile.columns; c++) {
          targetValues[offset + c] = rowValues[c];
          targetFormats[offset + c] = rowFormats[c] ?? null;
        }
      }
      const isHidden =
        t.rowHidden === true || (t.rowHidden === null && t.visible !== undefined && !t.visible.has(t.tile.top + i));
      if (isHidden) {
        hidden[r] = true;
        anyHidden = true;
      }
    }
  }
  for (let r = 0; r < whole.rows; r++) {
    values[r] ??= [];
    formats[r] ??= [];
  }
  const grid: CellGrid = { sheet, values, formats, firstColumn: whole.left + 1 };
  if (whole.top > 0) grid.rowNumbers = Array.from({ length: whole.rows }, (_, i) => whole.top + 1 + i);
  if (anyHidden) grid.hidden = hidden;
  return grid;
}

/** Excel row numbers of a selection, clipped to the rows read. */
function selectedRows(address: string, area: Area): number[] {
  const rows = new Set<number>();
  for (const part of parseAreas(address) ?? []) {
    const top = Math.max(part.area.top, area.top);
    const bottom = Math.min(part.area.bottom, area.bottom);
    for (let r = top; r <= bottom; r++) rows.add(r);
  }
  return [...rows].sort((a, b) => a - b);
}

export interface HeaderProbe {
  /** The header row as a one-row grid (no values for an empty sheet). */
  grid: CellGrid;
  /** Excel row number of the used range's last row. */
  lastRow: number;
}

/** Queued header probes of other sheets: the first row of each used range, for `ReadRequest.isReference`. */
export function queueHeaderProbes(context: Excel.RequestContext, sheets: readonly string[]): () => HeaderProbe[] {
  const probes = sheets.map((sheet) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
    ws.load('name');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex,rowCount');
    const header = used.getRow(0);
    header.load('values,rowIndex,columnIndex');
    return { ws, used, header };
  });
  return () => {
    const out: HeaderProbe[] = [];
    for (const { ws, used, header } of probes) {
      if (ws.isNullObject) continue;
      if (used.isNullObject) {
        out.push({ grid: { sheet: ws.name, values: [] }, lastRow: 1 });
        continue;
      }
      out.push({
        grid: {
          sheet: ws.name,
          values: [(header.values[0] ?? []) as RawCell[]],
          rowNumbers: [header.rowIndex + 1],
          firstColumn: header.columnIndex + 1,
        },
        lastRow: used.rowIndex + used.rowCount,
      });
    }
    return out;
  };
}
