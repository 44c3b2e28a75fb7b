/**
 * The Tools tab's photos and the Sheet tab's "Add a Photo column", over the pane's workbook port:
 *
 * - by file name: each file goes to the rows whose photo cell names it (the sheet needs a photo column);
 * - for the selected borrower: with a photo column, the file's name is written into the row's photo cell; without
 *   one, the photo is attached to the row's loan id (photo-store), and no cell changes;
 * - a Photo column is added after the sheet's last column (never inserted: the partner's columns stay where they
 *   are), its header in the pane's language, one the header recognition knows.
 *
 * Every photo is kept in the workbook (photo-store); one the workbook could not take is kept for this session and
 * the result says so.
 */
import type { AppError, WorkbookPort } from '../app';
import { columnLetter, loanIdOfCell, mapHeaders, type CellGrid, type HeaderMap, type WriteBackPlan } from '../sheet';
import {
  fail,
  ok,
  type PaneError,
  type PaneResult,
  type PhotoAttachment,
  type PhotoColumnAdded,
  type PhotoResult,
} from './controller';
import { failWith } from './pane-errors';
import { baseName, type PhotoAdded, type PhotoStore } from './photo-store';

interface Deps {
  photos: PhotoStore;
  toPane: (error: AppError) => PaneError;
  /** The active sheet changed: panels read it again. */
  changed: () => void;
}

interface ActiveSheet {
  grid: CellGrid;
  map: HeaderMap;
}

async function activeSheet(workbook: WorkbookPort, deps: Deps): Promise<PaneResult<ActiveSheet>> {
  const read = await workbook.read({ scope: { kind: 'selection' }, isReference: () => false, withLists: false });
  if (!read.ok) return failWith(deps.toPane(read.error));
  const snapshot = read.value;
  const grid = snapshot.sheets.find((g) => g.sheet === snapshot.targets?.[0]);
  if (grid === undefined) return fail('sheet.none-active');
  return ok({ grid, map: mapHeaders(grid, snapshot.mappings[grid.sheet]) });
}

export async function attachPhotos(
  workbook: WorkbookPort,
  attachment: PhotoAttachment,
  deps: Deps,
): Promise<PaneResult<PhotoResult>> {
  const active = await activeSheet(workbook, deps);
  if (!active.ok) return active;
  const { grid, map } = active.value;
  const photoColumn = map.fieldIndex.photo;
  if (attachment.match === 'selected-borrower') return attachToSelected(workbook, attachment, grid, map, deps);
  if (photoColumn === undefined) return fail('photo.no-photo-column');

  const result: PhotoResult = { attached: [], unmatched: [], sessionOnly: [] };
  for (const file of attachment.files) {
    const wanted = baseName(file.name).toLowerCase();
    const rows = grid.values.flatMap((cells, index) => {
      const cell = index === 0 ? undefined : cells[photoColumn];
      if (typeof cell !== 'string' || baseName(cell.trim()).toLowerCase() !== wanted) return [];
      return [{ sheet: grid.sheet, row: grid.rowNumbers?.[index] ?? index + 1 }];
    });
    if (rows.length === 0) {
      result.unmatched.push(file.name);
      continue;
    }
    const added = await deps.photos.add(file);
    if (!added.ok) return unusable(file, added);
    if (!added.kept.inWorkbook) result.sessionOnly?.push(file.name);
    result.attached.push({ file: file.name, rows });
  }
  return ok(result);
}

async function attachToSelected(
  workbook: WorkbookPort,
  attachment: PhotoAttachment,
  grid: CellGrid,
  map: HeaderMap,
  deps: Deps,
): Promise<PaneResult<PhotoResult>> {
  const file = attachment.files[0];
  const headerRow = grid.rowNumbers?.[0] ?? 1;
  const row = (grid.selectedRows ?? []).find((r) => r > headerRow);
  if (file === undefined || row === undefined) return fail('photo.no-selection');
  const photoColumn = map.fieldIndex.photo;
  const column = photoColumn === undefined ? undefined : map.columns[photoColumn];

  if (photoColumn === undefined || column === undefined) {
    const loanColumn = map.fieldIndex.loan_id;
    if (loanColumn === undefined) return fail('photo.no-loan-column');
    const index = grid.rowNumbers?.indexOf(row) ?? row - 1;
    const loanId = loanIdOfCell(grid.values[index]?.[loanColumn], grid.formats?.[index]?.[loanColumn]);
    if (loanId === undefined) return fail('photo.no-loan-id', { row });
    const added = await deps.photos.attachToLoan(loanId, file);
    if (!added.ok) return unusable(file, added);
    return ok({
      attached: [{ file: file.name, rows: [{ sheet: grid.sheet, row }] }],
      unmatched: [],
      sessionOnly: added.kept.inWorkbook ? [] : [file.name],
      loanId,
    });
  }

  const added = await deps.photos.add(file);
  if (!added.ok) return unusable(file, added);
  // The adapter writes text cells through plans only: a one-cell "status" in the photo column is exactly that.
  const written = await workbook.apply(
    oneColumnPlan(grid.sheet, {
      column: column.column,
      number: (grid.firstColumn ?? 1) + photoColumn,
      index: photoColumn,
      header: column.header,
      create: false,
      cells: [{ row, text: file.name }],
    }),
  );
  if (!written.ok) return failWith(deps.toPane(written.error));
  deps.changed();
  return ok({
    attached: [{ file: file.name, rows: [{ sheet: grid.sheet, row }] }],
    unmatched: [],
    sessionOnly: added.kept.inWorkbook ? [] : [file.name],
  });
}

/** Adds a Photo column after the last column of the active sheet (a loans sheet without one). */
export async function addPhotoColumn(
  workbook: WorkbookPort,
  header: string,
  deps: Deps,
): Promise<PaneResult<PhotoColumnAdded>> {
  const active = await activeSheet(workbook, deps);
  if (!active.ok) return active;
  const { grid, map } = active.value;
  const existing = map.fieldIndex.photo;
  if (existing !== undefined) {
    return fail('photo.column-exists', { column: map.columns[existing]?.column ?? '' });
  }
  const width = Math.max(0, ...grid.values.map((cells) => lastFilled(cells) + 1));
  const number = (grid.firstColumn ?? 1) + width;
  const letter = columnLetter(number);
  const written = await workbook.apply(
    oneColumnPlan(grid.sheet, { column: letter, number, index: width, header, create: true, cells: [] }),
  );
  if (!written.ok) return failWith(deps.toPane(written.error));
  deps.changed();
  return ok({ sheet: grid.sheet, column: letter, header });
}

function oneColumnPlan(
  sheet: string,
  column: {
    column: string;
    number: number;
    index: number;
    header: string;
    create: boolean;
    cells: WriteBackPlan['sheets'][number]['statuses'];
  },
): WriteBackPlan {
  const { cells, ...statusColumn } = column;
  return {
    textFormat: '@',
    sheets: [
      {
        sheet,
        statusColumn: { ...statusColumn, exists: !column.create },
        statuses: cells,
        marks: [],
        clear: [],
      },
    ],
    log: { sheet: '', headers: [], lines: [] },
  };
}

function lastFilled(cells: readonly unknown[]): number {
  for (let i = cells.length - 1; i >= 0; i--) {
    const cell = cells[i];
    if (cell !== null && cell !== undefined && cell !== '') return i;
  }
  return -1;
}

function unusable(file: File, added: Extract<PhotoAdded, { ok: false }>): PaneResult<never> {
  return fail(added.problem === 'not-image' ? 'photo.type' : 'photo.unreadable', { file: file.name });
}
