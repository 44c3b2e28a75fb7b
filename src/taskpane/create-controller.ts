/**
 * SEAM — replaced by the wiring issue. `index.tsx` calls `createPaneController` and nothing else; the real one
 * implements `PaneController` over src/app's use cases, the Office.js workbook adapter (src/excel) and the
 * server's /api (same origin), and keeps this signature.
 *
 * Until then every call answers `pane.not-connected`: the pane shows that plainly instead of pretending with demo
 * data. Sign-in already goes through `createEntraSignIn` so the wiring only has to give it the real Entra settings
 * (and hand `entra.accessToken()` to its /api client as the bearer).
 */
import { createEntraSignIn } from './auth/entra-sign-in';
import { fail, type PaneController, type PaneResult } from './controller';
import type { PaneEventHub } from './events';

export interface HostInfo {
  /** `Office.context.displayLanguage`, '' outside Office. */
  displayLanguage: string;
  theme: 'light' | 'dark';
}

export function createPaneController(host: HostInfo, events: PaneEventHub): PaneController {
  const notConnected = <T>(): Promise<PaneResult<T>> => Promise.resolve(fail('pane.not-connected'));
  // The wiring replaces this with the server's Entra settings; msal is then loaded on the first sign-in.
  const entra = createEntraSignIn(notConnected);
  return {
    displayLanguage: host.displayLanguage,
    theme: host.theme,
    // The real controller keeps it for the texts it writes into the workbook.
    setLanguage: () => undefined,
    session: notConnected,
    selectEnvironment: notConnected,
    testConnection: notConnected,
    signIn: ({ interactive }) => entra.signIn(interactive),
    signOut: () => entra.signOut(),
    detectSheet: notConnected,
    saveMapping: notConnected,
    validate: notConnected,
    preview: notConnected,
    planSend: notConnected,
    send: notConnected,
    goToCell: notConnected,
    attachPhotos: notConnected,
    refreshLists: notConnected,
    createRepaymentTemplate: notConnected,
    copyDiagnostics: notConnected,
    showPane: () => Promise.resolve(),
    subscribe: (listener) => events.subscribe(listener),
  };
}
