/**
 * The `PaneController` of the add-in: src/app's use cases over the Office.js workbook (src/excel) and our server's
 * /api (src/app's HTTP Kiva port). The pane and the ribbon commands get one each, sharing everything (language,
 * environment, cached Kiva lists, attached photos, the one-task-at-a-time guard); only their workbook port differs,
 * the ribbon's waiting for the user to leave cell-edit mode.
 *
 * Texts written into the workbook follow the pane's language. Nothing here throws: every answer is a `PaneResult`.
 */
import {
  importLoans,
  kivaPortfolio,
  preview as previewUseCase,
  readListsSheet,
  refreshLists as refreshListsUseCase,
  saveMapping as saveMappingUseCase,
  send as sendUseCase,
  validate as validateUseCase,
  createHttpKivaPort,
  isReferenceSheet,
  publishedBatching,
  type ApiClient,
  type AppError,
  type Clock,
  type KivaPort,
  type KivaSendOptions,
  type KivaSendResult,
  type Notice,
  type Ports,
  type SheetScope,
  type WorkbookPort,
  type WorkbookSnapshot,
} from '../app';
import type { CellEdit, ExcelResult } from '../excel';
import type { AppResult } from '../app';
import type { ConfigLists, KivaRuntime, RowOutcome, Scope } from '../kiva';
import {
  isBlankCell,
  mapHeaders,
  type CellGrid,
  type FieldName,
  type MappingOverride,
  type WriteBackPlan,
} from '../sheet';
import { pickLanguage, uiText } from '../i18n';
import type { WorkbookSettings } from '../sheet';
import type { EntraSignIn } from './auth/entra-sign-in';
import {
  fail,
  ok,
  settle,
  type ConnectionCheck,
  type DoctorReport,
  type EnvironmentInfo,
  type EnvironmentName,
  type MappedAway,
  type PaneController,
  type PaneError,
  type PaneResult,
  type PhotoAttachment,
  type ReconcileReport,
  type ReportPeriod,
  type SendOptions,
  type SendPlan,
  type SendProgress,
  type SendRequest,
  type SessionInfo,
  type SheetInfo,
  type UiLanguage,
} from './controller';
import type { Diagnostics } from './diagnostics';
import type { PaneEventHub } from './events';
import { excelPaneError, failWith, paneError } from './pane-errors';
import { addPhotoColumn, attachPhotos } from './photo-attach';
import type { PhotoStore } from './photo-store';
import { DEFAULT_PHOTO_MAX_BYTES } from './photos';
import { sendContents } from './send-contents';
import { readOnce, releasing } from './workbook-views';
import { createEditQueue } from './edit-queue';
import { reconcile } from './reconcile';
import { defaultReportPeriod, isReportPeriod } from '../app/guard-keys';
import type { PairingKeyStore } from './pairing-key';
import type { LanguageChoiceStore } from './language-choice';

/** What the controller needs of src/excel's `ExcelWorkbook` beyond the port. */
export interface PaneWorkbook extends WorkbookPort {
  goToCell(address: string): Promise<ExcelResult<void>>;
  /** period: keeps the repayment report period in the workbook (document settings). */
  saveReportPeriod(period: string): Promise<AppResult<void>>;
  /** recognition: the checks' settings saved in the workbook (absent: none can be kept). */
  readSettings?(): Promise<ExcelResult<WorkbookSettings>>;
  /** Takes this tool's marks off cells the user edited, in one write (absent: they go at the next check). */
  clearEdited?(edits: readonly CellEdit[]): Promise<AppResult<number>>;
}

export interface LiveHost {
  /** `Office.context.displayLanguage`, '' outside Office. */
  displayLanguage: string;
  theme: 'light' | 'dark';
  /** Office.addin.showAsTaskpane in the shared runtime; absent where the pane is always in view. */
  showPane?: () => Promise<void>;
  /** Facts for the diagnostics (Office host and platform, page). */
  about?: () => Record<string, string | undefined>;
}

