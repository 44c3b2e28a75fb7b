/**
 * Microsoft sign-in in the pane, per Microsoft's NAA guidance, with stand-ins for msal-browser and for Office:
 * the NestedAppAuth 1.1 check, acquireTokenSilent → ssoSilent with Office's login hint → popup (only on a click),
 * and the Office-dialog fallback where NAA is absent, end to end through the real Office adapter and the real dialog
 * page logic.
 */
import type { IPublicClientApplication } from '@azure/msal-browser';
import { classify, createEntraSignIn, type MsalModule } from '../../src/taskpane/auth/entra-sign-in';
import { LOGIN_HINT_WAIT_MS, officeAuthHost } from '../../src/taskpane/auth/office-auth';
import {
  decodeDialogResult,
  encodeDialogResult,
  runSignInDialog,
  signInDialogUrl,
  type DialogMsal,
} from '../../src/taskpane/auth/sign-in-dialog';
import { fail, ok } from '../../src/taskpane/controller';

const settings = {
  clientId: 'pane-app',
  authority: 'https://login.microsoftonline.com/tenant',
  scopes: ['api://server/access'],
};
const account = {
  homeAccountId: 'h',
  environment: 'e',
  tenantId: 't',
  username: 'maria@mfi.org',
  localAccountId: 'l',
  name: 'María',
};
const ORIGIN = 'https://kiva-sheets.partner.org';

function msalError(name: string, errorCode: string): Error {
  return Object.assign(new Error(`secret detail ${errorCode}`), { name, errorCode });
}

function fakeMsal(pca: Partial<IPublicClientApplication>) {
  const created: unknown[] = [];
  const module: MsalModule = {
    createNestablePublicClientApplication: jest.fn(async (configuration) => {
      created.push(configuration);
      return pca as IPublicClientApplication;
    }),
  };
  const load = jest.fn(async () => module);
  return { module, load, created };
}

const token = (accessToken: string, expiresOn = 5_000) => ({ accessToken, account, expiresOn: new Date(expiresOn) });
const interactionRequired = () => {
  throw msalError('InteractionRequiredAuthError', 'interaction_required');
};

interface FakeDialog {
  url: string;
  options: unknown;
  handlers: Record<string, (arg: { message?: string; origin?: string; error?: number }) => void>;
  closed: boolean;
}

/** An `Office` global as Office.js shapes it: requirement sets, getAuthContext, displayDialogAsync. */
function fakeOffice(options: {
  naa?: boolean;
  upn?: string | 'never';
  dialog?: (dialog: FakeDialog) => void;
  openFails?: number;
}) {
  const dialogs: FakeDialog[] = [];
  const isSetSupported = jest.fn(
    (name: string, version?: string) => name === 'NestedAppAuth' && version === '1.1' && options.naa === true,
  );
  const office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    context: {
      requirements: { isSetSupported },
      ui: {
        displayDialogAsync: jest.fn((url: string, dialogOptions: unknown, callback: (result: unknown) => void) => {
          if (options.openFails !== undefined) {
            callback({ status: 'failed', error: { code: options.openFails } });
            return;
          }
          const dialog: FakeDialog = { url, options: dialogOptions, handlers: {}, closed: false };
          dialogs.push(dialog);
          callback({
            status: 'succeeded',
            value: {
              addEventHandler: (type: string, handler: FakeDialog['handlers'][string]) =>
                (dialog.handlers[type] = handler),
              close: () => (dialog.closed = true),
            },
          });
          // The dialog page runs once Office has shown it.
          setTimeout(() => options.dialog?.(dialog), 0);
        }),
      },
    },
    auth: {
      getAuthContext: jest.fn(() =>
        options.upn === 'never'
          ? new Promise<never>(() => undefined)
          : Promise.resolve(options.upn === undefined ? {} : { userPrincipalName: options.upn }),
      ),
    },
  };
  return { office, dialogs, isSetSupported, host: officeAuthHost(() => office) };
}

