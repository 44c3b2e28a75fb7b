/**
 * The user's edits, as Excel reports them (one change event per edit or paste), gathered into batches: the marks on
 * the edited cells are taken off in one write per batch (src/excel/edits.ts), never one per cell or per event.
 *
 * A batch is what arrived before the queue's turn came: the events Excel raises together (a paste, a fill down, a
 * clear of a selection) and everything that arrived while another task held the workbook. A task that writes into
 * the workbook takes the waiting edits first (`take`), so that a check started after an edit never has its fresh
 * marks taken off by that older edit.
 */
import type { CellEdit } from '../excel';

export interface EditQueue {
  /** Adds edits; resolves once they (and any before them) were handed to `clear`. */
  add(edits: readonly CellEdit[]): Promise<void>;
  /** The edits waiting, handed over and forgotten (a task about to start clears them itself). */
  take(): CellEdit[];
  /** A task ended: what arrived while it ran gets its turn. */
  idle(): void;
}

export interface EditQueueDeps {
  /** Whether another task holds the workbook now. */
  busy(): boolean;
  /** Clears the marks of one batch, under the one-task guard; never throws. */
  clear(edits: CellEdit[]): Promise<void>;
}

export function createEditQueue(deps: EditQueueDeps): EditQueue {
  let waiting: CellEdit[] = [];
  let turn: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function run(): Promise<void> {
    // Excel raises the events of one user action one after another: let them all arrive first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    while (waiting.length > 0) {
      if (deps.busy()) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const batch = waiting;
      waiting = [];
      await deps.clear(batch);
    }
  }

  // An edit that arrives as a turn ends (after its last look at `waiting`) gets a turn of its own, which the
  // ending one waits for: whoever awaits `add` sees their edits handed over.
  function schedule(): Promise<void> {
    turn ??= run()
      .catch(() => undefined)
      .then(() => {
        turn = undefined;
        return waiting.length > 0 ? schedule() : undefined;
      });
    return turn;
  }

  return {
    add(edits) {
      waiting.push(...edits);
      return schedule();
    },
    take() {
      const taken = waiting;
      waiting = [];
      return taken;
    },
    idle() {
      const resume = wake;
      wake = undefined;
      resume?.();
    },
  };
}
