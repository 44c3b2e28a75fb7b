/**
 * What the active sheet holds and which column feeds which Kiva field. A change in a dropdown is saved in the
 * workbook at once (no separate Save to forget), and missing required columns are said before anything else.
 */
import { Button, makeStyles, Select, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  formatIssue,
  KIND_FIELDS,
  REQUIRED_COLUMNS,
  SHEET_KINDS,
  type FieldName,
  type MappingOverride,
  type SheetKind,
} from '../../sheet';
import type { PaneError, SheetColumn, SheetInfo } from '../controller';
import { usePane, useWords, type Words } from '../pane-state';
import { ErrorBar, Note, PanelHeading, useUiStyles } from '../ui';

const useStyles = makeStyles({
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    '& th': {
      textAlign: 'start',
      fontWeight: tokens.fontWeightSemibold,
      color: tokens.colorNeutralForeground2,
      paddingBottom: tokens.spacingVerticalXS,
    },
    '& td': {
      paddingTop: tokens.spacingVerticalXXS,
      paddingBottom: tokens.spacingVerticalXXS,
      paddingRight: tokens.spacingHorizontalS,
      verticalAlign: 'middle',
      overflowWrap: 'anywhere',
    },
  },
  letter: { width: '3em', color: tokens.colorNeutralForeground2 },
  select: { minWidth: '10em' },
});

const IGNORE = '';
const AUTO = '';

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

  const save = async (override: MappingOverride) => {
    setSaving(true);
    setSaved(false);
    setError(undefined);
    const result = await pane.call(() => pane.controller.saveMapping(override));
    setSaving(false);
    if (result.ok) {
      pane.setSheetInfo(result.value);
      setSaved(true);
    } else {
      setError(result.error);
    }
  };

  const base: MappingOverride = info.override ?? { version: 1 };
  const chooseKind = (value: string) => {
    const next: MappingOverride = { version: 1 };
    if (value !== AUTO) next.kind = value as SheetKind;
    // Field choices made for another kind would point at fields this kind does not have.
    if (base.columns !== undefined && (value === AUTO ? undefined : value) === base.kind) next.columns = base.columns;
    void save(next);
  };
  const chooseField = (column: SheetColumn, value: string) => {
    const next: MappingOverride = { ...base, columns: { ...base.columns } };
    (next.columns as Record<string, FieldName | null>)[column.header] = value === IGNORE ? null : (value as FieldName);
    void save(next);
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
        <label htmlFor="sheet-kind" className={ui.subheading}>
          {t.sheet.kind}
        </label>
        <Select
          id="sheet-kind"
          value={info.kindSource === 'override' && info.kind !== undefined ? info.kind : AUTO}
          onChange={(_, data) => chooseKind(data.value)}
          disabled={saving}
        >
          <option value={AUTO}>
            {info.kindSource !== 'override' && info.kind !== undefined
              ? words.fill(t.sheet.kindAutomatic, { kind: t.sheet.kinds[info.kind] })
              : t.sheet.kindAuto}
          </option>
          {SHEET_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t.sheet.kinds[kind]}
            </option>
          ))}
        </Select>
        <p className={ui.help}>{t.sheet.kindSource[info.kindSource]}</p>
      </div>

      {info.missing.length > 0 && (
        <Note intent="error">{words.fill(t.sheet.missing, { fields: fieldList(words, info.missing) })}</Note>
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
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t.sheet.column}</th>
                <th scope="col">{t.sheet.header}</th>
                <th scope="col">{t.sheet.field}</th>
              </tr>
            </thead>
            <tbody>
              {info.columns
                .filter((c) => c.header !== '')
                .map((column) => (
                  <tr key={column.column}>
                    <td className={styles.letter}>{column.column}</td>
                    <th scope="row" style={{ fontWeight: 'normal' }}>
                      {column.header}
                    </th>
                    <td>
                      {column.status ? (
                        <span className={ui.help}>{t.sheet.statusColumn}</span>
                      ) : (
                        <Select
                          className={styles.select}
                          aria-label={words.fill(t.sheet.fieldFor, { column: column.column, header: column.header })}
                          value={column.field ?? IGNORE}
                          disabled={saving}
                          onChange={(_, data) => chooseField(column, data.value)}
                        >
                          <option value={IGNORE}>{t.sheet.notSent}</option>
                          {kindFields.map((field) => (
                            <option key={field} value={field}>
                              {t.fields[field]}
                              {required.has(field) ? ` (${t.sheet.required})` : ''}
                            </option>
                          ))}
                        </Select>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}

      <div aria-live="polite">
        {saving && <Spinner size="tiny" label={t.sheet.saving} />}
        {saved && !saving && <span className={ui.help}>{t.sheet.saved}</span>}
        {error !== undefined && <ErrorBar error={error} />}
      </div>
      <div className={ui.row}>
        <Button onClick={pane.reloadSheet} disabled={saving}>
          {t.sheet.reread}
        </Button>
        {info.override !== undefined && (
          <Button appearance="subtle" onClick={() => void save({ version: 1 })} disabled={saving}>
            {t.sheet.reset}
          </Button>
        )}
      </div>
    </div>
  );
}

export function fieldList(words: Words, fields: readonly FieldName[]): string {
  return words.list(fields.map((f) => words.t.fields[f]));
}
