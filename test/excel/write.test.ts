import { send, validate } from '../../src/app';
import { createExcelWorkbook } from '../../src/excel';
import {
  BORDER,
  LOG_SHEET,
  NOTE_PREFIX,
  STATUS_BORDER,
  STATUS_FILL,
  type StatusWrite,
  type WriteBackPlan,
} from '../../src/sheet';
import { CLOCK, noPayloadErrors, OFFICE_2021, repaymentsSheet, rig, StubKiva, syncsOf } from './helpers';

const MB = 1024 * 1024;
const input = { scope: { kind: 'active' as const }, clock: CLOCK };

describe('validating and writing back', () => {
  test('5,000 rows × 20 columns: one sync to read, one to write statuses, fills and notes', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(5_000, 'Repayments', 10)] });
    const ports = { workbook, kiva: new StubKiva() };
    const result = await validate(ports, input);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.errorCount).toBe(500);
    expect(book.syncCount).toBe(2);
    expect(workbook.lastCall).toMatchObject({ operation: 'apply', syncs: 1 });
    expect(book.bytesPerSync[1]).toBeLessThan(1 * MB);
    expect(book.getCell('Repayments!U1')).toMatchObject({ value: 'Kiva status', numberFormat: '@' });
    expect(book.getCell('Repayments!U2').value).toMatch(/^Invalid: C2: /);
    expect(book.getCell('Repayments!U2').numberFormat).toBe('@');
    expect(book.getCell('Repayments!U3').value).toBe('');
    expect(book.getCell('Repayments!C2').fill).toBe('#FFC7CE');
    expect(book.getCell('Repayments!C2').note).toMatch(new RegExp(`^${NOTE_PREFIX}: `));
    expect(book.getCell('Repayments!C3').fill).toBeUndefined();
    // The 500 amounts, and the client_id header (two-column reports: not sent).
    expect(Object.keys(book.notes).filter((a) => a.startsWith('Repayments!C'))).toHaveLength(500);
    expect(book.getCell('Repayments!B1').fill).toBe('#FFEB9C');
  });

  test('statuses of neighbouring rows are written as one range; the rows between keep what they hold', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(2_000, 'Repayments', 3)] });
    for (const row of [3, 4, 6]) book.setValue(`Repayments!U${row}`, `Sent · stage · 2026-11-01 09:00 · ${row}`);
    book.setValue('Repayments!U1', 'Kiva status');
    await validate({ workbook, kiva: new StubKiva() }, input);
    // 667 invalid rows, three rows apart: one note action each, and only a handful of actions for the status
    // range, the fill and border areas (a border: 4 edges × 3 properties) and the marks registry.
    expect(book.actionsPerSync[1]).toBeLessThan(667 + 80);
    expect(book.getCell('Repayments!U2').value).toMatch(/^Invalid/);
    expect(book.getCell('Repayments!U3').value).toBe('Sent · stage · 2026-11-01 09:00 · 3');
    expect(book.getCell('Repayments!U6').value).toBe('Sent · stage · 2026-11-01 09:00 · 6');
    expect(book.getCell('Repayments!U5').value).toMatch(/^Invalid/);
  });

  test('notes only where Excel has them (ExcelApi 1.18); otherwise the fill and the status carry the message', async () => {
    const old = rig({ sheets: [repaymentsSheet(30, 'Repayments', 10)] }, OFFICE_2021);
    const result = await validate({ workbook: old.workbook, kiva: new StubKiva() }, input);
    expect(result.ok).toBe(true);
    expect(old.book.notes).toEqual({});
    expect(old.book.getCell('Repayments!C2').fill).toBe('#FFC7CE');
    expect(old.book.getCell('Repayments!U2').value).toMatch(/amount/);

    const current = rig({ sheets: [repaymentsSheet(30, 'Repayments', 10)] });
    await validate({ workbook: current.workbook, kiva: new StubKiva() }, input);
    expect(Object.keys(current.book.notes)).toEqual([
      'Repayments!B1',
      'Repayments!C2',
      'Repayments!C12',
      'Repayments!C22',
    ]);
  });

  test('fixed cells lose their fill and note, and their Invalid status, at the next validation', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(30, 'Repayments', 10)] });
    const ports = { workbook, kiva: new StubKiva() };
    await validate(ports, input);
    expect(book.getCell('Repayments!C12').fill).toBe('#FFC7CE');
    book.setValue('Repayments!C12', 25);
    await validate(ports, input);
    expect(book.getCell('Repayments!C12')).toMatchObject({ fill: undefined, note: undefined, value: 25 });
    expect(book.getCell('Repayments!U12').value).toBe('');
    expect(book.getCell('Repayments!C2').fill).toBe('#FFC7CE');
    expect(book.getCell('Repayments!C2').note).toBeDefined();

    // A new session (a new port, nothing remembered) finds the marks in the workbook's settings.
    book.setValue('Repayments!C2', 30);
    const again = await validate({ workbook: createExcelWorkbook(), kiva: new StubKiva() }, input);
    expect(again.ok).toBe(true);
    expect(book.getCell('Repayments!C2')).toMatchObject({ fill: undefined, note: undefined });
    expect(book.getCell('Repayments!C22').fill).toBe('#FFC7CE');
  });

  test('problem cells and their statuses get a marker border, not only a pale fill; fixed cells lose it', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(30, 'Repayments', 10)] });
    const ports = { workbook, kiva: new StubKiva() };
    await validate(ports, input);
    const box = (color: string) => ({ top: color, bottom: color, left: color, right: color });
    // The client_id header's warning (two-column reports), the bad amounts, and their Invalid statuses.
    expect(book.getCell('Repayments!B1').borders).toEqual(box(BORDER.warning));
    expect(book.getCell('Repayments!C12').borders).toEqual(box(BORDER.error));
    expect(book.getCell('Repayments!U12').borders).toEqual(box(BORDER.error));
    expect(book.getCell('Repayments!C13').borders).toEqual({});
    expect(workbook.lastCall?.apply?.borders).toBe(1 + 3 + 3);

    book.setValue('Repayments!C12', 25);
    await validate(ports, input);
    expect(book.getCell('Repayments!C12').borders).toEqual({});
    expect(book.getCell('Repayments!U12').borders).toEqual({});
    expect(book.getCell('Repayments!C22').borders).toEqual(box(BORDER.error));
  });

  test('a border removed from cells marked one by one, then cleared as one area, leaves no line between them', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(5)] });
    const mark = (row: number) => ({
      row,
      column: 'C',
      severity: 'warning' as const,
      fill: '#FFEB9C',
      border: BORDER.warning,
      note: 'Kiva Sheets: x',
    });
    const plan = (sheet: Partial<WriteBackPlan['sheets'][number]>): WriteBackPlan => ({
      textFormat: '@',
      sheets: [{ sheet: 'Repayments', statuses: [], marks: [], clear: [], ...sheet }],
      log: { sheet: LOG_SHEET, headers: [], lines: [] },
    });
    expect((await workbook.apply(plan({ marks: [mark(2)] }))).ok).toBe(true);
    expect((await workbook.apply(plan({ marks: [mark(3)] }))).ok).toBe(true);
    expect(book.getCell('Repayments!C2').borders).toMatchObject({ bottom: BORDER.warning });
    expect(
      (
        await workbook.apply(
          plan({
            clear: [
              { row: 2, column: 'C' },
              { row: 3, column: 'C' },
            ],
          }),
        )
      ).ok,
    ).toBe(true);
    expect(book.getCell('Repayments!C2').borders).toEqual({});
    expect(book.getCell('Repayments!C3').borders).toEqual({});
    expect(book.getCell('Repayments!C2').fill).toBeUndefined();
  });

  test('after a send, statuses that are not plainly sent get their marker border; a sent one loses it', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(3)] });
    const status = (row: number, tone: 'sent' | 'warned' | 'rejected') => ({
      row,
      text: tone,
      fill: STATUS_FILL[tone],
      border: STATUS_BORDER[tone],
    });
    const plan = (statuses: StatusWrite[]): WriteBackPlan => ({
      textFormat: '@',
      sheets: [
        {
          sheet: 'Repayments',
          statusColumn: { column: 'U', number: 21, exists: false, header: 'Kiva status', create: true },
          statuses,
          marks: [],
          clear: [],
        },
      ],
      log: { sheet: LOG_SHEET, headers: [], lines: [] },
    });
    expect((await workbook.apply(plan([status(2, 'warned'), status(3, 'rejected')]))).ok).toBe(true);
    expect(book.getCell('Repayments!U2').borders).toMatchObject({ top: '#9C5700', left: '#9C5700' });
    expect(book.getCell('Repayments!U3').borders).toMatchObject({ bottom: '#9C0006', right: '#9C0006' });
    expect((await workbook.apply(plan([status(2, 'sent')]))).ok).toBe(true);
    expect(book.getCell('Repayments!U2')).toMatchObject({ borders: {}, fill: STATUS_FILL.sent });
  });

  test('a journal update’s status opens its confirm link from the cell; a later status without one drops it', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(3)] });
    const plan = (statuses: StatusWrite[]): WriteBackPlan => ({
      textFormat: '@',
      sheets: [
        {
          sheet: 'Repayments',
          statusColumn: { column: 'U', number: 21, exists: true, header: 'Kiva status', create: false },
          statuses,
          marks: [],
          clear: [],
        },
      ],
      log: { sheet: LOG_SHEET, headers: [], lines: [] },
    });
    const url = 'https://partners.example/confirm/7';
    const sent = `Sent · stage · 2026-11-28 14:03 · ${url}`;
    const first = await workbook.apply(
      plan([
        { row: 2, text: sent, link: url },
        { row: 3, text: 'Sent', link: null },
      ]),
    );
    expect(first.ok).toBe(true);
    expect(book.getCell('Repayments!U2')).toMatchObject({ hyperlink: url, value: sent, numberFormat: '@' });
    expect(book.getCell('Repayments!U3').hyperlink).toBeUndefined();
    expect(workbook.lastCall?.apply?.links).toBe(1);
    const second = await workbook.apply(plan([{ row: 2, text: 'Error: gone', link: null }]));
    expect(second.ok).toBe(true);
    expect(book.getCell('Repayments!U2')).toMatchObject({ hyperlink: undefined, value: 'Error: gone' });
  });

  test('a note the user put on a problem cell is kept; the others are written', async () => {
    const sheet = { ...repaymentsSheet(30, 'Repayments', 10), notes: { C12: 'Ask Rosa about this one' } };
    const { book, workbook } = rig({ sheets: [sheet] });
    const result = await validate({ workbook, kiva: new StubKiva() }, input);
    expect(result.ok).toBe(true);
    expect(book.getCell('Repayments!C12').note).toBe('Ask Rosa about this one');
    expect(book.getCell('Repayments!C12').fill).toBe('#FFC7CE');
    expect(book.getCell('Repayments!C2').note).toMatch(/^Kiva Sheets: /);
    expect(book.getCell('Repayments!C22').note).toMatch(/^Kiva Sheets: /);
    expect(workbook.lastCall?.apply?.notesKept).toEqual(['Repayments!C12']);
  });

  test('text that starts with =, +, - or @ stays text: the cells hold no formula', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(5)] });
    const plan: WriteBackPlan = {
      textFormat: '@',
      sheets: [
        {
          sheet: 'Repayments',
          statusColumn: { column: 'U', number: 21, exists: false, header: 'Kiva status', create: true },
          statuses: [
            { row: 2, text: '=1+1' },
            { row: 3, text: '+51 999 888' },
            { row: 4, text: '-5' },
            { row: 5, text: '@mention' },
          ],
          marks: [],
          clear: [],
        },
      ],
      log: {
        sheet: LOG_SHEET,
        headers: ['time', 'environment', 'endpoint', 'rows', 'HTTP', 'reference'],
        lines: [['2026-11-28 14:03', 'stage', 'repayments', 'Repayments!2', '200', '=HYPERLINK("http://x")']],
      },
    };
    const applied = await workbook.apply(plan);
    expect(applied.ok).toBe(true);
    for (const [address, text] of [
      ['Repayments!U2', '=1+1'],
      ['Repayments!U3', '+51 999 888'],
      ['Repayments!U4', '-5'],
      ['Repayments!U5', '@mention'],
      ["'Kiva log'!F2", '=HYPERLINK("http://x")'],
    ] as const) {
      expect(book.getCell(address)).toMatchObject({ value: text, formula: undefined, valueType: 'String' });
    }
    // Written without a read first: one small round trip to learn the workbook, then the write.
    expect(book.syncCount).toBe(2);
  });

  test('the Kiva log is appended to, never overwritten, across runs', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(600)] });
    const kiva = new StubKiva();
    const first = await send({ workbook, kiva }, input);
    if (!first.ok) throw new Error(first.error.code);
    expect(first.value.summary.sent).toBe(600);
    const log = book.sheet(LOG_SHEET);
    expect(book.getValues("'Kiva log'!A1:A1")[0]?.[0]).toBe('Time');
    const firstLines = (log.usedRect(true)?.bottom ?? 0) + 1;
    expect(firstLines).toBe(1 + 3);
    // Someone types a line of their own under the log between the two runs.
    book.setValue("'Kiva log'!A5", 'checked with Rosa');
    const second = await send({ workbook, kiva }, { ...input, resend: true });
    if (!second.ok) throw new Error(second.error.code);
    const values = book.getValues(`'Kiva log'!A1:F${(log.usedRect(true)?.bottom ?? 0) + 1}`);
    expect(values).toHaveLength(1 + 3 + 1 + 3);
    expect(values[4]?.[0]).toBe('checked with Rosa');
    expect(values.filter((row) => row[0] === 'Time')).toHaveLength(1);
    expect(values[7]?.[2]).toBe('repayments');
    expect(book.getCell("'Kiva log'!B8").numberFormat).toBe('@');
    expect(book.getCell('Repayments!U2').value).toMatch(/^Sent · stage · 2026-11-28 14:03/);
  });
});

