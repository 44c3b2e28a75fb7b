/**
 * CSV as spreadsheets write it (RFC 4180): quoted fields with doubled quotes and line breaks inside, `,` or `;`
 * (or tab) between fields, CRLF or LF between records, UTF-8 with or without a byte-order mark, and Excel's
 * optional `sep=;` first line. Written back the way it was read (same delimiter, line ending, BOM and `sep=`), so
 * adding a status column changes nothing else a user would notice.
 *
 * Hand-written rather than a dependency: fifty lines, no streaming needed (the rows are held for write-back
 * anyway), and the write side must mirror the read side's choices exactly.
 */

export interface CsvDocument {
  records: string[][];
  delimiter: string;
  newline: '\r\n' | '\n';
  bom: boolean;
  /** Excel's `sep=;` hint line, kept as it was. */
  sepLine?: string;
  /** The file ended with a line break. */
  finalNewline: boolean;
}

const BOM = '\uFEFF';
const CANDIDATES = [',', ';', '\t'];

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
  const document: CsvDocument = { records: parseCsv(text, delimiter), delimiter, newline, bom, finalNewline };
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

export function parseCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = (): void => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i] as string;
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
  if (field !== '' || record.length > 0 || quoted) endRecord();
  return records;
}

export function formatCsvDocument(document: CsvDocument): string {
  const { delimiter, newline } = document;
  const lines = document.records.map((record) => record.map((f) => csvField(f, delimiter)).join(delimiter));
  if (document.sepLine !== undefined) lines.unshift(document.sepLine);
  const body = lines.join(newline) + (document.finalNewline && lines.length > 0 ? newline : '');
  return (document.bom ? BOM : '') + body;
}

export function csvField(value: string, delimiter: string): string {
  const needsQuotes = value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r');
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Strict UTF-8: a file saved in an old code page must be refused, not read with broken accents. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
