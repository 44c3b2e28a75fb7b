/**
 * XML of an `.xlsx` package, read with a real parser (saxes: conformant, namespace-aware, streaming): elements
 * by namespace and local name, whatever prefix a writer chose (`<x:row>` from the Open XML SDK reads like
 * `<row>`), in the transitional and the strict OOXML namespaces. A document type declaration is refused outright:
 * spreadsheet parts never need one, and entity declarations are how XML bombs and external entities get in.
 *
 * Every element event carries its offsets in the source text, so that the patcher can copy the source around the
 * cells it rewrites without a regular expression in sight.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { FileProblem } from './problems';

export const NS = {
  /** SpreadsheetML: transitional, then strict. */
  main: ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'],
  /** Relationship ids in parts (`r:id`): transitional, then strict. */
  rel: [
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
    'http://purl.oclc.org/ooxml/officeDocument/relationships',
  ],
  package: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
} as const;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Prefix → namespace in scope at an element (`''` for the default namespace). */
type Scope = Readonly<Record<string, string | undefined>>;

const ROOT_SCOPE: Scope = Object.freeze({ __proto__: null, xml: XML_NS, xmlns: XMLNS_NS } as unknown as Scope);

/**
 * An element as the handlers see it: its name as written, split into prefix and local name, the namespace the
 * prefix is bound to, and its attributes by name as written (`r`, `t`, `r:id`, `xmlns:x`…).
 */
export interface Tag {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly isSelfClosing: boolean;
  prefix: string;
  local: string;
  uri: string;
  /** In one of the SpreadsheetML namespaces (transitional or strict). */
  main: boolean;
  /** The namespaces in scope inside the element. */
  scope: Scope;
  /** The namespaces in scope around it, restored when it closes. */
  outer: Scope;
}

export function isMain(tag: Tag, local: string): boolean {
  return tag.main && tag.local === local;
}

export function isStrictMain(uri: string): boolean {
  return uri === NS.main[1];
}

/** An attribute with no namespace (`r`, `t`, `s`…): how OOXML writes all but relationship ids. */
export function attrOf(tag: Pick<Tag, 'attributes'>, local: string): string | undefined {
  return tag.attributes[local];
}

/** An attribute in one of `uris` (`r:id` under any prefix). */
export function nsAttrOf(tag: Tag, uris: readonly string[], local: string): string | undefined {
  for (const name in tag.attributes) {
    const colon = name.indexOf(':');
    if (colon < 0 || name.slice(colon + 1) !== local) continue;
    const uri = tag.scope[name.slice(0, colon)];
    if (uri !== undefined && uris.includes(uri)) return tag.attributes[name];
  }
  return undefined;
}

export interface XmlHandler {
  /** `start` is the offset of `<`, `end` the offset after `>`. */
  open?(tag: Tag, start: number, end: number): void;
  /** For a self-closing element, `start === end` (the offset after its `/>`). */
  close?(tag: Tag, start: number, end: number): void;
  text?(text: string): void;
}

/** Writes XML text into the parser chunk by chunk; `close` checks the document is complete. */
export interface XmlSink {
  write(chunk: string): void;
  close(): void;
}

/**
 * A parser for one part. Malformed XML, a DOCTYPE, or an error thrown by the handler (a cell outside its row…)
 * ends it with a `FileProblem` naming the part and where.
 *
 * saxes runs without its own namespace processing (which builds an object per attribute): prefixes are resolved
 * here, from the declarations of each element, which in a spreadsheet part are nearly always on the root alone.
 * An element or attribute prefix that no declaration binds, or a name with more than one colon, is malformed.
 */
