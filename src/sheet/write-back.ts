/**
 * What to write into the workbook after a validation or a send, as pure data: any adapter (the Office JavaScript API, exceljs)
 * applies it. Apply `clear` before `marks`; set the `@` (text) number format on every cell before writing text.
 */
import type { EarlierSend, KivaReference, RowOutcome, RowRef } from '../kiva/models';
import { kivaWarnings, outcomeTone, type OutcomeTone } from '../kiva/outcomes';
import { cellAddress, sheetPrefix } from './addresses';
import type { SheetConversion } from './convert';
import type { StatusColumn } from './headers';
import type { Issue, Severity } from './issues';
import { catalogue, formatKivaWarning, formatMessage } from './messages';
import type { Endpoint } from './requests';
import { cellText, lineText, redactSecrets } from './safe-text';
import type { MessageLanguage } from './settings';
import { formatStamp, formatStatus } from './status';

export const FILL = { error: '#FFC7CE', warning: '#FFEB9C' } as const;
/**
 * The status cell's fill after a send, one per outcome tone (Excel's good / neutral / bad styles, orange for
 * uncertain). The text always says the same thing in words: the colour only helps the eye down a long column.
 */
export const STATUS_FILL: Readonly<Record<OutcomeTone, string>> = {
  sent: '#C6EFCE',
  warned: FILL.warning,
  rejected: FILL.error,
  uncertain: '#F8CBAD',
  'not-sent': FILL.error,
};
/** Every fill this tool may put on a cell: the adapters remove only these. */
export const OWN_FILLS: readonly string[] = [...new Set([...Object.values(FILL), ...Object.values(STATUS_FILL)])];
/**
 * A medium border in the fill's own dark hue around every cell this tool marks with a problem, and around status
 * cells that are not plainly sent: the pale fills alone are 1.19:1 (warning) and 1.47:1 (error) against white, too
 * faint to find down a column. Each border is ≥ 3:1 (WCAG non-text contrast) against its fill and against white:
 * #9C5700 4.66:1 on the warning fill, 5.56:1 on white; #9C0006 5.92:1 and 8.69:1; #833C0C 5.40:1 on the
 * uncertain fill (test/sheet/write-back.test.ts measures them).
 */
export const BORDER = { error: '#9C0006', warning: '#9C5700' } as const;
export const STATUS_BORDER: Readonly<Record<OutcomeTone, string | null>> = {
  sent: null,
  warned: BORDER.warning,
  rejected: BORDER.error,
  uncertain: '#833C0C',
  'not-sent': BORDER.error,
};
/** A status cell's look for an outcome tone: its fill and its marker border (`null`: none of ours). */
export function statusLook(tone: OutcomeTone): { fill: string; border: string | null } {
  return { fill: STATUS_FILL[tone], border: STATUS_BORDER[tone] };
}
/** Every border this tool may put on a cell: the adapters remove only these. */
export const OWN_BORDERS: readonly string[] = [
  ...new Set([...Object.values(BORDER), ...Object.values(STATUS_BORDER).filter((b) => b !== null)]),
];
export const LOG_SHEET = 'Kiva log';
/** Every note this tool writes starts with this, so an adapter can tell its own notes from the user's. */
export const NOTE_PREFIX = 'Kiva Sheets';

export interface CellRef {
  row: number;
  column: string;
}

export interface CellMark extends CellRef {
  severity: Severity;
  fill: string;
  /**
   * The marker border (`BORDER`), so that the problem does not show by a pale fill alone. The planner always sets
   * it; absent (hand-made plans, the file fixtures) means no border.
   */
  border?: string;
  note: string;
}

export interface StatusWrite {
  row: number;
  /** `''` clears a stale `Invalid: …` once the row is fixed. */
  text: string;
  /** The status cell's fill (`STATUS_FILL`); `null` removes this tool's fill; absent leaves the fill alone. */
  fill?: string | null;
  /** The status cell's marker border (`STATUS_BORDER`); `null` removes this tool's border; absent leaves it alone. */
  border?: string | null;
  /**
   * A web address the status cell opens (a journal update's confirm link), where the adapter can link a cell
   * (Excel: `Range.hyperlink`); `null` removes a link an earlier status had; absent leaves it alone.
   */
  link?: string | null;
}

