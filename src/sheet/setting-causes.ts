/**
 * recognition: issue params that say which setting caused a message; src/sheet/messages adds "because the setting
 * X is Y" to the sentence (formatMessage), in every face.
 */
import type { IssueParam } from './issues';

export const TWO_COLUMNS: Record<string, IssueParam> = { setting: 'threeColumn', settingValue: 'false' };
export const THREE_COLUMNS: Record<string, IssueParam> = { setting: 'threeColumn', settingValue: 'true' };
export const ZERO_REFUSED: Record<string, IssueParam> = { setting: 'zeroRepayment', settingValue: 'error' };
