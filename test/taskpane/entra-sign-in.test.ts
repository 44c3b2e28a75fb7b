import type { IPublicClientApplication } from '@azure/msal-browser';
import { classify, createEntraSignIn, type MsalModule } from '../../src/taskpane/auth/entra-sign-in';
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

const token = (accessToken: string) => ({
  accessToken,
  account,
  expiresOn: new Date(5_000),
});

describe('Entra sign-in (nested app authentication)', () => {
  it('does not load msal-browser until the first sign-in', async () => {
    const { load } = fakeMsal({});
    createEntraSignIn(async () => ok(settings), load);
    expect(load).not.toHaveBeenCalled();
  });

  it('signs in silently with the server’s scopes and reports the account, never the token', async () => {
    const acquireTokenSilent = jest.fn(async () => token('SECRET-TOKEN'));
    const { load, created } = fakeMsal({ acquireTokenSilent } as never);
    const signIn = createEntraSignIn(async () => ok(settings), load);

    const result = await signIn.signIn(false);
    expect(result).toEqual({ ok: true, value: { name: 'María', username: 'maria@mfi.org', expiresAt: 5_000 } });
    expect(JSON.stringify(result)).not.toContain('SECRET-TOKEN');
    expect(created).toEqual([{ auth: { clientId: 'pane-app', authority: settings.authority } }]);
    expect(acquireTokenSilent).toHaveBeenCalledWith({ scopes: ['api://server/access'] });
  });

  it('falls back to the popup only when interactive', async () => {
    const acquireTokenSilent = jest.fn(async () => {
      throw msalError('InteractionRequiredAuthError', 'interaction_required');
    });
    const acquireTokenPopup = jest.fn(async () => token('T'));
    const { load } = fakeMsal({ acquireTokenSilent, acquireTokenPopup } as never);
    const signIn = createEntraSignIn(async () => ok(settings), load);

    expect(await signIn.signIn(false)).toEqual(fail('signin.interaction-required'));
    expect(acquireTokenPopup).not.toHaveBeenCalled();
    expect((await signIn.signIn(true)).ok).toBe(true);
    expect(acquireTokenPopup).toHaveBeenCalledWith({ scopes: ['api://server/access'] });
  });

  it('hands the token to the /api client through accessToken(), silently, for the signed-in account', async () => {
    const acquireTokenSilent = jest.fn(async () => token('T2'));
    const { load } = fakeMsal({ acquireTokenSilent } as never);
    const signIn = createEntraSignIn(async () => ok(settings), load);
    expect(await signIn.accessToken()).toEqual(fail('signin.interaction-required'));
    await signIn.signIn(false);
    expect(await signIn.accessToken()).toEqual(ok('T2'));
    expect(acquireTokenSilent).toHaveBeenLastCalledWith({ scopes: ['api://server/access'], account });
  });

  it('initialises msal once for concurrent callers, and retries after a failed load', async () => {
    const acquireTokenSilent = jest.fn(async () => token('T'));
    const { module } = fakeMsal({ acquireTokenSilent } as never);
    const load = jest.fn().mockRejectedValueOnce(new Error('chunk failed')).mockResolvedValue(module);
    const signIn = createEntraSignIn(async () => ok(settings), load);
    expect((await signIn.signIn(false)).ok).toBe(false);
    await Promise.all([signIn.signIn(false), signIn.signIn(false)]);
    expect(load).toHaveBeenCalledTimes(2);
    expect(module.createNestablePublicClientApplication).toHaveBeenCalledTimes(1);
  });

  it('passes a settings failure through (the seam’s "not connected")', async () => {
    const { load } = fakeMsal({});
    const signIn = createEntraSignIn(async () => fail('pane.not-connected'), load);
    expect(await signIn.signIn(true)).toEqual(fail('pane.not-connected'));
    expect(load).not.toHaveBeenCalled();
  });

  it('signs out by clearing msal’s cache for the account', async () => {
    const clearCache = jest.fn(async () => undefined);
    const acquireTokenSilent = jest.fn(async () => token('T'));
    const { load } = fakeMsal({ acquireTokenSilent, clearCache } as never);
    const signIn = createEntraSignIn(async () => ok(settings), load);
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
