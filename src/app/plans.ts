/** Write-back plans as the use cases hand them to the Workbook port: merged so that a send writes once. */
import { parseStatus, type Conversion, type SheetWriteBack, type StatusWrite, type WriteBackPlan } from '../sheet';

/**
 * The validation plan (invalid statuses, marks, cleared marks) and the send plan (statuses from Kiva, log lines)
 * as one. A row's status from the send wins over the validation's (which can only be a cleared `Invalid`).
 */
export function mergePlans(validation: WriteBackPlan, sent: WriteBackPlan): WriteBackPlan {
  const sheets = new Map<string, SheetWriteBack>();
  for (const plan of validation.sheets) sheets.set(plan.sheet, { ...plan, statuses: [...plan.statuses] });
  for (const plan of sent.sheets) {
    const base = sheets.get(plan.sheet);
    if (base === undefined) {
      sheets.set(plan.sheet, plan);
      continue;
    }
    const byRow = new Map<number, StatusWrite>(base.statuses.map((s) => [s.row, s]));
    for (const status of plan.statuses) byRow.set(status.row, status);
    base.statuses = [...byRow.values()].sort((a, b) => a.row - b.row);
    const column = base.statusColumn ?? plan.statusColumn;
    if (column !== undefined) {
      base.statusColumn = { ...column, create: !column.exists && base.statuses.some((s) => s.text !== '') };
    }
  }
  return {
    textFormat: '@',
    sheets: [...sheets.values()],
    log: { ...sent.log, lines: [...validation.log.lines, ...sent.log.lines] },
  };
}

/** Nothing to write: the adapter need not touch the workbook (a CSV file keeps its date, a pane makes no sync). */
export function isEmptyPlan(plan: WriteBackPlan): boolean {
  return (
    plan.log.lines.length === 0 &&
    plan.sheets.every((s) => s.statuses.length === 0 && s.marks.length === 0 && s.clear.length === 0)
  );
}

/**
 * Statuses that would write what the cell already says are left out: a re-run that changes nothing then writes
 * nothing (a CSV file keeps its date; the pane makes no round trip).
 */
export function withoutUnchangedStatuses(plan: WriteBackPlan, conversion: Conversion): WriteBackPlan {
  const previous = new Map<string, Map<number, string>>();
  for (const sheet of conversion.sheets) {
    previous.set(sheet.sheet, new Map(sheet.rows.map((state) => [state.row, state.previous.text])));
  }
  return {
    ...plan,
    sheets: plan.sheets.map((part) => {
      const before = previous.get(part.sheet);
      if (before === undefined) return part;
      const statuses = part.statuses.filter((s) => {
        const was = before.get(s.row) ?? '';
        // An empty cell (most rows of a first send): any text with something in it changes it; no parsing needed.
        if (was === '') return s.text.trim().replace(/^'\s*/, '') !== '';
        return parseStatus(s.text).text !== was;
      });
      return { ...part, statuses };
    }),
  };
}
