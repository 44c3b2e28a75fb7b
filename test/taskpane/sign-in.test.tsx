/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen } from '@testing-library/react';
import {
  canCallServer,
  INITIAL_SIGN_IN,
  signInReducer,
  type SignInState,
} from '../../src/taskpane/auth/sign-in-machine';
import type { PaneResult, SignedInAccount } from '../../src/taskpane/controller';
import { failing, fakeController, ok, session } from './fake-controller';
import { renderPane, settle } from './render';

const account: SignedInAccount = { name: 'María Pérez', username: 'maria@mfi.org' };
const refused = { code: 'signin.cancelled', params: {} };

describe('sign-in state machine', () => {
  it('goes signed out → signing in → signed in → expired → signing in → signed in', () => {
    let state: SignInState = signInReducer(INITIAL_SIGN_IN, { type: 'required', required: true });
    expect(state.status).toBe('signed-out');
    state = signInReducer(state, { type: 'start', interactive: true });
    expect(state).toEqual({ status: 'signing-in', interactive: true });
    state = signInReducer(state, { type: 'succeeded', account });
    expect(state).toEqual({ status: 'signed-in', account });
    expect(canCallServer(state)).toBe(true);
    state = signInReducer(state, { type: 'expired' });
    expect(state).toEqual({ status: 'expired', account });
    expect(canCallServer(state)).toBe(false);
    state = signInReducer(state, { type: 'start', interactive: true });
    expect(state).toEqual({ status: 'signing-in', interactive: true, previous: account });
    state = signInReducer(state, { type: 'succeeded', account });
    expect(state.status).toBe('signed-in');
  });

  it('keeps a quiet silent failure quiet and shows an interactive one', () => {
    const silent = signInReducer(
      { status: 'signing-in', interactive: false },
      {
        type: 'failed',
        error: { code: 'signin.interaction-required', params: {} },
      },
    );
    expect(silent).toEqual({ status: 'signed-out' });
    const loud = signInReducer({ status: 'signing-in', interactive: true }, { type: 'failed', error: refused });
    expect(loud).toEqual({ status: 'signed-out', error: refused });
    const again = signInReducer(
      { status: 'signing-in', interactive: true, previous: account },
      { type: 'failed', error: refused },
    );
    expect(again).toEqual({ status: 'expired', account, error: refused });
  });

  it('ignores events that make no sense in the current state', () => {
    const signedOut: SignInState = { status: 'signed-out' };
    expect(signInReducer(signedOut, { type: 'succeeded', account })).toBe(signedOut);
    expect(signInReducer(signedOut, { type: 'expired' })).toBe(signedOut);
    const signing: SignInState = { status: 'signing-in', interactive: true };
    expect(signInReducer(signing, { type: 'start', interactive: true })).toBe(signing);
    const local: SignInState = { status: 'not-required' };
    expect(signInReducer(local, { type: 'signed-out' })).toBe(local);
    expect(signInReducer(local, { type: 'required', required: false })).toEqual(local);
  });

  it('renews a signed-in account in place', () => {
    const later = { ...account, expiresAt: 2 };
    expect(signInReducer({ status: 'signed-in', account }, { type: 'renewed', account: later })).toEqual({
      status: 'signed-in',
      account: later,
    });
  });
});

