/**
 * A write-back plan applied to an exceljs workbook: statuses as text, fills, marker borders and notes on cells with problems,
 * stale marks removed, `Kiva log` lines appended. Only the cells the plan names are touched.
 *
 * exceljs shares one style object between every cell read with the same style, so a style is always replaced by
 * a copy, never changed in place (or one fill would colour every cell that looked alike). The copies are shared
 * in turn: exceljs recognises a style it has seen by identity, and 100,000 status cells with one style object
 * cost one style instead of 100,000 on writing.
 */
import ExcelJS from 'exceljs';
import { columnNumber, OWN_BORDERS, OWN_FILLS, type SheetWriteBack, type WriteBackPlan } from '../../sheet';
import { fileText } from './file-text';
import { isOwnNote } from './xlsx-grid';

const TEXT = '@';
const OUR_FILLS = new Set(OWN_FILLS.map(argb));
const OUR_BORDERS = new Set(OWN_BORDERS.map(argb));

type Style = Partial<ExcelJS.Style>;

/** One derived style per (original style, change), whichever cell asks. */
class Styles {
  private readonly derived = new Map<string, Style>();

  with(style: Style | undefined, change: string, make: (base: Style) => Style): Style {
    const base = style ?? {};
    const key = `${change}\u0000${JSON.stringify(base)}`;
    let found = this.derived.get(key);
    if (found === undefined) {
      found = make(base);
      this.derived.set(key, found);
    }
    return found;
  }

  text(style: Style | undefined): Style {
    return this.with(style, 'text', (base) => ({ ...base, numFmt: TEXT }));
  }
}

export function applyPlan(
  workbook: ExcelJS.Workbook,
  plan: WriteBackPlan,
  headerRowOf: (sheet: string) => number,
  redact: (text: string) => string,
): void {
  const styles = new Styles();
  for (const part of plan.sheets) {
    const ws = workbook.getWorksheet(part.sheet);
    if (ws !== undefined) applySheet(ws, part, headerRowOf(part.sheet), redact, styles);
  }
  if (plan.log.lines.length > 0) appendLog(workbook, plan, redact, styles);
}

function applySheet(
  ws: ExcelJS.Worksheet,
  part: SheetWriteBack,
  headerRow: number,
  redact: (t: string) => string,
  styles: Styles,
): void {
  const column = part.statusColumn;
  if (column !== undefined) {
    if (column.create) {
      const header = ws.getCell(headerRow, column.number);
      // The new header looks like its neighbours (bold, filled…), so the sheet does not look patched.
      const left = column.number > 1 ? ws.findCell(headerRow, column.number - 1) : undefined;
      header.style = styles.text(left?.style ?? header.style);
      header.value = fileText(redact(column.header));
    }
    for (const status of part.statuses) {
      const cell = ws.getCell(status.row, column.number);
      cell.style = styles.text(cell.style);
      if (status.fill === null) unfill(cell, styles);
      else if (status.fill !== undefined) fillCell(cell, status.fill, styles);
      if (status.border === null) unoutline(cell, styles);
      else if (status.border !== undefined) outline(cell, status.border, styles);
      const text = status.text === '' ? null : fileText(redact(status.text));
      // A text value also takes off a link an earlier status had (`link: null`): exceljs keeps links in values.
      cell.value = text !== null && typeof status.link === 'string' ? { text, hyperlink: redact(status.link) } : text;
    }
  }
  for (const ref of part.clear) {
    const cell = ws.findCell(ref.row, columnNumber(ref.column));
    if (cell === undefined) continue;
    if (isOwnNote(cell.note)) removeNote(cell);
    unfill(cell, styles);
    unoutline(cell, styles);
  }
  for (const mark of part.marks) {
    const cell = ws.getCell(mark.row, columnNumber(mark.column));
    fillCell(cell, mark.fill, styles);
    if (mark.border !== undefined) outline(cell, mark.border, styles);
    cell.note = redact(mark.note);
  }
}

function fillCell(cell: ExcelJS.Cell, color: string, styles: Styles): void {
  const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(color) } };
  cell.style = styles.with(cell.style, `fill ${color}`, (base) => ({ ...base, fill }));
}

/** Removes a fill only when it is one of ours: the user's own colours stay. */
function unfill(cell: ExcelJS.Cell, styles: Styles): void {
  const fill = cell.style?.fill;
  if (fill?.type === 'pattern' && OUR_FILLS.has(String(fill.fgColor?.argb ?? ''))) {
    cell.style = styles.with(cell.style, 'unfill', ({ fill: _ours, ...rest }) => rest);
  }
}

/** A medium border of this colour on all four edges. */
function outline(cell: ExcelJS.Cell, color: string, styles: Styles): void {
  const edge: Partial<ExcelJS.Border> = { style: 'medium', color: { argb: argb(color) } };
  const border: Partial<ExcelJS.Borders> = { top: edge, bottom: edge, left: edge, right: edge };
  cell.style = styles.with(cell.style, `border ${color}`, (base) => ({ ...base, border }));
}

/** Removes a border only when it is one of ours (all four edges in one of our colours): the user's own stay. */
function unoutline(cell: ExcelJS.Cell, styles: Styles): void {
  const border = cell.style?.border;
  const colors = [border?.top, border?.bottom, border?.left, border?.right].map((e) => String(e?.color?.argb ?? ''));
  if (colors.every((c) => c === colors[0]) && OUR_BORDERS.has(colors[0] ?? '')) {
    cell.style = styles.with(cell.style, 'unborder', ({ border: _ours, ...rest }) => rest);
  }
}

const LOG_WIDTHS = [18, 12, 12, 26, 12, 70];

function appendLog(workbook: ExcelJS.Workbook, plan: WriteBackPlan, redact: (t: string) => string, styles: Styles) {
  let ws = workbook.getWorksheet(plan.log.sheet);
  if (ws === undefined) {
    ws = workbook.addWorksheet(plan.log.sheet);
    LOG_WIDTHS.forEach((width, k) => {
      (ws as ExcelJS.Worksheet).getColumn(k + 1).width = width;
    });
    const header = ws.addRow(plan.log.headers.map((h) => fileText(h)));
    header.eachCell((cell) => {
      cell.style = styles.with(cell.style, 'log header', (base) => ({ ...base, numFmt: TEXT, font: { bold: true } }));
    });
  }
  for (const line of plan.log.lines) {
    ws.addRow(line.map((cell) => fileText(redact(cell)))).eachCell((cell) => {
      cell.style = styles.text(cell.style);
    });
  }
}

/** exceljs can add a note but has no way to take one off. */
function removeNote(cell: ExcelJS.Cell): void {
  (cell as unknown as { _comment?: unknown })._comment = undefined;
}

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, '').toUpperCase()}`;
}