export interface SheetWriteBack {
  sheet: string;
  /** Where the `Kiva status` column is, or where to create it (with `header`) before writing statuses. */
  statusColumn?: StatusColumn & { header: string; create: boolean };
  statuses: StatusWrite[];
  marks: CellMark[];
  /** Cells this tool marked in an earlier run that are fine now: remove the fill, the border and the note. */
  clear: CellRef[];
}

export interface LogPlan {
  sheet: string;
  headers: readonly string[];
  /** One line per call, every cell already text-safe. */
  lines: string[][];
}

export interface WriteBackPlan {
  /** Always `@`: the format adapters set on every cell they write text into, so no text turns into a formula. */
  textFormat: '@';
  sheets: SheetWriteBack[];
  log: LogPlan;
}

export function planValidationWriteBack(
  sheets: readonly SheetConversion[],
  marked: ReadonlyMap<string, readonly CellRef[]>,
  lang: MessageLanguage,
): WriteBackPlan {
  return {
    textFormat: '@',
    sheets: sheets.map((s) => planSheet(s, marked.get(s.sheet) ?? [], lang)),
    log: emptyLog(lang),
  };
}

function planSheet(s: SheetConversion, marked: readonly CellRef[], lang: MessageLanguage): SheetWriteBack {
  const marks = markCells(s.issues, lang);
  const statuses: StatusWrite[] = [];
  if (s.role === 'target') {
    for (const state of s.rows) {
      if (state.skipped !== undefined) continue;
      if (state.problem !== undefined) {
        statuses.push({
          row: state.row,
          text: formatStatus({ kind: 'invalid', problem: shortProblem(state.problem, s.sheet, lang) }, lang),
          fill: FILL.error,
          border: BORDER.error,
        });
      } else if (state.previous.kind === 'invalid') {
        statuses.push({ row: state.row, text: '', fill: null, border: null });
      }
    }
  }
  const plan: SheetWriteBack = { sheet: s.sheet, statuses, marks, clear: staleMarks(s, marked, marks) };
  if (s.role === 'target') {
    const create = !s.headers.statusColumn.exists && statuses.some((w) => w.text !== '');
    plan.statusColumn = { ...s.headers.statusColumn, header: catalogue(lang).status.header, create };
  }
  return plan;
}

function markCells(issues: readonly Issue[], lang: MessageLanguage): CellMark[] {
  const byCell = new Map<string, CellMark>();
  for (const issue of issues) {
    const key = `${issue.column}${issue.row}`;
    const message = formatMessage(issue.code, issue.params, lang);
    const mark = byCell.get(key);
    if (mark === undefined) {
      byCell.set(key, {
        row: issue.row,
        column: issue.column,
        severity: issue.severity,
        fill: FILL[issue.severity],
        border: BORDER[issue.severity],
        note: cellText(`${NOTE_PREFIX}${catalogue(lang).punctuation.colon}${message}`),
      });
    } else {
      if (issue.severity === 'error') {
        mark.severity = 'error';
        mark.fill = FILL.error;
        mark.border = BORDER.error;
      }
      if (!mark.note.includes(message)) mark.note += `\n${message}`;
    }
  }
  return [...byCell.values()];
}

/** Old marks on rows this run looked at (and on the header row) that no problem claims any more. */
function staleMarks(s: SheetConversion, marked: readonly CellRef[], marks: readonly CellMark[]): CellRef[] {
  if (marked.length === 0) return [];
  const looked = new Set<number>([s.headers.origin.row]);
  for (const state of s.rows)
    if (state.skipped === undefined || (s.role === 'schedule' && state.skipped !== 'blank')) looked.add(state.row);
  const still = new Set(marks.map((m) => `${m.column}${m.row}`));
  return marked
    .filter((c) => looked.has(c.row) && !still.has(`${c.column}${c.row}`))
    .map((c) => ({ row: c.row, column: c.column }));
}

/** `F7: The amount…` on its own sheet, `Schedule!C5: …` when the problem is on another one. */
function shortProblem(issue: Issue, sheet: string, lang: MessageLanguage): string {
  const where =
    issue.sheet === sheet ? `${issue.column}${issue.row}` : cellAddress(issue.sheet, issue.column, issue.row);
  return `${where}${catalogue(lang).punctuation.colon}${formatMessage(issue.code, issue.params, lang)}`;
}

