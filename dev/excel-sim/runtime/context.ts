/**
 * `Excel.RequestContext`: the queue of actions Office.js builds, and `sync()`, which sends them as one request.
 * The request and response are measured as JSON in Office.js's own wire shape (Actions + ObjectPaths, Results),
 * so byte counts and action counts are comparable with the real request builder's.
 */
import { SimOfficeError, simError } from '../errors';
import type { SimWorkbook, SyncRecord } from '../workbook';
import { type ActionSpec, type PathInfo, SimClientObject, serializeArgument } from './client-object';
import { Application, Workbook } from './workbook-objects';

interface QueuedAction {
  info: {
    Id: number;
    ActionType: number;
    Name: string;
    ObjectPathId: number;
    ArgumentInfo?: { Arguments: unknown[] };
    QueryInfo?: { Select: string[]; Expand: string[] };
  };
  target: SimClientObject;
  spec: ActionSpec;
}

interface Batch {
  id: number;
  actions: QueuedAction[];
  paths: Map<number, PathInfo>;
  traces: Map<number, string>;
}

/** Counts UTF-8 bytes without encoding, so measuring a 5 MB request costs no extra 5 MB. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export interface ContextOptions {
  delayForCellEdit?: boolean;
  /** Simulated round-trip time in ms (default 0: a microtask). */
  latencyMs?: number;
}

let batchCounter = 0;

export class SimRequestContext {
  /** @internal */
  readonly _book: SimWorkbook;
  /** @internal */
  _latencyMs: number;
  delayForCellEdit: boolean;
  /** Office.js releases tracked objects at the end of `Excel.run`; the simulation keeps everything alive. */
  readonly trackedObjects = {
    add: (_objects: unknown): void => undefined,
    remove: (_objects: unknown): void => undefined,
  };
  readonly requestHeaders: Record<string, string> = {};

  private nextIdValue = 1;
  private batch: Batch;
  private processingResult = false;
  private pendingItems = new Map<SimClientObject, SimClientObject[][]>();
  private workbookProxy: Workbook | undefined;
  private applicationProxy: Application | undefined;

  constructor(book: SimWorkbook, options: ContextOptions = {}) {
    this._book = book;
    this._latencyMs = options.latencyMs ?? 0;
    this.delayForCellEdit = options.delayForCellEdit ?? false;
    this.batch = this.newBatch();
  }

  get workbook(): Workbook {
    if (!this.workbookProxy) this.workbookProxy = new Workbook(this);
    return this.workbookProxy;
  }

  /** Deprecated in Office.js in favour of `workbook.application`, but still there. */
  get application(): Application {
    if (!this.applicationProxy) this.applicationProxy = this.workbook.application;
    return this.applicationProxy;
  }

  get debugInfo(): { pendingStatements: string[] } {
    return { pendingStatements: this.batch.actions.map((a) => a.spec.location) };
  }

  load(object: SimClientObject, option?: Parameters<SimClientObject['load']>[0]): void {
    object.load(option);
  }

  /** Queued like any action; the message comes back in `error.traceMessages` if the sync fails after it. */
  trace(message: string): void {
    const id = this._nextId();
    this.batch.traces.set(id, message);
    this.batch.actions.push({
      info: { Id: id, ActionType: 5, Name: 'Trace', ObjectPathId: 0 },
      target: this.workbook,
      spec: { actionType: 5, name: 'Trace', location: 'trace', run: () => undefined, evenIfNull: true },
    });
  }

  /** @internal */
  _nextId(): number {
    return this.nextIdValue++;
  }

  /** @internal */
  _pendingItemsOf(collection: SimClientObject): SimClientObject[][] {
    let list = this.pendingItems.get(collection);
    if (!list) this.pendingItems.set(collection, (list = []));
    return list;
  }

  /** @internal Runs `make` without queuing instantiations (objects built from a response, as Office.js does). */
  _withoutQueue<T>(make: () => T): T {
    const before = this.processingResult;
    this.processingResult = true;
    try {
      return make();
    } finally {
      this.processingResult = before;
    }
  }

  /** @internal Queues the action that makes the host resolve `object` (Office.js's Instantiate action). */
  _instantiate(object: SimClientObject): void {
    if (this.processingResult) return;
    const parent = object._parent;
    if (parent) this._ensure(parent);
    object._instantiatedIn = this.batch.id;
    this.addPath(object);
    const id = this._nextId();
    this.batch.actions.push({
      info: { Id: id, ActionType: 1, Name: '', ObjectPathId: object._path.Id },
      target: object,
      spec: {
        actionType: 1,
        name: '',
        location: instantiationSite(object),
        evenIfNull: true,
        run: () => {
          object._ref = parent && parent._ref === null ? null : object._resolver();
          return object._ref === null ? { _IsNull: true } : undefined;
        },
        handle: (value) => {
          object._isNull = typeof value === 'object' && value !== null && '_IsNull' in value;
        },
      },
    });
  }

  /** @internal Makes sure `object` is resolved before the next queued action runs. */
  _ensure(object: SimClientObject): void {
    if (object.context !== this) {
      throw simError('InvalidRequestContext', undefined, object._typeName);
    }
    if (object._ref !== undefined || object._instantiatedIn === this.batch.id) {
      this.addPath(object);
      return;
    }
    this._instantiate(object);
  }

