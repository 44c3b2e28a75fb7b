/**
 * The CSV reader on the fixture corpus (test/fixtures/files: hand-made by make.py, and written by LibreOffice in
 * the Spanish and French Windows formats, as "Unicode text" and as UTF-8 by make_csv.py): each file reads as
 * Python's csv module read it (expected.json), in the encoding and with the delimiter it has, and is written back
 * byte for byte; each damaged one is refused, naming the cell and the line, in English, Spanish and French.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAppError } from '../../../src/app';
import { csvBytes, decodeCsv, encodeWindows1252, readCsvBytes } from '../../../src/cli/files/csv';
import { FileProblem } from '../../../src/cli/files/problems';
import { expected, FIXTURES } from './fixtures';

const csvFiles = Object.entries(expected).filter(([name]) => name.endsWith('.csv') || name.endsWith('.txt'));

function problemOf(bytes: Uint8Array): FileProblem {
  try {
    readCsvBytes(bytes);
  } catch (e) {
    if (e instanceof FileProblem) return e;
    throw e;
  }
  throw new Error('the file was read');
}

describe('the CSV reader on files as spreadsheets save them', () => {
  it('has the LibreOffice-written files in the corpus', () => {
    expect(csvFiles.filter(([, e]) => e.records !== undefined).length).toBeGreaterThanOrEqual(10);
  });

  it.each(csvFiles.filter(([, e]) => e.damaged === undefined))(
    '%s reads as expected and is written back byte for byte',
    (name, want) => {
      const bytes = readFileSync(join(FIXTURES, name));
      const document = readCsvBytes(bytes);
      expect(document.encoding).toBe(want.encoding === 'utf-8-bom' ? 'utf-8' : want.encoding);
      expect(document.bom).toBe(want.encoding !== 'utf-8' && want.encoding !== 'windows-1252');
      expect(document.delimiter).toBe(want.delimiter);
      expect(document.records).toEqual(want.records);
      expect(csvBytes(document).equals(bytes)).toBe(true);
    },
  );

  it.each(csvFiles.filter(([, e]) => e.damaged !== undefined))('%s is refused as damaged', (name, want) => {
    const problem = problemOf(readFileSync(join(FIXTURES, name)));
    expect(problem.reason).toBe(want.damaged);
    expect(problem.part).toBe(want.part);
    const error = problem.toAppError(name);
    const messages = ['en', 'es', 'fr'].map((lang) => formatAppError(error, lang));
    for (const message of messages) {
      expect(message).toContain(name);
      expect(message).toContain(want.part as string);
      expect(message).toContain(`${error.params.line}`);
      expect(message).not.toMatch(/\{\w+\}/);
    }
    expect(messages[0]).toMatch(/line 2/);
    expect(messages[1]).toMatch(/línea 2/);
    expect(messages[2]).toMatch(/ligne 2/);
  });
});

describe('damage and encodings, exactly', () => {
  it('names the cell and the line where an unterminated quote opened, after quoted line breaks', () => {
    const text = 'id,notes\r\n1,"two\r\nlines"\r\n2,ok\r\n3,x\r\n4,"never closed\r\n5,y\r\n';
    const problem = problemOf(Buffer.from(text));
    expect([problem.reason, problem.part, problem.params.line]).toEqual(['csv-quote', 'B5', 6]);
  });

  it('counts a sep= line among the lines', () => {
    const problem = problemOf(Buffer.from('sep=;\r\nid;notes\r\n1;"open\r\n'));
    expect([problem.part, problem.params.line]).toEqual(['B2', 3]);
  });

  it.each([
    ['a NUL in an id', 'id,amount\r\nL-00\u000001,5\r\n', 'A2', 'U+0000'],
    ['an escape inside a quoted cell', 'id,notes\r\n1,"a\r\nb\u001bc"\r\n', 'B2', 'U+001B'],
    ['a form feed in the header', 'id,am\u000count\r\n', 'B1', 'U+000C'],
  ])('refuses %s at its cell', (_what, text, cell, code) => {
    const problem = problemOf(Buffer.from(text));
    expect([problem.reason, problem.part, problem.params.code]).toEqual(['csv-control', cell, code]);
  });

  it('keeps tabs and line breaks inside cells', () => {
    expect(readCsvBytes(Buffer.from('a,b\r\n"x\ty","1\n2"\r\n')).records).toEqual([
      ['a', 'b'],
      ['x\ty', '1\n2'],
    ]);
  });

  it('takes bytes that are not UTF-8 as Windows-1252, every byte a character, and writes them back the same', () => {
    const bytes = Buffer.from([0x80, 0x3b, 0x96, 0x3b, 0xf1, 0x3b, 0x81, 0x0d, 0x0a]);
    const decoded = decodeCsv(bytes);
    expect(decoded).toEqual({ text: '€;–;ñ;\u0081\r\n', encoding: 'windows-1252', bom: false });
    expect(csvBytes(readCsvBytes(bytes)).equals(bytes)).toBe(true);
  });

  it('writes what Windows-1252 lacks as ?, one per character', () => {
    expect(encodeWindows1252('Envoyé · 5 € ✓ 😀').toString('latin1')).toBe('Envoy\u00e9 \u00b7 5 \u0080 ? ?');
  });

  it('writes French’s narrow no-break space as the code page’s no-break space, not ?', () => {
    expect(encodeWindows1252('attendu\u202f; trouvé\u00a0: 5').toString('latin1')).toBe(
      'attendu\u00a0; trouv\u00e9\u00a0: 5',
    );
  });

  it('refuses text that its byte-order mark says is UTF-16 or UTF-8 but is not', () => {
    expect(problemOf(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])).reason).toBe('csv-encoding');
    expect(problemOf(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff])).reason).toBe('csv-encoding');
  });
});
