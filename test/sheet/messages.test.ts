import { CATALOGUES, formatIssue, formatMessage, type Issue, type IssueCode } from '../../src/sheet';

const codes = Object.keys(CATALOGUES.en.issues) as IssueCode[];

describe('message catalogue', () => {
  it('has every code in English, Spanish and French, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of codes) {
      for (const lang of ['es', 'fr'] as const) {
        const text = CATALOGUES[lang].issues[code];
        expect(text).toBeTruthy();
        expect([code, lang, placeholders(text)]).toEqual([code, lang, placeholders(CATALOGUES.en.issues[code])]);
      }
    }
  });

  it('never starts a message with a character Excel would read as a formula', () => {
    for (const cat of Object.values(CATALOGUES))
      for (const text of Object.values(cat.issues)) expect(text).not.toMatch(/^[=+\-@]/);
  });

  const issue = (sheet: string, column: string, row: number, code: IssueCode, params: Issue['params']): Issue => ({
    sheet,
    row,
    column,
    code,
    severity: 'error',
    params,
  });

  it.each<[Issue, 'en' | 'es' | 'fr', string]>([
    [
      issue('Loans', 'F', 7, 'amount-not-positive', { value: '-5' }),
      'en',
      'Loans!F7: The amount must be greater than 0 (found -5).',
    ],
    [
      issue('Loans', 'F', 7, 'amount-not-positive', { value: '-5' }),
      'es',
      'Loans!F7: El monto debe ser mayor que 0 (se encontró -5).',
    ],
    [
      issue('Loans', 'F', 7, 'amount-not-positive', { value: '-5' }),
      'fr',
      'Loans!F7\u00a0: Le montant doit être supérieur à 0 (trouvé -5).',
    ],
    [
      issue('Préstamos 2026', 'B', 3, 'date-invalid', { value: '2026-02-30' }),
      'es',
      "'Préstamos 2026'!B3: 2026-02-30 no es una fecha real: revise el día y el mes.",
    ],
    [issue("O'Brien", 'A', 1, 'sheet-empty', {}), 'en', "'O''Brien'!A1: The sheet is empty: the headers go in row 1."],
    [
      issue('Loans', 'I', 2, 'lookup-unknown', {
        list: 'activity',
        value: 'Agricultre',
        choices: ['Agriculture', 'Poultry'],
      }),
      'fr',
      'Loans!I2\u00a0: «\u00a0Agricultre\u00a0» ne figure pas dans votre liste Kiva des activités. Le plus proche\u00a0: Agriculture, Poultry.',
    ],
    [
      issue('Loans', 'I', 2, 'lookup-unknown', { list: 'activity', value: '999', choices: [] }),
      'en',
      'Loans!I2: “999” is not in your Kiva activities list. Closest: none.',
    ],
  ])('%j in %s', (i, lang, text) => {
    expect(formatIssue(i, lang)).toBe(text);
  });

  it('leaves an unknown placeholder visible rather than inventing a value', () => {
    expect(formatMessage('not-a-number', {})).toBe('“{value}” is not a number.');
  });
});
