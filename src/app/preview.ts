/** Preview: the exact bodies a send would post, in send order, with their rows. Nothing is sent or written. */
import { preview as previewRequests, type Issue, type PreviewItem } from '../sheet';
import { ok, type AppResult } from './errors';
import type { Notice } from './messages';
import { prepare, type Ports, type Prepared, type RunInput } from './prepare';
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
}

export async function preview(ports: Ports, input: PreviewInput): Promise<AppResult<PreviewReport>> {
  const prepared = await prepare(ports, input, input.resend === true);
  if (!prepared.ok) return prepared;
  const { conversion, listsSource, notices, sheets } = prepared.value;
  return ok({
    items: previewRequests(conversion),
    issues: conversion.issues,
    errorCount: conversion.errorCount,
    warningCount: conversion.warningCount,
    rows: countRows(conversion),
    listsSource,
    notices,
    sheets,
  });
}