export interface LiveControllerDeps {
  host: LiveHost;
  events: PaneEventHub;
  workbook: PaneWorkbook;
  /** The same workbook for ribbon runs (`workbook.forRibbon()`). */
  ribbonWorkbook: PaneWorkbook;
  api: ApiClient;
  runtime: KivaRuntime;
  clock: Clock;
  entra: EntraSignIn;
  photos: PhotoStore;
  diagnostics: Diagnostics;
  /** Where a pairing's key is kept (local mode, docs/server.md). */
  pairingKeys?: PairingKeyStore;
  /** Where the language chosen in the pane is remembered. */
  languageChoice?: LanguageChoiceStore;
}

export type LiveController = PaneController & {
  /** The same controller for the ribbon's functions. */
  readonly ribbon: PaneController;
  /**
   * Excel's change event reached the pane (src/excel `watchEdits`): the marks on those cells go, one write per
   * batch of edits, after any task that holds the workbook. Resolves once this batch was written (or found unmarked).
   */
  cellsEdited(edits: readonly CellEdit[]): Promise<void>;
};

/** Kiva's lists change a few times a year; a pane open all day still asks again now and then. */
const LISTS_FRESH_MS = 30 * 60_000;
/** Room in a submit's body for everything but the photo (the draft's other fields, the JSON around it). */
const BODY_BESIDES_PHOTO = 1024 * 1024;

interface Session {
  mode?: 'local' | 'entra';
  user?: { id?: string; name?: string };
  version?: string;
  limits?: { bodyBytes?: number; requestsPerMinute?: number };
  environments?: SessionEnvironment[];
}

interface SessionEnvironment {
  name: EnvironmentName;
  configured: boolean;
  canSubmit?: boolean;
  partnerId?: string;
  scopes?: Scope[];
  tokenExpiresAt?: string;
  tokenError?: { code?: string; message?: string };
}

