import { displayText, evaluateFormula, serialFromDate } from '../../../dev/excel-sim';
import { makeHost, rejection, run } from './helpers';

describe('what Excel stores when values are written', () => {
  test('formula injection: `=1+1` becomes a formula in a General cell and stays text in an `@` cell', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      sheet.getRange('E2').values = [['=1+1']];
      sheet.getRange('A5').values = [['=1+1']];
      await context.sync();
    });
    expect(host.workbook.getCell('Loans!E2')).toMatchObject({ value: 2, formula: '=1+1', valueType: 'Double' });
    expect(host.workbook.getCell('Loans!A5')).toMatchObject({ value: '=1+1', formula: undefined, valueType: 'String' });
  });

  test('`+`, `-` and `@` start formulas too; anything the simulation cannot calculate reads #NAME?', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      context.workbook.worksheets.getItem('Loans').getRange('E2:E6').values = [
        ['-see notes'],
        ['+cmd|calc'],
        ['@SUM(A1)'],
        ['=HYPERLINK("http://x","y")'],
        ['-'],
      ];
    });
    const book = host.workbook;
    expect(book.getCell('Loans!E2')).toMatchObject({ formula: '=-see notes', value: '#NAME?', valueType: 'Error' });
    expect(book.getCell('Loans!E3').formula).toBe('=+cmd|calc');
    expect(book.getCell('Loans!E4').formula).toBe('=@SUM(A1)');
    expect(book.getCell('Loans!E5')).toMatchObject({ formula: '=HYPERLINK("http://x","y")', text: '#NAME?' });
    expect(book.getCell('Loans!E6')).toMatchObject({ formula: undefined, value: '-' });
  });

  test('setting numberFormat "@" earlier in the same batch protects the value; later does not', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      const safe = sheet.getRange('E2');
      safe.numberFormat = [['@']];
      safe.values = [['=cmd()']];
      const unsafe = sheet.getRange('E3');
      unsafe.values = [['=cmd()']];
      unsafe.numberFormat = [['@']];
    });
    expect(host.workbook.getCell('Loans!E2')).toMatchObject({ value: '=cmd()', formula: undefined, numberFormat: '@' });
    expect(host.workbook.getCell('Loans!E3')).toMatchObject({ formula: '=cmd()', numberFormat: '@' });
  });

  test('a whole-column "@" format protects cells written later, without a million cells', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      sheet.getRange('F:F').numberFormat = '@' as never;
      await context.sync();
      sheet.getRange('F900').values = [['=cmd()']];
    });
    expect(host.workbook.getCell('Loans!F900')).toMatchObject({
      value: '=cmd()',
      formula: undefined,
      numberFormat: '@',
    });
    expect(host.workbook.sheet('Loans').cells.size).toBeLessThan(30);
  });

  test('typed-in parsing: ids lose leading zeros in General cells, booleans, percents, errors, apostrophes', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      context.workbook.worksheets.getItem('Loans').getRange('E1:F6').values = [
        ['00126', '00126'],
        ['TRUE', 'true'],
        ['50%', '1,234.5'],
        ['#N/A', '#n/a'],
        ["'=1+1", "'00126"],
        ['2024-03-15', '3/15/2024'],
      ];
      context.workbook.worksheets.getItem('Loans').getRange('A6').values = [['00126']];
    });
    const cell = (a: string) => host.workbook.getCell(`Loans!${a}`);
    expect(cell('E1')).toMatchObject({ value: 126, valueType: 'Double' });
    expect(cell('A6')).toMatchObject({ value: '00126', valueType: 'String' });
    expect([cell('E2').value, cell('F2').value]).toEqual([true, true]);
    expect(cell('E3')).toMatchObject({ value: 0.5, numberFormat: '0%', text: '50%' });
    expect(cell('F3')).toMatchObject({ value: 1234.5, text: '1,234.50' });
    expect(cell('E4')).toMatchObject({ value: '#N/A', valueType: 'Error', text: '#N/A' });
    expect(cell('F4').value).toBe('#N/A');
    expect(cell('E5')).toMatchObject({ value: '=1+1', formula: undefined });
    expect(cell('F5')).toMatchObject({ value: '00126', valueType: 'String' });
    expect(cell('E6')).toMatchObject({ value: serialFromDate(2024, 3, 15), text: '2024-03-15' });
    expect(cell('F6')).toMatchObject({ value: serialFromDate(2024, 3, 15), text: '3/15/2024' });
  });

  test('null leaves a cell alone, "" empties it, a single value fills the range', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      sheet.getRange('B2:C2').values = [[null, '']];
      sheet.getRange('E2:E4').values = 'Pending' as never;
    });
    expect(host.workbook.getValues('Loans!B2:E4')).toEqual([
      ['Amina', '', serialFromDate(2024, 1, 5), 'Pending'],
      ['Brian', 750.5, serialFromDate(2024, 2, 10), 'Pending'],
      ['Chen', 1200, serialFromDate(2024, 3, 15), 'Pending'],
    ]);
  });

  test('a 2-D array of the wrong shape fails with InvalidArgument', async () => {
    const host = makeHost();
    const error = await rejection(
      run(host, async (context) => {
        context.workbook.worksheets.getItem('Loans').getRange('A1:B2').values = [['a', 'b']];
      }),
    );
    expect(error).toMatchObject({ code: 'InvalidArgument', debugInfo: { errorLocation: 'Range.values' } });
  });

  test('read-back: text follows the number format, formulas show the formula, valueTypes classify', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      const range = sheet.getRange('C2:D4');
      range.numberFormat = [
        ['#,##0.00', 'dd/mm/yyyy'],
        ['0', 'd-mmm-yy'],
        ['"KES "#,##0', 'yyyy-mm-dd hh:mm'],
      ];
      sheet.getRange('E2').formulas = [['=2*3']];
      const read = sheet.getRange('C2:E4').load('text, formulas, valueTypes');
      await context.sync();
      expect(read.text).toEqual([
        ['500.00', '05/01/2024', '6'],
        ['751', '10-Feb-24', ''],
        ['KES 1,200', '2024-03-15 00:00', ''],
      ]);
      expect(read.formulas[0]).toEqual([500, serialFromDate(2024, 1, 5), '=2*3']);
      expect(read.valueTypes[0]).toEqual(['Double', 'Double', 'Double']);
      expect(read.valueTypes[1]?.[2]).toBe('Empty');
    });
  });

  test('number formats and formulas in isolation', () => {
    expect(displayText(1234.5, '#,##0.00')).toBe('1,234.50');
    expect(displayText(-3, '#,##0;(#,##0)')).toBe('(3)');
    expect(displayText(0.125, '0.0%')).toBe('12.5%');
    expect(displayText(1 / 3, 'General')).toBe('0.333333333');
    expect(displayText(123456789012, 'General')).toBe('1.23457E+11');
    expect(displayText(serialFromDate(2024, 12, 31), 'mmmm d, yyyy')).toBe('December 31, 2024');
    expect(displayText(60, 'yyyy-mm-dd')).toBe('1900-02-29');
    expect(displayText(45000.75, 'h:mm AM/PM')).toBe('6:00 PM');
    expect(evaluateFormula('=(1+2)*3^2')).toEqual({ value: 27 });
    expect(evaluateFormula('="a"&"b"')).toEqual({ value: 'ab' });
    expect(evaluateFormula('=1/0')).toEqual({ value: '#DIV/0!', error: true });
    expect(evaluateFormula('=A1')).toEqual({ value: '#NAME?', error: true });
  });
});