describe('Entra sign-in with nested app authentication (NestedAppAuth 1.1)', () => {
  it('does not load msal-browser until the first sign-in', async () => {
    const { load } = fakeMsal({});
    createEntraSignIn(async () => ok(settings), load, { office: fakeOffice({ naa: true }).host });
    expect(load).not.toHaveBeenCalled();
  });

  it('checks the NestedAppAuth 1.1 requirement set, then signs in silently and reports the account, never the token', async () => {
    const acquireTokenSilent = jest.fn(async () => token('SECRET-TOKEN'));
    const { load, created } = fakeMsal({ acquireTokenSilent } as never);
    const office = fakeOffice({ naa: true, upn: 'maria@mfi.org' });
    const signIn = createEntraSignIn(async () => ok(settings), load, { office: office.host });

    const result = await signIn.signIn(false);
    expect(office.isSetSupported).toHaveBeenCalledWith('NestedAppAuth', '1.1');
    expect(result).toEqual({ ok: true, value: { name: 'María', username: 'maria@mfi.org', expiresAt: 5_000 } });
    expect(JSON.stringify(result)).not.toContain('SECRET-TOKEN');
    expect(created).toEqual([{ auth: { clientId: 'pane-app', authority: settings.authority } }]);
    expect(acquireTokenSilent).toHaveBeenCalledWith({ scopes: ['api://server/access'] });
  });

  it('then tries ssoSilent with the login hint from Office.auth.getAuthContext()', async () => {
    const acquireTokenSilent = jest.fn(interactionRequired);
    const ssoSilent = jest.fn(async () => token('SSO'));
    const { load } = fakeMsal({ acquireTokenSilent, ssoSilent } as never);
    const office = fakeOffice({ naa: true, upn: 'maria@mfi.org' });
    const signIn = createEntraSignIn(async () => ok(settings), load, { office: office.host });

    expect((await signIn.signIn(false)).ok).toBe(true);
    expect(ssoSilent).toHaveBeenCalledWith({ scopes: ['api://server/access'], loginHint: 'maria@mfi.org' });
    expect(office.office.auth.getAuthContext).toHaveBeenCalledTimes(1);
  });

  it('opens the popup only when the user clicked, with the same hint', async () => {
    const acquireTokenSilent = jest.fn(interactionRequired);
    const ssoSilent = jest.fn(async () => {
      throw msalError('InteractionRequiredAuthError', 'login_required');
    });
    const acquireTokenPopup = jest.fn(async () => token('T'));
    const { load } = fakeMsal({ acquireTokenSilent, ssoSilent, acquireTokenPopup } as never);
    const signIn = createEntraSignIn(async () => ok(settings), load, {
      office: fakeOffice({ naa: true, upn: 'maria@mfi.org' }).host,
    });

    expect(await signIn.signIn(false)).toEqual(fail('signin.interaction-required'));
    expect(acquireTokenPopup).not.toHaveBeenCalled();
    expect((await signIn.signIn(true)).ok).toBe(true);
    expect(acquireTokenPopup).toHaveBeenCalledWith({ scopes: ['api://server/access'], loginHint: 'maria@mfi.org' });
  });

  it('goes on without a hint when Office gives none, or does not answer in time', async () => {
    jest.useFakeTimers();
    try {
      const ssoSilent = jest.fn(async () => token('SSO'));
      const { load } = fakeMsal({ acquireTokenSilent: jest.fn(interactionRequired), ssoSilent } as never);
      const hanging = createEntraSignIn(async () => ok(settings), load, {
        office: fakeOffice({ naa: true, upn: 'never' }).host,
      });
      const pending = hanging.signIn(false);
      await jest.advanceTimersByTimeAsync(LOGIN_HINT_WAIT_MS);
      expect((await pending).ok).toBe(true);
      expect(ssoSilent).toHaveBeenLastCalledWith({ scopes: ['api://server/access'] });

      const none = createEntraSignIn(async () => ok(settings), load, { office: fakeOffice({ naa: true }).host });
      expect((await none.signIn(false)).ok).toBe(true);
      expect(ssoSilent).toHaveBeenLastCalledWith({ scopes: ['api://server/access'] });
    } finally {
      jest.useRealTimers();
    }
  });

  it('uses NAA outside Office too (msal’s nestable client then acts as a normal one): the workbench', async () => {
    const acquireTokenSilent = jest.fn(async () => token('T'));
    const { load } = fakeMsal({ acquireTokenSilent } as never);
    const signIn = createEntraSignIn(async () => ok(settings), load, { office: officeAuthHost(() => undefined) });
    expect((await signIn.signIn(false)).ok).toBe(true);
    expect(load).toHaveBeenCalled();
  });

  it('hands the token to the /api client through accessToken(), silently, for the signed-in account', async () => {
    const acquireTokenSilent = jest.fn(async () => token('T2'));
    const { load } = fakeMsal({ acquireTokenSilent } as never);
    const signIn = createEntraSignIn(async () => ok(settings), load, { office: fakeOffice({ naa: true }).host });
    expect(await signIn.accessToken()).toEqual(fail('signin.interaction-required'));
    await signIn.signIn(false);
    expect(await signIn.accessToken()).toEqual(ok('T2'));
    expect(acquireTokenSilent).toHaveBeenLastCalledWith({ scopes: ['api://server/access'], account });
  });

  it('initialises msal once for concurrent callers, and retries after a failed load', async () => {
    const acquireTokenSilent = jest.fn(async () => token('T'));
    const { module } = fakeMsal({ acquireTokenSilent } as never);
    const load = jest.fn().mockRejectedValueOnce(new Error('chunk failed')).mockResolvedValue(module);
    const signIn = createEntraSignIn(async () => ok(settings), load, { office: fakeOffice({ naa: true }).host });
    expect((await signIn.signIn(false)).ok).toBe(false);
    await Promise.all([signIn.signIn(false), signIn.signIn(false)]);
    expect(load).toHaveBeenCalledTimes(2);
    expect(module.createNestablePublicClientApplication).toHaveBeenCalledTimes(1);
  });

  it('passes a settings failure through (the seam’s "not connected")', async () => {
    const { load } = fakeMsal({});
    const signIn = createEntraSignIn(async () => fail('pane.not-connected'), load, {
      office: fakeOffice({ naa: true }).host,
    });
    expect(await signIn.signIn(true)).toEqual(fail('pane.not-connected'));
    expect(load).not.toHaveBeenCalled();
  });

  it('signs out by clearing msal’s cache for the account', async () => {
    const clearCache = jest.fn(async () => undefined);
    const acquireTokenSilent = jest.fn(async () => token('T'));
    const { load } = fakeMsal({ acquireTokenSilent, clearCache } as never);
    const signIn = createEntraSignIn(async () => ok(settings), load, { office: fakeOffice({ naa: true }).host });
    await signIn.signIn(false);
    expect(await signIn.signOut()).toEqual(ok(undefined));
    expect(clearCache).toHaveBeenCalledWith({ account });
  });

  it('maps msal’s errors to codes without carrying msal’s messages', () => {
    expect(classify(msalError('BrowserAuthError', 'user_cancelled'))).toEqual({ code: 'signin.cancelled', params: {} });
    expect(classify(msalError('BrowserAuthError', 'popup_window_error')).code).toBe('signin.popup-blocked');
    expect(classify(msalError('BrowserAuthError', 'nested_app_auth_bridge_disabled')).code).toBe('signin.unavailable');
    const other = classify(msalError('ServerError', 'invalid_client'));
    expect(other).toEqual({ code: 'signin.failed', params: { detail: 'invalid_client' } });
    expect(JSON.stringify(classify(new Error('secret detail')))).not.toContain('secret');
  });
});

