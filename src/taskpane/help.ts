/**
 * The pane's Help link: the chapter of the coordinator's guide (docs/guide/<lang>) for the tab the user is on. The
 * build renders the guide into the pane's own folder (dist/guide/<lang>/*.html, see webpack.config.js), so the link
 * is relative to the pane's page and works wherever the server is, with nothing fetched from elsewhere.
 */
import type { UiLanguage } from '../i18n';
import type { TabId } from './pane-state';

/** The chapter (file name without extension, the same in every language) that explains each tab. */
export const HELP_CHAPTERS: Readonly<Record<TabId, string>> = {
  connection: '01-getting-started',
  sheet: '02-preparing-sheets',
  validate: '03-checking',
  send: '04-sending',
  tools: '02-preparing-sheets',
};

export function helpChapter(lang: UiLanguage, tab: TabId): string {
  return `guide/${lang}/${HELP_CHAPTERS[tab]}.html`;
}
