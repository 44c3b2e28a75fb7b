/**
 * What the active sheet holds and which column feeds which Kiva field. A choice in a dropdown (click or Enter) is
 * saved in the workbook at once (no separate Save to forget), and missing required columns are said before anything
 * else, naming the mapping that caused them.
 */
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import {
  describeKind,
  formatIssue,
  KIND_FIELDS,
  REQUIRED_COLUMNS,
  SHEET_KINDS,
  type FieldName,
  type MappingOverride,
  type SheetKind,
  CATALOGUES,
  sheetPrefix,
} from '../../sheet';
import type { PaneError, SheetColumn, SheetInfo } from '../controller';
import { usePane, useWords, type Words } from '../pane-state';
import { ErrorBar, Note, PanelHeading, useUiStyles } from '../ui';
import { ChoiceDropdown } from './ChoiceDropdown';
import { PhotoColumnOffer } from './PhotoColumnOffer';

const useStyles = makeStyles({
  // One column per entry, the header above its field: the pane is 320–350 px wide and headers run long.
  columns: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  entry: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  entryLabel: { display: 'flex', columnGap: tokens.spacingHorizontalS, minWidth: 0, overflowWrap: 'anywhere' },
  letter: { color: tokens.colorNeutralForeground2, fontFamily: tokens.fontFamilyMonospace, flex: 'none' },
  // Fluent's Dropdown wants 250 px; in a narrow pane it takes the width there is, its text cut with an ellipsis.
  dropdown: { minWidth: 0, width: '100%', maxWidth: '100%' },
});

/** Fluent's Option needs a non-empty value: these stand for "not sent" and "recognise the kind". */
const IGNORE = '(ignore)';
const AUTO = '(auto)';

export function SheetPanel(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;

  if (pane.sheet.status === 'loading') {
    return (
      <div className={ui.panel}>
        <Spinner size="small" label={t.app.loading} />
      </div>
    );
  }
  if (pane.sheet.status === 'failed') {
    return (
      <div className={ui.panel}>
        <ErrorBar error={pane.sheet.error} />
        <div>
          <Button onClick={pane.reloadSheet}>{t.sheet.reread}</Button>
        </div>
      </div>
    );
  }
  return <MappingEditor info={pane.sheet.value} />;
}

