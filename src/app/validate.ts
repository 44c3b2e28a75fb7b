/** Validate: every problem at its cell, written back as statuses, fills and notes (and old marks cleared). */
import type { Conversion, Issue } from '../sheet';
import { ok, type AppResult } from './errors';
import { checkWithLedger, findingsPlan, type LedgerFinding } from './ledger-rows';
import type { Notice } from './messages';
import { isEmptyPlan, mergePlans, withoutUnchangedStatuses } from './plans';
import { prepare, report, type Prepared, type RunInput } from './prepare';
import type { SendPorts } from './send';
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
  /** Rows the delivery ledger knows (sent earlier, changed, uncertain, being sent), when the face keeps one. */
  findings: LedgerFinding[];
  /** The conversion without the rows the ledger knows: what a send would send. */
  conversion: Conversion;
}

/**
 * With a ledger (the CLI), the rows it knows are reconciled as a send would (only looked up: nothing is reserved):
 * they are counted as skipped, said in a notice, and with `write` their status is written (Sent, sent earlier by…).
 */
export async function validate(ports: SendPorts, input: ValidateInput): Promise<AppResult<ValidateReport>> {
  const prepared = await prepare(ports, input, false);
  if (!prepared.ok) return prepared;
  const { listsSource, sheets } = prepared.value;
  const environment = ports.kiva.environment;
  const { conversion, findings, notices } = await checkWithLedger(prepared.value, ports.ledger, environment, false);
  let written = false;
  const plan = withoutUnchangedStatuses(
    mergePlans(conversion.writeBack, findingsPlan(findings, conversion, environment, input.clock)),
    conversion,
  );
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
    rows: countRows(conversion, findings),
    listsSource,
    notices,
    sheets,
    written,
    findings,
    conversion,
  });
}
