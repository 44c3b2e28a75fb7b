/**
 * Per sheet of a run: which kind it was read as and why, how many requests and rows it sends, and — when it sends
 * nothing — why, so no recognised sheet drops out of a run without a word.
 */
import type { Conversion, HeaderMap, KindReason, SheetKind } from '../sheet';

export type IdleReason =
  /** The kind is not decided: the user must choose it. */
  | 'kind-ask'
  /** A required column is missing, repeated or unreadable. */
  | 'header-error'
  | 'no-rows'
  | 'all-invalid'
  /** Every row was already sent, hidden or outside the selection. */
  | 'all-skipped'
  /** A schedule is sent with its loans; no loans sheet is in this run. */
  | 'schedule-only'
  /** Every amount of the repayment report is empty: no repayment this period. */
  | 'no-repayment';

export interface SheetSummary {
  sheet: string;
  kind?: SheetKind;
  kindSource: HeaderMap['kindSource'];
  kindReason: KindReason;
  requests: number;
  /** Rows whose data is in a request. */
  rows: number;
  /** Rows left out because their amount is empty (no repayment this period). */
  noRepayment: number;
  idle?: IdleReason;
}

export function summariseSheets(conversion: Conversion): SheetSummary[] {
  const summaries: SheetSummary[] = [];
  for (const sheet of conversion.sheets) {
    if (sheet.role !== 'target') continue;
    const summary = base(sheet.headers);
    summary.requests = sheet.requests.length;
    for (const request of sheet.requests) summary.rows += request.rows.length;
    let taking = 0;
    let invalid = 0;
    for (const state of sheet.rows) {
      if (state.noRepayment === true) summary.noRepayment++;
      if (state.skipped !== undefined) continue;
      taking++;
      if (state.problem !== undefined) invalid++;
    }
    if (summary.requests === 0) {
      if (sheet.headers.kindSource === 'ask') summary.idle = 'kind-ask';
      else if (sheet.kind === 'schedule') summary.idle = 'schedule-only';
      else if (sheet.headers.issues.some((i) => i.severity === 'error')) summary.idle = 'header-error';
      else if (sheet.rows.every((r) => r.skipped === 'blank')) summary.idle = 'no-rows';
      // Rows skipped as already sent (or Uncertain) have their own notices; an error on the rest is said at its cell.
      else if (sheet.rows.some((r) => r.skipped === 'already-sent')) summary.idle = 'all-skipped';
      else if (taking > 0 && invalid === taking) summary.idle = 'all-invalid';
      else if (summary.noRepayment > 0 && invalid === 0) summary.idle = 'no-repayment';
      else if (taking === 0) summary.idle = 'all-skipped';
      else summary.idle = 'all-invalid';
    }
    summaries.push(summary);
  }
  for (const map of conversion.unusedSchedules) summaries.push({ ...base(map), idle: 'schedule-only' });
  return summaries;
}

function base(map: HeaderMap): SheetSummary {
  const summary: SheetSummary = {
    sheet: map.sheet,
    kindSource: map.kindSource,
    kindReason: map.kindReason,
    requests: 0,
    rows: 0,
    noRepayment: 0,
  };
  if (map.kind !== undefined) summary.kind = map.kind;
  return summary;
}
