/**
 * CSV as spreadsheets write it (RFC 4180): quoted fields with doubled quotes and line breaks inside, `,` or `;`
 * (or tab) between fields, CRLF or LF between records, and Excel's optional `sep=;` first line. The text is UTF-8
 * with or without a byte-order mark, UTF-16 LE or BE with one (Excel's "Unicode text", tab-separated), or, when
 * the bytes are not valid UTF-8, Windows-1252: what Excel's plain "CSV" is on a Spanish or French Windows. Written
 * back the way it was read (same encoding, delimiter, line ending, BOM and `sep=`), so adding a status column
 * changes nothing else a user would notice.
 *
 * Damage is refused, never guessed at: a quote that is never closed (it would swallow every line after it into
 * one cell) or a control character in a cell (a NUL in an id would be sent to Kiva as is) stops the reading with
 * a `FileProblem` naming the cell and the line.
 *
 * Hand-written rather than a dependency: no streaming needed (the rows are held for write-back anyway), and the
 * write side must mirror the read side's choices exactly.
 */
import { FileProblem } from './problems';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvDocument {
  records: string[][];
  delimiter: string;
  newline: '\r\n' | '\n';
  encoding: CsvEncoding;
  /** The file began with a byte-order mark (always, for UTF-16). */
  bom: boolean;
  /** Excel's `sep=;` hint line, kept as it was. */
  sepLine?: string;
  /** The file ended with a line break. */
  finalNewline: boolean;
}

const BOM = '\uFEFF';
const CANDIDATES = [',', ';', '\t'];

/** The file's bytes as a document; a `FileProblem` when its text is damaged. */
export function readCsvBytes(bytes: Uint8Array): CsvDocument {
  const { text, encoding, bom } = decodeCsv(bytes);
  return { ...parseCsvDocument(text), encoding, bom };
}

export function parseCsvDocument(raw: string): CsvDocument {
  const bom = raw.startsWith(BOM);
  let text = bom ? raw.slice(1) : raw;
  let sepLine: string | undefined;
  const hint = /^sep=(.)(\r\n|\n|\r|$)/i.exec(text);
  if (hint !== null) {
    sepLine = hint[0].replace(/[\r\n]+$/, '');
    text = text.slice(hint[0].length);
  }
  const delimiter = hint?.[1] ?? detectDelimiter(text);
  const newline = /\r\n/.test(text.slice(0, 64 * 1024)) || !/\n/.test(text) ? '\r\n' : '\n';
  const finalNewline = /[\r\n]$/.test(text);
  const records = parseCsv(text, delimiter, hint === null ? 1 : 2);
  const document: CsvDocument = { records, delimiter, newline, encoding: 'utf-8', bom, finalNewline };
  if (sepLine !== undefined) document.sepLine = sepLine;
  return document;
}

/** The delimiter used most in the first record, outside quotes (`,` when none is). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const c of CANDIDATES) if ((counts.get(c) ?? 0) > (counts.get(best) ?? 0)) best = c;
  return best;
}

/**
 * The records of `text`. `firstLine` is the file's line number of its first character (2 after a `sep=` line),
 * for the line a problem names.
 */
export function parseCsv(text: string, delimiter: string, firstLine = 1): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = firstLine;
  /** Where the open quote began: its cell and line. */
  let openedAt = { cell: '', line: 0 };
  const cell = (): string => `${columnName(record.length + 1)}${records.length + 1}`;
  const endRecord = (): void => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
      const at = cell();
      throw new FileProblem('damaged', at, 'csv-control', { cell: at, line, code: codePoint(code) });
    }
    const c = text[i] as string;
    if (c === '\r' || (c === '\n' && text[i - 1] !== '\r')) line++;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      openedAt = { cell: cell(), line };
    } else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      // A stray quote inside an unquoted field is kept as typed, as spreadsheets do.
      field += c;
    }
    i++;
  }
  if (quoted) {
    // Every line after the quote would be one cell: the file is damaged, and nothing of it is read.
    throw new FileProblem('damaged', openedAt.cell, 'csv-quote', { cell: openedAt.cell, line: openedAt.line });
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

export function formatCsvDocument(document: CsvDocument): string {
  const { delimiter, newline } = document;
  const lines = document.records.map((record) => record.map((f) => csvField(f, delimiter)).join(delimiter));
  if (document.sepLine !== undefined) lines.unshift(document.sepLine);
  const body = lines.join(newline) + (document.finalNewline && lines.length > 0 ? newline : '');
  return (document.bom ? BOM : '') + body;
}

/** The document as the bytes of a file in its own encoding. */
export function csvBytes(document: CsvDocument): Buffer {
  return encodeText(formatCsvDocument(document), document.encoding);
}

export function csvField(value: string, delimiter: string): string {
  const needsQuotes = value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r');
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The text of a CSV file and the encoding it was in: a byte-order mark says UTF-8 or UTF-16; without one, valid
 * UTF-8 is UTF-8 and anything else is taken as Windows-1252, in which every byte is a character. A BOM whose text
 * does not decode is damage.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding; bom: boolean } {
  const strict = (encoding: CsvEncoding, from: number): string => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from));
    } catch {
      throw new FileProblem('damaged', '', 'csv-encoding', { encoding: ENCODING_NAMES[encoding] });
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: BOM + strict('utf-8', 3), encoding: 'utf-8', bom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: BOM + strict('utf-16le', 2), encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: BOM + strict('utf-16be', 2), encoding: 'utf-16be', bom: true };
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', bom: false };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
}

/** Every byte a character (Node's own `windows-1252` decoder is Latin-1, which lacks € and the curly quotes). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let from = 0; from < bytes.length; from += 8192) {
    const chunk = bytes.subarray(from, from + 8192);
    const codes = new Array<number>(chunk.length);
    for (let k = 0; k < chunk.length; k++) {
      const b = chunk[k] as number;
      codes[k] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

export const ENCODING_NAMES: Readonly<Record<CsvEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
};

/** Strict UTF-8: a file saved in an old code page must not be read with broken accents. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Text as bytes in `encoding` (a BOM, if wanted, is already its first character). */
export function encodeText(text: string, encoding: CsvEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return Buffer.from(text, 'utf16le').swap16();
    case 'windows-1252':
      return encodeWindows1252(text);
  }
}

/** Windows-1252's characters at 0x80–0x9F (the rest of its upper half is Latin-1; five bytes map to C1 codes). */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Windows-1252 bytes. A character the code page lacks (only this tool's own texts can hold one: every character
 * read from such a file is in it) is written `?`, as Windows itself does — except French's narrow no-break space
 * (U+202F, before ; ! ?), which becomes the code page's no-break space.
 */
export function encodeWindows1252(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[n++] = c;
    else if (c === 0x202f) out[n++] = 0xa0;
    else {
      const high = CP1252_HIGH.indexOf(text[i] as string);
      out[n++] = high >= 0 ? 0x80 + high : 0x3f;
      // A character outside the BMP is two code units, one character, one `?`.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
    }
  }
  return out.subarray(0, n);
}

function columnName(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
