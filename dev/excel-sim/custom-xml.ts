/**
 * What Excel checks when a custom XML part is added or replaced: well-formed XML (else InvalidArgument), and the
 * root element's namespace, which `getByNamespace` finds parts by.
 */
import { DOMParser } from '@xmldom/xmldom';
import { simError } from './errors';

export function rootNamespace(xml: string): string {
  const problems: string[] = [];
  let root: { namespaceURI: string | null } | null = null;
  try {
    // xmldom's warnings (a U+FFFD, say) are not errors: Excel keeps such XML.
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problems.push(`${level}: ${message}`);
      },
    }).parseFromString(xml, 'text/xml');
    root = doc.documentElement;
  } catch (error) {
    problems.push(String(error));
  }
  if (problems.length > 0 || root === null) {
    throw simError('InvalidArgument', `The XML is not well formed: ${problems[0] ?? 'no root element'}`);
  }
  return root.namespaceURI ?? '';
}