export function createLiveController(deps: LiveControllerDeps): LiveController {
  const { api, clock, diagnostics, entra, events, host, photos, runtime } = deps;
  const state = {
    language: deps.languageChoice?.get() ?? (pickLanguage(host.displayLanguage) as UiLanguage),
    env: 'stage' as EnvironmentName,
    busy: false,
    session: undefined as Session | undefined,
    lists: new Map<EnvironmentName, { lists: ConfigLists; at: number }>(),
    listsAsOf: undefined as string | undefined,
    /** Whether the `Kiva lists` sheet was read for its `as_of` (once, on the first look at a sheet). */
    listsAsOfRead: false,
    /** Statuses of rows that reached Kiva but could not be written: applied before the next task. */
    unwritten: [] as WriteBackPlan[],
    lastRefusal: undefined as PaneError | undefined,
    lastSheet: undefined as string | undefined,
  };

  const changed = (): void => events.publish({ type: 'sheet-changed' });
  const settings = () => ({ language: state.language });
  const bodyBytes = (): number => state.session?.limits?.bodyBytes ?? 8 * 1024 * 1024;

  /** The Kiva port for one run; the lists it fetches are kept for the next runs. */
  function kivaFor(env: EnvironmentName, force = false, confirmedRows?: number, period?: string): KivaPort {
    const port = createHttpKivaPort({
      api,
      runtime,
      environment: env,
      force,
      ...(period !== undefined ? { period } : {}),
      ...(confirmedRows !== undefined ? { confirmation: { rows: confirmedRows, id: confirmationId() } } : {}),
      // The server's cuts, so what the preview shows is what the server posts.
      batching: publishedBatching(state.session, env),
      maxBodyBytes: bodyBytes(),
      onLog: diagnostics.kiva,
    });
    return {
      ...port,
      async getConfigLists(signal) {
        const kept = state.lists.get(env);
        if (kept !== undefined && clock.now() - kept.at < LISTS_FRESH_MS) return { ok: true, value: kept.lists };
        const fetched = await port.getConfigLists(signal);
        if (fetched.ok) state.lists.set(env, { lists: fetched.value, at: clock.now() });
        else state.lastRefusal = paneError(fetched.error);
        return fetched;
      },
    };
  }

  /** A Kiva port for a run that converts rows: the session is read first, for the server's batching. */
  async function kivaForRows(
    env: EnvironmentName,
    force = false,
    confirmedRows?: number,
    period?: string,
  ): Promise<KivaPort> {
    if (state.session === undefined) await loadSession();
    return kivaFor(env, force, confirmedRows, period);
  }

  /** period: the report period of a run: the one the Send tab showed, else the workbook's, else the default. */
  function periodOf(snapshot: WorkbookSnapshot | undefined, asked?: string): ReportPeriod {
    if (asked !== undefined && isReportPeriod(asked)) return { value: asked, saved: snapshot?.reportPeriod === asked };
    if (snapshot?.reportPeriod !== undefined) return { value: snapshot.reportPeriod, saved: true };
    const now = clock.now();
    return { value: defaultReportPeriod(now, clock.utcOffsetMinutes(now)), saved: false };
  }

  /**
   * period: before Check and Send, the rows the server's ledger knows are marked (Sent, Changed since sent,
   * Uncertain) in one write. Answers the workbook view the use case should read next: the same snapshot when
   * nothing was written, the workbook itself otherwise.
   */
  async function reconciled(
    workbook: WorkbookPort,
    env: EnvironmentName,
    scope: SheetScope,
    asked?: string,
  ): Promise<{ view: WorkbookPort; period: ReportPeriod; report?: ReconcileReport }> {
    const once = readOnce(workbook);
    const read = await once.read({ scope, isReference: isReferenceSheet, withLists: true });
    const period = periodOf(read.ok ? read.value : undefined, asked);
    if (!read.ok) return { view: once, period };
    const result = await reconcile({
      workbook: once,
      kiva: await kivaForRows(env),
      api,
      period: period.value,
      run: { scope, settings: settings(), clock },
    });
    const report: ReconcileReport = {
      restored: result.restored.length,
      changed: result.changed.length,
      uncertain: result.uncertain.length,
    };
    const any = report.restored + report.changed + report.uncertain > 0;
    if (result.written) changed();
    return { view: result.written ? workbook : once, period, ...(any && result.written ? { report } : {}) };
  }

  const toPane = (error: AppError): PaneError => paneError(error, state.lastRefusal);
  const photoDeps = { photos, toPane, changed: () => events.publish({ type: 'sheet-changed' }) };

  async function loadSession(): Promise<PaneResult<Session>> {
    const answer = await api.get<Session>('/api/session');
    if (answer.ok) {
      state.session = answer.value;
      return ok(answer.value);
    }
    return fail(answer.error.code, answer.error.params);
  }

  function sessionInfo(session: Session): SessionInfo {
    const environments: EnvironmentInfo[] = (session.environments ?? []).map((e) => {
      const info: EnvironmentInfo = { name: e.name, configured: e.configured, canSubmit: e.canSubmit === true };
      if (e.partnerId !== undefined) info.partnerId = e.partnerId;
      if (e.scopes !== undefined) info.scopes = e.scopes;
      if (e.tokenExpiresAt !== undefined) info.tokenExpiresAt = e.tokenExpiresAt;
      if (e.tokenError?.code !== undefined) {
        info.tokenError = { code: e.tokenError.code, params: { message: e.tokenError.message ?? '' } };
      }
      return info;
    });
    const info: SessionInfo = {
      mode: session.mode === 'entra' ? 'entra' : 'local',
      signInRequired: false,
      environments,
      activeEnvironment: state.env,
      // Base64 makes 3 bytes of photo 4 bytes of body.
      photoMaxBytes: Math.min(DEFAULT_PHOTO_MAX_BYTES, Math.floor(((bodyBytes() - BODY_BESIDES_PHOTO) * 3) / 4)),
    };
    if (session.user?.name !== undefined) info.user = { name: session.user.name };
    if (session.version !== undefined) info.version = session.version;
    return info;
  }

  async function session(): Promise<PaneResult<SessionInfo>> {
    const loaded = await loadSession();
    if (loaded.ok) return ok(sessionInfo(loaded.value));
    if (loaded.error.code === 'auth.sign-in-required' || loaded.error.code === 'auth.invalid-token') {
      // Before sign-in only the health check answers; it says the server wants one.
      const health = await api.get<{ mode?: string }>('/api/health');
      if (health.ok && health.value.mode === 'entra') {
        return ok({ mode: 'entra', signInRequired: true, environments: [], activeEnvironment: state.env });
      }
    }
    return loaded;
  }

  /** Statuses a send could not write are written before anything else reads or writes the workbook. */
  async function writeUnwritten(workbook: WorkbookPort): Promise<void> {
    while (state.unwritten.length > 0) {
      const plan = state.unwritten[0] as WriteBackPlan;
      const applied = await workbook.apply(plan);
      if (!applied.ok) return;
      state.unwritten.shift();
    }
  }

  /**
   * The user's edits of marked cells, cleared through the ribbon's port: it waits for the user to leave cell-edit
   * mode (typing into the next cell) instead of failing. A failed clear leaves the marks to the next check.
   */
  const edits = createEditQueue({
    busy: () => state.busy,
    clear: async (batch) => {
      await exclusiveQuiet(deps.ribbonWorkbook, () => clearEdited(deps.ribbonWorkbook, batch));
    },
  });

  async function clearEdited(workbook: WorkbookPort, batch: readonly CellEdit[]): Promise<void> {
    const pane = workbook as PaneWorkbook;
    if (batch.length === 0 || typeof pane.clearEdited !== 'function') return;
    await pane.clearEdited(batch);
  }

  /**
   * Before a task's own work: what a send could not write, then the marks of cells edited since (through the task's
   * own port: a pane task does not wait on cell-edit mode; what it could not clear, its check clears or re-marks).
   */
  async function beforeTask(workbook: WorkbookPort): Promise<void> {
    await writeUnwritten(workbook);
    await clearEdited(workbook, edits.take());
  }

  /** One task that writes into the workbook at a time, whether the pane or the ribbon asked. */
  async function exclusive<T>(workbook: WorkbookPort, work: () => Promise<PaneResult<T>>): Promise<PaneResult<T>> {
    if (state.busy) return fail('pane.busy');
    state.busy = true;
    try {
      await beforeTask(workbook);
      return await settle(work());
    } finally {
      state.busy = false;
      edits.idle();
    }
  }

  /** A write that a plan makes on the side: skipped (undefined) while another task holds the workbook. */
  async function exclusiveQuiet<T>(workbook: WorkbookPort, work: () => Promise<T>): Promise<T | undefined> {
    if (state.busy) return undefined;
    state.busy = true;
    try {
      await beforeTask(workbook);
      return await work();
    } catch {
      return undefined;
    } finally {
      state.busy = false;
      edits.idle();
    }
  }

  function build(workbook: PaneWorkbook): PaneController {
    const ports = (kiva: KivaPort, view: WorkbookPort = workbook): Ports => ({ workbook: view, kiva });

    async function detectSheet(): Promise<PaneResult<SheetInfo>> {
      // The lists' as_of is kept in the `Kiva lists` sheet: read it once, in the same read, after the pane opens.
      const withLists = state.listsAsOf === undefined && !state.listsAsOfRead;
      const read = await workbook.read({ scope: { kind: 'selection' }, isReference: () => false, withLists });
      if (!read.ok) return failWith(toPane(read.error));
      const snapshot = read.value;
      if (withLists) {
        state.listsAsOfRead = true;
        const kept = snapshot.lists === undefined ? undefined : readListsSheet(snapshot.lists);
        state.listsAsOf ??= latest(kept?.asOf);
      }
      const sheet = snapshot.targets?.[0];
      const grid = snapshot.sheets.find((g) => g.sheet === sheet);
      if (sheet === undefined || grid === undefined) return fail('sheet.none-active');
      state.lastSheet = sheet;
      return ok(describeSheet(grid, snapshot, state.listsAsOf));
    }

    async function readSettings(): Promise<PaneResult<WorkbookSettings>> {
      if (workbook.readSettings === undefined) return ok({});
      const read = await workbook.readSettings();
      return read.ok ? ok(read.value) : failWith(excelPaneError(read.error));
    }

    async function plan(request: SendRequest): Promise<PaneResult<SendPlanParts>> {
      const scope = sendScope(request.scope);
      // The ledger's word first (when no other task is writing): a copy without statuses shows its rows as sent.
      const looked = state.busy
        ? undefined
        : await exclusiveQuiet(workbook, () => reconciled(workbook, request.env, scope, request.period));
      const once = readOnce(looked?.view ?? workbook);
      const kiva = await kivaForRows(request.env);
      // recognition: both previews check against one read of the partner's loans.
      const input = { scope, settings: settings(), clock, portfolio: kivaPortfolio(kiva, clock) };
      const base = await previewUseCase(ports(kiva, once), input);
      if (!base.ok) return failWith(toPane(base.error));
      const released = releasingFor(once, request);
      const chosen = released === once ? base : await previewUseCase(ports(kiva, released), input);
      if (!chosen.ok) return failWith(toPane(chosen.error));
      const missing = base.value.issues
        .filter((issue) => issue.code === 'column-missing' && issue.field !== undefined)
        .map((issue) => issue.field as FieldName);
      const snapshot = await once.read({ scope, isReference: isReferenceSheet, withLists: true });
      const period = looked?.period ?? periodOf(snapshot.ok ? snapshot.value : undefined, request.period);
      return ok({
        rows: chosen.value.items.reduce((sum, item) => sum + item.rows.length, 0),
        requests: chosen.value.items.length,
        alreadySent: base.value.rows.skipped - base.value.rows.uncertain - base.value.rows.changed,
        uncertain: base.value.rows.uncertain,
        changed: base.value.rows.changed,
        invalid: chosen.value.rows.invalid,
        missing: [...new Set(missing)],
        contents: sendContents(chosen.value.items),
        period,
        ...(looked?.report !== undefined ? { reconciled: looked.report } : {}),
      });
    }

    const controller: PaneController = {
      get displayLanguage() {
        return host.displayLanguage;
      },
      get theme() {
        return host.theme;
      },
      setLanguage(lang) {
        state.language = lang;
      },
      get chosenLanguage() {
        return deps.languageChoice?.get();
      },
      chooseLanguage(lang) {
        deps.languageChoice?.set(lang);
      },

      session: () => settle(session()),

      selectEnvironment: (env) =>
        settle(
          (async () => {
            if (state.busy) return fail('pane.busy');
            state.env = env;
            return session();
          })(),
        ),

      testConnection: (env) =>
        settle(
          (async (): Promise<PaneResult<ConnectionCheck>> => {
            const loaded = await loadSession();
            if (!loaded.ok) return loaded;
            const entry = loaded.value.environments?.find((e) => e.name === env);
            if (entry === undefined || !entry.configured) return fail('environment.not-configured', { env });
            // The server runs the connection check (it holds the secret): token, permissions, lists, loans, route.
            const checked = await api.get<{ report: DoctorReport }>(`/api/doctor?env=${encodeURIComponent(env)}`);
            if (!checked.ok) return fail(checked.error.code, checked.error.params);
            // The next run reads the lists afresh: the check may have found them changed.
            state.lists.delete(env);
            const again = await loadSession();
            const fresh = (again.ok ? again.value : loaded.value).environments?.find((e) => e.name === env) ?? entry;
            const check: ConnectionCheck = {
              environment: env,
              scopes: fresh.scopes ?? [],
              report: checked.value.report,
            };
            if (fresh.partnerId !== undefined) check.partnerId = fresh.partnerId;
            if (fresh.tokenExpiresAt !== undefined) check.tokenExpiresAt = fresh.tokenExpiresAt;
            return ok(check);
          })(),
        ),

      signIn: ({ interactive }) => settle(entra.signIn(interactive)),
      signOut: () => settle(entra.signOut()),

      detectSheet: () => settle(detectSheet()),

      saveMapping: (override: MappingOverride) =>
        exclusive(workbook, async () => {
          let sheet = state.lastSheet;
          if (sheet === undefined) {
            const detected = await detectSheet();
            if (!detected.ok) return detected;
            sheet = detected.value.sheet;
          }
          const saved = await saveMappingUseCase({ workbook }, { sheet, override });
          if (!saved.ok) return failWith(toPane(saved.error));
          const detected = await detectSheet();
          if (detected.ok) changed();
          return detected;
        }),

      validate: (scope) =>
        exclusive(workbook, async () => {
          const sheetScope: SheetScope = scope === 'selection' ? { kind: 'selection' } : { kind: 'active' };
          const { view } = await reconciled(workbook, state.env, sheetScope);
          const kiva = await kivaForRows(state.env);
          const report = await validateUseCase(ports(kiva, view), {
            scope: sheetScope,
            settings: settings(),
            clock,
            portfolio: kivaPortfolio(kiva, clock),
          });
          if (!report.ok) return failWith(toPane(report.error));
          const { value } = report;
          const target = value.conversion.sheets.find((s) => s.role === 'target');
          if (target === undefined) return fail(nothingRecognised(value.notices));
          if (value.written) changed();
          return ok({
            sheet: target.sheet,
            scope,
            rowsChecked: value.rows.checked,
            issues: value.issues,
            errors: value.errorCount,
            warnings: value.warningCount,
            // recognition: what the check found about the rows as a whole (never a row's own problem).
            notices: value.notices.filter((n) => CHECK_NOTICES.has(n.code)),
          });
        }),

      preview: (scope) =>
        settle(
          (async () => {
            const kiva = await kivaForRows(state.env);
            const report = await previewUseCase(ports(kiva), {
              scope: sendScope(scope),
              settings: settings(),
              clock,
              portfolio: kivaPortfolio(kiva, clock),
            });
            if (!report.ok) return failWith(toPane(report.error));
            return ok({ items: report.value.items, skipped: report.value.rows.invalid + report.value.rows.skipped });
          })(),
        ),

      setReportPeriod: (period: string) =>
        exclusive(workbook, async () => {
          if (!isReportPeriod(period)) return fail('period.invalid', { period });
          const saved = await workbook.saveReportPeriod(period);
          if (!saved.ok) return failWith(toPane(saved.error));
          changed();
          return ok(undefined);
        }),

      planSend: (request) =>
        settle(
          (async () => {
            const parts = await plan(request);
            return parts.ok ? ok({ env: request.env, scope: request.scope, ...parts.value }) : parts;
          })(),
        ),

      send: (options: SendOptions) =>
        exclusive(workbook, async () => {
          const { env } = options;
          const looked = await reconciled(workbook, env, sendScope(options.scope), options.period);
          const release = releasingFor(looked.view, options);
          const force = options.resend || options.includeUncertain || options.resendChanged === true;
          const kiva = tallying(await kivaForRows(env, force, options.confirmedRows, looked.period.value), options);
          const report = await sendUseCase(ports(kiva.port, release), {
            scope: sendScope(options.scope),
            settings: settings(),
            clock,
            portfolio: kivaPortfolio(kiva.port, clock),
            signal: options.signal,
            // Only the pane sends to production, after its own confirmation dialog naming the row count (which
            // the server checks again).
            confirmProduction: options.confirmedRows !== undefined,
            onProgress: (progress) => {
              if (progress.phase === 'sending' && progress.total !== undefined) kiva.start(progress.total);
            },
          });
          if (!report.ok) return failWith(toPane(report.error));
          const { value } = report;
          if (value.writeError !== undefined) {
            // The rows reached Kiva: their statuses must land in the workbook, now or before the next task.
            const again = await workbook.apply(value.plan);
            if (!again.ok) state.unwritten.push(value.plan);
          }
          if (value.written || value.writeError !== undefined) changed();
          if (value.notices.some((n) => n.code === 'no-sheet-recognised'))
            return fail(nothingRecognised(value.notices));
          return ok({
            env,
            outcomes: value.outcomes,
            skipped: {
              alreadySent: noticeCount(value.notices, 'already-sent-skipped'),
              uncertain: noticeCount(value.notices, 'uncertain-skipped'),
              invalid: value.summary.invalid,
            },
            ...(looked.report !== undefined ? { reconciled: looked.report } : {}),
          });
        }),

      goToCell: (address) =>
        settle(
          (async () => {
            const went = await workbook.goToCell(address);
            return went.ok ? ok(undefined) : failWith(excelPaneError(went.error));
          })(),
        ),

      attachPhotos: (attachment: PhotoAttachment) =>
        exclusive(workbook, () => attachPhotos(workbook, attachment, photoDeps)),

      addPhotoColumn: () =>
        exclusive(workbook, () => addPhotoColumn(workbook, uiText(state.language).fields.photo, photoDeps)),

      refreshLists: () =>
        exclusive(workbook, async () => {
          const env = state.env;
          state.lists.delete(env);
          const kiva = kivaFor(env);
          const refreshed = await refreshListsUseCase({ workbook, kiva });
          if (!refreshed.ok) return failWith(toPane(refreshed.error));
          const lists = state.lists.get(env)?.lists;
          state.listsAsOf = latest(lists?.asOf) ?? new Date(clock.now()).toISOString();
          changed();
          return ok({ asOf: state.listsAsOf, counts: refreshed.value.counts });
        }),

      loadSettings: () => settle(readSettings()),

      saveSettings: (settings: WorkbookSettings) =>
        exclusive(workbook, async () => {
          if (workbook.saveSettings === undefined) return fail('pane.unexpected');
          const saved = await workbook.saveSettings(settings);
          if (!saved.ok) return failWith(toPane(saved.error));
          changed();
          return readSettings();
        }),

      createRepaymentTemplate: () =>
        exclusive(workbook, async () => {
          // recognition: three-column partners (the Settings section) get a client id column.
          const saved = await readSettings();
          const threeColumn = saved.ok && saved.value.threeColumn === true;
          // recognition: the Kiva loans sheet is written beside the template, for the Check when Kiva is unreachable.
          const imported = await importLoans(
            { workbook, kiva: kivaFor(state.env) },
            { language: state.language, threeColumn, clock },
          );
          if (!imported.ok) return failWith(toPane(imported.error));
          changed();
          const { sheet, loans, kivaLoans } = imported.value;
          return ok({ sheet, loans, ...(kivaLoans !== undefined ? { kivaLoans } : {}) });
        }),

      copyDiagnostics: () =>
        settle(
          (async () => {
            const session = state.session;
            const stage = session?.environments?.find((e) => e.name === state.env);
            return ok(
              diagnostics.text({
                version: session?.version,
                mode: session?.mode,
                environment: state.env,
                partner: stage?.partnerId,
                language: state.language,
                'photos attached': photos.size,
                ...host.about?.(),
              }),
            );
          })(),
        ),

      pair: (code: string) =>
        settle(
          (async (): Promise<PaneResult<void>> => {
            const answer = await api.post<{ key?: unknown }>('/api/pairing', { code });
            if (!answer.ok) return fail(answer.error.code, answer.error.params);
            if (typeof answer.value.key !== 'string') return fail('server.error', { status: 200 });
            deps.pairingKeys?.set(answer.value.key);
            return ok(undefined);
          })(),
        ),

      showPane: async () => {
        try {
          await host.showPane?.();
        } catch {
          // Hosts without a shared runtime cannot bring the pane forward; the ribbon's outcome is in the sheet.
        }
      },

      subscribe: (listener) => events.subscribe(listener),
    };
    return controller;
  }

  const pane = build(deps.workbook);
  const ribbon = build(deps.ribbonWorkbook);
  return Object.assign(pane, { ribbon, cellsEdited: (batch: readonly CellEdit[]) => edits.add(batch) });
}

