/**
 * One channel from the ribbon commands (and the controller) to the pane. With the shared runtime the ribbon's
 * functions and the pane live in the same page, so a plain in-memory hub is enough.
 */
import type { PaneEvent } from './controller';

export interface PaneEventHub {
  publish(event: PaneEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: PaneEvent) => void): () => void;
}

/** Outcomes a listener must not miss although it subscribed late (a ribbon run that finished before React mounted). */
const KEPT: ReadonlySet<PaneEvent['type']> = new Set([
  'command-validated',
  'command-sent',
  'command-failed',
  'send-requested',
]);

export function createPaneEventHub(): PaneEventHub {
  const listeners = new Set<(event: PaneEvent) => void>();
  let undelivered: PaneEvent | undefined;
  return {
    publish(event) {
      if (listeners.size === 0) {
        if (KEPT.has(event.type)) undelivered = event;
        return;
      }
      // A listener that throws must not keep the others (or the ribbon command) from their event.
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (cause) {
          reportListenerFailure(cause);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (undelivered !== undefined) {
        const event = undelivered;
        undelivered = undefined;
        listener(event);
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function reportListenerFailure(cause: unknown): void {
  // Nowhere to show it: the listener is the pane itself. The console is what a support person opens.
  console.error('Kiva Sheets: a pane event listener failed', cause);
}
