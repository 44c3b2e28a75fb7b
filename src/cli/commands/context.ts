/** What every command gets, and the few things they all print the same way. */
import type { AppError, AppErrorParams, Notice, RunInput, SheetScope, SheetSummary } from '../../app';
import { formatAppError, formatNotice, kivaPortfolio } from '../../app';
import { describeKind, formatGroupMessage, groupCells, groupIssues, type Issue, type SheetSettings } from '../../sheet';
import type { Args } from '../args';
import type { CliConfig } from '../config';
import { unwritable } from '../files/save';
import type { WorkbookFile } from '../files/workbook-file';
import { systemClock, type CliKiva } from '../kiva';
import type { Output } from '../output';
import { say, texts } from '../texts';

export const EXIT = { ok: 0, rows: 1, usage: 2 } as const;

export interface Context {
  args: Args;
  config: CliConfig;
  kiva: CliKiva;
  output: Output;
  t: ReturnType<typeof texts>;
  signal: AbortSignal;
  /** The delivery ledger's file (`KIVA_SHEETS_DB`, else the data folder's kiva-sheets.sqlite). */
  ledgerPath: string;
}

/** `--sheet` names the target; `--kind` alone means the first sheet (a CSV's only one); else every sheet. */
export function scopeOf(args: Args, workbook: WorkbookFile): SheetScope {
  if (args.sheet !== undefined) return { kind: 'sheet', sheet: args.sheet };
  const first = workbook.sheetNames()[0];
  if (args.kind !== undefined && first !== undefined) return { kind: 'sheet', sheet: first };
  return { kind: 'workbook' };
}

export function runInput(ctx: Context, workbook: WorkbookFile): RunInput {
  const settings: Partial<SheetSettings> = { language: ctx.config.language, threeColumn: ctx.config.threeColumn };
  // recognition: KIVA_CSV_FORMAT, when set, wins over the workbook's setting: its messages name the variable.
  if (ctx.config.threeColumn !== undefined) {
    const format = ctx.config.threeColumn ? 'three-column' : 'two-column';
    settings.settingSources = { threeColumn: { from: 'environment', variable: `KIVA_CSV_FORMAT=${format}` } };
  }
  return {
    scope: scopeOf(ctx.args, workbook),
    ...(ctx.args.kind !== undefined ? { kind: ctx.args.kind } : {}),
    settings,
    // The command line cannot ask: an undecided sheet stops the run and says which --kind to give.
    stopOnUndecidedKind: true,
    clock: systemClock,
    // recognition: repayments and journals checked against the partner's loans at Kiva, one read per run.
    portfolio: kivaPortfolio(ctx.kiva.port, systemClock),
    signal: ctx.signal,
    onProgress: (p) => ctx.output.progress(p),
  };
}

/** `Loans!F7  error  The amount must be greater than 0 (found -5).` */
/** Every issue, an identical message in many rows said once with its cells (`Pagos!D2:D316  error  In 315 rows: …`). */
export function issueLines(issues: readonly Issue[], ctx: Context): string[] {
  return groupIssues(issues).map(
    (group) => `${groupCells(group, true)}  ${group.issue.severity}  ${formatGroupMessage(group, ctx.config.language)}`,
  );
}

export function reportError(error: AppError, ctx: Context): number {
  ctx.output.err(`kiva-sheets: ${formatAppError(error, ctx.config.language)}`);
  if (error.code === 'production-not-confirmed') ctx.output.err(ctx.t.confirmProductionHint);
  if (error.code === 'kind-undecided') ctx.output.err(kindHint(error.params, ctx));
  return EXIT.usage;
}

/** Checked before anything is sent: a result that cannot be saved must not be produced. */
export async function checkWritable(path: string, ctx: Context): Promise<boolean> {
  const problem = await unwritable(path);
  if (problem === undefined) return true;
  ctx.output.err(`kiva-sheets: ${path}: ${problem}`);
  return false;
}

/** Notices after a run; true when the run found nothing to work on (the caller exits 2). */
export function reportNotices(notices: readonly Notice[], ctx: Context): boolean {
  for (const notice of notices) {
    ctx.output.err(formatNotice(notice, ctx.config.language));
    if (notice.code === 'uncertain-skipped') ctx.output.err(ctx.t.resendHint);
  }
  return notices.some((n) => n.code === 'no-sheet-recognised');
}

/**
 * A workbook exceljs cannot write back whole is never written in place: its charts or add-in settings would
 * vanish. Into a copy (`--out`) it may be, with a word on what the copy lacks. False: stop, nothing done.
 */
export function keepsEverything(
  workbook: WorkbookFile,
  ctx: Context,
  writesInPlace: boolean,
  outHelps = true,
): boolean {
  if (workbook.wouldDrop.length === 0) return true;
  const parts = workbook.wouldDrop.join(', ');
  if (!writesInPlace) {
    ctx.output.err(say(ctx.t.copyWithout, { file: workbook.file, parts }));
    return true;
  }
  ctx.output.err(`kiva-sheets: ${say(ctx.t.wouldDrop, { file: workbook.file, parts })}`);
  ctx.output.err(outHelps ? say(ctx.t.useOut, { file: workbook.file }) : ctx.t.newFile);
  return false;
}

export function json(ctx: Context, value: Record<string, unknown>): void {
  if (ctx.args.json) ctx.output.json(value);
}

/** One line per sheet of the run: which kind it was read as, and why. */
export function reportSheets(sheets: readonly SheetSummary[], ctx: Context): void {
  for (const sheet of sheets) {
    ctx.output.err(say(ctx.t.sheetKind, { sheet: sheet.sheet, detail: describeKind(sheet, ctx.config.language) }));
  }
}

const CLI_KINDS = ['loans', 'repayments', 'journals'];

/** `run again with --sheet “Pagos” --kind repayments (or --kind loans)`, the kinds the sheet could be first. */
function kindHint(params: AppErrorParams, ctx: Context): string {
  const among = String(params.kinds ?? '')
    .split(' ')
    .filter((k) => CLI_KINDS.includes(k));
  const kinds = among.length > 0 ? among : CLI_KINDS;
  const options = kinds.map((k) => `--kind ${k}`).join(' | ');
  return say(ctx.t.kindHint, { sheet: String(params.sheet ?? ''), options });
}
