/**
 * What the Microsoft sign-in needs from Office itself, behind a port (tests pass a fake; this file is the only one in
 * src/taskpane/auth that touches the `Office` global):
 *
 * - whether this Office brokers nested app authentication (the `NestedAppAuth 1.1` requirement set);
 * - the signed-in Office user, as a login hint for msal's `ssoSilent` (`Office.auth.getAuthContext()`; Microsoft's
 *   pattern for Excel on the web, where msal cannot tell the account otherwise);
 * - an Office dialog (`Office.context.ui.displayDialogAsync`) for signing in where NAA is absent.
 */

/** `not-in-office`: a plain browser (the workbench); msal's nestable client then works as a normal one. */
export type NestedAppAuthSupport = 'supported' | 'unsupported' | 'not-in-office';

export type DialogAnswer =
  /** The dialog page's message (messageParent), and the origin it came from when Office tells. */
  | { kind: 'message'; message: string; origin?: string }
  /** The user closed the dialog (12006) or it went away. */
  | { kind: 'closed'; code: number }
  /** It could not open: 12007 one already open, 12009 the user blocked it, 12011 the browser blocked it… */
  | { kind: 'failed'; code: number };

export interface OfficeAuthHost {
  nestedAppAuth(): NestedAppAuthSupport;
  /** The user Office is signed in as (UPN), or undefined when Office does not say within a short wait. */
  loginHint(): Promise<string | undefined>;
  openDialog(url: string): Promise<DialogAnswer>;
}

/** getAuthContext never answers on some hosts (PowerPoint on the web was seen to hang): sign-in must not wait on it. */
export const LOGIN_HINT_WAIT_MS = 2_000;

interface OfficeLike {
  context?: {
    requirements?: { isSetSupported(name: string, version?: string): boolean };
    ui?: {
      displayDialogAsync(
        url: string,
        options: { height: number; width: number },
        callback: (result: {
          status: string;
          error?: { code: number };
          value?: {
            addEventHandler(
              type: string,
              handler: (arg: { message?: string; origin?: string; error?: number }) => void,
            ): void;
            close(): void;
          };
        }) => void,
      ): void;
    };
  };
  auth?: { getAuthContext?(): Promise<{ userPrincipalName?: string }> };
  /** Office.js's enums, read at run time rather than trusting their spelling here. */
  AsyncResultStatus?: { Succeeded?: string };
  EventType?: { DialogMessageReceived?: string; DialogEventReceived?: string };
}

function officeGlobal(): OfficeLike | undefined {
  return (globalThis as unknown as { Office?: OfficeLike }).Office;
}

export function officeAuthHost(office: () => OfficeLike | undefined = officeGlobal): OfficeAuthHost {
  let hint: Promise<string | undefined> | undefined;
  return {
    nestedAppAuth() {
      const requirements = office()?.context?.requirements;
      if (requirements === undefined) return 'not-in-office';
      try {
        return requirements.isSetSupported('NestedAppAuth', '1.1') ? 'supported' : 'unsupported';
      } catch {
        return 'unsupported';
      }
    },

    loginHint() {
      hint ??= (async () => {
        const getAuthContext = office()?.auth?.getAuthContext;
        if (getAuthContext === undefined) return undefined;
        let timer: ReturnType<typeof globalThis.setTimeout> | undefined;
        const late = new Promise<undefined>((resolve) => {
          timer = globalThis.setTimeout(() => resolve(undefined), LOGIN_HINT_WAIT_MS);
        });
        try {
          const context = await Promise.race([getAuthContext.call(office()?.auth), late]);
          return context?.userPrincipalName?.trim() || undefined;
        } catch {
          return undefined;
        } finally {
          clearTimeout(timer);
        }
      })();
      return hint;
    },

    openDialog(url) {
      const host = office();
      const ui = host?.context?.ui;
      if (ui === undefined) return Promise.resolve({ kind: 'failed', code: 0 });
      const succeeded = host?.AsyncResultStatus?.Succeeded ?? 'succeeded';
      const messageEvent = host?.EventType?.DialogMessageReceived ?? 'dialogMessageReceived';
      const closedEvent = host?.EventType?.DialogEventReceived ?? 'dialogEventReceived';
      return new Promise((resolve) => {
        ui.displayDialogAsync(url, { height: 60, width: 30 }, (result) => {
          const dialog = result.value;
          if (result.status !== succeeded || dialog === undefined) {
            resolve({ kind: 'failed', code: result.error?.code ?? 0 });
            return;
          }
          dialog.addEventHandler(messageEvent, (arg) => {
            dialog.close();
            resolve({
              kind: 'message',
              message: arg.message ?? '',
              ...(arg.origin !== undefined ? { origin: arg.origin } : {}),
            });
          });
          dialog.addEventHandler(closedEvent, (arg) => resolve({ kind: 'closed', code: arg.error ?? 0 }));
        });
      });
    },
  };
}
