/**
 * The end of `send`'s summary: rows Kiva accepted with warnings (each with Kiva's words, known codes translated),
 * then what is left to do in PA2 (finalise the repayment report, publish the drafts, open the journal links).
 */
import { nextSteps, warnedRows, type SendReport } from '../../app';
import { kivaWarnings } from '../../kiva';
import { formatKivaWarning, sheetPrefix } from '../../sheet';
import { sayCount } from '../texts';
import type { Context } from './context';

export function reportWarnedAndNext(report: SendReport, ctx: Context): void {
  const { output, t } = ctx;
  const lang = ctx.config.language;
  const warned = warnedRows(report.outcomes);
  if (warned.length > 0) {
    output.err(sayCount(lang, t.warned, warned.length));
    for (const outcome of warned) {
      const words = kivaWarnings(outcome.reference).map((w) => formatKivaWarning(w, lang));
      output.err(`  ${sheetPrefix(outcome.row.sheet)}${outcome.row.row}  ${words.join('; ')}`);
    }
  }
  for (const step of nextSteps(report.outcomes)) {
    switch (step.kind) {
      case 'finalise-repayments':
        output.err(sayCount(lang, t.next.repayments, step.uploadIds.length, { ids: step.uploadIds.join(', ') }));
        break;
      case 'publish-drafts':
        output.err(sayCount(lang, t.next.drafts, step.drafts));
        break;
      case 'confirm-journals':
        output.err(sayCount(lang, t.next.journals, step.links.length));
        break;
    }
  }
}
