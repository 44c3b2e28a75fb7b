/**
 * The wiring: one live controller for the pane and the ribbon (shared runtime) over the Office.js workbook
 * (src/excel), src/app's use cases and our server's /api on the page's own origin. `index.tsx` (in Excel) and the
 * workbench (dev/workbench, over a simulated Excel) both come through here.
 *
 * Who calls /api: in local mode the server itself tells its own account's connections apart (Linux), else the key a
 * one-time pairing gave this pane (kept in the page's partitioned storage); in Entra mode a Microsoft access token
 * from `createEntraSignIn`, asked for before every call so msal can renew it silently. Neither ever reaches React
 * state, the workbook or an error message.
 */
import { createApiClient, hostRuntime, PAIRING_KEY_HEADER, systemClock } from '../app';
import {
  createExcelWorkbook,
  createWorkbookPhotos,
  watchEdits,
  watchWorkbook,
  type ExcelWorkbook,
  type ExcelWorkbookOptions,
  type WorkbookPhotos,
} from '../excel';

import type { FetchLike } from '../kiva';
import { ENTRA_META } from './auth/entra-meta';
import { createEntraSignIn, loadMsal, type EntraSettings, type MsalModule } from './auth/entra-sign-in';
import { fail, ok, type PaneResult } from './controller';
import { createDiagnostics } from './diagnostics';
import type { PaneEventHub } from './events';
import { createLiveController, type LiveController, type LiveHost } from './live-controller';
import { browserPairingKeyStore, type PairingKeyStore } from './pairing-key';
import { browserLanguageChoice, type LanguageChoiceStore } from './language-choice';
import { createPhotoStore } from './photo-store';
import { DEFAULT_PHOTO_MAX_BYTES } from './photos';

export type HostInfo = LiveHost;

export { ENTRA_META } from './auth/entra-meta';

export interface ControllerOptions {
  /** Default: the page's own fetch. */
  fetch?: FetchLike;
  /** Our server's origin; default '' (the page's origin). */
  apiBase?: string;
  /** Where the meta tags are read; default the page's document. */
  page?: Pick<Document, 'querySelector'>;
  /** Default: src/excel over the `Excel` global, with the pane's attached photos. */
  workbook?: (photos: Required<Pick<ExcelWorkbookOptions, 'photos' | 'loanPhotos'>>) => ExcelWorkbook;
  /** Where attached photos are kept; default the workbook's own custom XML parts (src/excel/photo-parts). */
  workbookPhotos?: WorkbookPhotos;
  /** Tests hand in a fake msal. */
  loadMsal?: () => Promise<MsalModule>;
  /** Listen to Excel's selection and sheet events (default true; the workbench reports its own). */
  watchExcel?: boolean;
  /** Listen to Excel's change event, to take marks off edited cells (default: as `watchExcel`). */
  watchEdits?: boolean;
  /** Default: the page's localStorage. */
  pairingKeys?: PairingKeyStore;
  /** Default: the page's localStorage. */
  languageChoice?: LanguageChoiceStore;
}

export function createPaneController(
  host: HostInfo,
  events: PaneEventHub,
  options: ControllerOptions = {},
): LiveController {
  const page = options.page ?? (typeof document !== 'undefined' ? document : undefined);
  const meta = (name: string): string | undefined => {
    const content = page?.querySelector(`meta[name="${name}"]`)?.getAttribute('content')?.trim();
    return content === undefined || content === '' ? undefined : content;
  };
  const pairingKeys = options.pairingKeys ?? browserPairingKeyStore();
  const entra = createEntraSignIn(async (): Promise<PaneResult<EntraSettings>> => {
    const clientId = meta(ENTRA_META.clientId);
    const scopes = meta(ENTRA_META.scopes)?.split(/\s+/) ?? [];
    if (clientId === undefined || scopes.length === 0) return fail('signin.unavailable');
    const authority = meta(ENTRA_META.authority);
    return ok({ clientId, scopes, ...(authority !== undefined ? { authority } : {}) });
  }, options.loadMsal ?? loadMsal);

  const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const runtime = hostRuntime(fetch);
  const diagnostics = createDiagnostics({
    secrets: () => {
      const key = pairingKeys.get();
      return key !== undefined ? [key] : [];
    },
    now: runtime.now,
  });
  const api = createApiClient({
    runtime,
    baseUrl: options.apiBase ?? '',
    async headers() {
      const headers: Record<string, string> = {};
      const key = pairingKeys.get();
      if (key !== undefined) headers[PAIRING_KEY_HEADER] = key;
      // Answers at once, without loading msal, until someone signed in (local mode never does).
      const token = await entra.accessToken();
      if (token.ok) headers.authorization = `Bearer ${token.value}`;
      return headers;
    },
    onCall: diagnostics.api,
  });

  const photos = createPhotoStore(() => DEFAULT_PHOTO_MAX_BYTES, options.workbookPhotos ?? createWorkbookPhotos());
  const photoOptions = {
    photos: (names: readonly string[]) => photos.load(names),
    loanPhotos: (loanIds: readonly string[]) => photos.loadLoans(loanIds),
  };
  const workbook = options.workbook?.(photoOptions) ?? createExcelWorkbook(photoOptions);

  if (options.watchExcel !== false) void watchWorkbook(() => events.publish({ type: 'sheet-changed' }));

  const controller = createLiveController({
    host,
    events,
    workbook,
    ribbonWorkbook: workbook.forRibbon(),
    api,
    runtime,
    clock: systemClock,
    entra,
    photos,
    diagnostics,
    pairingKeys,
    languageChoice: options.languageChoice ?? browserLanguageChoice(),
  });
  if (options.watchEdits ?? options.watchExcel !== false)
    void watchEdits((edits) => void controller.cellsEdited(edits));
  return controller;
}
