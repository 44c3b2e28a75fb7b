/**
 * How big one round trip may be. Excel on the web refuses requests and responses over 5 MB; measured on the
 * simulated request builder, 100k cells of short values plus their number formats come back as ≈2 MB. Half the cap
 * leaves room for long text, and the byte estimate below shrinks chunks further when the cells are long.
 */
export interface Tuning {
  /** Cells read or written per round trip at most. */
  chunkCells: number;
  /** Estimated payload per round trip at most, in bytes. */
  targetBytes: number;
  /**
   * The block read in the first round trip, before the sheet's size is known: wide enough for every Kiva layout
   * (20 fields, the status column and a few of the user's own), tall enough for a 5,000-borrower month.
   */
  firstColumns: number;
  /** Rows between two status cells that are still written as one range (the rows between are `null`). */
  statusGap: number;
}

export const DEFAULT_TUNING: Tuning = {
  chunkCells: 125_000,
  targetBytes: 2_500_000,
  firstColumns: 24,
  statusGap: 24,
};
