/**
 * The Microsoft sign-in as an explicit state machine, so the pane can never show "signed in" while a sign-in is
 * still running or after the server refused it. It holds who is signed in, never a token: tokens stay inside
 * msal-browser's cache and the controller.
 */
import type { PaneError, SignedInAccount } from '../controller';

export type SignInState =
  /** The server runs in local mode: nobody signs in. */
  | { status: 'not-required' }
  | { status: 'signed-out'; error?: PaneError }
  | { status: 'signing-in'; interactive: boolean; previous?: SignedInAccount }
  | { status: 'signed-in'; account: SignedInAccount }
  | { status: 'expired'; account: SignedInAccount; error?: PaneError };

export type SignInEvent =
  | { type: 'required'; required: boolean }
  | { type: 'start'; interactive: boolean }
  | { type: 'succeeded'; account: SignedInAccount }
  /** A silent renewal before expiry worked: same person, later expiry. */
  | { type: 'renewed'; account: SignedInAccount }
  | { type: 'failed'; error: PaneError }
  | { type: 'expired'; error?: PaneError }
  | { type: 'signed-out' };

export const INITIAL_SIGN_IN: SignInState = { status: 'signed-out' };

/** Events that make no sense in a state leave it unchanged (a late answer after sign-out, a double click). */
export function signInReducer(state: SignInState, event: SignInEvent): SignInState {
  switch (event.type) {
    case 'required':
      if (!event.required) return { status: 'not-required' };
      return state.status === 'not-required' ? { status: 'signed-out' } : state;
    case 'start':
      if (state.status === 'signed-out') return { status: 'signing-in', interactive: event.interactive };
      if (state.status === 'expired') {
        return { status: 'signing-in', interactive: event.interactive, previous: state.account };
      }
      return state;
    case 'succeeded':
      return state.status === 'signing-in' ? { status: 'signed-in', account: event.account } : state;
    case 'renewed':
      return state.status === 'signed-in' ? { status: 'signed-in', account: event.account } : state;
    case 'failed':
      if (state.status !== 'signing-in') return state;
      // A silent attempt that needs the user is no failure to show: it is why the Sign in button exists.
      {
        const quiet = !state.interactive && event.error.code === 'signin.interaction-required';
        if (state.previous !== undefined) {
          return quiet
            ? { status: 'expired', account: state.previous }
            : { status: 'expired', account: state.previous, error: event.error };
        }
        return quiet ? { status: 'signed-out' } : { status: 'signed-out', error: event.error };
      }
    case 'expired':
      if (state.status !== 'signed-in') return state;
      return event.error
        ? { status: 'expired', account: state.account, error: event.error }
        : {
            status: 'expired',
            account: state.account,
          };
    case 'signed-out':
      return state.status === 'not-required' ? state : { status: 'signed-out' };
  }
}

/** Whether calls that need the server can be made now. */
export function canCallServer(state: SignInState): boolean {
  return state.status === 'not-required' || state.status === 'signed-in';
}

/** Server answers that mean the sign-in is no longer accepted. */
export function isSignInRefusal(error: PaneError): boolean {
  return error.code === 'auth.sign-in-required' || error.code === 'auth.invalid-token';
}
