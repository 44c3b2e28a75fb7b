/**
 * sign-in-dialog.html's script: the page Office opens in a dialog when it has no nested app authentication
 * (sign-in-dialog.ts says why and how). It reads the same sign-in settings the server writes into every page.
 */
import { ENTRA_META } from './entra-meta';
import { runSignInDialog } from './sign-in-dialog';

function meta(name: string): string | undefined {
  const content = document.querySelector(`meta[name="${name}"]`)?.getAttribute('content')?.trim();
  return content === undefined || content === '' ? undefined : content;
}

const office = (globalThis as { Office?: typeof Office }).Office;

void (office?.onReady() ?? Promise.resolve()).then(() =>
  runSignInDialog({
    href: window.location.href,
    settings() {
      const scopes = meta(ENTRA_META.scopes)?.split(/\s+/) ?? [];
      return meta(ENTRA_META.clientId) !== undefined && scopes.length > 0 ? { scopes } : undefined;
    },
    async msal(redirectUri) {
      const { createStandardPublicClientApplication } = await import(
        /* webpackChunkName: "msal" */ '@azure/msal-browser'
      );
      const authority = meta(ENTRA_META.authority);
      return createStandardPublicClientApplication({
        // msal's default cache: the dialog window's own session storage, gone when Office closes the dialog (the
        // redirect needs it to come back to this page). The pane keeps what it is sent in memory only.
        auth: { clientId: meta(ENTRA_META.clientId) ?? '', redirectUri, ...(authority ? { authority } : {}) },
      });
    },
    messageParent(message) {
      office?.context.ui.messageParent(message);
    },
  }),
);
