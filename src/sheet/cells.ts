/**
 * The sheet as an adapter reads it: plain values, number formats and row facts, nothing from Office or exceljs.
 */

/** An Excel error as exceljs gives it; the Office JavaScript API gives the bare string (`'#N/A'`). */
export interface ExcelErrorCell {
  error: string;
}

/**
 * What one cell may hold. The Office JavaScript API gives strings, numbers, booleans and `''`; exceljs also gives `null`, `Date`,
 * `{error}`, `{formula, result}`, `{richText}` and `{text, hyperlink}` objects, which are unwrapped here so both
 * adapters can hand over what they read untouched.
 */
export type RawCell = string | number | boolean | null | undefined | Date | ExcelErrorCell | object;

export interface CellGrid {
  /** The worksheet's name, used in every cell address. */
  sheet: string;
  /** Row by row, the header row first. Rows may be ragged; missing cells are empty. */
  values: readonly (readonly RawCell[])[];
  /** Number format per cell (`numberFormat` in the Office JavaScript API, `numFmt` in exceljs); absent means unknown. */
  formats?: readonly (readonly (string | null | undefined)[] | undefined)[];
  /** 1-based Excel row number of each `values` row; defaults to 1, 2, 3… */
  rowNumbers?: readonly number[];
  /** 1-based Excel column number of the first column; defaults to 1 (column A). */
  firstColumn?: number;
  /** Per `values` row: hidden by the user or filtered out. */
  hidden?: readonly boolean[];
  /**
   * Excel row numbers the user selected explicitly. When given, only these rows are converted, hidden or not;
   * when absent, every visible row is.
   */
  selectedRows?: readonly number[];
  /** Cells that still carry this tool's fill or note from an earlier run, so the plan can clear the fixed ones. */
  marked?: readonly { row: number; column: string }[];
}

const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#UNKNOWN!',
  '#BUSY!',
  '#PYTHON!',
  '#EXTERNAL!',
]);

/** The Excel error a cell holds, in either adapter's shape, or undefined. */
export function excelErrorOf(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value.charCodeAt(0) === 35 && EXCEL_ERRORS.has(value) ? value : undefined;
  }
  if (typeof value === 'object' && value !== null && 'error' in value) {
    const code = (value as { error: unknown }).error;
    return typeof code === 'string' && code !== '' ? code : '#VALUE!';
  }
  return undefined;
}

/**
 * exceljs wraps some values in objects; reduce them to what the Office JavaScript API would give. Error objects stay as they are
 * so they are reported, and any other object is returned unchanged (and later reported as unreadable).
 */
export function unwrapCell(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if ('error' in value) return value;
  if ('result' in value) return unwrapCell((value as { result: unknown }).result);
  if ('richText' in value) {
    const parts = (value as { richText: unknown }).richText;
    if (!Array.isArray(parts)) return value;
    let text = '';
    for (const part of parts) {
      const t = typeof part === 'object' && part !== null ? (part as { text?: unknown }).text : undefined;
      if (typeof t === 'string') text += t;
    }
    return text;
  }
  if ('text' in value) return unwrapCell((value as { text: unknown }).text);
  return value;
}

/** Blank as a loan officer sees it: nothing, or only spaces. */
export function isBlankCell(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.length === 0 || value.trim().length === 0;
  if (typeof value === 'object' && !(value instanceof Date) && !('error' in value)) {
    const inner = unwrapCell(value);
    return inner !== value && isBlankCell(inner);
  }
  return false;
}
