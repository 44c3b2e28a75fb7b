/** Small building blocks every panel uses, so the panels read as what they show. */
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Textarea, tokens } from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';
import type { PaneError } from './controller';
import { useWords } from './pane-state';

export const useUiStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  help: {
    margin: 0,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  facts: {
    display: 'grid',
    // The term column never takes more than 45 % of a narrow pane; both wrap instead of pushing past the edge.
    gridTemplateColumns: 'fit-content(45%) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dt': { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  code: {
    margin: 0,
    maxHeight: '320px',
    overflow: 'auto',
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    // Long values wrap instead of scrolling sideways in a 350 px pane; the JSON copied stays exactly as sent.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  /** The one button that reaches Kiva for real: red, so it never looks like the everyday blue Send. */
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorStatusDangerBackground3Hover,
      color: tokens.colorNeutralForegroundOnBrand,
    },
    ':hover:active': {
      backgroundColor: tokens.colorStatusDangerBackground3Pressed,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

export function ErrorBar(props: { error: PaneError; title?: string; action?: ReactNode }): JSX.Element {
  const words = useWords();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {props.title !== undefined && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {words.error(props.error)}
      </MessageBarBody>
      {props.action}
    </MessageBar>
  );
}

export function Note(props: { intent: 'info' | 'success' | 'warning' | 'error'; title?: string; children: ReactNode }) {
  return (
    <MessageBar intent={props.intent} layout="multiline">
      <MessageBarBody>
        {props.title !== undefined && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {props.children}
      </MessageBarBody>
    </MessageBar>
  );
}

/** A heading + help line, the same in every panel. */
/** When the clipboard is refused: say so and show the text selected, for Ctrl+C by hand. */
export function ManualCopy(props: { note: string; label: string; text: string }): JSX.Element {
  return (
    <>
      <Note intent="warning">{props.note}</Note>
      <Textarea
        aria-label={props.label}
        readOnly
        resize="vertical"
        value={props.text}
        onFocus={(e) => e.currentTarget.select()}
      />
    </>
  );
}

export function PanelHeading(props: { title: string; help?: string; id?: string }): JSX.Element {
  const styles = useUiStyles();
  return (
    <div>
      <h2 className={styles.heading} id={props.id}>
        {props.title}
      </h2>
      {props.help !== undefined && <p className={styles.help}>{props.help}</p>}
    </div>
  );
}

/**
 * Focus back on the opener when a dialog closes. Fluent gives it back only to a DialogTrigger; our dialogs open from
 * code (a Send that may not need asking, a radio choice), so the caller says `remember()` as it opens one. When the
 * dialog has closed and the focus was left on nothing (the page, or the dialog on its way out), it goes back to the
 * opener, or to `fallback()` when the opener is gone or disabled. Focus moved on purpose (Cancel while sending)
 * stays where it is.
 */
export function useFocusReturn(open: boolean, fallback?: () => HTMLElement | null | undefined): () => void {
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(open);
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;
  useEffect(() => {
    if (open) {
      wasOpen.current = true;
      return undefined;
    }
    if (!wasOpen.current) return undefined;
    wasOpen.current = false;
    const target = opener.current;
    opener.current = null;
    const giveBack = () => {
      const active = document.activeElement;
      const lost = active === null || active === document.body || !active.isConnected || isInDialog(active);
      if (!lost) return;
      const usable = (el: HTMLElement | null | undefined): el is HTMLElement =>
        el !== null && el !== undefined && el.isConnected && !el.matches(':disabled') && !isInDialog(el);
      const to = usable(target) ? target : fallbackRef.current?.();
      if (usable(to)) to.focus();
    };
    giveBack();
    // The dialog's surface leaves after its closing animation, and the browser drops the focus when it does.
    const later = window.setTimeout(giveBack, 300);
    return () => window.clearTimeout(later);
  }, [open]);
  return () => {
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
  };
}

function isInDialog(el: Element): boolean {
  return el.closest('[role="dialog"], [role="alertdialog"]') !== null;
}
