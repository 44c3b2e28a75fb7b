import { OFFICE_2021_REQUIREMENT_SETS } from '../../../dev/excel-sim';
import { LOANS, makeHost, rejection, run, thrown } from './helpers';

const HIDDEN: Parameters<typeof makeHost>[0] = {
  sheets: [{ name: 'Loans', rows: [['id'], ['a'], ['b'], ['c'], ['d']], hiddenRows: [3, 5] }],
};

describe('requirement sets', () => {
  test('isSetSupported compares versions as Office does', () => {
    const office = makeHost().Office as {
      context: { requirements: { isSetSupported(n: string, v?: string | number): boolean } };
    };
    const { isSetSupported } = office.context.requirements;
    expect(isSetSupported('ExcelApi', '1.18')).toBe(true);
    expect(isSetSupported('ExcelApi', '1.19')).toBe(false);
    expect(isSetSupported('excelapi')).toBe(true);
    expect(isSetSupported('SharedRuntime', '1.1')).toBe(true);
    expect(isSetSupported('NoSuchApi', '1.1')).toBe(false);

    const old = makeHost(LOANS, { requirementSets: OFFICE_2021_REQUIREMENT_SETS }).Office as typeof office;
    expect(old.context.requirements.isSetSupported('ExcelApi', '1.10')).toBe(true);
    expect(old.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(false);
    // A number 1.10 is 1.1: the trap is real in Office.js too.
    expect(old.context.requirements.isSetSupported('ExcelApi', 1.1)).toBe(true);
  });

  test('below ExcelApi 1.18 the notes API does not exist: ApiNotFound, synchronously', async () => {
    const host = makeHost(LOANS, { requirementSets: { ExcelApi: '1.10' } });
    await run(host, async (context) => {
      expect(thrown(() => context.workbook.notes)).toMatchObject({ code: 'ApiNotFound' });
      expect(thrown(() => context.workbook.worksheets.getItem('Loans').notes)).toMatchObject({ code: 'ApiNotFound' });
      // Things the 1.10 baseline has keep working.
      context.workbook.worksheets.getItem('Loans').getRanges('A1,B2').format.fill.color = 'red';
    });
    expect(host.workbook.fills).toEqual({ 'Loans!A1': '#FF0000', 'Loans!B2': '#FF0000' });
    const older = makeHost(LOANS, { requirementSets: { ExcelApi: '1.7' } });
    await run(older, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      expect(thrown(() => sheet.getRanges('A1'))).toMatchObject({ code: 'ApiNotFound' });
      expect(thrown(() => sheet.getRange('A1').dataValidation)).toMatchObject({ code: 'ApiNotFound' });
    });
  });
});

