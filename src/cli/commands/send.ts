/** `send`: every valid row not already Sent, with statuses and the Kiva log written back into the file. */
import { extname } from 'node:path';
import { findingCounts, formatAppError, send, warnedRows, type AppError, type SendReport } from '../../app';
import { cellAddress, environmentName, formatStamp, sheetPrefix } from '../../sheet';
import { CsvWorkbookFile } from '../files/csv-workbook';
import { recoveryPath } from '../files/save';
import { lockWorkbook } from '../files/lock';
import { openWorkbookFile, type WorkbookFile } from '../files/workbook-file';
import { systemClock } from '../kiva';
import { say, sayCount } from '../texts';
import { startSendLedger, type SendLedger } from '../ledger';
import { LedgerFailure } from '../ledger-thread';

import { reportWarnedAndNext } from './send-next';
import {
  checkWritable,
  EXIT,
  issueLines,
  json,
  keepsEverything,
  reportError,
  reportNotices,
  runInput,
  type Context,
} from './context';

export async function sendCommand(ctx: Context): Promise<number> {
  const { args, output, t } = ctx;
  const file = args.file as string;
  if (args.out !== undefined && extname(args.out).toLowerCase() !== extname(file).toLowerCase()) {
    output.err(`kiva-sheets: --out must be a ${extname(file)} file like ${file}`);
    return EXIT.usage;
  }
  if (!(await checkWritable(args.out ?? file, ctx))) return EXIT.usage;
  // One writer per file: a second send on it would send the same rows and overwrite the first one's statuses.
  const target = args.out ?? file;
  const lock = await lockWorkbook(target);
  if (!lock.ok) {
    const { holder } = lock;
    const since = localStamp(Date.parse(holder.since));
    output.err(`kiva-sheets: ${say(t.ledger.locked, { file: target, pid: holder.pid, host: holder.host, since })}`);
    return EXIT.rows;
  }
  const stale = lock.tookOver;
  if (stale !== undefined) {
    const text = stale.unreadable ? t.ledger.staleLockUnreadable : t.ledger.staleLock;
    output.err(
      say(text, { file: target, pid: stale.pid, host: stale.host, since: localStamp(Date.parse(stale.since)) }),
    );
  }
  let ledger: SendLedger | undefined;
  try {
    try {
      // Its thread opens the file while the workbook is read; nothing is sent before it is open (sendLocked).
      ledger = startSendLedger(ctx.ledgerPath, args.period !== undefined ? { period: args.period } : {});
    } catch (error) {
      return ledgerUnavailable(ctx, error);
    }
    return await sendLocked(ctx, ledger);
  } finally {
    ledger?.close();
    await lock.release();
  }
}

function ledgerUnavailable(ctx: Context, error: unknown): number {
  const detail = error instanceof LedgerFailure ? error.detail : (error as Error).message;
  ctx.output.err(`kiva-sheets: ${say(ctx.t.ledger.unavailable, { path: ctx.ledgerPath, detail })}`);
  return EXIT.usage;
}

function localStamp(time: number): string {
  return Number.isFinite(time) ? formatStamp(time, systemClock.utcOffsetMinutes(time)) : '?';
}

