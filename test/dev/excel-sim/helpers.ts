import {
  type ExcelHost,
  type ExcelHostOptions,
  type SimWorkbookData,
  type SimWorkbookOptions,
  createExcelHost,
  loadWorkbook,
} from '../../../dev/excel-sim';
import type { SimRequestContext } from '../../../dev/excel-sim';

/** A small loan sheet in the shape Kiva Sheets reads. */
export const LOANS: SimWorkbookData = {
  sheets: [
    {
      name: 'Loans',
      rows: [
        ['Loan ID', 'Borrower', 'Amount', 'Disbursed', 'Status'],
        ['00123', 'Amina', 500, new Date('2024-01-05'), ''],
        ['00124', 'Brian', 750.5, new Date('2024-02-10'), ''],
        ['00125', 'Chen', 1200, new Date('2024-03-15'), ''],
      ],
      columnFormats: { A: '@' },
    },
    { name: 'Lists', rows: [['Activity'], ['Farming'], ['Retail']], visibility: 'Hidden' },
  ],
};

export function makeHost(
  data: SimWorkbookData = LOANS,
  options: SimWorkbookOptions = {},
  hostOptions: ExcelHostOptions = {},
): ExcelHost {
  return createExcelHost(loadWorkbook(data, options), hostOptions);
}

/** `Excel.run` of a host, typed loosely the way the simulation's own API is. */
export function run<T>(host: ExcelHost, batch: (context: SimRequestContext) => Promise<T>): Promise<T> {
  return host.Excel.run(batch);
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

/** Runs a function that must throw synchronously, and returns what it threw. */
export function thrown(fn: () => unknown): { code?: string; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected a throw');
}
