import { SimOfficeError } from '../../../dev/excel-sim';
import { makeHost, rejection, run, thrown } from './helpers';

describe('proxies, load and sync', () => {
  test('a property is unavailable until it has been loaded and synced', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const range = context.workbook.worksheets.getItem('Loans').getRange('A1:C2');
      expect(thrown(() => range.values)).toMatchObject({ code: 'PropertyNotLoaded' });
      range.load('values, address');
      // Loaded but not synced yet: still unavailable.
      expect(thrown(() => range.values)).toMatchObject({ code: 'PropertyNotLoaded' });
      await context.sync();
      expect(range.values).toEqual([
        ['Loan ID', 'Borrower', 'Amount'],
        ['00123', 'Amina', 500],
      ]);
      expect(range.address).toBe('Loans!A1:C2');
      expect(thrown(() => range.rowCount)).toMatchObject({ code: 'PropertyNotLoaded' });
    });
  });

  test('the error is an OfficeExtension.Error look-alike with a debug location', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const range = context.workbook.worksheets.getItem('Loans').getRange('A1');
      const error = thrown(() => range.text);
      expect(error).toBeInstanceOf(host.OfficeExtension.Error as typeof SimOfficeError);
      expect(error).toMatchObject({ name: 'RichApi.Error', debugInfo: { errorLocation: 'Range.text' } });
      expect(error.message).toContain("'text'");
    });
  });

  test('writes are queued and applied only at sync; the proxy keeps the value it was given', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const cell = context.workbook.worksheets.getItem('Loans').getRange('B2');
      cell.values = [['Amina K.']];
      cell.format.fill.color = 'yellow';
      expect(host.workbook.getCell('Loans!B2')).toMatchObject({ value: 'Amina', fill: undefined });
      expect(cell.values).toEqual([['Amina K.']]);
      await context.sync();
      expect(host.workbook.getCell('Loans!B2')).toMatchObject({ value: 'Amina K.', fill: '#FFFF00' });
    });
  });

  test('Excel.run syncs what the batch left queued and resolves with its value', async () => {
    const host = makeHost();
    const result = await run(host, async (context) => {
      context.workbook.worksheets.getItem('Loans').getRange('E2').values = [['Sent']];
      return 42;
    });
    expect(result).toBe(42);
    expect(host.workbook.getCell('Loans!E2').value).toBe('Sent');
    expect(host.workbook.syncCount).toBe(1);
  });

  test('a sync with nothing queued is not a round trip', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      await context.sync();
      await context.sync('pass');
    });
    expect(host.workbook.syncCount).toBe(0);
  });

  test('a failing action stops the batch; what ran before it stays applied, as in Excel', async () => {
    const host = makeHost();
    const error = await rejection(
      run(host, async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.getItem('Loans').getRange('B2').values = [['before']];
        sheets.getItem('Missing').getRange('A1').values = [['x']];
        sheets.getItem('Loans').getRange('B3').values = [['after']];
        const probe = sheets.getItem('Loans').getRange('B4').load('values');
        await context.sync();
        return probe;
      }),
    );
    expect(error).toMatchObject({ code: 'ItemNotFound', debugInfo: { errorLocation: 'WorksheetCollection.getItem' } });
    expect(host.workbook.getCell('Loans!B2').value).toBe('before');
    expect(host.workbook.getCell('Loans!B3').value).toBe('Brian');
    expect(host.workbook.syncs[0]?.error).toBe('ItemNotFound');
  });

  test('getItemOrNullObject: isNullObject after sync, and properties of a null object read undefined', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Missing');
      const present = context.workbook.worksheets.getItemOrNullObject('Loans');
      expect(thrown(() => missing.isNullObject)).toMatchObject({ code: 'PropertyNotLoaded' });
      missing.load('name');
      const cell = missing.getRange('A1').load('values');
      missing.getRange('A1').values = [['ignored']];
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(missing.name).toBeUndefined();
      expect(cell.isNullObject).toBe(true);
      expect(cell.values).toBeUndefined();
    });
  });

  test('every load form Office.js accepts', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      const a = sheet.getRange('A1').load(['values', 'rowIndex']);
      const b = sheet.getRange('B2').load({ select: 'text, columnIndex', expand: 'format/fill' });
      const c = sheet.getRange('C2').load({ values: true, format: { font: { bold: true } } });
      const d = sheet.getRange('D2').load('format/fill/color, worksheet/name');
      const e = sheet.getRange('E2').load();
      await context.sync();
      expect([a.values, a.rowIndex]).toEqual([[['Loan ID']], 0]);
      expect([b.text, b.columnIndex, b.format.fill.color]).toEqual([[['Amina']], 1, '#FFFFFF']);
      expect([c.values, c.format.font.bold]).toEqual([[[500]], false]);
      expect([d.format.fill.color, d.worksheet.name]).toEqual(['#FFFFFF', 'Loans']);
      expect(e.address).toBe('Loans!E2');
      expect(e.valueTypes).toEqual([['Empty']]);
      expect(thrown(() => c.text)).toMatchObject({ code: 'PropertyNotLoaded' });
    });
  });

  test('collections: items after load("items/name"), load("name") and load()', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheets = context.workbook.worksheets;
      expect(thrown(() => sheets.items)).toMatchObject({ code: 'PropertyNotLoaded' });
      sheets.load('items/name, items/visibility');
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([
        ['Loans', 'Visible'],
        ['Lists', 'Hidden'],
      ]);
      expect(thrown(() => sheets.items[0]?.position)).toMatchObject({ code: 'PropertyNotLoaded' });
      // Items are live proxies: they can be used in the next batch.
      sheets.items[1]?.getRange('B1').set({ values: [['Theme']] });
      const all = context.workbook.worksheets.load();
      await context.sync();
      expect(all.items[0]?.id).toMatch(/^\{[0-9A-F-]+\}$/);
      // Like Office.js, each load of a collection replaces its items: the last one decides what they hold.
      const names = context.workbook.worksheets.load('name');
      await context.sync();
      expect(names.items.map((s) => s.name)).toEqual(['Loans', 'Lists']);
      expect(thrown(() => names.items[0]?.id)).toMatchObject({ code: 'PropertyNotLoaded' });
    });
    expect(host.workbook.getCell('Lists!B1').value).toBe('Theme');
  });

  test('ClientResult values: ValueNotLoaded before sync', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const count = context.workbook.worksheets.getCount();
      expect(thrown(() => count.value)).toMatchObject({ code: 'ValueNotLoaded' });
      await context.sync();
      expect(count.value).toBe(2);
    });
  });

  test('set(), toJSON() and context.load()', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const range = context.workbook.worksheets.getItem('Loans').getRange('E2:E3');
      range.set({ values: [['A'], ['B']], format: { fill: { color: '#C6EFCE' }, font: { bold: true } } });
      context.load(range, 'values, address');
      await context.sync();
      expect(range.toJSON()).toMatchObject({ values: [['A'], ['B']], address: 'Loans!E2:E3' });
    });
    expect(host.workbook.getCell('Loans!E3')).toMatchObject({ value: 'B', fill: '#C6EFCE', bold: true });
  });

  test('misuse fails loudly: unknown properties, foreign contexts, run without a promise', async () => {
    const host = makeHost();
    let stale: unknown;
    await run(host, async (context) => {
      const range = context.workbook.worksheets.getItem('Loans').getRange('A1');
      expect(() => {
        (range as unknown as Record<string, unknown>).horizontalAlignment = 'Center';
      }).toThrow(TypeError);
      expect(() => {
        (range as unknown as Record<string, unknown>).address = 'B2';
      }).toThrow(TypeError);
      stale = range;
    });
    await expect(
      run(host, async (context) => {
        context.workbook.notes.add(stale as never, 'hello');
      }),
    ).rejects.toMatchObject({ code: 'InvalidRequestContext' });
    await expect(host.Excel.run((() => undefined) as never)).rejects.toMatchObject({ code: 'RunMustReturnPromise' });
  });

  test('trace messages come back on a failed sync', async () => {
    const host = makeHost();
    const error = await rejection(
      run(host, async (context) => {
        context.trace('writing statuses');
        context.workbook.worksheets.getItem('Loans').getRange('A1:B1').values = [['only one']];
        await context.sync();
      }),
    );
    expect(error).toMatchObject({ code: 'InvalidArgument', traceMessages: ['writing statuses'] });
  });

  test('Excel.run(previousObjects) and new Excel.RequestContext()', async () => {
    const host = makeHost();
    const range = await run(host, async (context) => {
      const r = context.workbook.worksheets.getItem('Loans').getRange('C2');
      context.trackedObjects.add(r);
      return r;
    });
    await host.Excel.run(range, async (context) => {
      range.load('values');
      await context.sync();
      expect(range.values).toEqual([[500]]);
    });
    const context = new host.Excel.RequestContext();
    const sheet = context.workbook.worksheets.getActiveWorksheet().load('name');
    await context.sync();
    expect(sheet.name).toBe('Loans');
  });
});