describe('sign-in in the pane', () => {
  function entraController(signIn: (options: { interactive: boolean }) => Promise<PaneResult<SignedInAccount>>) {
    let signedIn = false;
    const controller = fakeController({
      session: () =>
        ok(session({ mode: 'entra', signInRequired: !signedIn, environments: signedIn ? session().environments : [] })),
      signIn: async (options: { interactive: boolean }) => {
        const result = await signIn(options);
        if (result.ok) signedIn = true;
        return result;
      },
    });
    return controller;
  }

  it('does nothing about Microsoft sign-in when the server runs in local mode', async () => {
    const controller = fakeController();
    renderPane(controller, 'connection');
    await settle();
    expect(controller.signIn).not.toHaveBeenCalled();
    expect(screen.queryByText('Microsoft sign-in')).not.toBeInTheDocument();
  });

  it('tries a silent sign-in first, then offers the button; the button signs in interactively', async () => {
    const signIn = jest
      .fn<Promise<PaneResult<SignedInAccount>>, [{ interactive: boolean }]>()
      .mockImplementationOnce(() => failing('signin.interaction-required'))
      .mockImplementationOnce(() => ok(account));
    const controller = entraController(signIn as never);
    const { user } = renderPane(controller, 'connection');
    await settle();

    expect(signIn).toHaveBeenNthCalledWith(1, { interactive: false });
    expect(screen.getByText(/asks you to sign in with your work account/)).toBeInTheDocument();
    // A silent attempt that needs the user is no error to show.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await settle();
    expect(signIn).toHaveBeenNthCalledWith(2, { interactive: true });
    expect(screen.getByText('Signed in as María Pérez.')).toBeInTheDocument();
    // Signed in: the session is read again and the environments appear.
    expect(screen.getByRole('radio', { name: /Stage/ })).toBeChecked();
  });

  it('shows "signing in" while Microsoft answers', async () => {
    let finish: (value: PaneResult<SignedInAccount>) => void = () => undefined;
    const controller = entraController(() => new Promise((resolve) => (finish = resolve)));
    renderPane(controller, 'connection');
    await settle();
    expect(screen.getByText('Signing in…')).toBeInTheDocument();
    await act(async () => finish({ ok: true, value: account }));
    await settle();
    expect(screen.getByText('Signed in as María Pérez.')).toBeInTheDocument();
  });

  it('moves to "expired" when the server refuses the sign-in, and signs in again from there', async () => {
    const signIn = jest.fn(() => ok(account));
    const controller = entraController(signIn);
    controller.testConnection.mockImplementation(() => failing('auth.invalid-token'));
    const { user } = renderPane(controller, 'connection');
    await settle();
    expect(screen.getByText('Signed in as María Pérez.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await settle();
    expect(screen.getByText(/Your sign-in has expired/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign in again' }));
    await settle();
    expect(signIn).toHaveBeenLastCalledWith({ interactive: true });
    expect(screen.getByText('Signed in as María Pérez.')).toBeInTheDocument();
  });

  it('expires on the controller’s signin-expired event and offers sign-in on every tab', async () => {
    const controller = entraController(() => ok(account));
    renderPane(controller, 'send');
    await settle();
    act(() => controller.emit({ type: 'signin-expired' }));
    expect(screen.getByText(/Your sign-in has expired/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in again' })).toBeInTheDocument();
  });

  it('shows an interactive failure in plain words', async () => {
    const signIn = jest
      .fn()
      .mockImplementationOnce(() => failing('signin.interaction-required'))
      .mockImplementationOnce(() => failing('signin.popup-blocked'));
    const controller = entraController(signIn as never);
    const { user } = renderPane(controller, 'connection');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await settle();
    expect(screen.getByText(/The sign-in window could not open/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('signs out through the controller', async () => {
    const controller = entraController(() => ok(account));
    const { user } = renderPane(controller, 'connection');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await settle();
    expect(controller.signOut).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('renews the sign-in before it lapses, silently', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const signIn = jest.fn(() => ok({ ...account, expiresAt: 1_000_000 + 120_000 }));
      const controller = entraController(signIn);
      renderPane(controller, 'connection');
      await act(async () => {
        await jest.advanceTimersByTimeAsync(0);
      });
      expect(signIn).toHaveBeenCalledTimes(1);
      await act(async () => {
        await jest.advanceTimersByTimeAsync(61_000);
      });
      expect(signIn).toHaveBeenCalledTimes(2);
      expect(signIn).toHaveBeenLastCalledWith({ interactive: false });
    } finally {
      jest.useRealTimers();
    }
  });
});
