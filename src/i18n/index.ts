/**
 * The user interface's catalogue (task pane and ribbon) in English, Spanish and French, and the few helpers that
 * turn its templates and the controller's error values into sentences. Cell-level sentences stay in src/sheet.
 */
import { pluralForm, type MessageLanguage, type PluralText } from '../sheet';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

export type UiLanguage = MessageLanguage;
export type UiCatalogue = typeof en;
export type { PluralText };
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

/** The form of `text` for `count` (src/sheet's pluralForm, shared with the app and the command line), filled. */
export function plural(lang: UiLanguage, text: PluralText, count: number, params: Params = {}): string {
  return fill(text[pluralForm(lang, count)], { count, ...params });
}

export interface ErrorLike {
  code: string;
  params: Params;
}

/** A controller error in the user's language; codes this pane does not know still say something useful. */
export function formatError(error: ErrorLike, lang: UiLanguage): string {
  const cat = uiText(lang);
  const params = withEnvironmentNames(error.params, cat);
  if (error.code === 'duplicate') {
    const previous = params.previous;
    if (previous === 'sent' || previous === 'uncertain' || previous === 'in-flight') {
      return fill(cat.duplicate[previous], params);
    }
  }
  const template = (cat.errors as Record<string, string | undefined>)[error.code];
  if (template === undefined) return fill(cat.errorFallback, { code: error.code });
  // A template whose placeholders the error did not fill reads badly: drop the unfilled parentheses and all.
  return fill(template, params)
    .replace(/\s*\(\{\w+\}\)/g, '')
    .replace(/\{\w+\}/g, '…');
}

/** Kiva's environment ids in `env` / `environment` (`stage`) named as the pane names them (`Test (stage)`). */
function withEnvironmentNames(params: Params, cat: UiCatalogue): Params {
  const named = (value: string | number | undefined) =>
    value === 'stage' || value === 'production' ? cat.env[value] : value;
  if (params.env === undefined && params.environment === undefined) return params;
  const out: Record<string, string | number> = { ...params };
  if (params.env !== undefined) out.env = named(params.env) as string | number;
  if (params.environment !== undefined) out.environment = named(params.environment) as string | number;
  return out;
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
