/**
 * Check the selection or the whole sheet: counts first, then the problems grouped by row, each one a button that
 * takes the user to its cell (the same cell the adapter filled and annotated).
 */
import { Button, makeStyles, mergeClasses, Radio, RadioGroup, Spinner, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import {
  cellAddress,
  formatGroupMessage,
  formatMessage,
  groupCells,
  groupFirstRange,
  groupIssues,
  issueKey,
  type Issue,
  type IssueCode,
  type IssueGroup,
} from '../../sheet';
import { formatNotice, type NoticeCode } from '../../app/messages';
import type { PaneError, ValidateScope, ValidationReport } from '../controller';
import { usePane, useWords } from '../pane-state';
import { ErrorBar, Note, PanelHeading, useUiStyles } from '../ui';
import { rowLabel } from './SendPanel';
import { mappingCauses } from './SheetPanel';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  groupTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  entry: {
    display: 'grid',
    gridTemplateColumns: '3.5em 1fr',
    columnGap: tokens.spacingHorizontalS,
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  address: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  text: { display: 'flex', flexDirection: 'column' },
  severity: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground3 },
  counts: { margin: 0, fontWeight: tokens.fontWeightSemibold },
});

/** Problems reported at the header row, about the sheet as a whole. */
const SHEET_LEVEL: ReadonlySet<IssueCode> = new Set([
  'sheet-empty',
  'kind-unknown',
  'column-missing',
  'column-duplicate',
  'column-ignored',
]);

const GROUPS_PER_PAGE = 50;

/** recognition: the portfolio check not run against Kiva itself (skipped, or from an old or damaged Kiva loans sheet). */
const WARNING_NOTICES: ReadonlySet<NoticeCode> = new Set([
  'portfolio-unavailable',
  'portfolio-from-sheet',
  'portfolio-sheet-old',
  'portfolio-sheet-unusable',
]);

interface RowGroup {
  key: string;
  sheet: string;
  row: number;
  sheetLevel: boolean;
  issues: Issue[];
  /** recognition: the same message in several rows, said once with its cells (shown after the header problems). */
  repeats?: IssueGroup[];
}

