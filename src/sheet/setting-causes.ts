/**
 * recognition: issue params that say which setting caused a message; src/sheet/messages adds "because the setting
 * X is Y" to the sentence (formatMessage), in every face.
 */
import type { Issue, IssueParam } from './issues';
import type { SheetSettings, WorkbookSettingName } from './settings';

export const TWO_COLUMNS: Record<string, IssueParam> = { setting: 'threeColumn', settingValue: 'false' };
export const THREE_COLUMNS: Record<string, IssueParam> = { setting: 'threeColumn', settingValue: 'true' };
export const ZERO_REFUSED: Record<string, IssueParam> = { setting: 'zeroRepayment', settingValue: 'error' };

/**
 * Names where a setting came from on every issue it caused, when the run took it from elsewhere than the workbook
 * (SheetSettings.settingSources): the message then names the environment variable or the file, not the pane.
 */
export function markSettingSources(issues: readonly Issue[], settings: SheetSettings): void {
  const sources = settings.settingSources;
  if (sources === undefined) return;
  for (const issue of issues) {
    const name = issue.params.setting;
    const source = typeof name === 'string' ? sources[name as WorkbookSettingName] : undefined;
    if (source === undefined) continue;
    issue.params = {
      ...issue.params,
      settingSource: source.from,
      ...(source.from === 'environment' ? { settingVariable: source.variable } : {}),
    };
  }
}
