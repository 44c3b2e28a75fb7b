/**
 * The part every sheet use case shares: one read, the config lists when names must become ids, the photo files
 * the loans name, then src/sheet's conversion.
 */
import type { ConfigLists } from '../kiva';
import {
  convertWorkbook,
  describeKind,
  formatStamp,
  isAlreadySent,
  isBlankCell,
  isKivaLoansSheet,
  layerSettings,
  loanIdOfCell,
  LOG_SHEET,
  mapHeaders,
  parseStatus,
  type CellGrid,
  type Conversion,
  type FieldName,
  type HeaderMap,
  type MappingOverride,
  type AttachedPhotos,
  type Portfolio,
  type PhotoResolver,
  type SheetKind,
  type SheetSettings,
} from '../sheet';
import { appError, fail, ok, type AppResult } from './errors';
import { LISTS_SHEET, readListsSheet } from './lists-sheet';
import { appCatalogue, formatAppError, type Notice } from './messages';
import { portfolioForRun, type PortfolioForRun, type PortfolioPort } from './portfolio';
import { summariseSheets, type SheetSummary } from './sheet-summary';
import type { AppProgress, Clock, KivaPort, SheetScope, WorkbookPort, WorkbookSnapshot } from './ports';

export interface Ports {
  workbook: WorkbookPort;
  kiva: KivaPort;
}

/** What every sheet use case is told. */
export interface RunInput {
  scope: SheetScope;
  /** Forces the kind of the target sheets for this run (not saved); ignored with the `workbook` scope. */
  kind?: SheetKind;
  /** Language, decimal separator, three-column reports…; batching comes from the Kiva port. */
  settings?: Partial<SheetSettings>;
  clock: Clock;
  /**
   * Stop before anything is sent or written when a target sheet's kind must be chosen (the command line: it asks
   * for `--kind`). Without it the sheet takes part blocked, each row saying why (the pane asks on its Sheet tab).
   */
  stopOnUndecidedKind?: boolean;
  /**
   * recognition: the partner's loans at Kiva. Given, repayment and journal rows are checked against them before
   * sending (src/sheet/portfolio.ts); when they cannot be read, against the workbook's Kiva loans sheet, each
   * message saying so; with neither, one notice says so and no row is blamed.
   */
  portfolio?: PortfolioPort;
  signal?: AbortSignal;
  onProgress?: (progress: AppProgress) => void;
}

export interface Prepared {
  snapshot: WorkbookSnapshot;
  conversion: Conversion;
  notices: Notice[];
  /** Where the config lists came from, when the sheets needed them. */
  listsSource: 'workbook' | 'kiva' | 'not-needed';
  /** Each sheet of the run: its kind and why, what it sends, and why it sends nothing when it does not. */
  sheets: SheetSummary[];
}

const LOOKUP_FIELDS: readonly FieldName[] = ['activity', 'theme', 'location', 'language', 'currency'];

export async function prepare(ports: Ports, input: RunInput, resend: boolean): Promise<AppResult<Prepared>> {
  // The loans read runs beside the rest of the preparation: it stops with the run (Ctrl-C), and when the
  // preparation ends without it (a refusal, the lists out of reach) it is not left reading for nothing.
  const loansRead = new AbortController();
  const stop = (): void => loansRead.abort(input.signal?.reason);
  if (input.signal?.aborted === true) stop();
  input.signal?.addEventListener('abort', stop, { once: true });
  try {
    return await prepareRun(ports, input, resend, loansRead.signal);
  } finally {
    input.signal?.removeEventListener('abort', stop);
    loansRead.abort();
  }
}

