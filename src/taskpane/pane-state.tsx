/**
 * The pane's shared state: the session, the sign-in machine, the active sheet, the last check and the last send,
 * plus the events that come from the ribbon. Panels read it through `usePane()`; all behaviour still goes through
 * the one `PaneController`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import {
  fill,
  formatError,
  formatList,
  formatTime,
  plural,
  uiText,
  type Params,
  type PluralText,
  type UiCatalogue,
  type UiLanguage,
} from '../i18n';
import {
  canCallServer,
  INITIAL_SIGN_IN,
  isSignInRefusal,
  signInReducer,
  type SignInEvent,
  type SignInState,
} from './auth/sign-in-machine';
import {
  settle,
  type PaneController,
  type PaneError,
  type PaneEvent,
  type PaneResult,
  type RibbonCommand,
  type SendProgress,
  type SendScope,
  type SendSummary,
  type SessionInfo,
  type SheetInfo,
  type ValidationReport,
} from './controller';

export type TabId = 'connection' | 'sheet' | 'validate' | 'send' | 'tools';

export type Loadable<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: PaneError };

/** A send as the pane shows it, whether the pane or the ribbon started it. */
export interface SendRun {
  source: 'pane' | 'ribbon';
  total: number;
  progress?: SendProgress;
  cancelling?: boolean;
  summary?: SendSummary;
  /** The user pressed Cancel before the end. */
  cancelled?: boolean;
  error?: PaneError;
}

/** A send is under way (the pane's or the ribbon's): no environment switch, no second send. */
export function isSending(run: SendRun | undefined): boolean {
  return run !== undefined && run.summary === undefined && run.error === undefined;
}

export interface Notice {
  intent: 'info' | 'success' | 'warning' | 'error';
  /** Worded at render time, so a language switch re-words it. */
  text(words: Words): string;
}

export interface Words {
  lang: UiLanguage;
  t: UiCatalogue;
  fill(template: string, params?: Params): string;
  plural(text: PluralText, count: number, params?: Params): string;
  error(error: PaneError): string;
  time(value: string | number): string;
  list(items: readonly string[]): string;
}

export interface PaneContextValue {
  controller: PaneController;
  words: Words;
  setLanguage(lang: UiLanguage): void;
  tab: TabId;
  setTab(tab: TabId): void;
  session: Loadable<SessionInfo>;
  reloadSession(): void;
  signIn: SignInState;
  startSignIn(interactive: boolean): void;
  signOut(): void;
  /** Server calls are possible (local mode, or signed in). */
  serverReady: boolean;
  sheet: Loadable<SheetInfo>;
  reloadSheet(): void;
  setSheetInfo(info: SheetInfo): void;
  /** Grows on every `sheet-changed`: panels that derive something from the sheet re-derive it. */
  sheetVersion: number;
  validation?: { report: ValidationReport; source: 'pane' | 'ribbon' };
  setValidation(report: ValidationReport): void;
  sendRun?: SendRun;
  setSendRun(update: SendRun | undefined | ((run: SendRun | undefined) => SendRun | undefined)): void;
  /** The ribbon asked for a send the pane must confirm. */
  sendRequest?: { scope: SendScope; command: RibbonCommand };
  clearSendRequest(): void;
  notice?: Notice;
  setNotice(notice: Notice | undefined): void;
  /** The user already said yes to production once since the pane opened: choosing it again does not ask. */
  productionAcknowledged: boolean;
  acknowledgeProduction(): void;
  /** Every controller call goes through here: a rejected promise becomes an error, a refused sign-in expires it. */
  call<T>(work: () => Promise<PaneResult<T>>): Promise<PaneResult<T>>;
}

const PaneContext = createContext<PaneContextValue | undefined>(undefined);

export function usePane(): PaneContextValue {
  const value = useContext(PaneContext);
  if (value === undefined) throw new Error('usePane() outside <PaneProvider>');
  return value;
}

export function useWords(): Words {
  return usePane().words;
}

export function makeWords(lang: UiLanguage): Words {
  return {
    lang,
    t: uiText(lang),
    fill,
    plural: (text, count, params) => plural(lang, text, count, params),
    error: (error) => formatError(error, lang),
    time: (value) => formatTime(value, lang),
    list: (items) => formatList(items, lang),
  };
}

