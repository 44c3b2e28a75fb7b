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
  // Row numbers by sheet, not `sheet + row` strings: three strings a row for a 100,000-row sheet cost more than the
  // counting itself.
  const requested = new Map<string, Set<number>>();
  for (const request of conversion.requests) {
    for (const r of request.rows) rowsOf(requested, r.sheet, newRowSet).add(r.row);
  }
  const known = new Map<string, Map<number, LedgerFinding['kind']>>();
  for (const finding of findings) {
    for (const r of finding.rows) rowsOf(known, r.sheet, newRowMap).set(r.row, finding.kind);
  }
  for (const sheet of conversion.sheets) {
    if (sheet.role !== 'target') continue;
    const requestedRows = requested.get(sheet.sheet);
    const knownRows = known.get(sheet.sheet);
    for (const state of sheet.rows) {
      const kind = state.skipped === undefined ? knownRows?.get(state.row) : undefined;
      if (state.skipped === 'already-sent') {
        counts.skipped++;
        if (state.previous.kind === 'uncertain') counts.uncertain++;
        if (state.previous.kind === 'changed') counts.changed++;
      } else if (kind !== undefined) {
        counts.skipped++;
        if (kind === 'uncertain') counts.uncertain++;
        if (kind === 'changed') counts.changed++;
      } else if (state.skipped === undefined) {
        counts.checked++;
        if (state.problem !== undefined) counts.invalid++;
        else if (requestedRows?.has(state.row) === true) counts.valid++;
        else {
          counts.notSent++;
          if (state.noRepayment === true) counts.noRepayment++;
        }
      }
    }
  }
  return counts;
}

const newRowSet = () => new Set<number>();
const newRowMap = () => new Map<number, LedgerFinding['kind']>();

function rowsOf<T>(bySheet: Map<string, T>, sheet: string, create: () => T): T {
  let rows = bySheet.get(sheet);
  if (rows === undefined) {
    rows = create();
    bySheet.set(sheet, rows);
  }
  return rows;
}
