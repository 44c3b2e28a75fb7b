/**
 * The one place that chooses between the singular and the plural of a sentence with a count, for the pane, the
 * ribbon, the app's notices and the command line alike: `Intl.PluralRules` of the language, so French says
 * "0 erreur" and "1 erreur" (both `one`) where English and Spanish say "0 errors" / "0 errores".
 */
import type { MessageLanguage } from '../settings';

/** A sentence whose wording depends on a count (`Intl.PluralRules` categories; `other` covers all but `one`). */
export interface PluralText {
  one: string;
  other: string;
}

const RULES = new Map<string, Intl.PluralRules>();

export function pluralForm(lang: MessageLanguage | string, count: number): 'one' | 'other' {
  const locale = lang === 'es' || lang === 'fr' ? lang : 'en';
  let rules = RULES.get(locale);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale);
    RULES.set(locale, rules);
  }
  return rules.select(count) === 'one' ? 'one' : 'other';
}

/** The form of `text` for `count`; a plain string has one form for every count. */
export function pluralText(lang: MessageLanguage | string, text: PluralText | string, count: number): string {
  return typeof text === 'string' ? text : text[pluralForm(lang, count)];
}
