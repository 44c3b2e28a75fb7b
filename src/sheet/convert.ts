/**
 * The one entry point the task pane, the ribbon and the command line share: the sheets as read → request
 * bodies in send order, every problem at its cell, and what to write back.
 */
import type { ConfigLists } from '../kiva/models';
import { columnNumber } from './addresses';
import type { CellGrid } from './cells';
import type { ConvertContext } from './convert-context';
import type { SheetKind } from './fields';
import { mapHeaders, requireClientIdColumn, type HeaderMap } from './headers';
import type { Issue } from './issues';
import { convertJournals } from './journals';
import { convertLoans } from './loans';
import type { MappingOverride } from './mapping-override';
import type { AttachedPhotos, PhotoResolver } from './photos';
import type { Portfolio } from './portfolio';
import { convertRepayments } from './repayments';
import type { PreparedRequest } from './requests';
import { planRows, type RowPlan, type RowState } from './rows';
import { ScheduleBook } from './schedule';
import { markSettingSources } from './setting-causes';
import { resolveSettings, type SheetSettings } from './settings';
import { SheetReader } from './sheet-reader';
import { planValidationWriteBack, type WriteBackPlan } from './write-back';

export interface ConvertInput {
  /** Every sheet read for this run: the ones to send and the Schedule sheet(s) their loans need. */
  sheets: readonly CellGrid[];
  /**
   * Names of the sheets to convert. Default: every sheet recognised as loans, repayments or journals (other
   * sheets are left alone). Schedule sheets are always read when loans are converted.
   */
  targets?: readonly string[];
  /** Saved mapping overrides, by sheet name. */
  mappings?: Readonly<Record<string, MappingOverride>>;
  /** Kiva's config lists, to turn names into ids; without them names are reported as unchecked. */
  config?: ConfigLists;
  settings?: Partial<SheetSettings>;
  /** Turns a photo cell's file name into a data URI (the caller reads the file). */
  resolvePhoto?: PhotoResolver;
  attachedPhotos?: AttachedPhotos;
  /**
   * recognition: the partner's loans as Kiva lists them. With it, every repayment and journal update is checked
   * against it before sending (unknown loan, loan not paying back, client id not the loan's); without it, no check.
   */
  portfolio?: Portfolio;
}

export interface SheetConversion {
  sheet: string;
  kind?: SheetKind;
  /** `target`: its rows become requests; `schedule`: read for the loans that need it. */
  role: 'target' | 'schedule';
  headers: HeaderMap;
  /** One state per data row, in sheet order. */
  rows: RowState[];
  requests: PreparedRequest[];
  issues: Issue[];
}

export interface Conversion {
  settings: SheetSettings;
  sheets: SheetConversion[];
  /** Everything that would be sent, in send order: sheet order, then row order. */
  requests: PreparedRequest[];
  issues: Issue[];
  errorCount: number;
  warningCount: number;
  writeBack: WriteBackPlan;
  /** Schedule sheets that send nothing in this run, because no loans sheet is converted with them. */
  unusedSchedules: HeaderMap[];
}

interface Prepared {
  grid: CellGrid;
  map: HeaderMap;
  reader: SheetReader;
  rows: RowPlan;
  role: 'target' | 'schedule';
}

