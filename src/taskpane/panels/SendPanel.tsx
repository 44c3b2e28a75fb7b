/**
 * Send the selected (or all pending) rows. The numbers come first (ready, already sent, uncertain, invalid);
 * resending and uncertain rows need a deliberate choice; production always asks, naming the row count. While
 * sending, a progress bar with counts and Cancel; at the end, a summary with the rows that need attention and the
 * journal links Kiva wants opened.
 */
import {
  Button,
  Checkbox,
  Field,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  makeStyles,
  ProgressBar,
  Radio,
  RadioGroup,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useRef, useState, type RefObject } from 'react';
import { CATALOGUES, describeChanges, sheetPrefix } from '../../sheet';
import {
  confirmLinks,
  type EnvironmentInfo,
  type PaneError,
  type ReportPeriod,
  type RowOutcome,
  type RowRef,
  type SendPlan,
  type SendProgress,
  type SendScope,
  type SendSummary,
} from '../controller';
import { isSending, usePane, useWords, type SendRun, type Words } from '../pane-state';
import { ErrorBar, Note, PanelHeading, useFocusReturn, useUiStyles } from '../ui';
import { ChoiceDropdown } from './ChoiceDropdown';
import { EnvironmentBadge } from './ConnectionPanel';
import { fieldList, mappingCauses } from './SheetPanel';
import { describeContents, NO_CONTENTS } from '../send-contents';
import { NextSteps } from './NextSteps';
import { describeWarnings, warnedRows } from './warned-rows';

const PreviewPanel = lazy(() => import(/* webpackChunkName: "preview" */ './PreviewPanel'));

