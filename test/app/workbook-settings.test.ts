/**
 * recognition: the checks' settings saved in the workbook apply to every run, under what a run is told explicitly,
 * and every message a setting causes names it ("because the setting X is Y").
 */
import { validate } from '../../src/app';
import { formatIssue, parseWorkbookSettings, serialiseWorkbookSettings } from '../../src/sheet';
import { CLOCK, FakeKiva, FakeWorkbook } from './fakes';

const book = (): FakeWorkbook =>
  new FakeWorkbook({
    Repayments: [
      ['loan_id', 'client_id', 'amount'],
      ['L1', 'C1', '25,5'],
      ['L2', '', 0],
    ],
  });

async function messages(workbook: FakeWorkbook, lang: 'en' | 'es' | 'fr', threeColumn?: boolean) {
  const result = await validate(
    { workbook, kiva: new FakeKiva() },
    {
      scope: { kind: 'sheet', sheet: 'Repayments' },
      clock: CLOCK,
      write: false,
      settings: { language: lang, ...(threeColumn !== undefined ? { threeColumn } : {}) },
    },
  );
  if (!result.ok) throw new Error(result.error.code);
  return result.value.issues.map((i) => `${i.severity} ${formatIssue(i, lang)}`);
}

describe('settings saved in the workbook', () => {
  it('defaults: 25,5 refused naming the decimal separator setting; client_id ignored naming the format', async () => {
    expect(await messages(book(), 'en')).toEqual([
      'warning Repayments!B1: Column “client_id” is not sent. Because the setting “Repayment report format” is “two columns (loan id, amount)” (Settings, on the pane’s Tools tab).',
      'error Repayments!C2: “25,5” is not written with the decimal separator “.”. Because the setting “Decimal separator” is “point (1234.5)” (Settings, on the pane’s Tools tab).',
      'warning Repayments!C3: A repayment of 0 is sent as 0 (nothing repaid this period). Leave the amount empty if this loan is not reported; your Settings can make 0 an error.',
    ]);
  });

  it('the workbook’s settings apply: comma decimals, three columns, 0 refused — each message naming its setting', async () => {
    const workbook = book();
    workbook.settings = { decimalSeparator: ',', threeColumn: true, zeroRepayment: 'error' };
    expect(await messages(workbook, 'fr')).toEqual([
      'error Repayments!B3\u00a0: «\u00a0client_id\u00a0» est obligatoire. Parce que le réglage «\u00a0Format du rapport de remboursements\u00a0» est «\u00a0trois colonnes (identifiant du prêt, identifiant client, montant)\u00a0» (Réglages, dans l’onglet Outils du volet).',
      'error Repayments!C3\u00a0: Un remboursement de 0 est envoyé comme 0 (rien remboursé sur cette période). Laissez le montant vide si ce prêt n’est pas déclaré\u202f; vos Réglages peuvent faire de 0 une erreur. Parce que le réglage «\u00a0Un remboursement de 0\u00a0» est «\u00a0une erreur\u00a0» (Réglages, dans l’onglet Outils du volet).',
    ]);
    expect((await messages(workbook, 'es')).join('\n')).toMatch(
      /Porque el ajuste «Formato del reporte de pagos» es «tres columnas/,
    );
  });

  it('what a run is told explicitly (KIVA_CSV_FORMAT on the command line) wins over the workbook', async () => {
    const workbook = book();
    workbook.settings = { threeColumn: true };
    const lines = await messages(workbook, 'en', false);
    expect(lines[0]).toMatch(/^warning Repayments!B1: Column “client_id” is not sent\./);
  });

  it('reads what it knows, leaves out the rest, and writes a fixed order', () => {
    expect(parseWorkbookSettings('{"threeColumn":true,"decimalSeparator":";","localAmountFloor":18,"x":1}')).toEqual({
      threeColumn: true,
      localAmountFloor: 18,
    });
    // Office gives the stored value back as it was saved: a JSON text, itself JSON-quoted in the file.
    expect(parseWorkbookSettings(JSON.stringify('{"zeroRepayment":"error"}'))).toEqual({ zeroRepayment: 'error' });
    expect(parseWorkbookSettings('not json')).toEqual({});
    expect(serialiseWorkbookSettings({ zeroRepayment: 'error', decimalSeparator: ',' })).toBe(
      '{"decimalSeparator":",","zeroRepayment":"error"}',
    );
  });
});
