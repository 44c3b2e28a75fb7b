/**
 * Marker borders in files: the lean patcher (xlsx-patch.ts, styles appended to styles.xml) and the exceljs writer
 * (xlsx-write.ts) put a medium border in the plan's colour around marked cells and status cells, and take only
 * their own off again when a cell is fixed: a border the user drew stays.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { BORDER, FILL, STATUS_BORDER, STATUS_FILL, type SheetWriteBack, type WriteBackPlan } from '../../../src/sheet';
import { readWorkbook, tempDir } from '../harness';
import { WRITERS } from './writers';

const USER_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF000000' } },
  bottom: { style: 'thin', color: { argb: 'FF000000' } },
  left: { style: 'thin', color: { argb: 'FF000000' } },
  right: { style: 'thin', color: { argb: 'FF000000' } },
};

function plan(sheet: Partial<SheetWriteBack>): WriteBackPlan {
  return {
    textFormat: '@',
    sheets: [
      {
        sheet: 'Repayments',
        statusColumn: { column: 'C', number: 3, exists: true, header: 'Kiva status', create: false },
        statuses: [],
        marks: [],
        clear: [],
        ...sheet,
      },
    ],
    log: { sheet: 'Kiva log', headers: [], lines: [] },
  };
}

const MARKED = plan({
  marks: [
    { row: 2, column: 'B', severity: 'warning', fill: FILL.warning, border: BORDER.warning, note: 'Kiva Sheets: w' },
    { row: 3, column: 'B', severity: 'error', fill: FILL.error, border: BORDER.error, note: 'Kiva Sheets: e' },
  ],
  statuses: [
    { row: 2, text: 'Sent with warnings', fill: STATUS_FILL.warned, border: STATUS_BORDER.warned },
    { row: 3, text: 'Invalid: B3', fill: FILL.error, border: BORDER.error },
  ],
});

const FIXED = plan({
  clear: [
    { row: 2, column: 'B' },
    { row: 3, column: 'B' },
    // Never marked by this tool: the user's own border stays.
    { row: 4, column: 'B' },
  ],
  statuses: [
    { row: 2, text: 'Sent', fill: STATUS_FILL.sent, border: STATUS_BORDER.sent },
    { row: 3, text: '', fill: null, border: null },
  ],
});

async function source(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Repayments');
  ws.addRow(['loan_id', 'amount', 'Kiva status']);
  ws.addRow(['L1', 10, '']);
  ws.addRow(['L2', -5, '']);
  ws.addRow(['L3', 7, '']);
  ws.getCell('B4').border = USER_BORDER;
  const file = join(dir, 'source.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

const box = (hex: string) => {
  const edge = { style: 'medium', color: { argb: `FF${hex.slice(1)}` } };
  return { top: edge, bottom: edge, left: edge, right: edge };
};

/** What a cell's border says, edge by edge (exceljs leaves out edges without a line). */
function edges(cell: ExcelJS.Cell): Record<string, unknown> {
  const border = cell.border ?? {};
  const out: Record<string, unknown> = {};
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const edge = border[side];
    if (edge?.style !== undefined) out[side] = { style: edge.style, color: { argb: edge.color?.argb } };
  }
  return out;
}

describe.each(WRITERS)('marker borders through %s', (_name, write) => {
  it('borders marked cells and statuses in the plan’s colour, and takes only its own off once fixed', async () => {
    const dir = tempDir();
    const file = join(dir, 'book.xlsx');
    copyFileSync(await source(dir), file);

    await write(file, MARKED);
    let ws = (await readWorkbook(file)).getWorksheet('Repayments') as ExcelJS.Worksheet;
    expect(edges(ws.getCell('B2'))).toEqual(box(BORDER.warning));
    expect(edges(ws.getCell('B3'))).toEqual(box(BORDER.error));
    expect(edges(ws.getCell('C2'))).toEqual(box(BORDER.warning));
    expect(edges(ws.getCell('C3'))).toEqual(box(BORDER.error));
    expect(ws.getCell('B2').fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });
    expect(edges(ws.getCell('A2'))).toEqual({});

    await write(file, FIXED);
    ws = (await readWorkbook(file)).getWorksheet('Repayments') as ExcelJS.Worksheet;
    for (const cell of ['B2', 'B3', 'C2', 'C3']) expect([cell, edges(ws.getCell(cell))]).toEqual([cell, {}]);
    // The fixed cell and its cleared Invalid status lose their fill too.
    for (const cell of ['B3', 'C3'])
      expect([cell, (ws.getCell(cell).fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none']).toEqual([
        cell,
        'none',
      ]);
    expect(ws.getCell('C2').fill).toMatchObject({ fgColor: { argb: 'FFC6EFCE' } });
    expect(edges(ws.getCell('B4'))).toEqual(edges({ border: USER_BORDER } as ExcelJS.Cell));
    expect(ws.getCell('B4').value).toBe(7);
  });
});