/** Signed-in renewals start a minute early so a send never starts on a sign-in about to lapse. */
const RENEW_BEFORE_MS = 60_000;
const MAX_TIMER_MS = 2_147_483_647;
/** A renewal that brings back the same short-lived sign-in must not turn into a busy loop. */
const MIN_RENEW_DELAY_MS = 30_000;

export function PaneProvider(props: {
  controller: PaneController;
  initialLanguage: UiLanguage;
  initialTab?: TabId;
  children: ReactNode;
}): JSX.Element {
  const { controller } = props;
  const [lang, setLang] = useState<UiLanguage>(props.initialLanguage);
  const [tab, setTab] = useState<TabId>(props.initialTab ?? 'sheet');
  const [session, setSession] = useState<Loadable<SessionInfo>>({ status: 'loading' });
  const [signIn, setSignIn] = useState<SignInState>(INITIAL_SIGN_IN);
  // The machine's current state, also between renders: async callbacks decide on it before React re-renders.
  const signInRef = useRef<SignInState>(INITIAL_SIGN_IN);
  const dispatch = useCallback((event: SignInEvent) => {
    const next = signInReducer(signInRef.current, event);
    if (next === signInRef.current) return;
    signInRef.current = next;
    setSignIn(next);
  }, []);
  const [sheet, setSheet] = useState<Loadable<SheetInfo>>({ status: 'loading' });
  const [sheetVersion, setSheetVersion] = useState(0);
  const [validation, setValidationState] = useState<PaneContextValue['validation']>();
  const [sendRun, setSendRun] = useState<SendRun>();
  const [sendRequest, setSendRequest] = useState<PaneContextValue['sendRequest']>();
  const [notice, setNotice] = useState<Notice>();
  const [productionAcknowledged, setProductionAcknowledged] = useState(false);

  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const words = useMemo(() => makeWords(lang), [lang]);

  useEffect(() => {
    controller.setLanguage(lang);
  }, [controller, lang]);

  const call = useCallback(async <T,>(work: () => Promise<PaneResult<T>>): Promise<PaneResult<T>> => {
    let promise: Promise<PaneResult<T>>;
    try {
      promise = work();
    } catch (cause) {
      promise = Promise.reject(cause);
    }
    const result = await settle(promise);
    if (!result.ok && isSignInRefusal(result.error)) dispatch({ type: 'expired', error: result.error });
    return result;
  }, []);

  const sessionLoads = useRef(0);
  const signingIn = useRef(false);
  const loadSessionRef = useRef<() => Promise<void>>();

  const startSignIn = useCallback(
    (interactive: boolean) => {
      if (signingIn.current) return;
      signingIn.current = true;
      dispatch({ type: 'start', interactive });
      void settle(controller.signIn({ interactive })).then((result) => {
        signingIn.current = false;
        if (!mounted.current) return;
        if (result.ok) {
          dispatch({ type: 'succeeded', account: result.value });
          void loadSessionRef.current?.();
        } else {
          dispatch({ type: 'failed', error: result.error });
        }
      });
    },
    [controller],
  );

  const loadSession = useCallback(async () => {
    const ticket = ++sessionLoads.current;
    setSession((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    const result = await call(() => controller.session());
    if (!mounted.current || ticket !== sessionLoads.current) return;
    if (!result.ok) {
      setSession({ status: 'failed', error: result.error });
      return;
    }
    setSession({ status: 'ready', value: result.value });
    const entra = result.value.mode === 'entra';
    dispatch({ type: 'required', required: entra });
    if (!entra) return;
    const state = signInRef.current;
    if (result.value.signInRequired && state.status === 'signed-in') {
      dispatch({ type: 'expired' });
    } else if (state.status === 'signed-out' && state.error === undefined) {
      // Office usually knows the user already: try without a window first.
      startSignIn(false);
    } else if (state.status === 'not-required') {
      startSignIn(false);
    }
  }, [call, controller, startSignIn]);
  loadSessionRef.current = loadSession;

  const signOut = useCallback(() => {
    void settle(controller.signOut()).then(() => {
      if (mounted.current) dispatch({ type: 'signed-out' });
    });
  }, [controller]);

  const sheetLoading = useRef(false);
  const sheetDirty = useRef(false);
  const loadSheet = useCallback(async () => {
    // Selection changes arrive in bursts: one read at a time, and one more at the end if anything changed meanwhile.
    if (sheetLoading.current) {
      sheetDirty.current = true;
      return;
    }
    sheetLoading.current = true;
    do {
      sheetDirty.current = false;
      const result = await call(() => controller.detectSheet());
      if (!mounted.current) return;
      setSheet(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error });
    } while (sheetDirty.current);
    sheetLoading.current = false;
  }, [call, controller]);

  useEffect(() => {
    void loadSession();
    void loadSheet();
  }, [loadSession, loadSheet]);

  // Renew the sign-in shortly before it lapses; if that needs the user, say so before a send fails on it.
  useEffect(() => {
    if (signIn.status !== 'signed-in' || signIn.account.expiresAt === undefined) return undefined;
    const delay = Math.min(
      MAX_TIMER_MS,
      Math.max(MIN_RENEW_DELAY_MS, signIn.account.expiresAt - Date.now() - RENEW_BEFORE_MS),
    );
    const timer = setTimeout(() => {
      void settle(controller.signIn({ interactive: false })).then((result) => {
        if (!mounted.current) return;
        dispatch(result.ok ? { type: 'renewed', account: result.value } : { type: 'expired', error: result.error });
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [controller, signIn]);

  useEffect(
    () =>
      controller.subscribe((event: PaneEvent) => {
        switch (event.type) {
          case 'sheet-changed':
            setSheetVersion((v) => v + 1);
            void loadSheet();
            return;
          case 'signin-expired':
            dispatch({ type: 'expired' });
            return;
          case 'command-started':
            setNotice({ intent: 'info', text: (words) => words.t.ribbon.running });
            if (event.command !== 'validateSheet') setSendRun({ source: 'ribbon', total: 0 });
            return;
          case 'command-progress':
            setSendRun((run) => ({
              ...(run ?? { source: 'ribbon' }),
              total: event.progress.total,
              progress: event.progress,
            }));
            return;
          case 'command-validated':
            setNotice(undefined);
            setValidationState({ report: event.report, source: 'ribbon' });
            setTab('validate');
            return;
          case 'command-sent':
            setNotice(undefined);
            setSendRun({ source: 'ribbon', total: event.summary.outcomes.length, summary: event.summary });
            setTab('send');
            setSheetVersion((v) => v + 1);
            return;
          case 'command-failed':
            setSendRun((run) => (run?.source === 'ribbon' && run.summary === undefined ? undefined : run));
            setNotice({ intent: 'error', text: (words) => words.error(event.error) });
            return;
          case 'send-requested':
            // The ribbon started nothing: without this its placeholder run would keep Send disabled.
            setSendRun((run) => (run?.source === 'ribbon' && run.summary === undefined ? undefined : run));
            setNotice(undefined);
            setSendRequest({ scope: event.scope, command: event.command });
            setTab('send');
            return;
        }
      }),
    [controller, loadSheet],
  );

  const value: PaneContextValue = {
    controller,
    words,
    setLanguage: setLang,
    tab,
    setTab,
    session,
    reloadSession: () => void loadSession(),
    signIn,
    startSignIn,
    signOut,
    serverReady: session.status === 'ready' && canCallServer(signIn),
    sheet,
    reloadSheet: () => void loadSheet(),
    setSheetInfo: (info) => setSheet({ status: 'ready', value: info }),
    sheetVersion,
    validation,
    setValidation: (report) => setValidationState({ report, source: 'pane' }),
    sendRun,
    setSendRun,
    sendRequest,
    clearSendRequest: () => setSendRequest(undefined),
    notice,
    setNotice,
    productionAcknowledged,
    acknowledgeProduction: () => setProductionAcknowledged(true),
    call,
  };
  return <PaneContext.Provider value={value}>{props.children}</PaneContext.Provider>;
}
