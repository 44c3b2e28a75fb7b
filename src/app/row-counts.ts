import type { Conversion } from '../sheet';

/** What happened to the rows of the target sheets, before anything is sent. */
export interface RowCounts {
  /** Rows that took part: not blank, not hidden or left out of the selection, not already sent. */
  checked: number;
  valid: number;
  invalid: number;
  /** Rows left alone because their status says they were sent to this environment, or are Uncertain. */
  skipped: number;
  /** Of the skipped rows, those whose status is Uncertain. */
  uncertain: number;
}

export function countRows(conversion: Conversion): RowCounts {
  const counts: RowCounts = { checked: 0, valid: 0, invalid: 0, skipped: 0, uncertain: 0 };
  for (const sheet of conversion.sheets) {
    if (sheet.role !== 'target') continue;
    for (const state of sheet.rows) {
      if (state.skipped === 'already-sent') {
        counts.skipped++;
        if (state.previous.kind === 'uncertain') counts.uncertain++;
      } else if (state.skipped === undefined) {
        counts.checked++;
        if (state.problem !== undefined) counts.invalid++;
        else counts.valid++;
      }
    }
  }
  return counts;
}
