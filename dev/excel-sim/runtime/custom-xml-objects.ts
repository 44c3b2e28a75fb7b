/** `workbook.customXmlParts` (ExcelApi 1.5): the add-in's own XML kept inside the file, out of every cell. */
import { simError } from '../errors';
import { PathType, SimClientObject, type SimClientResult } from './client-object';

interface ScopeRef {
  /** undefined: every part of the workbook; otherwise those whose root element is in this namespace. */
  namespaceUri?: string;
}

interface PartRef {
  id: string;
}

const method = (name: string, args: unknown[] = []) => ({ type: PathType.Method, name, args });

/** Both `CustomXmlPartCollection` and the `CustomXmlPartScopedCollection` that `getByNamespace` answers. */
export class CustomXmlPartCollection extends SimClientObject<ScopeRef> {
  get _typeName(): string {
    return this._ref?.namespaceUri === undefined ? 'CustomXmlPartCollection' : 'CustomXmlPartScopedCollection';
  }

  protected _defaultScalars(): readonly string[] {
    return [];
  }

  /** @internal */
  override _isCollection(): boolean {
    return true;
  }

  private ids(ref: ScopeRef): string[] {
    const ids: string[] = [];
    for (const [id, part] of this._book.customXmlStore) {
      if (ref.namespaceUri === undefined || part.namespaceUri === ref.namespaceUri) ids.push(id);
    }
    return ids;
  }

  /** @internal */
  override _listItems(ref: ScopeRef): unknown[] {
    return this.ids(ref).map((id): PartRef => ({ id }));
  }

  /** @internal */
  override _itemProxy(itemRef: unknown): SimClientObject {
    const ref = itemRef as PartRef;
    return new CustomXmlPart(this.context, this, { type: PathType.Indexer, name: '', args: [ref.id] }, () => ref, {
      instantiate: false,
    });
  }

  get items(): CustomXmlPart[] {
    return this._readItems<CustomXmlPart>();
  }

  /** Only on the workbook's collection: the XML must be well formed; its root's namespace files it. */
  add(xml: string): CustomXmlPart {
    return new CustomXmlPart(this.context, this, method('Add', [xml]), () => ({
      id: this._book.addCustomXmlPart(xml),
    }));
  }

  getByNamespace(namespaceUri: string): CustomXmlPartCollection {
    return new CustomXmlPartCollection(this.context, this, method('GetByNamespace', [namespaceUri]), () => ({
      namespaceUri,
    }));
  }

  getCount(): SimClientResult<number> {
    return this._valueMethod('getCount', [], (ref) => this.ids(ref).length);
  }

  getItem(id: string): CustomXmlPart {
    return new CustomXmlPart(this.context, this, method('GetItem', [id]), () => {
      if (!this.ids(this._target()).includes(id)) throw simError('ItemNotFound', `No custom XML part ${id}.`);
      return { id };
    });
  }

  getItemOrNullObject(id: string): CustomXmlPart {
    return new CustomXmlPart(this.context, this, method('GetItemOrNullObject', [id]), () =>
      this.ids(this._target()).includes(id) ? { id } : null,
    );
  }

  /** Scoped collections: the one part, ItemNotFound when there is none, InvalidOperation when there are more. */
  getOnlyItem(): CustomXmlPart {
    return new CustomXmlPart(this.context, this, method('GetOnlyItem'), () => {
      const ids = this.ids(this._target());
      if (ids.length === 0) throw simError('ItemNotFound', 'No custom XML part in this namespace.');
      if (ids.length > 1) throw simError('InvalidOperation', 'More than one custom XML part in this namespace.');
      return { id: ids[0] as string };
    });
  }

  getOnlyItemOrNullObject(): CustomXmlPart {
    return new CustomXmlPart(this.context, this, method('GetOnlyItemOrNullObject'), () => {
      const ids = this.ids(this._target());
      if (ids.length > 1) throw simError('InvalidOperation', 'More than one custom XML part in this namespace.');
      return ids.length === 1 ? { id: ids[0] as string } : null;
    });
  }
}

export class CustomXmlPart extends SimClientObject<PartRef> {
  get _typeName(): string {
    return 'CustomXmlPart';
  }

  protected _defaultScalars(): readonly string[] {
    return ['id', 'namespaceUri'];
  }

  private record(ref: PartRef) {
    const part = this._book.customXmlStore.get(ref.id);
    if (part === undefined) throw simError('ItemNotFound', `No custom XML part ${ref.id}.`);
    return part;
  }

  protected override _getScalar(name: string, ref: PartRef): unknown {
    if (name === 'id') return ref.id;
    if (name === 'namespaceUri') return this.record(ref).namespaceUri;
    return super._getScalar(name, ref);
  }

  get id(): string {
    return this._read('id');
  }
  get namespaceUri(): string {
    return this._read('namespaceUri');
  }

  getXml(): SimClientResult<string> {
    return this._valueMethod('getXml', [], (ref) => this.record(ref).xml);
  }

  setXml(xml: string): void {
    this._method('setXml', [xml], (ref) => this._book.setCustomXml(ref.id, xml));
  }

  delete(): void {
    this._method('delete', [], (ref) => this._book.deleteCustomXmlPart(ref.id));
  }
}
