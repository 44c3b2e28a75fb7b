/**
 * The pane hears of the user's moves through Excel's worksheet events. The simulated Excel has none (the workbench
 * reports moves itself), so a stand-in `Excel` with just those events checks the wiring.
 */
import { watchWorkbook } from '../../src/excel';
import { OFFICE_2021, rig } from './helpers';

describe('watchWorkbook', () => {
  it('is a quiet no-op where Excel has no worksheet events', async () => {
    rig({ sheets: [{ name: 'Loans', rows: [['loan_id']] }] }, OFFICE_2021);
    const onChange = jest.fn();
    const stop = await watchWorkbook(onChange);
    await expect(stop()).resolves.toBeUndefined();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('calls back on selection and sheet changes, and stops when asked', async () => {
    const handlers: (() => Promise<void>)[] = [];
    const removed: string[] = [];
    const event = (name: string) => ({
      add(handler: () => Promise<void>) {
        handlers.push(handler);
        return { context, remove: () => removed.push(name) };
      },
    });
    const context = {
      workbook: { worksheets: { onSelectionChanged: event('selection'), onActivated: event('activated') } },
      sync: async () => undefined,
    };
    const { install, uninstall } = stand(context);
    install();
    try {
      const onChange = jest.fn();
      const stop = await watchWorkbook(onChange);
      await Promise.all(handlers.map((handler) => handler()));
      expect(onChange).toHaveBeenCalledTimes(2);
      await stop();
      expect(removed).toEqual(['selection', 'activated']);
    } finally {
      uninstall();
    }
  });
});

/** A minimal `Excel` and `Office` for one context, ExcelApi 1.10. */
function stand(context: object) {
  const slot = globalThis as Record<string, unknown>;
  const before = { Excel: slot.Excel, Office: slot.Office };
  return {
    install() {
      slot.Excel = {
        run: async (first: unknown, second?: (c: object) => Promise<unknown>) =>
          (typeof first === 'function' ? (first as (c: object) => Promise<unknown>) : second!)(context),
      };
      slot.Office = {
        context: { requirements: { isSetSupported: (_name: string, version: string) => version !== '1.18' } },
      };
    },
    uninstall() {
      slot.Excel = before.Excel;
      slot.Office = before.Office;
    },
  };
}
