/**
 * The workbench: a simulated workbook on the left, the real task pane on the right, and the add-in's three ribbon
 * buttons above. The pane is started exactly as in Excel (src/taskpane/boot.tsx: one live controller for the pane
 * and the ribbon, over src/excel, src/app and this server's /api); only Excel is simulated, and the Kiva behind the
 * server is the local emulator when `npm start` runs it.
 */
import { useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import type { ExcelHost, SimWorkbook } from '../excel-sim';
import { TaskPaneApp } from '../../src/taskpane/App';
import { bootPane, type BootedPane } from '../../src/taskpane/boot';
import { Grid } from './Grid';
import { SAMPLE_NAMES, SAMPLES, type SampleName } from './samples';
import { WORKBENCH_CSS } from './styles';

export interface WorkbenchStart {
  book: SimWorkbook;
  host: ExcelHost;
  sample: SampleName;
  displayLanguage: string;
  /** The pane's width in px (380 otherwise). */
  paneWidth?: number;
}

const RIBBON: readonly { id: 'validateSheet' | 'sendSelection' | 'sendAllPending'; label: string }[] = [
  { id: 'validateSheet', label: 'Check sheet' },
  { id: 'sendSelection', label: 'Send selected rows' },
  { id: 'sendAllPending', label: 'Send all pending' },
];

export function startWorkbench(start: WorkbenchStart): BootedPane {
  const style = document.createElement('style');
  style.textContent = WORKBENCH_CSS;
  document.head.appendChild(style);
  const pane = bootPane(
    null,
    {
      displayLanguage: start.displayLanguage,
      theme: 'light',
      // No showPane: here the pane is always in view.
      about: () => ({ office: 'simulated Excel (dev/excel-sim)' }),
    },
    // The simulation has no selection or sheet events (the grid says when the user moved), only the change event.
    { watchExcel: false, watchEdits: true },
  );
  const root = document.getElementById('workbench');
  if (root !== null) createRoot(root).render(<Workbench {...start} pane={pane} />);
  return pane;
}

function Workbench(props: WorkbenchStart & { pane: BootedPane }): JSX.Element {
  const { book, host, pane } = props;
  const version = useSyncExternalStore(
    (listener) => book.subscribe(listener),
    () => book.version,
  );
  const [running, setRunning] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const press = async (id: string) => {
    setRunning(id);
    setProblem(undefined);
    try {
      await host.invokeAction(id);
    } catch (cause) {
      setProblem(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setRunning(undefined);
    }
  };

  const chooseSample = (name: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set('sample', name);
    window.location.assign(url.toString());
  };

  return (
    <div className="wb-root">
      <header className="wb-header">
        <h1>Kiva Sheets workbench</h1>
        <label>
          Sample workbook{' '}
          <select
            aria-label="Sample workbook"
            value={props.sample}
            onChange={(e) => chooseSample(e.currentTarget.value)}
          >
            {SAMPLE_NAMES.map((name) => (
              <option key={name} value={name}>
                {SAMPLES[name].title}
              </option>
            ))}
          </select>
        </label>
        <div className="wb-ribbon" role="toolbar" aria-label="Kiva Sheets ribbon">
          {RIBBON.map((button) => (
            <button
              key={button.id}
              type="button"
              data-action={button.id}
              disabled={running !== undefined || !pane.ribbon}
              onClick={() => void press(button.id)}
            >
              {button.label}
            </button>
          ))}
        </div>
        <span className="wb-note" aria-live="polite">
          {running !== undefined ? 'Running…' : (problem ?? `Simulated Excel · ${book.name}`)}
        </span>
      </header>
      <main className="wb-main">
        <Grid book={book} version={version} onUserChange={() => pane.events.publish({ type: 'sheet-changed' })} />
        <aside
          className="wb-pane"
          aria-label="Kiva Sheets task pane"
          style={props.paneWidth !== undefined ? { width: `${props.paneWidth}px` } : undefined}
        >
          <TaskPaneApp controller={pane.controller} />
        </aside>
      </main>
    </div>
  );
}
