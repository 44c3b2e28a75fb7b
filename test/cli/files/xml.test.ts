/**
 * Namespaces as xml.ts resolves them (saxes runs without its own namespace processing): by each element's
 * declarations, nested and undeclared ones included; an unbound prefix or a malformed qualified name is damage.
 */
import { FileProblem } from '../../../src/cli/files/problems';
import { nsAttrOf, NS, parseXmlText, type Tag } from '../../../src/cli/files/xml';

const MAIN = NS.main[0];

function tags(xml: string): Tag[] {
  const seen: Tag[] = [];
  parseXmlText('part.xml', xml, { open: (tag) => void seen.push(tag) });
  return seen;
}

function reason(xml: string): string | undefined {
  try {
    tags(xml);
    return undefined;
  } catch (e) {
    return e instanceof FileProblem ? e.reason : String(e);
  }
}

describe('namespaces in xml.ts', () => {
  it('resolves default and prefixed names, declarations on inner elements, and undeclaring the default', () => {
    const seen = tags(
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><row xmlns="${MAIN}"><c/></row>` +
        `<y:ext xmlns:y="urn:other"><inner xmlns=""/></y:ext></x:sheetData><x:c/></x:worksheet>`,
    );
    expect(seen.map((t) => [t.prefix, t.local, t.uri, t.main])).toEqual([
      ['x', 'worksheet', MAIN, true],
      ['x', 'sheetData', MAIN, true],
      ['', 'row', MAIN, true],
      ['', 'c', MAIN, true],
      ['y', 'ext', 'urn:other', false],
      ['', 'inner', '', false],
      ['x', 'c', MAIN, true],
    ]);
  });

  it('scopes a declaration to its element: the prefix is unbound again after it', () => {
    expect(reason(`<a xmlns="${MAIN}"><b xmlns:p="urn:p"><p:c/></b><p:d/></a>`)).toBe('xml-malformed');
  });

  it('reads prefixed attributes by namespace, whatever the prefix, declared on the same element or above', () => {
    const seen = tags(
      `<w xmlns="${MAIN}" xmlns:rel="${NS.rel[0]}"><s rel:id="rId1"/><t q:id="rId2" xmlns:q="${NS.rel[1]}"/></w>`,
    );
    expect(nsAttrOf(seen[1] as Tag, NS.rel, 'id')).toBe('rId1');
    expect(nsAttrOf(seen[2] as Tag, NS.rel, 'id')).toBe('rId2');
    expect(nsAttrOf(seen[1] as Tag, ['urn:else'], 'id')).toBeUndefined();
  });

  it.each([
    ['an unbound element prefix', `<x:a xmlns="${MAIN}"/>`],
    ['an unbound attribute prefix', `<a xmlns="${MAIN}" p:r="1"/>`],
    ['a prefix bound to nothing', `<a xmlns:p=""/>`],
    ['two colons in a name', `<a:b:c xmlns:a="urn:a"/>`],
    ['a name that ends in a colon', `<a xmlns="${MAIN}" b:="1"/>`],
  ])('refuses %s as malformed', (_name, xml) => {
    expect(reason(xml)).toBe('xml-malformed');
  });

  it('keeps the xml prefix bound (xml:space)', () => {
    expect(reason(`<a xmlns="${MAIN}"><t xml:space="preserve"> x </t></a>`)).toBeUndefined();
  });
});
