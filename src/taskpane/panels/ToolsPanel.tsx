/**
 * The occasional tasks: borrower photos, Kiva lists, a repayment template, and diagnostics for Kiva support.
 * Loaded only when the Tools tab is opened.
 */
import { Button, Radio, RadioGroup, Spinner } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { copyText } from '../clipboard';
import type { ListsResult, PaneError, PhotoMatch, PhotoResult, TemplateResult } from '../controller';
import { usePane, useWords } from '../pane-state';
import { checkPhoto, DEFAULT_PHOTO_MAX_BYTES, type PhotoCheck } from '../photos';
import { ErrorBar, ManualCopy, Note, PanelHeading, useUiStyles } from '../ui';
import { formatMegabytes } from '../../i18n';

export default function ToolsPanel(): JSX.Element {
  const ui = useUiStyles();
  const { t } = useWords();
  return (
    <div className={ui.panel}>
      <PanelHeading title={t.tools.heading} />
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
      <p className={ui.help}>{words.fill(t.photos.help, { max })}</p>
      <RadioGroup aria-label={t.photos.match} value={match} onChange={(_, d) => setMatch(d.value as PhotoMatch)}>
        <Radio value="file-name" label={t.photos.byName} />
        <Radio value="selected-borrower" label={t.photos.selected} />
      </RadioGroup>
      <div>
        <label htmlFor={inputId} className={ui.subheading}>
          {t.photos.choose}
        </label>
        <br />
        <input
          id={inputId}
          ref={input}
          type="file"
          accept="image/jpeg,image/png,.jpg,.jpeg,.png"
          multiple={match === 'file-name'}
          disabled={busy}
          onChange={(e) => void onFiles(e.currentTarget.files)}
        />
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
          <Note intent="success">{words.plural(t.photos.attached, attachedCount)}</Note>
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
          <Note intent="success">{words.plural(t.loans.created, result.loans, { sheet: result.sheet })}</Note>
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
