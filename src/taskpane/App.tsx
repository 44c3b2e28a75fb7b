/**
 * The task pane: `<TaskPaneApp controller={…} />`. Everything it does goes through that controller, so the same
 * component runs in Excel (index.tsx), in the workbench over a simulated Excel, and in tests over a fake.
 */
import {
  Button,
  FluentProvider,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Spinner,
  Tab,
  TabList,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { lazy, Suspense, useState, type KeyboardEvent } from 'react';
import { LANGUAGE_NAMES, pickLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n';
import type { PaneController } from './controller';
import { helpChapter } from './help';
import { EnvironmentBadge, ConnectionPanel } from './panels/ConnectionPanel';
import { needsPairing, PairingPrompt } from './panels/PairingPrompt';
import { FirstSteps } from './panels/FirstSteps';
import { SendPanel } from './panels/SendPanel';
import { SheetPanel } from './panels/SheetPanel';
import { ValidatePanel } from './panels/ValidatePanel';
import { PaneProvider, usePane, useWords, type TabId } from './pane-state';

const ToolsPanel = lazy(() => import(/* webpackChunkName: "tools" */ './panels/ToolsPanel'));

const TABS: readonly TabId[] = ['connection', 'sheet', 'validate', 'send', 'tools'];

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  production: { borderTop: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  brand: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  // The language and the help link wrap together under the title when the pane is narrow.
  tools: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalM, marginInlineStart: 'auto' },
  language: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXS },
  // Five tabs fit a 320 px pane in every language with tighter padding ("Herramientas" is the longest); a longer
  // label would wrap onto a second line rather than scroll sideways or be cut.
  tabs: { flexWrap: 'wrap' },
  tab: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  tabContent: { paddingLeft: 0, paddingRight: 0 },
  banner: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
});

export interface TaskPaneAppProps {
  controller: PaneController;
  /** Which tab opens first (tests and the workbench); the Sheet tab otherwise. */
  initialTab?: TabId;
}

export function TaskPaneApp(props: TaskPaneAppProps): JSX.Element {
  const { controller } = props;
  return (
    <FluentProvider theme={controller.theme === 'dark' ? webDarkTheme : webLightTheme}>
      <PaneProvider
        controller={controller}
        initialLanguage={controller.chosenLanguage ?? pickLanguage(controller.displayLanguage)}
        {...(props.initialTab !== undefined ? { initialTab: props.initialTab } : {})}
      >
        <Shell />
      </PaneProvider>
    </FluentProvider>
  );
}

function Shell(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const styles = useStyles();
  const { t } = words;
  // Panels stay mounted once opened, so a send keeps its progress while the user looks at another tab.
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set([pane.tab]));
  if (!visited.has(pane.tab)) setVisited(new Set([...visited, pane.tab]));

  const env = pane.session.status === 'ready' ? pane.session.value.activeEnvironment : undefined;
  const production = env === 'production';

  return (
    <div className={`${styles.root} ${production ? styles.production : ''}`} lang={words.lang} data-environment={env}>
      <header className={styles.header}>
        <div className={styles.brand}>
          <h1 className={styles.title}>{t.app.title}</h1>
          {env !== undefined && <EnvironmentBadge name={env} compact />}
        </div>
        <div className={styles.tools}>
          <div className={styles.language}>
            <label htmlFor="pane-language">{t.app.language}</label>
            <Select
              id="pane-language"
              size="small"
              value={words.lang}
              onChange={(_, data) => {
                pane.setLanguage(data.value as UiLanguage);
                pane.controller.chooseLanguage?.(data.value as UiLanguage);
              }}
            >
              {UI_LANGUAGES.map((lang) => (
                <option key={lang} value={lang} lang={lang}>
                  {LANGUAGE_NAMES[lang]}
                </option>
              ))}
            </Select>
          </div>
          {/* The guide's chapter for this tab, rendered into the pane's own folder by the build. */}
          <Link href={helpChapter(words.lang, pane.tab)} target="_blank" rel="noopener" aria-label={t.app.helpLabel}>
            {t.app.help}
          </Link>
        </div>
      </header>
      <Banners />
      <TabList
        className={styles.tabs}
        aria-label={t.app.tabsLabel}
        selectedValue={pane.tab}
        onTabSelect={(_, data) => pane.setTab(data.value as TabId)}
        size="small"
        // Fluent's arrow keys come from tabster, whose focus sentinels are focusable elements under aria-hidden
        // (axe's aria-hidden-focus, serious, in every tab). Without its attribute there are none; the roving
        // tabindex and the arrow keys are ours (onTabKeyDown).
        data-tabster={undefined}
        onKeyDown={(event) => onTabKeyDown(event, pane.tab, pane.setTab)}
      >
        {TABS.map((tab) => (
          <Tab
            key={tab}
            value={tab}
            id={`tab-${tab}`}
            aria-controls={`panel-${tab}`}
            tabIndex={tab === pane.tab ? 0 : -1}
            className={styles.tab}
            content={{ className: styles.tabContent }}
          >
            {t.app.tabs[tab]}
          </Tab>
        ))}
      </TabList>
      <FirstSteps />
      <main>
        {TABS.filter((tab) => visited.has(tab)).map((tab) => (
          <div key={tab} id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} hidden={pane.tab !== tab}>
            <PanelFor tab={tab} />
          </div>
        ))}
      </main>
    </div>
  );
}

