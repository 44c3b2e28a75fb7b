/**
 * The proxy machinery every simulated Excel object shares, modelled on Office.js's `ClientObject`: creating a proxy
 * queues its instantiation, `load` queues a query, setters queue a property write (and keep the value locally, as
 * Office.js does), and reading a property that no sync has brought back throws `PropertyNotLoaded`.
 */
import { SimOfficeError, propertyNotLoaded, simError } from '../errors';
import { compareVersions } from '../requirements';
import type { SimWorkbook, SimWorksheet } from '../workbook';
import { API_VERSIONS } from './api-sets';
import type { SimRequestContext } from './context';

export const enum PathType {
  GlobalObject = 1,
  Method = 3,
  Property = 4,
  Indexer = 5,
}

export interface PathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments: unknown[] };
}

/** Which properties a `load` asked for, as a tree (`format/fill/color` → format → fill → color). */
export interface LoadNode {
  all: boolean;
  scalars: Set<string>;
  children: Map<string, LoadNode>;
  top?: number;
  skip?: number;
}

const newNode = (): LoadNode => ({ all: false, scalars: new Set(), children: new Map() });

export type LoadArgument = string | string[] | Record<string, unknown> | undefined;

/** Normalises every `load` form Office.js accepts into slash paths, plus `$top`/`$skip`. */
export function loadPaths(option: LoadArgument): { paths: string[]; top?: number; skip?: number } {
  if (option === undefined || option === null) return { paths: [] };
  const split = (v: unknown): string[] =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => String(s).split(','))
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (typeof option === 'string' || Array.isArray(option)) return { paths: split(option) };
  if ('select' in option || 'expand' in option || 'top' in option || 'skip' in option) {
    return {
      paths: [...split(option.select ?? []), ...split(option.expand ?? [])],
      top: typeof option.top === 'number' ? option.top : undefined,
      skip: typeof option.skip === 'number' ? option.skip : undefined,
    };
  }
  // The interface form: `{ values: true, format: { fill: { color: true } }, $all: true }`.
  const paths: string[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === '$top' || k === '$skip') continue;
      if (k === '$all') {
        if (v) paths.push(prefix === '' ? '*' : `${prefix}/*`);
      } else if (v === true) paths.push(prefix === '' ? k : `${prefix}/${k}`);
      else if (typeof v === 'object' && v !== null)
        walk(v as Record<string, unknown>, prefix === '' ? k : `${prefix}/${k}`);
    }
  };
  walk(option, '');
  return {
    paths,
    top: typeof option.$top === 'number' ? option.$top : undefined,
    skip: typeof option.$skip === 'number' ? option.$skip : undefined,
  };
}

/** The loaded value of `ClientResult<T>` methods such as `getCount()`. */
export class SimClientResult<T> {
  /** @internal */
  _loaded = false;
  /** @internal */
  _value: T | undefined;

  get value(): T {
    if (!this._loaded) throw simError('ValueNotLoaded', undefined, 'clientResult.value');
    return this._value as T;
  }
}

export interface ActionSpec {
  actionType: number;
  name: string;
  args?: unknown[];
  query?: { Select: string[]; Expand: string[] };
  location: string;
  run: () => unknown;
  handle?: (value: unknown) => void;
  /** Run even when the target is a null object (instantiation decides nullness itself). */
  evenIfNull?: boolean;
}

export abstract class SimClientObject<R = unknown> {
  readonly context: SimRequestContext;
  /** @internal Host side: what this proxy designates; null for a null object, undefined until instantiated. */
  _ref: R | null | undefined = undefined;
  /** @internal Client side: set from the response of the sync that instantiated it. */
  _isNull: boolean | undefined = undefined;
  /** @internal */
  _loaded = new Map<string, unknown>();
  /** @internal */
  _children = new Map<string, SimClientObject>();
  /** @internal */
  _path: PathInfo;
  /** @internal */
  _parent: SimClientObject | undefined;
  /** @internal */
  _resolver: () => R | null;
  /** @internal The batch that holds this proxy's pending instantiation. */
  _instantiatedIn = -1;
  /** @internal Collections: the loaded item proxies. */
  _items: SimClientObject[] | undefined = undefined;

