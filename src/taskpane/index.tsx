/// <reference types="office-js" />
/**
 * The task pane page's bootstrap in Excel, and the ribbon's function file (shared runtime): wait for Office, then
 * start the pane (boot.tsx). Only what comes from Office itself is read here.
 */
import { bootPane } from './boot';
import type { HostInfo } from './create-controller';
import { themeFromBackground } from './theme';

function hostInfo(): HostInfo {
  // Outside Office (a plain browser) `Office.context` has no document and may lack these: fall back quietly.
  const office = typeof Office !== 'undefined' ? Office : undefined;
  const context = office?.context;
  return {
    displayLanguage: context?.displayLanguage ?? '',
    theme: themeFromBackground(context?.officeTheme?.bodyBackgroundColor),
    showPane: async () => {
      // Only the shared runtime can bring the pane forward (not Excel on iPad, not a plain browser).
      if (typeof office?.addin?.showAsTaskpane === 'function') await office.addin.showAsTaskpane();
    },
    about: () => ({
      office: context?.diagnostics
        ? `${context.diagnostics.host} ${context.diagnostics.platform} ${context.diagnostics.version}`
        : undefined,
    }),
  };
}

// A page built without office.js (see webpack.config.js) still renders, e.g. for a quick look in a browser.
const ready: Promise<unknown> = typeof Office !== 'undefined' ? Office.onReady() : Promise.resolve();

void ready.then(() => bootPane(document.getElementById('root'), hostInfo()));