type SendPlanParts = Omit<SendPlan, 'env' | 'scope'>;

/** Names one confirmation in the server's audit log; the server counts the rows of its submits against it. */
function confirmationId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function sendScope(scope: 'selection' | 'pending'): SheetScope {
  return scope === 'selection' ? { kind: 'selection' } : { kind: 'active' };
}

function releasingFor(
  workbook: WorkbookPort,
  request: Pick<SendRequest, 'env' | 'resend' | 'includeUncertain' | 'resendChanged'>,
) {
  return releasing(workbook, {
    ...(request.resend ? { sentTo: request.env } : {}),
    uncertain: request.includeUncertain,
    changed: request.resendChanged === true,
  });
}

/** Counts each row's outcome as its request settles, for the pane's progress line. */
function tallying(port: KivaPort, options: Pick<SendOptions, 'onProgress'>) {
  const progress: SendProgress = { total: 0, sent: 0, rejected: 0, uncertain: 0, failed: 0, left: 0 };
  let cancelled = 0;
  const tell = (): void => {
    progress.left = Math.max(
      0,
      progress.total - progress.sent - progress.rejected - progress.uncertain - progress.failed - cancelled,
    );
    try {
      options.onProgress?.({ ...progress });
    } catch {
      // The pane's display failing must not change what happens to the rows.
    }
  };
  const count = (outcomes: readonly RowOutcome[]): void => {
    for (const outcome of outcomes) {
      if (outcome.kind === 'cancelled') cancelled++;
      else progress[outcome.kind]++;
    }
    tell();
  };
  const watched =
    <Item>(send: (items: readonly Item[], o?: KivaSendOptions) => Promise<KivaSendResult>) =>
    (items: readonly Item[], sendOptions: KivaSendOptions = {}) =>
      send(items, {
        ...sendOptions,
        onProgress: (p) => {
          count(p.latest);
          sendOptions.onProgress?.(p);
        },
      });
  return {
    start(total: number): void {
      if (progress.total === total) return;
      progress.total = total;
      tell();
    },
    port: {
      ...port,
      createLoanDrafts: watched(port.createLoanDrafts),
      sendRepayments: watched(port.sendRepayments),
      sendJournals: watched(port.sendJournals),
    } satisfies KivaPort,
  };
}

