import { createExcelHost, loadWorkbook, OFFICE_2021_REQUIREMENT_SETS } from '../../dev/excel-sim';
import { isScheduleSheet, validate } from '../../src/app';
import { checkExcelSupport, createExcelWorkbook, MINIMUM_EXCEL_API } from '../../src/excel';
import { CLOCK, repaymentsSheet, rig, StubKiva } from './helpers';

const request = { scope: { kind: 'active' as const }, isReference: isScheduleSheet, withLists: false };

describe('requirement sets', () => {
  test('ExcelApi 1.10 is the minimum; notes are there from 1.18', () => {
    rig({ sheets: [repaymentsSheet(1)] });
    expect(checkExcelSupport()).toEqual({ supported: true, minimum: '1.10', notes: true });
    rig({ sheets: [repaymentsSheet(1)] }, { requirementSets: OFFICE_2021_REQUIREMENT_SETS });
    expect(checkExcelSupport()).toEqual({ supported: true, minimum: '1.10', notes: false });
    expect(MINIMUM_EXCEL_API).toBe('1.10');
  });

  test('an older Excel is told plainly, and nothing is tried on it', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(1)] }, { requirementSets: { ExcelApi: '1.9' } });
    expect(workbook.support()).toEqual({
      supported: false,
      problem: { code: 'office.unsupported-version', params: { minimum: '1.10' } },
      minimum: '1.10',
      notes: false,
    });
    const read = await workbook.read(request);
    expect(read).toMatchObject({
      ok: false,
      error: { code: 'not-supported', params: { office: 'office.unsupported-version' } },
    });
    expect(book.syncCount).toBe(0);
  });

  test('outside Office the check says so instead of throwing', async () => {
    expect(checkExcelSupport()).toMatchObject({ supported: false, problem: { code: 'office.unavailable' } });
    const read = await createExcelWorkbook().read(request);
    expect(read).toMatchObject({ ok: false, error: { code: 'not-supported' } });
  });
});

describe('cell-edit mode', () => {
  test('ribbon runs wait for the user to leave the cell (delayForCellEdit); pane runs say why they stopped', async () => {
    const book = loadWorkbook({ sheets: [repaymentsSheet(20, 'Repayments', 5)] });
    const host = createExcelHost(book);
    const uninstall = host.install();
    try {
      const pane = createExcelWorkbook();
      const ribbon = pane.forRibbon();
      book.enterCellEditMode();
      const refused = await pane.read(request);
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'workbook-unreadable', params: { office: 'office.cell-edit-mode' } },
      });

      let settled = false;
      const running = validate(
        { workbook: ribbon, kiva: new StubKiva() },
        { scope: { kind: 'active' }, clock: CLOCK },
      ).then((r) => {
        settled = true;
        return r;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(settled).toBe(false);
      book.exitCellEditMode();
      const result = await running;
      expect(result.ok).toBe(true);
      expect(book.getCell('Repayments!C2').fill).toBe('#FFC7CE');
      // The ribbon shares what the pane learnt: same memory, different run options.
      expect(pane.lastRead('Repayments')?.headerRow).toBe(1);
    } finally {
      uninstall();
    }
  });
});
