/**
 * Microsoft Entra ID sign-in for servers in `entra` mode, as Microsoft's nested app authentication (NAA) guidance
 * has it (OfficeDev office-js-docs-pr, "Enable single sign-on in an Office Add-in with nested app authentication"):
 *
 * 1. `NestedAppAuth 1.1` supported (or not inside Office at all: msal's nestable client then works as a normal one):
 *    `acquireTokenSilent` for the account msal knows, then `ssoSilent` with the login hint from
 *    `Office.auth.getAuthContext()` (the user Office is signed in as; what Excel on the web needs), then — only when
 *    the user clicked — `acquireTokenPopup` with the same hint. The admin registers `brk-multihub://<host>` as a
 *    single-page application redirect URI (docs/deploy.md).
 * 2. Inside an Office without NAA: the sign-in page of our own server in an Office dialog (sign-in-dialog.ts), which
 *    hands back the token once; it is kept in memory until it expires, then the user signs in again.
 *
 * msal-browser is imported on first use only, so the pane of a local-mode server never downloads it. The access
 * token goes to our server's /api as a bearer (through `accessToken()`, used by the controller's HTTP client) and
 * nowhere else: not into React state, not into the workbook, not into errors.
 *
 * The controller implementation owns one of these and delegates `signIn`/`signOut` to it.
 */
import type { AccountInfo, AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import { fail, ok, type PaneError, type PaneResult, type SignedInAccount } from '../controller';
import { officeAuthHost, type DialogAnswer, type OfficeAuthHost } from './office-auth';
import { decodeDialogResult, signInDialogUrl, type DialogResult } from './sign-in-dialog';

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

export interface EntraSignInOptions {
  /** Office's side of sign-in (requirement sets, login hint, dialogs); default the `Office` global. */
  office?: OfficeAuthHost;
  /** The pane's origin, where the sign-in dialog page is; default the page's. */
  origin?: string;
  now?: () => number;
}

/** A dialog token is not used in its last minute: a call made with it could arrive after it expired. */
const EXPIRY_MARGIN_MS = 60_000;

type Flow = { kind: 'naa'; pca: IPublicClientApplication; scopes: string[] } | { kind: 'dialog' };

export function createEntraSignIn(
  settings: () => Promise<PaneResult<EntraSettings>>,
  load: () => Promise<MsalModule> = loadMsal,
  options: EntraSignInOptions = {},
): EntraSignIn {
  const office = options.office ?? officeAuthHost();
  const now = options.now ?? Date.now;
  let app: Promise<PaneResult<Flow>> | undefined;
  let account: AccountInfo | undefined;
  /** The dialog flow's token, in memory only. */
  let dialogToken: { accessToken: string; expiresOn: number; account: SignedInAccount } | undefined;

  const application = () => {
    // One initialisation shared by concurrent callers; a failed one is forgotten so the next click retries.
    app ??= (async (): Promise<PaneResult<Flow>> => {
      const found = await settings();
      if (!found.ok) return found;
      const scopes = [...found.value.scopes];
      if (office.nestedAppAuth() === 'unsupported') return ok({ kind: 'dialog' });
      try {
        const msal = await load();
        const auth = { clientId: found.value.clientId, ...optional('authority', found.value.authority) };
        const pca = await msal.createNestablePublicClientApplication({ auth });
        return ok({ kind: 'naa', pca, scopes });
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

  /** acquireTokenSilent for the known account, then ssoSilent with Office's login hint. */
  const silently = async (flow: Extract<Flow, { kind: 'naa' }>): Promise<PaneResult<AuthenticationResult>> => {
    try {
      return ok(await flow.pca.acquireTokenSilent({ scopes: flow.scopes, ...optional('account', account) }));
    } catch {
      // Expected when msal has no account or token yet: single sign-on with Office's user comes next.
    }
    const loginHint = await office.loginHint();
    try {
      return ok(await flow.pca.ssoSilent({ scopes: flow.scopes, ...optional('loginHint', loginHint) }));
    } catch (cause) {
      return { ok: false, error: classify(cause) };
    }
  };

  const viaDialog = async (): Promise<PaneResult<SignedInAccount>> => {
    const origin = options.origin ?? globalThis.location?.origin ?? '';
    const answer = await office.openDialog(signInDialogUrl(origin, await office.loginHint()));
    const result = dialogOutcome(answer, origin);
    if (!result.ok) return { ok: false, error: dialogError(result.code) };
    dialogToken = { accessToken: result.accessToken, expiresOn: result.expiresOn, account: { ...result.account } };
    return ok({ ...result.account, expiresAt: result.expiresOn });
  };

  const liveDialogToken = () =>
    dialogToken !== undefined && dialogToken.expiresOn - EXPIRY_MARGIN_MS > now() ? dialogToken : undefined;

  return {
    async signIn(interactive) {
      const found = await application();
      if (!found.ok) return found;
      const flow = found.value;
      if (flow.kind === 'dialog') {
        const live = liveDialogToken();
        if (live !== undefined) return ok({ ...live.account, expiresAt: live.expiresOn });
        return interactive ? viaDialog() : fail('signin.interaction-required');
      }
      const silent = await silently(flow);
      if (silent.ok) return signedIn(silent.value);
      if (!interactive) return silent;
      try {
        const loginHint = await office.loginHint();
        return signedIn(await flow.pca.acquireTokenPopup({ scopes: flow.scopes, ...optional('loginHint', loginHint) }));
      } catch (cause) {
        return { ok: false, error: classify(cause) };
      }
    },

    async accessToken() {
      if (app === undefined) return fail('signin.interaction-required');
      const found = await application();
      if (!found.ok) return found;
      const flow = found.value;
      if (flow.kind === 'dialog') {
        const live = liveDialogToken();
        return live !== undefined ? ok(live.accessToken) : fail('signin.interaction-required');
      }
      const silent = await silently(flow);
      if (!silent.ok) return silent;
      if (silent.value.account) account = silent.value.account;
      return ok(silent.value.accessToken);
    },

    async signOut() {
      const signedOutAccount = account;
      account = undefined;
      dialogToken = undefined;
      if (app === undefined) return ok(undefined);
      const found = await application();
      if (!found.ok || found.value.kind === 'dialog') return ok(undefined);
      try {
        await found.value.pca.clearCache(signedOutAccount ? { account: signedOutAccount } : undefined);
        return ok(undefined);
      } catch (cause) {
        return { ok: false, error: classify(cause) };
      }
    },
  };
}

/** What came back from the dialog; a message from another origin is not ours to take. */
function dialogOutcome(answer: DialogAnswer, origin: string): DialogResult {
  if (answer.kind === 'closed') return { ok: false, code: answer.code === 12006 ? 'user_cancelled' : 'dialog_closed' };
  if (answer.kind === 'failed') return { ok: false, code: answer.code === 12009 ? 'dialog_blocked' : 'dialog_failed' };
  if (answer.origin !== undefined && origin !== '' && answer.origin !== origin) return { ok: false, code: 'origin' };
  return decodeDialogResult(answer.message) ?? { ok: false, code: 'bad_message' };
}

function dialogError(code: string): PaneError {
  if (code === 'user_cancelled') return { code: 'signin.cancelled', params: {} };
  if (code === 'dialog_blocked') return { code: 'signin.popup-blocked', params: {} };
  if (code === 'unavailable') return { code: 'signin.unavailable', params: {} };
  return classify({ errorCode: code });
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