function emptyLog(lang: MessageLanguage): LogPlan {
  return { sheet: LOG_SHEET, headers: catalogue(lang).logHeaders, lines: [] };
}

/** One Kiva call as the app layer saw it, for the `Kiva log` sheet. */
export interface CallRecord {
  /** Local time, as shown in statuses (`2026-11-28 14:03`). */
  at: string;
  environment: string;
  endpoint: Endpoint;
  rows: readonly RowRef[];
  httpStatus?: number;
  reference?: KivaReference;
  message?: string;
}

export interface SendFeedback {
  environment: string;
  /** Local time of the send, as shown in statuses. */
  at: string;
  language?: MessageLanguage;
  outcomes: readonly RowOutcome[];
  calls?: readonly CallRecord[];
  /** Where each sheet's status column is (from the conversion that was sent). */
  statusColumns: Readonly<Record<string, StatusColumn>>;
  /**
   * An earlier send's instant (epoch ms) as statuses show it, in the user's local time: rows the delivery ledger
   * held back say when they were sent. Without it, UTC.
   */
  localStamp?: (epochMs: number) => string;
}

/** Statuses after a send, one per row that has an outcome, and one log line per call. */
export function planSendWriteBack(feedback: SendFeedback): WriteBackPlan {
  const lang = feedback.language ?? 'en';
  const bySheet = new Map<string, SheetWriteBack>();
  // The rows of one call share their answer, so their status is worded once per distinct answer, not per row.
  const worded = new Map<string, string | undefined>();
  for (const outcome of feedback.outcomes) {
    const key = answerKey(outcome);
    let text: string | undefined;
    if (key === undefined) text = outcomeStatus(outcome, feedback, lang);
    else if (worded.has(key)) text = worded.get(key);
    else {
      text = outcomeStatus(outcome, feedback, lang);
      worded.set(key, text);
    }
    if (text === undefined) continue;
    const sheet = outcome.row.sheet;
    let plan = bySheet.get(sheet);
    if (plan === undefined) {
      plan = { sheet, statuses: [], marks: [], clear: [] };
      const column = feedback.statusColumns[sheet];
      if (column !== undefined)
        plan.statusColumn = { ...column, header: catalogue(lang).status.header, create: !column.exists };
      bySheet.set(sheet, plan);
    }
    plan.statuses.push({ row: outcome.row.row, text, ...statusLook(outcomeTone(outcome)), link: statusLink(outcome) });
  }
  const log = emptyLog(lang);
  for (const call of feedback.calls ?? []) log.lines.push(logLine(call));
  return { textFormat: '@', sheets: [...bySheet.values()], log };
}

/**
 * What a row's status is worded from, when that is the answer alone (not the row): rows with the same key get the
 * same text. Undefined for a row whose status depends on more (an earlier send the ledger knows of).
 */
function answerKey(outcome: RowOutcome): string | undefined {
  if ('earlier' in outcome && outcome.earlier !== undefined) return undefined;
  switch (outcome.kind) {
    case 'sent': {
      const reference = outcome.reference;
      const warnings = reference?.warnings ?? [];
      const codes = reference?.warningCodes ?? [];
      return `sent\u0000${mainReference(reference)}\u0000${warnings.join('\u0001')}\u0000${codes.join('\u0001')}`;
    }
    case 'rejected':
      return `error\u0000${outcome.message}`;
    case 'failed':
      return outcome.code === 'ledger.in-flight' ? undefined : `error\u0000${outcome.message}`;
    case 'uncertain':
      return `uncertain\u0000${outcome.reason}`;
    case 'cancelled':
      return 'cancelled';
  }
}

