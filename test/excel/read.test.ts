import { isScheduleSheet, type ReadRequest } from '../../src/app';
import { DEFAULT_TUNING } from '../../src/excel';
import { noPayloadErrors, repaymentsSheet, rig } from './helpers';

const MB = 1024 * 1024;

const request = (scope: ReadRequest['scope'], withLists = false): ReadRequest => ({
  scope,
  isReference: isScheduleSheet,
  withLists,
});

describe('reading a sheet', () => {
  test('5,000 rows × 20 columns come back in one sync, values and number formats included', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(5_000)] });
    const read = await workbook.read(request({ kind: 'active' }, true));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(book.syncCount).toBe(1);
    expect(book.responseBytesPerSync[0]).toBeLessThan(2.5 * MB);
    const [grid] = read.value.sheets;
    expect(grid?.values).toHaveLength(5_001);
    expect(grid?.values[0]?.[0]).toBe('loan_id');
    expect(grid?.values[1]).toEqual(book.getValues('Repayments!A2:T2')[0]);
    expect(grid?.formats?.[1]?.[0]).toBe('@');
    expect(grid?.formats?.[1]?.[2]).toBe('General');
    expect(grid?.hidden).toBeUndefined();
    expect(read.value.targets).toEqual(['Repayments']);
    expect(read.value.lists).toBeUndefined();
  });

  test('100,000 rows: one sync per chunk, no payload error, every chunk under half of the 5 MB cap', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(100_000)] });
    const read = await workbook.read(request({ kind: 'sheet', sheet: 'Repayments' }));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.sheets[0]?.values).toHaveLength(100_001);
    expect(read.value.sheets[0]?.values[100_000]?.[0]).toBe('L099999');
    expect(noPayloadErrors(book)).toBe(true);
    expect(Math.max(...book.responseBytesPerSync)).toBeLessThan(2.5 * MB);
    // 2,000,020 cells: at most one chunk per 100k cells, and no fewer than the 5 MB cap allows.
    const cells = 100_001 * 20;
    const total = book.responseBytesPerSync.reduce((a, b) => a + b, 0);
    expect(book.syncCount).toBeLessThanOrEqual(Math.ceil(cells / 100_000));
    expect(book.syncCount).toBeGreaterThanOrEqual(Math.ceil(total / (5 * MB)));
    expect(workbook.lastCall?.read).toMatchObject({ syncs: book.syncCount, chunks: book.syncCount, halvings: 0 });
  }, 60_000);

  test('an entirely visible sheet costs no visibility round trip; hidden rows cost one and are reported', async () => {
    const visible = rig({ sheets: [repaymentsSheet(300)] });
    await visible.workbook.read(request({ kind: 'active' }));
    expect(visible.book.syncCount).toBe(1);

    const { book, workbook } = rig({ sheets: [{ ...repaymentsSheet(300), hiddenRows: [3, 7, 250] }] });
    const read = await workbook.read(request({ kind: 'active' }));
    if (!read.ok) throw new Error(read.error.code);
    const hidden = read.value.sheets[0]?.hidden ?? [];
    expect(hidden.flatMap((h, i) => (h ? [i + 1] : []))).toEqual([3, 7, 250]);
    expect(book.syncCount).toBe(2);
    expect(workbook.lastCall?.read?.visibilityPasses).toBe(1);
  });

  test('rows hidden in every chunk of a long filtered sheet still cost one extra round trip at most', async () => {
    const hiddenRows = Array.from({ length: 2_000 }, (_, i) => 10 + i * 20);
    const { book, workbook } = rig({ sheets: [{ ...repaymentsSheet(40_000), hiddenRows }] });
    const read = await workbook.read(request({ kind: 'active' }));
    if (!read.ok) throw new Error(read.error.code);
    const hidden = read.value.sheets[0]?.hidden ?? [];
    expect(hidden.flatMap((h, i) => (h ? [i + 1] : []))).toEqual(hiddenRows);
    const chunks = workbook.lastCall?.read?.chunks ?? 0;
    expect(book.syncCount).toBeLessThanOrEqual(chunks + 1);
    expect(noPayloadErrors(book)).toBe(true);
  }, 30_000);

  test('when the first column is hidden too, hidden rows are found row by row', async () => {
    const { workbook } = rig({ sheets: [{ ...repaymentsSheet(50), hiddenRows: [4, 9], hiddenColumns: ['A'] }] });
    const read = await workbook.read(request({ kind: 'active' }));
    if (!read.ok) throw new Error(read.error.code);
    const hidden = read.value.sheets[0]?.hidden ?? [];
    expect(hidden.flatMap((h, i) => (h ? [i + 1] : []))).toEqual([4, 9]);
  });

  test('a range away from A1 keeps its Excel row numbers and first column', async () => {
    const { workbook } = rig({
      sheets: [
        {
          name: 'Repayments',
          rows: [[], [], [null, null, 'loan_id', 'amount'], [null, null, 'A-1', 10], [null, null, 'A-2', 20]],
        },
      ],
    });
    const read = await workbook.read(request({ kind: 'active' }));
    if (!read.ok) throw new Error(read.error.code);
    const grid = read.value.sheets[0];
    expect(grid?.firstColumn).toBe(3);
    expect(grid?.rowNumbers).toEqual([3, 4, 5]);
    expect(grid?.values[2]).toEqual(['A-2', 20]);
  });

  test('sheets wider than the first block are read in full', async () => {
    const header = Array.from({ length: 30 }, (_, c) => (c === 0 ? 'loan_id' : c === 1 ? 'amount' : `extra ${c}`));
    const rows = [header, ...Array.from({ length: 20 }, (_, r) => header.map((_, c) => r * 100 + c))];
    const { book, workbook } = rig({ sheets: [{ name: 'Wide', rows }] });
    const read = await workbook.read(request({ kind: 'active' }));
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.sheets[0]?.values).toEqual(rows);
    expect(book.syncCount).toBe(2);
    expect(DEFAULT_TUNING.firstColumns).toBeLessThan(30);
  });

  test('an empty sheet reads as an empty grid', async () => {
    const { workbook } = rig({ sheets: [{ name: 'Empty' }] });
    const read = await workbook.read(request({ kind: 'active' }));
    expect(read.ok && read.value.sheets).toEqual([{ sheet: 'Empty', values: [] }]);
  });

  test('a missing sheet is an error value that names the sheets there are', async () => {
    const { workbook } = rig({ sheets: [repaymentsSheet(3), { name: 'Notes' }] });
    const read = await workbook.read(request({ kind: 'sheet', sheet: 'Loans' }));
    expect(read).toEqual({
      ok: false,
      error: { code: 'sheet-not-found', params: { sheet: 'Loans', sheets: 'Repayments, Notes' } },
    });
  });
});

