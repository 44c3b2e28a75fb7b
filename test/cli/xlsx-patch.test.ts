/**
 * The lean `.xlsx` path (src/cli/files/xlsx-lean*.ts, xlsx-patch.ts): it reads what exceljs reads, and writes
 * statuses, marks and the log by patching the file's parts, so everything else — styles, formulas, charts, an
 * add-in's settings — stays as it was.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { seedLoans, type Emulator } from '../../dev/kiva-emulator';
import type { ReadRequest, WorkbookSnapshot } from '../../src/app/ports';
import { isDateFormat, unwrapCell, type CellGrid, type RawCell } from '../../src/sheet';
import { XlsxLeanWorkbookFile } from '../../src/cli/files/xlsx-lean-workbook';
import { XlsxWorkbookFile } from '../../src/cli/files/xlsx-workbook';
import {
  addZipEntry,
  changeZipEntry,
  emulatorEnv,
  lastJson,
  readWorkbook,
  runCli,
  statuses,
  emulatorPerTest,
  values,
  zipEntries,
} from './harness';

const LOAN_COUNT = 1000;
const repayable = seedLoans(LOAN_COUNT).filter((l) => l.status === 'payingBack');
const id = (k: number): string => repayable[k]?.internal_loan_id ?? '';
const redact = (text: string): string => text;

/** Values as the sheet core sees them (a link's address or a run's font never reach it). */
function unwrapped(result: unknown): unknown {
  const map = (grid: CellGrid): CellGrid => ({
    ...grid,
    values: grid.values.map((row) => row.map(unwrapCell) as RawCell[]),
  });
  const snapshot = (result as { ok: boolean; value?: WorkbookSnapshot }).value;
  if (snapshot === undefined) return result;
  return {
    ...snapshot,
    sheets: snapshot.sheets.map(map),
    ...(snapshot.lists !== undefined ? { lists: map(snapshot.lists) } : {}),
  };
}

/** exceljs's dates as the serials the file holds (UTC midnight, 1900 system). */
function withSerials(result: unknown): unknown {
  const snapshot = result as { sheets?: CellGrid[] };
  if (snapshot.sheets === undefined) return result;
  const serial = (v: RawCell): RawCell => (v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : v);
  return {
    ...snapshot,
    sheets: snapshot.sheets.map((g) => ({ ...g, values: g.values.map((row) => row.map(serial)) })),
  };
}

/** The lean grids without the formats of date cells (exceljs's grids have none: the cell holds a Date). */
function withoutDateFormats(result: unknown): unknown {
  const snapshot = result as { sheets?: CellGrid[] };
  if (snapshot.sheets === undefined) return result;
  const sheets = snapshot.sheets.map((g) => {
    if (g.formats === undefined) return g;
    const formats = g.formats.map((row) => {
      if (row === undefined) return undefined;
      const kept = row.map((f) => (isDateFormat(f) ? undefined : f));
      return kept.some((f) => f !== undefined) ? kept : undefined;
    });
    const copy: CellGrid = { ...g };
    if (formats.some((f) => f !== undefined)) copy.formats = formats;
    else delete copy.formats;
    return copy;
  });
  return { ...snapshot, sheets };
}

let emulator: Emulator;
let dir: string;
emulatorPerTest(LOAN_COUNT, (started, folder) => {
  emulator = started;
  dir = folder;
});

const CHART = '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>';
const ADDIN = '<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11"/>';

/** A workbook someone formatted: a bold filled header, widths, number formats, a formula on another sheet. */
async function styledWorkbook(path: string, options: { userNote?: boolean } = {}): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const notes = workbook.addWorksheet('Notes');
  notes.addRow(['Monthly report']);
  notes.addRow(['total', { formula: 'SUM(Repayments!B2:B5)', result: 57.5 }]);
  notes.getCell('A1').font = { bold: true, size: 14 };
  notes.getColumn(1).width = 30;
  const ws = workbook.addWorksheet('Repayments');
  ws.addRow(['loan_id', 'amount', 'comment']);
  ws.addRow([id(0), 12.5, 'first']);
  ws.addRow([id(1), 20, '=not a formula']);
  ws.addRow([id(2), -5, '']);
  ws.addRow([id(3), 30, '']);
  ws.getRow(1).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } };
  });
  ws.getColumn(2).numFmt = '#,##0.00';
  for (let r = 2; r <= 5; r++) ws.getCell(r, 2).numFmt = '#,##0.00';
  ws.getColumn(1).width = 16;
  if (options.userNote === true) ws.getCell('C2').note = 'call Ana on Friday';
  await workbook.xlsx.writeFile(path);
}

