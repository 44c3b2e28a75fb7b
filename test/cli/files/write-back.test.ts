/**
 * Writing back into files from every writer (LibreOffice, openpyxl, XlsxWriter's three modes, prefixed, strict,
 * Google-Sheets-style): statuses with their fills, marker borders and a confirm link, a marked cell, the log. The
 * patcher changes only the parts the plan concerns, the result reads back here and in
 * exceljs, and it is exactly what make.py reopened in openpyxl and LibreOffice (test/fixtures/files/written/):
 * those two are checked by the committed script rather than in CI, which would need LibreOffice (hundreds of MB)
 * on every run; a change to what the patcher writes fails here until the script has reopened the new output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { XlsxLeanWorkbookFile } from '../../../src/cli/files/xlsx-lean-workbook';
import { unwrapCell, type CellGrid } from '../../../src/sheet';
import { WRITTEN_LINK, WRITTEN_STATUSES, writeBack } from '../../fixtures/files/write-back';
import { tempDir } from '../harness';
import { expected, FIXTURES } from './fixtures';

const workbooks = Object.entries(expected)
  .filter(([name, e]) => name.endsWith('.xlsx') && e.damaged === undefined)
  .map(([name]) => name);

async function parts(path: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    const file = zip.file(name);
    if (file !== null) out.set(name, await file.async('string'));
  }
  return out;
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe('writing back into a file from every writer', () => {
  it.each(workbooks)(
    '%s keeps every other part, reads back, and is what LibreOffice and openpyxl reopened',
    async (name) => {
      const source = join(FIXTURES, name);
      const out = join(dir, name);
      await writeBack(source, out, 'Repayments');

      const before = await parts(source);
      const after = await parts(out);
      const changed = [...after.keys()].filter((p) => before.get(p) !== after.get(p));
      const allowed =
        /^(xl\/worksheets\/sheet\d+\.xml|xl\/styles\.xml|xl\/comments\d*\.xml|xl\/drawings\/vmlDrawing\d+\.vml|xl\/workbook\.xml|\[Content_Types\]\.xml|.*\.rels)$/;
      expect(changed.filter((p) => !allowed.test(p))).toEqual([]);
      for (const part of before.keys()) expect([part, after.has(part)]).toEqual([part, true]);

      // What openpyxl and LibreOffice reopened (make.py), part for part.
      expect(after).toEqual(await parts(join(FIXTURES, 'written', name)));

      const lean = await XlsxLeanWorkbookFile.open(out, { redact: (t) => t });
      if (!('ok' in lean) || !lean.ok) throw new Error('written file not reopened');
      const read = await lean.value.read({ scope: { kind: 'workbook' }, isReference: () => false, withLists: false });
      if (!read.ok) throw new Error('written file not read');
      const grid = read.value.sheets.find((g) => g.sheet === 'Repayments') as CellGrid;
      expect(grid.values.slice(0, 4).map((row) => unwrapCell(row[4]))).toEqual(['Kiva status', ...WRITTEN_STATUSES]);
      expect(unwrapCell(grid.values[1]?.[0])).toBe('L-0001');

      expect(grid.marked).toEqual([{ row: 3, column: 'B' }]);

      const workbook = new ExcelJS.Workbook();
      if (name === 'prefixed.xlsx') {
        // exceljs reads no prefixed package at all, not even the original: nothing to compare there.
        await expect(new ExcelJS.Workbook().xlsx.readFile(source)).rejects.toThrow();
        return;
      }
      await workbook.xlsx.readFile(out);
      const ws = workbook.getWorksheet('Repayments') as ExcelJS.Worksheet;
      expect([2, 3, 4].map((r) => ws.getCell(r, 5).text)).toEqual(WRITTEN_STATUSES);
      // The first status opens its confirm link (a hyperlink relationship of the sheet); the others open nothing.
      expect(ws.getCell(2, 5).hyperlink).toBe(WRITTEN_LINK);
      expect(ws.getCell(3, 5).hyperlink).toBeUndefined();
      expect(ws.getCell(3, 2).border?.left).toMatchObject({ style: 'medium' });
      // exceljs knows comments only under the transitional relationship type; strict files name it otherwise.
      if (name !== 'strict.xlsx') expect(ws.getCell(3, 2).note).toBeDefined();
      expect(workbook.getWorksheet('Kiva log')?.getCell(2, 6).value).toBe('Peña ✓');
    },
  );
});
