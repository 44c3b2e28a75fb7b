/// <reference types="office-js" />
/**
 * The task pane page's bootstrap in Excel, and the ribbon's function file (shared runtime): wait for Office,
 * build the one controller, register the ribbon commands, render the pane. Nothing else lives here.
 */
import { createRoot } from 'react-dom/client';
import { registerRibbonCommands } from '../commands';
import { TaskPaneApp } from './App';
import { createPaneController, type HostInfo } from './create-controller';
import { createPaneEventHub } from './events';
import { themeFromBackground } from './theme';

function hostInfo(): HostInfo {
  // Outside Office (a plain browser) `Office.context` has no document and may lack these: fall back quietly.
  const context = typeof Office !== 'undefined' ? Office.context : undefined;
  return {
    displayLanguage: context?.displayLanguage ?? '',
    theme: themeFromBackground(context?.officeTheme?.bodyBackgroundColor),
  };
}

// A page built without office.js (see webpack.config.js) still renders, e.g. for a quick look in a browser.
const ready: Promise<unknown> = typeof Office !== 'undefined' ? Office.onReady() : Promise.resolve();

void ready.then(() => {
  const events = createPaneEventHub();
  const controller = createPaneController(hostInfo(), events);
  registerRibbonCommands({ controller, publish: events.publish });
  const container = document.getElementById('root');
  if (container === null) return;
  createRoot(container).render(<TaskPaneApp controller={controller} />);
});
