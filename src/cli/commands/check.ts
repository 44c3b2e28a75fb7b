/**
 * `validate` and `preview`: nothing is sent; validate writes only with --mark. Both read the delivery ledger, as
 * send does, so rows Kiva already holds are said as Sent (and with --mark written so) instead of ready to send; they
 * only look it up: nothing is reserved, and a ledger that does not exist is not created.
 */
import { findingCounts, preview, validate, type LedgerFinding, type RowCounts } from '../../app';
import { openWorkbookFile } from '../files/workbook-file';
import { openCliLedger, type CliLedger } from '../ledger';
import { say, sayCount } from '../texts';
import {
  checkWritable,
  EXIT,
  issueLines,
  json,
  keepsEverything,
  reportError,
  reportNotices,
  reportSheets,
  runInput,
  type Context,
} from './context';

export async function validateCommand(ctx: Context): Promise<number> {
  const ledger = openReadOnly(ctx);
  try {
    return await validateWith(ctx, ledger);
  } finally {
    ledger?.close();
  }
}

export async function previewCommand(ctx: Context): Promise<number> {
  const ledger = openReadOnly(ctx);
  try {
    return await previewWith(ctx, ledger);
  } finally {
    ledger?.close();
  }
}

/**
 * The ledger, only to be looked up. One that cannot be read is said, and the check goes on without it: nothing is
 * sent here, and send itself refuses to run without its ledger.
 */
function openReadOnly(ctx: Context): CliLedger | undefined {
  try {
    return openCliLedger(ctx.ledgerPath, {
      readOnly: true,
      ...(ctx.args.period !== undefined ? { period: ctx.args.period } : {}),
    });
  } catch (error) {
    ctx.output.err(
      `kiva-sheets: ${say(ctx.t.ledger.unreadable, { path: ctx.ledgerPath, detail: (error as Error).message })}`,
    );
    return undefined;
  }
}

function ledgerPorts(ledger: CliLedger | undefined): { ledger?: CliLedger } {
  return ledger !== undefined ? { ledger } : {};
}

/** Changed and uncertain rows: how to send them anyway. The counts for --json. */
function reportFindings(findings: readonly LedgerFinding[], ctx: Context): ReturnType<typeof findingCounts> {
  const counts = findingCounts(findings);
  if (counts.changed + counts.uncertain > 0) ctx.output.err(ctx.t.ledger.resendHint);
  return counts;
}

async function validateWith(ctx: Context, ledger: CliLedger | undefined): Promise<number> {
  const { args, output, t } = ctx;
  const file = args.file as string;
  if (args.mark && !(await checkWritable(args.out ?? file, ctx))) return EXIT.usage;
  const opened = await openWorkbookFile(file, {
    redact: ctx.kiva.redact,
    ...(args.sheet !== undefined ? { sheetName: args.sheet } : {}),
    ...(args.out !== undefined ? { outPath: args.out } : {}),
  });
  if (!opened.ok) return reportError(opened.error, ctx);
  const workbook = opened.value;
  if (args.mark && !keepsEverything(workbook, ctx, args.out === undefined)) return EXIT.usage;
  const result = await validate(
    { workbook, kiva: ctx.kiva.port, ...ledgerPorts(ledger) },
    { ...runInput(ctx, workbook), write: args.mark },
  );
  if (!result.ok) return reportError(result.error, ctx);
  const report = result.value;
  const saved = await workbook.save();
  if (!saved.ok) return reportError(saved.error, ctx);
  output.endProgress();
  reportSheets(report.sheets, ctx);
  for (const line of issueLines(report.issues, ctx)) output.out(line);
  output.out(validatedLine(report.errorCount, report.warningCount, report.rows, ctx));
  // Rows whose own status says Sent or Uncertain; those the ledger knows get their own notice below.
  const bySheetStatus = report.rows.skipped - report.findings.reduce((n, f) => n + f.rows.length, 0);
  if (bySheetStatus > 0) output.err(sayCount(lang(ctx), t.alreadySentNote, bySheetStatus));
  const idle = reportNotices(report.notices, ctx);
  const known = reportFindings(report.findings, ctx);
  if (report.written) output.err(say(t.written, { file: workbook.file }));
  json(ctx, { errors: report.errorCount, warnings: report.warningCount, ...counts(report.rows), ledger: known });
  // A row changed since it was sent is an error in its status (not sent, correct it in PA2 or resend).
  return idle ? EXIT.usage : report.errorCount + known.changed > 0 ? EXIT.rows : EXIT.ok;
}

async function previewWith(ctx: Context, ledger: CliLedger | undefined): Promise<number> {
  const { args, output, t } = ctx;
  const opened = await openWorkbookFile(args.file as string, {
    redact: ctx.kiva.redact,
    ...(args.sheet !== undefined ? { sheetName: args.sheet } : {}),
  });
  if (!opened.ok) return reportError(opened.error, ctx);
  const workbook = opened.value;
  const result = await preview(
    { workbook, kiva: ctx.kiva.port, ...ledgerPorts(ledger) },
    { ...runInput(ctx, workbook), resend: args.resend },
  );
  if (!result.ok) return reportError(result.error, ctx);
  const report = result.value;
  output.endProgress();
  reportSheets(report.sheets, ctx);
  for (const item of report.items) {
    const sheet = item.rows[0]?.sheet ?? '';
    output.out(JSON.stringify({ endpoint: item.endpoint, sheet, rows: item.rows.map((r) => r.row), body: item.body }));
  }
  for (const line of issueLines(report.issues, ctx)) output.err(line);
  const idle = reportNotices(report.notices, ctx);
  const known = reportFindings(report.findings, ctx);
  const rows = report.items.reduce((n, item) => n + item.rows.length, 0);
  output.err(
    say(t.previewed, {
      requests: sayCount(lang(ctx), t.counts.requests, report.items.length),
      rows: sayCount(lang(ctx), t.counts.rows, rows),
      environment: ctx.kiva.port.environment,
      invalid: sayCount(lang(ctx), t.counts.invalidRows, report.rows.invalid),
    }),
  );
  json(ctx, {
    requests: report.items.length,
    rows,
    invalid: report.rows.invalid,
    skipped: report.rows.skipped,
    ledger: known,
  });
  return idle ? EXIT.usage : report.errorCount > 0 ? EXIT.rows : EXIT.ok;
}

function counts(rows: RowCounts): Record<string, number> {
  return { checked: rows.checked, valid: rows.valid, invalid: rows.invalid, skipped: rows.skipped };
}

function lang(ctx: Context) {
  return ctx.config.language;
}

/** `2 errors, 1 warning; 37 of 40 rows ready to send.`: every count worded through Intl.PluralRules. */
export function validatedLine(errors: number, warnings: number, rows: RowCounts, ctx: Context): string {
  const { t } = ctx;
  const l = lang(ctx);
  const ready = sayCount(
    l,
    t.counts.ready,
    rows.valid,
    { checked: rows.checked },
    t.counts.readyBy === 'count' ? rows.valid : rows.checked,
  );
  return say(t.validated, {
    errors: sayCount(l, t.counts.errors, errors),
    warnings: sayCount(l, t.counts.warnings, warnings),
    ready,
  });
}
