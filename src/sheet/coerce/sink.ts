import type { IssueCode, IssueParam, Severity } from '../issues';

/** A value that was present but could not be read; the problem has already been reported at its cell. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** Where a reader reports a problem about the cell it is reading. */
export interface CellSink {
  report(code: IssueCode, severity: Severity, params: Record<string, IssueParam>): void;
}