function MappingEditor(props: { info: SheetInfo }): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const styles = useStyles();
  const { t } = words;
  const { info } = props;
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<PaneError>();
  // Choices made while a save is under way build on the choice before them, not on the sheet read before it.
  const latest = useRef<MappingOverride | undefined>(info.override);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pendingSaves = useRef(0);
  useEffect(() => {
    if (pendingSaves.current === 0) latest.current = info.override;
  }, [info.override]);

  // The controls stay enabled while saving: disabling them would drop the keyboard focus onto the page.
  const save = (override: MappingOverride) => {
    latest.current = override;
    pendingSaves.current++;
    setSaving(true);
    setSaved(false);
    setError(undefined);
    queue.current = queue.current.then(async () => {
      const result = await pane.call(() => pane.controller.saveMapping(override));
      pendingSaves.current--;
      if (result.ok) {
        pane.setSheetInfo(result.value);
        setSaved(true);
      } else {
        latest.current = info.override;
        setError(result.error);
      }
      if (pendingSaves.current === 0) setSaving(false);
    });
  };

  const base = (): MappingOverride => latest.current ?? { version: 1 };
  const chooseKind = (value: string) => {
    const current = base();
    const next: MappingOverride = { version: 1 };
    if (value !== AUTO) next.kind = value as SheetKind;
    // Field choices made for another kind would point at fields this kind does not have.
    if (current.columns !== undefined && (value === AUTO ? undefined : value) === current.kind) {
      next.columns = current.columns;
    }
    save(next);
  };
  const chooseField = (column: SheetColumn, value: string) => {
    const current = base();
    const next: MappingOverride = { ...current, columns: { ...current.columns } };
    (next.columns as Record<string, FieldName | null>)[column.header] = value === IGNORE ? null : (value as FieldName);
    save(next);
  };

  const kindFields: readonly FieldName[] = info.kind !== undefined ? KIND_FIELDS[info.kind] : [];
  const required = new Set<FieldName>(info.kind !== undefined ? REQUIRED_COLUMNS[info.kind] : []);
  const headerIssues = info.issues.filter((issue) => issue.code !== 'column-missing');

  return (
    <div className={ui.panel}>
      <PanelHeading
        title={words.fill(t.sheet.heading, { sheet: info.sheet })}
        help={words.plural(t.sheet.rows, info.rows)}
      />
      <div>
        {/* recognition: the Kiva loans sheet is no kind, whatever is chosen: it is not offered a choice. */}
        {info.kindReason?.basis !== 'kiva-loans' && (
          <>
            <label id="sheet-kind-label" htmlFor="sheet-kind" className={ui.subheading}>
              {t.sheet.kind}
            </label>
            <ChoiceDropdown
              id="sheet-kind"
              className={styles.dropdown}
              value={info.kindSource === 'override' && info.kind !== undefined ? info.kind : AUTO}
              options={[
                {
                  value: AUTO,
                  text:
                    info.kindSource !== 'override' && info.kind !== undefined
                      ? words.fill(t.sheet.kindAutomatic, { kind: t.sheet.kinds[info.kind] })
                      : t.sheet.kindAuto,
                },
                ...SHEET_KINDS.map((kind) => ({ value: kind, text: t.sheet.kinds[kind] })),
              ]}
              onChoose={chooseKind}
            />
          </>
        )}
        <p className={ui.help} data-testid="sheet-kind-reason">
          {info.kindReason !== undefined
            ? describeKind({ kind: info.kind, kindReason: info.kindReason }, words.lang)
            : t.sheet.kindSource[info.kindSource]}
        </p>
      </div>
      {info.kindSource === 'ask' && info.kindReason?.basis === 'ask' && (
        <Note intent="warning">
          {words.fill(t.sheet.kindAsk, {
            kinds: new Intl.ListFormat(words.lang, { type: 'disjunction' }).format(
              info.kindReason.among.map((k) => t.sheet.kinds[k]),
            ),
          })}
        </Note>
      )}

      {info.missing.length > 0 && (
        <Note intent="error">
          {words.fill(t.sheet.missing, { fields: fieldList(words, info.missing) })} {mappingCauses(words, info)}
        </Note>
      )}
      {headerIssues.map((issue, k) => (
        <Note key={k} intent={issue.severity === 'error' ? 'warning' : 'info'}>
          {formatIssue(issue, words.lang)}
        </Note>
      ))}

      {info.kind !== undefined && (
        <div>
          <h3 className={ui.subheading}>{t.sheet.mapping}</h3>
          <p className={ui.help}>{t.sheet.mappingHelp}</p>
          <ul className={styles.columns}>
            {info.columns
              .filter((c) => c.header !== '')
              .map((column) => {
                const labelId = `mapping-${column.column}`;
                return (
                  <li key={column.column} className={styles.entry}>
                    <span className={styles.entryLabel} id={labelId}>
                      <span className={styles.letter}>{column.column}</span>
                      <span>{column.header}</span>
                    </span>
                    {column.status ? (
                      <span className={ui.help}>{t.sheet.statusColumn}</span>
                    ) : (
                      <ChoiceDropdown
                        className={styles.dropdown}
                        aria-label={words.fill(t.sheet.fieldFor, { column: column.column, header: column.header })}
                        value={column.field ?? IGNORE}
                        options={[
                          { value: IGNORE, text: t.sheet.notSent },
                          ...kindFields.map((field) => ({
                            value: field,
                            text: required.has(field) ? `${t.fields[field]} (${t.sheet.required})` : t.fields[field],
                          })),
                        ]}
                        onChoose={(value) => chooseField(column, value)}
                      />
                    )}
                  </li>
                );
              })}
          </ul>
        </div>
      )}

      {info.kind !== undefined && info.statusColumn !== undefined && <StatusColumnNote info={info} />}
      <PhotoColumnOffer />

      <div aria-live="polite">
        {saving && <Spinner size="tiny" label={t.sheet.saving} />}
        {saved && !saving && <span className={ui.help}>{t.sheet.saved}</span>}
        {error !== undefined && <ErrorBar error={error} />}
      </div>
      <div className={ui.row}>
        <Button onClick={pane.reloadSheet} disabledFocusable={saving}>
          {t.sheet.reread}
        </Button>
        {info.override !== undefined && (
          <Button appearance="subtle" onClick={() => save({ version: 1 })} disabledFocusable={saving}>
            {t.sheet.reset}
          </Button>
        )}
      </div>
    </div>
  );
}

/**
 * Where the statuses are (or will be) written. The column is created after the last one, never inserted: inserting
 * would move the user's columns (and every formula, filter and export that points at them), and the command line's
 * .xlsx patch could not do it safely. It is found by its header wherever it is, so a user who wants it in view moves
 * it once, and the pane says so.
 */
function StatusColumnNote(props: { info: SheetInfo }): JSX.Element | null {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const column = props.info.statusColumn;
  if (column === undefined) return null;
  const existing = props.info.columns.find((c) => c.status === true);
  const header = existing?.header ?? CATALOGUES[words.lang].status.header;
  const goTo = () => {
    const row = (props.info.headerRow ?? 1) + 1;
    void pane.call(() => pane.controller.goToCell(`${sheetPrefix(props.info.sheet)}${column.column}${row}`));
  };
  return (
    <div data-testid="status-column">
      <h3 className={ui.subheading}>{header}</h3>
      <p className={ui.help}>
        {column.exists
          ? words.fill(t.sheet.statusWhere, { column: column.column, header })
          : words.fill(t.sheet.statusNew, { column: column.column, header })}{' '}
        {t.sheet.statusMove}
      </p>
      {column.exists && (
        <div>
          <Button size="small" onClick={goTo}>
            {words.fill(t.sheet.goToStatus, { column: column.column })}
          </Button>
        </div>
      )}
    </div>
  );
}

/** `Column A (loan_id) is mapped to Client id on the Sheet tab.` for each missing field a mapping took away. */
export function mappingCauses(words: Words, info: SheetInfo | undefined, fields?: readonly FieldName[]): string {
  const away = (info?.mappedAway ?? []).filter((a) => fields === undefined || fields.includes(a.field));
  return away
    .map((a) =>
      a.mappedTo !== undefined
        ? words.fill(words.t.sheet.mappedAway, {
            column: a.column,
            header: a.header,
            mappedTo: words.t.fields[a.mappedTo],
          })
        : words.fill(words.t.sheet.mappedAwayIgnored, { column: a.column, header: a.header }),
    )
    .join(' ');
}

export function fieldList(words: Words, fields: readonly FieldName[]): string {
  return words.list(fields.map((f) => words.t.fields[f]));
}
