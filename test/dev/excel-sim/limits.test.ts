import { createExcelHost, loadWorkbook } from '../../../dev/excel-sim';
import { LOANS, makeHost, rejection, run } from './helpers';

const MB = 1024 * 1024;

/** `n` rows of one 100-character string: about 103 bytes each as JSON. */
const longRows = (n: number) => Array.from({ length: n }, (_, i) => [`${i}`.padEnd(100, 'x')]);

describe('Excel on the web limits', () => {
  test('a 6 MB write fails with RequestPayloadSizeLimitExceeded and applies nothing from its batch', async () => {
    const host = makeHost();
    const error = await rejection(
      run(host, async (context) => {
        const sheet = context.workbook.worksheets.getItem('Loans');
        sheet.getRange('E2').values = [['queued first']];
        sheet.getRange('H1:H60000').values = longRows(60_000);
        await context.sync();
      }),
    );
    expect(error).toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(host.workbook.getCell('Loans!E2').value).toBe('');
    expect(host.workbook.getCell('Loans!H1').value).toBe('');
    const [sync] = host.workbook.syncs;
    expect(sync?.error).toBe('RequestPayloadSizeLimitExceeded');
    expect(sync?.requestBytes).toBeGreaterThan(6 * MB);
  });

  test('a response over 5 MB fails with ResponsePayloadSizeLimitExceeded and the batch is undone', async () => {
    const book = loadWorkbook({ sheets: [{ name: 'Big', rows: longRows(55_000) }] });
    const host = createExcelHost(book);
    const error = await rejection(
      host.Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Big');
        sheet.getRange('B1').values = [['written in the same batch']];
        sheet.getRange('A1:A55000').load('values');
        await context.sync();
      }),
    );
    expect(error).toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(book.getCell('Big!B1').value).toBe('');
    expect(book.syncs[0]).toMatchObject({ error: 'ResponsePayloadSizeLimitExceeded' });
    expect(book.syncs[0]?.responseBytes).toBeGreaterThan(5 * MB);
  });

  test('whole columns and rows read back as null, with their shape still known', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      const column = sheet.getRange('A:A').load('values, text, numberFormat, address, rowCount');
      const columns = sheet.getRange('A:F').load('values, columnCount');
      const row = sheet.getRange('B2').getEntireRow().load('values, address');
      const entire = sheet.getRange('C3').getEntireColumn().load('values, address, isEntireColumn');
      const everything = sheet.getRange().load('values, address');
      await context.sync();
      expect([column.values, column.text, column.numberFormat]).toEqual([null, null, null]);
      expect([column.address, column.rowCount]).toEqual(['Loans!A:A', 1_048_576]);
      expect([columns.values, columns.columnCount]).toEqual([null, 6]);
      expect([row.values, row.address]).toEqual([null, 'Loans!2:2']);
      expect([entire.values, entire.address, entire.isEntireColumn]).toEqual([null, 'Loans!C:C', true]);
      expect([everything.values, everything.address]).toEqual([null, 'Loans!1:1048576']);
    });
  });

  test('reads of more than 5,000,000 cells return null values without an error', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      const huge = sheet.getRange('A1:F1000000').load('values, cellCount');
      await context.sync();
      expect(huge.values).toBeNull();
      expect(huge.cellCount).toBe(6_000_000);
    });
    const small = makeHost(LOANS, { limits: { readCells: 10 } });
    await run(small, async (context) => {
      const r = context.workbook.worksheets.getItem('Loans').getRange('A1:E3').load('values');
      await context.sync();
      expect(r.values).toBeNull();
    });
  });

  test('getRanges addresses longer than 8,192 characters fail with InvalidArgument', async () => {
    const host = makeHost();
    const cells = Array.from({ length: 2000 }, (_, i) => `D${i * 2 + 2}`);
    // The longest list that still fits in 8,192 characters.
    let address = '';
    for (const cell of cells) {
      const next = address === '' ? cell : `${address},${cell}`;
      if (next.length > 8192) break;
      address = next;
    }
    await run(host, async (context) => {
      const areas = context.workbook.worksheets.getItem('Loans').getRanges(address).load('areaCount');
      areas.format.fill.color = '#FFC7CE';
      await context.sync();
      expect(areas.areaCount).toBeGreaterThan(1000);
    });
    const tooLong = cells.join(',');
    expect(tooLong.length).toBeGreaterThan(8192);
    const error = await rejection(
      run(host, async (context) => {
        context.workbook.worksheets.getItem('Loans').getRanges(tooLong).format.fill.clear();
        await context.sync();
      }),
    );
    expect(error).toMatchObject({ code: 'InvalidArgument', debugInfo: { errorLocation: 'Worksheet.getRanges' } });
  });

  test('syncs, request/response bytes and actions are counted per round trip', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const range = context.workbook.worksheets.getItem('Loans').getRange('A1:E4').load('values');
      await context.sync();
      range.getCell(1, 4).values = [['Sent']];
      await context.sync();
    });
    const book = host.workbook;
    expect(book.syncCount).toBe(2);
    // worksheets, getItem, getRange, load; then getCell and the write.
    expect(book.actionsPerSync).toEqual([4, 2]);
    expect(book.bytesPerSync.every((n) => n > 100 && n < 2000)).toBe(true);
    expect(book.responseBytesPerSync[0]).toBeGreaterThan(JSON.stringify([['Loan ID']]).length);
    book.resetCounters();
    expect(book.syncCount).toBe(0);
  });

  test('payload sizes are close to what the real request builder measured (office-notes.md)', async () => {
    const host = makeHost();
    const strings = Array.from({ length: 5000 }, (_, r) =>
      Array.from({ length: 20 }, (_, c) => `Kiva ${r}-${c}`.padEnd(12, '.')),
    );
    const numbers = Array.from({ length: 5000 }, (_, r) => Array.from({ length: 20 }, (_, c) => r * 20 + c + 0.25));
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      sheet.getRange('A10:T5009').values = strings;
      await context.sync();
      sheet.getRange('A10:T5009').values = numbers;
      await context.sync();
    });
    const [stringBytes = 0, numberBytes = 0] = host.workbook.bytesPerSync;
    expect(stringBytes / MB).toBeGreaterThan(1.2);
    expect(stringBytes / MB).toBeLessThan(2);
    expect(numberBytes / MB).toBeGreaterThan(0.6);
    expect(numberBytes / MB).toBeLessThan(1.1);
  });

  test('1,000 scattered fills: one Range each vs one getRanges (≈579 KB/4,003 actions vs ≈5.8 KB/7)', async () => {
    const host = makeHost();
    const cells = Array.from({ length: 1000 }, (_, i) => `D${2 + i * 3}`);
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      for (const cell of cells) sheet.getRange(cell).format.fill.color = '#FFC7CE';
      await context.sync();
      sheet.getRanges(cells.join(',')).format.fill.color = '#FFC7CE';
      await context.sync();
    });
    const [one, areas] = host.workbook.syncs;
    expect(one?.actions).toBeGreaterThanOrEqual(4000);
    expect(one?.requestBytes).toBeGreaterThan(450_000);
    expect(one?.requestBytes).toBeLessThan(700_000);
    expect(areas?.actions).toBeLessThan(10);
    expect(areas?.requestBytes).toBeLessThan(9_000);
    expect(Object.keys(host.workbook.fills)).toHaveLength(1000);
  });
});
