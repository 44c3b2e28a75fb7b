/**
 * Writing statuses back from where the first read found the rows gives the very bytes the full patcher gives
 * (which the other write-back tests check against Excel's readers): on every sheet of the fixture corpus and on
 * hand-made sheets with what a row can hold (cells without `r`, whitespace between cells, self-closing rows, a
 * prefix, row and column styles), for statuses in a new column, edits of existing cells, new rows and a new
 * `<legacyDrawing>`.
 */
import { isAscii } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { patchIndexedSheetPacked, patchIndexedSheetXml } from '../../../src/cli/files/xlsx-indexed-patch';
import { readCellFormats, readSharedStrings, readSheet, SheetReader } from '../../../src/cli/files/xlsx-read';
import { XlsxPackage } from '../../../src/cli/files/xlsx-lean';
import { addEdit, patchSheetXml, type SheetEdits } from '../../../src/cli/files/xlsx-sheet-patch';
import { xmlParser } from '../../../src/cli/files/xml';
import type { PackedPart } from '../../../src/cli/files/zip-write';
import { FIXTURES } from './fixtures';

const style = (old: number, left: number | undefined): number => old * 10 + (left ?? 7);

type EditPlan = (rows: readonly number[], lastColumn: number) => SheetEdits;

const PLANS: Record<string, EditPlan> = {
  'statuses in a new column': (rows, last) => {
    const edits: SheetEdits = new Map();
    for (const row of rows) addEdit(edits, row, last + 1, { style, text: `Sent · stage · ${row} <&>` });
    return edits;
  },
  'statuses, marks on existing cells, emptied cells and new rows': (rows, last) => {
    const edits: SheetEdits = new Map();
    rows.forEach((row, k) => {
      if (k % 3 === 0) addEdit(edits, row, last + 1, { style, text: `Error: row ${row}` });
      if (k % 4 === 1) addEdit(edits, row, 1, { style: (old) => old + 1 });
      if (k % 5 === 2) addEdit(edits, row, Math.max(1, last), { style, text: null });
      if (k % 7 === 3) addEdit(edits, row, last + 3, { style, text: 'far' });
    });
    const bottom = Math.max(0, ...rows);
    addEdit(edits, bottom + 2, 2, { style, text: 'a new row' });
    if ((rows[0] ?? 1) > 1) addEdit(edits, 1, 1, { style, text: 'above' });
    return edits;
  },
};

interface Sheet {
  name: string;
  xml: string;
  read: ReturnType<SheetReader['result']>;
}

