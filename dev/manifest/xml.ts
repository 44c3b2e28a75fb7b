/**
 * Strict XML reading for the manifest: two independent well-formedness checks (fast-xml-parser's validator catches a
 * bare `&` or an unquoted attribute that xmldom only warns about; xmldom catches unbound prefixes, bad comments and
 * undefined entities), then a namespace-aware DOM (xmldom) for the checks. Any xmldom warning counts as an error.
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { XMLValidator } from 'fast-xml-parser';

export const NS = {
  office: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  vo: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export type { Element };

export type Parsed = { ok: true; root: Element } | { ok: false; errors: string[] };

export function parseStrict(xml: string): Parsed {
  const errors: string[] = [];
  if (/<!DOCTYPE/i.test(xml)) errors.push('the manifest must not declare a DOCTYPE');
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) errors.push(`line ${verdict.err.line}, column ${verdict.err.col}: ${verdict.err.msg}`);
  let root: Element | null = null;
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        throw new Error(`${level}: ${message.split('\n')[0]}`);
      },
    }).parseFromString(xml, 'application/xml');
    root = doc.documentElement;
  } catch (caught) {
    errors.push(parseErrorText(caught));
  }
  if (errors.length > 0 || root === null)
    return { ok: false, errors: errors.length > 0 ? errors : ['no root element'] };
  return { ok: true, root };
}

/** xmldom wraps the handler's error in a ParseError that knows where it happened. */
function parseErrorText(caught: unknown): string {
  const e = caught as { message?: string; cause?: unknown; locator?: { lineNumber?: number; columnNumber?: number } };
  const inner = e.cause instanceof Error ? e.cause.message : (e.message ?? String(caught));
  const where =
    e.locator?.lineNumber === undefined ? '' : `line ${e.locator.lineNumber}, column ${e.locator.columnNumber ?? 0}: `;
  return `${where}${inner.split('\n')[0] ?? inner}`;
}

/** The element's local name (its name without prefix). */
export function nameOf(el: Element): string {
  return el.localName ?? el.nodeName;
}

export function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < el.childNodes.length; i++) {
    const node = el.childNodes[i] as Node;
    if (node.nodeType === node.ELEMENT_NODE) out.push(node as Element);
  }
  return out;
}

/** Element children with this local name (any namespace: namespaces are checked once, by the structure rules). */
export function childrenNamed(el: Element | undefined, name: string): Element[] {
  return el === undefined ? [] : elementChildren(el).filter((c) => nameOf(c) === name);
}

export function child(el: Element | undefined, name: string): Element | undefined {
  return childrenNamed(el, name)[0];
}

/** Depth-first, the element itself first. */
export function descendants(el: Element): Element[] {
  const out: Element[] = [el];
  for (const c of elementChildren(el)) out.push(...descendants(c));
  return out;
}

export function attr(el: Element | undefined, name: string): string | undefined {
  if (el === undefined || !el.hasAttribute(name)) return undefined;
  return el.getAttribute(name) ?? undefined;
}

export function xsiType(el: Element | undefined): string | undefined {
  if (el === undefined || !el.hasAttributeNS(NS.xsi, 'type')) return undefined;
  return el.getAttributeNS(NS.xsi, 'type') ?? undefined;
}

export function text(el: Element | undefined): string {
  return (el?.textContent ?? '').trim();
}

/** `<Control id="KivaSheets.Validate"> (line 84)`: how every message names an element. */
export function describe(el: Element): string {
  const keys = ['id', 'resid', 'Name', 'size', 'Locale'].filter((k) => el.hasAttribute(k));
  const attrs = keys.map((k) => ` ${k}="${el.getAttribute(k) ?? ''}"`).join('');
  const type = xsiType(el);
  const line = el.lineNumber === undefined ? '' : ` (line ${el.lineNumber})`;
  return `<${el.nodeName}${type === undefined ? '' : ` xsi:type="${type}"`}${attrs}>${line}`;
}

/** Whether `el` lies inside an element with this local name. */
export function isInside(el: Element, name: string): boolean {
  for (let p = el.parentNode; p !== null; p = p.parentNode) {
    if (p.nodeType === p.ELEMENT_NODE && nameOf(p as Element) === name) return true;
  }
  return false;
}
