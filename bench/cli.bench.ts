/**
 * `kiva-sheets send` of a 100,000-row repayments workbook against the emulator, as a user runs it (a child
 * process, from the command line): wall time and peak memory (max RSS, reported by the CLI itself under
 * KIVA_SHEETS_REPORT_RSS=1). The baseline, measured in the same run and the same way, is what any exceljs tool
 * must pay for the same file: a child process that reads it with exceljs and writes it back. It is measured twice:
 * on the file as sent (four columns), and on the file as written back (a fifth column: 100,000 statuses), since
 * exceljs's cost grows with the cells it writes. Goal: ≤ 500 MB RSS.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_CREDENTIALS, REPAYABLE_STATUSES, seedLoans, startEmulator } from '../dev/kiva-emulator';

const ROWS = 100_000;
const RSS_GOAL_MB = 500;
const BIN = join(__dirname, '../bin/kiva-sheets.js');

interface Measured {
  ms: number;
  rssMb: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

export async function run(): Promise<void> {
  // About seven loans in ten are repayable: enough seeded loans for 100,000 distinct ones.
  const emulator = await startEmulator({ loanCount: Math.ceil(ROWS * 1.5) });
  const dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-bench-'));
  try {
    const source = join(dir, 'source.xlsx');
    await buildWorkbook(source, emulatorLoanIds(Math.ceil(ROWS * 1.5)));
    const sizeMb = statSync(source).size / 1e6;

    copyFileSync(source, join(dir, 'baseline.xlsx'));
    const baseline = await measure(process.execPath, ['-e', BASELINE, join(dir, 'baseline.xlsx')], {});

    copyFileSync(source, join(dir, 'report.xlsx'));
    const env = {
      KIVA_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      KIVA_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
      KIVA_ENV: 'stage',
      KIVA_TOKEN_URL: emulator.tokenUrl,
      KIVA_API_URL: emulator.apiBase,
      KIVA_AUDIENCE: emulator.audience,
      KIVA_SHEETS_REPORT_RSS: '1',
    };
    const sent = await measure(process.execPath, [BIN, 'send', join(dir, 'report.xlsx'), '--json'], env);
    const summary = JSON.parse(sent.stdout.trim().split('\n').pop() ?? '{}') as { sent?: number };
    if (sent.code !== 0 || summary.sent !== ROWS) {
      throw new Error(
        `send did not send every row (exit ${sent.code}): ${sent.stdout.slice(-300)} ${sent.stderr.slice(-500)}`,
      );
    }
    if (emulator.appliedRepaymentLoanIds().length !== ROWS) throw new Error('the emulator did not get every row once');
    copyFileSync(join(dir, 'report.xlsx'), join(dir, 'written.xlsx'));
    const written = await measure(process.execPath, ['-e', BASELINE, join(dir, 'written.xlsx')], {});

    console.log(`workbook: ${ROWS.toLocaleString('en')} repayment rows, ${sizeMb.toFixed(1)} MB`);
    const line = (name: string, m: Measured): string =>
      `${name}: ${(m.ms / 1000).toFixed(1)} s, max RSS ${m.rssMb.toFixed(0)} MB`;
    console.log(line('baseline A, exceljs read + write of the file as sent', baseline));
    console.log(line('baseline B, exceljs read + write of the file as written back', written));
    console.log(
      line(`kiva-sheets send (read, validate, ${Math.ceil(ROWS / 250)} calls, statuses + log written)`, sent),
    );
    const ratio = (m: Measured): string =>
      `${(sent.ms / m.ms).toFixed(2)}× the time, ${(sent.rssMb / m.rssMb).toFixed(2)}× the memory`;
    console.log(`ratio to baseline A: ${ratio(baseline)}; to baseline B: ${ratio(written)}`);
    const bomb = join(dir, 'bomb.xlsx');
    await buildBomb(bomb, 300);
    const refused = await measure(process.execPath, [BIN, 'validate', bomb], { KIVA_SHEETS_REPORT_RSS: '1' });
    console.log(
      `zip bomb (${(statSync(bomb).size / 1024).toFixed(0)} KB unpacking to 300 MB of sheet XML): exit ${refused.code}, ` +
        `${(refused.ms / 1000).toFixed(1)} s, max RSS ${refused.rssMb.toFixed(0)} MB` +
        `${refused.code === 2 && /MAX_(PART_MB|RATIO)/.test(refused.stderr) ? ' (refused before unpacking it whole)' : ` UNEXPECTED: ${refused.stderr.slice(0, 200)}`}`,
    );
    console.log(
      `RSS goal ≤ ${RSS_GOAL_MB} MB: ${sent.rssMb <= RSS_GOAL_MB ? 'met' : 'MISSED'}` +
        `${written.rssMb > RSS_GOAL_MB ? ` (exceljs alone needs ${written.rssMb.toFixed(0)} MB for this file)` : ''}`,
    );
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What exceljs alone costs: read the workbook, write it back. Plain JavaScript, so no compiler in the way. */
const BASELINE = `
const ExcelJS = require('exceljs');
(async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(process.argv[1]);
  await workbook.xlsx.writeFile(process.argv[1]);
  process.stderr.write('max-rss-kb=' + process.resourceUsage().maxRSS + '\\n');
})();
`;

function emulatorLoanIds(loanCount: number): string[] {
  const ids = seedLoans(loanCount)
    .filter((loan) => REPAYABLE_STATUSES.includes(loan.status))
    .map((loan) => loan.internal_loan_id);
  if (ids.length < ROWS) throw new Error(`only ${ids.length} repayable seeded loans`);
  return ids.slice(0, ROWS);
}

async function buildWorkbook(path: string, loanIds: readonly string[]): Promise<void> {
  // The streaming writer: building 100,000 rows in memory would only slow the bench down.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const ws = workbook.addWorksheet('Repayments');
  ws.addRow(['loan_id', 'client_id', 'amount', 'notes']).commit();
  loanIds.forEach((loanId, k) =>
    ws.addRow([loanId, `C${k}`, 10 + (k % 400) / 4, k % 10 === 0 ? 'late' : null]).commit(),
  );
  ws.commit();
  await workbook.commit();
}

/** A workbook whose one sheet unpacks to `mb` MB of rows: built by streaming the deflate, never held whole. */
async function buildBomb(path: string, mb: number): Promise<void> {
  const JSZip = (await import('jszip')).default;
  const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(1000);
  const rows = Math.ceil((mb * 1024 * 1024) / row.length);
  const { Readable } = await import('node:stream');
  let k = 0;
  const sheet = new Readable({
    read() {
      if (k === 0)
        this.push('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
      if (k < rows) this.push(row);
      else if (k === rows) this.push('</sheetData></worksheet>');
      else this.push(null);
      k++;
    },
  });
  const source = new ExcelJS.Workbook();
  source.addWorksheet('Loans').addRow(['loan_id']);
  const zip = await JSZip.loadAsync(await source.xlsx.writeBuffer());
  zip.file('xl/worksheets/sheet1.xml', sheet);
  const data = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
  writeFileSync(path, data);
}

function measure(command: string, args: string[], env: Record<string, string>): Promise<Measured> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: join(__dirname, '..'),
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const kb = Number(/max-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ ms: performance.now() - started, rssMb: kb / 1024, stdout, stderr, code });
    });
  });
}
