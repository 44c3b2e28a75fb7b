/**
 * Properties of the CSV reader: any table written the way spreadsheets write CSV reads back as that table, in every
 * encoding and with every delimiter; and a damaged one — cut inside a quoted cell, or with a control character put
 * anywhere — is refused, naming a cell, and never returns a record.
 */
import fc from 'fast-check';
import {
  csvBytes,
  encodeWindows1252,
  readCsvBytes,
  type CsvDocument,
  type CsvEncoding,
} from '../../../src/cli/files/csv';
import { FileProblem } from '../../../src/cli/files/problems';

const cellText = fc
  .array(fc.constantFrom('a', 'Z', '1', ' ', ',', ';', '\t', '"', '\n', '\r\n', 'é', '€', '·'), { maxLength: 8 })
  .map((pieces) => pieces.join(''));
const table = fc.array(fc.array(cellText, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 });
const format = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  newline: fc.constantFrom('\r\n' as const, '\n' as const),
  encoding: fc.constantFrom<CsvEncoding>('utf-8', 'utf-16le', 'utf-16be', 'windows-1252'),
});

/** The header's first cell names the table, so a delimiter inside a quoted header never decides the detection. */
function documentOf(
  records: string[][],
  f: { delimiter: string; newline: '\r\n' | '\n'; encoding: CsvEncoding },
): CsvDocument {
  const header = records[0]?.map((_, k) => `h${k}`) ?? [];
  return {
    records: [header, ...records],
    delimiter: f.delimiter,
    newline: f.newline,
    encoding: f.encoding,
    bom: f.encoding.startsWith('utf-16') || f.encoding === 'utf-8',
    finalNewline: true,
  };
}

function validUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function refused(bytes: Buffer): FileProblem | undefined {
  try {
    readCsvBytes(bytes);
    return undefined;
  } catch (e) {
    if (e instanceof FileProblem) return e;
    throw e;
  }
}

describe('the CSV reader, for any table', () => {
  it('reads back what was written, in every encoding and with every delimiter', () => {
    fc.assert(
      fc.property(table, format, (records, f) => {
        const document = documentOf(records, f);
        const bytes = csvBytes(document);
        const read = readCsvBytes(bytes);
        // Without a BOM, bytes that are valid UTF-8 are read as UTF-8 (the reader's documented rule): Windows-1252
        // text whose bytes happen to form UTF-8 — all ASCII, or "é€€" (E9 80 80, which is 退) — reads as that
        // UTF-8 text. ASCII delimiters, quotes and newlines never fall inside a UTF-8 sequence, so only cells change.
        const asUtf8 = f.encoding === 'windows-1252' && validUtf8(bytes);
        const expected = asUtf8
          ? document.records.map((r) => r.map((c) => encodeWindows1252(c).toString('utf8')))
          : document.records;
        expect(read.records).toEqual(expected);
        expect([read.delimiter, read.encoding]).toEqual([f.delimiter, asUtf8 ? 'utf-8' : f.encoding]);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a file cut inside a quoted cell, naming a cell', () => {
    fc.assert(
      fc.property(table, format, fc.nat(), (records, f, pick) => {
        const document = documentOf(records, { ...f, encoding: 'utf-8' });
        const text = csvBytes(document).toString('utf8');
        // Offsets just after each opening quote (a quote that starts a field, outside quotes).
        const opens: number[] = [];
        let quoted = false;
        for (let i = 1; i < text.length; i++) {
          if (text[i] !== '"') continue;
          if (quoted) {
            if (text[i + 1] === '"') i++;
            else quoted = false;
          } else if (i === 1 || [f.delimiter, '\n', '\r'].includes(text[i - 1] as string)) {
            quoted = true;
            opens.push(i + 1);
          }
        }
        fc.pre(opens.length > 0);
        const at = opens[pick % opens.length] as number;
        // Cut right after the opening quote: whatever follows is gone, the quote is never closed.
        const problem = refused(Buffer.from(text.slice(0, at), 'utf8'));
        expect(problem?.reason).toBe('csv-quote');
        expect(problem?.part).toMatch(/^[A-Z]+\d+$/);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a control character anywhere, at the cell that holds it', () => {
    const controls = fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d);
    fc.assert(
      fc.property(table, format, fc.nat(), controls, (records, f, pick, code) => {
        const document = documentOf(records, { ...f, encoding: 'utf-8' });
        const text = csvBytes(document).toString('utf8');
        const at = 1 + (pick % (text.length - 1)); // after the BOM
        const problem = refused(Buffer.from(text.slice(0, at) + String.fromCharCode(code) + text.slice(at), 'utf8'));
        expect(problem?.reason).toBe('csv-control');
        expect(problem?.part).toMatch(/^[A-Z]+\d+$/);
      }),
      { numRuns: 300 },
    );
  });
});
