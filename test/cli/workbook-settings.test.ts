/**
 * recognition (issue #11): `kiva-sheets validate` (a child process) follows the settings the pane saved in the
 * .xlsx (its web extension part, `KivaSheets.settings`) on both ways the command line reads a workbook: the lean
 * reader, and the exceljs fallback for a file the lean path does not handle (here: a styles part without fills,
 * as minimal generators write it). exceljs itself does not read add-in parts. A setting the run took elsewhere
 * (KIVA_CSV_FORMAT, a `;` CSV) is named as such in the messages it causes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XlsxLeanWorkbookFile } from '../../src/cli/files/xlsx-lean-workbook';
import { limitsFrom } from '../../src/cli/files/zip';
import { addZipEntry, changeZipEntry, runCli, tempDir, writeWorkbook } from './harness';

/** The part Excel writes for an add-in's document settings; the value is JSON text, quoted again as Excel does. */
function addinPart(settings: object): string {
  const value = JSON.stringify(JSON.stringify(settings)).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{5A1B7E22-0C3D-4F7A-9B1E-3C2D1A0B9F88}">
  <we:reference id="00000000-0000-0000-0000-000000000000" version="1.0.0.0" store="developer" storeType="Registry"/>
  <we:properties><we:property name="KivaSheets.settings" value="${value}"/></we:properties>
</we:webextension>`;
}

type Reader = 'lean' | 'exceljs';

/** A two-column report typed with decimal commas, its settings saved by the pane, read by `reader`. */
async function report(reader: Reader, settings?: object): Promise<string> {
  const file = join(tempDir(), 'Pagos.xlsx');
  await writeWorkbook(file, [
    {
      name: 'Pagos noviembre',
      rows: [
        ['ID del préstamo', 'Monto'],
        ['000100', '25,5'],
        ['1040007', '1234,75'],
      ],
    },
  ]);
  if (settings !== undefined) addZipEntry(file, 'xl/webextensions/webextension1.xml', addinPart(settings));
  if (reader === 'exceljs') {
    changeZipEntry(file, 'xl/styles.xml', (xml) => xml.replace(/<fills count="2">.*?<\/fills>/, '<fills count="0"/>'));
  }
  // Which reader takes the file is the premise of each case: checked, not assumed.
  const lean = await XlsxLeanWorkbookFile.open(file, { redact: (t) => t, limits: limitsFrom({}) });
  expect('unsupported' in lean).toBe(reader === 'exceljs');
  return file;
}

const validate = (file: string, env: Record<string, string> = {}) =>
  runCli(['validate', file], { cwd: join(file, '..'), env: { KIVA_LANG: 'es', ...env } });

describe.each<Reader>(['lean', 'exceljs'])('the workbook’s own settings, read by the %s reader', (reader) => {
  it('comma as decimal separator: 25,5 and 1234,75 are amounts', async () => {
    const run = await validate(await report(reader, { decimalSeparator: ',' }));
    expect(run.stdout).toBe('0 errores, 0 advertencias; 2 de 2 filas listas para enviar.\n');
    expect(run.code).toBe(0);
  });

  it('without them, the same amounts are refused, naming the setting', async () => {
    const run = await validate(await report(reader));
    expect(run.stdout.split('\n')[0]).toBe(
      "'Pagos noviembre'!B2  error  «25,5» no está escrito con el separador decimal «.». Porque el ajuste «Separador decimal» es «punto (1234.5)» (Ajustes, en la pestaña Herramientas del panel).",
    );
    expect(run.code).toBe(1);
  });

  it('three columns: the report wants its client id column; KIVA_CSV_FORMAT still wins', async () => {
    const file = await report(reader, { decimalSeparator: ',', threeColumn: true });
    const run = await validate(file);
    expect(run.stdout.split('\n')).toEqual([
      "'Pagos noviembre'!A1  error  Falta una columna para «client_id»: agregue una columna con ese encabezado. Porque el ajuste «Formato del reporte de pagos» es «tres columnas (ID del préstamo, ID del cliente, monto)» (Ajustes, en la pestaña Herramientas del panel).",
      '1 error, 0 advertencias; 0 de 2 filas listas para enviar.',
      '',
    ]);
    expect(run.code).toBe(1);
    const told = await validate(file, { KIVA_CSV_FORMAT: 'two-column' });
    expect(told.stdout).toBe('0 errores, 0 advertencias; 2 de 2 filas listas para enviar.\n');
  });

  it('a setting the environment gave is named as the variable, not as the pane’s Settings', async () => {
    const run = await validate(await report(reader, { decimalSeparator: ',' }), { KIVA_CSV_FORMAT: 'three-column' });
    expect(run.stdout.split('\n')[0]).toBe(
      "'Pagos noviembre'!A1  error  Falta una columna para «client_id»: agregue una columna con ese encabezado. Porque KIVA_CSV_FORMAT=three-column está definido para la línea de comandos (en su entorno o en un archivo .env).",
    );
  });
});

describe('a setting the file itself implies', () => {
  it('a “;” CSV reads decimal commas, and says that is why, not the pane’s Settings', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pagos.csv'), 'ID del préstamo;Monto\n000100;12.50\n1040007;12,50\n');
    const run = await runCli(['validate', join(dir, 'pagos.csv')], { cwd: dir, env: { KIVA_LANG: 'fr' } });
    expect(run.stdout.split('\n')).toEqual([
      'pagos!B2  error  «\u00a012.50\u00a0» n’est pas écrit avec le séparateur décimal «\u00a0,\u00a0». Parce que ce fichier sépare ses champs par des points-virgules, ce qui va avec la virgule décimale.',
      expect.stringMatching(/^1 erreur, 0 avertissement\u202f; 1 ligne sur 2 prête à envoyer\.$/),
      '',
    ]);
  });
});
