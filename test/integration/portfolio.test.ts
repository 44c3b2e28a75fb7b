/**
 * recognition: the portfolio check over real HTTP — `kiva-sheets validate` and `send` (child processes) against
 * the emulator's loans (paying back, ended, refunded, unknown, an id whose zeros Excel dropped), and against a Kiva
 * whose API cannot be reached: then against the `Kiva loans` sheet `loans --out` wrote into the same workbook.
 */
import { join } from 'node:path';
import { seedLoans, type Emulator } from '../../dev/kiva-emulator';
import {
  emulatorEnv,
  lastJson,
  readWorkbook,
  runCli,
  statuses,
  emulatorPerTest,
  values,
  writeWorkbook,
} from '../cli/harness';

const LOAN_COUNT = 60;
const seeded = seedLoans(LOAN_COUNT);
const first = (status: string, padded = false) => {
  const loan = seeded.find((l) => l.status === status && l.internal_loan_id.startsWith('0') === padded);
  if (loan === undefined) throw new Error(`no ${status} loan`);
  return loan.internal_loan_id;
};
const paying = first('payingBack');
const paddedPaying = first('payingBack', true);
const ended = first('ended');
const refunded = first('refunded');

let emulator: Emulator;
let dir: string;
emulatorPerTest(LOAN_COUNT, (started, folder) => {
  emulator = started;
  dir = folder;
});

async function report(): Promise<string> {
  const file = join(dir, 'pagos.xlsx');
  await writeWorkbook(file, [
    {
      name: 'Pagos noviembre',
      rows: [
        ['ID del préstamo', 'Monto'],
        [paying, 25],
        [Number(paddedPaying), 10], // typed as a number: Excel dropped the zeros
        [ended, 15],
        [refunded, 12],
        ['PE-99999', 30],
      ],
    },
  ]);
  return file;
}

const loanReads = (e: Emulator) => e.received.filter((r) => r.method === 'GET' && r.path.endsWith('/loans'));

