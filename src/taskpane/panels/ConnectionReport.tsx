/**
 * What "Test connection" found, line by line (the server's connection check, the same as `kiva-sheets doctor`):
 * each line OK or a problem with its fix, and the whole report copyable for Kiva support. The wording comes from
 * src/app/doctor-texts, so the text a partner pastes is the one the command line prints.
 */
import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { doctorLineText, doctorOutcomeText, doctorText } from '../../app/doctor-texts';
import type { DoctorReport, DoctorStatus } from '../../app/doctor';
import { copyText } from '../clipboard';
import type { ConnectionCheck, EnvironmentName } from '../controller';
import { usePane, useWords } from '../pane-state';
import { ManualCopy, Note, useUiStyles } from '../ui';

const useStyles = makeStyles({
  lines: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  line: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, overflowWrap: 'anywhere' },
  title: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  label: { fontWeight: tokens.fontWeightSemibold },
  fix: { color: tokens.colorNeutralForeground2 },
});

const BADGE_COLOR: Record<DoctorStatus, 'success' | 'danger' | 'informative' | 'subtle'> = {
  ok: 'success',
  problem: 'danger',
  info: 'informative',
  'not-checked': 'subtle',
};

export function ConnectionReport(props: { env: EnvironmentName; check: ConnectionCheck }): JSX.Element {
  const words = useWords();
  const { t } = words;
  const { report } = props.check;
  const answered = words.fill(t.connection.testOk, {
    env: props.env === 'production' ? t.env.production : t.env.stage,
    partnerId: props.check.partnerId ?? '—',
  });
  // A server without the connection check still proved the token: say what it said.
  if (report === undefined) return <Note intent="success">{answered}</Note>;
  return <ReportLines report={report} answered={answered} />;
}

/** `answered`: which partner answered, said first when every line is OK. */
function ReportLines(props: { report: DoctorReport; answered: string }): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const styles = useStyles();
  const { t, lang } = words;
  const { report } = props;
  const [copy, setCopy] = useState<{ copied: true } | { manual: string }>();
  const version = pane.session.status === 'ready' ? pane.session.value.version : undefined;
  const intent = report.outcome === 'ok' ? 'success' : report.outcome === 'problems' ? 'warning' : 'error';

  const copyReport = async () => {
    const text = doctorText(report, lang, version !== undefined ? { version } : {});
    setCopy((await copyText(text)) ? { copied: true } : { manual: text });
  };

  return (
    <section className={ui.section} aria-labelledby="connection-report-heading" data-outcome={report.outcome}>
      <h3 className={ui.subheading} id="connection-report-heading">
        {t.connectionReport.heading}
      </h3>
      <Note intent={intent}>
        {report.outcome === 'ok'
          ? `${props.answered} ${doctorOutcomeText(report, lang)}`
          : doctorOutcomeText(report, lang)}
      </Note>
      <ul className={styles.lines}>
        {report.lines.map((line) => {
          const worded = doctorLineText(line, lang);
          return (
            <li key={line.check} className={styles.line} data-check={line.check} data-status={line.status}>
              <span className={styles.title}>
                <Badge appearance="tint" color={BADGE_COLOR[line.status]}>
                  {worded.statusWord}
                </Badge>
                <span className={styles.label}>{worded.label}</span>
              </span>
              <span>{worded.text}</span>
              {worded.fix !== undefined && (
                <span className={styles.fix}>{words.fill(t.connectionReport.fix, { fix: worded.fix })}</span>
              )}
            </li>
          );
        })}
      </ul>
      <div className={ui.row}>
        <Button onClick={() => void copyReport()}>{t.connectionReport.copy}</Button>
      </div>
      <div aria-live="polite">
        {copy !== undefined && 'copied' in copy && <Note intent="success">{t.connectionReport.copied}</Note>}
        {copy !== undefined && 'manual' in copy && (
          <ManualCopy note={t.connectionReport.manual} label={t.connectionReport.heading} text={copy.manual} />
        )}
      </div>
    </section>
  );
}