function outcomeStatus(outcome: RowOutcome, feedback: SendFeedback, lang: MessageLanguage): string | undefined {
  const earlier = 'earlier' in outcome ? outcome.earlier : undefined;
  if (earlier !== undefined) {
    const held = heldBackStatus(outcome, earlier, feedback.localStamp ?? formatStamp, lang);
    if (held !== undefined) return held;
  }
  if (outcome.kind === 'failed' && outcome.code === 'ledger.in-flight') {
    return formatStatus({ kind: 'in-flight', by: String(outcome.params?.sentBy ?? '') }, lang);
  }
  switch (outcome.kind) {
    case 'sent': {
      const reference = redactSecrets(mainReference(outcome.reference));
      const warnings = kivaWarnings(outcome.reference).map((w) => redactSecrets(formatKivaWarning(w, lang)));
      const line = { kind: 'sent' as const, environment: feedback.environment, at: feedback.at, warnings };
      return formatStatus(reference === '' ? line : { ...line, reference }, lang);
    }
    case 'rejected':
    case 'failed':
      return formatStatus({ kind: 'error', message: redactSecrets(outcome.message) }, lang);
    case 'uncertain':
      return formatStatus({ kind: 'uncertain', reason: outcome.reason }, lang);
    case 'cancelled':
      // Never sent: the row keeps its previous status and is sent next time.
      return undefined;
  }
}

/** A row the delivery ledger held back, worded from its data: sent earlier, changed since sent, uncertain earlier. */
function heldBackStatus(
  outcome: RowOutcome,
  earlier: EarlierSend,
  stamp: (epochMs: number) => string,
  lang: MessageLanguage,
): string | undefined {
  const time = Date.parse(earlier.sentAt);
  const at = Number.isNaN(time) ? earlier.sentAt : stamp(time);
  const by = redactSecrets(earlier.sentBy);
  switch (outcome.kind) {
    case 'sent': {
      const reference = earlier.reference !== undefined ? { reference: redactSecrets(earlier.reference) } : {};
      return formatStatus({ kind: 'sent', environment: earlier.environment, at, ...reference, earlier: { by } }, lang);
    }
    case 'uncertain':
      return formatStatus({ kind: 'uncertain', reason: outcome.reason, earlier: { at, by } }, lang);
    case 'failed':
      if (outcome.code !== 'ledger.changed') return undefined;
      return formatStatus(
        {
          kind: 'changed',
          earlier: { at, by },
          ...(outcome.changes !== undefined ? { changes: outcome.changes } : {}),
        },
        lang,
      );
    default:
      return undefined;
  }
}

/** The confirm link of a journal update Kiva accepted (only a web address: anything else stays text). */
function statusLink(outcome: RowOutcome): string | null {
  const url = outcome.kind === 'sent' ? outcome.reference?.confirmUrl : undefined;
  return url !== undefined && /^https?:\/\/\S+$/i.test(url) ? url : null;
}

function mainReference(reference: KivaReference | undefined): string {
  if (reference === undefined) return '';
  return reference.loanDraftUuid ?? reference.uploadId ?? reference.confirmUrl ?? reference.message ?? '';
}

function referenceText(reference: KivaReference | undefined): string {
  if (reference === undefined) return '';
  const main = mainReference(reference);
  const warnings = reference.warnings ?? [];
  return redactSecrets(warnings.length === 0 ? main : [main, ...warnings].filter((p) => p !== '').join(' · '));
}

function logLine(call: CallRecord): string[] {
  const outcome = call.reference !== undefined ? referenceText(call.reference) : (call.message ?? '');
  return [
    call.at,
    call.environment,
    call.endpoint,
    describeRows(call.rows),
    call.httpStatus === undefined ? '' : String(call.httpStatus),
    redactSecrets(outcome),
  ].map((cell) => lineText(cell, 32000));
}

/** `Loans!2–4, 7` — the rows of a request, compact enough for a log line. */
export function describeRows(rows: readonly RowRef[]): string {
  const bySheet = new Map<string, number[]>();
  for (const r of rows) {
    const list = bySheet.get(r.sheet);
    if (list === undefined) bySheet.set(r.sheet, [r.row]);
    else list.push(r.row);
  }
  const parts: string[] = [];
  for (const [sheet, numbers] of bySheet) {
    const sorted = [...new Set(numbers)].sort((a, b) => a - b);
    const spans: string[] = [];
    for (let k = 0; k < sorted.length;) {
      const start = sorted[k] as number;
      let end = start;
      while (k + 1 < sorted.length && sorted[k + 1] === end + 1) end = sorted[++k] as number;
      k++;
      spans.push(start === end ? String(start) : `${start}–${end}`);
    }
    parts.push(`${sheetPrefix(sheet)}${spans.join(', ')}`);
  }
  return parts.join('; ');
}
