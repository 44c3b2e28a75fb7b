import type { Conversion } from '../sheet';
import type { LedgerFinding } from './ledger-rows';

/** What happened to the rows of the target sheets, before anything is sent. */
export interface RowCounts {
  /** Rows that took part: not blank, not hidden or left out of the selection, not already sent. */
  checked: number;
  /** Rows whose data is in a request: exactly the rows preview shows and send sends. */
  valid: number;
  invalid: number;
  /** Rows without an error that send nothing: no repayment this period, or a schedule sent only with its loans. */
  notSent: number;
  /** Of the rows not sent, repayment rows whose amount is empty (no repayment this period). */
  noRepayment: number;
  /**
   * Rows left alone because their status says they were sent to this environment, or are Uncertain, or (validate,
   * preview) because the delivery ledger knows them.
   */
  skipped: number;
  /** Of the skipped rows, those whose status is Uncertain. */
  uncertain: number;
  /** Of the skipped rows, those whose status is Changed since sent (the delivery ledger holds other content). */
  changed: number;
}

/**
 * `findings`: rows the delivery ledger took out of the requests (validate, preview). They are counted as the
 * status column's already-sent rows are: skipped (uncertain, changed), not checked.
 */
export function countRows(conversion: Conversion, findings: readonly LedgerFinding[] = []): RowCounts {
  const counts: RowCounts = {
    checked: 0,
    valid: 0,
    invalid: 0,
    notSent: 0,
    noRepayment: 0,
    skipped: 0,
    uncertain: 0,
    changed: 0,
  };
  const requested = new Set<string>();
  for (const request of conversion.requests) for (const r of request.rows) requested.add(`${r.sheet}\u0000${r.row}`);
  const known = new Map<string, LedgerFinding['kind']>();
  for (const finding of findings) for (const r of finding.rows) known.set(`${r.sheet}\u0000${r.row}`, finding.kind);
  for (const sheet of conversion.sheets) {
    if (sheet.role !== 'target') continue;
    for (const state of sheet.rows) {
      if (state.skipped === 'already-sent') {
        counts.skipped++;
        if (state.previous.kind === 'uncertain') counts.uncertain++;
        if (state.previous.kind === 'changed') counts.changed++;
      } else if (state.skipped === undefined && known.has(`${sheet.sheet}\u0000${state.row}`)) {
        const kind = known.get(`${sheet.sheet}\u0000${state.row}`);
        counts.skipped++;
        if (kind === 'uncertain') counts.uncertain++;
        if (kind === 'changed') counts.changed++;
      } else if (state.skipped === undefined) {
        counts.checked++;
        if (state.problem !== undefined) counts.invalid++;
        else if (requested.has(`${sheet.sheet}\u0000${state.row}`)) counts.valid++;
        else {
          counts.notSent++;
          if (state.noRepayment === true) counts.noRepayment++;
        }
      }
    }
  }
  return counts;
}