  /** Office.js's class name, used in error locations (`Range.values`). */
  abstract readonly _typeName: string;

  constructor(
    context: SimRequestContext,
    parent: SimClientObject | undefined,
    path: { type: number; name: string; args?: unknown[] },
    resolver: () => R | null,
    options: { instantiate?: boolean } = {},
  ) {
    this.context = context;
    this._parent = parent;
    this._resolver = resolver;
    this._path = {
      Id: context._nextId(),
      ObjectPathType: path.type,
      Name: path.name,
      ...(parent ? { ParentObjectPathId: parent._path.Id } : {}),
      ...(path.args ? { ArgumentInfo: { Arguments: path.args.map(serializeArgument) } } : {}),
    };
    // Unknown properties assigned by adapter code must fail loudly rather than vanish.
    Object.preventExtensions(this);
    if (options.instantiate !== false) context._instantiate(this);
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded('isNullObject', this._typeName);
    return this._isNull;
  }

  /** Office.js's deprecated spelling. */
  get isNull(): boolean {
    return this.isNullObject;
  }

  // ---- what each class provides ----------------------------------------------------------------------------

  /** Scalar properties `load()` with no argument brings back. */
  protected abstract _defaultScalars(): readonly string[];

  /** Host side: a scalar's current value. Unknown names throw InvalidArgument. */
  protected _getScalar(name: string, _ref: R): unknown {
    throw simError('InvalidArgument', `The property '${name}' does not exist on ${this._typeName}.`);
  }

  /** Host side: applies a property write. */
  protected _setScalar(name: string, _ref: R, _value: unknown): void {
    throw simError('InvalidArgument', `The property '${name}' cannot be set on ${this._typeName}.`);
  }

  /** @internal Client side: the navigation properties a load path may traverse. */
  _navigation(_name: string): SimClientObject | undefined {
    return undefined;
  }

  /** @internal Collections override this to list their items host-side. */
  _listItems(_ref: R): unknown[] | undefined {
    return undefined;
  }

  /** @internal Collections: a proxy for one listed item. */
  _itemProxy(_itemRef: unknown, _index: number): SimClientObject | undefined {
    return undefined;
  }

  // ---- helpers for subclasses ------------------------------------------------------------------------------

  /** @internal */
  get _book(): SimWorkbook {
    return this.context._book;
  }

  /** @internal Host side: this proxy's designation, which instantiation has set by the time an action runs. */
  _target(): R {
    const ref = this._ref;
    if (ref === undefined || ref === null) throw simError('InvalidObjectPath', undefined, this._typeName);
    return ref;
  }

  /** @internal Host side. */
  _sheet(sheetId: number): SimWorksheet {
    const sheet = this._book.sheetById(sheetId);
    if (!sheet) throw simError('ItemNotFound', "The requested resource doesn't exist.");
    return sheet;
  }

  /** @internal Whether the workbook's ExcelApi version has `member` of this class. */
  _supports(member: string): boolean {
    const needed = API_VERSIONS[`${this._typeName}.${member}`];
    return needed === undefined || compareVersions(this._book.requirementSets.ExcelApi ?? '1.1', needed) >= 0;
  }

  /** Synchronous ApiNotFound for methods and navigation properties, like Office.js's client-side check. */
  protected _requireApi(member: string): void {
    if (!this._supports(member)) throw simError('ApiNotFound', undefined, `${this._typeName}.${member}`);
  }

  /** A cached navigation child (`range.format`), created and instantiated once per parent proxy. */
  protected _child<T extends SimClientObject>(name: string, create: () => T): T {
    const existing = this._children.get(name);
    if (existing) return existing as T;
    const made = create();
    this._children.set(name, made);
    return made;
  }

