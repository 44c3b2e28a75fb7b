/** `kiva-sheets` says which kind each sheet is and why, asks for `--kind` when it cannot tell, and counts in words. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, writeWorkbook } from './harness';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});

const pagos = [
  ['ID del préstamo', 'ID del cliente', 'Nombre', 'Monto'],
  ['PE-1001', 'CLI-501', 'María Ñahui', 20.25],
  ['PE-1002', 'CLI-502', 'José Quispe', 15],
];

describe('kiva-sheets and sheet kinds', () => {
  it('reads “Pagos noviembre” as a repayment report, says why, and previews repayments, never loan drafts', async () => {
    const file = join(dir, 'report.xlsx');
    await writeWorkbook(file, [{ name: 'Pagos noviembre', rows: pagos }]);
    const validated = await runCli(['validate', file], { cwd: dir, env: { KIVA_LANG: 'es' } });
    expect(validated.stderr).toContain(
      'Hoja «Pagos noviembre»: reporte de pagos — por las columnas «ID del préstamo», «ID del cliente» y «Monto», sin ninguna columna propia de los borradores de préstamo.',
    );
    expect(validated.stdout).toContain('0 errores, 1 advertencia; 2 de 2 filas listas para enviar.');
    expect(validated.code).toBe(0);

    const previewed = await runCli(['preview', file], { cwd: dir, env: {} });
    const bodies = previewed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { endpoint: string; body: unknown });
    expect(bodies).toEqual([
      {
        endpoint: 'repayments',
        sheet: 'Pagos noviembre',
        rows: [2, 3],
        body: {
          repayments: [
            { loan_id: 'PE-1001', amount: 20.25 },
            { loan_id: 'PE-1002', amount: 15 },
          ],
        },
      },
    ]);
  });

  it('stops with exit 2 and names --kind when it cannot tell, and --kind settles it', async () => {
    const file = join(dir, 'export.csv');
    writeFileSync(file, 'Fecha de pago,ID préstamo,Capital,Interés,Monto\n2026-11-05,PE-1001,10,2,12\n');
    const asked = await runCli(['preview', file], { cwd: dir, env: {} });
    expect(asked.code).toBe(2);
    expect(asked.stdout).toBe('');
    expect(asked.stderr).toContain(
      'What sheet “export” holds is not decided (not decided — the columns fit repayment schedule or repayment report, and the sheet name does not say which); nothing was sent or written.',
    );
    expect(asked.stderr).toContain('Choose it: run again with --sheet “export” --kind repayments.');

    const chosen = await runCli(['preview', file, '--kind', 'repayments'], { cwd: dir, env: {} });
    expect(chosen.code).toBe(0);
    expect(chosen.stderr).toContain('Sheet “export”: repayment report — chosen by you.');
    expect(JSON.parse(chosen.stdout.trim())).toMatchObject({
      body: { repayments: [{ loan_id: 'PE-1001', amount: 12 }] },
    });
  });

  it('counts in French with Intl.PluralRules: 1 erreur, 0 avertissement', async () => {
    const file = join(dir, 'remboursements.csv');
    writeFileSync(file, 'N° du prêt,Nom de l’emprunteur,Montant remboursé\nP-1,Awa,-3\nP-2,Fatou,4\n');
    const run = await runCli(['validate', file], { cwd: dir, env: { KIVA_LANG: 'fr' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1 erreur, 0 avertissement\u202f; 1 ligne sur 2 prête à envoyer.');
    expect(run.stderr).toContain('Feuille «\u00a0remboursements\u00a0»\u00a0: rapport de remboursements');
  });
});
