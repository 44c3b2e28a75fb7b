/**
 * The end of a send's summary: what is left to do in PA2 for what Kiva accepted (finalise the repayment report with
 * its upload ids, review and publish the loan drafts). Journal links have their own list in the summary; this only
 * says why they matter.
 */
import { nextSteps } from '../../app/next-steps';
import type { RowOutcome } from '../controller';
import { useWords } from '../pane-state';
import { useUiStyles } from '../ui';

export function NextSteps(props: { outcomes: readonly RowOutcome[] }): JSX.Element | null {
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const steps = nextSteps(props.outcomes);
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="send-next-steps">
      <h3 className={ui.subheading} id="send-next-steps">
        {t.send.nextHeading}
      </h3>
      <ul className={ui.list}>
        {steps.map((step) => {
          switch (step.kind) {
            case 'finalise-repayments':
              return (
                <li key={step.kind}>
                  {words.plural(t.send.nextRepayments, step.uploadIds.length, { ids: words.list(step.uploadIds) })}
                </li>
              );
            case 'publish-drafts':
              return <li key={step.kind}>{words.plural(t.send.nextDrafts, step.drafts)}</li>;
            case 'confirm-journals':
              return <li key={step.kind}>{t.send.nextJournals}</li>;
          }
        })}
      </ul>
    </section>
  );
}