async function prepareRun(
  ports: Ports,
  input: RunInput,
  resend: boolean,
  loansSignal: AbortSignal,
): Promise<AppResult<Prepared>> {
  report(input, { phase: 'reading' });
  const read = await ports.workbook.read({ scope: input.scope, isReference: isReferenceSheet, withLists: true });
  if (!read.ok) return read;
  const snapshot = read.value;
  report(input, { phase: 'checking' });

  // This tool's own sheets are never data (src/sheet also refuses to read the Kiva loans sheet as any kind).
  const sheets = snapshot.sheets.filter(
    (grid) => grid.sheet !== LOG_SHEET && grid.sheet !== LISTS_SHEET && !isKivaLoansSheet(grid.sheet),
  );
  const mappings = withKind(snapshot, input.kind);
  const loanSheets = targetsOf(sheets, snapshot.targets, mappings).filter(({ map }) => map.kind === 'loans');
  const environment = ports.kiva.environment;
  const language = input.settings?.language ?? 'en';

  // recognition: the partner's loans, read once when a target sheet holds repayments or journal updates. Started
  // as soon as that is known: Kiva's pages arrive while the lists and photos below are read.
  const checksLoans = targetsOf(sheets, snapshot.targets, mappings).some(
    ({ grid, map }) => (map.kind === 'repayments' || map.kind === 'journals') && grid.values.length > 1,
  );
  // The whole-workbook read (the command line's) leaves hidden sheets out: a hidden Kiva loans sheet is asked for.
  const readSheet =
    input.scope.kind === 'workbook' ? (sheet: string) => readOneSheet(ports.workbook, sheet) : undefined;
  const reading =
    checksLoans && input.portfolio !== undefined
      ? portfolioForRun(input.portfolio, snapshot, { clock: input.clock, language, signal: loansSignal, readSheet })
      : undefined;
  // Awaited below; a run that stops before then (the lists refused) must not leave its failure unhandled.
  void reading?.catch(() => undefined);

  let config: ConfigLists | undefined;
  let listsSource: Prepared['listsSource'] = 'not-needed';
  if (loanSheets.some(({ grid, map }) => usesLookups(grid, map))) {
    const fromSheet = snapshot.lists === undefined ? undefined : readListsSheet(snapshot.lists);
    if (fromSheet !== undefined) {
      config = fromSheet;
      listsSource = 'workbook';
    } else {
      const fetched = await ports.kiva.getConfigLists(input.signal);
      if (!fetched.ok) {
        const { error } = fetched;
        if (error.code === 'kiva-not-configured') return fail(error);
        return fail(appError('lists-unavailable', { detail: formatAppError(error, language) }, error.cause));
      }
      config = fetched.value;
      listsSource = 'kiva';
    }
  }

  const attachedPhotos = await loadAttachedPhotos(
    ports.workbook,
    loanSheets,
    resend ? undefined : environment,
    language,
  );
  let resolvePhoto: PhotoResolver | undefined;
  const names = photoNames(loanSheets, resend ? undefined : environment);
  if (names.length > 0) {
    const files = await ports.workbook.loadPhotos(names);
    const details = appCatalogue(language).photos;
    resolvePhoto = (name) => {
      const file = files.get(name.trim());
      if (file === undefined) return { error: details['not-found'] };
      return 'dataUri' in file ? { dataUri: file.dataUri } : { error: details[file.problem] };
    };
  }

  const now = input.clock.now();
  // recognition: the workbook's own settings (Settings section) under what this run was told explicitly.
  const settings: Partial<SheetSettings> = {
    ...layerSettings<SheetSettings>(
      { today: formatStamp(now, input.clock.utcOffsetMinutes(now)).slice(0, 10) },
      snapshot.settings,
      input.settings,
    ),
    ...ports.kiva.batching,
    alreadySent: { environment, resend },
  };
  if (snapshot.dateSystem !== undefined) settings.dateSystem = snapshot.dateSystem;
  // The partner's own setting wins; the file's format decides only when there is none.
  if (snapshot.decimalSeparator !== undefined && settings.decimalSeparator === undefined) {
    settings.decimalSeparator = snapshot.decimalSeparator;
    settings.settingSources = { ...settings.settingSources, decimalSeparator: { from: 'file' } };
  }
  const checked = reading === undefined ? ok<PortfolioForRun>({ notices: [] }) : await reading;
  if (!checked.ok) return checked;
  let { notices: portfolioNotices } = checked.value;
  const convert = (portfolio: Portfolio | undefined): Conversion =>
    convertWorkbook({
      sheets,
      ...(snapshot.targets !== undefined ? { targets: snapshot.targets } : {}),
      mappings,
      ...(config !== undefined ? { config } : {}),
      settings,
      ...(resolvePhoto !== undefined ? { resolvePhoto } : {}),
      ...(attachedPhotos !== undefined ? { attachedPhotos } : {}),
      ...(portfolio !== undefined ? { portfolio } : {}),
    });
  let conversion = convert(checked.value.portfolio);
  // recognition: some row's loan is not among those that take repayments: the other statuses tell an ended or
  // refunded loan from one Kiva does not list, and the rows are checked again against the whole list.
  const { whole } = checked.value;
  if (whole !== undefined && (checked.value.portfolio?.missed?.size ?? 0) > 0) {
    const completed = await whole();
    if (!completed.ok) return completed;
    portfolioNotices = completed.value.notices;
    conversion = convert(completed.value.portfolio);
  }
  const summaries = summariseSheets(conversion);
  const undecided = summaries.find((s) => s.idle === 'kind-ask');
  if (undecided !== undefined && input.stopOnUndecidedKind === true) {
    const among = undecided.kindReason.basis === 'ask' ? undecided.kindReason.among : [];
    return fail(
      appError('kind-undecided', {
        sheet: undecided.sheet,
        detail: describeKind(undecided, language),
        kinds: among.join(' '),
      }),
    );
  }
  const notices: Notice[] = [
    ...(snapshot.notices ?? []),
    ...(conversion.sheets.some((s) => s.role === 'target')
      ? idleNotices(summaries, language)
      : [...kivaLoansTargets(snapshot), { code: 'no-sheet-recognised' as const, params: {} }]),
  ];
  notices.unshift(...portfolioNotices);
  return ok({ snapshot, conversion, listsSource, notices, sheets: summaries });
}