/**
 * The tab list's keyboard, as WAI-ARIA's tabs pattern has it: one Tab stop (the open tab), Left/Right (and Up/Down)
 * open the previous/next tab round the ends, Home/End the first/last; the tab opened takes the focus. Panels open at
 * once (they stay mounted once visited), so a tab opens as the arrow reaches it.
 */
function onTabKeyDown(event: KeyboardEvent<HTMLElement>, current: TabId, open: (tab: TabId) => void): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const at = TABS.indexOf(current);
  const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
  const step: Record<string, number> = { ArrowRight: rtl ? -1 : 1, ArrowDown: 1, ArrowLeft: rtl ? 1 : -1, ArrowUp: -1 };
  let next: number;
  if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = TABS.length - 1;
  else if (event.key in step) next = (at + (step[event.key] ?? 0) + TABS.length) % TABS.length;
  else return;
  event.preventDefault();
  const tab = TABS[next] as TabId;
  open(tab);
  event.currentTarget.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
}

function PanelFor(props: { tab: TabId }): JSX.Element {
  const { t } = useWords();
  switch (props.tab) {
    case 'connection':
      return <ConnectionPanel />;
    case 'sheet':
      return <SheetPanel />;
    case 'validate':
      return <ValidatePanel />;
    case 'send':
      return <SendPanel />;
    case 'tools':
      return (
        <Suspense fallback={<Spinner size="small" label={t.tools.loading} />}>
          <ToolsPanel />
        </Suspense>
      );
  }
}

/** What the user must know whatever tab is open: no server, a sign-in to do, a ribbon command's news. */
function Banners(): JSX.Element | null {
  const pane = usePane();
  const words = useWords();
  const styles = useStyles();
  const { t } = words;
  const bars: JSX.Element[] = [];

  if (pane.session.status === 'failed' && needsPairing(pane.session.error) && pane.tab !== 'connection') {
    bars.push(<PairingPrompt key="pairing" />);
  } else if (pane.session.status === 'failed' && pane.tab !== 'connection') {
    bars.push(
      <MessageBar key="session" intent="error" layout="multiline">
        <MessageBarBody>{words.error(pane.session.error)}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={pane.reloadSession}>
            {t.app.retry}
          </Button>
        </MessageBarActions>
      </MessageBar>,
    );
  }
  const entra = pane.session.status === 'ready' && pane.session.value.mode === 'entra';
  if (entra && (pane.signIn.status === 'signed-out' || pane.signIn.status === 'expired') && pane.tab !== 'connection') {
    const expired = pane.signIn.status === 'expired';
    bars.push(
      <MessageBar key="signin" intent="warning" layout="multiline">
        <MessageBarBody>{expired ? t.signIn.expired : t.signIn.signedOut}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={() => pane.startSignIn(true)}>
            {expired ? t.signIn.signInAgain : t.signIn.signIn}
          </Button>
        </MessageBarActions>
      </MessageBar>,
    );
  }
  if (pane.notice !== undefined) {
    bars.push(
      <MessageBar key="notice" intent={pane.notice.intent} layout="multiline">
        <MessageBarBody>{pane.notice.text(words)}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" appearance="transparent" onClick={() => pane.setNotice(undefined)}>
            {t.app.close}
          </Button>
        </MessageBarActions>
      </MessageBar>,
    );
  }
  if (bars.length === 0) return null;
  return (
    <div className={styles.banner} aria-live="polite">
      {bars}
    </div>
  );
}
