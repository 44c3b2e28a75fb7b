/**
 * Identical messages said once: the same problem in the same column of many rows ("The amount is required" in 315
 * rows) is one line with its cells ("D2:D316"), in the command line and the task pane alike. Messages that differ
 * only by the value they quote are not identical and stay apart.
 */
import { sheetPrefix } from './addresses';
import type { Issue } from './issues';

export interface IssueGroup {
  /** The first issue of the group (its sheet, column, code, severity and params are the group's). */
  issue: Issue;
  /** Every row the message is about, in the order found. */
  rows: number[];
}

/** Issues grouped by sheet, column, code, severity and parameters, in the order of their first appearance. */
export function groupIssues(issues: readonly Issue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const issue of issues) {
    const key = issueKey(issue);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { issue, rows: [issue.row] });
    else group.rows.push(issue.row);
  }
  return [...groups.values()];
}

/** Two issues with the same key say the same thing in the same column. */
export function issueKey(issue: Issue): string {
  return JSON.stringify([issue.sheet, issue.column, issue.code, issue.severity, issue.params]);
}

/** At most this many ranges are listed; the rest is counted in the message. */
const MAX_RANGES = 6;

/**
 * The cells of a group, runs of consecutive rows joined: `D2:D316`, `D2:D5, D9, D12:D14`, and `…` past six runs.
 * With `sheet`, the first range carries the sheet (`Pagos!D2:D316`), so it can be selected as it is.
 */
export function groupCells(group: IssueGroup, sheet = false): string {
  const rows = [...new Set(group.rows)].sort((a, b) => a - b);
  const column = group.issue.column;
  const runs: string[] = [];
  let start = rows[0] as number;
  let end = start;
  const close = () => runs.push(start === end ? `${column}${start}` : `${column}${start}:${column}${end}`);
  for (const row of rows.slice(1)) {
    if (row === end + 1) {
      end = row;
      continue;
    }
    close();
    start = row;
    end = row;
  }
  close();
  const shown = runs.slice(0, MAX_RANGES).join(', ') + (runs.length > MAX_RANGES ? ', …' : '');
  return sheet ? `${sheetPrefix(group.issue.sheet)}${shown}` : shown;
}

/** The first run of a group's cells, with its sheet: what the pane selects when the group is clicked. */
export function groupFirstRange(group: IssueGroup): string {
  return groupCells({ issue: group.issue, rows: group.rows }, true).split(', ')[0] as string;
}
