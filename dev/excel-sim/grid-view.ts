/**
 * The data side of the workbench's grid: which cells to draw, with their display text, fill, font and note. No DOM
 * and no React here, so the page renders it and tests can check it.
 */
import { type Rect, cellRef, columnLetters, sheetPrefix } from './address';
import type { CellScalar } from './values';
import type { CellBorders, SheetVisibility, SimWorkbook, SimWorksheet } from './workbook';

export interface GridCell {
  /** `A1`, without the sheet. */
  ref: string;
  row: number;
  column: number;
  text: string;
  value: CellScalar;
  formula: string | undefined;
  isError: boolean;
  fill: string | undefined;
  /** The colour of each bordered edge (Excel's medium line: the workbench draws 2 px). */
  borders: CellBorders;
  /** The address the cell's hyperlink opens. */
  hyperlink: string | undefined;
  fontColor: string | undefined;
  bold: boolean;
  italic: boolean;
  note: string | undefined;
  /** The dropdown's source when the cell has a list validation. */
  listSource: string | undefined;
  selected: boolean;
  active: boolean;
}

export interface GridRow {
  index: number;
  /** The row number Excel shows (index + 1). */
  label: string;
  hidden: boolean;
  cells: GridCell[];
}

export interface GridColumn {
  index: number;
  letter: string;
  hidden: boolean;
}

export interface SheetTab {
  name: string;
  visibility: SheetVisibility;
  active: boolean;
  tabColor: string | undefined;
}

export interface GridView {
  sheet: string;
  /** Every sheet but the very hidden ones, which Excel never lists. */
  tabs: SheetTab[];
  columns: GridColumn[];
  rows: GridRow[];
  frozenRows: number;
  frozenColumns: number;
  /** `Loans!A2:A5,Loans!C7`. */
  selection: string;
  activeCell: string;
  /** `workbook.version` when this view was built. */
  version: number;
}

export interface GridViewOptions {
  /** Default: the active sheet. */
  sheet?: string;
  /** At least this many rows/columns, for an empty sheet to look like a sheet (defaults 30 and 12). */
  minRows?: number;
  minColumns?: number;
  /** At most (defaults 2,000 and 60): the page is a workbench, not a spreadsheet engine. */
  maxRows?: number;
  maxColumns?: number;
}

function contentExtent(sheet: SimWorksheet): { rows: number; columns: number } {
  const used = sheet.usedRect(false);
  let rows = used ? used.bottom + 1 : 0;
  let columns = used ? used.right + 1 : 0;
  for (const [r, c] of sheet.notesInOrder()) {
    rows = Math.max(rows, r + 1);
    columns = Math.max(columns, c + 1);
  }
  for (const v of sheet.validations) {
    if (v.rect.bottom < 100_000) rows = Math.max(rows, v.rect.bottom + 1);
    if (v.rect.right < 1_000) columns = Math.max(columns, v.rect.right + 1);
  }
  return { rows, columns };
}

const inRect = (r: Rect, row: number, column: number) =>
  row >= r.top && row <= r.bottom && column >= r.left && column <= r.right;

export function gridView(book: SimWorkbook, options: GridViewOptions = {}): GridView {
  const sheet = options.sheet ? book.sheet(options.sheet) : book.activeSheet;
  const extent = contentExtent(sheet);
  const rowCount = Math.min(Math.max(extent.rows + 1, options.minRows ?? 30), options.maxRows ?? 2000);
  const columnCount = Math.min(Math.max(extent.columns + 1, options.minColumns ?? 12), options.maxColumns ?? 60);
  const columns: GridColumn[] = [];
  for (let c = 0; c < columnCount; c++)
    columns.push({ index: c, letter: columnLetters(c), hidden: sheet.hiddenColumns.has(c) });
  const rows: GridRow[] = [];
  for (let r = 0; r < rowCount; r++) {
    const cells: GridCell[] = [];
    for (let c = 0; c < columnCount; c++) {
      const rec = sheet.cell(r, c);
      const list = sheet.validationAt(r, c)?.rule.list;
      cells.push({
        ref: cellRef(r, c),
        row: r,
        column: c,
        text: sheet.text(r, c),
        value: sheet.value(r, c),
        formula: rec?.f,
        isError: rec?.err === true,
        fill: sheet.style(r, c, 'fill'),
        borders: sheet.borders(r, c),
        hyperlink: rec?.hl?.address,
        fontColor: sheet.style(r, c, 'fc'),
        bold: sheet.style(r, c, 'b') ?? false,
        italic: sheet.style(r, c, 'i') ?? false,
        note: sheet.note(r, c)?.content,
        listSource: list?.source,
        selected: sheet.selection.some((s) => inRect(s, r, c)),
        active: sheet.activeCell.row === r && sheet.activeCell.column === c,
      });
    }
    rows.push({ index: r, label: String(r + 1), hidden: sheet.hiddenRows.has(r), cells });
  }
  return {
    sheet: sheet.name,
    tabs: book.sheets
      .filter((s) => s.visibility !== 'VeryHidden')
      .map((s) => ({
        name: s.name,
        visibility: s.visibility,
        active: s.id === book.activeSheet.id,
        tabColor: s.tabColor || undefined,
      })),
    columns,
    rows,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    selection: sheet.selection.map((s) => sheet.address(s)).join(','),
    activeCell: `${sheetPrefix(sheet.name)}${cellRef(sheet.activeCell.row, sheet.activeCell.column)}`,
    version: book.version,
  };
}