export function xmlParser(part: string, handler: XmlHandler, source?: () => string): XmlSink {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let failure: unknown;
  let scope = ROOT_SCOPE;
  const where = (): { line: number; column: number } => ({ line: parser.line, column: parser.column + 1 });
  const fail = (e: unknown): never => {
    failure ??= e instanceof FileProblem ? e : new FileProblem('damaged', part, 'xml-malformed', where());
    throw failure;
  };
  const malformed = (): never => fail(new FileProblem('damaged', part, 'xml-malformed', where()));
  parser.on('error', fail);
  parser.on('doctype', () => fail(new FileProblem('damaged', part, 'xml-doctype', where())));
  // A start tag cannot hold `<` (not even in an attribute value): the last one before its end is its start.
  const startOf = (end: number): number => (source === undefined ? end : source().lastIndexOf('<', end - 1));
  const { open, close, text } = handler;
  // Attributes are looked at as saxes reads them, cheaper than walking each tag's attribute dictionary after: a
  // prefix bound around the element is checked at once; one that is not may be declared on the element itself.
  let declares = false;
  let unresolved = false;
  parser.on('attribute', (a) => {
    const name = a.name;
    const colon = name.indexOf(':');
    if (colon < 0) {
      if (name === 'xmlns') declares = true;
    } else if (colon === 5 && name.startsWith('xmlns')) declares = true;
    else if (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) >= 0) malformed();
    else if (scope[name.slice(0, colon)] === undefined) unresolved = true;
  });
  const open_: Tag[] = [];
  parser.on('opentag', (raw: SaxesTagPlain) => {
    const attributes = raw.attributes;
    const outer = scope;
    if (declares) {
      declares = false;
      const declared = { __proto__: scope } as unknown as Record<string, string | undefined>;
      for (const name in attributes) {
        if (name === 'xmlns') declared[''] = attributes[name] as string;
        else if (name.startsWith('xmlns:')) {
          const value = attributes[name] as string;
          // Binding a prefix to no namespace is not allowed (Namespaces in XML 1.0).
          if (value === '' || name.length === 6 || name.indexOf(':', 6) >= 0) malformed();
          declared[name.slice(6)] = value;
        }
      }
      scope = declared;
    }
    if (unresolved) {
      unresolved = false;
      for (const name in attributes) {
        const colon = name.indexOf(':');
        if (colon > 0 && scope[name.slice(0, colon)] === undefined) malformed();
      }
    }
    const name = raw.name;
    const colon = name.indexOf(':');
    let prefix = '';
    let local = name;
    let uri: string | undefined;
    if (colon < 0) uri = scope[''] ?? '';
    else {
      if (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) >= 0) malformed();
      prefix = name.slice(0, colon);
      local = name.slice(colon + 1);
      uri = scope[prefix];
      if (uri === undefined) malformed();
    }
    const main = uri === NS.main[0] || uri === NS.main[1];
    const tag: Tag = {
      name,
      attributes,
      isSelfClosing: raw.isSelfClosing,
      prefix,
      local,
      uri: uri as string,
      main,
      scope,
      outer,
    };
    open_.push(tag);
    if (open === undefined) return;
    const end = parser.position;
    try {
      open.call(handler, tag, startOf(end), end);
    } catch (e) {
      fail(e instanceof FileProblem ? e : new FileProblem('damaged', part, 'xml-malformed', where()));
    }
  });
  parser.on('closetag', () => {
    const tag = open_.pop() as Tag;
    scope = tag.outer;
    if (close === undefined) return;
    const end = parser.position;
    try {
      close.call(handler, tag, tag.isSelfClosing ? end : startOf(end), end);
    } catch (e) {
      fail(e instanceof FileProblem ? e : new FileProblem('damaged', part, 'xml-malformed', where()));
    }
  });
  if (text !== undefined) {
    const onText = (t: string): void => {
      try {
        text.call(handler, t);
      } catch (e) {
        fail(e instanceof FileProblem ? e : new FileProblem('damaged', part, 'xml-malformed', where()));
      }
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  return {
    write(chunk) {
      if (failure !== undefined) throw failure;
      try {
        parser.write(chunk);
      } catch (e) {
        fail(e);
      }
    },
    close() {
      if (failure !== undefined) throw failure;
      try {
        parser.close();
      } catch (e) {
        fail(e);
      }
    },
  };
}

/** A whole part, parsed in one go (offsets in `text` are exact). */
export function parseXmlText(part: string, text: string, handler: XmlHandler): void {
  const sink = xmlParser(part, handler, () => text);
  sink.write(text);
  sink.close();
}

/** Excel's `_x000D_` escapes in strings (how a carriage return or a control character is stored). */
export function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('_x', i);
    if (at < 0 || at + 7 > text.length) break;
    const hex = text.slice(at + 2, at + 6);
    if (text[at + 6] === '_' && isHex(hex)) {
      out += text.slice(i, at) + String.fromCharCode(parseInt(hex, 16));
      i = at + 7;
    } else {
      out += text.slice(i, at + 1);
      i = at + 1;
    }
  }
  return out + text.slice(i);
}

function isHex(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    const digit = c >= 48 && c <= 57;
    const letter = (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
    if (!digit && !letter) return false;
  }
  return true;
}

/** Escaped for text and attribute values; characters XML 1.0 cannot hold are dropped. */
export function escapeXml(text: string): string {
  if (!needsEscape(text)) return text;
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) continue;
    out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch;
  }
  return out;
}

/** Whether `escapeXml` would change the text (most attribute values and cell texts are plain). */
export function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 38 || c === 60 || c === 62 || c === 34 || c >= 0xfffe) return true;
  }
  return false;
}

/**
 * A start tag written anew from a parsed one: the same name and attributes (namespace declarations included, in
 * their order), with `set` changed or added and `remove` left out.
 */
export function startTagText(
  tag: Pick<Tag, 'name' | 'attributes' | 'isSelfClosing'>,
  set: Readonly<Record<string, string>> = {},
  remove: readonly string[] = [],
  selfClosing = tag.isSelfClosing,
): string {
  let out = `<${tag.name}`;
  const done = new Set<string>();
  for (const name in tag.attributes) {
    if (remove.includes(name)) continue;
    const value = name in set ? (set[name] as string) : (tag.attributes[name] ?? '');
    done.add(name);
    out += ` ${name}="${escapeXml(value)}"`;
  }
  for (const name in set) if (!done.has(name)) out += ` ${name}="${escapeXml(set[name] as string)}"`;
  return out + (selfClosing ? '/>' : '>');
}

/** `x:` for an element whose prefix is `x`, nothing for the default namespace. */
export function qualified(prefix: string, local: string): string {
  return prefix === '' ? local : `${prefix}:${local}`;
}

/** The prefix a start tag binds to one of `uris` (`r` as a rule), if any. */
export function prefixFor(tag: Pick<Tag, 'attributes'>, uris: readonly string[]): string | undefined {
  for (const name in tag.attributes) {
    if (name.startsWith('xmlns:') && uris.includes(tag.attributes[name] as string)) return name.slice(6);
  }
  return undefined;
}
