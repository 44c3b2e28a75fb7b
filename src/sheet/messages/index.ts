/**
 * One message catalogue for the task pane, the ribbon and the command line: issue codes → sentences in English,
 * Spanish and French, each prefixed with the cell it is about.
 */
import { cellAddress } from '../addresses';
import type { Issue, IssueCode, IssueParam } from '../issues';
import type { LookupList } from '../lookups';
import type { MessageLanguage } from '../settings';
import type { Catalogue } from './catalogue';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

export type { Catalogue };

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
  return cat.issues[code].replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (name === 'list' && typeof value === 'string' && value in cat.lists) return cat.lists[value as LookupList];
    if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : cat.none;
    return String(value);
  });
}

/** `Loans!F7: The amount must be greater than 0 (found -5).` */
export function formatIssue(issue: Issue, lang: MessageLanguage | string = 'en'): string {
  return `${cellAddress(issue.sheet, issue.column, issue.row)}: ${formatMessage(issue.code, issue.params, lang)}`;
}
