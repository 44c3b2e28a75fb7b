/** Validate: every problem at its cell, written back as statuses, fills and notes (and old marks cleared). */
import type { Conversion, Issue } from '../sheet';
import { ok, type AppResult } from './errors';
import type { Notice } from './messages';
import { isEmptyPlan, withoutUnchangedStatuses } from './plans';
import { prepare, report, type Ports, type Prepared, type RunInput } from './prepare';
import { countRows, type RowCounts } from './row-counts';
import type { SheetSummary } from './sheet-summary';

export interface ValidateInput extends RunInput {
  /** Write the statuses and marks into the workbook (default true; the command line only checks by default). */
  write?: boolean;
}

export interface ValidateReport {
  issues: Issue[];
  errorCount: number;
  warningCount: number;
  rows: RowCounts;
  listsSource: Prepared['listsSource'];
  notices: Notice[];
  /** Each sheet of the run: its kind and why, and what it sends. */
  sheets: SheetSummary[];
  /** Whether anything was written into the workbook. */
  written: boolean;
  conversion: Conversion;
}

export async function validate(ports: Ports, input: ValidateInput): Promise<AppResult<ValidateReport>> {
  const prepared = await prepare(ports, input, false);
  if (!prepared.ok) return prepared;
  const { conversion, listsSource, notices, sheets } = prepared.value;
  let written = false;
  const plan = withoutUnchangedStatuses(conversion.writeBack, conversion);
  if (input.write !== false && !isEmptyPlan(plan)) {
    report(input, { phase: 'writing' });
    const applied = await ports.workbook.apply(plan);
    if (!applied.ok) return applied;
    written = true;
  }
  return ok({
    issues: conversion.issues,
    errorCount: conversion.errorCount,
    warningCount: conversion.warningCount,
    rows: countRows(conversion),
    listsSource,
    notices,
    sheets,
    written,
    conversion,
  });
}