describe('the selection', () => {
  test('reads the whole used range of its sheet once and passes the selected rows', async () => {
    const { book, workbook } = rig({
      sheets: [
        { name: 'Other', rows: [['x']] },
        { ...repaymentsSheet(20), hiddenRows: [4] },
      ],
      activeSheet: 'Repayments',
      selection: 'B3:C4,E7,A30',
    });
    const read = await workbook.read(request({ kind: 'selection' }));
    if (!read.ok) throw new Error(read.error.code);
    const grid = read.value.sheets.find((g) => g.sheet === 'Repayments');
    expect(grid?.values).toHaveLength(21);
    expect(grid?.selectedRows).toEqual([3, 4, 7]);
    expect(grid?.hidden?.[3]).toBe(true);
    expect(read.value.targets).toEqual(['Repayments']);
    expect(workbook.lastRead('Repayments')?.selection).toEqual({
      address: 'Repayments!B3:C4,Repayments!E7,Repayments!A30',
      rows: [3, 4, 7],
      entireColumns: false,
    });
    // First read of the session: the Other sheet's header row costs one more round trip (is it a Schedule?).
    expect(book.syncCount).toBe(3);
  });

  test('whole columns selected mean every row, not an explicit choice of rows', async () => {
    const { workbook } = rig({ sheets: [repaymentsSheet(5)], selection: 'A:B' });
    const read = await workbook.read(request({ kind: 'selection' }));
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.sheets[0]?.selectedRows).toBeUndefined();
    expect(read.value.sheets[0]?.values).toHaveLength(6);
  });
});

