/**
 * The user editing a cell a check marked: Excel's change event (`worksheets.onChanged`, simulated) names the cells,
 * and the marks on them (fill, marker border, note, registry entry) go in one write for the whole batch; a row that
 * lost its last mark loses its Invalid status too (read in one round trip first), never a status Kiva answered.
 */
import { validate } from '../../src/app';
import { createExcelWorkbook, watchEdits, type CellEdit } from '../../src/excel';
import { MARKS_KEY } from '../../src/excel/state';
import { BORDER, FILL, LOG_SHEET, type CellMark, type WriteBackPlan } from '../../src/sheet';
import { CLOCK, OFFICE_2021, repaymentsSheet, rig, StubKiva } from './helpers';

const input = { scope: { kind: 'active' as const }, clock: CLOCK };

/** Resolves with the next batch of edits the watcher reports. */
function nextEdits(): { stop: Promise<() => Promise<void>>; edits: Promise<CellEdit[]> } {
  let resolve: (edits: CellEdit[]) => void = () => undefined;
  const edits = new Promise<CellEdit[]>((r) => (resolve = r));
  return { stop: watchEdits(resolve), edits };
}

describe('marks taken off edited cells', () => {
  test('an edited problem cell loses its fill, border, note and its row’s Invalid status; the others keep theirs', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(30, 'Repayments', 10)] });
    await validate({ workbook, kiva: new StubKiva() }, input);
    expect(book.getCell('Repayments!C12')).toMatchObject({ fill: '#FFC7CE', note: expect.any(String) });

    const watched = nextEdits();
    await watched.stop;
    book.setValue('Repayments!C12', 25);
    const edits = await watched.edits;
    expect(edits).toEqual([{ worksheetId: expect.any(String), address: 'C12' }]);

    expect(book.getCell('Repayments!U12').value).toMatch(/^Invalid: C12: /);
    const before = book.syncCount;
    const cleared = await workbook.clearEdited(edits);
    expect(cleared).toEqual({ ok: true, value: 1 });
    // One read (the status cells of rows left unmarked), one write.
    expect(book.syncCount - before).toBe(2);
    expect(book.getCell('Repayments!C12')).toMatchObject({ value: 25, fill: undefined, note: undefined, borders: {} });
    expect(book.getCell('Repayments!U12')).toMatchObject({ value: '', fill: undefined, borders: {} });
    expect(book.getCell('Repayments!U2').value).toMatch(/^Invalid: C2: /);
    expect(book.getCell('Repayments!C2').fill).toBe('#FFC7CE');
    expect(book.getCell('Repayments!C22').note).toBeDefined();
    // The registry forgets the cell: the next check does not count it as an old mark to clear.
    expect(String(book.settings[MARKS_KEY + 'Repayments'])).not.toMatch(/C12(?!\d)/);
    expect(String(book.settings[MARKS_KEY + 'Repayments'])).toMatch(/C22/);
  });

  test('a pasted block over three marked cells is one read and one write; an unmarked cell costs no round trip', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(30, 'Repayments', 10)] });
    await validate({ workbook, kiva: new StubKiva() }, input);
    // Row 22's status is Kiva's answer (sent with a warning on C22, say): no edit takes it away.
    const sent = 'Sent · stage · 2026-11-01 09:00 · 70001';
    book.setValue('Repayments!U22', sent);
    const watched = nextEdits();
    await watched.stop;
    book.pasteValues('Repayments!C2', [[11], [12], ...Array.from({ length: 19 }, () => [13])]);
    const edits = await watched.edits;
    expect(edits).toEqual([{ worksheetId: expect.any(String), address: 'C2:C22' }]);

    const before = book.syncCount;
    expect(await workbook.clearEdited(edits)).toEqual({ ok: true, value: 3 });
    expect(book.syncCount - before).toBe(2);
    for (const row of [2, 12, 22]) expect(book.getCell(`Repayments!C${row}`).fill).toBeUndefined();
    expect([2, 12, 22].map((row) => book.getCell(`Repayments!U${row}`).value)).toEqual(['', '', sent]);
    expect(book.getCell('Repayments!B1').fill).toBe('#FFEB9C');

    const quiet = book.syncCount;
    const id = edits[0]?.worksheetId ?? '';
    expect(await workbook.clearEdited([{ worksheetId: id, address: 'D5' }])).toEqual({ ok: true, value: 0 });
    expect(book.syncCount).toBe(quiet);
  });

  test('a port that read nothing yet learns the registry first; the statuses wait for the next check', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(30, 'Repayments', 10)] }, OFFICE_2021);
    await validate({ workbook, kiva: new StubKiva() }, input);
    const fresh = createExcelWorkbook();
    const watched = nextEdits();
    await watched.stop;
    book.setValue('Repayments!C22', 40);
    const edits = await watched.edits;
    const before = book.syncCount;
    expect(await fresh.clearEdited(edits)).toEqual({ ok: true, value: 1 });
    expect(book.syncCount - before).toBe(2);
    expect(book.getCell('Repayments!C22').fill).toBeUndefined();
    // It never read the sheet, so it does not know where the status column is.
    expect(book.getCell('Repayments!U22').value).toMatch(/^Invalid: C22: /);
  });

  test('stops when asked: later edits are not reported', async () => {
    const { book } = rig({ sheets: [repaymentsSheet(3)] });
    const seen: CellEdit[][] = [];
    const stop = await watchEdits((edits) => seen.push(edits));
    const still = nextEdits();
    await still.stop;
    await stop();
    book.setValue('Repayments!C2', 1);
    // Excel tells every handler of one edit together: once the watcher still on has it, the stopped one had its turn.
    expect(await still.edits).toHaveLength(1);
    expect(seen).toEqual([]);
  });

  test('a row keeps its Invalid status while an error mark is left on it, or when it names another cell', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(10)] });
    const read = await workbook.read({ scope: { kind: 'active' }, isReference: () => false, withLists: false });
    expect(read.ok).toBe(true);
    const mark = (cell: string, severity: 'error' | 'warning'): CellMark => ({
      row: Number(cell.slice(1)),
      column: cell.charAt(0),
      severity,
      fill: FILL[severity],
      border: BORDER[severity],
      note: 'Kiva Sheets: x',
    });
    const invalid = (row: number, where: string) => ({
      row,
      text: `Invalid: ${where}: The amount must be 0 or more (found -5).`,
      fill: FILL.error,
      border: BORDER.error,
    });
    const plan: WriteBackPlan = {
      textFormat: '@',
      sheets: [
        {
          sheet: 'Repayments',
          statusColumn: { column: 'U', number: 21, exists: false, header: 'Kiva status', create: true },
          // Row 3: two errors. Row 4: an error and a warning. Row 5: its problem is on the schedule sheet.
          statuses: [invalid(3, 'C3'), invalid(4, 'C4'), invalid(5, 'Schedule!C5')],
          marks: [
            mark('C3', 'error'),
            mark('D3', 'error'),
            mark('C4', 'error'),
            mark('E4', 'warning'),
            mark('C5', 'warning'),
          ],
          clear: [],
        },
      ],
      log: { sheet: LOG_SHEET, headers: [], lines: [] },
    };
    expect((await workbook.apply(plan)).ok).toBe(true);
    const id = (
      await new Promise<CellEdit[]>((resolve) => {
        void watchEdits(resolve).then(() => book.pasteValues('Repayments!C3', [[1], [2], [3]]));
      })
    )[0]?.worksheetId as string;
    expect(await workbook.clearEdited([{ worksheetId: id, address: 'C3:C5' }])).toEqual({ ok: true, value: 3 });
    const status = (row: number) => String(book.getCell(`Repayments!U${row}`).value);
    expect(status(3)).toMatch(/^Invalid: C3: /);
    expect(status(4)).toBe('');
    expect(status(5)).toMatch(/^Invalid: Schedule!C5: /);
    expect(book.getCell('Repayments!D3').fill).toBe(FILL.error);
    expect(book.getCell('Repayments!E4').fill).toBe(FILL.warning);
  });
});
