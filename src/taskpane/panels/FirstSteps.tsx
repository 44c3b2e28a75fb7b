/**
 * The short path the pane opens on: the sheet it found and what it holds, then "1 Check → 2 Send", each a button
 * to its tab. Shown on the Sheet tab (where the pane opens) once the sheet's kind is known; nothing to learn first.
 */
import { Button } from '@fluentui/react-components';
import { usePane, useWords } from '../pane-state';
import { useUiStyles } from '../ui';

export function FirstSteps(): JSX.Element | null {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const info = pane.sheet.status === 'ready' ? pane.sheet.value : undefined;
  if (pane.tab !== 'sheet' || info?.kind === undefined) return null;
  const steps = [
    { tab: 'validate' as const, n: 1 },
    { tab: 'send' as const, n: 2 },
  ];
  return (
    <nav aria-label={t.firstSteps.label} className={ui.section} style={{ padding: '8px 12px 0' }}>
      <p className={ui.help} style={{ margin: 0, overflowWrap: 'anywhere' }}>
        {words.fill(t.firstSteps.sheet, {
          sheet: info.sheet,
          kind: t.sheet.kinds[info.kind],
          rows: words.plural(t.sheet.rows, info.rows),
        })}
      </p>
      <div className={ui.row}>
        {steps.map((step, k) => (
          <span key={step.tab} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            {k > 0 && <span aria-hidden="true">→</span>}
            <Button size="small" appearance={k === 0 ? 'primary' : 'secondary'} onClick={() => pane.setTab(step.tab)}>
              {words.fill(t.firstSteps.step, { n: step.n, action: t.app.tabs[step.tab] })}
            </Button>
          </span>
        ))}
      </div>
    </nav>
  );
}