describe('Entra sign-in without NAA: an Office dialog on our own sign-in page', () => {
  /** The real dialog page logic, back from Microsoft's sign-in with `answer`. */
  function dialogPageAnswering(answer: unknown, expiresOn = 600_000) {
    return (dialog: FakeDialog) => {
      const msal: DialogMsal = {
        handleRedirectPromise: async () =>
          answer === 'error'
            ? Promise.reject(msalError('BrowserAuthError', 'user_cancelled'))
            : (token('DIALOG-TOKEN', expiresOn) as never),
        loginRedirect: async () => undefined,
      };
      void runSignInDialog({
        href: dialog.url,
        settings: () => ({ scopes: settings.scopes }),
        msal: async () => msal,
        messageParent: (message) => dialog.handlers.dialogMessageReceived?.({ message, origin: ORIGIN }),
      });
    };
  }

  it('never loads msal in the pane; opens the dialog only on a click, with the login hint in its URL', async () => {
    const office = fakeOffice({ naa: false, upn: 'maria@mfi.org', dialog: dialogPageAnswering('ok') });
    const { load } = fakeMsal({});
    let now = 0;
    const signIn = createEntraSignIn(async () => ok(settings), load, {
      office: office.host,
      origin: ORIGIN,
      now: () => now,
    });

    expect(await signIn.signIn(false)).toEqual(fail('signin.interaction-required'));
    expect(office.dialogs).toEqual([]);
    const result = await signIn.signIn(true);
    expect(result).toEqual(ok({ name: 'María', username: 'maria@mfi.org', expiresAt: 600_000 }));
    expect(JSON.stringify(result)).not.toContain('DIALOG-TOKEN');
    expect(office.dialogs).toHaveLength(1);
    expect(office.dialogs[0]?.url).toBe(`${ORIGIN}/sign-in-dialog.html?login_hint=maria%40mfi.org`);
    expect(office.dialogs[0]?.closed).toBe(true);
    expect(load).not.toHaveBeenCalled();

    // The token serves /api until its last minute, then the user signs in again.
    expect(await signIn.accessToken()).toEqual(ok('DIALOG-TOKEN'));
    expect((await signIn.signIn(false)).ok).toBe(true);
    now = 600_000 - 30_000;
    expect(await signIn.accessToken()).toEqual(fail('signin.interaction-required'));
    expect(await signIn.signIn(false)).toEqual(fail('signin.interaction-required'));
  });

  it('forgets the dialog’s token at sign-out', async () => {
    const office = fakeOffice({ naa: false, dialog: dialogPageAnswering('ok') });
    const signIn = createEntraSignIn(async () => ok(settings), fakeMsal({}).load, {
      office: office.host,
      origin: ORIGIN,
      now: () => 0,
    });
    await signIn.signIn(true);
    expect(await signIn.signOut()).toEqual(ok(undefined));
    expect(await signIn.accessToken()).toEqual(fail('signin.interaction-required'));
  });

  it('says cancelled when the user closes the dialog, blocked when it cannot open', async () => {
    const closing = fakeOffice({ naa: false, dialog: (d) => d.handlers.dialogEventReceived?.({ error: 12006 }) });
    const a = createEntraSignIn(async () => ok(settings), fakeMsal({}).load, { office: closing.host, origin: ORIGIN });
    expect(await a.signIn(true)).toEqual(fail('signin.cancelled'));

    const blocked = fakeOffice({ naa: false, openFails: 12009 });
    const b = createEntraSignIn(async () => ok(settings), fakeMsal({}).load, { office: blocked.host, origin: ORIGIN });
    expect(await b.signIn(true)).toEqual(fail('signin.popup-blocked'));
  });

  it('takes no message from another origin, and none that is not the dialog page’s', async () => {
    const foreign = fakeOffice({
      naa: false,
      dialog: (d) =>
        d.handlers.dialogMessageReceived?.({
          message: encodeDialogResult({ ok: true, accessToken: 'X', expiresOn: 9e12, account: { name: 'Eve' } }),
          origin: 'https://evil.example',
        }),
    });
    const a = createEntraSignIn(async () => ok(settings), fakeMsal({}).load, { office: foreign.host, origin: ORIGIN });
    expect(await a.signIn(true)).toEqual({ ok: false, error: { code: 'signin.failed', params: { detail: 'origin' } } });
    expect(await a.accessToken()).toEqual(fail('signin.interaction-required'));

    const garbage = fakeOffice({ naa: false, dialog: (d) => d.handlers.dialogMessageReceived?.({ message: 'hello' }) });
    const b = createEntraSignIn(async () => ok(settings), fakeMsal({}).load, { office: garbage.host, origin: ORIGIN });
    expect(await b.signIn(true)).toEqual({
      ok: false,
      error: { code: 'signin.failed', params: { detail: 'bad_message' } },
    });
  });

  it('passes a sign-in error of the dialog page through as its code', async () => {
    const office = fakeOffice({ naa: false, dialog: dialogPageAnswering('error') });
    const signIn = createEntraSignIn(async () => ok(settings), fakeMsal({}).load, {
      office: office.host,
      origin: ORIGIN,
    });
    expect(await signIn.signIn(true)).toEqual(fail('signin.cancelled'));
  });
});