describe('the portfolio check against the emulator', () => {
  it('validate flags the unknown loan (error) and the ended and refunded ones (warnings) at their cells', async () => {
    const file = await report();
    const run = await runCli(['validate', file], { cwd: dir, env: emulatorEnv(emulator, { KIVA_LANG: 'es' }) });
    const zeros = String(Number(paddedPaying));
    expect(run.stdout.split('\n')).toEqual([
      `'Pagos noviembre'!A3  warning  Kiva tiene este préstamo como ${paddedPaying}, no ${zeros} (ceros a la izquierda perdidos u otras mayúsculas): Kiva puede no encontrarlo. Escriba ${paddedPaying}, en una columna con formato Texto.`,
      `'Pagos noviembre'!A4  warning  El préstamo ${ended} está terminado según Kiva, no en reembolso: Kiva puede no aplicar este pago. Revise el préstamo en PA2.`,
      `'Pagos noviembre'!A5  warning  El préstamo ${refunded} está reembolsado a los prestamistas según Kiva, no en reembolso: Kiva puede no aplicar este pago. Revise el préstamo en PA2.`,
      `'Pagos noviembre'!A6  error  Kiva no tiene el préstamo PE-99999 entre los préstamos de su institución: Kiva rechazará esta fila. Revise el ID del préstamo en PA2.`,
      expect.stringMatching(/^1 error, 3 advertencias; 4 de 5 filas/),
      '',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /ID de préstamo verificados con los préstamos que Kiva tiene para su institución \(60 en total/,
    );
    // One read per status Kiva knows (60 loans: one page each), nothing posted.
    expect(loanReads(emulator)).toHaveLength(14);
    expect(emulator.received.filter((r) => r.method === 'POST' && r.path !== '/oauth/token')).toEqual([]);
  });

  it('send never sends the loan Kiva does not list; the one spelt without its zeros is the emulator’s to refuse', async () => {
    const file = await report();
    const run = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    // The emulator reads ids as strictly as it can: 105 is not 000105, as the warning said it might not be.
    expect(lastJson(run)).toMatchObject({ sent: 3, invalid: 1, rejected: 1, uncertain: 0 });
    expect(emulator.appliedRepaymentLoanIds()).toEqual([paying, ended, refunded]);
    const status = statuses(await readWorkbook(file), 'Pagos noviembre');
    expect(status[6]).toBe(
      'Invalid: A6: Kiva does not list loan PE-99999 among your partner’s loans: Kiva will refuse this row. Check the loan id in PA2.',
    );
    expect(loanReads(emulator)).toHaveLength(14);
  });

  it('a report whose loans all take repayments reads those two statuses only, and says so', async () => {
    const file = join(dir, 'repaying.xlsx');
    await writeWorkbook(file, [
      {
        name: 'Repayments',
        rows: [
          ['loan_id', 'amount'],
          [paying, 25],
          [paddedPaying, 10],
          [first('defaulted'), 5],
        ],
      },
    ]);
    const run = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(lastJson(run)).toMatchObject({ sent: 3, invalid: 0, rejected: 0 });
    const reads = loanReads(emulator).map((r) => new URL(r.url, 'http://x').searchParams.get('status'));
    expect(reads.sort()).toEqual(['defaulted', 'payingBack']);
    expect(run.stderr).toMatch(
      /Loan ids checked against the loans Kiva lists for your partner account as paying back or defaulted \(\d+, read /,
    );
  });

  it('with Kiva’s API out of reach: one notice, no row blamed', async () => {
    const file = await report();
    const env = emulatorEnv(emulator, { KIVA_API_URL: 'http://127.0.0.1:1' });
    const run = await runCli(['validate', file], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('0 errors, 0 warnings; 5 of 5 rows ready to send.\n');
    const notices = run.stderr.split('\n').filter((l) => l.startsWith('Loan ids were not checked'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      /which could not be read \((Could not connect to Kiva|The connection to Kiva was lost).+\), and this workbook has no Kiva loans sheet .+\. Kiva will still check/,
    );
  });

  it('loans --out writes the Kiva loans sheet; validate with Kiva out of reach checks against it', async () => {
    const file = await report();
    const loans = await runCli(['loans', '--out', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(loans.code).toBe(0);
    expect(lastJson(loans)).toMatchObject({ sheet: 'Repayments', kiva_loans: { sheet: 'Kiva loans', loans: 60 } });
    expect(loans.stderr).toContain(
      'Sheet “Kiva loans”: 60 loans of every status, with the time they were read; validate, preview and send check loan ids against it when Kiva cannot be reached.',
    );
    // One paged read of every status serves the template and the Kiva loans sheet.
    expect(loanReads(emulator)).toHaveLength(14);
    const book = await readWorkbook(file);
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['Pagos noviembre', 'Repayments', 'Kiva loans']);
    const kept = values(book, 'Kiva loans');
    expect(kept[0]).toEqual(['loan_id', 'client_id', 'status', 'read_at']);
    expect(kept).toHaveLength(61);
    const endedRow = kept.find((row) => row[0] === ended);
    expect(endedRow?.slice(2, 3)).toEqual(['ended']);
    const readAt = String(endedRow?.[3]);
    expect(readAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The day it was read, in Lima (UTC-5, the harness's TZ), as every message names it.
    const day = new Date(Date.parse(readAt) - 5 * 3_600_000).toISOString().slice(0, 10);
    const from = ` Checked against the “Kiva loans” sheet read on ${day}, not Kiva itself.`;

    emulator.reset();
    const env = emulatorEnv(emulator, { KIVA_API_URL: 'http://127.0.0.1:1' });
    const run = await runCli(['validate', file], { cwd: dir, env });
    const zeros = String(Number(paddedPaying));
    expect(run.stdout.split('\n')).toEqual([
      `'Pagos noviembre'!A3  warning  Kiva lists this loan as ${paddedPaying}, not ${zeros} (leading zeros lost, or another case): Kiva may not find it. Write ${paddedPaying}, in a column formatted as Text.${from}`,
      `'Pagos noviembre'!A4  warning  Kiva lists loan ${ended} as ended, not paying back: Kiva may not apply this repayment. Check the loan in PA2.${from}`,
      `'Pagos noviembre'!A5  warning  Kiva lists loan ${refunded} as refunded, not paying back: Kiva may not apply this repayment. Check the loan in PA2.${from}`,
      `'Pagos noviembre'!A6  error  Kiva does not list loan PE-99999 among your partner’s loans: Kiva will refuse this row. Check the loan id in PA2.${from}`,
      // The template's rows (every amount empty) are counted as checked, none ready.
      expect.stringMatching(/^1 error, 3 warnings; 4 of \d+ rows ready to send\.$/),
      '',
    ]);
    expect(run.code).toBe(1);
    // The Kiva loans sheet is the list, never a sheet of the run (kind detection skips it).
    expect(run.stderr).not.toContain('Sheet “Kiva loans”');
    expect(run.stderr.split('\n').filter((l) => l.startsWith('Sheet “') && l.includes(' — '))).toEqual([
      expect.stringMatching(/^Sheet “Pagos noviembre”: repayment report/),
      expect.stringMatching(/^Sheet “Repayments”: repayment report/),
    ]);
    const notice = run.stderr.split('\n').filter((l) => l.startsWith('Your loans at Kiva could not be read'));
    expect(notice).toEqual([
      expect.stringMatching(
        /^Your loans at Kiva could not be read \((Could not connect to Kiva|The connection to Kiva was lost).+\): loan ids were checked against the “Kiva loans” sheet instead \(60 loans, read \d{4}-\d\d-\d\d \d\d:\d\d\)\.$/,
      ),
    ]);
    expect(emulator.received.filter((r) => r.method === 'POST' && r.path !== '/oauth/token')).toEqual([]);

    // No credentials at all: the same list, in Spanish.
    const es = await runCli(['validate', file, '--sheet', 'Pagos noviembre'], { cwd: dir, env: { KIVA_LANG: 'es' } });
    expect(es.stdout).toContain(
      `'Pagos noviembre'!A6  error  Kiva no tiene el préstamo PE-99999 entre los préstamos de su institución: Kiva rechazará esta fila. Revise el ID del préstamo en PA2. Verificado con la hoja «Kiva loans» leída el ${day}, no directamente con Kiva.`,
    );
    expect(es.stderr).toMatch(/No hay credenciales de Kiva configuradas.*se verificaron con la hoja «Kiva loans»/);

    // Hidden in Excel, the sheet is still the list (the whole-workbook read leaves hidden sheets out: asked by name).
    const hidden = await readWorkbook(file);
    const sheet = hidden.getWorksheet('Kiva loans');
    if (sheet === undefined) throw new Error('no Kiva loans sheet');
    sheet.state = 'hidden';
    await hidden.xlsx.writeFile(file);
    const again = await runCli(['validate', file], { cwd: dir, env: {} });
    expect(again.stdout).toContain(
      `PE-99999 among your partner’s loans: Kiva will refuse this row. Check the loan id in PA2.${from}`,
    );
    expect(again.stderr).toContain('loan ids were checked against the “Kiva loans” sheet instead (60 loans, read ');
  });
});
