/** Refresh lists: Kiva's config lists into the `Kiva lists` sheet, for dropdowns and offline checks. */
import { ok, type AppResult } from './errors';
import { listsTable } from './lists-sheet';
import type { KivaPort, WorkbookPort } from './ports';

export interface RefreshListsReport {
  sheet: string;
  counts: { activities: number; themes: number; locations: number; locales: number };
}

export async function refreshLists(
  ports: { workbook: WorkbookPort; kiva: KivaPort },
  input: { signal?: AbortSignal } = {},
): Promise<AppResult<RefreshListsReport>> {
  const lists = await ports.kiva.getConfigLists(input.signal);
  if (!lists.ok) return lists;
  const written = await ports.workbook.writeSheet(listsTable(lists.value), 'replace');
  if (!written.ok) return written;
  const { activities, themes, locations, locales } = lists.value;
  return ok({
    sheet: written.value.sheet,
    counts: {
      activities: activities.length,
      themes: themes.length,
      locations: locations.length,
      locales: locales.length,
    },
  });
}
