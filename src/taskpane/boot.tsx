/**
 * Starting the pane on a page: one event hub, one live controller, the ribbon's functions registered with the same
 * controller (shared runtime), and the pane rendered. Excel's page (index.tsx) and the workbench share it, so the
 * workbench runs exactly what Excel runs.
 */
import { createRoot } from 'react-dom/client';
import { registerRibbonCommands } from '../commands';
import { TaskPaneApp } from './App';
import { createPaneController, type ControllerOptions, type HostInfo } from './create-controller';
import { createPaneEventHub, type PaneEventHub } from './events';
import type { LiveController } from './live-controller';

export interface BootedPane {
  controller: LiveController;
  /** The workbench publishes the simulated user's moves here (`sheet-changed`). */
  events: PaneEventHub;
  /** Whether Office took the ribbon's functions (false where the host runs no add-in commands). */
  ribbon: boolean;
}

export function bootPane(container: HTMLElement | null, host: HostInfo, options: ControllerOptions = {}): BootedPane {
  const events = createPaneEventHub();
  const controller = createPaneController(host, events, options);
  const ribbon = registerRibbonCommands({ controller: controller.ribbon, publish: events.publish });
  if (container !== null) createRoot(container).render(<TaskPaneApp controller={controller} />);
  return { controller, events, ribbon };
}
