/**
 * The user interface's catalogue (task pane and ribbon) in English, Spanish and French, and the few helpers that
 * turn its templates and the controller's error values into sentences. Cell-level sentences stay in src/sheet.
 */
import type { MessageLanguage } from '../sheet';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

export type UiLanguage = MessageLanguage;
export type UiCatalogue = typeof en;
/** A sentence whose wording depends on a count (`Intl.PluralRules` categories; other covers the rest). */
export interface PluralText {
  one: string;
  other: string;
}
export type Params = Readonly<Record<string, string | number>>;

export const UI_LANGUAGES: readonly UiLanguage[] = ['en', 'es', 'fr'];
export const LANGUAGE_NAMES: Readonly<Record<UiLanguage, string>> = { en: 'English', es: 'Español', fr: 'Français' };

const CATALOGUES: Record<UiLanguage, UiCatalogue> = { en, es, fr };

export function uiText(lang: UiLanguage): UiCatalogue {
  return CATALOGUES[lang];
}

/** `es-MX` → es, `fr-CA` → fr; anything else (including Office's '' outside Office) → en. */
export function pickLanguage(displayLanguage: string | null | undefined): UiLanguage {
  const primary = (displayLanguage ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'es' || primary === 'fr' ? primary : 'en';
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders; an unknown one stays visible rather than silently vanishing. */
export function fill(template: string, params: Params = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const pluralRules = new Map<UiLanguage, Intl.PluralRules>();

export function plural(lang: UiLanguage, text: PluralText, count: number, params: Params = {}): string {
  let rules = pluralRules.get(lang);
  if (rules === undefined) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  const form = rules.select(count) === 'one' ? text.one : text.other;
  return fill(form, { count, ...params });
}

export interface ErrorLike {
  code: string;
  params: Params;
}

/** A controller error in the user's language; codes this pane does not know still say something useful. */
export function formatError(error: ErrorLike, lang: UiLanguage): string {
  const cat = uiText(lang);
  if (error.code === 'duplicate') {
    const previous = error.params.previous;
    if (previous === 'sent' || previous === 'uncertain' || previous === 'in-flight') {
      return fill(cat.duplicate[previous], error.params);
    }
  }
  const template = (cat.errors as Record<string, string | undefined>)[error.code];
  if (template === undefined) return fill(cat.errorFallback, { code: error.code });
  // A template whose placeholders the error did not fill reads badly: drop the unfilled parentheses and all.
  return fill(template, error.params)
    .replace(/\s*\(\{\w+\}\)/g, '')
    .replace(/\{\w+\}/g, '…');
}

/** `28 Nov 2026, 14:03` in the user's language; the raw text when it is no date. */
export function formatTime(value: string | number, lang: UiLanguage): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatMegabytes(bytes: number, lang: UiLanguage): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}

/** `a, b and c` in the user's language. */
export function formatList(items: readonly string[], lang: UiLanguage): string {
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
}
