/// <reference types="office-js" />
/**
 * The user moving in the workbook (another sheet, another selection) changes what the pane shows: the selected
 * rows, the sheet's kind and columns. Excel tells it through worksheet events; this turns them into one callback.
 * Writes are not watched here: the pane knows when it wrote, and Excel would also report the add-in's own writes.
 * The user's edits are watched apart (`watchEdits`): they take the marks off the cells they change.
 */
import type { CellEdit } from './edits';
import { checkExcelSupport, isExcelApiSupported } from './office';

/** Stops watching; resolves once Excel has dropped the handlers. */
export type StopWatching = () => Promise<void>;

export async function watchWorkbook(onChange: () => void): Promise<StopWatching> {
  const none: StopWatching = () => Promise.resolve();
  if (!checkExcelSupport().supported) return none;
  try {
    return await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const handler = async (): Promise<void> => {
        try {
          onChange();
        } catch {
          // The pane's listener failing must not make Excel drop the handler.
        }
      };
      const added: OfficeExtension.EventHandlerResult<unknown>[] = [];
      // A host without these events (an older Excel, a simulated one) still runs the pane: it re-reads on demand.
      for (const event of [sheets.onSelectionChanged, sheets.onActivated] as const) {
        if (typeof event?.add === 'function')
          added.push(event.add(handler) as OfficeExtension.EventHandlerResult<unknown>);
      }
      if (added.length === 0) return none;
      await context.sync();
      return async () => {
        const first = added[0];
        if (first === undefined) return;
        await Excel.run(first.context, async (again) => {
          for (const result of added) result.remove();
          await again.sync();
        });
      };
    });
  } catch {
    return none;
  }
}

/** `worksheets.onChanged`, the change event of every sheet at once. */
const CHANGE_EVENT_EXCEL_API = '1.9';

/**
 * Calls `onEdits` with the cells the user edited in any sheet (`worksheets.onChanged`, ExcelApi 1.9). Only edits of
 * cell contents made here count: inserted or deleted rows and columns move cells under the marks registry, which
 * the next check sets right, and a co-author's edits (`source` Remote) are their own pane's to handle. An Excel
 * without the event (or one that refuses the handler) gets a no-op: the marks then go at the next check, as before.
 */
export async function watchEdits(onEdits: (edits: CellEdit[]) => void): Promise<StopWatching> {
  const none: StopWatching = () => Promise.resolve();
  if (!checkExcelSupport().supported || !isExcelApiSupported(CHANGE_EVENT_EXCEL_API)) return none;
  try {
    return await Excel.run(async (context) => {
      const event = context.workbook.worksheets.onChanged;
      if (typeof event?.add !== 'function') return none;
      const added = event.add(async (args: Excel.WorksheetChangedEventArgs) => {
        try {
          if (args.changeType !== 'RangeEdited' || args.source !== 'Local') return;
          onEdits([{ worksheetId: args.worksheetId, address: args.address }]);
        } catch {
          // The pane's listener failing must not make Excel drop the handler.
        }
      });
      await context.sync();
      return async () => {
        await Excel.run(added.context, async (again) => {
          added.remove();
          await again.sync();
        });
      };
    });
  } catch {
    return none;
  }
}
