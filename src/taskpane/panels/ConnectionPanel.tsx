/**
 * Where the pane sends (stage or production), as whom, with which Kiva permissions, and a test of it all.
 * Production never looks like stage: a warning bar and a red badge stay up while it is active.
 */
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBarActions,
  Radio,
  RadioGroup,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { ConnectionCheck, EnvironmentInfo, EnvironmentName, PaneError, SessionInfo } from '../controller';
import { isSending, usePane, useWords } from '../pane-state';
import { ErrorBar, Note, PanelHeading, useFocusReturn, useUiStyles } from '../ui';
import { ConnectionReport } from './ConnectionReport';
import { needsPairing, PairingPrompt } from './PairingPrompt';

const useStyles = makeStyles({
  option: { display: 'flex', flexDirection: 'column' },
  optionNote: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  environment: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
  },
  productionNote: { color: tokens.colorStatusDangerForeground1, fontWeight: tokens.fontWeightSemibold },
});

export function ConnectionPanel(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;

  return (
    <div className={ui.panel}>
      <PanelHeading title={t.connection.heading} />
      <SignInCard />
      {pane.session.status === 'loading' && <Spinner size="small" label={t.app.loading} />}
      {pane.session.status === 'failed' && needsPairing(pane.session.error) && <PairingPrompt />}
      {pane.session.status === 'failed' && !needsPairing(pane.session.error) && (
        <ErrorBar
          error={pane.session.error}
          action={
            <MessageBarActions>
              <Button onClick={pane.reloadSession}>{t.app.retry}</Button>
            </MessageBarActions>
          }
        />
      )}
      {pane.session.status === 'ready' && !pane.session.value.signInRequired && (
        <EnvironmentDetails session={pane.session.value} />
      )}
    </div>
  );
}

function EnvironmentDetails(props: { session: SessionInfo }): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const styles = useStyles();
  const { t } = words;
  const { session } = props;
  const active = session.environments.find((e) => e.name === session.activeEnvironment);
  const [switching, setSwitching] = useState(false);
  const [switchError, setSwitchError] = useState<PaneError>();
  // Each radio's own `disabled` wins over the group's, so the lock goes on every radio. Not while switching: a radio
  // disabled under the keyboard's focus drops it onto the page; a choice made meanwhile is ignored instead.
  const locked = isSending(pane.sendRun);

  const [askingProduction, setAskingProduction] = useState(false);
  const group = useRef<HTMLDivElement>(null);
  // After the dialog the focus is on the environment in use: production when chosen, the one kept on Go back.
  const chosen = useRef<EnvironmentName>();
  useFocusReturn(askingProduction, () =>
    group.current?.querySelector<HTMLInputElement>(
      chosen.current !== undefined ? `input[value="${chosen.current}"]` : 'input[type="radio"]:checked',
    ),
  );

  const choose = async (env: EnvironmentName) => {
    if (switching) return;
    // Production is asked about once per pane session: a stray click or arrow key must not make sends real.
    if (env === 'production' && !pane.productionAcknowledged) {
      chosen.current = undefined;
      setAskingProduction(true);
      return;
    }
    await switchTo(env);
  };
  const switchTo = async (env: EnvironmentName) => {
    setSwitching(true);
    setSwitchError(undefined);
    const result = await pane.call(() => pane.controller.selectEnvironment(env));
    setSwitching(false);
    if (result.ok) pane.reloadSession();
    else setSwitchError(result.error);
  };

  return (
    <>
      <RadioGroup
        ref={group}
        aria-label={t.connection.environment}
        value={session.activeEnvironment}
        onChange={(_, data) => void choose(data.value as EnvironmentName)}
      >
        {session.environments.map((env) => (
          <Radio
            key={env.name}
            value={env.name}
            disabled={!env.configured || locked}
            label={
              <span className={styles.option}>
                <span>{env.name === 'production' ? t.env.production : t.env.stage}</span>
                <span className={styles.optionNote}>
                  {!env.configured
                    ? t.env.notConfigured
                    : env.name === 'production'
                      ? t.env.productionNote
                      : t.env.stageNote}
                  {env.configured && !env.canSubmit ? ` · ${t.env.notAllowed}` : ''}
                </span>
              </span>
            }
          />
        ))}
      </RadioGroup>
      <ProductionChoiceDialog
        open={askingProduction}
        onConfirm={() => {
          chosen.current = 'production';
          setAskingProduction(false);
          pane.acknowledgeProduction();
          void switchTo('production');
        }}
        onCancel={() => setAskingProduction(false)}
      />
      {switchError !== undefined && <ErrorBar error={switchError} />}
      {session.activeEnvironment === 'production' && <Note intent="warning">{t.connection.productionBanner}</Note>}
      {active !== undefined && active.configured && <EnvironmentFacts env={active} />}
      {session.user !== undefined && (
        <p className={ui.help}>
          {words.fill(t.connection.user, { name: session.user.name })}
          {session.version !== undefined ? ` · ${words.fill(t.connection.version, { version: session.version })}` : ''}
        </p>
      )}
    </>
  );
}