  /** Reads a scalar on the client: loaded (or set locally) values only. */
  protected _read<T>(name: string): T {
    if (this._isNull === true) return undefined as T;
    if (!this._loaded.has(name)) throw propertyNotLoaded(name, this._typeName);
    return this._loaded.get(name) as T;
  }

  /** Queues a property write, keeping the value locally as Office.js does. */
  protected _write(name: string, value: unknown): void {
    this._loaded.set(name, value);
    this.context._queue(this, {
      actionType: 4,
      name: capitalize(name),
      args: [value],
      location: `${this._typeName}.${name}`,
      run: () => {
        this._requireApi(name);
        this._setScalar(name, this._target(), value);
      },
    });
  }

  /** Queues a method with no result. */
  protected _method(name: string, args: unknown[], run: (ref: R) => void, argObjects: SimClientObject[] = []): void {
    this.context._queue(
      this,
      {
        actionType: 3,
        name: capitalize(name),
        args,
        location: `${this._typeName}.${name}`,
        run: () => run(this._target()),
      },
      argObjects,
    );
  }

  /** Queues a method whose value comes back as `ClientResult<T>`. */
  protected _valueMethod<T>(name: string, args: unknown[], run: (ref: R) => T): SimClientResult<T> {
    const result = new SimClientResult<T>();
    this.context._queue(this, {
      actionType: 3,
      name: capitalize(name),
      args,
      location: `${this._typeName}.${name}`,
      run: () => run(this._target()),
      handle: (value) => {
        result._loaded = true;
        result._value = value as T;
      },
    });
    return result;
  }

  // ---- load ------------------------------------------------------------------------------------------------

  load(option?: LoadArgument): this {
    const { paths, top, skip } = loadPaths(option);
    const node = newNode();
    node.top = top;
    node.skip = skip;
    if (paths.length === 0) node.all = true;
    for (const path of paths) this._addPath(node, path.split('/'));
    this.context._queue(this, {
      actionType: 2,
      name: '',
      query: { Select: paths, Expand: [] },
      location: `${this._typeName}.load`,
      run: () => this._collect(node),
      handle: (value) => this._absorb(node, value),
    });
    return this;
  }

  /** Client side: grows the tree, creating (and instantiating) navigation children as Office.js does. */
  private _addPath(node: LoadNode, parts: string[]): void {
    const [head, ...rest] = parts;
    if (head === undefined || head === '') return;
    if (head === '*') {
      node.all = true;
      return;
    }
    if (this._isCollection() && head !== 'items') {
      this._addPath(node, ['items', ...parts]);
      return;
    }
    if (head === 'items' && this._isCollection()) {
      let child = node.children.get('items');
      if (!child) node.children.set('items', (child = newNode()));
      if (rest.length === 0) child.all = true;
      else this._itemTemplatePaths(child, rest);
      return;
    }
    const nav = this._navigation(head);
    if (nav) {
      let child = node.children.get(head);
      if (!child) node.children.set(head, (child = newNode()));
      if (rest.length === 0) child.all = true;
      else nav._addPath(child, rest);
      // A navigation child created in a batch that failed needs instantiating again.
      if (nav._ref === undefined) this.context._ensure(nav);
      return;
    }
    node.scalars.add(head);
  }

  /** Item paths are recorded as names only; item proxies do not exist until the response arrives. */
  private _itemTemplatePaths(node: LoadNode, parts: string[]): void {
    const [head, ...rest] = parts;
    if (head === undefined || head === '') return;
    if (head === '*') {
      node.all = true;
      return;
    }
    if (rest.length === 0) {
      node.scalars.add(head);
      return;
    }
    let child = node.children.get(head);
    if (!child) node.children.set(head, (child = newNode()));
    this._itemTemplatePaths(child, rest);
  }

  /** @internal */
  _isCollection(): boolean {
    return false;
  }

