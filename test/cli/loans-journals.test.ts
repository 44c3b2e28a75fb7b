/** `kiva-sheets` on a workbook with loans (individual and group, schedule, photo) and journals, and `loans`/`lists`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../dev/kiva-emulator';
import { CONFIG_AS_OF } from '../../dev/kiva-emulator/config-data';
import type { LoanDraft } from '../../src/kiva';
import { emulatorEnv, lastJson, readWorkbook, runCli, statuses, tempDir, values, writeWorkbook } from './harness';

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => {
  emulator.reset();
  dir = tempDir();
});

/** A few bytes that are a JPEG as far as anyone sniffing its type is concerned. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function portfolio(path: string): Promise<void> {
  mkdirSync(join(dir, 'photos'));
  writeFileSync(join(dir, 'photos', 'ana.jpg'), JPEG);
  const loanHeader = [
    'loan_id',
    'first_name',
    'last_name',
    'gender',
    'amount',
    'internal_loan_id',
    'group_name',
    'activity',
    'location',
    'language',
    'currency',
    'disburse_time',
    'description',
    'loanuse',
    'photo',
  ];
  await writeWorkbook(path, [
    {
      name: 'Loans',
      rows: [
        loanHeader,
        [
          'L-100',
          'Ana',
          'Quispe',
          'F',
          500,
          null,
          null,
          'Agriculture',
          'Lima',
          'Spanish',
          'pen',
          today(),
          'Ana grows potatoes.',
          'seeds',
          'photos/ana.jpg',
        ],
        [
          'L-201',
          'Rosa',
          'Mamani',
          'mujer',
          300,
          'G-1',
          'Las Flores',
          'Retail',
          'Cusco: Peru',
          'es',
          'PEN',
          today(),
          'A group of three.',
          'stock',
          'photos/ana.jpg',
        ],
        ['L-202', 'Luz', 'Apaza', 'F', 200, 'G-1', null, null, null, null, null, null, null, null, null],
        [
          'L-300',
          'Juan',
          'Huamán',
          'M',
          250,
          null,
          null,
          'Agricultur',
          'Lima',
          'Spanish',
          'PEN',
          today(),
          'Juan fishes.',
          'nets',
          null,
        ],
      ],
    },
    {
      name: 'Schedule',
      rows: [
        ['loan_id', 'date', 'principal', 'interest'],
        ['L-100', '2027-02-01', 250, 5],
        ['L-100', '2027-01-01', 250, 5],
        ['G-1', '2027-01-15', 500, 10],
      ],
    },
    {
      name: 'Journals',
      rows: [
        ['internal_loan_id', 'subject', 'body'],
        // Journals go to loans already posted (PA2's Journals tab), not to the drafts this file creates.
        ['000100', 'Harvest', 'Ana sold her first harvest.'],
        ['1040007', 'Shop', 'Las Flores opened a shop.'],
      ],
    },
  ]);
}

// Each test runs three or four real CLI processes through tsx: about 2 s each on a quiet machine, up to 20 s at a
// load of 20 on two cores (a full run beside other work went over jest's 30 s). The ceiling only ends a hung run.
jest.setTimeout(120_000);

describe('kiva-sheets on loans and journals', () => {
  it('validates, previews and sends loan drafts (with schedule and photo) and journal updates', async () => {
    const file = join(dir, 'portfolio.xlsx');
    await portfolio(file);
    const env = emulatorEnv(emulator);

    const validated = await runCli(['validate', file, '--sheet', 'Loans'], { cwd: dir, env });
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain(
      'Loans!H5  error  “Agricultur” is not in your Kiva activities list. Closest: Agriculture',
    );

    const previewed = await runCli(['preview', file], { cwd: dir, env });
    const items = previewed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { endpoint: string; sheet: string; rows: number[]; body: unknown });
    expect(items.map((i) => [i.endpoint, i.sheet, i.rows])).toEqual([
      ['loan_draft', 'Loans', [2]],
      ['loan_draft', 'Loans', [3, 4]],
      ['journals', 'Journals', [2]],
      ['journals', 'Journals', [3]],
    ]);
    expect(emulator.applied).toHaveLength(0);

    const sent = await runCli(['send', file, '--json'], { cwd: dir, env });
    expect(sent.code).toBe(1);
    expect(lastJson(sent)).toMatchObject({ sent: 5, invalid: 1, rejected: 0, uncertain: 0 });
    const drafts = emulator.applied.filter((a) => a.endpoint === 'loan_draft').map((a) => a.body as LoanDraft);
    // What was posted is exactly what the preview showed.
    expect(drafts).toEqual(items.filter((i) => i.endpoint === 'loan_draft').map((i) => i.body));
    expect(drafts[0]).toMatchObject({
      activity_id: 61,
      location: 'Lima: Peru',
      description_language_id: 2,
      currency: 'PEN',
      entreps: [{ loan_id: 'L-100', first_name: 'Ana', last_name: 'Quispe', gender: 'female', amount: 500 }],
      schedule: [
        { date: '2027-01-01', principal: 250, interest: 5 },
        { date: '2027-02-01', principal: 250, interest: 5 },
      ],
      image_encoded: `data:image/jpeg;base64,${JPEG.toString('base64')}`,
    });
    expect(drafts[1]).toMatchObject({ internal_loan_id: 'G-1', group_name: 'Las Flores' });
    expect(drafts[1]?.entreps).toHaveLength(2);

    const workbook = await readWorkbook(file);
    const loans = statuses(workbook, 'Loans');
    expect(loans[2]).toMatch(/^Sent · stage · .* · [0-9a-f-]{36}$/);
    expect(loans[3]).toBe(loans[4]);
    expect(loans[5]).toMatch(/^Invalid: H5: /);
    // The confirm link of each journal update: on stdout, in the status, and in the JSON summary.
    const urls = sent.stdout.split('\n').filter((line) => line.startsWith('Journals!'));
    expect(urls).toHaveLength(2);
    expect(urls[0]).toMatch(/^Journals!2 {2}http:\/\/127\.0\.0\.1:\d+\/pa2\/journals\/.+\/confirm$/);
    expect(statuses(workbook, 'Journals')[2]).toContain('/confirm');
    // …and the status cell opens it, as in Excel.
    const journals = workbook.getWorksheet('Journals');
    const link = urls[0]?.split('  ')[1];
    expect(journals?.getCell(2, 4).hyperlink).toBe(link);
    expect(lastJson(sent).confirm_urls).toHaveLength(2);
    expect(values(workbook, 'Schedule')).toHaveLength(4);
  });

  it('writes the repayments template and the Kiva lists, then previews offline from those lists', async () => {
    const file = join(dir, 'portfolio.xlsx');
    await portfolio(file);
    const env = emulatorEnv(emulator);

    const lists = await runCli(['lists', '--out', file, '--json'], { cwd: dir, env });
    expect(lists.code).toBe(0);
    expect(lastJson(lists)).toEqual({ sheet: 'Kiva lists', activities: 40, themes: 8, locations: 30, locales: 10 });

    const template = join(dir, 'november.xlsx');
    const loans = await runCli(['loans', '--out', template, '--json'], { cwd: dir, env });
    expect(loans.code).toBe(0);
    const rows = values(await readWorkbook(template), 'Repayments');
    // Two-column partner (the default): no client id column; headers in the user's language.
    expect(rows[0]).toEqual(['Loan ID', 'Borrower name', 'Amount']);
    expect(rows).toHaveLength(Number(lastJson(loans).loans) + 1);
    // Ids as Kiva knows them, zeros kept, and typed as text.
    expect(rows[1]?.[0]).toBe('000100');
    // recognition: beside it the Kiva loans sheet, for checking loan ids offline (test/integration/portfolio).
    expect((await readWorkbook(template)).worksheets.map((ws) => ws.name)).toEqual(['Repayments', 'Kiva loans']);
    // A CSV file holds one sheet: the template only, said, and only the template's loans read.
    emulator.reset();
    const csv = await runCli(['loans', '--out', join(dir, 'november.csv'), '--json'], { cwd: dir, env });
    expect(csv.code).toBe(0);
    expect(csv.stderr).toContain('A CSV file holds one sheet: no Kiva loans sheet was written');
    expect(lastJson(csv).kiva_loans).toBeUndefined();
    const statusesRead = emulator.received
      .filter((r) => r.method === 'GET' && r.path.endsWith('/loans'))
      .map((r) => new URL(r.url, 'http://x').searchParams.get('status'));
    expect(statusesRead.sort()).toEqual(['defaulted', 'payingBack']);

    // No credentials at all: the names are checked against the workbook's own lists.
    const offline = await runCli(['preview', file, '--sheet', 'Loans'], { cwd: dir, env: {} });
    expect(offline.stderr).toContain('Loans!H5  error  “Agricultur” is not in your Kiva activities list');
    expect(offline.stdout.trim().split('\n')).toHaveLength(2);
    const workbook = await readWorkbook(file);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Loans', 'Schedule', 'Journals', 'Kiva lists']);
    // Kiva's as_of of each list is kept in the sheet, for the pane to show when the workbook is opened in Excel.
    const kept = values(workbook, 'Kiva lists').map((row) => row.slice(15, 17));
    expect(kept.slice(0, 5)).toEqual([
      ['list', 'as_of'],
      ['activities', CONFIG_AS_OF],
      ['themes', CONFIG_AS_OF],
      ['locations', CONFIG_AS_OF],
      ['locales', CONFIG_AS_OF],
    ]);
  });
});
