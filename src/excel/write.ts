/// <reference types="office-js" />
/**
 * Applying a `WriteBackPlan`: status text, fills, marker borders, notes, the marks registry and the `Kiva log` lines. The plan
 * becomes a list of operations, packed into round trips by cell count and estimated bytes; one sync per chunk.
 * Inside a round trip, text gets its `@` format before its value, fills go through range areas, and notes come
 * last: a note Excel refuses (the user already has one on that cell) then stops nothing else.
 */
import { NOTE_PREFIX, type CellRef, type LogPlan, type SheetWriteBack, type WriteBackPlan } from '../sheet';
import { addressLists, cellAreas, spans, type Cell } from './areas';
import { AdapterFailure, excelError, isPayloadError, officeErrorLocation, yieldToHost } from './office';
import { encodeMarks, findSheet, marksOf, MARKS_KEY, type WorkbookState } from './state';
import type { Tuning } from './tuning';

/** A block of text cells: `rows[i][j]` goes to (top + i, left + j); `null` leaves the cell alone. */
interface CellsOp {
  kind: 'cells';
  sheet: string;
  top: number;
  /** 1-based column number. */
  left: number;
  rows: (string | null)[][];
  bold?: boolean;
}

interface FillOp {
  kind: 'fill';
  sheet: string;
  /** A range-areas address under 8,192 characters. */
  addresses: string;
  /** `null` removes the fill. */
  color: string | null;
}

/**
 * A marker border around each area of a range-areas address (its outline: `RangeAreas.format.borders` edges apply
 * to every area), or, with `color` null, no border on any edge of those cells: the outline and the lines inside
 * (`inside`, only for areas of more than one cell: an inside border of one cell is an error in Excel).
 */
interface BorderOp {
  kind: 'border';
  sheet: string;
  addresses: string;
  color: string | null;
  inside?: { horizontal: boolean; vertical: boolean };
}

/** A status cell that opens a web address (`Range.hyperlink`, ExcelApi 1.7: one cell per link). */
interface LinkOp {
  kind: 'link';
  sheet: string;
  cell: string;
  address: string;
  text: string;
}

/** Links removed from status cells whose new status has none (`clear("Hyperlinks")` keeps text and format). */
interface UnlinkOp {
  kind: 'unlink';
  sheet: string;
  addresses: string;
}

interface NoteOp {
  kind: 'note';
  sheet: string;
  cell: string;
  /** `null` deletes the note. */
  text: string | null;
  /** The registry says this tool put a note here before: delete it before adding the new one. */
  replace: boolean;
}

interface SettingOp {
  kind: 'setting';
  key: string;
  /** `null` deletes the setting. */
  value: string | null;
}

interface LogOp {
  kind: 'log';
  sheet: string;
  /** The sheet does not exist yet: create it with this header row. */
  create?: string[];
  lines: string[][];
}

type Op = CellsOp | FillOp | BorderOp | LinkOp | UnlinkOp | NoteOp | SettingOp | LogOp;

export interface ApplyInput {
  plan: WriteBackPlan;
  state: WorkbookState;
  /** Header row of each sheet as last read (where a new status column gets its header); default 1. */
  headerRows: ReadonlyMap<string, number>;
  /** ExcelApi 1.18: write notes as well as fills. */
  notes: boolean;
  tuning: Tuning;
}

export interface ApplyReport {
  syncs: number;
  /** Round trips the operations were packed into (before any halving). */
  chunks: number;
  halvings: number;
  statuses: number;
  fills: number;
  /** Cells given a marker border (marks and status cells). */
  borders: number;
  /** Status cells linked to a web address. */
  links: number;
  cleared: number;
  notes: number;
  /** Cells where the user already had a note of their own: left alone, the status line carries the message. */
  notesKept: string[];
  logLines: number;
  /** Sheets whose statuses could not be written because the plan did not say where the status column is. */
  noStatusColumn: string[];
}

/** What the registry and the log sheet look like after the plan was applied (for the adapter's snapshot). */
export interface ApplyOutcome {
  report: ApplyReport;
  registry: Map<string, string | null>;
  logSheet?: string;
}

const OP_OVERHEAD_BYTES = 400;
const NOTE_OVERHEAD_BYTES = 220;