describe('large plans', () => {
  test('100,000 invalid rows: statuses, fills and notes in chunks, no payload error', async () => {
    const { book, workbook } = rig({ sheets: [repaymentsSheet(100_000, 'Repayments', 1)] });
    const result = await validate({ workbook, kiva: new StubKiva() }, input);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.errorCount).toBe(100_000);
    expect(noPayloadErrors(book)).toBe(true);
    const apply = workbook.lastCall?.apply;
    expect(apply?.halvings).toBe(0);
    expect(apply?.syncs).toBe(apply?.chunks);
    const writes = book.bytesPerSync.slice(-(apply?.syncs ?? 0));
    expect(Math.max(...writes)).toBeLessThan(3 * MB);
    // 300,000 things to write (status, fill, note per row), about 40 MB of requests: at least 2.5 MB a chunk.
    const total = writes.reduce((a, b) => a + b, 0);
    expect(apply?.chunks).toBeLessThanOrEqual(Math.ceil(total / (1.2 * MB)));
    expect(book.getCell('Repayments!U100001').value).toMatch(/^Invalid: C100001/);
    expect(book.getCell('Repayments!C100001').note).toBeDefined();
  }, 120_000);

  test('a write Excel refuses is halved and retried until it fits', async () => {
    const { book, workbook } = rig(
      { sheets: [repaymentsSheet(2_000, 'Repayments', 2)] },
      { limits: { requestBytes: 120_000 } },
    );
    const result = await validate({ workbook, kiva: new StubKiva() }, input);
    if (!result.ok) throw new Error(`${result.error.code} ${JSON.stringify(result.error.params)}`);
    expect(book.syncs.some((s) => s.error === 'RequestPayloadSizeLimitExceeded')).toBe(true);
    expect(workbook.lastCall?.apply?.halvings).toBeGreaterThan(0);
    expect(Object.keys(book.notes)).toHaveLength(1_001);
    expect(book.getCell('Repayments!U1998').value).toMatch(/^Invalid/);
  });
});

test('a plan with nothing to write makes no round trip', async () => {
  const { book, workbook } = rig({ sheets: [repaymentsSheet(3)] });
  await validate({ workbook, kiva: new StubKiva() }, input);
  const { syncs } = await syncsOf(book, () =>
    workbook.apply({ textFormat: '@', sheets: [], log: { sheet: LOG_SHEET, headers: [], lines: [] } }),
  );
  expect(syncs).toBe(0);
});
