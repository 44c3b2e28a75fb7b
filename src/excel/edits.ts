/**
 * The user editing a cell this tool marked (fill, border, note from a check): the mark described the value that was
 * there, not the one typed now, so it goes. Excel says which cells changed (`worksheets.onChanged`); the marks
 * registry says which of them carry a mark; the marks on edited cells become one write-back plan with only `clear`,
 * applied like any other (one write per batch of edits, never per cell).
 *
 * Whether the new value is right is the next check's to say: that needs the whole sheet, the mapping and Kiva's
 * lists, too much for every keystroke. The row's status keeps what the last check found until then.
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

function inside(cell: CellRef, area: Area): boolean {
  const column = columnNumber(cell.column);
  return cell.row >= area.top && cell.row <= area.bottom && column >= area.left && column <= area.right;
}
