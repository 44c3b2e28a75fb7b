import type { ConfigLists } from '../kiva/models';
import type { AttachedPhotos, PhotoResolver } from './photos';
import type { Portfolio } from './portfolio';
import type { RowPlan } from './rows';
import type { SheetSettings } from './settings';
import type { SheetReader } from './sheet-reader';
import type { ScheduleBook } from './schedule';

/** What every converter gets: one sheet's reader and rows, and what the whole workbook shares. */
export interface ConvertContext {
  reader: SheetReader;
  rows: RowPlan;
  settings: SheetSettings;
  config?: ConfigLists;
  resolvePhoto?: PhotoResolver;
  /** Photos attached to loans whose photo cell is empty or missing (the task pane's, by loan id). */
  attachedPhotos?: AttachedPhotos;
  schedule?: ScheduleBook;
  /** recognition: the partner's loans as Kiva lists them; repayments and journals are checked against it. */
  portfolio?: Portfolio;
  /** Filled by loans sheets: every loan key they hold, so schedule lines of no loan can be reported. */
  knownLoans?: Set<string>;
}

/** Marks a row as skipped because its status says it was sent; returns whether it was. */
export function skipIfSent(ctx: ConvertContext, indices: readonly number[]): boolean {
  if (!indices.some((i) => ctx.rows.sentBefore(i))) return false;
  for (const i of indices) {
    const state = ctx.rows.stateOf(i);
    if (state !== undefined && state.skipped === undefined) state.skipped = 'already-sent';
  }
  return true;
}
