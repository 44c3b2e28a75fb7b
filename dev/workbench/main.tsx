/**
 * The workbench page's entry: build the chosen sample workbook, install the simulated Excel's `Office` and `Excel`
 * globals, and only then load the pane (a separate chunk), so the pane's code starts exactly as it would inside
 * Excel, with Office already there.
 *
 * Query parameters: `sample` (loans, repayments, journals, prestamos, mis), `lang` (Office's display language, e.g.
 * es-PE), `excel=1.10` (an Office 2021 without notes), `latency` (ms per simulated round trip), `pane` (the task
 * pane's width in px: Excel's default is about 350, the narrowest 320), `keep=1` (the workbook is kept in this
 * tab as a saved file is: reloading the page reopens it, with its statuses, settings and photos).
 */
import { createExcelHost, loadWorkbook, OFFICE_2021_REQUIREMENT_SETS } from '../excel-sim';
import { keepAcrossReload } from './kept-workbook';
import { isSampleName, localDate, SAMPLES, type SampleName } from './samples';

const params = new URLSearchParams(window.location.search);
const requested = params.get('sample');
const sample: SampleName = isSampleName(requested) ? requested : 'loans';
const displayLanguage = params.get('lang') ?? navigator.language ?? 'en-US';
const office2021 = params.get('excel') === '1.10';

const kept = params.get('keep') === '1' ? keepAcrossReload(window.sessionStorage, sample) : undefined;
const book = loadWorkbook(
  kept?.saved() ?? SAMPLES[sample].build(localDate(new Date())),
  office2021 ? { requirementSets: OFFICE_2021_REQUIREMENT_SETS } : {},
);
kept?.watch(book);
const host = createExcelHost(book, {
  displayLanguage,
  // A few milliseconds per sync, so the pane's spinners and the order of writes show as they would in Excel.
  latencyMs: Number(params.get('latency') ?? 10),
});
host.install();

const paneWidth = Number(params.get('pane') ?? NaN);

void import(/* webpackChunkName: "workbench-app" */ './Workbench').then(({ startWorkbench }) =>
  startWorkbench({ book, host, sample, displayLanguage, ...(paneWidth > 0 ? { paneWidth } : {}) }),
);
