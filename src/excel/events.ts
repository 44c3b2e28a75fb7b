/// <reference types="office-js" />
/**
 * The user moving in the workbook (another sheet, another selection) changes what the pane shows: the selected
 * rows, the sheet's kind and columns. Excel tells it through worksheet events; this turns them into one callback.
 * Writes are not watched: the pane knows when it wrote, and Excel would also report the add-in's own writes.
 */
import { checkExcelSupport } from './office';

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
