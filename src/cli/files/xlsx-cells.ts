/**
 * A worksheet's rows and the cells that hold a value, as xlsx-read.ts reads them, in a few flat arrays for the
 * whole sheet: row numbers, flags and where each row's cells start in typed arrays, every value in one array, the
 * number formats beside them once a cell has one. An object per row and per cell (and an array per row) was about
 * 420 bytes a row of four cells: 42 MB for a 100,000-row sheet, 500,000 objects the garbage collector copied on
 * their way to the old generation, and all of it garbage once the grid was built.
 */
import type { RawCell } from '../../sheet';

export class SheetCells {
  /** How many rows the sheet has (every `<row>`, with or without a valued cell). */
  rows = 0;
  private rowNumbers = new Int32Array(1024);
  private hiddenRows = new Uint8Array(1024);
  /** Row k's cells are at firstCell[k] up to firstCell[k + 1] (the open row's end is the cell count). */
  private firstCell = new Int32Array(1025);
  private cellCount = 0;
  private columns = new Int32Array(4096);
  private readonly values: RawCell[] = [];
  /** A number format per cell, from the first cell that had one (undefined before and for cells without). */
  private formats: (string | undefined)[] | undefined;

  openRow(row: number, hidden: boolean): void {
    const k = this.rows;
    if (k + 1 >= this.rowNumbers.length) this.growRows();
    this.rowNumbers[k] = row;
    this.hiddenRows[k] = hidden ? 1 : 0;
    this.firstCell[k] = this.cellCount;
  }

  add(column: number, value: RawCell, format: string | undefined): void {
    const i = this.cellCount;
    if (i === this.columns.length) this.columns = grown(this.columns, new Int32Array(i * 2));
    this.columns[i] = column;
    this.values.push(value);
    if (format !== undefined && this.formats === undefined)
      this.formats = new Array<string | undefined>(i).fill(undefined);
    this.formats?.push(format);
    this.cellCount++;
  }

  closeRow(): void {
    this.rows++;
    this.firstCell[this.rows] = this.cellCount;
  }

  rowNumber(k: number): number {
    return this.rowNumbers[k] as number;
  }

  hidden(k: number): boolean {
    return this.hiddenRows[k] === 1;
  }

  /** The index of row k's first cell; `end(k)` is one past its last. */
  first(k: number): number {
    return this.firstCell[k] as number;
  }

  end(k: number): number {
    return this.firstCell[k + 1] as number;
  }

  column(i: number): number {
    return this.columns[i] as number;
  }

  value(i: number): RawCell {
    return this.values[i] as RawCell;
  }

  format(i: number): string | undefined {
    return this.formats?.[i];
  }

  private growRows(): void {
    const size = this.rowNumbers.length * 2;
    this.rowNumbers = grown(this.rowNumbers, new Int32Array(size));
    this.hiddenRows = grown(this.hiddenRows, new Uint8Array(size));
    this.firstCell = grown(this.firstCell, new Int32Array(size + 1));
  }
}

function grown<T extends Int32Array | Uint8Array>(old: T, next: T): T {
  next.set(old);
  return next;
}
