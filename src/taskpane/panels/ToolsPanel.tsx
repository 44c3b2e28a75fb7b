/**
 * The occasional tasks: borrower photos, Kiva lists, a repayment template, and diagnostics for Kiva support.
 * Loaded only when the Tools tab is opened.
 */
import { Button, Field, Input, Radio, RadioGroup, Spinner } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState } from 'react';
import { copyText } from '../clipboard';
import type { ListsResult, PaneError, PhotoMatch, PhotoResult, TemplateResult } from '../controller';
import { usePane, useWords } from '../pane-state';
import { checkPhoto, DEFAULT_PHOTO_MAX_BYTES, type PhotoCheck } from '../photos';
import { ErrorBar, ManualCopy, Note, PanelHeading, useUiStyles } from '../ui';
import { PhotoColumnOffer } from './PhotoColumnOffer';
import { formatMegabytes } from '../../i18n';
import { CATALOGUES } from '../../sheet/messages';
import type { WorkbookSettings } from '../../sheet/settings';

/**
 * recognition: the settings that change the checks, saved in the workbook. Their names and values are the very
 * words the messages they cause use (src/sheet's settingNames / settingValues), so a coordinator finds them here.
 */
function SettingsSection(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const sheet = CATALOGUES[words.lang];
  const names = sheet.settingNames;
  const values = sheet.settingValues;
  const floorId = useId();
  const [draft, setDraft] = useState<WorkbookSettings>();
  const [floorText, setFloorText] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<PaneError>();

  useEffect(() => {
    let live = true;
    void pane
      .call(() => pane.controller.loadSettings())
      .then((result) => {
        if (!live) return;
        if (result.ok) {
          setDraft(result.value);
          setFloorText(result.value.localAmountFloor !== undefined ? String(result.value.localAmountFloor) : '');
        } else setError(result.error);
      });
    return () => {
      live = false;
    };
  }, [pane]);

  const floor = floorText.trim() === '' ? undefined : Number(floorText.trim().replace(',', '.'));
  const floorBad = floor !== undefined && !(Number.isFinite(floor) && floor > 0);
  const change = (next: WorkbookSettings) => {
    setSaved(false);
    setDraft(next);
  };

  const save = async () => {
    if (draft === undefined || floorBad) return;
    setBusy(true);
    setError(undefined);
    const { localAmountFloor: _old, ...rest } = draft;
    const result = await pane.call(() =>
      pane.controller.saveSettings(floor === undefined ? rest : { ...rest, localAmountFloor: floor }),
    );
    setBusy(false);
    if (result.ok) {
      setDraft(result.value);
      setSaved(true);
    } else setError(result.error);
  };

  const separator = draft?.decimalSeparator ?? '.';
  const columns = draft?.threeColumn === true ? 'true' : 'false';
  const zero = draft?.zeroRepayment ?? 'warning';
  return (
    <section className={ui.section} aria-labelledby="settings-heading">
      <h3 className={ui.subheading} id="settings-heading">
        {t.settings.heading}
      </h3>
      <p className={ui.help}>{t.settings.help}</p>
      {draft === undefined && error === undefined && <Spinner size="tiny" label={t.settings.loading} />}
      {draft !== undefined && (
        <>
          <RadioGroup
            aria-label={names.decimalSeparator}
            value={separator}
            onChange={(_, d) => change({ ...draft, decimalSeparator: d.value === ',' ? ',' : '.' })}
          >
            <span className={ui.subheading}>{names.decimalSeparator}</span>
            <Radio value="." label={values.decimalSeparator?.['.']} />
            <Radio value="," label={values.decimalSeparator?.[',']} />
          </RadioGroup>
          <RadioGroup
            aria-label={names.threeColumn}
            value={columns}
            onChange={(_, d) => change({ ...draft, threeColumn: d.value === 'true' })}
          >
            <span className={ui.subheading}>{names.threeColumn}</span>
            <Radio value="false" label={values.threeColumn?.false} />
            <Radio value="true" label={values.threeColumn?.true} />
          </RadioGroup>
          <RadioGroup
            aria-label={names.zeroRepayment}
            value={zero}
            onChange={(_, d) => change({ ...draft, zeroRepayment: d.value === 'error' ? 'error' : 'warning' })}
          >
            <span className={ui.subheading}>{names.zeroRepayment}</span>
            <Radio value="warning" label={values.zeroRepayment?.warning} />
            <Radio value="error" label={values.zeroRepayment?.error} />
          </RadioGroup>
          <Field
            label={names.localAmountFloor}
            hint={t.settings.floorHelp}
            {...(floorBad ? { validationMessage: t.settings.floorInvalid, validationState: 'error' as const } : {})}
          >
            <Input
              id={floorId}
              inputMode="decimal"
              value={floorText}
              onChange={(_, d) => {
                setSaved(false);
                setFloorText(d.value);
              }}
            />
          </Field>
          <div>
            <Button appearance="primary" disabled={busy || floorBad} onClick={() => void save()}>
              {busy ? t.settings.saving : t.settings.save}
            </Button>
          </div>
        </>
      )}
      <div aria-live="polite">
        {error !== undefined && <ErrorBar error={error} />}
        {saved && <Note intent="success">{t.settings.saved}</Note>}
      </div>
    </section>
  );
}

