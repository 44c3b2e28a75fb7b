/** `loans` and `lists`: read from Kiva, written as a sheet ready to use. */
import { stat } from 'node:fs/promises';
import { importLoans, refreshLists } from '../../app';
import { parseStatuses } from '../config';
import { CsvWorkbookFile } from '../files/csv-workbook';
import { fileKind } from '../files/workbook-file';
import { systemClock } from '../kiva';
import { XlsxWorkbookFile } from '../files/xlsx-workbook';
import { say, sayCount } from '../texts';
import { checkWritable, EXIT, json, keepsEverything, reportError, type Context } from './context';

export async function loansCommand(ctx: Context): Promise<number> {
  const { args, output, t } = ctx;
  const out = args.out as string;
  const kind = fileKind(out);
  if (kind === undefined) return usage(ctx, '--out must be an .xlsx or .csv file');
  const { statuses, unknown } = parseStatuses(args.status ?? '');
  if (unknown !== undefined) return usage(ctx, `unknown loan status “${unknown}” (for example payingBack,defaulted)`);
  if (!(await checkWritable(out, ctx))) return EXIT.usage;

  let workbook: XlsxWorkbookFile | CsvWorkbookFile;
  if (kind === 'xlsx') {
    const opened = await XlsxWorkbookFile.openOrCreate(out, { redact: ctx.kiva.redact });
    if (!opened.ok) return reportError(opened.error, ctx);
    workbook = opened.value;
    if (!keepsEverything(workbook, ctx, true, false)) return EXIT.usage;
  } else {
    // A CSV file is one sheet: writing the template would replace a report someone filled in.
    const size = await stat(out).then(
      (s) => s.size,
      () => 0,
    );
    if (size > 0) return usage(ctx, `${out} already exists; choose a new file for the template`);
    workbook = CsvWorkbookFile.create(out, { redact: ctx.kiva.redact });
  }
  const result = await importLoans(
    { workbook, kiva: ctx.kiva.port },
    {
      ...(statuses.length > 0 ? { statuses } : {}),
      ...(args.query !== undefined ? { query: args.query } : {}),
      language: ctx.config.language,
      threeColumn: ctx.config.threeColumn,
      // recognition: the Kiva loans sheet, for checking loan ids offline, needs a workbook of several sheets.
      kivaLoansSheet: kind === 'xlsx',
      clock: systemClock,
      signal: ctx.signal,
    },
  );
  if (!result.ok) return reportError(result.error, ctx);
  const saved = await workbook.save();
  if (!saved.ok) return reportError(saved.error, ctx);
  const report = result.value;
  const l = ctx.config.language;
  output.err(sayCount(l, t.loansWritten, report.loans, { sheet: report.sheet, file: out }));
  if (report.withoutLoanId > 0) output.err(sayCount(l, t.loansWithoutId, report.withoutLoanId));
  if (report.kivaLoans !== undefined) {
    output.err(sayCount(l, t.kivaLoansWritten, report.kivaLoans.loans, { sheet: report.kivaLoans.sheet }));
  } else output.err(t.kivaLoansNotInCsv);
  json(ctx, {
    loans: report.loans,
    sheet: report.sheet,
    without_loan_id: report.withoutLoanId,
    ...(report.kivaLoans !== undefined ? { kiva_loans: report.kivaLoans } : {}),
  });
  return EXIT.ok;
}

export async function listsCommand(ctx: Context): Promise<number> {
  const { args, output, t } = ctx;
  const out = args.out as string;
  // The lists are a sheet beside the loans; a CSV file holds one sheet only.
  if (fileKind(out) !== 'xlsx') return usage(ctx, '--out must be an .xlsx workbook');
  if (!(await checkWritable(out, ctx))) return EXIT.usage;
  const opened = await XlsxWorkbookFile.openOrCreate(out, { redact: ctx.kiva.redact });
  if (!opened.ok) return reportError(opened.error, ctx);
  if (!keepsEverything(opened.value, ctx, true, false)) return EXIT.usage;
  const result = await refreshLists({ workbook: opened.value, kiva: ctx.kiva.port }, { signal: ctx.signal });
  if (!result.ok) return reportError(result.error, ctx);
  const saved = await opened.value.save();
  if (!saved.ok) return reportError(saved.error, ctx);
  const { sheet, counts } = result.value;
  output.err(say(t.listsWritten, { sheet, file: out, ...counts }));
  json(ctx, { sheet, ...counts });
  return EXIT.ok;
}

function usage(ctx: Context, problem: string): number {
  ctx.output.err(`kiva-sheets: ${problem}`);
  return EXIT.usage;
}
