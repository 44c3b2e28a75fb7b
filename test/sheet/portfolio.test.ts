/**
 * recognition: the portfolio check — a repayment report and a journals sheet against the loans Kiva lists, the
 * exact messages in en/es/fr compared with golden/portfolio-messages.json (after a deliberate change:
 * `UPDATE_GOLDEN=1 npx jest test/sheet/portfolio`, then review the diff), and the rules one by one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  convertWorkbook,
  formatIssue,
  groupCells,
  groupIssues,
  formatGroupMessage,
  portfolioOf,
  preview,
  REPAYING_STATUSES,
  repayingPortfolioOf,
  type ConvertInput,
  type ListedLoan,
  type RawCell,
} from '../../src/sheet';
import { grid, sortedJson } from './helpers';

/** What GET /loans says, as src/kiva reads it. */
const KIVA_LOANS: ListedLoan[] = [
  { internal_loan_id: '1040007', internal_client_id: '184003', status: 'payingBack' },
  { internal_loan_id: '000100', internal_client_id: '0000500', status: 'payingBack' },
  { internal_loan_id: 'PE-1001', internal_client_id: 'CLI-501', status: 'payingBack' },
  { internal_loan_id: '1040042', internal_client_id: '184018', status: 'ended' },
  { internal_loan_id: '1040063', internal_client_id: '184027', status: 'refunded' },
  { internal_loan_id: '1040014', internal_client_id: '184006', status: 'defaulted' },
  { internal_loan_id: '1040091', internal_client_id: '184039', status: 'fundRaising' },
  // Listed twice (it moved between pages): the status that still takes repayments wins.
  { internal_loan_id: '1040098', internal_client_id: '184042', status: 'ended' },
  { internal_loan_id: '1040098', internal_client_id: '184042', status: 'payingBack' },
  // No internal loan id: it cannot be reported through the API, and matches nothing.
  { internal_client_id: '184099', status: 'payingBack' },
];

const REPORT: RawCell[][] = [
  ['ID del préstamo', 'ID del cliente', 'Monto'],
  ['1040007', '184003', 25], // 2: paying back, its client
  [100, 500, 10], // 3: the same loan and client as Kiva's 000100 / 0000500, typed as numbers
  ['pe-1001', 'cli-501', 12.5], // 4: another case
  ['999999', '184000', 30], // 5: Kiva does not list it
  ['1040042', '184018', 15], // 6: ended
  ['1040063', '184027', 15], // 7: refunded
  ['1040014', '184099', 20], // 8: defaulted (repayable), but another client
  ['1040091', '184039', 5], // 9: still fundraising
  ['1040098', '184042', 8], // 10: listed twice
  ['888888', '184001', null], // 11: no amount: no repayment this period, not checked
];

const JOURNALS: RawCell[][] = [
  // A three-column partner's journals carry the client id too (without the column the sheet sends nothing).
  ['internal_loan_id', 'internal_client_id', 'subject', 'body'],
  ['1040042', '184018', 'Harvest', 'The harvest went well.'], // 2: ended loans take journals: no warning
  ['777777', '184001', 'Shop', 'A new shop.'], // 3: Kiva does not list it
];

/** recognition: the list as the Kiva loans sheet gives it when Kiva cannot be reached. */
const FROM_SHEET = { sheet: 'Kiva loans', readOn: '2026-12-02' };

function input(
  settings: ConvertInput['settings'] = {},
  withPortfolio = true,
  fromSheet?: typeof FROM_SHEET,
): ConvertInput {
  return {
    sheets: [grid('Pagos noviembre', REPORT), grid('Journals', JOURNALS)],
    settings: { threeColumn: true, ...settings },
    ...(withPortfolio ? { portfolio: portfolioOf(KIVA_LOANS, fromSheet) } : {}),
  };
}

const PORTFOLIO_CODES = ['loan-not-listed', 'loan-not-repaying', 'loan-id-spelling', 'client-id-mismatch'];

