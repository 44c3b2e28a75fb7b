/**
 * `OfficeExtension.EventHandlers` for the one event the simulation raises, `worksheets.onChanged` (ExcelApi 1.9):
 * `add` returns a result whose `remove` drops the handler. Office.js registers a handler at the next sync; here it
 * is registered at once, which a caller that syncs after `add` (as Office.js asks) cannot tell apart.
 */
import type { SimRequestContext } from './context';

export class SimEventHandlers<A> {
  constructor(
    private readonly context: SimRequestContext,
    private readonly handlers: Set<(args: A) => unknown>,
  ) {}

  add(handler: (args: A) => unknown): { context: SimRequestContext; remove(): void } {
    this.handlers.add(handler);
    return {
      context: this.context,
      remove: () => {
        this.handlers.delete(handler);
      },
    };
  }
}
