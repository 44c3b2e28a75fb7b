import { isScheduleSheet, readListsSheet, refreshLists } from '../../src/app';
import { DROPDOWN_HEADERS } from '../../src/excel';
import { CONFIG } from '../sheet/fixtures/config-lists';
import { rig, StubKiva } from './helpers';

const loans = {
  name: 'Loans',
  rows: [
    ['loan_id', 'first_name', 'gender', 'amount', 'activity', 'theme', 'location', 'language', 'currency'],
    ['P1', 'Ana', 'F', 500, 'Retail', 'General', 'Lima: Peru', 'Spanish', 'PEN'],
    ['P2', 'Luis', 'M', 700, 'Bakery', 'General', 'Cusco: Peru', 'Spanish', 'PEN'],
  ],
};
const repayments = {
  name: 'Repayments',
  rows: [
    ['loan_id', 'amount'],
    ['L1', 10],
  ],
};

describe('the Kiva lists sheet', () => {
  test('is written hidden, and the six list columns of every loans sheet get dropdowns from it', async () => {
    const { book, workbook } = rig({ sheets: [loans, repayments] });
    const result = await refreshLists({ workbook, kiva: new StubKiva(CONFIG) });
    expect(result).toMatchObject({ ok: true, value: { sheet: 'Kiva lists' } });
    expect(book.sheet('Kiva lists').visibility).toBe('Hidden');
    expect(book.activeSheet.name).toBe('Loans');

    const rule = (address: string) => book.getCell(address).validation?.list;
    // The app's layout: activity in B, theme_type in E, full_name in G, list | as_of in P:Q; the adapter's own
    // columns from S.
    expect(rule('Loans!E2')).toEqual({ inCellDropDown: true, source: "='Kiva lists'!$B$2:$B$16" });
    expect(rule('Loans!F3')).toEqual({ inCellDropDown: true, source: "='Kiva lists'!$E$2:$E$5" });
    expect(rule('Loans!G2')).toEqual({ inCellDropDown: true, source: "='Kiva lists'!$G$2:$G$9" });
    expect(rule('Loans!H2')).toEqual({ inCellDropDown: true, source: "='Kiva lists'!$S$2:$S$5" });
    expect(rule('Loans!I2')).toEqual({ inCellDropDown: true, source: "='Kiva lists'!$T$2:$T$6" });
    expect(rule('Loans!C2')).toEqual({ inCellDropDown: true, source: "='Kiva lists'!$U$2:$U$3" });
    // New rows typed below the data find the dropdowns too; the header and other columns have none.
    expect(rule('Loans!E500')).toBeDefined();
    expect(rule('Loans!E1')).toBeUndefined();
    expect(rule('Loans!A2')).toBeUndefined();
    expect(rule('Repayments!A2')).toBeUndefined();
    expect(book.getValues("'Kiva lists'!P1:Q2")).toEqual([
      ['list', 'as_of'],
      ['activities', CONFIG.asOf?.activities],
    ]);
    expect(book.getValues("'Kiva lists'!S1:U3")).toEqual([
      [DROPDOWN_HEADERS.language, DROPDOWN_HEADERS.currency, DROPDOWN_HEADERS.gender],
      ['English', 'BRL', 'female'],
      ['French', 'CRC', 'male'],
    ]);
    // Typing something outside the list is allowed: the sheet core also reads ids and city names.
    expect(book.sheet('Loans').validationAt(1, 4)?.errorAlert).toMatchObject({ showAlert: false });
  });

  test('reads back as the same config lists, in the first round trip of a read', async () => {
    const { book, workbook } = rig({ sheets: [loans] });
    await refreshLists({ workbook, kiva: new StubKiva(CONFIG) });
    book.resetCounters();
    const read = await workbook.read({ scope: { kind: 'active' }, isReference: isScheduleSheet, withLists: true });
    if (!read.ok) throw new Error(read.error.code);
    expect(book.syncCount).toBe(1);
    const lists = read.value.lists === undefined ? undefined : readListsSheet(read.value.lists);
    // Kiva's as_of included: it is kept in the sheet.
    expect(lists).toEqual(CONFIG);
  });

  test('refreshing again replaces the sheet in place: one lists sheet, dropdowns still pointing at it', async () => {
    const { book, workbook } = rig({ sheets: [loans] });
    await refreshLists({ workbook, kiva: new StubKiva(CONFIG) });
    const fewer = { ...CONFIG, activities: CONFIG.activities.slice(0, 3) };
    const again = await refreshLists({ workbook, kiva: new StubKiva(fewer) });
    expect(again.ok).toBe(true);
    expect(book.sheets.map((s) => s.name)).toEqual(['Loans', 'Kiva lists']);
    expect(book.getCell('Loans!E2').validation?.list?.source).toBe("='Kiva lists'!$B$2:$B$4");
    expect(book.getValues("'Kiva lists'!B5:B5")).toEqual([['']]);
    expect(book.sheet('Kiva lists').visibility).toBe('Hidden');
  });
});