function describeSheet(grid: CellGrid, snapshot: WorkbookSnapshot, listsAsOf: string | undefined): SheetInfo {
  const override = snapshot.mappings[grid.sheet];
  const map = mapHeaders(grid, override);
  const readColumns = Object.values(map.fieldIndex).filter((c): c is number => c !== undefined);
  const columnsToCount =
    readColumns.length > 0 ? readColumns : map.columns.filter((c) => c.status !== true).map((c) => c.index);
  let rows = 0;
  for (let r = 1; r < grid.values.length; r++) {
    const cells = grid.values[r] ?? [];
    if (columnsToCount.some((c) => !isBlankCell(cells[c]))) rows++;
  }
  const info: SheetInfo = {
    sheet: grid.sheet,
    kindSource: map.kindSource,
    kindReason: map.kindReason,
    columns: map.columns.map((c) => ({
      column: c.column,
      header: c.header,
      ...(c.field !== undefined ? { field: c.field } : {}),
      ...(c.status === true ? { status: true as const } : {}),
    })),
    missing: [
      ...new Set(
        map.issues
          .filter((issue) => issue.code === 'column-missing' && issue.field !== undefined)
          .map((issue) => issue.field as FieldName),
      ),
    ],
    issues: map.issues,
    statusColumn: map.statusColumn,
    headerRow: map.origin.row,
    rows,
  };
  if (map.kind !== undefined) info.kind = map.kind;
  if (override !== undefined) info.override = override;
  const away = mappedAway(grid, override, info.missing, map.columns);
  if (away.length > 0) info.mappedAway = away;
  if (listsAsOf !== undefined) info.listsAsOf = listsAsOf;
  return info;
}

