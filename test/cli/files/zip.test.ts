/**
 * Writing the zip back (zip.ts, zip-write.ts): a part this tool did not change is copied as the file stores it
 * (compressed bytes, method, CRC and date), a changed one is deflated anew and reads back with its CRC checked,
 * folders stay, new parts come last; and what is written opens in another zip reader (JSZip, which exceljs uses).
 */
import { crc32 } from 'node:zlib';
import JSZip from 'jszip';
import { fromBufferPromise, type Entry } from 'yauzl';
import { ZipPackage } from '../../../src/cli/files/zip';
import { dosStamp, packEntry, zipFile } from '../../../src/cli/files/zip-write';

const SHEET = `<worksheet>${'<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(2000)}</worksheet>`;

async function original(): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(2025, 4, 17, 9, 30, 12);
  zip.file('[Content_Types].xml', '<Types/>', { date, compression: 'DEFLATE' });
  zip.folder('xl');
  zip.file('xl/worksheets/sheet1.xml', SHEET, { date, compression: 'DEFLATE' });
  zip.file('xl/media/image1.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), { date, compression: 'STORE' });
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** Every entry with its stored bytes, as the file holds them. */
async function stored(data: Buffer): Promise<Map<string, { entry: Entry; raw: Buffer }>> {
  const reader = await fromBufferPromise(data, { lazyEntries: true });
  const out = new Map<string, { entry: Entry; raw: Buffer }>();
  for await (const entry of reader.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await reader.openReadStreamPromise(entry, { decodeFileData: false }))
      chunks.push(chunk as Buffer);
    out.set(entry.fileName, { entry, raw: Buffer.concat(chunks) });
  }
  return out;
}

describe('writing the zip back', () => {
  it('copies unchanged parts as stored, deflates changed ones, keeps folders, dates and order', async () => {
    const data = await original();
    const zip = await ZipPackage.open(data);
    const changedSheet = SHEET.replace('<worksheet>', '<worksheet><dimension ref="A1"/>');
    const written = await zip.build(
      new Map<string, string | Buffer>([
        ['xl/worksheets/sheet1.xml', changedSheet],
        ['xl/comments1.xml', '<comments/>'],
      ]),
    );
    const before = await stored(data);
    const after = await stored(written);
    expect([...after.keys()]).toEqual([...before.keys(), 'xl/comments1.xml']);
    for (const name of ['[Content_Types].xml', 'xl/media/image1.png']) {
      const [was, is] = [before.get(name)!, after.get(name)!];
      expect(is.raw.equals(was.raw)).toBe(true);
      expect([is.entry.compressionMethod, is.entry.crc32]).toEqual([was.entry.compressionMethod, was.entry.crc32]);
      expect([is.entry.lastModFileDate, is.entry.lastModFileTime]).toEqual([
        was.entry.lastModFileDate,
        was.entry.lastModFileTime,
      ]);
    }
    const sheet = after.get('xl/worksheets/sheet1.xml')!.entry;
    expect(sheet.compressionMethod).toBe(8);
    expect(sheet.compressedSize).toBeLessThan(changedSheet.length / 10);
    expect(sheet.getLastModDate()).toEqual(before.get('xl/worksheets/sheet1.xml')!.entry.getLastModDate());
    expect(after.get('xl/')!.entry.uncompressedSize).toBe(0);

    // Read back with the CRC checked, by this tool and by JSZip.
    const back = await ZipPackage.open(written);
    expect(await back.text('xl/worksheets/sheet1.xml')).toBe(changedSheet);
    expect(await back.text('xl/comments1.xml')).toBe('<comments/>');
    const other = await JSZip.loadAsync(written);
    expect(await other.file('xl/worksheets/sheet1.xml')!.async('string')).toBe(changedSheet);
    expect([...(await other.file('xl/media/image1.png')!.async('nodebuffer'))]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 1, 2, 3,
    ]);
  });

  it('says which parts it streamed were all ASCII, so that their bytes may stand for their text', async () => {
    const source = new JSZip();
    source.file('ascii.xml', '<a>plain</a>');
    source.file('accents.xml', '<a>Sent · stage</a>');
    source.file('unread.xml', '<a/>');
    const zip = await ZipPackage.open(await source.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    await zip.text('ascii.xml');
    await zip.text('accents.xml');
    expect(['ascii.xml', 'accents.xml', 'unread.xml'].map((p) => zip.isAsciiPart(p))).toEqual([true, false, false]);
  });

  it('writes the CRC and sizes of what it deflates, and MS-DOS dates in local time', async () => {
    const content = Buffer.from('é'.repeat(1000), 'utf8');
    const stamp = dosStamp(new Date(2026, 11, 4, 2, 13, 37));
    const entry = await packEntry('a.xml', content, stamp);
    expect(entry.crc).toBe(crc32(content) >>> 0);
    const [read] = [...(await stored(zipFile([entry]))).values()];
    expect(read!.entry.getLastModDate()).toEqual(new Date(2026, 11, 4, 2, 13, 36));
    expect([read!.entry.uncompressedSize, read!.entry.compressedSize]).toEqual([content.length, entry.data.length]);
  });
});
