/**
 * Photos the pane kept in the workbook (custom XML parts, src/app/photo-parts.ts), as Excel saves them in the file
 * (`customXml/itemN.xml`, its `itemPropsN.xml` id), read by `kiva-sheets preview` and `send`: a loan drafted in the
 * pane with a photo attached sends that photo from the command line too. Both ways the command line writes a file
 * (the lean patcher and the exceljs fallback) keep the parts byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Emulator } from '../../dev/kiva-emulator';
import { PHOTO_DATA_NAMESPACE, PHOTO_INDEX_NAMESPACE } from '../../src/app/photo-parts';
import { XlsxLeanWorkbookFile } from '../../src/cli/files/xlsx-lean-workbook';
import { limitsFrom } from '../../src/cli/files/zip';
import type { LoanDraft } from '../../src/kiva';
import { emulatorEnv, emulatorPerTest, lastJson, readWorkbook, runCli, statuses, writeWorkbook } from './harness';

let emulator: Emulator;
let dir: string;
emulatorPerTest(100, (started, folder) => {
  emulator = started;
  dir = folder;
});

// Real CLI processes through tsx (see loans-journals.test.ts): the ceiling only ends a hung run.
jest.setTimeout(120_000);

/** Two tiny JPEGs (as far as sniffing goes), told apart by their last bytes. */
const ANA = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const JUAN = Buffer.from([
  0xff, 0xd8, 0xff, 0xe1, 0x00, 0x08, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4a, 0x55, 0xff, 0xd9,
]);
const uri = (bytes: Buffer): string => `data:image/jpeg;base64,${bytes.toString('base64')}`;

const ids = ['{5E3A1C2B-0000-4000-8000-000000000001}', '{5E3A1C2B-0000-4000-8000-000000000002}'];
const juanHalves = [JUAN.subarray(0, 9).toString('base64'), JUAN.subarray(9).toString('base64')];

/** The custom XML items as Excel saves what the pane wrote: index, then data, each with its properties part. */
const ITEMS: string[] = [
  `<?xml version="1.0" standalone="no"?><photos xmlns="${PHOTO_INDEX_NAMESPACE}">` +
    `<photo key="loan:L-100" name="ana.jpg" type="image/jpeg" bytes="${ANA.length}" parts="${ids[0]}"/>` +
    `<photo key="file:ana-juan.jpg" name="Ana-Juan.JPG" type="image/jpeg" bytes="${JUAN.length}" parts="${ids[1]} {5E3A1C2B-0000-4000-8000-000000000003}"/>` +
    '</photos>',
  `<?xml version="1.0" standalone="no"?><chunk xmlns="${PHOTO_DATA_NAMESPACE}">${ANA.toString('base64')}</chunk>`,
  // A data part split where the pane cuts long photos, with the line breaks a writer may add.
  `<?xml version="1.0" standalone="no"?><chunk xmlns="${PHOTO_DATA_NAMESPACE}">\n${juanHalves[0]}\n</chunk>`,
  `<?xml version="1.0" standalone="no"?><chunk xmlns="${PHOTO_DATA_NAMESPACE}">${juanHalves[1]}</chunk>`,
];
const ITEM_IDS = ['{5E3A1C2B-0000-4000-8000-0000000000AA}', ids[0], ids[1], '{5E3A1C2B-0000-4000-8000-000000000003}'];

async function withPhotoParts(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) as string;
  const types = (await zip.file('[Content_Types].xml')?.async('string')) as string;
  let moreRels = '';
  let moreTypes = '';
  ITEMS.forEach((xml, k) => {
    const n = k + 1;
    zip.file(`customXml/item${n}.xml`, xml);
    zip.file(
      `customXml/itemProps${n}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n<ds:datastoreItem ds:itemID="${ITEM_IDS[k]}" ` +
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>',
    );
    zip.file(
      `customXml/_rels/item${n}.xml.rels`,
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps${n}.xml"/></Relationships>`,
    );
    moreRels += `<Relationship Id="rIdPhoto${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item${n}.xml"/>`;
    moreTypes += `<Override PartName="/customXml/itemProps${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>`;
  });
  zip.file('xl/_rels/workbook.xml.rels', rels.replace('</Relationships>', `${moreRels}</Relationships>`));
  zip.file('[Content_Types].xml', types.replace('</Types>', `${moreTypes}</Types>`));
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
}

