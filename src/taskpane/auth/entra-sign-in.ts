/**
 * Microsoft Entra ID sign-in with nested app authentication (msal-browser), for servers in `entra` mode.
 *
 * msal-browser is imported on first use only, so the pane of a local-mode server never downloads it. The access
 * token it yields goes to our server's /api as a bearer (through `accessToken()`, used by the controller's HTTP
 * client) and nowhere else: not into React state, not into the workbook, not into errors.
 *
 * The controller implementation owns one of these and delegates `signIn`/`signOut` to it.
 */
import type { AccountInfo, AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import { fail, ok, type PaneError, type PaneResult, type SignedInAccount } from '../controller';

export interface EntraSettings {
  /** The add-in's (SPA) app registration. */
  clientId: string;
  /** `https://login.microsoftonline.com/<tenant>`; msal's default (`common`) when absent. */
  authority?: string;
  /** The scope of our server's API, e.g. `api://<server app id>/access_as_user`. */
  scopes: readonly string[];
}

export interface EntraSignIn {
  /** `interactive`: silent first, then Microsoft's window; without it, silent only. */
  signIn(interactive: boolean): Promise<PaneResult<SignedInAccount>>;
  /** A fresh token for /api (msal renews it silently); `signin.interaction-required` when the user must act. */
  accessToken(): Promise<PaneResult<string>>;
  signOut(): Promise<PaneResult<void>>;
}

/** The part of msal-browser this module uses; tests pass a fake one. */
export interface MsalModule {
  createNestablePublicClientApplication(configuration: {
    auth: { clientId: string; authority?: string };
  }): Promise<IPublicClientApplication>;
}

export function loadMsal(): Promise<MsalModule> {
  return import(/* webpackChunkName: "msal" */ '@azure/msal-browser');
}

export function createEntraSignIn(
  settings: () => Promise<PaneResult<EntraSettings>>,
  load: () => Promise<MsalModule> = loadMsal,
): EntraSignIn {
  let app: Promise<PaneResult<{ pca: IPublicClientApplication; scopes: string[] }>> | undefined;
  let account: AccountInfo | undefined;

  const application = () => {
    // One initialisation shared by concurrent callers; a failed one is forgotten so the next click retries.
    app ??= (async () => {
      const found = await settings();
      if (!found.ok) return found;
      try {
        const msal = await load();
        const auth = { clientId: found.value.clientId, ...optional('authority', found.value.authority) };
        const pca = await msal.createNestablePublicClientApplication({ auth });
        return ok({ pca, scopes: [...found.value.scopes] });
      } catch (cause) {
        return { ok: false as const, error: classify(cause) };
      }
    })();
    const current = app;
    return current.then((result) => {
      if (!result.ok && app === current) app = undefined;
      return result;
    });
  };

  const signedIn = (result: AuthenticationResult): PaneResult<SignedInAccount> => {
    if (result.account) account = result.account;
    const who = result.account ?? account;
    const name = who?.name?.trim() || who?.username || '';
    const signed: SignedInAccount = { name, ...optional('username', who?.username) };
    if (result.expiresOn) signed.expiresAt = result.expiresOn.getTime();
    return ok(signed);
  };

  return {
    async signIn(interactive) {
      const found = await application();
      if (!found.ok) return found;
      const { pca, scopes } = found.value;
      let silentError: PaneError;
      try {
        return signedIn(await pca.acquireTokenSilent({ scopes, ...optional('account', account) }));
      } catch (cause) {
        silentError = classify(cause);
      }
      if (!interactive) return { ok: false, error: silentError };
      try {
        return signedIn(await pca.acquireTokenPopup({ scopes }));
      } catch (cause) {
        return { ok: false, error: classify(cause) };
      }
    },

    async accessToken() {
      if (app === undefined) return fail('signin.interaction-required');
      const found = await application();
      if (!found.ok) return found;
      try {
        const result = await found.value.pca.acquireTokenSilent({
          scopes: found.value.scopes,
          ...optional('account', account),
        });
        if (result.account) account = result.account;
        return ok(result.accessToken);
      } catch (cause) {
        return { ok: false, error: classify(cause) };
      }
    },

    async signOut() {
      const signedOutAccount = account;
      account = undefined;
      if (app === undefined) return ok(undefined);
      const found = await application();
      if (!found.ok) return ok(undefined);
      try {
        await found.value.pca.clearCache(signedOutAccount ? { account: signedOutAccount } : undefined);
        return ok(undefined);
      } catch (cause) {
        return { ok: false, error: classify(cause) };
      }
    },
  };
}

/** msal's error codes → ours. Only the code crosses over: msal's messages can quote request details. */
export function classify(cause: unknown): PaneError {
  const name = typeof cause === 'object' && cause !== null ? String((cause as { name?: unknown }).name ?? '') : '';
  const code =
    typeof cause === 'object' && cause !== null ? String((cause as { errorCode?: unknown }).errorCode ?? '') : '';
  if (name === 'InteractionRequiredAuthError' || code === 'interaction_required' || code === 'login_required') {
    return { code: 'signin.interaction-required', params: {} };
  }
  if (code === 'consent_required' || code === 'no_account_error' || code === 'no_tokens_found') {
    return { code: 'signin.interaction-required', params: {} };
  }
  if (code === 'user_cancelled') return { code: 'signin.cancelled', params: {} };
  if (code === 'popup_window_error' || code === 'empty_window_error' || code === 'block_nested_popups') {
    return { code: 'signin.popup-blocked', params: {} };
  }
  if (code === 'nested_app_auth_bridge_disabled' || code === 'unsupported_method') {
    return { code: 'signin.unavailable', params: {} };
  }
  return { code: 'signin.failed', params: { detail: /^[\w.-]{1,60}$/.test(code) ? code : name || 'unknown' } };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