function ProductionChoiceDialog(props: { open: boolean; onConfirm(): void; onCancel(): void }): JSX.Element {
  const { t } = useWords();
  const ui = useUiStyles();
  return (
    <Dialog open={props.open} modalType="alert" onOpenChange={(_, data) => !data.open && props.onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t.productionChoice.title}</DialogTitle>
          <DialogContent>
            <p>{t.productionChoice.body}</p>
          </DialogContent>
          <DialogActions>
            {/* First, so the dialog's focus starts on the safe answer. */}
            <Button onClick={props.onCancel}>{t.confirm.back}</Button>
            <Button appearance="primary" className={ui.danger} onClick={props.onConfirm}>
              {t.productionChoice.go}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function EnvironmentFacts(props: { env: EnvironmentInfo }): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const { env } = props;
  const [testing, setTesting] = useState(false);
  const [check, setCheck] = useState<{ env: EnvironmentName; result: ConnectionCheck } | { error: PaneError }>();
  const scopes = env.scopes ?? [];

  const test = async () => {
    setTesting(true);
    setCheck(undefined);
    const result = await pane.call(() => pane.controller.testConnection(env.name));
    setTesting(false);
    setCheck(result.ok ? { env: env.name, result: result.value } : { error: result.error });
    if (result.ok) pane.reloadSession();
  };

  return (
    <>
      <dl className={ui.facts}>
        <dt>{t.connection.environment}</dt>
        <dd>
          <EnvironmentBadge name={env.name} />
        </dd>
        <dt>{t.connection.partnerId}</dt>
        <dd>{env.partnerId ?? '—'}</dd>
        <dt>{t.connection.scopes}</dt>
        <dd>{scopes.length > 0 ? words.list(scopes.map((s) => t.scopes[s] ?? s)) : t.connection.noScopes}</dd>
        <dt>{t.connection.tokenExpiry}</dt>
        <dd>{env.tokenExpiresAt !== undefined ? words.time(env.tokenExpiresAt) : t.connection.tokenNone}</dd>
      </dl>
      {env.tokenError !== undefined && <ErrorBar error={env.tokenError} />}
      <div className={ui.row}>
        <Button
          appearance="primary"
          onClick={() => void test()}
          disabled={!pane.serverReady}
          disabledFocusable={testing}
        >
          {testing ? t.connection.testing : t.connection.test}
        </Button>
        {testing && <Spinner size="tiny" aria-hidden />}
      </div>
      <div aria-live="polite">
        {check !== undefined && 'error' in check && <ErrorBar error={check.error} />}
        {check !== undefined && 'result' in check && <ConnectionReport env={check.env} check={check.result} />}
      </div>
    </>
  );
}

/**
 * Stage in the brand colour, production in red, and the name spelled out: colour is never the only signal.
 * `compact` (the pane's header) shows the name alone; elsewhere the note says what the environment means.
 */
export function EnvironmentBadge(props: { name: EnvironmentName; compact?: boolean }): JSX.Element {
  const { t } = useWords();
  const styles = useStyles();
  const production = props.name === 'production';
  return (
    <span className={styles.environment} data-environment={props.name}>
      <Badge appearance={production ? 'filled' : 'tint'} color={production ? 'danger' : 'brand'}>
        {production ? t.env.production : t.env.stage}
      </Badge>
      {props.compact !== true && (
        <span className={production ? styles.productionNote : undefined}>
          {production ? t.env.productionNote : t.env.stageNote}
        </span>
      )}
    </span>
  );
}

function SignInCard(): JSX.Element | null {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const state = pane.signIn;
  if (state.status === 'not-required') return null;
  if (pane.session.status !== 'ready' || pane.session.value.mode !== 'entra') return null;

  return (
    <section className={ui.section} aria-labelledby="signin-heading" data-signin={state.status}>
      <h3 className={ui.subheading} id="signin-heading">
        {t.signIn.heading}
      </h3>
      <div aria-live="polite">
        {state.status === 'signed-out' && <p className={ui.help}>{t.signIn.signedOut}</p>}
        {state.status === 'signing-in' && <Spinner size="tiny" label={t.signIn.signingIn} />}
        {state.status === 'signed-in' && <p>{words.fill(t.signIn.signedIn, { name: state.account.name })}</p>}
        {state.status === 'expired' && <Note intent="warning">{t.signIn.expired}</Note>}
        {(state.status === 'signed-out' || state.status === 'expired') && state.error !== undefined && (
          <ErrorBar error={state.error} />
        )}
      </div>
      <div className={ui.row}>
        {state.status === 'signed-out' && (
          <Button appearance="primary" onClick={() => pane.startSignIn(true)}>
            {t.signIn.signIn}
          </Button>
        )}
        {state.status === 'expired' && (
          <Button appearance="primary" onClick={() => pane.startSignIn(true)}>
            {t.signIn.signInAgain}
          </Button>
        )}
        {state.status === 'signed-in' && <Button onClick={pane.signOut}>{t.signIn.signOut}</Button>}
      </div>
    </section>
  );
}