/** Missing fields the headers alone would have found: the saved column choices took them away. */
function mappedAway(
  grid: CellGrid,
  override: MappingOverride | undefined,
  missing: readonly FieldName[],
  columns: ReturnType<typeof mapHeaders>['columns'],
): MappedAway[] {
  if (override?.columns === undefined || missing.length === 0) return [];
  const recognised = mapHeaders(grid, override.kind !== undefined ? { version: 1, kind: override.kind } : undefined);
  return missing.flatMap((field) => {
    const index = recognised.fieldIndex[field];
    const column = index === undefined ? undefined : columns[index];
    if (column === undefined) return [];
    const away: MappedAway = { field, column: column.column, header: column.header };
    if (column.field !== undefined) away.mappedTo = column.field;
    return [away];
  });
}

/** The run's notices the Check tab shows: the portfolio check, and the rows with no repayment this period. */
const CHECK_NOTICES: ReadonlySet<Notice['code']> = new Set([
  'portfolio-checked',
  'portfolio-checked-repaying',
  'portfolio-unavailable',
  'portfolio-from-sheet',
  'portfolio-sheet-old',
  'portfolio-sheet-unusable',
  'no-repayment-rows',
]);

/** recognition: the Kiva loans sheet is said to be the list it is; any other sheet is asked about on the Sheet tab. */
function nothingRecognised(notices: readonly Notice[]): 'sheet.kiva-loans' | 'sheet.kind-unknown' {
  return notices.some((n) => n.code === 'kiva-loans-not-data') ? 'sheet.kiva-loans' : 'sheet.kind-unknown';
}

function noticeCount(notices: readonly Notice[], code: Notice['code']): number {
  const count = notices.find((n) => n.code === code)?.params.count;
  return typeof count === 'number' ? count : 0;
}

function latest(asOf: ConfigLists['asOf']): string | undefined {
  const times = Object.values(asOf ?? {}).filter((t): t is string => typeof t === 'string');
  return times.length > 0 ? times.sort().at(-1) : undefined;
}