export function planOperations(input: ApplyInput): {
  ops: Op[];
  registry: Map<string, string | null>;
  report: ApplyReport;
} {
  const report: ApplyReport = {
    syncs: 0,
    chunks: 0,
    halvings: 0,
    statuses: 0,
    fills: 0,
    borders: 0,
    links: 0,
    cleared: 0,
    notes: 0,
    notesKept: [],
    logLines: 0,
    noStatusColumn: [],
  };
  const ops: Op[] = [];
  const registry = new Map<string, string | null>();
  for (const sheet of input.plan.sheets) {
    sheetOperations(sheet, input, ops, registry, report);
  }
  logOperations(input.plan.log, input, ops, report);
  return { ops, registry, report };
}

/** The status cells' fills and borders (one colour per outcome), one operation per colour and area list. */
function statusLooks(s: SheetWriteBack, column: string, ops: Op[], report: ApplyReport): void {
  const fills = new Map<string | null, Cell[]>();
  const borders = new Map<string | null, Cell[]>();
  for (const w of s.statuses) {
    const cell = { row: w.row, column };
    if (w.fill !== undefined) push(fills, w.fill, cell);
    if (w.border !== undefined) push(borders, w.border, cell);
  }
  for (const [color, cells] of fills) {
    for (const addresses of addressLists(cellAreas(cells)))
      ops.push({ kind: 'fill', sheet: s.sheet, addresses, color });
  }
  for (const [color, cells] of borders) {
    borderOperations(s.sheet, cells, color, ops);
    if (color !== null) report.borders += cells.length;
  }
  const unlinked: Cell[] = [];
  for (const w of s.statuses) {
    if (w.link === null) unlinked.push({ row: w.row, column });
    else if (w.link !== undefined) {
      ops.push({
        kind: 'link',
        sheet: s.sheet,
        cell: `${column.toUpperCase()}${w.row}`,
        address: w.link,
        text: w.text,
      });
      report.links++;
    }
  }
  for (const addresses of addressLists(cellAreas(unlinked))) ops.push({ kind: 'unlink', sheet: s.sheet, addresses });
}

function push<K>(map: Map<K, Cell[]>, k: K, cell: Cell): void {
  const cells = map.get(k);
  if (cells === undefined) map.set(k, [cell]);
  else cells.push(cell);
}

/**
 * Marker borders as outlines of areas; a removal also clears the lines inside multi-cell areas (cells marked
 * one by one in earlier runs may now be cleared as one area), in lists of their own shape.
 */