  /** @internal */
  _queue(target: SimClientObject, spec: ActionSpec, argObjects: SimClientObject[] = []): void {
    this._ensure(target);
    for (const arg of argObjects) this._ensure(arg);
    const id = this._nextId();
    this.batch.actions.push({
      info: {
        Id: id,
        ActionType: spec.actionType,
        Name: spec.name,
        ObjectPathId: target._path.Id,
        ...(spec.args ? { ArgumentInfo: { Arguments: spec.args.map(serializeArgument) } } : {}),
        ...(spec.query ? { QueryInfo: spec.query } : {}),
      },
      target,
      spec,
    });
  }

  private addPath(object: SimClientObject): void {
    let current: SimClientObject | undefined = object;
    while (current && !this.batch.paths.has(current._path.Id)) {
      this.batch.paths.set(current._path.Id, current._path);
      current = current._parent;
    }
  }

  private newBatch(): Batch {
    return { id: ++batchCounter, actions: [], paths: new Map(), traces: new Map() };
  }

  /** Sends every queued action as one request. Resolves with `passThroughValue`, like Office.js. */
  async sync<T>(passThroughValue?: T): Promise<T> {
    const batch = this.batch;
    this.batch = this.newBatch();
    if (batch.actions.length === 0) return passThroughValue as T;
    const book = this._book;

    if (book.cellEditMode) {
      if (!this.delayForCellEdit) {
        book.syncs.push({
          requestBytes: 0,
          responseBytes: 0,
          actions: batch.actions.length,
          error: 'InvalidOperationInCellEditMode',
        });
        throw simError('InvalidOperationInCellEditMode');
      }
      await book.whenNotEditing();
    }
    await this.roundTrip();

    const request = JSON.stringify({
      Actions: batch.actions.map((a) => a.info),
      ObjectPaths: Object.fromEntries(batch.paths),
    });
    const requestBytes = utf8Length(request);
    const record: SyncRecord = { requestBytes, responseBytes: 0, actions: batch.actions.length };
    book.syncs.push(record);
    if (requestBytes > book.limits.requestBytes) {
      record.error = 'RequestPayloadSizeLimitExceeded';
      throw simError('RequestPayloadSizeLimitExceeded', undefined, 'context.sync');
    }

    const results: Array<{ ActionId: number; Value: unknown }> = [];
    const ran: QueuedAction[] = [];
    let failure: SimOfficeError | undefined;
    const traceMessages: string[] = [];
    book.beginBatch();
    this.pendingItems.clear();
    for (const action of batch.actions) {
      const trace = batch.traces.get(action.info.Id);
      if (trace !== undefined) traceMessages.push(trace);
      const { target, spec } = action;
      if (target._ref === null && !spec.evenIfNull) {
        ran.push(action);
        continue;
      }
      try {
        const value = spec.run();
        if (value !== undefined) results.push({ ActionId: action.info.Id, Value: value });
        ran.push(action);
      } catch (e) {
        failure = toOfficeError(e, spec.location);
        break;
      }
    }

    if (failure) {
      // Excel has no transactions: what ran before the failing action stays applied.
      book.commitBatch();
      failure.traceMessages = traceMessages;
      // The host resolved these objects before failing; let `isNullObject` say what it found.
      for (const action of ran)
        if (action.spec.actionType === 1)
          action.spec.handle?.(action.target._ref === null ? { _IsNull: true } : undefined);
      record.error = failure.code;
      record.responseBytes = utf8Length(JSON.stringify({ Error: { Code: failure.code, Message: failure.message } }));
      this.pendingItems.clear();
      if (ran.length > 0) book.changed();
      throw failure;
    }

    const responseBytes = utf8Length(JSON.stringify({ Results: results }));
    record.responseBytes = responseBytes;
    if (responseBytes > book.limits.responseBytes) {
      book.rollbackBatch();
      this.pendingItems.clear();
      record.error = 'ResponsePayloadSizeLimitExceeded';
      throw simError('ResponsePayloadSizeLimitExceeded', undefined, 'context.sync');
    }
    const touched = book.commitBatch();

    const byId = new Map(results.map((r) => [r.ActionId, r.Value]));
    for (const action of ran) action.spec.handle?.(byId.get(action.info.Id));
    this.pendingItems.clear();
    // Methods and property writes change the workbook; so may an object's creation (`customXmlParts.add`).
    if (touched || batch.actions.some((a) => a.spec.actionType === 3 || a.spec.actionType === 4)) book.changed();
    return passThroughValue as T;
  }

  /** Real syncs are asynchronous; a latency makes them yield to timers and rendering too (the workbench). */
  private roundTrip(): Promise<void> {
    if (this._latencyMs <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, this._latencyMs));
  }
}

/** Where Office.js would say an object came from: `WorksheetCollection.getItem`, `Range.format`. */
function instantiationSite(object: SimClientObject): string {
  const name = object._path.Name;
  const member = name === '' ? 'getItem' : name.charAt(0).toLowerCase() + name.slice(1);
  return `${object._parent?._typeName ?? 'Workbook'}.${member}`;
}

function toOfficeError(e: unknown, location: string): SimOfficeError {
  if (e instanceof SimOfficeError) {
    if (e.debugInfo.errorLocation === undefined) e.locate(location);
    return e;
  }
  const error = simError('GeneralException', e instanceof Error ? e.message : String(e), location);
  return error;
}
