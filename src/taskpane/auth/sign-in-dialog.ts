/**
 * Sign-in in an Office dialog, for an Office without nested app authentication (no `NestedAppAuth 1.1`): Microsoft's
 * fallback. The pane opens `sign-in-dialog.html` of its own server with `displayDialogAsync`; that page signs in with
 * msal's standard client by redirect (its own URL is the redirect URI: the admin registers
 * `https://<server>/sign-in-dialog.html` as a single-page application redirect URI, docs/deploy.md) and hands the
 * result to the pane with `messageParent`, once. The pane keeps the token in memory only, until it expires.
 *
 * This file holds both ends of that message and the dialog page's logic over ports; dialog-entry.ts wires the page.
 */
import type { AuthenticationResult } from '@azure/msal-browser';

export const SIGN_IN_DIALOG_PAGE = 'sign-in-dialog.html';
const KIND = 'kiva-sheets-sign-in';

export type DialogResult =
  | { ok: true; accessToken: string; expiresOn: number; account: { name: string; username?: string } }
  | { ok: false; code: string };

/** The dialog's URL on the pane's origin, with the login hint when Office gave one. */
export function signInDialogUrl(origin: string, loginHint: string | undefined): string {
  const url = new URL(`/${SIGN_IN_DIALOG_PAGE}`, origin);
  if (loginHint !== undefined) url.searchParams.set('login_hint', loginHint);
  return url.toString();
}

export function encodeDialogResult(result: DialogResult): string {
  return JSON.stringify({ kind: KIND, ...result });
}

/** undefined for anything that is not our page's message. */
export function decodeDialogResult(message: string): DialogResult | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  const m = parsed as Record<string, unknown> | null;
  if (m === null || typeof m !== 'object' || m.kind !== KIND) return undefined;
  if (m.ok === false) return { ok: false, code: typeof m.code === 'string' ? m.code : 'unknown' };
  const account = m.account as { name?: unknown; username?: unknown } | undefined;
  if (m.ok !== true || typeof m.accessToken !== 'string' || typeof m.expiresOn !== 'number') return undefined;
  if (typeof account?.name !== 'string') return undefined;
  return {
    ok: true,
    accessToken: m.accessToken,
    expiresOn: m.expiresOn,
    account: { name: account.name, ...(typeof account.username === 'string' ? { username: account.username } : {}) },
  };
}

/** What the dialog page uses of msal's standard client. */
export interface DialogMsal {
  handleRedirectPromise(): Promise<AuthenticationResult | null>;
  loginRedirect(request: { scopes: string[]; loginHint?: string; redirectUri: string }): Promise<void>;
}

export interface DialogPage {
  /** The page's own URL (its query carries the login hint). */
  href: string;
  settings(): { scopes: string[] } | undefined;
  msal(redirectUri: string): Promise<DialogMsal>;
  messageParent(message: string): void;
}

/**
 * First visit: off to Microsoft's sign-in page (with the hint). Back from it (same page, with the answer in the
 * URL): the result, or the error code, to the pane. Never more than the token, its expiry and who signed in.
 */
export async function runSignInDialog(page: DialogPage): Promise<void> {
  const url = new URL(page.href);
  const redirectUri = `${url.origin}${url.pathname}`;
  const settings = page.settings();
  if (settings === undefined) {
    page.messageParent(encodeDialogResult({ ok: false, code: 'unavailable' }));
    return;
  }
  try {
    const msal = await page.msal(redirectUri);
    const answer = await msal.handleRedirectPromise();
    if (answer === null) {
      const loginHint = url.searchParams.get('login_hint') ?? undefined;
      await msal.loginRedirect({
        scopes: settings.scopes,
        redirectUri,
        ...(loginHint !== undefined ? { loginHint } : {}),
      });
      return;
    }
    const who = answer.account;
    page.messageParent(
      encodeDialogResult({
        ok: true,
        accessToken: answer.accessToken,
        expiresOn: answer.expiresOn?.getTime() ?? Date.now() + 5 * 60_000,
        account: {
          name: who?.name?.trim() || who?.username || '',
          ...(who?.username !== undefined ? { username: who.username } : {}),
        },
      }),
    );
  } catch (cause) {
    const code = (cause as { errorCode?: unknown } | null)?.errorCode;
    page.messageParent(encodeDialogResult({ ok: false, code: typeof code === 'string' ? code : 'unknown' }));
  }
}