describe('the sign-in dialog page', () => {
  it('first visit: off to Microsoft with the scopes, the hint, and its own URL as the redirect URI', async () => {
    const loginRedirect = jest.fn(async () => undefined);
    const messages: string[] = [];
    const redirectUris: string[] = [];
    await runSignInDialog({
      href: signInDialogUrl(ORIGIN, 'maria@mfi.org'),
      settings: () => ({ scopes: settings.scopes }),
      msal: async (redirectUri) => {
        redirectUris.push(redirectUri);
        return { handleRedirectPromise: async () => null, loginRedirect };
      },
      messageParent: (m) => messages.push(m),
    });
    expect(redirectUris).toEqual([`${ORIGIN}/sign-in-dialog.html`]);
    expect(loginRedirect).toHaveBeenCalledWith({
      scopes: settings.scopes,
      redirectUri: `${ORIGIN}/sign-in-dialog.html`,
      loginHint: 'maria@mfi.org',
    });
    expect(messages).toEqual([]);
  });

  it('back from Microsoft: sends the token, its expiry and who signed in, nothing else', async () => {
    const messages: string[] = [];
    await runSignInDialog({
      href: `${ORIGIN}/sign-in-dialog.html?code=abc&state=xyz`,
      settings: () => ({ scopes: settings.scopes }),
      msal: async () => ({
        handleRedirectPromise: async () => ({ ...token('TOK', 77_000), idToken: 'ID-TOKEN', scopes: ['x'] }) as never,
        loginRedirect: async () => undefined,
      }),
      messageParent: (m) => messages.push(m),
    });
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0] ?? '')).toEqual({
      kind: 'kiva-sheets-sign-in',
      ok: true,
      accessToken: 'TOK',
      expiresOn: 77_000,
      account: { name: 'María', username: 'maria@mfi.org' },
    });
    expect(decodeDialogResult(messages[0] ?? '')).toMatchObject({ ok: true, accessToken: 'TOK' });
  });

  it('without sign-in settings on the page (local mode), says so at once', async () => {
    const messages: string[] = [];
    await runSignInDialog({
      href: `${ORIGIN}/sign-in-dialog.html`,
      settings: () => undefined,
      msal: async () => {
        throw new Error('not loaded');
      },
      messageParent: (m) => messages.push(m),
    });
    expect(messages.map((m) => decodeDialogResult(m))).toEqual([{ ok: false, code: 'unavailable' }]);
  });
});
