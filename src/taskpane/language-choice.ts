/**
 * The language the user chose in the pane, remembered for the next time the pane opens (per user, in the page's
 * partitioned storage, not per workbook). Until the user chooses, the pane follows Office's display language.
 */
import { UI_LANGUAGES, type UiLanguage } from '../i18n';
import { pageValue } from './page-storage';

export interface LanguageChoiceStore {
  get(): UiLanguage | undefined;
  set(lang: UiLanguage): void;
}

export function browserLanguageChoice(storage?: Pick<Storage, 'getItem' | 'setItem'>): LanguageChoiceStore {
  const value = pageValue('kiva-sheets.language', storage);
  return {
    get() {
      const saved = value.get();
      return UI_LANGUAGES.find((lang) => lang === saved);
    },
    set(lang) {
      value.set(lang);
    },
  };
}
