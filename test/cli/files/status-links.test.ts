/**
 * Journal statuses open their confirm link from the cell in files too, as the pane's do in Excel: the lean patcher
 * (xlsx-links-patch.ts: a `<hyperlink>` and an external relationship of the sheet) and the exceljs writer. A later
 * status without a link takes the link off (and its relationship); a link the user made elsewhere stays.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { StatusWrite, WriteBackPlan } from '../../../src/sheet';
import { readWorkbook, tempDir } from '../harness';
import { WRITERS } from './writers';

const CONFIRM = 'https://www.kiva.org/confirm?upload=77&token=a"b';
const MINE = 'https://example.org/mine';

function plan(statuses: StatusWrite[]): WriteBackPlan {
  return {
    textFormat: '@',
    sheets: [
      {
        sheet: 'Journals',
        statusColumn: { column: 'C', number: 3, exists: true, header: 'Kiva status', create: false },
        statuses,
        marks: [],
        clear: [],
      },
    ],
    log: { sheet: 'Kiva log', headers: [], lines: [] },
  };
}

async function source(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Journals');
  ws.addRow(['loan_id', 'subject', 'Kiva status']);
  ws.addRow(['L1', 'Harvest', '']);
  ws.addRow(['L2', 'Shop', '']);
  ws.addRow(['L3', 'Visit', '']);
  ws.getCell('A4').value = { text: 'L3', hyperlink: MINE };
  const file = join(dir, 'source.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

/** Every relationship target of the file's parts (links live in the sheets' rels). */
async function targets(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const rels = Object.keys(zip.files).filter((name) => name.endsWith('.rels'));
  return (await Promise.all(rels.map((name) => zip.file(name)?.async('string') ?? ''))).join('\n');
}

describe.each(WRITERS)('status links through %s', (_name, write) => {
  it('links a status to its address, takes the link off a later status without one, keeps the user’s', async () => {
    const dir = tempDir();
    const file = join(dir, 'book.xlsx');
    copyFileSync(await source(dir), file);

    await write(
      file,
      plan([
        { row: 2, text: 'Sent · stage · journal', link: CONFIRM },
        { row: 3, text: 'Sent · stage · journal', link: null },
      ]),
    );
    let ws = (await readWorkbook(file)).getWorksheet('Journals') as ExcelJS.Worksheet;
    expect(ws.getCell('C2').value).toEqual({ text: 'Sent · stage · journal', hyperlink: CONFIRM });
    expect(ws.getCell('C3').value).toBe('Sent · stage · journal');
    expect(ws.getCell('A4').value).toEqual({ text: 'L3', hyperlink: MINE });

    await write(file, plan([{ row: 2, text: 'Sent · stage · again', link: null }]));
    ws = (await readWorkbook(file)).getWorksheet('Journals') as ExcelJS.Worksheet;
    expect(ws.getCell('C2').value).toBe('Sent · stage · again');
    expect(ws.getCell('A4').value).toEqual({ text: 'L3', hyperlink: MINE });
    const rels = await targets(file);
    expect(rels).not.toContain('kiva.org/confirm');
    expect(rels).toContain(MINE);
  });
});
