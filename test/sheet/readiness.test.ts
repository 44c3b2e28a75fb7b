/** What PA2 asks for before publishing, said before sending: warnings only, one per missing column, at the cell. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWorkbook, formatIssue, type RawCell } from '../../src/sheet';
import { CONFIG } from './fixtures/config-lists';
import { grid, sortedJson } from './helpers';

const TODAY = '2026-11-28';

function check(rows: RawCell[][], settings = {}) {
  return convertWorkbook({
    config: CONFIG,
    settings: { today: TODAY, ...settings },
    sheets: [grid('Préstamos', rows)],
  });
}

describe('PA2 publish readiness', () => {
  it('a half-empty Spanish MIS export: one warning per missing column, and a guess for the Sector column', () => {
    const c = check([
      ['Nº préstamo', 'Nombre', 'Sexo', 'Monto', 'Moneda', 'Sector'],
      ['P-1', 'Ana', 'mujer', 500, 'PEN', 'Agriculture'],
      ['P-2', 'Luz', 'mujer', 300, 'PEN', 'Agriculture'],
    ]);
    expect(c.errorCount).toBe(0);
    expect(c.requests).toHaveLength(2);
    const lines = c.issues.map((i) => `${i.severity} ${formatIssue(i)}`);
    expect(lines).toEqual([
      'warning Préstamos!A1: No column is “Activity”: PA2 will ask for it before publishing. Is it column F (Sector)? Map it on the Sheet tab.',
      'warning Préstamos!A1: No column is “Theme”: PA2 will ask for it on every loan before publishing.',
      'warning Préstamos!A1: No column is “Location”: PA2 will ask for it on every loan before publishing.',
      'warning Préstamos!A1: No column is “Description language”: PA2 will ask for it on every loan before publishing.',
      'warning Préstamos!A1: No column is “Disbursal date”: PA2 will ask for it on every loan before publishing.',
      'warning Préstamos!A1: No column is “Description”: PA2 will ask for it on every loan before publishing.',
      'warning Préstamos!A1: No column is “Loan use”: PA2 will ask for it on every loan before publishing.',
      'warning Préstamos!A1: No column is “Photo”: PA2 will ask for it on every loan before publishing.',
      'warning Préstamos!A1: No column is “Client waiver signed”: PA2 will ask for it on every loan before publishing.',
      'warning Préstamos!A1: No schedule sheet: PA2 will ask for a repayment schedule on every loan before publishing. Add a sheet with loan_id, date, principal and interest.',
    ]);
    // The field is named as the coordinator knows it, in their language (never Kiva's `client_waiver_signed`).
    const said = (lang: 'es' | 'fr') => c.issues.slice(0, 2).map((i) => formatIssue(i, lang));
    expect(said('es')).toEqual([
      'Préstamos!A1: Ninguna columna es «Actividad»: PA2 lo pedirá antes de publicar. ¿Es la columna F (Sector)? Asígnela en la pestaña Hoja.',
      'Préstamos!A1: Ninguna columna es «Tema»: PA2 lo pedirá en cada préstamo antes de publicar.',
    ]);
    expect(said('fr')).toEqual([
      'Préstamos!A1\u00a0: Aucune colonne n’est «\u00a0Activité\u00a0»\u00a0: PA2 le demandera avant publication. Est-ce la colonne F (Sector)\u202f? Associez-la dans l’onglet Feuille.',
      'Préstamos!A1\u00a0: Aucune colonne n’est «\u00a0Thème\u00a0»\u00a0: PA2 le demandera pour chaque prêt avant publication.',
    ]);
    expect(formatIssue(c.issues[8]!, 'es')).toBe(
      'Préstamos!A1: Ninguna columna es «Renuncia firmada»: PA2 lo pedirá en cada préstamo antes de publicar.',
    );
  });

  it('per loan: a waiver not signed, an amount at the local floor, a disbursal date near the 30-day limit', () => {
    const c = check(
      [
        ['loan_id', 'first_name', 'gender', 'amount', 'currency', 'disburse_time', 'client_waiver_signed'],
        ['L1', 'Ana', 'F', 15, 'PEN', '2026-11-01', 'no'],
        ['L2', 'Luz', 'F', 400, 'PEN', '2026-11-20', 'yes'],
      ],
      { localAmountFloor: 18 },
    );
    const codes = c.issues.filter((i) => i.row > 1).map((i) => `${i.column}${i.row}:${i.code}`);
    expect(codes).toEqual(['D2:amount-publish-minimum', 'F2:disburse-date-near-limit', 'G2:waiver-not-given']);
    expect(c.issues.every((i) => i.severity === 'warning')).toBe(true);
    const message = (code: string, lang: 'en' | 'es' | 'fr') =>
      formatIssue(
        c.issues.find((i) => i.code === code)!,
        lang,
      );
    expect(message('amount-publish-minimum', 'en')).toBe(
      'Préstamos!D2: The loan amount 15.00 is at or below Kiva’s publish minimum (18.00 PEN). Because the setting “Publish minimum in local currency” is “18.00” (Settings, on the pane’s Tools tab).',
    );
    expect(message('disburse-date-near-limit', 'es')).toBe(
      'Préstamos!F2: Fecha de desembolso 2026-11-01: PA2 publica un préstamo solo hasta 30 días después del desembolso, es decir hasta el 2026-11-30.',
    );
    expect(c.requests).toHaveLength(2);
  });
});

/** Every readiness warning, in every language, exactly as the golden file says (UPDATE_GOLDEN=1 rewrites it). */
describe('readiness warnings, golden', () => {
  it('words each one at its cell in en/es/fr', () => {
    // Without a schedule sheet: the missing columns (one with a guess) and the per-loan warnings.
    const bare = (language: 'en' | 'es' | 'fr') =>
      convertWorkbook({
        config: CONFIG,
        settings: { today: TODAY, localAmountFloor: 18, language },
        sheets: [
          grid('Préstamos', [
            [
              'loan_id',
              'first_name',
              'gender',
              'amount',
              'currency',
              'disburse_time',
              'client_waiver_signed',
              'Sector',
            ],
            ['L1', 'Ana', 'F', 15, 'PEN', '2026-11-01', 'no', 'Agriculture'],
            ['L2', 'Luz', 'desconocido', 4, 'USD', '2026-11-20', 'sí', 'Bakery'],
          ]),
        ],
      });
    // With one: a loan it does not cover, and an empty cell in a column PA2 needs.
    const scheduled = (language: 'en' | 'es' | 'fr') =>
      convertWorkbook({
        config: CONFIG,
        settings: { today: TODAY, language },
        sheets: [
          grid('Loans', [
            ['loan_id', 'first_name', 'gender', 'amount', 'activity', 'description'],
            ['L1', 'Ana', 'F', 300, 'Agriculture', 'Ana grows potatoes.'],
            ['L2', 'Luz', 'F', 200, 'Bakery', ''],
          ]),
          grid('Schedule', [
            ['loan_id', 'date', 'principal', 'interest'],
            ['L1', '2026-12-28', 150, 5],
            ['L1', '2027-01-28', 150, 5],
          ]),
        ],
      });
    const golden: Record<string, string[]> = {};
    for (const language of ['en', 'es', 'fr'] as const) {
      const conversions = [bare(language), scheduled(language)];
      for (const c of conversions) {
        expect(c.errorCount).toBe(0);
        expect(c.issues.every((i) => i.severity === 'warning')).toBe(true);
      }
      golden[language] = conversions.flatMap((c) => c.issues.map((i) => `${i.code} ${formatIssue(i, language)}`));
    }
    // Every readiness code is in the file.
    const codes = new Set(golden.en?.map((line) => line.split(' ')[0]));
    for (const code of [
      'publish-column-missing',
      'publish-column-guess',
      'schedule-sheet-missing',
      'schedule-missing',
      'recommended-missing',
      'waiver-not-given',
      'amount-publish-minimum',
      'disburse-date-near-limit',
      'gender-not-given',
    ]) {
      expect(codes).toContain(code);
    }
    const file = join(__dirname, 'golden', 'readiness-messages.json');
    const actual = sortedJson(golden);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
    expect(actual).toBe(sortedJson(JSON.parse(readFileSync(file, 'utf8'))));
  });
});