describe('the portfolio check', () => {
  it.each([
    ['portfolio-messages.json', undefined],
    // Offline: every finding also names the Kiva loans sheet and the day it was read.
    ['portfolio-offline-messages.json', FROM_SHEET],
  ])('words every finding at its cell in en/es/fr exactly as golden/%s says', (name, fromSheet) => {
    const golden: Record<string, string[]> = {};
    for (const language of ['en', 'es', 'fr'] as const) {
      const conversion = convertWorkbook(input({ language }, true, fromSheet));
      golden[language] = conversion.issues
        .filter((i) => PORTFOLIO_CODES.includes(i.code))
        .map((i) => `${i.severity} ${formatIssue(i, language)}`);
    }
    const file = join(__dirname, 'golden', name);
    const actual = sortedJson(golden);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
    expect(actual).toBe(sortedJson(JSON.parse(readFileSync(file, 'utf8'))));
  });

  it('finds the same offline as online: only the words that say where the list came from differ', () => {
    const online = convertWorkbook(input());
    const offline = convertWorkbook(input({}, true, FROM_SHEET));
    const where = (c: typeof online) => c.issues.map((i) => `${i.sheet}!${i.column}${i.row} ${i.severity} ${i.code}`);
    expect(where(offline)).toEqual(where(online));
    expect(offline.issues.filter((i) => PORTFOLIO_CODES.includes(i.code)).map((i) => i.params.listReadOn)).toEqual(
      Array(8).fill('2026-12-02'),
    );
  });

  it('sends what Kiva will take, and nothing it would refuse', () => {
    const conversion = convertWorkbook(input());
    const sent = preview(conversion).flatMap((item) => item.rows.map((r) => `${r.sheet}!${r.row}`));
    // Unknown loans (5, journal 3) and the wrong client (8) are errors: not sent. Warnings (6, 7, 9) are sent.
    expect(sent).toEqual([
      'Pagos noviembre!2',
      'Pagos noviembre!3',
      'Pagos noviembre!4',
      'Pagos noviembre!6',
      'Pagos noviembre!7',
      'Pagos noviembre!9',
      'Pagos noviembre!10',
      'Journals!2',
    ]);
    const codes = conversion.issues.map((i) => `${i.sheet}!${i.column}${i.row} ${i.severity} ${i.code}`);
    expect(codes).toEqual([
      // Matched across the zeros Excel dropped and another case, but said: Kiva may not read them so.
      'Pagos noviembre!A3 warning loan-id-spelling',
      'Pagos noviembre!A4 warning loan-id-spelling',
      'Pagos noviembre!A5 error loan-not-listed',
      'Pagos noviembre!A6 warning loan-not-repaying',
      'Pagos noviembre!A7 warning loan-not-repaying',
      'Pagos noviembre!B8 error client-id-mismatch',
      'Pagos noviembre!A9 warning loan-not-repaying',
      'Journals!A3 error loan-not-listed',
    ]);
    // The row's status says why it was not sent.
    const row5 = conversion.sheets[0]?.rows.find((r) => r.row === 5);
    expect(row5?.problem?.code).toBe('loan-not-listed');
  });

  it('with only the loans that take repayments, notes the rows whose loan is not among them and blames none', () => {
    const repaying = repayingPortfolioOf(KIVA_LOANS.filter((l) => REPAYING_STATUSES.includes(l.status ?? '')));
    const partial = convertWorkbook({ ...input(), portfolio: repaying });
    // Ended, refunded, fundraising or unknown: only the other statuses can tell (row 11 has no amount: not checked).
    expect([...(repaying.missed ?? [])].sort()).toEqual(['1040042', '1040063', '1040091', '777777', '999999']);
    const whole = convertWorkbook(input());
    const found = (c: typeof whole) => c.issues.map((i) => `${i.sheet}!${i.column}${i.row} ${i.code}`);
    // The rows whose loan was found are checked as against the whole list: spelling and client id alike.
    expect(found(partial)).toEqual(found(whole).filter((f) => !/loan-not-listed|loan-not-repaying/.test(f)));
    expect(found(partial)).toContain('Pagos noviembre!B8 client-id-mismatch');
    expect(portfolioOf(KIVA_LOANS).missed).toBeUndefined();
  });

  it('checks nothing without the list (Kiva out of reach: the run says so once, not per row)', () => {
    const conversion = convertWorkbook(input({}, false));
    expect(conversion.issues.filter((i) => i.code.startsWith('loan-not') || i.code === 'client-id-mismatch')).toEqual(
      [],
    );
    expect(preview(conversion).flatMap((item) => item.rows)).toHaveLength(11);
  });

  it('leaves client ids alone for two-column partners', () => {
    const conversion = convertWorkbook(input({ threeColumn: false }));
    expect(conversion.issues.some((i) => i.code === 'client-id-mismatch')).toBe(false);
    expect(conversion.issues.some((i) => i.code === 'loan-not-listed' && i.row === 5)).toBe(true);
  });

  it('groups the same finding in many rows into one line with its cells', () => {
    const rows: RawCell[][] = [['loan_id', 'amount']];
    for (let k = 0; k < 315; k++) rows.push([`X-${k}`, 10]);
    const conversion = convertWorkbook({ sheets: [grid('Repayments', rows)], portfolio: portfolioOf(KIVA_LOANS) });
    // Each row names its own loan id: 315 different messages, one per cell, never one blurred line.
    expect(groupIssues(conversion.issues)).toHaveLength(315);
    const ended: RawCell[][] = [['loan_id', 'amount']];
    for (let k = 0; k < 3; k++) ended.push(['1040042', 10]);
    const again = convertWorkbook({ sheets: [grid('Repayments', ended)], portfolio: portfolioOf(KIVA_LOANS) });
    const groups = groupIssues(again.issues.filter((i) => i.code === 'loan-not-repaying'));
    expect(groups.map((g) => `${groupCells(g, true)} ${formatGroupMessage(g, 'en')}`)).toEqual([
      'Repayments!A2:A4 In 3 rows: Kiva lists loan 1040042 as ended, not paying back: Kiva may not apply this repayment. Check the loan in PA2.',
    ]);
  });

  it('quotes a status this tool does not know, as Kiva spells it', () => {
    const conversion = convertWorkbook({
      sheets: [
        grid('Repayments', [
          ['loan_id', 'amount'],
          ['L1', 10],
        ]),
      ],
      settings: { language: 'fr' },
      portfolio: portfolioOf([{ internal_loan_id: 'L1', status: 'onHold' }]),
    });
    expect(conversion.issues.map((i) => formatIssue(i, 'fr'))).toEqual([
      'Repayments!A2\u00a0: Le prêt L1 est «\u00a0onHold\u00a0» selon Kiva, pas en remboursement\u00a0: Kiva risque de ne pas appliquer ce remboursement. Vérifiez le prêt dans PA2.',
    ]);
  });
});
