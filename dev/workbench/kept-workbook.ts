/**
 * `keep=1`: the workbench's workbook kept in the tab's sessionStorage after every change, as Excel keeps a saved
 * file, so reloading the page is closing and reopening the workbook (document settings and custom XML parts
 * included: the browser test of photos kept across reopen relies on it). Without it, a reload starts the sample
 * afresh.
 */
import { dumpWorkbook, type SimWorkbook, type SimWorkbookData } from '../excel-sim';

export interface KeptWorkbook {
  /** The workbook as last kept, if this tab kept one for this sample. */
  saved(): SimWorkbookData | undefined;
  /** Keeps the workbook after each change (synchronously: a reload right after a change finds it). */
  watch(book: SimWorkbook): void;
}

export function keepAcrossReload(storage: Storage, sample: string): KeptWorkbook {
  const key = `kiva-sheets-workbench:${sample}`;
  return {
    saved() {
      const text = storage.getItem(key);
      return text === null ? undefined : (JSON.parse(text) as SimWorkbookData);
    },
    watch(book) {
      book.subscribe(() => {
        try {
          storage.setItem(key, JSON.stringify(dumpWorkbook(book)));
        } catch (error) {
          // Past the tab's storage quota (a few MB): the page says so rather than pretend it was kept.
          console.warn(`The workbench could not keep the workbook across reload: ${String(error)}`);
        }
      });
    },
  };
}