/** One sheet by name, nothing else; undefined when the workbook has none of that name. */
async function readOneSheet(workbook: WorkbookPort, sheet: string): Promise<CellGrid | undefined> {
  const read = await workbook.read({ scope: { kind: 'sheet', sheet }, isReference: () => false, withLists: false });
  if (!read.ok) return undefined;
  return read.value.sheets.find((grid) => grid.sheet.toLowerCase() === sheet.toLowerCase());
}

/** The Schedule sheets loans need are reference data: read whole even when only a loans sheet is the target. */
export function isScheduleSheet(header: CellGrid, mapping: MappingOverride | undefined): boolean {
  if (header.sheet === LOG_SHEET || header.sheet === LISTS_SHEET) return false;
  return mapHeaders(header, mapping).kind === 'schedule';
}

/**
 * Every sheet a run reads whole besides its targets: the Schedule sheets, and the Kiva loans sheet the portfolio
 * check falls back on when Kiva cannot be reached (read with the targets: the pane's views answer one read per run).
 */
export function isReferenceSheet(header: CellGrid, mapping: MappingOverride | undefined): boolean {
  return isKivaLoansSheet(header.sheet) || isScheduleSheet(header, mapping);
}

export function report(input: Pick<RunInput, 'onProgress'>, progress: AppProgress): void {
  try {
    input.onProgress?.(progress);
  } catch {
    // Progress is advisory: a broken display must not change what happens to the rows.
  }
}

function withKind(snapshot: WorkbookSnapshot, kind: SheetKind | undefined): Record<string, MappingOverride> {
  const mappings = { ...snapshot.mappings };
  if (kind === undefined) return mappings;
  for (const sheet of snapshot.targets ?? []) mappings[sheet] = { ...(mappings[sheet] ?? { version: 1 }), kind };
  return mappings;
}

interface Target {
  grid: CellGrid;
  map: HeaderMap;
}

function targetsOf(
  sheets: readonly CellGrid[],
  targets: readonly string[] | undefined,
  mappings: Record<string, MappingOverride>,
): Target[] {
  const wanted = targets === undefined ? undefined : new Set(targets);
  return sheets
    .filter((grid) => wanted === undefined || wanted.has(grid.sheet))
    .map((grid) => ({ grid, map: mapHeaders(grid, mappings[grid.sheet]) }));
}