export function convertWorkbook(input: ConvertInput): Conversion {
  const settings = resolveSettings(input.settings);
  const explicit = input.targets === undefined ? undefined : new Set(input.targets);
  const prepared: Prepared[] = [];
  for (const grid of input.sheets) {
    const map = mapHeaders(grid, input.mappings?.[grid.sheet]);
    // The Kiva loans sheet is the portfolio check's list, never data to send, even when named as the target.
    if (map.kindReason.basis === 'kiva-loans') continue;
    requireClientIdColumn(map, settings.threeColumn);
    // A sheet whose kind must be chosen takes part, blocked: its rows say why instead of vanishing from the run.
    const wanted =
      explicit?.has(grid.sheet) ?? ((map.kind !== undefined && map.kind !== 'schedule') || map.kindSource === 'ask');
    const role = map.kind === 'schedule' && !explicit?.has(grid.sheet) ? 'schedule' : wanted ? 'target' : undefined;
    if (role === undefined) continue;
    // Schedule sheets are reference data: every row counts, whatever is hidden or selected there.
    const rowsGrid = role === 'schedule' ? { ...grid, hidden: undefined, selectedRows: undefined } : grid;
    prepared.push({
      grid,
      map,
      reader: new SheetReader(grid, map, settings),
      rows: planRows(rowsGrid, map, settings),
      role,
    });
  }

  const convertsLoans = prepared.some((p) => p.role === 'target' && p.map.kind === 'loans');
  const schedules = prepared.filter((p) => p.map.kind === 'schedule' && (convertsLoans || p.role === 'target'));
  const used = prepared.filter((p) => p.role === 'target' || schedules.includes(p));
  const unusedSchedules = prepared.filter((p) => !used.includes(p)).map((p) => p.map);
  const book = new ScheduleBook();
  for (const s of schedules) {
    const sheetError = s.map.issues.find((i) => i.severity === 'error');
    if (sheetError !== undefined) book.blockSheet(s.reader, sheetError);
    book.add(s.reader, s.rows);
  }
  book.seal();

  const knownLoans = new Set<string>();
  const results = new Map<Prepared, PreparedRequest[]>();
  for (const p of used) {
    if (p.role !== 'target' || p.map.kind === undefined || p.map.kind === 'schedule') continue;
    const ctx: ConvertContext = { reader: p.reader, rows: p.rows, settings, schedule: book, knownLoans };
    if (input.config !== undefined) ctx.config = input.config;
    if (input.resolvePhoto !== undefined) ctx.resolvePhoto = input.resolvePhoto;
    if (input.attachedPhotos !== undefined) ctx.attachedPhotos = input.attachedPhotos;
    if (input.portfolio !== undefined) ctx.portfolio = input.portfolio;
    results.set(p, CONVERTERS[p.map.kind](ctx));
  }
  if (convertsLoans) book.reportOrphans(knownLoans);

  const sheets = used.map((p) => finishSheet(p, results.get(p) ?? []));
  for (const sheet of sheets) markSettingSources(sheet.issues, settings);
  const requests = sheets.flatMap((s) => s.requests);
  const issues = sheets.flatMap((s) => s.issues);
  let errorCount = 0;
  for (const issue of issues) if (issue.severity === 'error') errorCount++;
  const marked = new Map(used.map((p) => [p.grid.sheet, p.grid.marked ?? []]));
  return {
    settings,
    sheets,
    requests,
    issues,
    errorCount,
    warningCount: issues.length - errorCount,
    writeBack: planValidationWriteBack(sheets, marked, settings.language),
    unusedSchedules,
  };
}

/** One sheet on its own, with its Schedule sheet when it is a loans sheet. */
export function convertSheet(
  grid: CellGrid,
  options: Omit<ConvertInput, 'sheets' | 'targets' | 'mappings'> & {
    schedule?: CellGrid;
    mapping?: MappingOverride;
  } = {},
): Conversion {
  const { schedule, mapping, ...rest } = options;
  const input: ConvertInput = {
    ...rest,
    sheets: schedule === undefined ? [grid] : [grid, schedule],
    targets: [grid.sheet],
  };
  if (mapping !== undefined) input.mappings = { [grid.sheet]: mapping };
  return convertWorkbook(input);
}

const CONVERTERS: Record<Exclude<SheetKind, 'schedule'>, (ctx: ConvertContext) => PreparedRequest[]> = {
  loans: convertLoans,
  repayments: convertRepayments,
  journals: convertJournals,
};

function finishSheet(p: Prepared, converted: PreparedRequest[]): SheetConversion {
  const issues = [...p.map.issues, ...p.reader.issues];
  const sheetError = p.map.issues.find((i) => i.severity === 'error');
  let requests = converted;
  if (sheetError !== undefined) {
    // A sheet with a missing or unreadable header sends nothing, and every row says why.
    requests = [];
    for (const state of p.rows.states)
      if (state.skipped === undefined && state.problem === undefined) state.problem = sheetError;
  } else if (p.role === 'target') {
    for (const i of p.rows.included) {
      const state = p.rows.stateOf(i);
      const problem = p.reader.firstError[i];
      if (state !== undefined && state.skipped === undefined && state.problem === undefined && problem !== undefined) {
        state.problem = problem;
      }
    }
  }
  issues.sort((a, b) => a.row - b.row || columnNumber(a.column) - columnNumber(b.column));
  const conversion: SheetConversion = {
    sheet: p.grid.sheet,
    role: p.role,
    headers: p.map,
    rows: p.rows.states,
    requests,
    issues,
  };
  if (p.map.kind !== undefined) conversion.kind = p.map.kind;
  return conversion;
}
