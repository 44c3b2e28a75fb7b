/** @jest-environment jsdom */
/**
 * The pane watching Excel's change event (simulated): a cell the Check marked loses its fill, border and note once
 * the user edits it (and its row the Invalid status, when no mark is left on it), one write for the edits that arrive
 * together, and never while another task holds the workbook.
 */
import { webcrypto } from 'node:crypto';
import { TextEncoder } from 'node:util';
import { waitFor } from '@testing-library/react';
import { createExcelHost, loadWorkbook, type SimWorkbook } from '../../dev/excel-sim';
import type { FetchLike } from '../../src/kiva';
import { createPaneController } from '../../src/taskpane/create-controller';
import { createPaneEventHub } from '../../src/taskpane/events';

const offline: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
const uninstall: (() => void)[] = [];

beforeAll(() => {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
  Object.defineProperty(globalThis, 'TextEncoder', { value: TextEncoder, configurable: true });
});
afterEach(() => {
  while (uninstall.length > 0) uninstall.pop()?.();
});

/** Repayments with a negative amount in C3, C5 and C7. */
function repayments(): SimWorkbook {
  const rows: unknown[][] = [['loan_id', 'amount', 'repayment_date']];
  for (let r = 2; r <= 8; r++) rows.push([`L${r}`, r % 2 === 1 ? -5 : 20, '2026-11-30']);
  return loadWorkbook({
    sheets: [{ name: 'Repayments', rows, columnFormats: { A: '@', C: '@' } }],
    activeSheet: 'Repayments',
    selection: 'A2',
  });
}

function open(book: SimWorkbook, watchEdits = true, latencyMs = 0) {
  const host = createExcelHost(book, { latencyMs });
  uninstall.push(host.install());
  return createPaneController({ displayLanguage: 'en-US', theme: 'light' }, createPaneEventHub(), {
    fetch: offline,
    apiBase: 'http://127.0.0.1:9',
    page: { querySelector: () => null },
    watchExcel: false,
    watchEdits,
    pairingKeys: { get: () => undefined, set: () => undefined },
    languageChoice: { get: () => undefined, set: () => undefined },
  });
}

const marked = (book: SimWorkbook, cell: string): boolean => book.getCell(`Repayments!${cell}`).fill !== undefined;

/** Until the pane has registered its handler (a round trip after it opens). */
async function watching(book: SimWorkbook): Promise<void> {
  await waitFor(() => expect(book.changedHandlers.size).toBe(1));
}

describe('marks on edited cells', () => {
  it('two cells edited together lose their marks in one write; the third keeps its own', async () => {
    // The status column is where the check writes it: after the last column (D).
    const book = repayments();
    const controller = open(book);
    await watching(book);
    const checked = await controller.validate('sheet');
    expect(checked.ok && checked.value.errors).toBe(3);
    expect(['B3', 'B5', 'B7'].map((c) => marked(book, c))).toEqual([true, true, true]);
    expect(book.getCell('Repayments!B3').note).toBeDefined();

    const before = book.syncCount;
    book.setValue('Repayments!B3', 25);
    book.setValue('Repayments!B5', 30);
    await waitFor(() => expect(marked(book, 'B5')).toBe(false));
    expect(book.getCell('Repayments!B3')).toMatchObject({ value: 25, fill: undefined, note: undefined, borders: {} });
    expect(marked(book, 'B7')).toBe(true);
    expect(['D3', 'D5', 'D7'].map((c) => String(book.getCell(`Repayments!${c}`).value))).toEqual([
      '',
      '',
      expect.stringMatching(/^Invalid: B7: /),
    ]);
    // One read of the two rows' statuses, one write.
    expect(book.syncCount - before).toBe(2);

    // Cells nobody marked: no round trip at all.
    const quiet = book.syncCount;
    book.setValue('Repayments!B4', 21);
    await controller.cellsEdited([]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(book.syncCount).toBe(quiet);
  });

  it('an edit during a check waits for it, and a check started after an edit keeps what it found', async () => {
    const book = repayments();
    // Each round trip takes a while, so that an edit can arrive while the check is under way.
    const controller = open(book, false, 15);
    const first = await controller.validate('sheet');
    expect(first.ok).toBe(true);
    const id = book.sheet('Repayments').uid;

    // B7 edited after the check read it (Excel reports it while the check runs): the check marks what it read, and
    // the mark goes once the check is done — not beside it, where the check's write would put it back.
    const before = book.syncCount;
    const check = controller.validate('sheet');
    while (book.syncCount === before) await new Promise((resolve) => setTimeout(resolve, 1));
    const edited = controller.cellsEdited([{ worksheetId: id, address: 'B7' }]);
    await check;
    await edited;
    expect(marked(book, 'B7')).toBe(false);
    expect(marked(book, 'B5')).toBe(true);

    // The user typed another wrong amount in B3 and pressed Check at once: the check clears the edit's mark first,
    // then marks B3 again, as it is still wrong.
    book.setValue('Repayments!B3', -9);
    const pending = controller.cellsEdited([{ worksheetId: id, address: 'B3' }]);
    const again = await controller.validate('sheet');
    await pending;
    expect(again.ok && again.value.errors).toBe(3);
    expect(marked(book, 'B3')).toBe(true);
  });
});
