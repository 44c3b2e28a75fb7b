/**
 * The globals an add-in sees inside Excel — `Excel`, `Office`, `OfficeExtension` — bound to one simulated workbook.
 * `install()` puts them on `globalThis`, so code written against `@types/office-js` runs unchanged in jest and in
 * the workbench page.
 */
import { ExcelEnums, ExcelErrorCodes, OfficeEnums, type PlatformType } from './enums';
import { OFFICE_EXTENSION_ERROR_CODES, SimOfficeError, simError } from './errors';
import { SimClientObject, SimClientResult } from './runtime/client-object';
import { SimRequestContext } from './runtime/context';
import type { SimWorkbook } from './workbook';

export interface ExcelHostOptions {
  /** What `Office.context.platform` and `Office.onReady` report (default `OfficeOnline`, Excel on the web). */
  platform?: PlatformType;
  /** `Office.context.displayLanguage` (default `en-US`). */
  displayLanguage?: string;
  /** Simulated round-trip time of every sync, in ms (default 0). */
  latencyMs?: number;
  /** How long `invokeAction` waits for `event.completed()` (default 10 s). */
  actionTimeoutMs?: number;
}

export type Batch<T> = (context: SimRequestContext) => Promise<T>;

export interface RunOptions {
  delayForCellEdit?: boolean;
  previousObjects?: SimClientObject | SimClientObject[] | SimRequestContext;
}

export interface AsyncResult<T> {
  status: 'succeeded' | 'failed';
  value: T;
  error?: { name: string; message: string; code: number };
  asyncContext?: unknown;
}

type AsyncCallback<T> = (result: AsyncResult<T>) => void;

export interface AddinCommandEvent {
  source: { id: string };
  completed(options?: { allowEvent?: boolean }): void;
}

/** What `globalThis.Excel` becomes: `run`, `RequestContext`, `ErrorCodes` and the enums. */
export interface SimExcel {
  run<T>(batch: Batch<T>): Promise<T>;
  run<T>(options: RunOptions | SimClientObject | SimClientObject[] | SimRequestContext, batch: Batch<T>): Promise<T>;
  RequestContext: new () => SimRequestContext;
  ErrorCodes: Record<keyof typeof ExcelErrorCodes, string>;
  [name: string]: unknown;
}

