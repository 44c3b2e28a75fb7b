/** Plain-data workbooks for tests and the workbench: build one in a line, dump one to compare or save. */
import { MAX_COLUMNS, MAX_ROWS, cellRef, columnIndex, columnLetters, parseRef, rect } from './address';
import { simError } from './errors';
import { serialFromJsDate } from './number-format';
import { ERROR_LITERALS, isTextFormat, normalizeColor } from './values';
import {
  type DataValidationRule,
  type SheetVisibility,
  SimWorkbook,
  type SimWorkbookOptions,
  type SimWorksheet,
} from './workbook';

export interface SimSheetData {
  name: string;
  visibility?: SheetVisibility;
  /**
   * Cell values from A1, taken literally: numbers, booleans and text stay what they are (no parsing of "00123"),
   * a string starting with `=` is a formula (unless its format is `@`), `#N/A`-style literals are errors, a `Date`
   * becomes a date serial (read in UTC) with format `yyyy-mm-dd`, and null/undefined/'' leave the cell empty.
   */
  rows?: unknown[][];
  /** Number formats aligned with `rows` (null/undefined: General). */
  numberFormats?: Array<Array<string | null | undefined>>;
  /** Whole-column formats, e.g. `{ F: '@' }`. */
  columnFormats?: Record<string, string>;
  /** Excel row numbers (1-based), as a user sees them. */
  hiddenRows?: number[];
  /** Column letters. */
  hiddenColumns?: string[];
  /** `{ F7: '#FFC7CE' }` or HTML colour names. */
  fills?: Record<string, string>;
  /** `{ F7: 'text' }`. */
  notes?: Record<string, string>;
  validations?: Array<{ address: string; rule: DataValidationRule }>;
  tabColor?: string;
}

export interface SimWorkbookData {
  sheets: SimSheetData[];
  /** Default: the first visible sheet. */
  activeSheet?: string;
  /** On the active sheet, e.g. `B3` or `A2:A5,C7`; default A1. */
  selection?: string;
  settings?: Record<string, unknown>;
  /** Custom XML parts as the file keeps them (an id kept across save and open, as Excel's are). */
  customXmlParts?: Array<{ id?: string; xml: string }>;
  name?: string;
}

const ERRORS = new Set<string>(ERROR_LITERALS);

function storeLiteral(sheet: SimWorksheet, row: number, column: number, input: unknown): void {
  if (input === null || input === undefined || input === '') return;
  if (input instanceof Date) {
    const serial = serialFromJsDate(input);
    sheet.updateCell(row, column, (rec) => {
      rec.v = serial;
      if (rec.nf === undefined && sheet.numberFormat(row, column) === 'General') rec.nf = 'yyyy-mm-dd';
    });
    return;
  }
  if (typeof input === 'number' || typeof input === 'boolean') {
    sheet.updateCell(row, column, (rec) => {
      rec.v = input;
    });
    return;
  }
  if (typeof input !== 'string')
    throw simError('InvalidArgument', `Unsupported cell value ${String(input)} at ${cellRef(row, column)}`);
  const text = isTextFormat(sheet.numberFormat(row, column));
  if (!text && input.startsWith('=') && input.length > 1) {
    sheet.writeInput(row, column, input);
    return;
  }
  sheet.updateCell(row, column, (rec) => {
    rec.v = input;
    rec.err = !text && ERRORS.has(input) ? true : undefined;
  });
}

