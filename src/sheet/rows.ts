/**
 * Which rows take part: blank rows never; hidden or filtered-out rows only when explicitly selected; with a
 * selection, only the selected rows. Also the `Kiva status` each row carried before this run.
 */
import { isBlankCell, type CellGrid } from './cells';
import type { HeaderMap } from './headers';
import type { Issue } from './issues';
import { isAlreadySent, parseStatus, type ParsedStatus } from './status';
import type { SheetSettings } from './settings';

export type SkipReason = 'blank' | 'hidden' | 'not-selected' | 'already-sent';

export interface RowState {
  /** 1-based Excel row number. */
  row: number;
  /** Why the row takes no part in this run. */
  skipped?: SkipReason;
  /** What the `Kiva status` cell said before this run. */
  previous: ParsedStatus;
  /** The first error that keeps this row (or its loan) from being sent. */
  problem?: Issue;
  /** A repayment report row whose amount is empty: no repayment this period, not sent and not an error. */
  noRepayment?: true;
}

export interface RowPlan {
  /** One state per data row (grid rows after the header), in sheet order. */
  states: RowState[];
  /** Grid indices of rows that take part, in order. */
  included: number[];
  /** Grid indices of every non-blank data row, included or not (groups and schedules need them). */
  nonBlank: number[];
  /** Grid index → state. */
  stateOf(index: number): RowState | undefined;
  /** Whether the row's status says it was sent already and must not be sent again in this run. */
  sentBefore(index: number): boolean;
}

const NO_STATUS = parseStatus('');

export function planRows(grid: CellGrid, map: HeaderMap, settings: SheetSettings): RowPlan {
  const mapped = Object.values(map.fieldIndex).filter((c): c is number => c !== undefined);
  const statusIndex = map.statusColumn.index;
  const selected = grid.selectedRows === undefined ? undefined : new Set(grid.selectedRows);
  const states: RowState[] = [];
  const included: number[] = [];
  const nonBlank: number[] = [];
  const guard = settings.alreadySent;
  const sent = new Uint8Array(grid.values.length);

  for (let i = 1; i < grid.values.length; i++) {
    const cells = grid.values[i] ?? [];
    const rowNumber = rowNumberOf(grid, i);
    const previous = statusIndex === undefined ? NO_STATUS : parseStatus(cells[statusIndex]);
    const state: RowState = { row: rowNumber, previous };
    states.push(state);
    let blank = true;
    for (let m = 0; m < mapped.length && blank; m++) {
      const cell = cells[mapped[m] as number];
      // Numbers and non-empty strings without surrounding spaces are the common case: decide without a call.
      if (typeof cell === 'number' || typeof cell === 'boolean') blank = false;
      else if (typeof cell === 'string' && cell.length > 0 && cell.charCodeAt(0) > 32) blank = false;
      else blank = isBlankCell(cell);
    }
    if (blank) {
      state.skipped = 'blank';
      continue;
    }
    nonBlank.push(i);
    if (guard !== undefined && !guard.resend && isAlreadySent(previous, guard.environment)) sent[i] = 1;
    if (selected !== undefined) {
      if (!selected.has(rowNumber)) state.skipped = 'not-selected';
    } else if (grid.hidden?.[i] === true) {
      state.skipped = 'hidden';
    }
    if (state.skipped === undefined) included.push(i);
  }
  return {
    states,
    included,
    nonBlank,
    stateOf: (index) => states[index - 1],
    sentBefore: (index) => sent[index] === 1,
  };
}

export function rowNumberOf(grid: CellGrid, index: number): number {
  const n = grid.rowNumbers?.[index];
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : index + 1;
}