async function sendLocked(ctx: Context, ledger: SendLedger): Promise<number> {
  const { args, output, t } = ctx;
  const file = args.file as string;
  const opened = await openWorkbookFile(file, {
    redact: ctx.kiva.redact,
    ...(args.sheet !== undefined ? { sheetName: args.sheet } : {}),
    ...(args.out !== undefined ? { outPath: args.out } : {}),
  });
  if (!opened.ok) return reportError(opened.error, ctx);
  const workbook = opened.value;
  if (!keepsEverything(workbook, ctx, args.out === undefined)) return EXIT.usage;
  try {
    await ledger.opened;
  } catch (error) {
    return ledgerUnavailable(ctx, error);
  }

  let result: Awaited<ReturnType<typeof send>>;
  try {
    result = await send(
      { workbook, kiva: ctx.kiva.port, ledger },
      { ...runInput(ctx, workbook), resend: args.resend, confirmProduction: args.confirmProduction },
    );
  } catch (error) {
    // The ledger stopped answering: the send stopped at the first request it could not record (none left without).
    if (!(error instanceof LedgerFailure)) throw error;
    output.endProgress();
    output.err(`kiva-sheets: ${say(t.ledger.stopped, { path: ctx.ledgerPath, detail: error.detail })}`);
    return EXIT.rows;
  }
  if (!result.ok) return reportError(result.error, ctx);
  const report = result.value;
  // Saved only now: what the run held (rows, requests) is garbage by the time exceljs serialises the workbook.
  const saved = report.written ? await workbook.save() : undefined;
  const writeError = report.writeError ?? (saved?.ok === false ? saved.error : undefined);
  output.endProgress();
  // With nothing at Kiva, a failed write loses nothing: an ordinary error, no recovery file.
  const reachedKiva = report.outcomes.some((o) => o.kind === 'sent' || o.kind === 'uncertain' || o.kind === 'rejected');
  if (writeError !== undefined && !reachedKiva) return reportError(writeError, ctx);

  for (const line of issueLines(report.issues, ctx)) output.err(line);
  const idle = reportNotices(report.notices, ctx);
  const ledgerCounts = reportFindings(report, ctx);
  const recovered = writeError === undefined ? true : await recover(report, writeError, workbook, ctx);
  if (report.written && writeError === undefined) {
    output.err(say(t.written, { file: workbook.file }));
    if (workbook instanceof CsvWorkbookFile && report.plan.log.lines.length > 0) {
      for (const w of workbook.warnings) output.err(say(t.logWarning, w));
      if (workbook.warnings.length === 0) output.err(say(t.logWritten, { file: workbook.logFile }));
    }
  }
  const l = ctx.config.language;
  const outcomes = Object.fromEntries(
    Object.entries(t.outcomes).map(([key, text]) => [
      key,
      sayCount(l, text, report.summary[key as keyof typeof t.outcomes]),
    ]),
  );
  output.err(say(t.sent, { environment: environmentName(report.environment, l), ...outcomes }));
  for (const { row, url } of report.confirmUrls) output.out(`${sheetPrefix(row.sheet)}${row.row}  ${url}`);
  reportWarnedAndNext(report, ctx);

  const { sent, invalid, rejected, uncertain, failed, cancelled, skipped } = report.summary;
  json(ctx, {
    sent,
    warned: warnedRows(report.outcomes).length,
    invalid,
    rejected,
    uncertain,
    skipped,
    failed,
    cancelled,
    confirm_urls: report.confirmUrls.map(({ row, url }) => ({ sheet: row.sheet, row: row.row, url })),
    ledger: ledgerCounts,
    ...(report.period !== undefined ? { period: report.period } : {}),
  });
  // Every request had its reservation; a settlement after the last one found the ledger gone.
  const unrecorded = ledger.failure();
  if (unrecorded !== undefined) {
    output.err(`kiva-sheets: ${say(t.ledger.unrecorded, { path: ctx.ledgerPath, detail: unrecorded.detail })}`);
  }
  const uncertainLeft = report.notices.some((n) => n.code === 'uncertain-skipped');
  const held = ledgerCounts.changed + ledgerCounts.uncertain + ledgerCounts.busy;
  const troubled =
    invalid + rejected + uncertain + failed + cancelled + held > 0 ||
    uncertainLeft ||
    !recovered ||
    unrecorded !== undefined;
  if (idle) return EXIT.usage;
  return troubled || writeError !== undefined ? EXIT.rows : EXIT.ok;
}

/** Rows another run is sending, one line each; a word on Resend for changed and uncertain rows. */
function reportFindings(report: SendReport, ctx: Context): Record<'sent' | 'changed' | 'uncertain' | 'busy', number> {
  const counts = findingCounts(report.findings);
  for (const finding of report.findings) {
    if (finding.kind !== 'busy') continue;
    const since = localStamp(Date.parse(finding.previous.sentAt));
    for (const row of finding.rows) {
      const cell = `${sheetPrefix(row.sheet)}${row.row}`;
      ctx.output.err(say(ctx.t.ledger.busyRow, { cell, since, user: finding.previous.sentBy.replace(/^local:/, '') }));
    }
  }
  if (counts.changed + counts.uncertain > 0) ctx.output.err(ctx.t.ledger.resendHint);
  return counts;
}

/**
 * Rows reached Kiva but the file could not be written (open in Excel, a full disk…). The statuses are what keeps
 * the next run from sending them twice, so they go to a file next to it, or at worst to the terminal.
 */
async function recover(report: SendReport, error: AppError, workbook: WorkbookFile, ctx: Context): Promise<boolean> {
  const { output, t } = ctx;
  output.err(say(t.writeFailed, { file: workbook.file, detail: formatAppError(error, ctx.config.language) }));
  const stamp = formatStamp(Date.now(), systemClock.utcOffsetMinutes(Date.now())).replace(/[-: ]/g, '');
  const path = recoveryPath(workbook.file, stamp);
  const saved = await workbook.saveTo(path);
  if (saved.ok) {
    output.err(say(t.recovered, { file: path }));
    return true;
  }
  output.err(t.recoveryFailed);
  for (const sheet of report.plan.sheets) {
    for (const status of sheet.statuses) {
      const column = sheet.statusColumn?.column ?? '?';
      output.err(`${cellAddress(sheet.sheet, column, status.row)}  ${status.text}`);
    }
  }
  return false;
}
