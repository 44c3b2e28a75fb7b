/**
 * The guide's sample workbooks (docs/guide/<lang>/templates): what is committed is what dev/guide/templates.ts
 * makes, and our own reader understands every one of them — the real `kiva-sheets preview` on each file, against the
 * Kiva emulator, gives exactly the requests the guide promises (a loan, a group of three with its schedule, a
 * repayment report, journal updates), whatever the language of the headers.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../dev/kiva-emulator';
import {
  checkHeaders,
  templatePath,
  templateTables,
  TEMPLATE_NAMES,
  type TemplateName,
} from '../../dev/guide/templates';
import { GUIDE_LANGUAGES } from '../../dev/guide/shots';
import type { LoanDraft } from '../../src/kiva';
import type { UiLanguage } from '../../src/i18n';
import { emulatorEnv, readWorkbook, runCli, tempDir, values } from '../cli/harness';

jest.setTimeout(60_000);

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.close());

interface Previewed {
  endpoint: string;
  sheet: string;
  rows: number[];
  body: unknown;
}

async function preview(lang: UiLanguage, name: TemplateName): Promise<Previewed[]> {
  const dir = tempDir();
  const file = join(dir, `${name}.xlsx`);
  copyFileSync(templatePath(lang, name), file);
  const run = await runCli(['preview', file], { cwd: dir, env: { ...emulatorEnv(emulator), KIVA_LANG: lang } });
  expect(run.stderr).not.toMatch(/error/i);
  expect(run.code).toBe(0);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Previewed);
}

describe('the sample workbooks', () => {
  it('name every column with a header our reader maps to its field, in every language', () => {
    expect(checkHeaders()).toEqual([]);
  });

  it.each(GUIDE_LANGUAGES.flatMap((lang) => TEMPLATE_NAMES.map((name) => [lang, name] as const)))(
    '%s %s.xlsx holds what dev/guide/templates.ts makes',
    async (lang, name) => {
      const workbook = await readWorkbook(templatePath(lang, name));
      for (const sheet of templateTables(lang, name)) {
        const expected = sheet.rows.map((row) => row.map((cell) => cell ?? null));
        const found = values(workbook, sheet.name).map((row) => expected[0]?.map((_, k) => row[k] ?? null));
        expect(found).toEqual(expected);
      }
    },
  );

  it.each(GUIDE_LANGUAGES)(
    '%s loans: one individual loan and one group of three, each with its schedule',
    async (lang) => {
      const items = await preview(lang, 'loans');
      expect(items.map((i) => [i.endpoint, i.rows])).toEqual([
        ['loan_draft', [2]],
        ['loan_draft', [3, 4, 5]],
      ]);
      const [individual, group] = items.map((i) => i.body as LoanDraft);
      expect(individual).not.toHaveProperty('group_name');
      expect(individual).not.toHaveProperty('internal_loan_id');
      expect(individual).toMatchObject({
        theme_type_id: 48,
        client_waiver_signed: true,
        entreps: [{ loan_id: 'L-1001', client_id: 'C-501', gender: 'female', amount: 400 }],
        schedule: [
          { date: '2027-02-15', principal: 200, interest: 12 },
          { date: '2027-03-15', principal: 200, interest: 6 },
        ],
      });
      expect(group).toMatchObject({
        internal_loan_id: 'G-200',
        not_pictured: [false, false, true],
        schedule: [
          { date: '2027-02-15', principal: 400, interest: 24 },
          { date: '2027-03-15', principal: 400, interest: 12 },
        ],
      });
      expect(group?.entreps?.map((e) => e.loan_id)).toEqual(['L-1002', 'L-1003', 'L-1004']);
      expect(typeof group?.group_name).toBe('string');
    },
  );

  it.each(GUIDE_LANGUAGES)('%s repayments: one report with every loan and its amount', async (lang) => {
    const items = await preview(lang, 'repayments');
    expect(items).toHaveLength(1);
    expect(items[0]?.endpoint).toBe('repayments');
    expect(items[0]?.body).toMatchObject({
      repayments: [
        { loan_id: '000100', amount: 25 },
        { loan_id: '1040007', amount: 30.5 },
        { loan_id: '1040021', amount: 18 },
      ],
    });
    expect((items[0]?.body as { repayments: unknown[] }).repayments).toHaveLength(3);
  });

  it.each(GUIDE_LANGUAGES)('%s journals: one update per row', async (lang) => {
    const items = await preview(lang, 'journals');
    expect(items.every((i) => i.endpoint === 'journals')).toBe(true);
    expect(items.flatMap((i) => i.rows)).toEqual([2, 3]);
    expect(JSON.stringify(items.map((i) => i.body))).toContain('"internal_loan_id":"000105"');
  });
});