export default function ToolsPanel(): JSX.Element {
  const ui = useUiStyles();
  const { t } = useWords();
  return (
    <div className={ui.panel}>
      <PanelHeading title={t.tools.heading} />
      <SettingsSection />
      <PhotosSection />
      <ListsSection />
      <TemplateSection />
      <DiagnosticsSection />
    </div>
  );
}

function PhotosSection(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const inputId = useId();
  const helpId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [match, setMatch] = useState<PhotoMatch>('file-name');
  const [busy, setBusy] = useState(false);
  const [rejected, setRejected] = useState<Extract<PhotoCheck, { ok: false }>[]>([]);
  const [result, setResult] = useState<PhotoResult>();
  const [error, setError] = useState<PaneError>();
  const [tooMany, setTooMany] = useState(false);
  const maxBytes =
    (pane.session.status === 'ready' ? pane.session.value.photoMaxBytes : undefined) ?? DEFAULT_PHOTO_MAX_BYTES;
  const max = formatMegabytes(maxBytes, words.lang);

  const onFiles = async (list: FileList | null) => {
    const files = list === null ? [] : Array.from(list);
    setResult(undefined);
    setError(undefined);
    setRejected([]);
    setTooMany(false);
    if (files.length === 0) return;
    if (match === 'selected-borrower' && files.length > 1) {
      setTooMany(true);
      return;
    }
    setBusy(true);
    const checks = await Promise.all(files.map((file) => checkPhoto(file, maxBytes)));
    const good = checks.filter((c): c is Extract<PhotoCheck, { ok: true }> => c.ok).map((c) => c.file);
    setRejected(checks.filter((c): c is Extract<PhotoCheck, { ok: false }> => !c.ok));
    if (good.length > 0) {
      const attached = await pane.call(() => pane.controller.attachPhotos({ files: good, match }));
      if (attached.ok) setResult(attached.value);
      else setError(attached.error);
    }
    setBusy(false);
    // The same file chosen again after fixing the sheet must fire a change.
    if (input.current) input.current.value = '';
  };

  const rejection = (check: Extract<PhotoCheck, { ok: false }>): string => {
    const file = check.file.name;
    switch (check.problem) {
      case 'size':
        return words.fill(t.photos.rejectedSize, { file, size: formatMegabytes(check.file.size, words.lang), max });
      case 'empty':
        return words.fill(t.photos.rejectedEmpty, { file });
      case 'unreadable':
        return words.error({ code: 'photo.unreadable', params: { file } });
      case 'type':
        return words.fill(t.photos.rejectedType, { file });
    }
  };

  const attachedCount = result?.attached.length ?? 0;
  return (
    <section className={ui.section} aria-labelledby="photos-heading">
      <h3 className={ui.subheading} id="photos-heading">
        {t.photos.heading}
      </h3>
      <p className={ui.help} id={helpId}>
        {words.fill(t.photos.help, { max })}
      </p>
      <PhotoColumnOffer />
      <RadioGroup aria-label={t.photos.match} value={match} onChange={(_, d) => setMatch(d.value as PhotoMatch)}>
        <Radio value="file-name" label={t.photos.byName} />
        <Radio value="selected-borrower" label={t.photos.selected} />
      </RadioGroup>
      <div>
        {/* The browser's own file input says "Choose File" in the browser's language: it stays hidden, and a Fluent
            button in the pane's language opens it. */}
        <input
          id={inputId}
          ref={input}
          type="file"
          hidden
          tabIndex={-1}
          aria-label={t.photos.choose}
          accept="image/jpeg,image/png,.jpg,.jpeg,.png"
          multiple={match === 'file-name'}
          onChange={(e) => void onFiles(e.currentTarget.files)}
        />
        <Button disabledFocusable={busy} aria-describedby={helpId} onClick={() => input.current?.click()}>
          {match === 'file-name' ? t.photos.chooseMany : t.photos.chooseOne}
        </Button>
      </div>
      <div aria-live="polite">
        {busy && <Spinner size="tiny" label={t.photos.attaching} />}
        {tooMany && <Note intent="warning">{t.photos.oneForSelected}</Note>}
        {rejected.length > 0 && (
          <Note intent="error">
            <ul className={ui.list}>
              {rejected.map((check) => (
                <li key={check.file.name}>{rejection(check)}</li>
              ))}
            </ul>
          </Note>
        )}
        {error !== undefined && <ErrorBar error={error} />}
        {result !== undefined && attachedCount > 0 && (
          <Note intent="success">
            {result.loanId !== undefined && result.attached[0] !== undefined
              ? words.fill(t.photos.attachedToLoan, {
                  file: result.attached[0].file,
                  loan: result.loanId,
                  row: result.attached[0].rows[0]?.row ?? '',
                })
              : words.plural(t.photos.attached, attachedCount)}{' '}
            {(result.sessionOnly ?? []).length < attachedCount && t.photos.kept}
          </Note>
        )}
        {result !== undefined && (result.sessionOnly ?? []).length > 0 && (
          <Note intent="warning">
            {words.fill(t.photos.sessionOnly, { files: words.list(result.sessionOnly ?? []) })}
          </Note>
        )}
        {result !== undefined && result.unmatched.length > 0 && (
          <Note intent="warning">{words.fill(t.photos.unmatched, { files: words.list(result.unmatched) })}</Note>
        )}
      </div>
    </section>
  );
}