  /** @internal Host side: the JSON a query returns. */
  _collect(node: LoadNode): Record<string, unknown> | null {
    if (this._ref === null) return null;
    const ref = this._target();
    const out: Record<string, unknown> = {};
    if (this._isCollection()) {
      const all = this._listItems(ref) ?? [];
      const from = node.skip ?? 0;
      const items = all.slice(from, node.top === undefined ? undefined : from + node.top);
      const itemNode = node.children.get('items') ?? { ...newNode(), all: true };
      const itemsOut: unknown[] = [];
      const proxies: SimClientObject[] = [];
      items.forEach((itemRef, i) => {
        const proxy = this.context._withoutQueue(() => this._itemProxy(itemRef, from + i));
        if (!proxy) return;
        proxy._ref = itemRef;
        proxies.push(proxy);
        itemsOut.push(proxy._collect(itemNode));
      });
      this.context._pendingItemsOf(this).push(proxies);
      out.items = itemsOut;
      return out;
    }
    const names = new Set(node.scalars);
    // `load()` asks for what the host has; only a property named explicitly can be missing.
    if (node.all) for (const n of this._defaultScalars()) if (this._supports(n)) names.add(n);
    for (const name of names) {
      this._requireApi(name);
      out[name] = this._getScalar(name, ref);
    }
    for (const [name, childNode] of node.children) {
      // Children of collection items are created here, host-side, so they have not been instantiated yet.
      const child = this._children.get(name) ?? this.context._withoutQueue(() => this._navigation(name));
      if (!child) throw simError('InvalidArgument', `The property '${name}' does not exist on ${this._typeName}.`);
      if (child._ref === undefined) child._ref = child._resolver();
      out[name] = child._collect(childNode);
    }
    return out;
  }

  /** @internal Client side: stores a query's answer. */
  _absorb(node: LoadNode, value: unknown): void {
    if (value === undefined) return;
    if (value === null) {
      this._isNull = true;
      return;
    }
    this._isNull ??= false;
    const data = value as Record<string, unknown>;
    if (this._isCollection()) {
      const proxies = this.context._pendingItemsOf(this).shift() ?? [];
      const itemNode = node.children.get('items') ?? { ...newNode(), all: true };
      const items = (data.items as unknown[] | undefined) ?? [];
      proxies.forEach((proxy, i) => {
        proxy._isNull = false;
        proxy._absorb(itemNode, items[i]);
      });
      this._items = proxies;
      return;
    }
    for (const [k, v] of Object.entries(data)) {
      const childNode = node.children.get(k);
      if (childNode) {
        const child = this._children.get(k);
        if (child) child._absorb(childNode, v);
      } else this._loaded.set(k, v);
    }
  }

  /** Loaded items of a collection; PropertyNotLoaded until a load of `items` has synced. */
  protected _readItems<T>(): T[] {
    if (this._items === undefined) throw propertyNotLoaded('items', this._typeName);
    return this._items as T[];
  }

  // ---- the rest of ClientObject's surface ----------------------------------------------------------------

  /** `set({ ... })`: assigns through the setters, recursing into navigation properties. */
  set(properties: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(properties)) {
      const nav = typeof v === 'object' && v !== null && !Array.isArray(v) ? this._navigation(k) : undefined;
      if (nav) nav.set(v as Record<string, unknown>);
      else (this as unknown as Record<string, unknown>)[k] = v;
    }
  }

  toJSON(): Record<string, unknown> {
    if (this._isCollection()) {
      return { items: (this._items ?? []).map((i) => i.toJSON()) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of this._loaded) out[k] = v;
    for (const [k, child] of this._children) {
      const json = child.toJSON();
      if (Object.keys(json).length > 0) out[k] = json;
    }
    return out;
  }

  /** Tracking only matters to Office.js's memory management; the simulation keeps every object alive. */
  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

export function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** What goes on the wire for an argument: proxies become their object-path id, like Office.js does. */
export function serializeArgument(value: unknown): unknown {
  if (value instanceof SimClientObject) return { _ObjectPathId: value._path.Id };
  if (value === undefined) return null;
  return value;
}

export function isSimOfficeError(e: unknown): e is SimOfficeError {
  return e instanceof SimOfficeError;
}
