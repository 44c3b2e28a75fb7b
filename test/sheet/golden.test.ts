/**
 * Small workbooks built by code → the exact bodies Kiva would receive, compared byte for byte (after sorting
 * keys) with the files in golden/. After a deliberate change: `UPDATE_GOLDEN=1 npx jest test/sheet/golden`, then
 * `npx prettier --write test/sheet/golden`, and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWorkbook, preview, type ConvertInput, type RawCell } from '../../src/sheet';
import { CONFIG } from './fixtures/config-lists';
import { grid, serial, sortedJson } from './helpers';

const TODAY = '2026-11-28';
const PHOTO = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAgGBgcGBQg=';

function golden(name: string, input: ConvertInput): void {
  const conversion = convertWorkbook(input);
  expect(conversion.errorCount).toBe(0);
  const actual = sortedJson(preview(conversion).map(({ endpoint, rows, body }) => ({ endpoint, rows, body })));
  const file = join(__dirname, 'golden', `${name}.json`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  // Canonical form on both sides, so the files may be re-indented by prettier without breaking the comparison.
  expect(actual).toBe(sortedJson(JSON.parse(readFileSync(file, 'utf8'))));
}

describe('golden request bodies', () => {
  it('an individual loan with a 12-instalment schedule', () => {
    const schedule: RawCell[][] = [['ID préstamo', 'Fecha', 'Capital', 'Interés']];
    // Written out of order on purpose: Kiva gets them sorted by date.
    for (const k of [12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) {
      const month = ((11 + k - 1) % 12) + 1;
      const year = 2026 + Math.floor((11 + k - 1) / 12);
      const date = `${year}-${String(month).padStart(2, '0')}-20`;
      schedule.push(['001042', k % 2 === 0 ? date : serial(date), k === 12 ? 100.05 : 100, 12.5]);
    }
    golden('individual-loan', {
      config: CONFIG,
      settings: { today: TODAY },
      resolvePhoto: (name) => (name === 'maria.jpg' ? { dataUri: PHOTO } : { error: 'not-found' }),
      sheets: [
        grid(
          'Préstamos',
          [
            [
              'ID préstamo',
              'ID cliente',
              'Nombre',
              'Apellido',
              'Sexo',
              'Monto',
              'Actividad',
              'Tema',
              'Ubicación',
              'Idioma',
              'Moneda',
              'Fecha de desembolso',
              'Historia',
              'Uso del préstamo',
              'Renuncia firmada',
              'Foto',
              'Notas',
            ],
            [
              '001042',
              184729,
              'María José',
              'Quispe Ñahui',
              'mujer',
              1200.05,
              'Agriculture',
              'General',
              'Ñaña',
              'Spanish',
              'pen',
              serial('2026-11-20'),
              'María cultiva papas en Ñaña desde hace 12 años.',
              'comprar semillas y abono',
              'sí',
              'maria.jpg',
              'call back Friday',
            ],
          ],
          { formats: [[], [...(Array(11).fill(undefined) as undefined[]), 'dd/mm/yyyy']] },
        ),
        grid('Calendario', schedule, { formats: schedule.map(() => [undefined, 'yyyy-mm-dd']) }),
      ],
    });
  });

  it('a group loan of three with not_pictured', () => {
    golden('group-loan', {
      config: CONFIG,
      settings: { today: TODAY },
      resolvePhoto: () => ({ dataUri: PHOTO }),
      sheets: [
        grid('Loans', [
          [
            'loan_id',
            'client_id',
            'first_name',
            'last_name',
            'gender',
            'amount',
            'internal_loan_id',
            'group_name',
            'internal_client_id',
            'not_pictured',
            'activity',
            'theme',
            'location',
            'language',
            'currency',
            'disburse_time',
            'description',
            'loanuse',
            'photo',
          ],
          [
            'G7-1',
            'C-101',
            'Awa',
            'Diop',
            'F',
            150,
            'G7',
            'Jàmm Ak Xéewal',
            'GC-7',
            '',
            'Food Market',
            'Green',
            'Dakar',
            'fr',
            'XOF',
            '2026-12-01',
            'Trois voisines vendent au marché de Dakar.',
            'acheter du poisson',
            'groupe7.jpg',
          ],
          ['G7-2', 'C-102', 'Fatou', 'Sow', 'femme', 150, 'G7', '', '', 'x', '', '', '', '', '', '', '', '', ''],
          [
            'G7-3',
            'C-103',
            'Moussa',
            'Ndiaye',
            'homme',
            200,
            'G7',
            'Jàmm Ak Xéewal',
            '',
            'non',
            'Food Market',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
          ],
        ]),
      ],
    });
  });

  it('1,000 repayments cut into calls of 250', () => {
    const rows: RawCell[][] = [['Loan ID', 'Client ID', 'Amount', 'Kiva status']];
    for (let n = 0; n < 1000; n++)
      rows.push([String(1042000 + n).padStart(8, '0'), `C${n}`, (n % 97) + 1 + 0.25 * (n % 4), '']);
    golden('repayments-1000', {
      settings: { threeColumn: true },
      sheets: [grid('Repayments', rows)],
    });
  });

  it('journals, wrapped', () => {
    golden('journals', {
      settings: { journalsBody: 'wrapped', journalsPerCall: 10 },
      sheets: [
        grid('Journals', [
          ['internal_loan_id', 'subject', 'body', 'image_url'],
          ['G7', 'Première récolte', 'Awa a vendu toute sa marchandise avant midi.', 'https://example.org/awa.jpg'],
          [1042, '', 'Second update\nwith two lines.', ''],
        ]),
      ],
    });
  });
});
