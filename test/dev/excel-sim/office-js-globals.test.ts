/// <reference types="office-js" />
/**
 * Code written against `@types/office-js` and the real globals, as `src/excel` will be, running unchanged on the
 * simulation once `install()` has put `Excel`, `Office` and `OfficeExtension` on globalThis.
 */
import { type ExcelHost } from '../../../dev/excel-sim';
import { LOANS, makeHost } from './helpers';

interface Feedback {
  row: number;
  column: string;
  message: string;
}

/** What an adapter might do: status text (as text, never a formula), a fill, and a note where supported. */
async function writeFeedback(sheetName: string, feedback: Feedback[]): Promise<void> {
  const useNotes = Office.context.requirements.isSetSupported('ExcelApi', '1.18');
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    context.workbook.application.suspendApiCalculationUntilNextSync();
    const status = sheet.getRange(`F2:F${1 + feedback.length}`);
    status.numberFormat = feedback.map(() => ['@']);
    status.values = feedback.map((f) => [f.message]);
    sheet.getRanges(feedback.map((f) => `${f.column}${f.row}`).join(',')).format.fill.color = '#FFC7CE';
    if (useNotes) {
      for (const f of feedback) {
        const existing = context.workbook.notes.getItemOrNullObject(`${sheetName}!${f.column}${f.row}`);
        existing.load('content');
        await context.sync();
        if (existing.isNullObject) context.workbook.notes.add(`${sheetName}!${f.column}${f.row}`, f.message);
        else existing.content = f.message;
      }
    }
    await context.sync();
  });
}

async function readRows(sheetName: string): Promise<{ values: unknown[][]; hidden: boolean[] }> {
  return Excel.run(async (context) => {
    const used = context.workbook.worksheets.getItem(sheetName).getUsedRange(true);
    used.load('values, rowCount');
    await context.sync();
    const rows = Array.from({ length: used.rowCount }, (_, i) => used.getRow(i).load('rowHidden'));
    await context.sync();
    return { values: used.values, hidden: rows.map((r) => r.rowHidden) };
  });
}

async function sheetExists(name: string): Promise<boolean> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    await context.sync();
    return !sheet.isNullObject;
  });
}

describe('adapter code written for @types/office-js', () => {
  let host: ExcelHost;
  let uninstall: () => void;

  function start(h: ExcelHost) {
    host = h;
    uninstall = host.install();
  }

  afterEach(() => uninstall());

  test('writes feedback as text, fills and notes, and counts its round trips', async () => {
    start(makeHost());
    await writeFeedback('Loans', [
      { row: 2, column: 'C', message: '=Amount must be positive' },
      { row: 4, column: 'D', message: 'Date is in the future' },
    ]);
    const book = host.workbook;
    expect(book.getCell('Loans!F2')).toMatchObject({ value: '=Amount must be positive', formula: undefined });
    expect(book.fills).toEqual({ 'Loans!C2': '#FFC7CE', 'Loans!D4': '#FFC7CE' });
    expect(book.notes).toEqual({ 'Loans!C2': '=Amount must be positive', 'Loans!D4': 'Date is in the future' });
    expect(book.syncCount).toBe(3);
  });

  test('falls back when notes are not supported (ExcelApi 1.10)', async () => {
    start(makeHost(LOANS, { requirementSets: { ExcelApi: '1.10' } }));
    await writeFeedback('Loans', [{ row: 3, column: 'C', message: 'Too small' }]);
    expect(host.workbook.notes).toEqual({});
    expect(host.workbook.getCell('Loans!F2').value).toBe('Too small');
    expect(host.workbook.syncCount).toBe(1);
  });

  test('reads values and per-row visibility', async () => {
    start(makeHost({ sheets: [{ name: 'Loans', rows: [['id'], ['a'], ['b']], hiddenRows: [2] }] }));
    await expect(readRows('Loans')).resolves.toEqual({ values: [['id'], ['a'], ['b']], hidden: [false, true, false] });
    await expect(sheetExists('Loans')).resolves.toBe(true);
    await expect(sheetExists('Nope')).resolves.toBe(false);
  });

  test('errors are OfficeExtension.Error with Excel.ErrorCodes', async () => {
    start(makeHost());
    let caught: unknown;
    try {
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Missing').getRange('A1').load('values');
        await context.sync();
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(OfficeExtension.Error);
    expect((caught as OfficeExtension.Error).code).toBe(Excel.ErrorCodes.itemNotFound);
    expect(Excel.SheetVisibility.veryHidden).toBe('VeryHidden');
  });
});
