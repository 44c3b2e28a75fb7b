import { importLoans, isScheduleSheet, refreshLists, saveMapping, validate } from '../../src/app';
import type { PartnerLoan } from '../../src/kiva';
import { createExcelWorkbook } from '../../src/excel';
import { CONFIG } from '../sheet/fixtures/config-lists';
import { CLOCK, OFFICE_2021, repaymentsSheet, rig, StubKiva, syncsOf } from './helpers';

const request = { scope: { kind: 'active' as const }, isReference: isScheduleSheet, withLists: false };

describe('mapping overrides', () => {
  test('are saved in the workbook settings and read back, by the same port and by a new session', async () => {
    const { book, workbook } = rig({
      sheets: [
        {
          name: 'Pagos',
          rows: [
            ['Préstamo', 'Monto'],
            ['00123', 10],
          ],
          columnFormats: { A: '@' },
        },
      ],
    });
    const override = {
      version: 1 as const,
      kind: 'repayments' as const,
      columns: { Préstamo: 'loan_id' as const, Monto: 'amount' as const },
    };
    const { syncs } = await syncsOf(book, () => saveMapping({ workbook }, { sheet: 'Pagos', override }));
    expect(syncs).toBe(1);
    expect(book.settings).toEqual({ 'KivaSheets.mapping:Pagos': JSON.stringify(override) });

    const read = await workbook.read(request);
    expect(read.ok && read.value.mappings).toEqual({ Pagos: override });
    const fresh = await createExcelWorkbook().read(request);
    expect(fresh.ok && fresh.value.mappings).toEqual({ Pagos: override });

    const validated = await validate({ workbook, kiva: new StubKiva() }, { scope: { kind: 'active' }, clock: CLOCK });
    expect(validated.ok && validated.value.errorCount).toBe(0);
  });

  test('only a kind and header → field pairs are stored, whatever the caller passed', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(2)] });
    const sneaky = { version: 1, kind: 'repayments', token: 'Bearer abc.def', columns: { Amt: 'amount' } };
    await workbook.saveMapping('Repayments', sneaky as never);
    expect(JSON.stringify(book.settings)).not.toMatch(/Bearer|token/);
  });
});

describe('the repayments template', () => {
  const loans: PartnerLoan[] = [
    { internal_loan_id: '00123', internal_client_id: '0042', name: 'Ana Quispe', status: 'payingBack', raw: {} },
    { internal_loan_id: '00124', name: 'Luis Mamani', status: 'defaulted', raw: {} },
    // Not in the template; in the Kiva loans sheet beside it (every status).
    { internal_loan_id: '00099', name: 'Rosa Huamán', status: 'ended', raw: {} },
  ];

  test('is a new sheet: loan ids as text, the amount left empty, in one round trip when the workbook is known', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(2)] });
    const kiva = new StubKiva(undefined, loans);
    await workbook.read(request);
    book.resetCounters();
    const result = await importLoans({ workbook, kiva }, { threeColumn: true, clock: CLOCK });
    expect(result).toMatchObject({
      ok: true,
      value: { sheet: 'Repayments 2', loans: 2, kivaLoans: { sheet: 'Kiva loans', loans: 3 } },
    });
    // One round trip per sheet: the template, then the Kiva loans sheet.
    expect(book.syncCount).toBe(2);
    expect(book.getValues("'Repayments 2'!A1:D3")).toEqual([
      ['Loan ID', 'Client ID', 'Borrower name', 'Amount'],
      ['00123', '0042', 'Ana Quispe', ''],
      ['00124', '', 'Luis Mamani', ''],
    ]);
    expect(book.getCell("'Repayments 2'!A2")).toMatchObject({ valueType: 'String', numberFormat: '@' });
    // Ids typed later in the column keep their leading zeros as well.
    book.setValue("'Repayments 2'!A9", '00999');
    expect(book.getCell("'Repayments 2'!A9").value).toBe('00999');
    expect(book.getCell("'Repayments 2'!A1").bold).toBe(true);
    expect(book.activeSheet.name).toBe('Repayments 2');
    // recognition: the Kiva loans sheet, all text (zeros and the ISO time kept as written), not made active.
    const time = new Date(CLOCK.now()).toISOString();
    expect(book.getValues("'Kiva loans'!A1:D4")).toEqual([
      ['loan_id', 'client_id', 'status', 'read_at'],
      ['00123', '0042', 'payingBack', time],
      ['00124', '', 'defaulted', time],
      ['00099', '', 'ended', time],
    ]);
    expect(book.getCell("'Kiva loans'!D2")).toMatchObject({ valueType: 'String', numberFormat: '@' });

    const again = await importLoans({ workbook, kiva });
    expect(again).toMatchObject({ ok: true, value: { sheet: 'Repayments 3' } });
  });
});

describe('go to cell', () => {
  test('activates the sheet and selects the cell of an issue', async () => {
    const { book, workbook } = rig({ sheets: [{ name: 'Other', rows: [['x']] }, repaymentsSheet(5)] });
    expect(await workbook.goToCell('Repayments!C4')).toEqual({ ok: true, value: undefined });
    expect(book.activeSheet.name).toBe('Repayments');
    expect(book.selectedAddress).toBe('Repayments!C4');
    expect(await workbook.goToCell("'Kiva log'!A2")).toEqual({
      ok: false,
      error: { code: 'sheet.cell-not-found', params: { address: "'Kiva log'!A2" } },
    });
  });
});

test('a template name taken since the last read is noticed, and the next free name used', async () => {
  const { book, workbook } = rig({ sheets: [repaymentsSheet(2)] });
  await workbook.read(request);
  book.addSheet('Repayments 2');
  const result = await importLoans({ workbook, kiva: new StubKiva(undefined, [{ internal_loan_id: 'A', raw: {} }]) });
  expect(result).toMatchObject({ ok: true, value: { sheet: 'Repayments 3' } });
});

test('everything runs on ExcelApi 1.10 (Office 2021): nothing above the declared minimum is called', async () => {
  const loans = {
    name: 'Loans',
    rows: [
      ['loan_id', 'first_name', 'gender', 'amount', 'activity'],
      ['P1', 'Ana', 'F', -1, 'Retail'],
    ],
  };
  const { book, workbook } = rig({ sheets: [loans, repaymentsSheet(3)], selection: 'A2' }, OFFICE_2021);
  const kiva = new StubKiva(CONFIG, [{ internal_loan_id: 'A', raw: {} }]);
  expect((await refreshLists({ workbook, kiva })).ok).toBe(true);
  expect((await saveMapping({ workbook }, { sheet: 'Loans', override: { version: 1, kind: 'loans' } })).ok).toBe(true);
  expect((await validate({ workbook, kiva }, { scope: { kind: 'selection' }, clock: CLOCK })).ok).toBe(true);
  expect((await importLoans({ workbook, kiva })).ok).toBe(true);
  expect((await workbook.goToCell('Loans!D2')).ok).toBe(true);
  expect(book.getCell('Loans!D2').fill).toBe('#FFC7CE');
  expect(book.notes).toEqual({});
  expect(book.syncs.filter((s) => s.error !== undefined)).toEqual([]);
});