function borderOperations(sheet: string, cells: readonly Cell[], color: string | null, ops: Op[]): void {
  const areas = cellAreas(cells);
  for (const addresses of addressLists(areas)) ops.push({ kind: 'border', sheet, addresses, color });
  if (color !== null) return;
  for (const [horizontal, vertical] of [
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    const shaped = areas.filter((a) => a.bottom > a.top === horizontal && a.right > a.left === vertical);
    for (const addresses of addressLists(shaped))
      ops.push({ kind: 'border', sheet, addresses, color: null, inside: { horizontal, vertical } });
  }
}

function sheetOperations(
  s: SheetWriteBack,
  input: ApplyInput,
  ops: Op[],
  registry: Map<string, string | null>,
  report: ApplyReport,
): void {
  const { tuning } = input;
  const headerRow = input.headerRows.get(s.sheet) ?? 1;
  const column = s.statusColumn;
  if (column !== undefined && column.create) {
    ops.push({
      kind: 'cells',
      sheet: s.sheet,
      top: headerRow,
      left: column.number,
      rows: [[column.header]],
      bold: true,
    });
  }
  if (s.statuses.length > 0) {
    if (column === undefined) report.noStatusColumn.push(s.sheet);
    else {
      const maxRows = Math.max(1, Math.floor(tuning.chunkCells / 4));
      for (const span of spans(
        s.statuses.map((w) => ({ row: w.row, item: w.text })),
        tuning.statusGap,
        maxRows,
      )) {
        ops.push({
          kind: 'cells',
          sheet: s.sheet,
          top: span.top,
          left: column.number,
          rows: span.items.map((t) => [t]),
        });
      }
      report.statuses += s.statuses.length;
      statusLooks(s, column.column, ops, report);
    }
  }

  const previous = marksOf(input.state, s.sheet);
  const previousKeys = new Set(previous.map(key));
  if (s.clear.length > 0) {
    for (const addresses of addressLists(cellAreas(s.clear)))
      ops.push({ kind: 'fill', sheet: s.sheet, addresses, color: null });
    borderOperations(s.sheet, s.clear, null, ops);
    report.cleared += s.clear.length;
  }
  const byColor = new Map<string, Cell[]>();
  const byBorder = new Map<string, Cell[]>();
  for (const m of s.marks) {
    push(byColor, m.fill, m);
    if (m.border !== undefined) push(byBorder, m.border, m);
  }
  for (const [color, cells] of byColor) {
    for (const addresses of addressLists(cellAreas(cells)))
      ops.push({ kind: 'fill', sheet: s.sheet, addresses, color });
  }
  for (const [color, cells] of byBorder) {
    borderOperations(s.sheet, cells, color, ops);
    report.borders += cells.length;
  }
  report.fills += s.marks.length;

  // The registry: what this tool marked before, minus what it just cleared, plus what it just marked.
  const cleared = new Set(s.clear.map(key));
  const next = new Map<string, Cell>();
  for (const c of previous) if (!cleared.has(key(c))) next.set(key(c), c);
  for (const m of s.marks) next.set(key(m), { row: m.row, column: m.column });
  const encoded = next.size === 0 ? null : encodeMarks(next.values());
  const stored = input.state.settings.get(MARKS_KEY + s.sheet);
  if (encoded !== (typeof stored === 'string' && stored !== '' ? stored : null)) {
    registry.set(s.sheet, encoded);
    ops.push({ kind: 'setting', key: MARKS_KEY + s.sheet, value: encoded });
  }

  if (input.notes) {
    for (const c of s.clear) ops.push({ kind: 'note', sheet: s.sheet, cell: cellName(c), text: null, replace: true });
    for (const m of s.marks) {
      ops.push({ kind: 'note', sheet: s.sheet, cell: cellName(m), text: m.note, replace: previousKeys.has(key(m)) });
    }
  }
}

function logOperations(log: LogPlan, input: ApplyInput, ops: Op[], report: ApplyReport): void {
  if (log.lines.length === 0) return;
  const width = Math.max(log.headers.length, ...log.lines.map((l) => l.length));
  const lines = log.lines.map((l) => Array.from({ length: width }, (_, i) => l[i] ?? ''));
  const exists = findSheet(input.state, log.sheet) !== undefined;
  const perOp = Math.max(1, Math.floor(input.tuning.chunkCells / width));
  for (let i = 0; i < lines.length; i += perOp) {
    const op: LogOp = { kind: 'log', sheet: log.sheet, lines: lines.slice(i, i + perOp) };
    if (!exists && i === 0) op.create = Array.from({ length: width }, (_, j) => log.headers[j] ?? '');
    ops.push(op);
  }
  report.logLines += lines.length;
}

const key = (c: CellRef): string => `${c.column}${c.row}`;
const cellName = (c: CellRef): string => `${c.column.toUpperCase()}${c.row}`;

function opCells(op: Op): number {
  switch (op.kind) {
    case 'cells':
      return op.rows.length * (op.rows[0]?.length ?? 1);
    case 'log':
      return (op.lines.length + (op.create ? 1 : 0)) * (op.lines[0]?.length ?? 1);
    case 'fill':
    case 'border':
    case 'unlink':
      return op.addresses.length / 4;
    default:
      return 1;
  }
}

function opBytes(op: Op): number {
  switch (op.kind) {
    case 'cells': {
      let n = OP_OVERHEAD_BYTES;
      for (const row of op.rows) for (const v of row) n += v === null ? 12 : textBytes(v) + 14;
      return n;
    }
    case 'log': {
      let n = OP_OVERHEAD_BYTES * 2;
      for (const row of op.lines) for (const v of row) n += textBytes(v) + 14;
      return n;
    }
    case 'fill':
      return OP_OVERHEAD_BYTES + op.addresses.length;
    case 'border':
      // Four edges (six to clear), each a proxy and two or three property writes.
      return OP_OVERHEAD_BYTES * 4 + op.addresses.length;
    case 'unlink':
      return OP_OVERHEAD_BYTES + op.addresses.length;
    case 'link':
      return NOTE_OVERHEAD_BYTES + textBytes(op.address) + textBytes(op.text);
    case 'note':
      return NOTE_OVERHEAD_BYTES * (op.replace ? 2 : 1) + (op.text === null ? 0 : textBytes(op.text));
    case 'setting':
      return OP_OVERHEAD_BYTES + (op.value === null ? 0 : textBytes(op.value));
  }
}

/** UTF-8 length, JSON escapes aside: accents and em dashes count double or triple. */
function textBytes(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) n += text.charCodeAt(i) > 0x7ff ? 2 : 1;
  return n;
}