describe('the lean .xlsx path', () => {
  it('reads exactly the grids exceljs reads: dates, formats, formulas, rich text, merges, hidden rows, notes', async () => {
    const file = join(dir, 'mixed.xlsx');
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Journals');
    ws.getCell('B3').value = 'loan_id';
    ws.getCell('C3').value = 'date';
    ws.getCell('D3').value = { richText: [{ text: 'sub' }, { text: 'ject', font: { bold: true } }] };
    ws.getCell('E3').value = 'flag';
    ws.getCell('B4').value = 42;
    ws.getCell('B4').numFmt = '000000';
    ws.getCell('C4').value = new Date(Date.UTC(2026, 10, 28));
    ws.getCell('C4').numFmt = 'yyyy-mm-dd';
    ws.getCell('D4').value = { formula: 'B4*2', result: 84 };
    ws.getCell('E4').value = true;
    ws.getCell('B5').value = { error: '#N/A' };
    ws.getCell('C5').value = { formula: 'TODAY()', result: new Date(Date.UTC(2026, 0, 2)) };
    ws.getCell('C5').numFmt = 'dd/mm/yyyy';
    ws.getCell('D5').value = { text: 'site', hyperlink: 'https://example.org' };
    ws.getCell('E5').value = 'x';
    ws.getCell('B6').value = 'merged';
    ws.mergeCells('B6:C7');
    ws.getRow(7).hidden = true;
    ws.getCell('D7').value = 0.25;
    ws.getCell('D7').numFmt = '0%';
    ws.getCell('E7').note = 'Kiva Sheets: The amount must be greater than 0';
    ws.getCell('E7').value = 'y';
    ws.getCell('F8').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
    workbook.addWorksheet('Hidden', { state: 'hidden' }).addRow(['secret', 1]);
    workbook.addWorksheet('Kiva lists').addRow(['activity', 'id']);
    await workbook.xlsx.writeFile(file);

    const lean = await XlsxLeanWorkbookFile.open(file, { redact });
    const full = await XlsxWorkbookFile.open(file, { redact });
    if (!('ok' in lean) || !lean.ok || !full.ok) throw new Error('not opened');
    const requests: ReadRequest[] = [
      { scope: { kind: 'workbook' }, isReference: () => false, withLists: true },
      { scope: { kind: 'sheet', sheet: 'journals' }, isReference: () => true, withLists: false },
      { scope: { kind: 'sheet', sheet: 'Nope' }, isReference: () => false, withLists: false },
    ];
    for (const request of requests) {
      const fromLean = unwrapped(await lean.value.read(request));
      // exceljs turns a date-formatted number into a Date; the lean path passes the number and its format, and
      // the sheet core alone decides which formats are dates (one detector for every source).
      expect(withoutDateFormats(fromLean)).toEqual(withSerials(unwrapped(await full.value.read(request))));
    }
    const journals = await lean.value.read(requests[1] as ReadRequest);
    if (!journals.ok) throw new Error('not read');
    const grid = journals.value.sheets[0] as CellGrid;
    expect([grid.values[1]?.[1], grid.formats?.[1]?.[1]]).toEqual([46354, 'yyyy-mm-dd']);
    expect(unwrapCell(grid.values[2]?.[1])).toBe(46024);
    expect(isDateFormat(grid.formats?.[2]?.[1])).toBe(true);
    expect(lean.value.sheetNames()).toEqual(full.value.sheetNames());
  });

  it('send patches statuses and the log in, keeps styles, formulas and widths, and a second send sends nothing', async () => {
    const file = join(dir, 'styled.xlsx');
    await styledWorkbook(file, { userNote: true });
    const first = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(first.code).toBe(1);
    expect(lastJson(first)).toMatchObject({ sent: 3, invalid: 1 });

    const workbook = await readWorkbook(file);
    const status = statuses(workbook, 'Repayments');
    expect(status[2]).toMatch(/^Sent · stage · \d{4}-\d\d-\d\d \d\d:\d\d · 7\d{4}$/);
    expect(status[4]).toBe('Invalid: B4: The amount must be 0 or more (found -5).');
    const ws = workbook.getWorksheet('Repayments') as ExcelJS.Worksheet;
    // Statuses are text cells with the Text format; the new header looks like its neighbours.
    for (const r of [2, 3, 4, 5]) {
      expect(typeof ws.getCell(r, 4).value).toBe('string');
      expect(ws.getCell(r, 4).numFmt).toBe('@');
    }
    expect(ws.getCell('D1').value).toBe('Kiva status');
    expect(ws.getCell('D1').font).toMatchObject({ bold: true });
    expect(ws.getCell('D1').fill).toMatchObject({ fgColor: { argb: 'FF1F4E78' } });
    // The rest as the user left it.
    expect(ws.getCell('A1').fill).toMatchObject({ fgColor: { argb: 'FF1F4E78' } });
    expect(ws.getCell('B2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('B2').fill?.type === 'pattern' ? ws.getCell('B2').fill : undefined).not.toMatchObject({
      pattern: 'solid',
    });
    expect(ws.getColumn(1).width).toBe(16);
    expect(ws.getCell('C2').note).toBe('call Ana on Friday');
    expect(ws.getCell('C3').value).toBe('=not a formula');
    // The invalid cell: our fill and our note.
    expect(ws.getCell('B4').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getCell('B4').note).toMatch(/^Kiva Sheets: /);
    expect(ws.getCell('B4').numFmt).toBe('#,##0.00');
    expect(values(workbook, 'Notes')).toEqual([
      ['Monthly report'],
      ['total', { formula: 'SUM(Repayments!B2:B5)', result: 57.5 }],
    ]);
    const notes = workbook.getWorksheet('Notes') as ExcelJS.Worksheet;
    expect(notes.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(notes.getColumn(1).width).toBe(30);
    const log = values(workbook, 'Kiva log');
    expect(log[0]).toEqual(['Time', 'Environment', 'Endpoint', 'Rows', 'HTTP status', 'Kiva reference or message']);
    expect(log.slice(1).map((line) => line.slice(1, 5))).toEqual([['stage', 'repayments', 'Repayments!2–3, 5', '200']]);
    expect(workbook.getWorksheet('Kiva log')?.getCell('A1').font).toMatchObject({ bold: true });

    const second = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(lastJson(second)).toMatchObject({ sent: 0, skipped: 3, invalid: 1 });
    expect(emulator.appliedRepaymentLoanIds()).toEqual([id(0), id(1), id(3)]);
    const again = await readWorkbook(file);
    expect(statuses(again, 'Repayments')).toEqual(status);
    expect(values(again, 'Kiva log')).toHaveLength(2);
  });

  it('validate --mark takes its own marks off fixed cells and leaves the user’s notes alone', async () => {
    const file = join(dir, 'marked.xlsx');
    await styledWorkbook(file, { userNote: true });
    const marked = await runCli(['validate', file, '--mark'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(marked.code).toBe(1);
    let ws = (await readWorkbook(file)).getWorksheet('Repayments') as ExcelJS.Worksheet;
    expect(ws.getCell('B4').note).toMatch(/^Kiva Sheets: /);
    expect(ws.getCell('D4').value).toBe('Invalid: B4: The amount must be 0 or more (found -5).');
    // Not only a pale fill: a medium dark-red border around the cell and its status.
    for (const cell of ['B4', 'D4'])
      expect(ws.getCell(cell).border?.left).toEqual({ style: 'medium', color: { argb: 'FF9C0006' } });

    // The amount is fixed (by hand, in Excel): the next --mark clears the fill, the note and the status.
    changeZipEntry(file, 'xl/worksheets/sheet2.xml', (xml) => xml.replace(/(<c r="B4"[^>]*>)<v>-5<\/v>/, '$1<v>5</v>'));
    const fixed = await runCli(['validate', file, '--mark'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(fixed.code).toBe(0);
    ws = (await readWorkbook(file)).getWorksheet('Repayments') as ExcelJS.Worksheet;
    expect(ws.getCell('B4').note).toBeUndefined();
    expect((ws.getCell('B4').fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
    for (const cell of ['B4', 'D4']) expect(ws.getCell(cell).border?.left?.style).toBeUndefined();
    expect(ws.getCell('B4').value).toBe(5);
    expect(ws.getCell('D4').value).toBeNull();
    expect(ws.getCell('C2').note).toBe('call Ana on Friday');
    // Only reads: the token and the partner's loans for the portfolio check; nothing sent.
    expect(emulator.received.filter((r) => r.method !== 'GET' && r.path !== '/oauth/token')).toEqual([]);
  });

  it('writes a workbook with a chart and an add-in’s settings in place, keeping both parts as they were', async () => {
    const file = join(dir, 'charted.xlsx');
    await styledWorkbook(file);
    addZipEntry(file, 'xl/charts/chart1.xml', CHART);
    addZipEntry(file, 'xl/webextensions/webextension1.xml', ADDIN);
    const run = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('cannot write back');
    expect(lastJson(run)).toMatchObject({ sent: 3, invalid: 1 });
    const parts = zipEntries(file);
    expect(parts.get('xl/charts/chart1.xml')).toBe(CHART);
    expect(parts.get('xl/webextensions/webextension1.xml')).toBe(ADDIN);
    expect(Object.keys(statuses(await readWorkbook(file), 'Repayments'))).toHaveLength(4);
  });

  it('reads an ISO date cell (t="d") itself, and keeps a chart when writing in place', async () => {
    const file = join(dir, 'dated.xlsx');
    await styledWorkbook(file);
    // An ISO date cell (`t="d"`), which only some writers use.
    changeZipEntry(file, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace('</sheetData>', '<row r="4"><c r="A4" t="d"><v>2026-11-28T00:00:00Z</v></c></row></sheetData>'),
    );
    addZipEntry(file, 'xl/charts/chart1.xml', CHART);
    const lean = await XlsxLeanWorkbookFile.open(file, { redact });
    if (!('ok' in lean) || !lean.ok) throw new Error('not opened the lean way');
    const read = await lean.value.read({
      scope: { kind: 'sheet', sheet: 'Notes' },
      isReference: () => false,
      withLists: false,
    });
    if (!read.ok) throw new Error('not read');
    expect(read.value.sheets[0]?.values[3]?.[0]).toEqual(new Date(Date.UTC(2026, 10, 28)));

    const sent = await runCli(['send', file], { cwd: dir, env: emulatorEnv(emulator) });
    expect(sent.code).toBe(1);
    expect(Object.keys(statuses(await readWorkbook(file), 'Repayments'))).toHaveLength(4);
    expect(zipEntries(file).get('xl/charts/chart1.xml')).toBe(CHART);
  });
});
