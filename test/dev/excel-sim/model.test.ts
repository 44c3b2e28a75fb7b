import {
  MAX_ROWS,
  dumpWorkbook,
  formatRect,
  gridView,
  loadWorkbook,
  parseAddress,
  utf8Length,
} from '../../../dev/excel-sim';
import { LOANS, makeHost, run } from './helpers';

describe('the workbook model', () => {
  test('addresses parse and print the way Excel writes them', () => {
    expect(parseAddress("'My loans'!$B$2:A1")).toEqual({
      sheet: 'My loans',
      rect: { top: 0, left: 0, bottom: 1, right: 1 },
    });
    expect(parseAddress("'it''s'!C3").sheet).toBe("it's");
    expect(formatRect(parseAddress('C:A').rect)).toBe('A:C');
    expect(formatRect(parseAddress('5:3').rect)).toBe('3:5');
    expect(parseAddress('XFD1048576').rect).toEqual({
      top: MAX_ROWS - 1,
      left: 16_383,
      bottom: MAX_ROWS - 1,
      right: 16_383,
    });
    for (const bad of ['', 'A0', 'XFE1', 'A1:B2:C3', 'Loans!', 'hello world']) {
      expect(() => parseAddress(bad)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    }
  });

  test('invalid addresses reach adapter code as InvalidArgument at sync', async () => {
    const host = makeHost();
    await expect(
      run(host, async (context) => {
        context.workbook.worksheets.getItem('Loans').getRange('A1:ZZZZ9').load('values');
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument', debugInfo: { errorLocation: 'Worksheet.getRange' } });
    await expect(
      run(host, async (context) => {
        context.workbook.worksheets.getItem('Loans').getRange('Lists!A1').load('values');
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('loadWorkbook takes data literally, dumpWorkbook gives it back', () => {
    const book = loadWorkbook({
      ...LOANS,
      selection: 'B2',
      settings: { mapping: { amount: 'C' } },
    });
    book.sheet('Loans').setNote(1, 2, { content: 'note', author: 'x', visible: false, width: 1, height: 1 });
    expect(book.getCell('Loans!A2')).toMatchObject({ value: '00123', numberFormat: '@', text: '00123' });
    expect(book.getCell('Loans!D2')).toMatchObject({ value: 45296, numberFormat: 'yyyy-mm-dd', text: '2024-01-05' });
    const dumped = dumpWorkbook(book);
    expect(dumped.sheets[0]).toMatchObject({ name: 'Loans', columnFormats: { A: '@' }, notes: { C2: 'note' } });
    expect(dumped.sheets[1]).toMatchObject({ name: 'Lists', visibility: 'Hidden' });
    expect(dumped).toMatchObject({ activeSheet: 'Loans', selection: 'B2', settings: { mapping: { amount: 'C' } } });
    const again = dumpWorkbook(loadWorkbook(dumped));
    expect(again).toEqual(dumped);
  });

  test('direct edits by "the user" use the same typing rules and notify subscribers', () => {
    const book = loadWorkbook(LOANS);
    const seen: number[] = [];
    const unsubscribe = book.subscribe(() => seen.push(book.version));
    book.setValue('Loans!E2', '=1+2');
    book.setValue('Loans!A5', '=1+2');
    unsubscribe();
    book.setValue('Loans!E3', 'ignored by the listener');
    expect(seen).toEqual([1, 2]);
    expect(book.getCell('Loans!E2')).toMatchObject({ value: 3, formula: '=1+2' });
    expect(book.getCell('Loans!A5')).toMatchObject({ value: '=1+2', formula: undefined });
  });

  test('the grid view model lists cells with text, fill, note, list and selection', () => {
    const book = loadWorkbook({
      sheets: [
        {
          name: 'Loans',
          rows: [['Amount'], [1200]],
          numberFormats: [[null], ['#,##0']],
          fills: { A2: '#FFC7CE' },
          notes: { A2: 'Too large' },
          validations: [{ address: 'B2:B3', rule: { list: { inCellDropDown: true, source: 'Yes,No' } } }],
          hiddenRows: [3],
        },
        { name: 'Secret', visibility: 'VeryHidden' },
      ],
      selection: 'A2',
    });
    const view = gridView(book, { minRows: 3, minColumns: 2 });
    expect(view.tabs).toEqual([{ name: 'Loans', visibility: 'Visible', active: true, tabColor: undefined }]);
    expect(view.rows).toHaveLength(4);
    expect(view.columns.map((c) => c.letter)).toEqual(['A', 'B', 'C']);
    expect(view.rows[2]?.hidden).toBe(true);
    expect(view.rows[1]?.cells[0]).toMatchObject({
      ref: 'A2',
      text: '1,200',
      fill: '#FFC7CE',
      note: 'Too large',
      active: true,
      selected: true,
    });
    expect(view.rows[1]?.cells[1]).toMatchObject({ ref: 'B2', listSource: 'Yes,No', selected: false });
    expect(view).toMatchObject({ activeCell: 'Loans!A2', selection: 'Loans!A2' });
  });

  test('utf8Length counts like the wire does', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });
});
