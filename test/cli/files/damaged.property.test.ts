/**
 * Property: whatever damage a sheet suffers (a `</row>` or `</c>` lost, rows swapped, a cell moved into another
 * row, a shared-string index past the table, a cut anywhere, entity declarations), the reader returns no value
 * for any cell of the file: it refuses the file, naming the part, before anything is built.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { XlsxLeanWorkbookFile } from '../../../src/cli/files/xlsx-lean-workbook';
import { tempDir } from '../harness';
import { FIXTURES } from './fixtures';

const SHEET = 'xl/worksheets/sheet1.xml';
const redact = (text: string): string => text;

/** Offsets of every occurrence of `needle` in `text`. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

type Damage = (xml: string, pick: number, strings: number) => string | undefined;

const DAMAGES: Record<string, Damage> = {
  'a </row> lost': (xml, pick) => {
    const ends = occurrences(xml, '</row>');
    const at = ends[pick % ends.length] as number;
    return xml.slice(0, at) + xml.slice(at + '</row>'.length);
  },
  'a </c> lost': (xml, pick) => {
    const ends = occurrences(xml, '</c>');
    const at = ends[pick % ends.length] as number;
    return xml.slice(0, at) + xml.slice(at + '</c>'.length);
  },
  'a row number repeated': (xml, pick) => {
    const rows = occurrences(xml, '<row r="');
    if (rows.length < 2) return undefined;
    const k = 1 + (pick % (rows.length - 1));
    const at = (rows[k] as number) + '<row r="'.length;
    const end = xml.indexOf('"', at);
    return `${xml.slice(0, at)}${k}${xml.slice(end)}`.replace(
      new RegExp(`<c r="([A-Z]+)${k + 1}"`, 'g'),
      `<c r="$1${k}"`,
    );
  },
  'a cell moved to the next row': (xml, pick) => {
    const cells = occurrences(xml, '<c r="');
    const at = (cells[pick % cells.length] as number) + '<c r="'.length;
    const end = xml.indexOf('"', at);
    const ref = xml.slice(at, end);
    const row = Number(/\d+$/.exec(ref)?.[0]);
    return `${xml.slice(0, at)}${ref.replace(/\d+$/, String(row + 1))}${xml.slice(end)}`;
  },
  'a shared string past the table': (xml, pick, strings) => {
    const values = occurrences(xml, 't="s"><v>');
    if (values.length === 0) return undefined;
    const at = (values[pick % values.length] as number) + 't="s"><v>'.length;
    const end = xml.indexOf('<', at);
    return `${xml.slice(0, at)}${strings + (pick % 7)}${xml.slice(end)}`;
  },
  'cut short': (xml, pick) =>
    xml.slice(0, xml.indexOf('<sheetData') + (pick % (xml.length - xml.indexOf('<sheetData') - 20))),
  'entity declarations': (xml) =>
    xml.replace(/^(<\?xml[^>]*\?>)?/, (decl) => `${decl}<!DOCTYPE worksheet [<!ENTITY x "x">]>`),
};

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe('a damaged sheet', () => {
  it('never gives a value for any cell', async () => {
    const sources = ['xlsxwriter.xlsx', 'openpyxl.xlsx', 'libreoffice.xlsx', 'xlsxwriter-constant-memory.xlsx'];
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sources),
        fc.constantFrom(...Object.keys(DAMAGES)),
        fc.nat(10_000),
        async (source, damage, pick) => {
          const zip = await JSZip.loadAsync(readFileSync(join(FIXTURES, source)));
          const xml = (await zip.file(SHEET)?.async('string')) as string;
          const sst = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
          const strings = occurrences(sst, '<si>').length + occurrences(sst, '<si/>').length;
          const damaged = (DAMAGES[damage] as Damage)(xml, pick, strings);
          fc.pre(damaged !== undefined && damaged !== xml);
          zip.file(SHEET, damaged as string);
          const path = join(dir, `damaged-${file++}.xlsx`);
          writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
          const opened = await XlsxLeanWorkbookFile.open(path, { redact });
          // Not opened at all: no grid, no cell, and a damaged-file error naming the sheet's part.
          expect('ok' in opened && opened.ok).toBe(false);
          if (!('ok' in opened) || opened.ok) return;
          expect(opened.error.code).toBe('workbook-damaged');
          expect(opened.error.params.part).toBe(SHEET);
        },
      ),
      { numRuns: 150 },
    );
  });
});
