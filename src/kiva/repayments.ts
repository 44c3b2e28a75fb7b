import type { Caller } from './call';
import type { KivaReference, Repayment, RowOutcome, RowRef } from './models';
import { answeredVerdict, wholeRequestVerdict, type Verdict } from './outcomes';
import type { PlannedRequest } from './batch';
import { chunk } from './batch';
import { asString, isRecord, kivaMessage, snakeValue, type WireBody } from './wire';

export interface RepaymentItem {
  repayment: Repayment;
  row: RowRef;
}

/** Kiva's documented ceiling is 200–300 loans per call. */
export const MAX_REPAYMENTS_PER_CALL = 300;

/** One request per chunk; each chunk acts as one CSV upload in PA2. */
export function planRepayments(
  call: Caller,
  items: readonly RepaymentItem[],
  chunkSize: number,
  signal?: AbortSignal,
): PlannedRequest[] {
  return chunk(items, chunkSize).map((part) => ({
    rows: part.map((item) => item.row),
    send: async () => {
      const result = await call({
        operation: 'repayments',
        method: 'POST',
        path: (partnerId) => `/v3/partner/${encodeURIComponent(partnerId)}/repayments`,
        body: { repayments: part.map((item) => item.repayment) },
        rows: part.length,
        ...(signal ? { signal } : {}),
        referenceOf: (body) => readRepaymentAnswer(body).uploadIds.join(', ') || undefined,
      });
      if (result.kind !== 'ok') return wholeRequestVerdict(result);
      return answeredVerdict(result.status, repaymentVerdict(part, readRepaymentAnswer(result.body)));
    },
  }));
}

export interface RepaymentProblem {
  loanId?: string;
  message: string;
  code?: string;
  severity: 'error' | 'warning';
}

export interface RepaymentAnswer {
  uploadIds: string[];
  message?: string;
  problems: RepaymentProblem[];
}

/** Kiva's answer is a list of `{code, message, upload_id, problems}` (lib), or a single such object. */
export function readRepaymentAnswer(body: WireBody): RepaymentAnswer {
  const value = snakeValue(body);
  const answers = (Array.isArray(value) ? value : [value]).filter(isRecord);
  const uploadIds = answers.map((answer) => asString(answer.upload_id)).filter((id): id is string => id !== undefined);
  const problems = answers
    .flatMap((answer) => (Array.isArray(answer.problems) ? answer.problems : []))
    .filter(isRecord)
    .map(readProblem);
  const message = kivaMessage(body).message;
  return { uploadIds: [...new Set(uploadIds)], ...(message !== undefined ? { message } : {}), problems };
}

function readProblem(problem: Record<string, unknown>): RepaymentProblem {
  const loanId = asString(problem.loan_id)?.trim();
  const code = asString(problem.code);
  // A problem without a severity is taken as an error: the row then asks for a look instead of passing silently.
  const severity = asString(problem.severity)?.toLowerCase() === 'warning' ? 'warning' : 'error';
  const message = asString(problem.details) ?? asString(problem.message) ?? code ?? 'problem reported by Kiva';
  return { ...(loanId ? { loanId } : {}), message, ...(code !== undefined ? { code } : {}), severity };
}

/**
 * Kiva may echo a loan id differently from how it was sent: leading zeros dropped (it went through a number), or
 * another case. Both sides are compared in this form.
 */
export function loanIdKey(id: string): string {
  const folded = id.trim().toLowerCase();
  const unpadded = folded.replace(/^0+(?=.)/, '');
  return unpadded;
}

/**
 * Per-loan errors reject that loan's rows; warnings stay with rows that were sent. A problem naming no loan concerns
 * the whole upload, so every row carries it. A problem naming a loan this request did not carry cannot be placed: a
 * warning goes to every row rather than vanish; an error makes every row of the call Uncertain, since any of them
 * may be the one Kiva refused (never Sent on a guess, never rejected on one either).
 */
function repaymentVerdict(part: readonly RepaymentItem[], answer: RepaymentAnswer): Verdict {
  const keys = part.map((item) => loanIdKey(item.row.key ?? item.repayment.loan_id));
  const known = new Set(keys);
  const placed = (problem: RepaymentProblem): boolean =>
    problem.loanId !== undefined && known.has(loanIdKey(problem.loanId));
  const unplacedErrors = answer.problems.filter(
    (problem) => problem.loanId !== undefined && !placed(problem) && problem.severity === 'error',
  );
  const general = answer.problems
    .filter((problem) => !placed(problem) && !unplacedErrors.includes(problem))
    .map((problem): RepaymentProblem => (problem.loanId === undefined ? problem : unplaced(problem)));
  let shared: KivaReference | undefined;
  return (row, index): RowOutcome => {
    if (unplacedErrors.length > 0) {
      const detail = unplacedErrors.map((problem) => `loan ${problem.loanId ?? '?'}: ${problem.message}`).join('; ');
      return { kind: 'uncertain', row, reason: 'unplaced-problem', detail };
    }
    const key = keys[index];
    const mine = answer.problems.filter((problem) => problem.loanId !== undefined && loanIdKey(problem.loanId) === key);
    const relevant = [...mine, ...general];
    const errors = relevant.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0];
      return {
        kind: 'rejected',
        row,
        ...(first?.code !== undefined ? { code: first.code } : {}),
        message: errors.map((problem) => problem.message).join('; '),
        severity: 'error',
      };
    }
    if (mine.length > 0) return { kind: 'sent', row, reference: referenceOf(answer, relevant) };
    // The rows with no problem of their own share the call's reference: one object per call, not per row.
    shared ??= referenceOf(answer, general);
    return { kind: 'sent', row, reference: shared };
  };
}

/** Kiva's reference for a sent row, with the warnings that concern it. */
function referenceOf(answer: RepaymentAnswer, warnings: readonly RepaymentProblem[]): KivaReference {
  const reference: KivaReference = {};
  if (answer.uploadIds.length > 0) reference.uploadId = answer.uploadIds.join(', ');
  if (answer.message !== undefined) reference.message = answer.message;
  if (warnings.length > 0) {
    reference.warnings = warnings.map((problem) => problem.message);
    reference.warningCodes = warnings.map((problem) => problem.code ?? '');
  }
  return reference;
}

function unplaced(problem: RepaymentProblem): RepaymentProblem {
  return { ...problem, message: `loan ${problem.loanId ?? '?'}: ${problem.message}`, severity: 'warning' };
}