function ListsSection(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ListsResult>();
  const [error, setError] = useState<PaneError>();
  const asOf = result?.asOf ?? (pane.sheet.status === 'ready' ? pane.sheet.value.listsAsOf : undefined);

  const refresh = async () => {
    setBusy(true);
    setError(undefined);
    const outcome = await pane.call(() => pane.controller.refreshLists());
    setBusy(false);
    if (outcome.ok) setResult(outcome.value);
    else setError(outcome.error);
  };

  return (
    <section className={ui.section} aria-labelledby="lists-heading">
      <h3 className={ui.subheading} id="lists-heading">
        {t.lists.heading}
      </h3>
      <p className={ui.help}>{t.lists.help}</p>
      <p>{asOf !== undefined ? words.fill(t.lists.asOf, { time: words.time(asOf) }) : t.lists.never}</p>
      <div>
        <Button
          appearance="primary"
          disabled={!pane.serverReady}
          disabledFocusable={busy}
          onClick={() => void refresh()}
        >
          {busy ? t.lists.refreshing : t.lists.refresh}
        </Button>
      </div>
      <div aria-live="polite">
        {error !== undefined && <ErrorBar error={error} />}
        {result !== undefined && <Note intent="success">{words.fill(t.lists.refreshed, result.counts)}</Note>}
      </div>
    </section>
  );
}

function TemplateSection(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TemplateResult>();
  const [error, setError] = useState<PaneError>();

  const create = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    const outcome = await pane.call(() => pane.controller.createRepaymentTemplate());
    setBusy(false);
    if (outcome.ok) setResult(outcome.value);
    else setError(outcome.error);
  };

  return (
    <section className={ui.section} aria-labelledby="template-heading">
      <h3 className={ui.subheading} id="template-heading">
        {t.loans.heading}
      </h3>
      <p className={ui.help}>{t.loans.help}</p>
      <div>
        <Button disabled={!pane.serverReady} disabledFocusable={busy} onClick={() => void create()}>
          {busy ? t.loans.creating : t.loans.create}
        </Button>
      </div>
      <div aria-live="polite">
        {error !== undefined && <ErrorBar error={error} />}
        {result !== undefined && (
          <Note intent="success">
            {words.plural(t.loans.created, result.loans, { sheet: result.sheet })}
            {result.kivaLoans !== undefined &&
              ` ${words.plural(t.loans.kivaLoans, result.kivaLoans.loans, { sheet: result.kivaLoans.sheet })}`}
          </Note>
        )}
      </div>
    </section>
  );
}

function DiagnosticsSection(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<{ copied: true } | { manual: string } | { error: PaneError }>();

  const copy = async () => {
    setBusy(true);
    setState(undefined);
    const outcome = await pane.call(() => pane.controller.copyDiagnostics());
    if (!outcome.ok) {
      setBusy(false);
      setState({ error: outcome.error });
      return;
    }
    const copied = await copyText(outcome.value);
    setBusy(false);
    setState(copied ? { copied: true } : { manual: outcome.value });
  };

  return (
    <section className={ui.section} aria-labelledby="diagnostics-heading">
      <h3 className={ui.subheading} id="diagnostics-heading">
        {t.diagnostics.heading}
      </h3>
      <p className={ui.help}>{t.diagnostics.help}</p>
      <div>
        <Button disabledFocusable={busy} onClick={() => void copy()}>
          {t.diagnostics.copy}
        </Button>
      </div>
      <div aria-live="polite">
        {state !== undefined && 'copied' in state && <Note intent="success">{t.diagnostics.copied}</Note>}
        {state !== undefined && 'error' in state && <ErrorBar error={state.error} />}
        {state !== undefined && 'manual' in state && (
          <ManualCopy note={t.diagnostics.manual} label={t.diagnostics.heading} text={state.manual} />
        )}
      </div>
    </section>
  );
}
