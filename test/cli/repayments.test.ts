/** `kiva-sheets` on repayment workbooks, as a child process against the emulator over HTTP. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedLoans, type Emulator } from '../../dev/kiva-emulator';
import {
  addZipEntry,
  allCellTexts,
  emulatorEnv,
  lastJson,
  readWorkbook,
  runCli,
  statuses,
  emulatorPerTest,
  values,
  writeWorkbook,
  zipEntries,
} from './harness';

const LOAN_COUNT = 1000;
const repayable = seedLoans(LOAN_COUNT).filter((l) => l.status === 'payingBack');
const id = (k: number): string => repayable[k]?.internal_loan_id ?? '';

let emulator: Emulator;
let dir: string;
emulatorPerTest(LOAN_COUNT, (started, folder) => {
  emulator = started;
  dir = folder;
});

/** Rows 2–6: three good loans, a negative amount (row 4) and a good one hidden by a filter (row 6). */
async function reportWorkbook(path: string): Promise<void> {
  await writeWorkbook(path, [
    { name: 'Notes', rows: [['Monthly report'], ['total', { formula: 'SUM(Repayments!B2:B6)', result: 100 }]] },
    {
      name: 'Repayments',
      rows: [
        ['loan_id', 'amount', 'comment'],
        [id(0), 12.5, 'first'],
        [id(1), 20, '=not a formula'],
        [id(2), -5, ''],
        [id(3), 30, ''],
        [id(4), 40, 'filtered out'],
      ],
      hiddenRows: [6],
    },
  ]);
}

