/**
 * One message catalogue for the task pane, the ribbon and the command line: issue codes → sentences in English,
 * Spanish and French, each prefixed with the cell it is about.
 */
import { cellAddress } from '../addresses';
import type { FieldName, SheetKind } from '../fields';
import type { KindReason } from '../headers';
import type { IssueGroup } from '../issue-groups';
import type { Issue, IssueCode, IssueParam } from '../issues';
import type { LookupList } from '../lookups';
import type { MessageLanguage, WorkbookSettingName } from '../settings';
import type { Catalogue } from './catalogue';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { pluralForm } from './plural';

export type { Catalogue };
export { pluralForm, pluralText, type PluralText } from './plural';

export const CATALOGUES: Record<MessageLanguage, Catalogue> = { en, es, fr };

export function catalogue(lang: MessageLanguage | string | undefined): Catalogue {
  return lang === 'es' ? es : lang === 'fr' ? fr : en;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The sentence for an issue code, without the cell. */
export function formatMessage(
  code: IssueCode,
  params: Record<string, IssueParam>,
  lang: MessageLanguage | string = 'en',
): string {
  const cat = catalogue(lang);
  const sentence = cat.issues[code].replace(PLACEHOLDER, (whole, name: string) => {
    // `{fieldName}`: the `field` param, as the coordinator knows it (`Actividad`), where `{field}` is the header to add.
    if (name === 'fieldName') {
      const field = params.field;
      return typeof field === 'string' && field in cat.fields ? cat.fields[field as FieldName] : whole;
    }
    const value = params[name];
    if (value === undefined) return whole;
    if (name === 'list' && typeof value === 'string' && value in cat.lists) return cat.lists[value as LookupList];
    if (name === 'status' && typeof value === 'string') return cat.loanStatuses[value] ?? quoted(value, lang);
    if (name === 'kinds' && Array.isArray(value)) return kindList(value as SheetKind[], lang, 'disjunction');
    if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : cat.none;
    return String(value);
  });
  return `${sentence}${settingCause(params, cat)}${listSource(params, cat)}`;
}

/** recognition: ` Checked against the “Kiva loans” sheet read on 2026-12-02…` when the list was not Kiva's own. */
function listSource(params: Record<string, IssueParam>, cat: Catalogue): string {
  const { listSheet, listReadOn } = params;
  if (typeof listSheet !== 'string' || typeof listReadOn !== 'string') return '';
  const text = cat.portfolioFromSheet.replace(PLACEHOLDER, (whole, key: string) =>
    key === 'sheet' ? listSheet : key === 'date' ? listReadOn : whole,
  );
  return ` ${text}`;
}

/** recognition: ` Because the setting “Decimal separator” is “point (1234.5)” …` when a setting caused the issue. */
function settingCause(params: Record<string, IssueParam>, cat: Catalogue): string {
  const setting = params.setting;
  if (typeof setting !== 'string' || !(setting in cat.settingNames)) return '';
  const name = setting as WorkbookSettingName;
  const source = params.settingSource;
  if (source === 'file') return ` ${cat.settingCauseFrom.file}`;
  if (source === 'environment') {
    return ` ${cat.settingCauseFrom.environment.replace('{variable}', String(params.settingVariable ?? ''))}`;
  }
  const raw = String(params.settingValue ?? '');
  const value = cat.settingValues[name]?.[raw] ?? raw;
  const text = cat.settingCause.replace(PLACEHOLDER, (whole, key: string) =>
    key === 'setting' ? cat.settingNames[name] : key === 'value' ? value : whole,
  );
  return ` ${text}`;
}

/** `Loans!F7: The amount must be greater than 0 (found -5).` (French: `Loans!F7\u00a0: Le montant…`) */
export function formatIssue(issue: Issue, lang: MessageLanguage | string = 'en'): string {
  const { colon } = catalogue(lang).punctuation;
  return `${cellAddress(issue.sheet, issue.column, issue.row)}${colon}${formatMessage(issue.code, issue.params, lang)}`;
}

function kindList(kinds: readonly SheetKind[], lang: string, type: 'conjunction' | 'disjunction'): string {
  const cat = catalogue(lang);
  return listFormat(lang, type).format(kinds.map((k) => cat.kinds[k] ?? k));
}

function listFormat(lang: string, type: 'conjunction' | 'disjunction'): Intl.ListFormat {
  return new Intl.ListFormat(lang === 'es' || lang === 'fr' ? lang : 'en', { type });
}

function quoted(text: string, lang: string): string {
  return lang === 'fr' ? `«\u00a0${text}\u00a0»` : lang === 'es' ? `«${text}»` : `“${text}”`;
}

/**
 * One of Kiva's warnings on an accepted row, for a status cell or the pane: a code this tool knows in the user's
 * language, any other as Kiva's own words in quotes (they are Kiva's, untranslated).
 */
export function formatKivaWarning(warning: { code?: string; message: string }, lang: MessageLanguage | string): string {
  const s = catalogue(lang).status;
  const known = warning.code !== undefined ? s.kivaWarnings[warning.code] : undefined;
  return s.kivaWarning.replace('{warning}', known ?? quoted(warning.message, lang));
}

/**
 * Which kind a sheet was read as and why, in one line: `repayment report — from the sheet name “Pagos
 * noviembre” (the columns fit repayment report or repayment schedule)`. Shown by validate, preview and the pane.
 */
export function describeKind(
  map: { kind?: SheetKind | undefined; kindReason: KindReason },
  lang: MessageLanguage | string = 'en',
): string {
  const cat = catalogue(lang);
  const reasons = cat.kindReasons;
  const reason = map.kindReason;
  const kind = map.kind === undefined ? '' : cat.kinds[map.kind];
  const fill = (template: string, params: Record<string, string>): string =>
    template.replace(PLACEHOLDER, (whole, name: string) => params[name] ?? whole);
  switch (reason.basis) {
    case 'override':
      return fill(reasons.override, { kind });
    case 'headers': {
      // Three columns say enough; the others are counted, not listed.
      const named = reason.evidence.slice(0, 3).map((e) => quoted(e.header, lang));
      const more = reason.evidence.length - named.length;
      const headers = listFormat(lang, 'conjunction').format(more > 0 ? [...named, `+${more}`] : named);
      if (map.kind === 'repayments') return fill(reasons.repaymentHeaders, { kind, headers });
      return fill(reasons.headers[pluralForm(lang, reason.evidence.length)], { kind, headers });
    }
    case 'sheet-name':
      return fill(reasons.sheetName, {
        kind,
        sheet: reason.sheetName,
        among: kindList(reason.among, lang, 'disjunction'),
      });
    case 'ask': {
      const named = reason.among.filter((k) => k !== reason.among[0]);
      return fill(reasons.ask[reason.why], {
        among: kindList(reason.why === 'name-conflict' ? reason.among.slice(0, 1) : reason.among, lang, 'disjunction'),
        named: kindList(named, lang, 'disjunction'),
        sheet: reason.sheetName,
      });
    }
    case 'none':
      return reasons.none;
    case 'kiva-loans':
      return reasons.kivaLoans;
  }
}

/** A grouped message (see issue-groups.ts): the issue's sentence, prefixed with its row count when it repeats. */
export function formatGroupMessage(group: IssueGroup, lang: MessageLanguage | string = 'en'): string {
  const message = formatMessage(group.issue.code, group.issue.params, lang);
  const count = new Set(group.rows).size;
  if (count < 2) return message;
  const cat = catalogue(lang);
  return cat.repeated[pluralForm(lang, count)].replace(PLACEHOLDER, (whole, name: string) =>
    name === 'count' ? String(count) : name === 'message' ? message : whole,
  );
}