describe('notes (ExcelApi 1.18)', () => {
  test('add, read, list, edit and delete', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const notes = context.workbook.notes;
      notes.add('Loans!C3', 'Amount must be positive');
      notes.add(context.workbook.worksheets.getItem('Loans').getRange('B2'), 'Check the name');
      await context.sync();
      const one = notes.getItem('Loans!C3').load('content, authorName');
      const none = notes.getItemOrNullObject('Loans!D4');
      notes.load('items/content');
      const count = notes.getCount();
      await context.sync();
      expect([one.content, one.authorName]).toEqual(['Amount must be positive', 'Kiva Coordinator']);
      expect(none.isNullObject).toBe(true);
      expect(notes.items.map((n) => n.content)).toEqual(['Check the name', 'Amount must be positive']);
      expect(count.value).toBe(2);
      one.content = 'Amount must be more than 0';
      notes.getItem('Loans!B2').delete();
      const location = one.getLocation().load('address');
      await context.sync();
      expect(location.address).toBe('Loans!C3');
    });
    expect(host.workbook.notes).toEqual({ 'Loans!C3': 'Amount must be more than 0' });
    expect(host.workbook.getCell('Loans!C3').note).toBe('Amount must be more than 0');
  });

  test('a second note on a cell, a multi-cell address and a missing note are errors', async () => {
    const host = makeHost({ sheets: [{ name: 'Loans', notes: { A1: 'first' } }] });
    await expect(
      run(host, async (context) => {
        context.workbook.notes.add('Loans!A1', 'second');
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(
      run(host, async (context) => {
        context.workbook.notes.add('Loans!A1:B2', 'wide');
      }),
    ).rejects.toMatchObject({ code: 'InvalidCellAddress' });
    await expect(
      run(host, async (context) => {
        context.workbook.notes.getItem('Loans!B1').load('content');
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(host.workbook.notes).toEqual({ 'Loans!A1': 'first' });
  });

  test('worksheet.notes only sees its own sheet', async () => {
    const host = makeHost({
      sheets: [
        { name: 'Loans', notes: { A1: 'x' } },
        { name: 'Other', notes: { B2: 'y' } },
      ],
    });
    await run(host, async (context) => {
      const notes = context.workbook.worksheets.getItem('Other').notes.load('items/content');
      notes.add('C3', 'z');
      await context.sync();
      expect(notes.items.map((n) => n.content)).toEqual(['y']);
    });
    expect(host.workbook.notes).toEqual({ 'Loans!A1': 'x', 'Other!B2': 'y', 'Other!C3': 'z' });
  });
});

describe('settings', () => {
  test('workbook.settings round trip through JSON', async () => {
    const host = makeHost();
    const mapping = { amount: 'C', borrower: 'B', nested: { ok: true } };
    await run(host, async (context) => {
      context.workbook.settings.add('kiva.mapping', mapping);
      const missing = context.workbook.settings.getItemOrNullObject('kiva.missing').load('value');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      const read = context.workbook.settings.getItem('kiva.mapping').load('value');
      await context.sync();
      expect(read.value).toEqual(mapping);
      read.value = { ...mapping, amount: 'D' };
    });
    expect(host.workbook.setting('kiva.mapping')).toEqual({ ...mapping, amount: 'D' });
    await run(host, async (context) => {
      context.workbook.settings.getItem('kiva.mapping').delete();
    });
    expect(host.workbook.settings).toEqual({});
  });

  test('Office.context.document.settings keeps an in-memory copy until saveAsync', async () => {
    const host = makeHost({ ...LOANS, settings: { env: 'stage' } });
    type Settings = {
      get(n: string): unknown;
      set(n: string, v: unknown): void;
      saveAsync(cb: (r: { status: string }) => void): void;
      refreshAsync(cb: (r: { status: string }) => void): void;
    };
    const settings = (host.Office as { context: { document: { settings: Settings } } }).context.document.settings;
    expect(settings.get('env')).toBe('stage');
    expect(settings.get('missing')).toBeNull();
    settings.set('env', 'production');
    expect(host.workbook.setting('env')).toBe('stage');
    const status = await new Promise((resolve) => settings.saveAsync((r) => resolve(r.status)));
    expect(status).toBe('succeeded');
    expect(host.workbook.setting('env')).toBe('production');
    await run(host, async (context) => {
      context.workbook.settings.add('partner', 145);
    });
    expect(settings.get('partner')).toBeNull();
    await new Promise((resolve) => settings.refreshAsync(resolve));
    expect(settings.get('partner')).toBe(145);
  });
});

describe('hidden rows and visible views', () => {
  test('rowHidden is true, false, or null when mixed; per row with getRow(i)', async () => {
    const host = makeHost(HIDDEN);
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      const all = sheet.getRange('A2:A5').load('rowHidden');
      const hidden = sheet.getRange('A3').load('rowHidden');
      const shown = sheet.getRange('A2').load('rowHidden');
      const rows = [0, 1, 2, 3].map((i) => sheet.getRange('A2:A5').getRow(i).load('rowHidden, rowIndex'));
      await context.sync();
      expect([all.rowHidden, hidden.rowHidden, shown.rowHidden]).toEqual([null, true, false]);
      expect(rows.map((r) => [r.rowIndex, r.rowHidden])).toEqual([
        [1, false],
        [2, true],
        [3, false],
        [4, true],
      ]);
      sheet.getRange('A4').rowHidden = true;
      sheet.getRange('3:3').rowHidden = false;
    });
    expect([2, 3, 4, 5].map((r) => host.workbook.getCell(`Loans!A${r}`).rowHidden)).toEqual([false, false, true, true]);
  });

  test('getVisibleView lists the visible rows, their values and their addresses', async () => {
    const host = makeHost(HIDDEN);
    await run(host, async (context) => {
      const view = context.workbook.worksheets.getItem('Loans').getRange('A2:A5').getVisibleView();
      view.load('values, cellAddresses, rowCount');
      view.rows.load('items/index, items/values');
      await context.sync();
      expect(view.values).toEqual([['a'], ['c']]);
      expect(view.cellAddresses).toEqual([['Loans!A2'], ['Loans!A4']]);
      expect(view.rowCount).toBe(2);
      expect(view.rows.items.map((r) => r.values)).toEqual([[['a']], [['c']]]);
      const second = view.rows.getItemAt(1).getRange().load('address');
      await context.sync();
      expect(second.address).toBe('Loans!A4');
    });
  });
});

describe('formatting, validation, sheets, selection', () => {
  test('fill and font: set, read back (white when none, null when mixed), clear', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      sheet.getRange('C2').format.fill.color = '#ffc7ce';
      sheet.getRange('C3').format.font.color = 'darkred';
      sheet.getRange('A1:E1').format.font.bold = true;
      const mixed = sheet.getRange('C2:C3').format.fill.load('color');
      const none = sheet.getRange('D2').format.fill.load('color');
      const bold = sheet.getRange('A1:E1').format.font.load('bold, color');
      await context.sync();
      expect([mixed.color, none.color, bold.bold, bold.color]).toEqual([null, '#FFFFFF', true, '#000000']);
      sheet.getRange('C2').format.fill.clear();
      sheet.getRange('B:B').format.fill.color = '#FFEB9C';
    });
    expect(host.workbook.fills).toEqual({ 'Loans!B:B': '#FFEB9C' });
    expect(host.workbook.getCell('Loans!B900')).toMatchObject({ fill: '#FFEB9C' });
    expect(host.workbook.getCell('Loans!C3').fontColor).toBe('#8B0000');
  });

  test('borders: an edge index is each area’s outline, inside indexes the lines between cells, None removes', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      const borders = sheet.getRanges('B2:C3,E4').format.borders;
      for (const side of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const) {
        const border = borders.getItem(side);
        border.style = 'Continuous';
        border.weight = 'Medium';
        border.color = '#9c5700';
      }
      const top = sheet.getRange('B2:C2').format.borders.getItem('EdgeTop').load('color, style');
      const inner = sheet.getRange('B2:C3').format.borders.getItem('InsideHorizontal').load('style');
      await context.sync();
      expect([top.color, top.style, inner.style]).toEqual(['#9C5700', 'Continuous', 'None']);
      expect(thrown(() => borders.getItem('Around' as never))).toMatchObject({ code: 'InvalidArgument' });
      sheet.getRange('B2').format.borders.getItem('EdgeTop').weight = 'Heavy' as never;
      expect(await rejection(context.sync())).toMatchObject({ code: 'InvalidArgument' });
    });
    const edges = (cell: string) => host.workbook.getCell(`Loans!${cell}`).borders;
    const c = '#9C5700';
    expect(edges('B2')).toEqual({ top: c, left: c });
    expect(edges('C3')).toEqual({ bottom: c, right: c });
    expect(edges('E4')).toEqual({ top: c, bottom: c, left: c, right: c });
    expect(edges('D2')).toEqual({});
    await run(host, async (context) => {
      const borders = context.workbook.worksheets.getItem('Loans').getRange('B2:C3').format.borders;
      borders.getItem('InsideHorizontal').color = '#000000';
      await context.sync();
      expect(edges('B2')).toEqual({ top: c, left: c, bottom: '#000000' });
      expect(edges('B3')).toMatchObject({ top: '#000000' });
      for (const side of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal'] as const)
        borders.getItem(side).style = 'None';
    });
    for (const cell of ['B2', 'B3', 'C2', 'C3']) expect([cell, edges(cell)]).toEqual([cell, {}]);
  });

  test('data validation: list rules from a range or inline, read back, cleared; inline lists cap at 255', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Loans');
      const lists = context.workbook.worksheets.getItem('Lists');
      sheet.getRange('E2:E100').dataValidation.rule = { list: { inCellDropDown: true, source: '=Lists!$A$2:$A$3' } };
      sheet.getRange('F2:F100').dataValidation.rule = {
        list: { inCellDropDown: true, source: lists.getRange('A2:A3') as never },
      };
      sheet.getRange('G2').dataValidation.rule = { list: { inCellDropDown: false, source: 'Yes,No' } };
      const dv = sheet.getRange('E2:E100').dataValidation.load('type, rule');
      const none = sheet.getRange('H2').dataValidation.load('type');
      await context.sync();
      expect(dv.type).toBe('List');
      expect(dv.rule).toEqual({ list: { inCellDropDown: true, source: '=Lists!$A$2:$A$3' } });
      expect(none.type).toBe('None');
      sheet.getRange('E50:E100').dataValidation.clear();
      const split = sheet.getRange('E40:E60').dataValidation.load('type');
      await context.sync();
      expect(split.type).toBe('Inconsistent');
    });
    expect(host.workbook.getCell('Loans!F7').validation).toEqual({
      list: { inCellDropDown: true, source: '=Lists!$A$2:$A$3' },
    });
    expect(host.workbook.getCell('Loans!E70').validation).toBeUndefined();
    const error = await rejection(
      run(host, async (context) => {
        const long = Array.from({ length: 60 }, (_, i) => `Option ${i}`).join(',');
        context.workbook.worksheets.getItem('Loans').getRange('H2').dataValidation.rule = {
          list: { inCellDropDown: true, source: long },
        };
      }),
    );
    expect(error).toMatchObject({ code: 'InvalidArgument', debugInfo: { errorLocation: 'DataValidation.rule' } });
  });

  test('worksheets: add, duplicate names, visibility, activation, deletion', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const sheets = context.workbook.worksheets;
      const added = sheets.add('Kiva Lists').load('name, position');
      await context.sync();
      expect([added.name, added.position]).toEqual(['Kiva Lists', 2]);
      added.visibility = 'VeryHidden';
      sheets.getItem('Lists').visibility = 'Visible';
      sheets.getItem('Lists').activate();
      const active = sheets.getActiveWorksheet().load('name');
      const range = added.getRange('A1').load('address');
      await context.sync();
      expect(active.name).toBe('Lists');
      expect(range.address).toBe("'Kiva Lists'!A1");
    });
    await expect(run(host, async (context) => void context.workbook.worksheets.add('loans'))).rejects.toMatchObject({
      code: 'ItemAlreadyExists',
    });
    await expect(
      run(host, async (context) => {
        context.workbook.worksheets.getItem('Loans').visibility = 'Hidden';
        context.workbook.worksheets.getItem('Lists').visibility = 'Hidden';
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(host.workbook.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Loans', 'Hidden'],
      ['Lists', 'Visible'],
      ['Kiva Lists', 'VeryHidden'],
    ]);
    await run(host, async (context) => context.workbook.worksheets.getItem('Kiva Lists').delete());
    expect(host.workbook.findSheet('Kiva Lists')).toBeUndefined();
  });

  test('selection: the selected range, the active cell, multi-area selections', async () => {
    const host = makeHost();
    host.workbook.select('Loans!B2:C3');
    await run(host, async (context) => {
      const selected = context.workbook.getSelectedRange().load('address');
      const active = context.workbook.getActiveCell().load('address');
      await context.sync();
      expect([selected.address, active.address]).toEqual(['Loans!B2:C3', 'Loans!B2']);
      context.workbook.worksheets.getItem('Loans').getRange('E4').select();
    });
    expect(host.workbook.selectedAddress).toBe('Loans!E4');
    host.workbook.select('A2,C4');
    await expect(
      run(host, async (context) => {
        context.workbook.getSelectedRange().load('address');
      }),
    ).rejects.toMatchObject({ code: 'InvalidSelection' });
    await run(host, async (context) => {
      const areas = context.workbook.getSelectedRanges().load('address, areaCount');
      await context.sync();
      expect([areas.address, areas.areaCount]).toEqual(['Loans!A2,Loans!C4', 2]);
    });
  });

  test('used ranges, including an empty sheet', async () => {
    const host = makeHost({
      sheets: [
        {
          name: 'Loans',
          rows: [
            [null, 'x'],
            [null, null, 'y'],
          ],
          fills: { F9: 'yellow' },
        },
        { name: 'Empty' },
      ],
    });
    await run(host, async (context) => {
      const sheets = context.workbook.worksheets;
      const used = sheets.getItem('Loans').getUsedRange().load('address');
      const valuesOnly = sheets.getItem('Loans').getUsedRange(true).load('address');
      const empty = sheets.getItem('Empty').getUsedRange().load('address');
      const none = sheets.getItem('Empty').getUsedRangeOrNullObject();
      await context.sync();
      expect([used.address, valuesOnly.address, empty.address, none.isNullObject]).toEqual([
        'Loans!B1:F9',
        'Loans!B1:C2',
        'Empty!A1',
        true,
      ]);
    });
  });

  test('cell-edit mode: a run fails unless it asked to wait with delayForCellEdit', async () => {
    const host = makeHost();
    host.workbook.enterCellEditMode();
    await expect(
      run(
        host,
        async (context) =>
          void context.workbook.worksheets
            .getItem('Loans')
            .getRange('E2')
            .set({ values: [['x']] }),
      ),
    ).rejects.toMatchObject({
      code: 'InvalidOperationInCellEditMode',
    });
    const waiting = host.Excel.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem('Loans').getRange('E2').values = [['after edit']];
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(host.workbook.getCell('Loans!E2').value).toBe('');
    host.workbook.exitCellEditMode();
    await waiting;
    expect(host.workbook.getCell('Loans!E2').value).toBe('after edit');
  });

  test('tables: add with headers, body range, appended rows', async () => {
    const host = makeHost();
    await run(host, async (context) => {
      const table = context.workbook.worksheets.getItem('Loans').tables.add('A1:E4', true);
      table.name = 'LoanTable';
      table.rows.add(undefined, [['00126', 'Dina', 300, 45400, '']]);
      const body = table.getDataBodyRange().load('address');
      const found = context.workbook.tables.getItemOrNullObject('LoanTable').load('name');
      await context.sync();
      expect([body.address, found.name]).toEqual(['Loans!A2:E5', 'LoanTable']);
    });
    expect(host.workbook.getCell('Loans!B5').value).toBe('Dina');
  });
});

describe('the Office facade', () => {
  test('onReady reports Excel; associated ribbon functions run until event.completed()', async () => {
    const host = makeHost(LOANS, {}, { platform: 'PC' });
    const office = host.Office as {
      onReady(): Promise<{ host: string; platform: string }>;
      actions: { associate(id: string, fn: (event: { completed(): void }) => void): void };
    };
    await expect(office.onReady()).resolves.toEqual({ host: 'Excel', platform: 'PC' });
    office.actions.associate('validateRows', (event) => {
      void host.Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Loans').getRange('E2').values = [['Checked']];
      }).then(() => event.completed());
    });
    await host.invokeAction('validateRows');
    expect(host.workbook.getCell('Loans!E2').value).toBe('Checked');
    await expect(host.invokeAction('missing')).rejects.toThrow('No function');
  });

  test('install() puts Excel, Office and OfficeExtension on a global and removes them again', () => {
    const host = makeHost();
    const target: Record<string, unknown> = { Office: 'previous' };
    const uninstall = host.install(target);
    expect(target.Excel).toBe(host.Excel);
    expect(target.OfficeExtension).toBe(host.OfficeExtension);
    uninstall();
    expect(target).toEqual({ Office: 'previous' });
  });
});
