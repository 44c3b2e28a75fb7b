/** `workbook.customXmlParts` (ExcelApi 1.5): the rules src/excel/photo-parts relies on. */
import { dumpWorkbook, loadWorkbook } from '../../../dev/excel-sim';
import { LOANS, makeHost, rejection, run, thrown } from './helpers';

const A = '<a xmlns="urn:test:a">1</a>';
const B = '<b xmlns="urn:test:b">2</b>';

describe('custom XML parts', () => {
  test('add, find by the root’s namespace, read, replace and delete, applied at sync', async () => {
    const host = makeHost(LOANS);
    const ids = await run(host, async (context) => {
      const parts = context.workbook.customXmlParts;
      const a = parts.add(A).load('id');
      const b = parts.add(B).load('id, namespaceUri');
      expect(host.workbook.customXmlStore.size).toBe(0);
      await context.sync();
      expect(b.namespaceUri).toBe('urn:test:b');
      return { a: a.id, b: b.id };
    });
    expect(ids.a).toMatch(/^\{[0-9A-F-]{36}\}$/);
    await run(host, async (context) => {
      const scoped = context.workbook.customXmlParts.getByNamespace('urn:test:a');
      scoped.load('items/id');
      const count = scoped.getCount();
      const only = scoped.getOnlyItemOrNullObject();
      const none = context.workbook.customXmlParts.getByNamespace('urn:test:none').getOnlyItemOrNullObject();
      await context.sync();
      expect(scoped.items.map((p) => p.id)).toEqual([ids.a]);
      expect(count.value).toBe(1);
      expect(none.isNullObject).toBe(true);
      const xml = only.getXml();
      only.setXml('<a xmlns="urn:test:a">3</a>');
      await context.sync();
      expect(xml.value).toBe(A);
      context.workbook.customXmlParts.getItem(ids.b).delete();
      await context.sync();
    });
    expect([...host.workbook.customXmlStore.values()]).toEqual([
      { namespaceUri: 'urn:test:a', xml: '<a xmlns="urn:test:a">3</a>' },
    ]);
  });

  test('malformed XML and missing parts fail at sync as Excel does', async () => {
    const host = makeHost(LOANS);
    await expect(
      rejection(
        run(host, async (context) => {
          context.workbook.customXmlParts.add('<a>');
          await context.sync();
        }),
      ),
    ).resolves.toMatchObject({ code: 'InvalidArgument' });
    await expect(
      rejection(
        run(host, async (context) => {
          context.workbook.customXmlParts.getItem('{NOPE}').getXml();
          await context.sync();
        }),
      ),
    ).resolves.toMatchObject({ code: 'ItemNotFound' });
    await run(host, async (context) => {
      context.workbook.customXmlParts.add(A);
      context.workbook.customXmlParts.add(A);
      await context.sync();
    });
    await expect(
      rejection(
        run(host, async (context) => {
          context.workbook.customXmlParts.getByNamespace('urn:test:a').getOnlyItem().getXml();
          await context.sync();
        }),
      ),
    ).resolves.toMatchObject({ code: 'InvalidOperation' });
  });

  test('below ExcelApi 1.5 there are none: ApiNotFound, synchronously', async () => {
    const host = makeHost(LOANS, { requirementSets: { ExcelApi: '1.4' } });
    await run(host, async (context) => {
      expect(thrown(() => context.workbook.customXmlParts)).toMatchObject({ code: 'ApiNotFound' });
    });
  });

  test('adding one is a change the workbench sees (it keeps the workbook across reload on changes)', async () => {
    const host = makeHost(LOANS);
    const seen = jest.fn();
    host.workbook.subscribe(seen);
    await run(host, async (context) => {
      context.workbook.customXmlParts.add(A);
      await context.sync();
    });
    expect(seen).toHaveBeenCalled();
  });

  test('are kept in the file: saved and opened again with the same ids', async () => {
    const host = makeHost(LOANS);
    const id = await run(host, async (context) => {
      const part = context.workbook.customXmlParts.add(A).load('id');
      await context.sync();
      return part.id;
    });
    const reopened = loadWorkbook(dumpWorkbook(host.workbook));
    expect([...reopened.customXmlStore]).toEqual([[id, { namespaceUri: 'urn:test:a', xml: A }]]);
  });
});
