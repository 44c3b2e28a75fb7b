/**
 * Photos kept in the workbook's custom XML parts, over the simulated Excel (its 5 MB request and response caps).
 */
import { dumpWorkbook, loadWorkbook, createExcelHost } from '../../dev/excel-sim';
import {
  PART_CHARS,
  PHOTO_DATA_NAMESPACE,
  PHOTO_INDEX_NAMESPACE,
  type WorkbookPhotos,
} from '../../src/excel/photo-parts';
import { rig } from './helpers';
import { nodeWorkbookPhotos } from './xml-parser';

const FIVE_MB = 5 * 1024 * 1024;

function jpeg(bytes: number, seed = 1): string {
  const data = Buffer.alloc(bytes);
  data.set([0xff, 0xd8, 0xff, 0xe0]);
  // Not all zeros, so a mix-up of parts would show.
  for (let i = 4; i < bytes; i++) data[i] = (i * 31 + seed) % 251;
  return `data:image/jpeg;base64,${data.toString('base64')}`;
}

const loans = () => ({
  sheets: [
    {
      name: 'Loans',
      rows: [
        ['Loan ID', 'Amount'],
        ['L-1', 500],
      ],
    },
  ],
});

function partsIn(book: { customXmlStore: Map<string, { namespaceUri: string }> }, namespace: string): number {
  return [...book.customXmlStore.values()].filter((p) => p.namespaceUri === namespace).length;
}

describe('photos in the workbook', () => {
  let photos: WorkbookPhotos;
  beforeEach(() => {
    photos = nodeWorkbookPhotos();
  });

  it('keeps a 5 MB photo in parts, no request or response over Office’s 5 MB, and reads it back whole', async () => {
    const { book } = rig(loans());
    const uri = jpeg(FIVE_MB);
    expect(await photos.save({ key: 'loan:L-1', name: 'Big.jpg', dataUri: uri })).toEqual({
      ok: true,
      value: undefined,
    });
    const base64Length = uri.length - 'data:image/jpeg;base64,'.length;
    expect(partsIn(book, PHOTO_DATA_NAMESPACE)).toBe(Math.ceil(base64Length / PART_CHARS));
    expect(partsIn(book, PHOTO_INDEX_NAMESPACE)).toBe(1);

    expect(await photos.list()).toEqual({
      ok: true,
      value: [{ key: 'loan:L-1', name: 'Big.jpg', type: 'image/jpeg', bytes: FIVE_MB }],
    });
    const read = await photos.read(['loan:L-1', 'loan:none']);
    expect(read.ok && [...read.value.keys()]).toEqual(['loan:L-1']);
    expect(read.ok && read.value.get('loan:L-1') === uri).toBe(true);

    expect(book.syncs.every((s) => s.error === undefined)).toBe(true);
    expect(Math.max(...book.bytesPerSync)).toBeLessThan(FIVE_MB);
    expect(Math.max(...book.responseBytesPerSync)).toBeLessThan(FIVE_MB);
  });

  it('lists without reading any photo: the index alone crosses the wire', async () => {
    const { book } = rig(loans());
    await photos.save({ key: 'file:a.jpg', name: 'A.jpg', dataUri: jpeg(2 * 1024 * 1024) });
    const before = book.syncs.length;
    await photos.list();
    const listing = book.syncs.slice(before);
    expect(listing.length).toBe(2);
    expect(Math.max(...listing.map((s) => s.responseBytes))).toBeLessThan(10_000);
  });

  it('replaces a photo kept under the same key and leaves none of its old parts behind', async () => {
    const { book } = rig(loans());
    await photos.save({ key: 'file:ana.jpg', name: 'ana.jpg', dataUri: jpeg(1_500_000, 1) });
    await photos.save({ key: 'file:pedro.jpg', name: 'pedro.jpg', dataUri: jpeg(10, 2) });
    const second = jpeg(20, 3);
    await photos.save({ key: 'file:ana.jpg', name: 'Ana.JPG', dataUri: second });
    expect(partsIn(book, PHOTO_DATA_NAMESPACE)).toBe(2);
    const listed = await photos.list();
    expect(listed.ok && listed.value.map((p) => [p.key, p.name, p.bytes])).toEqual([
      ['file:pedro.jpg', 'pedro.jpg', 10],
      ['file:ana.jpg', 'Ana.JPG', 20],
    ]);
    const read = await photos.read(['file:ana.jpg']);
    expect(read.ok && read.value.get('file:ana.jpg')).toBe(second);
  });

  it('removes parts a stopped save left without an index entry', async () => {
    const { book } = rig(loans());
    book.addCustomXmlPart(`<chunk xmlns="${PHOTO_DATA_NAMESPACE}">AAAA</chunk>`);
    await photos.save({ key: 'file:a.jpg', name: 'a.jpg', dataUri: jpeg(10) });
    expect(partsIn(book, PHOTO_DATA_NAMESPACE)).toBe(1);
  });

  it('keeps names and keys XML cannot hold as such (quotes, ampersands, control characters)', async () => {
    rig(loans());
    const key = 'loan:A&B <"7">';
    await photos.save({ key, name: 'Ana & "Pedro"\u0001.png', dataUri: 'data:image/png;base64,iVBORw0KGgo=' });
    const listed = await photos.list();
    expect(listed.ok && listed.value).toEqual([{ key, name: 'Ana & "Pedro"\uFFFD.png', type: 'image/png', bytes: 8 }]);
  });

  it('is still there when the file is saved, closed and opened again', async () => {
    const { book } = rig(loans());
    const uri = jpeg(1_200_000);
    await photos.save({ key: 'loan:L-1', name: 'a.jpg', dataUri: uri });
    const reopened = loadWorkbook(dumpWorkbook(book));
    const uninstall = createExcelHost(reopened).install();
    try {
      const read = await nodeWorkbookPhotos().read(['loan:L-1']);
      expect(read.ok && read.value.get('loan:L-1') === uri).toBe(true);
    } finally {
      uninstall();
    }
  });

  it('refuses what is not a JPEG or PNG data URI, and keeps nothing', async () => {
    const { book } = rig(loans());
    const saved = await photos.save({ key: 'file:a.gif', name: 'a.gif', dataUri: 'data:image/gif;base64,R0lGOD' });
    expect(saved.ok).toBe(false);
    expect(book.customXmlStore.size).toBe(0);
  });
});