describe('reference sheets and the lists sheet', () => {
  const loans = {
    name: 'Loans',
    rows: [
      ['loan_id', 'first_name', 'amount', 'activity', 'disburse_time'],
      ['P1', 'Ana', 500, 'Retail', '2026-11-20'],
    ],
  };
  const schedule = {
    name: 'Schedule',
    rows: [
      ['loan_id', 'date', 'principal', 'interest'],
      ['P1', '2026-12-20', 500, 10],
    ],
  };

  test('the Schedule sheet a loans sheet needs is read whole; other sheets are not', async () => {
    const { book, workbook } = rig({ sheets: [loans, { name: 'Notes', rows: [['memo']] }, schedule] });
    const read = await workbook.read(request({ kind: 'sheet', sheet: 'Loans' }, true));
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.sheets.map((g) => g.sheet)).toEqual(['Loans', 'Schedule']);
    expect(read.value.sheets[1]?.values).toEqual(schedule.rows);
    expect(book.syncCount).toBe(3);
    // The second read knows the sheet names: the header rows ride with the first block.
    book.resetCounters();
    await workbook.read(request({ kind: 'sheet', sheet: 'Loans' }, true));
    expect(book.syncCount).toBe(2);
  });

  test('the Kiva lists sheet comes back as its own grid, in the first round trip', async () => {
    const { book, workbook } = rig({
      sheets: [
        repaymentsSheet(10),
        {
          name: 'Kiva lists',
          rows: [
            ['activity_id', 'activity'],
            [61, 'Agriculture'],
          ],
          visibility: 'Hidden',
        },
      ],
    });
    const read = await workbook.read(request({ kind: 'active' }, true));
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.lists?.values).toEqual([
      ['activity_id', 'activity'],
      [61, 'Agriculture'],
    ]);
    expect(read.value.sheets.map((g) => g.sheet)).toEqual(['Repayments']);
    expect(book.syncCount).toBe(1);
  });

  test('the workbook scope reads every sheet but the log and the lists', async () => {
    const { workbook } = rig({
      sheets: [repaymentsSheet(3), { name: 'Kiva log', rows: [['time']] }, schedule],
    });
    const read = await workbook.read(request({ kind: 'workbook' }));
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.sheets.map((g) => g.sheet)).toEqual(['Repayments', 'Schedule']);
    expect(read.value.targets).toBeUndefined();
  });
});

describe('tables', () => {
  test('a table is read by name, header row first; the current table is the one under the active cell', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(30)], selection: 'B5' });
    book.addTable(book.sheet('Repayments'), { top: 0, left: 0, bottom: 10, right: 2 }, 'Batch');
    const read = await workbook.readRange({ kind: 'table', table: 'Batch' });
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.grid.values).toHaveLength(11);
    expect(read.value.grid.values[0]).toEqual(['loan_id', 'client_id', 'amount']);
    expect(read.value.table).toBe('Batch');
    const current = await workbook.readCurrentTable();
    expect(current.ok && current.value.table).toBe('Batch');
    const missing = await workbook.readRange({ kind: 'table', table: 'Nope' });
    expect(missing).toEqual({ ok: false, error: { code: 'sheet.table-not-found', params: { table: 'Nope' } } });
  });
});

describe('payload safety net', () => {
  test('a chunk Excel refuses is halved and retried; the read still completes', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(2_000)] }, { limits: { responseBytes: 300_000 } });
    const read = await workbook.read(request({ kind: 'active' }));
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.sheets[0]?.values).toHaveLength(2_001);
    expect(read.value.sheets[0]?.values[2_000]?.[0]).toBe('L001999');
    const refused = book.syncs.filter((s) => s.error === 'ResponsePayloadSizeLimitExceeded');
    expect(refused.length).toBeGreaterThan(0);
    expect(workbook.lastCall?.read?.halvings).toBeGreaterThan(0);
  });

  test('a request Excel refuses is halved too', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(20)] }, { limits: { requestBytes: 1_500 } });
    const read = await workbook.read(request({ kind: 'active' }));
    expect(read.ok).toBe(true);
    expect(book.syncs.some((s) => s.error === 'RequestPayloadSizeLimitExceeded')).toBe(true);
  });
});

test('a Schedule sheet added since the last read is still found', async () => {
  const { book, workbook } = rig({
    sheets: [
      {
        name: 'Loans',
        rows: [
          ['loan_id', 'first_name', 'amount', 'disburse_time'],
          ['P1', 'Ana', 500, '2026-11-20'],
        ],
      },
    ],
  });
  await workbook.read(request({ kind: 'active' }));
  const schedule = book.addSheet('Schedule');
  ['loan_id', 'date', 'principal', 'interest'].forEach((h, c) => schedule.writeInput(0, c, h));
  const read = await workbook.read(request({ kind: 'active' }));
  if (!read.ok) throw new Error(read.error.code);
  expect(read.value.sheets.map((g) => g.sheet)).toEqual(['Loans', 'Schedule']);
});