export function groupByRow(issues: readonly Issue[]): RowGroup[] {
  const repeats = groupIssues(issues).filter((g) => !SHEET_LEVEL.has(g.issue.code) && new Set(g.rows).size > 1);
  const repeated = new Set(repeats.map((g) => issueKey(g.issue)));
  const isRepeat = (issue: Issue) => repeated.size > 0 && repeated.has(issueKey(issue));
  const groups = new Map<string, RowGroup>();
  for (const issue of issues) {
    if (isRepeat(issue)) continue;
    const sheetLevel = SHEET_LEVEL.has(issue.code);
    const key = `${sheetLevel ? 0 : 1}\u0000${issue.sheet}\u0000${issue.row}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, sheet: issue.sheet, row: issue.row, sheetLevel, issues: [] };
      groups.set(key, group);
    }
    group.issues.push(issue);
  }
  const ordered = [...groups.values()].sort(
    (a, b) => Number(b.sheetLevel) - Number(a.sheetLevel) || a.sheet.localeCompare(b.sheet) || a.row - b.row,
  );
  for (const group of ordered) {
    group.issues.sort(
      (a, b) =>
        Number(a.severity === 'warning') - Number(b.severity === 'warning') ||
        a.column.length - b.column.length ||
        a.column.localeCompare(b.column),
    );
  }
  if (repeats.length === 0) return ordered;
  const first = ordered.findIndex((g) => !g.sheetLevel);
  const at = first === -1 ? ordered.length : first;
  const sheet = repeats[0]?.issue.sheet ?? '';
  ordered.splice(at, 0, { key: 'repeats', sheet, row: 0, sheetLevel: false, issues: [], repeats });
  return ordered;
}

export function ValidatePanel(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const [scope, setScope] = useState<ValidateScope>('sheet');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<PaneError>();

  const run = async () => {
    setRunning(true);
    setError(undefined);
    const result = await pane.call(() => pane.controller.validate(scope));
    setRunning(false);
    if (result.ok) pane.setValidation(result.value);
    else setError(result.error);
  };

  return (
    <div className={ui.panel}>
      <PanelHeading title={t.validate.heading} help={t.validate.help} />
      <RadioGroup
        aria-label={t.scope.label}
        layout="horizontal"
        value={scope}
        onChange={(_, data) => setScope(data.value as ValidateScope)}
      >
        <Radio value="selection" label={t.scope.selection} />
        <Radio value="sheet" label={t.scope.sheet} />
      </RadioGroup>
      <div className={ui.row}>
        <Button appearance="primary" onClick={() => void run()} disabledFocusable={running}>
          {running ? t.validate.running : t.validate.run}
        </Button>
        {running && <Spinner size="tiny" aria-hidden />}
      </div>
      {error !== undefined && <ErrorBar error={error} />}
      {pane.validation !== undefined && (
        <ReportView report={pane.validation.report} fromRibbon={pane.validation.source === 'ribbon'} />
      )}
    </div>
  );
}

function ReportView(props: { report: ValidationReport; fromRibbon: boolean }): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const styles = useStyles();
  const { t } = words;
  const { report } = props;
  const groups = useMemo(() => groupByRow(report.issues), [report]);
  const [shown, setShown] = useState(GROUPS_PER_PAGE);
  const [goError, setGoError] = useState<PaneError>();
  const sheet = pane.sheet.status === 'ready' ? pane.sheet.value : undefined;

  const goTo = async (address: string) => {
    setGoError(undefined);
    const result = await pane.call(() => pane.controller.goToCell(address));
    if (!result.ok) setGoError(result.error);
  };

  return (
    <section aria-label={t.validate.heading} className={ui.panel} style={{ padding: 0 }}>
      {props.fromRibbon && <p className={ui.help}>{t.validate.fromRibbon}</p>}
      <p className={styles.counts} role="status">
        {words.fill(t.validate.counts, { errors: report.errors, warnings: report.warnings, rows: report.rowsChecked })}
      </p>
      {report.notices?.map((notice, k) => (
        <Note key={`n${k}`} intent={WARNING_NOTICES.has(notice.code) ? 'warning' : 'info'}>
          {formatNotice(notice, words.lang)}
        </Note>
      ))}
      {report.issues.length === 0 && <Note intent="success">{words.plural(t.validate.clean, report.rowsChecked)}</Note>}
      {goError !== undefined && <ErrorBar error={goError} />}
      <ul className={ui.list} aria-label={t.validate.heading}>
        {groups.slice(0, shown).map((group) => (
          <li key={group.key} className={styles.group}>
            <h3 className={styles.groupTitle}>
              {group.repeats !== undefined
                ? t.validate.repeated
                : group.sheetLevel
                  ? words.fill(group.sheet === sheet?.sheet ? t.validate.headerRow : t.validate.headerRowOnSheet, {
                      row: group.row,
                      sheet: group.sheet,
                    })
                  : rowLabel(words, group, sheet?.sheet)}
            </h3>
            <ul className={ui.list}>
              {group.repeats?.map((repeat, k) => (
                <li key={`r${k}`}>
                  <RepeatEntry group={repeat} goTo={goTo} />
                </li>
              ))}
              {group.issues.map((issue, k) => {
                const address = cellAddress(issue.sheet, issue.column, issue.row);
                return (
                  <li key={k}>
                    <button
                      type="button"
                      className={styles.entry}
                      title={words.fill(t.validate.goTo, { address })}
                      onClick={() => void goTo(address)}
                    >
                      <span className={styles.address}>{`${issue.column}${issue.row}`}</span>{' '}
                      <span className={styles.text}>
                        <span className={mergeClasses(styles.severity, styles[issue.severity])}>
                          {issue.severity === 'error' ? t.validate.error : t.validate.warning}
                        </span>{' '}
                        <span>
                          {formatMessage(issue.code, issue.params, words.lang)}
                          {issue.code === 'column-missing' && issue.field !== undefined && sheet?.sheet === issue.sheet
                            ? ` ${mappingCauses(words, sheet, [issue.field])}`
                            : ''}
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      {groups.length > shown && (
        <div>
          <Button onClick={() => setShown((n) => n + GROUPS_PER_PAGE)}>{t.validate.showMore}</Button>
        </div>
      )}
    </section>
  );
}

/** recognition: one message found in several rows of a column, with its cells; a click selects the first run. */
function RepeatEntry(props: { group: IssueGroup; goTo: (address: string) => Promise<void> }): JSX.Element {
  const words = useWords();
  const styles = useStyles();
  const { t } = words;
  const { issue } = props.group;
  const address = groupFirstRange(props.group);
  return (
    <button
      type="button"
      className={styles.entry}
      title={words.fill(t.validate.goTo, { address })}
      onClick={() => void props.goTo(address)}
    >
      <span className={styles.address}>{`${issue.column}${Math.min(...props.group.rows)}`}</span>{' '}
      <span className={styles.text}>
        <span className={mergeClasses(styles.severity, styles[issue.severity])}>
          {issue.severity === 'error' ? t.validate.error : t.validate.warning}
        </span>{' '}
        <span>{formatGroupMessage(props.group, words.lang)}</span>{' '}
        <span className={styles.address}>{groupCells(props.group)}</span>
      </span>
    </button>
  );
}
