/**
 * recognition: the portfolio check over real HTTP — `kiva-sheets validate` and `send` (child processes) against
 * the emulator's loans (paying back, ended, refunded, unknown, an id whose zeros Excel dropped), and against a Kiva
 * whose API cannot be reached.
 */
import { join } from 'node:path';
import { seedLoans, type Emulator } from '../../dev/kiva-emulator';
import { emulatorEnv, lastJson, readWorkbook, runCli, statuses, emulatorPerTest, writeWorkbook } from '../cli/harness';

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
      `'Pagos noviembre'!A4  warning  El préstamo ${ended} está terminado según Kiva, no en reembolso: Kiva puede no aplicar este reembolso. Revise el préstamo en PA2.`,
      `'Pagos noviembre'!A5  warning  El préstamo ${refunded} está reembolsado a los prestamistas según Kiva, no en reembolso: Kiva puede no aplicar este reembolso. Revise el préstamo en PA2.`,
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

  it('with Kiva’s API out of reach: one notice, no row blamed', async () => {
    const file = await report();
    const env = emulatorEnv(emulator, { KIVA_API_URL: 'http://127.0.0.1:1' });
    const run = await runCli(['validate', file], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('0 errors, 0 warnings; 5 of 5 rows ready to send.\n');
    const notices = run.stderr.split('\n').filter((l) => l.startsWith('Loan ids were not checked'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      /which could not be read \(The connection to Kiva was lost: .+\)\. Kiva will still check/,
    );
  });
});
