/**
 * The user editing a cell this tool marked (fill, border, note from a check): the mark described the value that was
 * there, not the one typed now, so it goes. Excel says which cells changed (`worksheets.onChanged`); the marks
 * registry says which of them carry a mark; the marks on edited cells become one write-back plan with only `clear`,
 * applied like any other (one write per batch of edits, never per cell).
 *
 * Whether the new value is right is the next check's to say: that needs the whole sheet, the mapping and Kiva's
 * lists, too much for every keystroke. A row's `Invalid: …` status goes too (text, fill, border), as a fixed row's
 * does at a check, when it names an edited cell and no error mark is left on the row: it is pending again, neither
 * Invalid nor checked (a send checks it anyway). Its other statuses (Sent, Uncertain…) are Kiva's answers and stay.
 */
import { LOG_SHEET, type CellRef, type WriteBackPlan } from '../sheet';
import { columnNumber, parseAreas, type Area } from './a1';
import { marksOf, type WorkbookState } from './state';

/** One change Excel reported: the sheet by its id, the cells by a sheet-relative address (`F7`, `A2:C5`). */
export interface CellEdit {
  worksheetId: string;
  address: string;
}

/** The plan that clears the marks on edited cells; undefined when no edited cell carries one (nothing to write). */
export function editedMarksPlan(state: WorkbookState, edits: readonly CellEdit[]): WriteBackPlan | undefined {
  const bySheet = new Map<string, Area[]>();
  for (const edit of edits) {
    const sheet = state.sheets.find((s) => s.id === edit.worksheetId)?.name;
    const areas = parseAreas(edit.address);
    if (sheet === undefined || areas === undefined) continue;
    const list = bySheet.get(sheet) ?? [];
    list.push(...areas.map((a) => a.area));
    bySheet.set(sheet, list);
  }
  const sheets: WriteBackPlan['sheets'] = [];
  for (const [sheet, areas] of bySheet) {
    const clear: CellRef[] = marksOf(state, sheet).filter((cell) => areas.some((a) => inside(cell, a)));
    if (clear.length > 0) sheets.push({ sheet, statuses: [], marks: [], clear });
  }
  if (sheets.length === 0) return undefined;
  return { textFormat: '@', sheets, log: { sheet: LOG_SHEET, headers: [], lines: [] } };
}

/** A row with an edited marked cell: which of its cells were edited, and the marks it keeps. */
export interface EditedRow {
  row: number;
  /** `H6`, upper case, as a status names its cell. */
  edited: string[];
  others: CellRef[];
}

/** The rows of the cells `part` clears, each with the marks it keeps (so a caller can tell an error is left). */
export function editedRows(state: WorkbookState, part: { sheet: string; clear: readonly CellRef[] }): EditedRow[] {
  const name = (c: CellRef): string => `${c.column.toUpperCase()}${c.row}`;
  const cleared = new Set(part.clear.map(name));
  const rows = new Map<number, EditedRow>();
  for (const c of part.clear) {
    const row = rows.get(c.row) ?? { row: c.row, edited: [], others: [] };
    row.edited.push(name(c));
    rows.set(c.row, row);
  }
  for (const c of marksOf(state, part.sheet)) {
    if (!cleared.has(name(c))) rows.get(c.row)?.others.push(c);
  }
  return [...rows.values()].sort((a, b) => a.row - b.row);
}

/**
 * Whether an `Invalid: …` status's problem (`H6: The amount…`, `Schedule!C5 : …`) is at one of `cells` on this
 * sheet: a problem on another sheet, or at another cell, is still what it was.
 */
export function namesCell(problem: string, cells: readonly string[]): boolean {
  const where = problem.trim().split(/[\s:\u00a0\u202f]/, 1)[0] ?? '';
  return cells.includes(where.replaceAll('$', '').toUpperCase());
}

function inside(cell: CellRef, area: Area): boolean {
  const column = columnNumber(cell.column);
  return cell.row >= area.top && cell.row <= area.bottom && column >= area.left && column <= area.right;
}
