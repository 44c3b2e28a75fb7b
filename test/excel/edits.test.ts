/**
 * The user editing a cell a check marked: Excel's change event (`worksheets.onChanged`, simulated) names the cells,
 * and the marks on them (fill, marker border, note, registry entry) go in one write for the whole batch.
 */
import { validate } from '../../src/app';
import { createExcelWorkbook, watchEdits, type CellEdit } from '../../src/excel';
import { MARKS_KEY } from '../../src/excel/state';
import { CLOCK, OFFICE_2021, repaymentsSheet, rig, StubKiva } from './helpers';

const input = { scope: { kind: 'active' as const }, clock: CLOCK };

/** Resolves with the next batch of edits the watcher reports. */
function nextEdits(): { stop: Promise<() => Promise<void>>; edits: Promise<CellEdit[]> } {
  let resolve: (edits: CellEdit[]) => void = () => undefined;
  const edits = new Promise<CellEdit[]>((r) => (resolve = r));
  return { stop: watchEdits(resolve), edits };
}

describe('marks taken off edited cells', () => {
  test('an edited problem cell loses its fill, border and note in one write; the others keep theirs', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(30, 'Repayments', 10)] });
    await validate({ workbook, kiva: new StubKiva() }, input);
    expect(book.getCell('Repayments!C12')).toMatchObject({ fill: '#FFC7CE', note: expect.any(String) });

    const watched = nextEdits();
    await watched.stop;
    book.setValue('Repayments!C12', 25);
    const edits = await watched.edits;
    expect(edits).toEqual([{ worksheetId: expect.any(String), address: 'C12' }]);

    const before = book.syncCount;
    const cleared = await workbook.clearEdited(edits);
    expect(cleared).toEqual({ ok: true, value: 1 });
    expect(book.syncCount - before).toBe(1);
    expect(book.getCell('Repayments!C12')).toMatchObject({ value: 25, fill: undefined, note: undefined, borders: {} });
    expect(book.getCell('Repayments!C2').fill).toBe('#FFC7CE');
    expect(book.getCell('Repayments!C22').note).toBeDefined();
    // The registry forgets the cell: the next check does not count it as an old mark to clear.
    expect(String(book.settings[MARKS_KEY + 'Repayments'])).not.toMatch(/C12(?!\d)/);
    expect(String(book.settings[MARKS_KEY + 'Repayments'])).toMatch(/C22/);
  });

  test('a pasted block over three marked cells is one write; an edit of an unmarked cell costs no round trip', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(30, 'Repayments', 10)] });
    await validate({ workbook, kiva: new StubKiva() }, input);
    const watched = nextEdits();
    await watched.stop;
    book.pasteValues('Repayments!C2', [[11], [12], ...Array.from({ length: 19 }, () => [13])]);
    const edits = await watched.edits;
    expect(edits).toEqual([{ worksheetId: expect.any(String), address: 'C2:C22' }]);

    const before = book.syncCount;
    expect(await workbook.clearEdited(edits)).toEqual({ ok: true, value: 3 });
    expect(book.syncCount - before).toBe(1);
    for (const row of [2, 12, 22]) expect(book.getCell(`Repayments!C${row}`).fill).toBeUndefined();
    expect(book.getCell('Repayments!B1').fill).toBe('#FFEB9C');

    const quiet = book.syncCount;
    const id = edits[0]?.worksheetId ?? '';
    expect(await workbook.clearEdited([{ worksheetId: id, address: 'D5' }])).toEqual({ ok: true, value: 0 });
    expect(book.syncCount).toBe(quiet);
  });

  test('a port that read nothing yet learns the registry first: one read, one write', async () => {
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
});