async function corpusSheets(): Promise<Sheet[]> {
  const sheets: Sheet[] = [];
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx') && !f.startsWith('damaged'));
  for (const file of files) {
    const pkg = await XlsxPackage.load(readFileSync(join(FIXTURES, file)));
    const formats = pkg.stylesPart === undefined ? [] : await readCellFormats(pkg.zip, pkg.stylesPart);
    const strings = pkg.sharedStringsPart === undefined ? [] : await readSharedStrings(pkg.zip, pkg.sharedStringsPart);
    for (const entry of pkg.sheets) {
      const read = await readSheet(pkg.zip, entry.part, { strings, formats });
      sheets.push({ name: `${file} ${entry.name}`, xml: (await pkg.text(entry.part)) as string, read });
    }
  }
  return sheets;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS = [REL, 'http://purl.oclc.org/ooxml/officeDocument/relationships'];

/** Sheets written by hand, read in chunks as a part streams out of the zip. */
function madeSheets(): Sheet[] {
  const made: Record<string, string> = {
    'rows of every kind':
      `<?xml version="1.0"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:C6"/>` +
      '<cols><col min="2" max="4" width="9" style="5" customWidth="1"/></cols><sheetData>\n' +
      '  <row r="1" spans="1:3"><c r="A1" t="inlineStr"><is><t>loan_id</t></is></c><c r="B1" s="2"/></row>\n' +
      '  <row r="2" spans="1:3"> <c r="A2"><v>1</v></c> <c r="C2"><v>3</v></c> </row>\n' +
      '  <row r="3"><c><v>1</v></c><c><v>2</v></c></row>\n' +
      '  <row r="4" customFormat="1" s="3"><c r="a4"><v>1</v></c><c r="$B$4"><v>2</v></c></row>\n' +
      '  <row r="5"/>\n' +
      '  <row r="6" hidden="1"><c r="B6" s="4"><v>2</v></c></row>\n' +
      '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '<tableParts count="0"/></worksheet>',
    'a prefixed sheet without a dimension':
      `<x:worksheet xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheetData>` +
      '<x:row r="2"><x:c r="A2" t="str"><x:v>L1</x:v></x:c></x:row>' +
      '<x:row r="4"><x:c r="A4" t="str"><x:v>L2</x:v></x:c><x:c r="B4"><x:v>5</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>',
    'no relationship prefix declared': `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
  };
  return Object.entries(made).map(([name, xml]) => {
    const reader = new SheetReader(name, { strings: [], formats: [] });
    // Fed in small chunks, as the zip streams it: offsets must still be those of the whole text.
    const sink = xmlParser(name, reader);
    for (let at = 0; at < xml.length; at += 7) sink.write(xml.slice(at, at + 7));
    sink.close();
    return { name, xml, read: reader.result() };
  });
}

describe.each(Object.entries(PLANS))('%s', (_plan, plan) => {
  test('the same bytes as the full patcher, on every sheet, with and without a new legacyDrawing', async () => {
    const sheets = [...(await corpusSheets()), ...madeSheets()];
    const fallbacks: string[] = [];
    let fromBytes = 0;
    for (const sheet of sheets) {
      const rows = sheet.read.index.rows === 0 ? [] : rowNumbers(sheet);
      const last = sheet.read.index.maxColumn;
      for (const legacyDrawing of [undefined, 'rId9']) {
        const extra = legacyDrawing === undefined ? {} : { legacyDrawing };
        const full = patchSheetXml(sheet.name, sheet.xml, plan(rows, last), extra);
        const fast = patchIndexedSheetXml(sheet.name, sheet.xml, plan(rows, last), sheet.read.index, extra);
        if (fast === undefined) {
          fallbacks.push(`${sheet.name}${legacyDrawing === undefined ? '' : ' + drawing'}`);
          continue;
        }
        expect({ sheet: sheet.name, legacyDrawing, xml: fast.toString('utf8') }).toEqual({
          sheet: sheet.name,
          legacyDrawing,
          xml: full.toString('utf8'),
        });
        // An all-ASCII sheet is patched from its bytes (as the zip inflated them), to the same bytes.
        const bytes = Buffer.from(sheet.xml, 'utf8');
        if (!isAscii(bytes)) continue;
        const copied = patchIndexedSheetXml(sheet.name, bytes, plan(rows, last), sheet.read.index, extra);
        expect({ sheet: sheet.name, legacyDrawing, xml: copied?.toString('utf8') }).toEqual({
          sheet: sheet.name,
          legacyDrawing,
          xml: full.toString('utf8'),
        });
        fromBytes++;
      }
    }
    expect(fromBytes).toBeGreaterThan(sheets.length / 2);
    // Only a new drawing in a sheet whose root binds no relationship prefix is left to the full patcher.
    const noPrefix = sheets.filter((s) => !RELS.some((uri) => s.xml.slice(0, s.xml.indexOf('>', 60)).includes(uri)));
    expect(fallbacks).toEqual(noPrefix.map((s) => `${s.name} + drawing`));
    expect(noPrefix.length).toBeLessThan(sheets.length / 2);
  });
});

function rowNumbers(sheet: Sheet): number[] {
  const index = sheet.read.index;
  return Array.from({ length: index.rows }, (_, k) => index.rowAt(k).row);
}

describe('deflated as it is written', () => {
  test('a sheet of several megabytes: one deflate stream of the same bytes, its CRC and size', () => {
    const rows = Array.from(
      { length: 40_000 },
      (_, k) =>
        `<row r="${k + 1}"><c r="A${k + 1}" t="str"><v>L-${k * 7919}</v></c><c r="B${k + 1}"><v>${k / 4}</v></c></row>`,
    );
    const xml = `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:B40000"/><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const reader = new SheetReader('big', { strings: [], formats: [] });
    const sink = xmlParser('big', reader);
    for (let at = 0; at < xml.length; at += 256 * 1024) sink.write(xml.slice(at, at + 256 * 1024));
    sink.close();
    const index = reader.result().index;
    const plan = (): SheetEdits => {
      const edits: SheetEdits = new Map();
      // Statuses on a few rows only, so that long runs of the sheet are copied between them.
      for (let row = 2; row <= 40_000; row += 9_000) addEdit(edits, row, 3, { style, text: `Sent · ${row}` });
      return edits;
    };
    const full = patchSheetXml('big', xml, plan());
    expect(full.length).toBeGreaterThan(3 * 1024 * 1024);
    for (const source of [xml, Buffer.from(xml, 'utf8')]) {
      const packed = patchIndexedSheetPacked('big', source, plan(), index) as PackedPart;
      const inflated = inflateRawSync(packed.data);
      expect(inflated.equals(full)).toBe(true);
      expect([packed.crc, packed.uncompressedSize]).toEqual([crc32(full) >>> 0, full.length]);
      expect(packed.data.length).toBeLessThan(full.length / 4);
    }
  });
});