/** Operations → round trips, in order, each within the cell and byte budget. */
export function packOperations(ops: readonly Op[], tuning: Tuning): Op[][] {
  const chunks: Op[][] = [];
  let current: Op[] = [];
  let cells = 0;
  let bytes = 0;
  for (const op of ops) {
    const c = opCells(op);
    const b = opBytes(op);
    if (current.length > 0 && (cells + c > tuning.chunkCells || bytes + b > tuning.targetBytes)) {
      chunks.push(current);
      current = [];
      cells = 0;
      bytes = 0;
    }
    current.push(op);
    cells += c;
    bytes += b;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Queue order inside one round trip: new sheets, text, fills, borders and links, settings, then notes. */
const PHASE: Record<Op['kind'], number> = {
  log: 0,
  cells: 1,
  fill: 2,
  border: 2,
  unlink: 2,
  link: 2,
  setting: 3,
  note: 4,
};

type Side = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical';
const OUTLINE: readonly Side[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];

export class PlanWriter {
  /** One proxy per sheet for the whole run: a proxy per operation would cost an action and a path each time. */
  private readonly sheetProxies = new Map<string, Excel.Worksheet>();
  private readonly noteProxies = new Map<string, Excel.NoteCollection>();

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly report: ApplyReport,
  ) {}

  private sheet(name: string): Excel.Worksheet {
    let ws = this.sheetProxies.get(name);
    if (ws === undefined) {
      ws = this.context.workbook.worksheets.getItem(name);
      this.sheetProxies.set(name, ws);
    }
    return ws;
  }

  private notes(sheet: string): Excel.NoteCollection {
    let notes = this.noteProxies.get(sheet);
    if (notes === undefined) {
      notes = this.sheet(sheet).notes;
      this.noteProxies.set(sheet, notes);
    }
    return notes;
  }

  private async sync(): Promise<void> {
    this.report.syncs++;
    await this.context.sync();
  }

  async apply(chunks: readonly Op[][]): Promise<void> {
    this.report.chunks += chunks.length;
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0) await yieldToHost();
      await this.applyChunk(chunks[i] ?? []);
    }
  }

  private async applyChunk(ops: readonly Op[]): Promise<void> {
    const ordered = [...ops].sort((a, b) => PHASE[a.kind] - PHASE[b.kind]);
    for (const op of ordered) this.queue(op);
    try {
      await this.sync();
      this.report.notes += ops.filter((o) => o.kind === 'note' && o.text !== null).length;
      return;
    } catch (e) {
      if (isPayloadError(e)) return this.halve(ops);
      // Notes are queued last, so everything else in this round trip is in place: settle the notes one by one.
      if (officeErrorLocation(e).includes('Note') && ops.some((o) => o.kind === 'note')) {
        return this.settleNotes(ops.filter((o): o is NoteOp => o.kind === 'note'));
      }
      throw e;
    }
  }

  /** Excel refused the payload (nothing of it was applied): the same operations in two halves. */
  private async halve(ops: readonly Op[]): Promise<void> {
    let parts: Op[][];
    if (ops.length > 1) {
      const half = Math.ceil(ops.length / 2);
      parts = [ops.slice(0, half), ops.slice(half)];
    } else {
      const split = ops[0] === undefined ? undefined : splitOp(ops[0]);
      if (split === undefined) throw new AdapterFailure(excelError('office.payload-too-large'));
      parts = split.map((o) => [o]);
    }
    this.report.halvings++;
    for (const part of parts) {
      await yieldToHost();
      await this.applyChunk(part);
    }
  }

  /**
   * A note add failed because the cell already holds a note: read what each target cell holds, then add where
   * there is none, replace this tool's own, and keep the user's. Deletes are queued again (a null note is left
   * alone), as those queued after the failing add never ran.
   */
  private async settleNotes(notes: readonly NoteOp[]): Promise<void> {
    const adds = notes.filter((n): n is NoteOp & { text: string } => n.text !== null);
    const existing = adds.map((n) => this.notes(n.sheet).getItemOrNullObject(n.cell).load('content'));
    await this.sync();
    for (const n of notes) if (n.text === null) this.notes(n.sheet).getItemOrNullObject(n.cell).delete();
    adds.forEach((n, i) => {
      const item = existing[i];
      if (item === undefined) return;
      if (item.isNullObject) {
        this.notes(n.sheet).add(n.cell, n.text);
        this.report.notes++;
      } else if (String(item.content).startsWith(NOTE_PREFIX)) {
        if (item.content !== n.text) item.content = n.text;
        this.report.notes++;
      } else this.report.notesKept.push(`${n.sheet}!${n.cell}`);
    });
    await this.sync();
  }

  private queue(op: Op): void {
    switch (op.kind) {
      case 'cells': {
        const ws = this.sheet(op.sheet);
        const width = op.rows[0]?.length ?? 1;
        const range = ws.getRangeByIndexes(op.top - 1, op.left - 1, op.rows.length, width);
        // The text format first, in the same round trip: a status starting with `=` must never become a formula.
        range.numberFormat = op.rows.map((row) => row.map(() => '@'));
        range.values = op.rows;
        if (op.bold === true) range.format.font.bold = true;
        return;
      }
      case 'fill': {
        const fill = this.sheet(op.sheet).getRanges(op.addresses).format.fill;
        if (op.color === null) fill.clear();
        else fill.color = op.color;
        return;
      }
      case 'border': {
        const borders = this.sheet(op.sheet).getRanges(op.addresses).format.borders;
        const sides: readonly Side[] =
          op.inside === undefined
            ? OUTLINE
            : [
                ...(op.inside.horizontal ? (['InsideHorizontal'] as const) : []),
                ...(op.inside.vertical ? (['InsideVertical'] as const) : []),
              ];
        for (const side of sides) {
          const border = borders.getItem(side);
          if (op.color === null) border.style = 'None';
          else {
            border.style = 'Continuous';
            border.weight = 'Medium';
            border.color = op.color;
          }
        }
        return;
      }
      case 'link':
        // The status text again as the text shown, so the cell reads the same wherever Excel puts the link.
        this.sheet(op.sheet).getRange(op.cell).hyperlink = { address: op.address, textToDisplay: op.text };
        return;
      case 'unlink':
        this.sheet(op.sheet).getRanges(op.addresses).clear('Hyperlinks');
        return;
      case 'note': {
        const notes = this.notes(op.sheet);
        if (op.replace) notes.getItemOrNullObject(op.cell).delete();
        if (op.text !== null) notes.add(op.cell, op.text);
        return;
      }
      case 'setting':
        if (op.value === null) this.context.workbook.settings.getItemOrNullObject(op.key).delete();
        else this.context.workbook.settings.add(op.key, op.value);
        return;
      case 'log': {
        const width = op.lines[0]?.length ?? op.create?.length ?? 1;
        let target: Excel.Range;
        if (op.create !== undefined) {
          const ws = this.context.workbook.worksheets.add(op.sheet);
          this.sheetProxies.set(op.sheet, ws);
          const header = ws.getRangeByIndexes(0, 0, 1, width);
          header.numberFormat = [op.create.map(() => '@')];
          header.values = [op.create];
          header.format.font.bold = true;
          target = ws.getRangeByIndexes(1, 0, op.lines.length, width);
        } else {
          // Below whatever the log holds now, found by Excel as it applies the batch: no read needed, and lines a
          // user added since the last read are never overwritten.
          target = this.sheet(op.sheet)
            .getUsedRange(true)
            .getLastRow()
            .getEntireRow()
            .getOffsetRange(1, 0)
            .getCell(0, 0)
            .getAbsoluteResizedRange(op.lines.length, width);
        }
        target.numberFormat = op.lines.map((row) => row.map(() => '@'));
        target.values = op.lines;
        return;
      }
    }
  }
}

/** One operation too large for a round trip on its own, in two. */
function splitOp(op: Op): Op[] | undefined {
  switch (op.kind) {
    case 'cells': {
      if (op.rows.length < 2) return undefined;
      const half = Math.ceil(op.rows.length / 2);
      return [
        { ...op, rows: op.rows.slice(0, half) },
        { ...op, top: op.top + half, rows: op.rows.slice(half), bold: false },
      ];
    }
    case 'log': {
      if (op.lines.length < 2) return undefined;
      const half = Math.ceil(op.lines.length / 2);
      const second: LogOp = { kind: 'log', sheet: op.sheet, lines: op.lines.slice(half) };
      return [{ ...op, lines: op.lines.slice(0, half) }, second];
    }
    case 'fill':
    case 'border':
    case 'unlink': {
      const parts = op.addresses.split(',');
      if (parts.length < 2) return undefined;
      const half = Math.ceil(parts.length / 2);
      return [
        { ...op, addresses: parts.slice(0, half).join(',') },
        { ...op, addresses: parts.slice(half).join(',') },
      ];
    }
    default:
      return undefined;
  }
}
