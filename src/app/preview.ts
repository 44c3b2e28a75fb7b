/** Preview: the exact bodies a send would post, in send order, with their rows. Nothing is sent or written. */
import { preview as previewRequests, type Issue, type PreviewItem } from '../sheet';
import { ok, type AppResult } from './errors';
import { checkWithLedger, type LedgerFinding } from './ledger-rows';
import type { Notice } from './messages';
import { prepare, type Prepared, type RunInput } from './prepare';
import type { SendPorts } from './send';
import { countRows, type RowCounts } from './row-counts';
import type { SheetSummary } from './sheet-summary';

export interface PreviewInput extends RunInput {
  /** Show the bodies a send with `resend` would post (rows already sent or Uncertain included). */
  resend?: boolean;
}

export interface PreviewReport {
  items: PreviewItem[];
  issues: Issue[];
  errorCount: number;
  warningCount: number;
  rows: RowCounts;
  listsSource: Prepared['listsSource'];
  notices: Notice[];
  /** Each sheet of the run: its kind and why, and what it sends. */
  sheets: SheetSummary[];
  /** Rows the delivery ledger knows, left out of `items` as a send would leave them out. */
  findings: LedgerFinding[];
}

/** With a ledger (the CLI), the rows a send would leave out (the ledger knows them) are not previewed; nothing is reserved. */
export async function preview(ports: SendPorts, input: PreviewInput): Promise<AppResult<PreviewReport>> {
  const resend = input.resend === true;
  const prepared = await prepare(ports, input, resend);
  if (!prepared.ok) return prepared;
  const { listsSource, sheets } = prepared.value;
  const { conversion, findings, notices } = await checkWithLedger(
    prepared.value,
    ports.ledger,
    ports.kiva.environment,
    resend,
  );
  return ok({
    items: previewRequests(conversion),
    issues: conversion.issues,
    errorCount: conversion.errorCount,
    warningCount: conversion.warningCount,
    rows: countRows(conversion, findings),
    listsSource,
    notices,
    sheets,
    findings,
  });
}
