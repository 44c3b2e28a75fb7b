/**
 * What the send summary says of a row Kiva accepted with warnings: Kiva's known warning codes in the pane's
 * language, other warnings in Kiva's own words, quoted (the summary lists these rows apart, with go-to buttons).
 */
import { kivaWarnings } from '../../kiva/outcomes';
import { formatKivaWarning, type MessageLanguage } from '../../sheet';
import type { RowOutcome } from '../controller';

export { warnedRows } from '../../app/next-steps';

export function describeWarnings(outcome: RowOutcome, lang: MessageLanguage): string {
  if (outcome.kind !== 'sent') return '';
  return kivaWarnings(outcome.reference)
    .map((warning) => formatKivaWarning(warning, lang))
    .join('; ');
}