const useStyles = makeStyles({
  counts: { margin: 0, fontVariantNumeric: 'tabular-nums' },
  // "Row 10" (and the sheet when it is not the one in view) is never cut: the button keeps its width and the
  // message beside it wraps, or moves under it when the pane is too narrow for both.
  rowButton: { minWidth: 'auto', flex: 'none', maxWidth: '100%', whiteSpace: 'normal', textAlign: 'start' },
  outcome: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
    '& > span': { minWidth: '12em', flex: '1 1 12em', overflowWrap: 'anywhere' },
  },
  productionWhat: { fontWeight: tokens.fontWeightSemibold },
  production: {
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}`,
    paddingLeft: tokens.spacingHorizontalS,
  },
});

const OUTCOMES_SHOWN = 50;

export function SendPanel(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const styles = useStyles();
  const { t } = words;
  // All pending rows unless the user picks a selection: the big button then counts what is left to send.
  const [scope, setScope] = useState<SendScope>('pending');
  const [resend, setResend] = useState(false);
  const [includeUncertain, setIncludeUncertain] = useState(false);
  const [resendChanged, setResendChanged] = useState(false);
  const [plan, setPlan] = useState<{ value?: SendPlan; error?: PaneError; loading: boolean }>({ loading: true });
  const [replan, setReplan] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [previewOpen, setPreviewOpen] = useState(false);
  const abort = useRef<AbortController>();
  const cancelButton = useRef<HTMLButtonElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const session = pane.session.status === 'ready' ? pane.session.value : undefined;
  const env = session?.activeEnvironment ?? 'stage';
  const envInfo: EnvironmentInfo | undefined = session?.environments.find((e) => e.name === env);
  const envLabel = env === 'production' ? t.env.production : t.env.stage;
  const run = pane.sendRun;
  const running = isSending(run);

  // The ribbon asked for a send only the pane may confirm: take its scope and let the user press Send.
  const { sendRequest, clearSendRequest } = pane;
  useEffect(() => {
    if (sendRequest !== undefined) setScope(sendRequest.scope);
  }, [sendRequest]);

  const { call, controller, sheetVersion } = pane;
  const sessionReady = session !== undefined;
  useEffect(() => {
    if (!sessionReady) return undefined;
    let current = true;
    setPlan((p) => ({ ...p, loading: true }));
    void call(() => controller.planSend({ scope, env, resend, includeUncertain, resendChanged })).then((result) => {
      if (!current) return;
      setPlan(result.ok ? { value: result.value, loading: false } : { error: result.error, loading: false });
    });
    return () => {
      current = false;
    };
  }, [call, controller, scope, env, resend, includeUncertain, resendChanged, sheetVersion, replan, sessionReady]);

  const start = async () => {
    if (plan.value === undefined) return;
    setConfirming(false);
    clearSendRequest();
    const stop = new AbortController();
    abort.current = stop;
    const total = plan.value.rows;
    const period = plan.value.period?.value;
    const progress: SendProgress = { total, sent: 0, rejected: 0, uncertain: 0, failed: 0, left: total };
    pane.setSendRun({ source: 'pane', total, progress });
    const result = await pane.call(() =>
      pane.controller.send({
        scope,
        env,
        resend,
        includeUncertain,
        resendChanged,
        ...(period !== undefined ? { period } : {}),
        // The production dialog named this many rows; the server sends no more than that.
        ...(env === 'production' ? { confirmedRows: total } : {}),
        signal: stop.signal,
        onProgress: (p) => pane.setSendRun((r) => (r === undefined ? r : { ...r, total: p.total, progress: p })),
      }),
    );
    abort.current = undefined;
    pane.setSendRun((r) => {
      const base: SendRun = r ?? { source: 'pane', total };
      return result.ok
        ? { ...base, cancelling: false, summary: result.value }
        : { ...base, cancelling: false, error: result.error };
    });
    setResend(false);
    setIncludeUncertain(false);
    setResendChanged(false);
    setReplan((n) => n + 1);
    summaryRef.current?.focus();
  };

  const cancel = () => {
    abort.current?.abort();
    pane.setSendRun((r) => (r === undefined ? r : { ...r, cancelling: true, cancelled: true }));
  };

  useEffect(() => {
    if (running && run?.source === 'pane') cancelButton.current?.focus();
  }, [running, run?.source]);

  const sendButton = useRef<HTMLButtonElement>(null);
  // Go back (or Escape) puts the focus on Send again; a confirmed send moves it to Cancel, then to the summary.
  const rememberOpener = useFocusReturn(confirming, () => sendButton.current);
  const onSend = () => {
    if (plan.value === undefined) return;
    const needsConfirm =
      env === 'production' ||
      (resend && plan.value.alreadySent > 0) ||
      (includeUncertain && plan.value.uncertain > 0) ||
      (resendChanged && (plan.value.changed ?? 0) > 0);
    if (needsConfirm) {
      rememberOpener();
      setConfirming(true);
    } else void start();
  };

  const p = plan.value;
  const repayments =
    p?.contents?.endpoint === 'repayments' || (pane.sheet.status === 'ready' && pane.sheet.value.kind === 'repayments');
  const changedRows = p?.changed ?? 0;
  const missing = p?.missing ?? (pane.sheet.status === 'ready' ? pane.sheet.value.missing : []);
  const blocked = missing.length > 0;
  const canSend =
    pane.serverReady &&
    !running &&
    !plan.loading &&
    p !== undefined &&
    !blocked &&
    p.rows > 0 &&
    (envInfo?.configured ?? false) &&
    (envInfo?.canSubmit ?? false);

  return (
    <div className={ui.panel}>
      <PanelHeading title={t.send.heading} />
      {session !== undefined && (
        <div className={env === 'production' ? styles.production : undefined}>
          <span className={ui.help}>{t.send.to} </span>
          <EnvironmentBadge name={env} />
        </div>
      )}
      {sendRequest !== undefined && <Note intent="info">{t.send.ribbonAsks}</Note>}
      {pane.session.status === 'ready' && !pane.serverReady && <Note intent="warning">{t.signIn.needed}</Note>}
      {pane.serverReady && envInfo !== undefined && !envInfo.configured && (
        <ErrorBar error={{ code: 'environment.not-configured', params: { env: envLabel } }} />
      )}
      {pane.serverReady && envInfo?.configured === true && !envInfo.canSubmit && (
        <ErrorBar error={{ code: 'auth.not-allowed', params: { env: envLabel } }} />
      )}

      <RadioGroup
        aria-label={t.scope.label}
        value={scope}
        disabled={running}
        onChange={(_, data) => setScope(data.value as SendScope)}
      >
        <Radio value="pending" label={t.scope.pending} />
        <Radio value="selection" label={t.scope.selection} />
      </RadioGroup>

      {repayments && p?.period !== undefined && (
        <ReportPeriodField period={p.period} disabled={running} onChosen={() => setReplan((n) => n + 1)} />
      )}

      {blocked && (
        <Note intent="error">
          {words.fill(t.send.blocked, { fields: fieldList(words, missing) })}{' '}
          {mappingCauses(words, pane.sheet.status === 'ready' ? pane.sheet.value : undefined, missing)}
        </Note>
      )}
      {plan.error !== undefined && <ErrorBar error={plan.error} />}
      {plan.loading && session !== undefined && <Spinner size="tiny" label={t.app.loading} />}
      {p !== undefined && !blocked && (
        <div aria-live="polite">
          {p.reconciled !== undefined && p.reconciled.restored > 0 && (
            <Note intent="success">{words.plural(t.ledger.restored, p.reconciled.restored)}</Note>
          )}
          <p className={styles.counts}>{p.rows > 0 ? words.plural(t.send.ready, p.rows) : t.send.nothing}</p>
          {p.alreadySent > 0 && !resend && <p className={ui.help}>{words.plural(t.send.alreadySent, p.alreadySent)}</p>}
          {p.uncertain > 0 && <Note intent="warning">{words.plural(t.send.uncertain, p.uncertain)}</Note>}
          {p.invalid > 0 && <p className={ui.help}>{words.plural(t.send.invalid, p.invalid)}</p>}
          {changedRows > 0 && !resendChanged && (
            <Note intent="warning">{words.plural(t.ledger.changed, changedRows)}</Note>
          )}
        </div>
      )}
      {p !== undefined && (changedRows > 0 || resendChanged) && (
        <Checkbox
          checked={resendChanged}
          disabled={running}
          onChange={(_, data) => setResendChanged(data.checked === true)}
          label={t.ledger.resendChanged}
        />
      )}
      {p !== undefined && (p.alreadySent > 0 || resend) && (
        <Checkbox
          checked={resend}
          disabled={running}
          onChange={(_, data) => setResend(data.checked === true)}
          label={t.send.resend}
        />
      )}
      {p !== undefined && (p.uncertain > 0 || includeUncertain) && (
        <Checkbox
          checked={includeUncertain}
          disabled={running}
          onChange={(_, data) => setIncludeUncertain(data.checked === true)}
          label={t.send.includeUncertain}
        />
      )}

      <div className={ui.row}>
        {/* Focusable while the plan is worked out or a send runs: Tab from the choice above must reach it. */}
        <Button
          ref={sendButton}
          appearance="primary"
          disabled={!canSend && !plan.loading && !running}
          disabledFocusable={!canSend && (plan.loading || running)}
          onClick={onSend}
        >
          {p !== undefined && p.rows > 0 ? words.plural(t.send.runCount, p.rows) : t.send.run}
        </Button>
        {running && run?.source === 'pane' && (
          <Button ref={cancelButton} onClick={cancel} disabledFocusable={run.cancelling === true}>
            {t.send.cancel}
          </Button>
        )}
      </div>

      {run !== undefined && <RunView run={run} summaryRef={summaryRef} />}

      <div>
        <Button appearance="subtle" aria-expanded={previewOpen} onClick={() => setPreviewOpen((o) => !o)}>
          {previewOpen ? t.send.previewClose : t.send.previewOpen}
        </Button>
      </div>
      {previewOpen && (
        <Suspense fallback={<Spinner size="tiny" label={t.preview.loading} />}>
          <PreviewPanel scope={scope} />
        </Suspense>
      )}

      {p !== undefined && (
        <ConfirmSendDialog
          open={confirming}
          plan={p}
          production={env === 'production'}
          resend={resend}
          includeUncertain={includeUncertain}
          resendChanged={resendChanged}
          onConfirm={() => void start()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

function ConfirmSendDialog(props: {
  open: boolean;
  plan: SendPlan;
  production: boolean;
  resend: boolean;
  includeUncertain: boolean;
  resendChanged: boolean;
  onConfirm(): void;
  onCancel(): void;
}): JSX.Element {
  const words = useWords();
  const ui = useUiStyles();
  const styles = useStyles();
  const { t } = words;
  const { plan } = props;
  const contents = describeContents(words.lang, t, plan.contents ?? { ...NO_CONTENTS, rows: plan.rows });
  return (
    <Dialog open={props.open} modalType="alert" onOpenChange={(_, data) => !data.open && props.onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.production ? t.confirm.productionTitle : t.confirm.title}</DialogTitle>
          <DialogContent>
            {props.production && (
              <>
                <p className={styles.productionWhat}>
                  {contents.money !== undefined
                    ? words.fill(t.confirm.productionWhat, contents)
                    : words.fill(t.confirm.productionWhatNoMoney, contents)}
                </p>
                <p>{t.confirm.productionHelp}</p>
              </>
            )}
            {props.resend && plan.alreadySent > 0 && <p>{words.plural(t.confirm.resend, plan.alreadySent)}</p>}
            {props.includeUncertain && plan.uncertain > 0 && <p>{words.plural(t.confirm.uncertain, plan.uncertain)}</p>}
            {props.resendChanged && (plan.changed ?? 0) > 0 && (
              <p>{words.plural(t.ledger.confirmChanged, plan.changed ?? 0)}</p>
            )}
          </DialogContent>
          <DialogActions>
            {/* First, so the dialog's focus starts on it: an Enter pressed by habit goes back rather than sending. */}
            <Button onClick={props.onCancel}>{t.confirm.back}</Button>
            <Button appearance="primary" className={props.production ? ui.danger : undefined} onClick={props.onConfirm}>
              {words.plural(props.production ? t.confirm.goProduction : t.confirm.go, plan.rows)}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function RunView(props: { run: SendRun; summaryRef: RefObject<HTMLDivElement> }): JSX.Element {
  const words = useWords();
  const ui = useUiStyles();
  const styles = useStyles();
  const { t } = words;
  const { run } = props;
  const progress = run.progress;
  const finished = run.summary !== undefined || run.error !== undefined;
  const total = progress?.total ?? run.total;
  const done = progress !== undefined ? progress.total - progress.left : 0;

  return (
    <div ref={props.summaryRef} tabIndex={-1} className={ui.panel} style={{ padding: 0 }}>
      {run.source === 'ribbon' && finished && <p className={ui.help}>{t.send.fromRibbon}</p>}
      {!finished && (
        <>
          <ProgressBar
            aria-label={t.send.progressLabel}
            value={total > 0 ? done / total : undefined}
            max={1}
            thickness="large"
          />
          {run.cancelling && <p className={ui.help}>{t.send.cancelling}</p>}
        </>
      )}
      <p className={styles.counts} role="status" aria-live="polite">
        {progress !== undefined && !finished ? words.fill(t.send.progress, { ...progress }) : ''}
      </p>
      {run.error !== undefined && <ErrorBar error={run.error} />}
      {run.summary !== undefined && <SummaryView summary={run.summary} cancelled={run.cancelled === true} />}
    </div>
  );
}

/** Counts by kind; rows the ledger held back (sent earlier, changed since sent) are counted apart. */
function countOutcomes(outcomes: readonly RowOutcome[]) {
  const counts = { sent: 0, rejected: 0, uncertain: 0, failed: 0, cancelled: 0, earlier: 0, changed: 0 };
  for (const outcome of outcomes) {
    if (outcome.kind === 'sent' && outcome.earlier !== undefined) counts.earlier++;
    else if (isChanged(outcome)) counts.changed++;
    else counts[outcome.kind]++;
  }
  return counts;
}

/**
 * The sent count as the user thinks of it: loan drafts by loan, with their rows ("2 loans (4 rows)": a group loan
 * is one draft over several rows); repayments and journal updates by row.
 */
export function sentText(words: Words, outcomes: readonly RowOutcome[], sentRows: number): string {
  const drafts = new Set<string>();
  let draftRows = 0;
  for (const outcome of outcomes) {
    const uuid =
      outcome.kind === 'sent' && outcome.earlier === undefined ? outcome.reference?.loanDraftUuid : undefined;
    if (uuid === undefined) continue;
    drafts.add(uuid);
    draftRows++;
  }
  if (drafts.size === 0) return String(sentRows);
  const { counts } = words.t;
  const items = words.plural(counts.loan_draft, drafts.size);
  const text = words.fill(counts.withRows, { items, rows: words.plural(counts.rows, draftRows) });
  const others = sentRows - draftRows;
  return others > 0 ? `${text} + ${words.plural(counts.rows, others)}` : text;
}

function isChanged(outcome: RowOutcome): boolean {
  return outcome.kind === 'failed' && outcome.code === 'ledger.changed';
}

function SummaryView(props: { summary: SendSummary; cancelled: boolean }): JSX.Element {
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const { summary } = props;
  const counts = countOutcomes(summary.outcomes);
  const stopped = props.cancelled || counts.cancelled > 0;
  const warned = warnedRows(summary.outcomes);
  const clean = counts.rejected + counts.uncertain + counts.failed + counts.cancelled + warned.length === 0;
  const links = confirmLinks(summary.outcomes);
  const skipped = summary.skipped.alreadySent + summary.skipped.uncertain + summary.skipped.invalid;
  const reasons = CATALOGUES[words.lang].status.reasons;
  const rejected = summary.outcomes.filter((o) => o.kind === 'rejected');
  const uncertain = summary.outcomes.filter((o) => o.kind === 'uncertain');
  const failed = summary.outcomes.filter((o) => o.kind === 'failed' && !isChanged(o));
  const earlier = summary.outcomes.filter((o) => o.kind === 'sent' && o.earlier !== undefined);
  const changedRows = summary.outcomes.filter(isChanged);

  const describe = (outcome: RowOutcome): string => {
    const held = heldBackText(words, outcome);
    if (held !== undefined) return held;
    switch (outcome.kind) {
      case 'rejected':
        return words.fill(t.send.kivaSays, { message: outcome.message });
      case 'uncertain':
        return reasons[outcome.reason] ?? outcome.reason;
      case 'failed':
        return words.error({ code: outcome.code, params: outcome.params ?? { message: outcome.message } });
      default:
        return '';
    }
  };

  return (
    <>
      <Note
        intent={clean ? 'success' : stopped ? 'info' : 'warning'}
        title={stopped ? t.send.summaryCancelled : t.send.summaryTitle}
      >
        {words.fill(t.send.summary, { ...counts, sent: sentText(words, summary.outcomes, counts.sent) })}
        {/* Its own line: after "Cancelled: 0" a bare "2 of them" read as cancelled rows. */}
        {warned.length > 0 && (
          <>
            <br />
            {words.plural(t.send.summaryWarned, warned.length)}
          </>
        )}
        {counts.earlier > 0 && (
          <>
            <br />
            {words.plural(t.ledger.summaryEarlier, counts.earlier)}
          </>
        )}
        {counts.changed > 0 && (
          <>
            <br />
            {words.plural(t.ledger.changed, counts.changed)}
          </>
        )}
        {skipped > 0 && (
          <>
            <br />
            {words.fill(t.send.skipped, summary.skipped)}
          </>
        )}
      </Note>
      <OutcomeList
        title={t.send.warnedRows}
        outcomes={warned}
        describe={(outcome) => describeWarnings(outcome, words.lang)}
      />
      <OutcomeList title={t.ledger.changedRows} outcomes={changedRows} describe={describe} />
      <OutcomeList title={t.send.rejectedRows} outcomes={rejected} describe={describe} />
      <OutcomeList title={t.send.uncertainRows} outcomes={uncertain} describe={describe} />
      <OutcomeList title={t.send.failedRows} outcomes={failed} describe={describe} />
      <OutcomeList title={t.ledger.earlierRows} outcomes={earlier} describe={describe} />
      {links.length > 0 && (
        <section aria-labelledby="confirm-urls">
          <h3 className={ui.subheading} id="confirm-urls">
            {t.send.confirmUrls}
          </h3>
          <p className={ui.help}>{t.send.confirmUrlsHelp}</p>
          <ul className={ui.list}>
            {links.map((link) => (
              <li key={`${link.row.sheet}!${link.row.row}`}>
                <Link href={link.url} target="_blank" rel="noopener noreferrer">
                  {words.fill(t.send.openConfirm, { row: link.row.row })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <NextSteps outcomes={summary.outcomes} />
    </>
  );
}

/**
 * period: a row the server's ledger held back, in the pane's words: when (local time, the pane's language), who
 * ("this computer" for a system account), and what changed. Undefined for every other outcome.
 */
export function heldBackText(words: Words, outcome: RowOutcome): string | undefined {
  const earlier = 'earlier' in outcome ? outcome.earlier : undefined;
  const { t } = words;
  if (earlier === undefined) {
    if (outcome.kind === 'failed' && outcome.code === 'ledger.in-flight') {
      return words.fill(t.ledger.inFlight, { user: String(outcome.params?.sentBy ?? '') || t.ledger.someone });
    }
    return undefined;
  }
  const who = { at: words.time(earlier.sentAt), user: earlier.sentBy || t.ledger.someone };
  switch (outcome.kind) {
    case 'sent':
      return words.fill(t.ledger.sentEarlier, who);
    case 'uncertain':
      return words.fill(t.ledger.earlierUncertain, who);
    case 'failed':
      if (outcome.code === 'ledger.in-flight') return words.fill(t.ledger.inFlight, who);
      return outcome.changes !== undefined && outcome.changes.length > 0
        ? words.fill(t.ledger.changedDetail, { ...who, changes: describeChanges(outcome.changes, words.lang) })
        : words.fill(t.ledger.changedUnknown, who);
    default:
      return undefined;
  }
}

/**
 * period: the report period of a repayments send, shown and changeable before sending; a month chosen here is kept
 * in the workbook (the controller's setReportPeriod) and the plan is made again with it.
 */
function ReportPeriodField(props: { period: ReportPeriod; disabled: boolean; onChosen(): void }): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const { t } = words;
  const styles = usePeriodStyles();
  const [value, setValue] = useState(props.period.value);
  const [error, setError] = useState<PaneError>();
  useEffect(() => setValue(props.period.value), [props.period.value]);
  const choose = async (next: string) => {
    setValue(next);
    if (next === props.period.value || !/^\d{4}-\d{2}$/.test(next)) return;
    const saved = await pane.call(() => pane.controller.setReportPeriod(next));
    setError(saved.ok ? undefined : saved.error);
    if (saved.ok) props.onChosen();
  };
  const [year, month] = value.split('-') as [string, string];
  return (
    <Field
      label={t.ledger.periodLabel}
      hint={`${t.ledger.periodHelp} ${props.period.saved ? t.ledger.periodSaved : t.ledger.periodDefault}`}
      validationMessage={error !== undefined ? words.error(error) : undefined}
    >
      {(field) => (
        // Two dropdowns in the pane's language, not `<input type="month">`: a native month field names the month
        // in the browser's language, whatever the pane's ("November 2026" in a Spanish pane).
        <div
          role="group"
          className={styles.period}
          aria-label={t.ledger.periodLabel}
          aria-describedby={field['aria-describedby']}
        >
          <ChoiceDropdown
            className={styles.month}
            aria-label={t.ledger.periodMonth}
            disabled={props.disabled}
            value={month}
            options={monthOptions(words.lang)}
            onChoose={(m) => void choose(`${year}-${m}`)}
          />
          <ChoiceDropdown
            className={styles.year}
            aria-label={t.ledger.periodYear}
            disabled={props.disabled}
            value={year}
            options={yearOptions(Number(year))}
            onChoose={(y) => void choose(`${y}-${month}`)}
          />
        </div>
      )}
    </Field>
  );
}

const usePeriodStyles = makeStyles({
  period: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  // Fluent's Dropdown wants 250 px: at 320 px both share the row, each shrinking to what it shows.
  month: { minWidth: 0, flex: '2 1 9em' },
  year: { minWidth: 0, flex: '1 1 6em' },
});

/** `01`…`12`, each with its month's name in the pane's language (`noviembre`, `novembre`). */
function monthOptions(lang: string): { value: string; text: string }[] {
  const format = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, k) => {
    const name = format.format(Date.UTC(2026, k, 15));
    // Spanish and French write month names in lower case; alone in a list they start with a capital.
    return { value: String(k + 1).padStart(2, '0'), text: name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) };
  });
}

/** The period's year, the three before it (a late report) and the next (a period the clock is behind on). */
function yearOptions(year: number): { value: string; text: string }[] {
  return Array.from({ length: 5 }, (_, k) => String(year - 3 + k)).map((y) => ({ value: y, text: y }));
}

/** `Row 10`, or `Row 10, sheet “Schedule”` when the row is not on the sheet in view. */
export function rowLabel(words: Words, row: { sheet: string; row: number }, activeSheet: string | undefined): string {
  return row.sheet === activeSheet || activeSheet === undefined
    ? words.fill(words.t.validate.row, { row: row.row })
    : words.fill(words.t.validate.rowOnSheet, { row: row.row, sheet: row.sheet });
}

function OutcomeList(props: {
  title: string;
  outcomes: RowOutcome[];
  describe(outcome: RowOutcome): string;
}): JSX.Element | null {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const styles = useStyles();
  const [all, setAll] = useState(false);
  if (props.outcomes.length === 0) return null;
  const activeSheet = pane.sheet.status === 'ready' ? pane.sheet.value.sheet : undefined;
  const shown = all ? props.outcomes : props.outcomes.slice(0, OUTCOMES_SHOWN);
  const statusColumn = pane.sheet.status === 'ready' ? pane.sheet.value.statusColumn?.column : undefined;
  const goTo = (row: RowRef) => {
    // The status cell says what happened to the row; column A when the pane does not know where it is.
    void pane.call(() => pane.controller.goToCell(`${sheetPrefix(row.sheet)}${statusColumn ?? 'A'}${row.row}`));
  };
  return (
    <section>
      <h3 className={ui.subheading}>
        {props.title} ({props.outcomes.length})
      </h3>
      <ul className={ui.list}>
        {shown.map((outcome) => (
          <li key={`${outcome.row.sheet}!${outcome.row.row}`} className={styles.outcome}>
            <Button size="small" appearance="subtle" className={styles.rowButton} onClick={() => goTo(outcome.row)}>
              {rowLabel(words, outcome.row, activeSheet)}
            </Button>
            <span>{props.describe(outcome)}</span>
          </li>
        ))}
      </ul>
      {!all && props.outcomes.length > OUTCOMES_SHOWN && (
        <Button appearance="subtle" onClick={() => setAll(true)}>
          +{props.outcomes.length - OUTCOMES_SHOWN}
        </Button>
      )}
    </section>
  );
}