/** Every `customXml/` part's bytes. */
async function customXml(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)
    .filter((n) => n.startsWith('customXml/') && !n.endsWith('/'))
    .sort()) {
    out.set(name, await (zip.file(name) as JSZip.JSZipObject).async('nodebuffer'));
  }
  return out;
}

type Reader = 'lean' | 'exceljs';

/** Two loans: L-100's photo attached to its loan (no photo cell), L-300's named by a cell but kept in the workbook. */
async function loans(reader: Reader): Promise<string> {
  const file = join(dir, 'loans.xlsx');
  const today = new Date().toISOString().slice(0, 10);
  const loan = (id: string, name: string, photo: string | null) => [
    id,
    name,
    'Quispe',
    'F',
    500,
    'Agriculture',
    'Lima',
    'Spanish',
    'PEN',
    today,
    `${name} grows potatoes.`,
    'seeds',
    photo,
  ];
  await writeWorkbook(file, [
    {
      name: 'Loans',
      rows: [
        [
          'loan_id',
          'first_name',
          'last_name',
          'gender',
          'amount',
          'activity',
          'location',
          'language',
          'currency',
          'disburse_time',
          'description',
          'loanuse',
          'photo',
        ],
        loan('L-100', 'Ana', null),
        loan('L-300', 'Juana', 'fotos/ana-juan.jpg'),
      ],
    },
  ]);
  if (reader === 'exceljs') {
    // A styles part without fills, as minimal generators write it: the lean path hands such a file to exceljs.
    const zip = await JSZip.loadAsync(readFileSync(file));
    const styles = (await zip.file('xl/styles.xml')?.async('string')) as string;
    zip.file('xl/styles.xml', styles.replace(/<fills count="2">.*?<\/fills>/, '<fills count="0"/>'));
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  }
  await withPhotoParts(file);
  // Which writer takes the file is the premise of each case: checked, not assumed.
  const lean = await XlsxLeanWorkbookFile.open(file, { redact: (t) => t, limits: limitsFrom({}) });
  expect('unsupported' in lean).toBe(reader === 'exceljs');
  return file;
}

describe.each<Reader>(['lean', 'exceljs'])('photos kept in the workbook, through the %s path', (reader) => {
  it('preview and send carry them, and the parts are still there byte for byte', async () => {
    const file = await loans(reader);
    const before = await customXml(file);
    expect(before.size).toBe(ITEMS.length * 3);
    const env = emulatorEnv(emulator);

    const previewed = await runCli(['preview', file], { cwd: dir, env });
    const bodies = previewed.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { body: LoanDraft }).body);
    expect(bodies.map((b) => b.image_encoded)).toEqual([uri(ANA), uri(JUAN)]);

    const sent = await runCli(['send', file, '--json'], { cwd: dir, env });
    expect([sent.code, lastJson(sent)]).toEqual([0, expect.objectContaining({ sent: 2, invalid: 0 })]);
    const drafts = emulator.applied.filter((a) => a.endpoint === 'loan_draft').map((a) => a.body as LoanDraft);
    expect(drafts.map((d) => d.image_encoded)).toEqual([uri(ANA), uri(JUAN)]);

    // The file was written (its statuses), and the photos are in it as they were.
    expect(statuses(await readWorkbook(file), 'Loans')[2]).toMatch(/^Sent · stage · /);
    expect(await customXml(file)).toEqual(before);
  });
});
