/** The same message in many rows is one line with its cells, in the user's language (a child process, no Kiva). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './harness';

describe('kiva-sheets validate groups identical messages', () => {
  it('one line per message and column, with runs of cells and the row count', async () => {
    const dir = tempDir();
    const file = join(dir, 'pagos.csv');
    writeFileSync(file, 'loan_id,amount\n1,veinte\n2,veinte\n3,veinte\n5,10\n6,veinte\n7,-1\n');
    const run = await runCli(['validate', file], { cwd: dir, env: { KIVA_LANG: 'es' } });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((l) => l !== '')).toEqual([
      'pagos!B2:B4, B6  error  En 4 filas: «veinte» no es un número.',
      // A message quoting another value is another message.
      'pagos!B7  error  El monto debe ser 0 o más (se encontró -1).',
      '5 errores, 0 advertencias; 1 de 6 filas listas para enviar.',
    ]);
  });
});