export function loadWorkbook(data: SimWorkbookData, options: SimWorkbookOptions = {}): SimWorkbook {
  const book = new SimWorkbook({ ...options, name: options.name ?? data.name });
  for (const sheetData of data.sheets) {
    const sheet = book.addSheet(sheetData.name);
    for (const [letters, format] of Object.entries(sheetData.columnFormats ?? {})) {
      const c = columnIndex(letters);
      if (c < 0 || c >= MAX_COLUMNS) throw simError('InvalidArgument', `Invalid column ${letters}`);
      sheet.setStyle(rect(0, c, MAX_ROWS - 1, c), 'nf', format);
    }
    // Formats first, so the `@` rule decides how each value is stored.
    (sheetData.numberFormats ?? []).forEach((line, r) =>
      line.forEach((format, c) => {
        if (format !== null && format !== undefined) {
          sheet.updateCell(r, c, (rec) => {
            rec.nf = format;
          });
        }
      }),
    );
    (sheetData.rows ?? []).forEach((line, r) => line.forEach((value, c) => storeLiteral(sheet, r, c, value)));
    for (const row of sheetData.hiddenRows ?? []) sheet.hiddenRows.add(row - 1);
    for (const letters of sheetData.hiddenColumns ?? []) sheet.hiddenColumns.add(columnIndex(letters));
    for (const [address, color] of Object.entries(sheetData.fills ?? {})) {
      sheet.setStyle(parseRef(address), 'fill', normalizeColor(color));
    }
    for (const [address, content] of Object.entries(sheetData.notes ?? {})) {
      const r = parseRef(address);
      sheet.setNote(r.top, r.left, { content, author: book.userName, visible: false, width: 144, height: 79 });
    }
    for (const v of sheetData.validations ?? []) sheet.setValidation(parseRef(v.address), { rule: v.rule });
    if (sheetData.tabColor) sheet.tabColor = sheetData.tabColor;
    if (sheetData.visibility) sheet.visibility = sheetData.visibility;
  }
  for (const [k, v] of Object.entries(data.settings ?? {})) book.setSettingValue(k, v);
  for (const part of data.customXmlParts ?? []) book.addCustomXmlPart(part.xml, part.id);
  const active = data.activeSheet ? book.sheet(data.activeSheet) : book.sheets.find((s) => s.visibility === 'Visible');
  if (active) book.activeSheetId = active.id;
  if (data.selection) book.select(data.selection);
  book.version = 0;
  return book;
}

/** The workbook as plain data that `loadWorkbook` reads back to an equal workbook (per-cell content and formats). */
export function dumpWorkbook(book: SimWorkbook): SimWorkbookData {
  const sheets = book.sheets.map((sheet): SimSheetData => {
    const used = sheet.usedRect(false);
    const out: SimSheetData = { name: sheet.name };
    if (sheet.visibility !== 'Visible') out.visibility = sheet.visibility;
    if (used) {
      const rows: unknown[][] = [];
      const formats: Array<Array<string | null>> = [];
      let anyFormat = false;
      for (let r = 0; r <= used.bottom; r++) {
        const line: unknown[] = [];
        const formatLine: Array<string | null> = [];
        for (let c = 0; c <= used.right; c++) {
          const rec = sheet.cell(r, c);
          line.push(rec?.f ?? rec?.v ?? null);
          const nf = rec?.nf ?? null;
          if (nf !== null) anyFormat = true;
          formatLine.push(nf);
        }
        rows.push(line);
        formats.push(formatLine);
      }
      out.rows = rows;
      if (anyFormat) out.numberFormats = formats;
    }
    const columnFormats: Record<string, string> = {};
    for (const [c, style] of sheet.columnStyles) if (style.nf) columnFormats[columnLetters(c)] = style.nf;
    if (Object.keys(columnFormats).length > 0) out.columnFormats = columnFormats;
    if (sheet.hiddenRows.size > 0) out.hiddenRows = [...sheet.hiddenRows].sort((a, b) => a - b).map((r) => r + 1);
    if (sheet.hiddenColumns.size > 0)
      out.hiddenColumns = [...sheet.hiddenColumns].sort((a, b) => a - b).map(columnLetters);
    const fills: Record<string, string> = {};
    for (const [r, c, rec] of sheet.cellsIn(rect(0, 0, MAX_ROWS - 1, MAX_COLUMNS - 1)))
      if (rec.fill) fills[cellRef(r, c)] = rec.fill;
    if (Object.keys(fills).length > 0) out.fills = fills;
    const notes: Record<string, string> = {};
    for (const [r, c, note] of sheet.notesInOrder()) notes[cellRef(r, c)] = note.content;
    if (Object.keys(notes).length > 0) out.notes = notes;
    const validations = sheet.validations
      .filter((v) => Object.keys(v.rule).length > 0)
      .map((v) => ({ address: sheet.address(v.rect).split('!').pop() ?? '', rule: v.rule }));
    if (validations.length > 0) out.validations = validations;
    if (sheet.tabColor) out.tabColor = sheet.tabColor;
    return out;
  });
  const active = book.activeSheet;
  return {
    name: book.name,
    sheets,
    activeSheet: active.name,
    selection: active.selection.map((r) => active.address(r).split('!').pop() ?? '').join(','),
    settings: book.settings,
    ...(book.customXmlStore.size > 0
      ? { customXmlParts: [...book.customXmlStore].map(([id, part]) => ({ id, xml: part.xml })) }
      : {}),
  };
}
