/**
 * The exact JSON each request would carry, in send order, each copyable on its own, under a one-line summary in
 * the pane's language. Loaded only when asked for: most sends never open it.
 */
import { Button, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { copyText } from '../clipboard';
import type { PaneError, PreviewReport, SendScope } from '../controller';
import { usePane, useWords } from '../pane-state';
import { previewSummary } from '../preview-summary';
import { ErrorBar, Note, PanelHeading, useUiStyles } from '../ui';

const REQUESTS_PER_PAGE = 20;

export default function PreviewPanel(props: { scope: SendScope }): JSX.Element {
  const { call, controller, sheetVersion } = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const [report, setReport] = useState<{ value?: PreviewReport; error?: PaneError }>();
  const [shown, setShown] = useState(REQUESTS_PER_PAGE);
  const [copied, setCopied] = useState<{ position: number; ok: boolean }>();

  useEffect(() => {
    let current = true;
    setReport(undefined);
    void call(() => controller.preview(props.scope)).then((result) => {
      if (current) setReport(result.ok ? { value: result.value } : { error: result.error });
    });
    return () => {
      current = false;
    };
  }, [call, controller, props.scope, sheetVersion]);

  const copy = async (position: number, json: string) => {
    setCopied({ position, ok: await copyText(json) });
  };

  return (
    <section className={ui.panel} style={{ padding: 0 }} aria-labelledby="preview-heading">
      <PanelHeading id="preview-heading" title={t.preview.heading} help={t.preview.help} />
      {report === undefined && <Spinner size="tiny" label={t.preview.loading} />}
      {report?.error !== undefined && <ErrorBar error={report.error} />}
      {report?.value !== undefined && (
        <>
          {report.value.items.length === 0 && <Note intent="info">{t.preview.empty}</Note>}
          {report.value.skipped > 0 && (
            <p className={ui.help}>{words.plural(t.preview.skipped, report.value.skipped)}</p>
          )}
          {report.value.items.slice(0, shown).map((item) => {
            const headingId = `preview-request-${item.position}`;
            return (
              <article key={item.position} aria-labelledby={headingId} className={ui.section}>
                <div className={ui.row}>
                  <h3 className={ui.subheading} id={headingId}>
                    {words.fill(t.preview.request, {
                      position: item.position,
                      total: report.value?.items.length ?? 0,
                      endpoint: t.endpoints[item.endpoint],
                      rows: item.rowsText,
                    })}
                  </h3>
                  <Button
                    size="small"
                    aria-label={words.fill(t.preview.copyNamed, { position: item.position })}
                    onClick={() => void copy(item.position, item.json)}
                  >
                    {t.preview.copy}
                  </Button>
                  <span aria-live="polite" className={ui.help}>
                    {copied?.position === item.position ? (copied.ok ? t.preview.copied : '') : ''}
                  </span>
                </div>
                <p className={ui.help} data-testid="preview-summary">
                  {previewSummary(words.lang, t, item)}
                </p>
                {copied?.position === item.position && !copied.ok && (
                  <ErrorBar error={{ code: 'clipboard.failed', params: {} }} />
                )}
                {/* Focusable so keyboard users can scroll it and select the text by hand. */}
                <pre className={ui.code} tabIndex={0} aria-labelledby={headingId}>
                  {item.json}
                </pre>
              </article>
            );
          })}
          {report.value.items.length > shown && (
            <div>
              <Button onClick={() => setShown((n) => n + REQUESTS_PER_PAGE)}>{t.preview.showMore}</Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
