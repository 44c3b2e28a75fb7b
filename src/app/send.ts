/**
 * Send: validate, send every valid row that is still pending, and write statuses and log lines back in one go.
 *
 * The promise to the user: every row processed ends with a visible status; a re-run sends only what is pending or
 * failed; a row already sent (or whose fate is Uncertain) is never sent again unless `resend` says so.
 */
import type { RowOutcome, RowRef } from '../kiva';
import { describeRows, type Issue, type SheetConversion, type WriteBackPlan } from '../sheet';
import { deliver, sendPlan } from './delivery';
import { appError, fail, ok, type AppError, type AppResult } from './errors';
import {
  findingsPlan,
  ledgerNotices,
  reconcileWithLedger,
  type DeliveryLedger,
  type LedgerFinding,
} from './ledger-rows';
import type { Notice } from './messages';
import { isEmptyPlan, mergePlans, withoutUnchangedStatuses } from './plans';
import { prepare, report, type Ports, type RunInput } from './prepare';
import type { KivaCall } from './ports';
import { countRows } from './row-counts';

export interface SendInput extends RunInput {
  /** Send again rows whose status says Sent (to this environment) or Uncertain. */
  resend?: boolean;
  /** The user said yes to sending to production (the CLI's flag, the pane's dialog). */
  confirmProduction?: boolean;
}

/** A face that keeps the delivery ledger (the CLI) passes it: rows are reconciled with it and sent write-ahead. */
export interface SendPorts extends Ports {
  ledger?: DeliveryLedger;
}

export interface SendSummary {
  sent: number;
  invalid: number;
  rejected: number;
  uncertain: number;
  failed: number;
  cancelled: number;
  skipped: number;
}

export interface ConfirmUrl {
  row: RowRef;
  url: string;
}

export interface SendReport {
  environment: string;
  summary: SendSummary;
  /** One per row sent or attempted, in send order. */
  outcomes: RowOutcome[];
  issues: Issue[];
  errorCount: number;
  warningCount: number;
  notices: Notice[];
  /** Journal updates Kiva accepted: each must be confirmed in PA2. */
  confirmUrls: ConfirmUrl[];
  calls: KivaCall[];
  /** What the delivery ledger knew of rows of this run (sent earlier, changed, uncertain, being sent elsewhere). */
  findings: LedgerFinding[];
  /** Repayment report period of the run's guard keys, when a ledger was kept. */
  period?: string;
  /** What was written back (or could not be: see `writeError`). */
  plan: WriteBackPlan;
  written: boolean;
  /**
   * Rows reached Kiva but their statuses could not be written: the face must keep `plan` some other way, or the
   * next run would not know they were sent.
   */
  writeError?: AppError;
}

export async function send(ports: SendPorts, input: SendInput): Promise<AppResult<SendReport>> {
  const { kiva } = ports;
  const environment = kiva.environment;
  if (environment === 'production' && input.confirmProduction !== true) {
    return fail(appError('production-not-confirmed', { environment }));
  }
  const resend = input.resend === true;
  const prepared = await prepare(ports, input, resend);
  if (!prepared.ok) return prepared;
  const access = ports.ledger;
  const reconciled =
    access === undefined
      ? { conversion: prepared.value.conversion, findings: [] }
      : await reconcileWithLedger(prepared.value.conversion, access, environment, resend);
  const { conversion } = reconciled;

  const delivered = await deliver(
    kiva,
    conversion,
    input,
    access === undefined ? undefined : { access, resend, clock: input.clock },
  );
  if (!delivered.ok) return delivered;
  const { outcomes, calls, total } = delivered.value;
  const findings = [...reconciled.findings, ...delivered.value.findings];

  const plan = withoutUnchangedStatuses(
    mergePlans(
      mergePlans(conversion.writeBack, findingsPlan(findings, conversion, environment, input.clock)),
      sendPlan(conversion, delivered.value, environment, input.clock),
    ),
    conversion,
  );
  let written = false;
  let writeError: AppError | undefined;
  if (!isEmptyPlan(plan)) {
    report(input, { phase: 'writing' });
    const applied = await ports.workbook.apply(plan);
    if (applied.ok) written = true;
    else writeError = applied.error;
  }
  // With nothing at Kiva, a failed write loses nothing: it is an ordinary error.
  if (writeError !== undefined && !outcomes.some(reachedKiva)) return fail(writeError);

  const rows = countRows(conversion);
  const confirmUrls = outcomes.flatMap((o) =>
    o.kind === 'sent' && o.reference?.confirmUrl ? [{ row: o.row, url: o.reference.confirmUrl }] : [],
  );
  return ok({
    environment,
    summary: summarise(outcomes, rows.invalid, rows.skipped),
    outcomes,
    issues: conversion.issues,
    errorCount: conversion.errorCount,
    warningCount: conversion.warningCount,
    notices: [
      ...prepared.value.notices,
      ...(access !== undefined && conversion.sheets.some((s) => s.kind === 'repayments')
        ? [{ code: 'report-period' as const, params: { period: access.period } }]
        : []),
      ...ledgerNotices(findings, environment, 'send'),
      ...notices(conversion.sheets, {
        environment,
        total: total + findings.length,
        resend,
        confirmUrls: confirmUrls.length,
      }),
    ],
    confirmUrls,
    calls,
    findings,
    ...(access !== undefined ? { period: access.period } : {}),
    plan,
    written,
    ...(writeError !== undefined ? { writeError } : {}),
  });
}

function reachedKiva(outcome: RowOutcome): boolean {
  return outcome.kind === 'sent' || outcome.kind === 'uncertain' || outcome.kind === 'rejected';
}

function summarise(outcomes: readonly RowOutcome[], invalid: number, skipped: number): SendSummary {
  const summary: SendSummary = { sent: 0, invalid, rejected: 0, uncertain: 0, failed: 0, cancelled: 0, skipped };
  for (const outcome of outcomes) summary[outcome.kind]++;
  return summary;
}

function notices(
  sheets: readonly SheetConversion[],
  run: { environment: string; total: number; resend: boolean; confirmUrls: number },
): Notice[] {
  const uncertain: RowRef[] = [];
  let alreadySent = 0;
  for (const sheet of sheets) {
    if (sheet.role !== 'target') continue;
    for (const state of sheet.rows) {
      if (state.skipped !== 'already-sent') continue;
      if (state.previous.kind === 'uncertain') uncertain.push({ sheet: sheet.sheet, row: state.row });
      else alreadySent++;
    }
  }
  const list: Notice[] = [];
  if (uncertain.length > 0) {
    list.push({ code: 'uncertain-skipped', params: { count: uncertain.length, rows: describeRows(uncertain) } });
  }
  if (alreadySent > 0) {
    list.push({ code: 'already-sent-skipped', params: { count: alreadySent, environment: run.environment } });
  }
  if (run.total === 0 && sheets.some((s) => s.role === 'target')) list.push({ code: 'nothing-to-send', params: {} });
  if (run.confirmUrls > 0) list.push({ code: 'journals-to-confirm', params: { count: run.confirmUrls } });
  return list;
}