describe('kiva-sheets on a repayments workbook', () => {
  it('validate prints every issue at its cell, a summary, exits 1, and leaves the file alone', async () => {
    const file = join(dir, 'report.xlsx');
    await reportWorkbook(file);
    const before = readFileSync(file);
    const run = await runCli(['validate', file], { cwd: dir, env: emulatorEnv(emulator) });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'Repayments!B4  error  The amount must be 0 or more (found -5).',
      '1 error, 0 warnings; 3 of 4 rows ready to send.',
      '',
    ]);
    expect(readFileSync(file).equals(before)).toBe(true);
    // Only reads: the token and the partner's loans for the portfolio check; nothing sent.
    expect(emulator.received.filter((r) => r.method !== 'GET' && r.path !== '/oauth/token')).toEqual([]);
  });

  it('preview prints the bodies send would post, one JSON document per line, and sends nothing', async () => {
    const file = join(dir, 'report.xlsx');
    await reportWorkbook(file);
    const run = await runCli(['preview', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      endpoint: 'repayments',
      sheet: 'Repayments',
      rows: [2, 3, 5],
      body: {
        repayments: [
          { loan_id: id(0), amount: 12.5 },
          { loan_id: id(1), amount: 20 },
          { loan_id: id(3), amount: 30 },
        ],
      },
    });
    expect(lastJson(run)).toEqual({
      requests: 1,
      rows: 3,
      invalid: 1,
      skipped: 0,
      ledger: { sent: 0, changed: 0, uncertain: 0, busy: 0 },
    });
    expect(run.stderr).toContain('Repayments!B4  error  The amount must be 0 or more');
    // Only reads: the token and the partner's loans for the portfolio check; nothing sent.
    expect(emulator.received.filter((r) => r.method !== 'GET' && r.path !== '/oauth/token')).toEqual([]);
  });

  it('send writes statuses and the Kiva log back, keeps the rest, and a second send sends nothing', async () => {
    const file = join(dir, 'report.xlsx');
    await reportWorkbook(file);
    const first = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(first.code).toBe(1);
    expect(lastJson(first)).toMatchObject({ sent: 3, invalid: 1, rejected: 0, uncertain: 0, skipped: 0 });
    expect(emulator.appliedRepaymentLoanIds()).toEqual([id(0), id(1), id(3)]);

    const workbook = await readWorkbook(file);
    const status = statuses(workbook, 'Repayments');
    expect(status[2]).toMatch(/^Sent · stage · \d{4}-\d\d-\d\d \d\d:\d\d · 7\d{4}$/);
    expect(status[4]).toBe('Invalid: B4: The amount must be 0 or more (found -5).');
    expect(status[6]).toBeUndefined();
    expect(workbook.getWorksheet('Repayments')?.getCell('B4').note).toMatch(/^Kiva Sheets: /);
    // Everything else as it was: the other sheet, its formula, a text that looks like a formula.
    expect(values(workbook, 'Notes')).toEqual([
      ['Monthly report'],
      ['total', { formula: 'SUM(Repayments!B2:B6)', result: 100 }],
    ]);
    expect(values(workbook, 'Repayments')[2]?.[2]).toBe('=not a formula');
    const log = values(workbook, 'Kiva log');
    expect(log[0]).toEqual(['Time', 'Environment', 'Endpoint', 'Rows', 'HTTP status', 'Kiva reference or message']);
    expect(log.slice(1).map((line) => line.slice(1, 5))).toEqual([['stage', 'repayments', 'Repayments!2–3, 5', '200']]);

    const second = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(lastJson(second)).toMatchObject({ sent: 0, skipped: 3, invalid: 1 });
    expect(second.stderr).toContain('3 rows were already sent to stage and were skipped.');
    expect(emulator.appliedRepaymentLoanIds()).toEqual([id(0), id(1), id(3)]);

    // No secret and no token anywhere: not in a cell, a note, nor in the raw file.
    const texts = allCellTexts(await readWorkbook(file));
    const raw = [...zipEntries(file).values()];
    for (const text of [...texts, ...raw, first.stdout, first.stderr, second.stderr]) {
      expect(text).not.toContain('demo-stage-secret');
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\./);
    }
  });

  it('refuses production without --confirm-production (exit 2, nothing sent or written), sends with it', async () => {
    const file = join(dir, 'report.xlsx');
    await reportWorkbook(file);
    const before = readFileSync(file);
    const run = await runCli(['send', file, '--env', 'production'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--confirm-production');
    // Only reads: the token and the partner's loans for the portfolio check; nothing sent.
    expect(emulator.received.filter((r) => r.method !== 'GET' && r.path !== '/oauth/token')).toEqual([]);
    expect(readFileSync(file).equals(before)).toBe(true);

    // Confirmed, and written to another file: the original stays as it was.
    const out = join(dir, 'report-sent.xlsx');
    const confirmed = await runCli(['send', file, '--env', 'production', '--confirm-production', '--out', out], {
      cwd: dir,
      env: emulatorEnv(emulator),
    });
    expect(confirmed.code).toBe(1);
    expect(statuses(await readWorkbook(out), 'Repayments')[2]).toMatch(/^Sent · production · /);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('keeps the charts and add-in settings of a workbook it writes, in place or into a copy', async () => {
    const file = join(dir, 'report.xlsx');
    await reportWorkbook(file);
    const chart = '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>';
    const addin =
      '<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11"/>';
    addZipEntry(file, 'xl/charts/chart1.xml', chart);
    addZipEntry(file, 'xl/webextensions/webextension1.xml', addin);
    const before = readFileSync(file);

    // Into a copy: the original untouched, the copy whole.
    const copy = join(dir, 'copy.xlsx');
    const sent = await runCli(['send', file, '--out', copy], { cwd: dir, env: emulatorEnv(emulator) });
    expect(sent.code).toBe(1);
    expect(sent.stderr).not.toContain('will not have');
    expect(Object.keys(statuses(await readWorkbook(copy), 'Repayments'))).toHaveLength(4);
    expect(zipEntries(copy).get('xl/charts/chart1.xml')).toBe(chart);
    expect(readFileSync(file).equals(before)).toBe(true);

    // In place: nothing refused, nothing lost.
    const again = await runCli(['send', file, '--resend'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(again.code).toBe(1);
    expect(zipEntries(file).get('xl/charts/chart1.xml')).toBe(chart);
    expect(zipEntries(file).get('xl/webextensions/webextension1.xml')).toBe(addin);
    expect(Object.keys(statuses(await readWorkbook(file), 'Repayments'))).toHaveLength(4);
  });

  it('stops at wrong credentials: exit 2, a clear message, the secret nowhere, the file untouched', async () => {
    const file = join(dir, 'report.xlsx');
    await reportWorkbook(file);
    const before = readFileSync(file);
    const secret = 'wrong-secret-4f9c2e';
    const run = await runCli(['send', file], { cwd: dir, env: emulatorEnv(emulator, { KIVA_CLIENT_SECRET: secret }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Kiva refused the client id or secret');
    expect(run.stdout + run.stderr).not.toContain(secret);
    expect(emulator.applied).toHaveLength(0);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('survives faults: every row ends Sent or Uncertain, and Kiva holds each row at most once', async () => {
    const file = join(dir, 'big.xlsx');
    const rows = seedLoans(LOAN_COUNT)
      .slice(0, 600)
      .map((loan, k) => [loan.internal_loan_id, 10 + (k % 7)]);
    await writeWorkbook(file, [{ name: 'Repayments', rows: [['loan_id', 'amount'], ...rows] }]);
    const repayments = { method: 'POST', path: '/repayments' };
    emulator.inject({ match: repayments, kind: 'status', status: 429, retryAfterSeconds: 0 });
    emulator.inject({ match: repayments, kind: 'reset-after-apply' });

    const run = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    const summary = lastJson(run);
    expect(run.code).toBe(1);
    expect(Number(summary.sent) + Number(summary.uncertain)).toBe(600);
    expect(summary.uncertain).toBeGreaterThan(0);
    const applied = emulator.appliedRepaymentLoanIds();
    expect(new Set(applied).size).toBe(applied.length);
    expect(applied).toHaveLength(600);

    const status = Object.values(statuses(await readWorkbook(file), 'Repayments'));
    expect(status).toHaveLength(600);
    for (const text of status)
      expect(text).toMatch(/^(Sent( with warnings)? · stage · |Uncertain: .* — check PA2 before resending$)/);

    // The next run sends nothing: Uncertain rows wait for a person to check PA2.
    const again = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/rows are Uncertain \(Repayments!\d+–\d+\)/);
    expect(again.stderr).toContain('--resend');
    expect(emulator.appliedRepaymentLoanIds()).toHaveLength(600);
  });
});
