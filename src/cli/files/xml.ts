/**
 * XML of an `.xlsx` package, read with a real parser (saxes: conformant, namespace-aware, streaming): elements
 * by namespace and local name, whatever prefix a writer chose (`<x:row>` from the Open XML SDK reads like
 * `<row>`), in the transitional and the strict OOXML namespaces. A document type declaration is refused outright:
 * spreadsheet parts never need one, and entity declarations are how XML bombs and external entities get in.
 *
 * Every element event carries its offsets in the source text, so that the patcher can copy the source around the
 * cells it rewrites without a regular expression in sight.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
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

export type Tag = SaxesTagNS;

export function isMain(tag: Tag, local: string): boolean {
  return tag.local === local && (tag.uri === NS.main[0] || tag.uri === NS.main[1]);
}

export function isStrictMain(uri: string): boolean {
  return uri === NS.main[1];
}

/** An attribute with no namespace (`r`, `t`, `s`…): how OOXML writes all but relationship ids. */
export function attrOf(tag: Tag, local: string): string | undefined {
  return tag.attributes[local]?.value;
}

/** An attribute in one of `uris` (`r:id` under any prefix). */
export function nsAttrOf(tag: Tag, uris: readonly string[], local: string): string | undefined {
  for (const name in tag.attributes) {
    const a = tag.attributes[name] as { uri: string; local: string; value: string };
    if (a.local === local && uris.includes(a.uri)) return a.value;
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
 */
export function xmlParser(part: string, handler: XmlHandler, source?: () => string): XmlSink {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let failure: unknown;
  const fail = (e: unknown): never => {
    failure ??= e instanceof FileProblem ? e : new FileProblem('damaged', part, 'xml-malformed', where());
    throw failure;
  };
  const where = (): { line: number; column: number } => ({ line: parser.line, column: parser.column + 1 });
  parser.on('error', (e) => fail(e));
  parser.on('doctype', () => fail(new FileProblem('damaged', part, 'xml-doctype', where())));
  const text = source;
  // A start tag cannot hold `<` (not even in an attribute value): the last one before its end is its start.
  const startOf = (end: number): number => (text === undefined ? end : text().lastIndexOf('<', end - 1));
  parser.on('opentag', (tag) => {
    if (handler.open === undefined) return;
    const end = parser.position;
    call(() => handler.open?.(tag, startOf(end), end));
  });
  parser.on('closetag', (tag) => {
    if (handler.close === undefined) return;
    const end = parser.position;
    call(() => handler.close?.(tag, tag.isSelfClosing ? end : startOf(end), end));
  });
  if (handler.text !== undefined) {
    const onText = (t: string): void => call(() => handler.text?.(t));
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  const call = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      fail(e instanceof FileProblem ? e : new FileProblem('damaged', part, 'xml-malformed', where()));
    }
  };
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
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) continue;
    out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch;
  }
  return out;
}

/**
 * A start tag written anew from a parsed one: the same name and attributes (namespace declarations included, in
 * their order), with `set` changed or added and `remove` left out.
 */
export function startTagText(
  tag: Tag,
  set: Readonly<Record<string, string>> = {},
  remove: readonly string[] = [],
  selfClosing = tag.isSelfClosing,
): string {
  let out = `<${tag.name}`;
  const done = new Set<string>();
  for (const name in tag.attributes) {
    if (remove.includes(name)) continue;
    const value = name in set ? (set[name] as string) : (tag.attributes[name]?.value ?? '');
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
export function prefixFor(tag: Tag, uris: readonly string[]): string | undefined {
  for (const name in tag.attributes) {
    const a = tag.attributes[name] as { prefix: string; local: string; value: string };
    if (a.prefix === 'xmlns' && uris.includes(a.value)) return a.local;
  }
  return undefined;
}
