/**
 * Views of the workbook port for the pane's send choices, so the use cases run unchanged:
 *
 * - `readOnce`: one read serves several use-case runs (a send plan compares the rows with and without a resend).
 * - `releasing`: rows the user chose to send again look pending. src/app knows one `resend` switch for rows sent
 *   and rows Uncertain alike; the pane asks for each separately (an Uncertain row needs "I checked PA2"), so the
 *   statuses of the rows chosen are read as empty and every run goes without `resend`. Only the copy handed to the
 *   use case changes: the workbook and the adapter's memory of it are left alone.
 */
import type { AppResult, ReadRequest, WorkbookPort, WorkbookSnapshot } from '../app';
import { isAlreadySent, mapHeaders, parseStatus, type CellGrid } from '../sheet';

export function readOnce(workbook: WorkbookPort): WorkbookPort {
  let snapshot: Promise<AppResult<WorkbookSnapshot>> | undefined;
  return { ...bound(workbook), read: (request: ReadRequest) => (snapshot ??= workbook.read(request)) };
}

export interface Release {
  /** Rows whose status says Sent to this environment. */
  sentTo?: string;
  /** Rows whose status says Uncertain. */
  uncertain?: boolean;
  /** period: rows whose status says Changed since sent (the user chose Resend for them). */
  changed?: boolean;
}

export function releasing(workbook: WorkbookPort, release: Release): WorkbookPort {
  if (release.sentTo === undefined && release.uncertain !== true && release.changed !== true) return workbook;
  return {
    ...bound(workbook),
    async read(request) {
      const read = await workbook.read(request);
      if (!read.ok) return read;
      const snapshot = read.value;
      const targets = new Set(snapshot.targets ?? snapshot.sheets.map((grid) => grid.sheet));
      const sheets = snapshot.sheets.map((grid) =>
        targets.has(grid.sheet) ? released(grid, snapshot.mappings[grid.sheet], release) : grid,
      );
      return { ok: true, value: { ...snapshot, sheets } };
    },
  };
}

function released(grid: CellGrid, mapping: WorkbookSnapshot['mappings'][string] | undefined, release: Release) {
  const status = mapHeaders(grid, mapping).statusColumn.index;
  if (status === undefined) return grid;
  const values = grid.values.map((row, index) => {
    if (index === 0) return row;
    const previous = parseStatus(row[status]);
    const free =
      (release.uncertain === true && previous.kind === 'uncertain') ||
      (release.changed === true && previous.kind === 'changed') ||
      (release.sentTo !== undefined && previous.kind === 'sent' && isAlreadySent(previous, release.sentTo));
    if (!free) return row;
    const copy = [...row];
    copy[status] = null;
    return copy;
  });
  return { ...grid, values };
}

function bound(workbook: WorkbookPort): WorkbookPort {
  return {
    read: (request) => workbook.read(request),
    loadPhotos: (names) => workbook.loadPhotos(names),
    ...(workbook.loadLoanPhotos !== undefined ? { loadLoanPhotos: workbook.loadLoanPhotos.bind(workbook) } : {}),
    apply: (plan) => workbook.apply(plan),
    writeSheet: (table, mode) => workbook.writeSheet(table, mode),
    saveMapping: (sheet, override) => workbook.saveMapping(sheet, override),
  };
}