/** Names must become ids only when some lookup column holds something. */
function usesLookups(grid: CellGrid, map: HeaderMap): boolean {
  const columns = LOOKUP_FIELDS.map((f) => map.fieldIndex[f]).filter((c): c is number => c !== undefined);
  for (let r = 1; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    if (columns.some((c) => !isBlankCell(row[c]))) return true;
  }
  return false;
}

/**
 * File names in photo cells (data URIs need no file). Rows already sent to this environment are left out when
 * they will be skipped: their photos would be read for nothing.
 */
function photoNames(targets: readonly Target[], skipSentTo: string | undefined): string[] {
  const names = new Set<string>();
  for (const { grid, map } of targets) {
    const photo = map.fieldIndex.photo;
    if (photo === undefined) continue;
    const status = map.statusColumn.index;
    for (let r = 1; r < grid.values.length; r++) {
      const row = grid.values[r] ?? [];
      const cell = row[photo];
      if (typeof cell !== 'string') continue;
      const name = cell.trim();
      if (name === '' || name.startsWith('data:')) continue;
      if (skipSentTo !== undefined && status !== undefined && isAlreadySent(parseStatus(row[status]), skipSentTo)) {
        continue;
      }
      names.add(name);
    }
  }
  return [...names];
}

/**
 * Photos the pane attached to loans whose photo cell is empty or missing, by loan id; read only when some row
 * can use one, and (like photoNames) not for rows that will be skipped as already sent.
 */
async function loadAttachedPhotos(
  workbook: WorkbookPort,
  targets: readonly Target[],
  skipSentTo: string | undefined,
  language: string,
): Promise<AttachedPhotos | undefined> {
  if (workbook.loadLoanPhotos === undefined) return undefined;
  const ids = new Set<string>();
  for (const { grid, map } of targets) {
    const loanColumn = map.fieldIndex.loan_id;
    if (loanColumn === undefined) continue;
    const photo = map.fieldIndex.photo;
    const status = map.statusColumn.index;
    for (let r = 1; r < grid.values.length; r++) {
      const row = grid.values[r] ?? [];
      if (photo !== undefined && !isBlankCell(row[photo])) continue;
      if (skipSentTo !== undefined && status !== undefined && isAlreadySent(parseStatus(row[status]), skipSentTo)) {
        continue;
      }
      const id = loanIdOfCell(row[loanColumn], grid.formats?.[r]?.[loanColumn]);
      if (id !== undefined) ids.add(id);
    }
  }
  if (ids.size === 0) return undefined;
  const found = await workbook.loadLoanPhotos([...ids]);
  if (found.size === 0) return undefined;
  const details = appCatalogue(language).photos;
  return (loanId) => {
    const file = found.get(loanId);
    if (file === undefined) return undefined;
    return 'dataUri' in file ? { dataUri: file.dataUri } : { error: details[file.problem], name: file.name };
  };
}

/** recognition: a run asked for the Kiva loans sheet itself: why it does nothing, before "no sheet recognised". */
function kivaLoansTargets(snapshot: WorkbookSnapshot): Notice[] {
  return (snapshot.targets ?? [])
    .filter(isKivaLoansSheet)
    .map((sheet) => ({ code: 'kiva-loans-not-data' as const, params: { sheet } }));
}

/** One notice per sheet that sends nothing, so a recognised sheet never drops out of a run unsaid. */
function idleNotices(summaries: readonly SheetSummary[], language: string): Notice[] {
  const texts = appCatalogue(language);
  const notices: Notice[] = [];
  for (const summary of summaries) {
    if (summary.noRepayment > 0) {
      notices.push({ code: 'no-repayment-rows', params: { sheet: summary.sheet, count: summary.noRepayment } });
    }
    // Already-sent rows are said by the send's own notices (already-sent-skipped, uncertain-skipped).
    if (summary.idle === undefined || summary.idle === 'no-repayment' || summary.idle === 'all-skipped') continue;
    notices.push({
      code: 'sheet-sends-nothing',
      params: { sheet: summary.sheet, detail: describeKind(summary, language), why: texts.idle[summary.idle] },
    });
  }
  return notices;
}