export interface ExcelHost {
  readonly workbook: SimWorkbook;
  readonly Excel: SimExcel;
  readonly Office: Record<string, unknown>;
  readonly OfficeExtension: Record<string, unknown>;
  /** Functions registered with `Office.actions.associate`. */
  readonly actions: ReadonlyMap<string, (event: AddinCommandEvent) => unknown>;
  /** Whether `Office.addin.showAsTaskpane()` / `hide()` left the task pane open. */
  readonly taskpaneVisible: boolean;
  /** Number of `Excel.run` calls so far. */
  readonly runCount: number;
  /** Installs `Excel`, `Office` and `OfficeExtension` on `target` (default `globalThis`); returns the undo. */
  install(target?: object): () => void;
  /** Presses a ribbon button: calls the associated function and resolves when it calls `event.completed()`. */
  invokeAction(id: string): Promise<void>;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

export function createExcelHost(workbook: SimWorkbook, options: ExcelHostOptions = {}): ExcelHost {
  const platform = options.platform ?? 'OfficeOnline';
  const latencyMs = options.latencyMs ?? 0;
  const actions = new Map<string, (event: AddinCommandEvent) => unknown>();
  let taskpaneVisible = true;
  let runCount = 0;

  class RequestContext extends SimRequestContext {
    constructor() {
      super(workbook, { latencyMs });
    }
  }

  /** `Excel.run(batch)`, `Excel.run(options, batch)`, `Excel.run(object | objects | context, batch)`. */
  async function run<T>(
    first: Batch<T> | RunOptions | SimClientObject | SimClientObject[] | SimRequestContext,
    second?: Batch<T>,
  ): Promise<T> {
    runCount++;
    const batch = (typeof first === 'function' ? first : second) as Batch<T> | undefined;
    if (typeof batch !== 'function') throw simError('InvalidArgument', 'Excel.run needs a batch function.');
    let context: SimRequestContext | undefined;
    let delayForCellEdit = false;
    if (first instanceof SimRequestContext) context = first;
    else if (first instanceof SimClientObject) context = first.context;
    else if (Array.isArray(first)) context = first[0]?.context;
    else if (typeof first === 'object' && first !== null) {
      const opts = first as RunOptions;
      delayForCellEdit = opts.delayForCellEdit === true;
      const prev = opts.previousObjects;
      if (prev instanceof SimRequestContext) context = prev;
      else if (prev instanceof SimClientObject) context = prev.context;
      else if (Array.isArray(prev)) context = prev[0]?.context;
    }
    context ??= new SimRequestContext(workbook, { latencyMs, delayForCellEdit });
    if (delayForCellEdit) context.delayForCellEdit = true;
    const pending = batch(context);
    if (!isThenable(pending)) throw simError('RunMustReturnPromise');
    const result = await pending;
    // Excel.run syncs whatever the batch left queued.
    await context.sync();
    return result;
  }

  // Office.context.document.settings keeps its own in-memory copy until saveAsync, like Office's property bag.
  let documentSettings = new Map(workbook.settingsStore);
  const settings = {
    get(name: string): unknown {
      const text = documentSettings.get(name);
      return text === undefined ? null : JSON.parse(text);
    },
    set(name: string, value: unknown): void {
      const text = JSON.stringify(value);
      if (text === undefined) throw new Error(`Setting ${name} is not JSON-serialisable.`);
      documentSettings.set(name, text);
    },
    remove(name: string): void {
      documentSettings.delete(name);
    },
    saveAsync(optionsOrCallback?: unknown, callback?: AsyncCallback<void>): void {
      const cb = (typeof optionsOrCallback === 'function' ? optionsOrCallback : callback) as
        AsyncCallback<void> | undefined;
      const asyncContext =
        typeof optionsOrCallback === 'object' && optionsOrCallback !== null
          ? (optionsOrCallback as { asyncContext?: unknown }).asyncContext
          : undefined;
      setTimeout(() => {
        workbook.settingsStore = new Map(documentSettings);
        workbook.changed();
        cb?.({ status: 'succeeded', value: undefined, asyncContext });
      }, latencyMs);
    },
    refreshAsync(callback?: AsyncCallback<unknown>): void {
      setTimeout(() => {
        documentSettings = new Map(workbook.settingsStore);
        callback?.({ status: 'succeeded', value: settings });
      }, latencyMs);
    },
  };

  const Excel: SimExcel = {
    run,
    RequestContext,
    ErrorCodes: { ...ExcelErrorCodes },
    ...structuredEnums(ExcelEnums),
  };

  const info = { host: OfficeEnums.HostType.Excel, platform: OfficeEnums.PlatformType[platform] };
  const Office: Record<string, unknown> = {
    ...structuredEnums(OfficeEnums),
    initialize: undefined,
    onReady(
      callback?: (info: { host: string; platform: string }) => unknown,
    ): Promise<{ host: string; platform: string }> {
      return Promise.resolve().then(() => {
        callback?.(info);
        return info;
      });
    },
    context: {
      host: info.host,
      platform: info.platform,
      displayLanguage: options.displayLanguage ?? 'en-US',
      contentLanguage: options.displayLanguage ?? 'en-US',
      diagnostics: { host: info.host, platform: info.platform, version: '16.0.0.0' },
      requirements: {
        isSetSupported: (name: string, minVersion?: string | number) =>
          workbook.isSetSupported(name, minVersion === undefined ? undefined : String(minVersion)),
      },
      document: { settings, url: workbook.name, mode: 'readWrite' },
    },
    actions: {
      associate(id: string, fn: (event: AddinCommandEvent) => unknown): void {
        actions.set(id, fn);
      },
    },
    addin: {
      showAsTaskpane: async () => {
        taskpaneVisible = true;
      },
      hide: async () => {
        taskpaneVisible = false;
      },
      onVisibilityModeChanged: async () => async () => undefined,
    },
  };

  const OfficeExtension = {
    Error: SimOfficeError,
    ErrorCodes: { ...OFFICE_EXTENSION_ERROR_CODES },
    ClientObject: SimClientObject,
    ClientResult: SimClientResult,
    ClientRequestContext: SimRequestContext,
    config: { extendedErrorLogging: false },
    Promise,
  };

  return {
    workbook,
    Excel,
    Office,
    OfficeExtension,
    actions,
    get taskpaneVisible() {
      return taskpaneVisible;
    },
    get runCount() {
      return runCount;
    },
    install(target: object = globalThis) {
      const slot = target as Record<string, unknown>;
      const names = ['Excel', 'Office', 'OfficeExtension'] as const;
      const previous = names.map((n) => [n, Object.prototype.hasOwnProperty.call(slot, n), slot[n]] as const);
      slot.Excel = Excel;
      slot.Office = Office;
      slot.OfficeExtension = OfficeExtension;
      return () => {
        for (const [n, had, value] of previous) {
          if (had) slot[n] = value;
          else delete slot[n];
        }
      };
    },
    invokeAction(id: string): Promise<void> {
      const fn = actions.get(id);
      if (!fn) return Promise.reject(new Error(`No function is associated with ${id}.`));
      return new Promise<void>((resolve, reject) => {
        let done = false;
        const timer = setTimeout(() => {
          if (!done)
            reject(new Error(`${id} did not call event.completed() within ${options.actionTimeoutMs ?? 10_000} ms.`));
        }, options.actionTimeoutMs ?? 10_000);
        const finish = (error?: unknown) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (error === undefined) resolve();
          else reject(error instanceof Error ? error : new Error(String(error)));
        };
        const event: AddinCommandEvent = { source: { id }, completed: () => finish() };
        try {
          const returned = fn(event);
          if (isThenable(returned)) returned.then(undefined, (e: unknown) => finish(e ?? new Error(`${id} failed`)));
        } catch (e) {
          finish(e ?? new Error(`${id} failed`));
        }
      });
    },
  };
}

/** Fresh copies, so one host's enums cannot be mutated through another's. */
function structuredEnums<T extends Record<string, Record<string, string>>>(
  enums: T,
): { [K in keyof T]: { [P in keyof T[K]]: T[K][P] } } {
  const out: Record<string, Record<string, string>> = {};
  for (const [k, v] of Object.entries(enums)) out[k] = { ...v };
  return out as { [K in keyof T]: { [P in keyof T[K]]: T[K][P] } };
}
