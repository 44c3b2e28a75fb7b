import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importLoans, refreshLists, repaymentsTemplate, saveMapping, send, validate } from '../../src/app';
import { LOAN_STATUSES } from '../../src/kiva';
import { detectKind, mapHeaders } from '../../src/sheet';
import { CLOCK, FakeKiva, FakeWorkbook } from './fakes';

describe('importLoans', () => {
  it('writes a repayments template from every payingBack and defaulted loan, one row per loan id', async () => {
    const workbook = new FakeWorkbook({ Repayments: [['loan_id', 'amount']] });
    const kiva = new FakeKiva();
    kiva.loans = [
      { internal_loan_id: '000100', internal_client_id: '0000500', name: 'José Quispe', status: 'payingBack', raw: {} },
      { internal_loan_id: '1040007', name: 'Grupo Esperanza', status: 'defaulted', raw: {} },
      { internal_loan_id: '000100', name: 'listed twice', status: 'payingBack', raw: {} },
      { name: 'no loan id', status: 'payingBack', raw: {} },
      // Read for the Kiva loans sheet (every status), not a row of the template.
      { internal_loan_id: '1040014', name: 'ended', status: 'ended', raw: {} },
    ];
    const result = await importLoans({ workbook, kiva }, {});
    expect(result).toEqual({
      ok: true,
      value: { sheet: 'Repayments 2', loans: 2, withoutLoanId: 1, kivaLoans: { sheet: 'Kiva loans', loans: 3 } },
    });
    // recognition: one read of every status serves the template and the Kiva loans sheet (portfolio-offline.test).
    expect(kiva.loanQueries).toEqual([{ statuses: LOAN_STATUSES }]);
    expect(workbook.written[0]?.table).toMatchObject({
      rows: [
        ['Loan ID', 'Borrower name', 'Amount'],
        ['000100', 'José Quispe', null],
        ['1040007', 'Grupo Esperanza', null],
      ],
      textColumns: [0],
    });
  });

  it.each(['en', 'es', 'fr'] as const)(
    'is a template: a first check gives no error and no warning (%s)',
    async (lang) => {
      const loans = Array.from({ length: 315 }, (_, k) => ({
        internal_loan_id: `L${k}`,
        internal_client_id: `C${k}`,
        name: `Borrower ${k}`,
        raw: {},
      }));
      for (const threeColumn of [false, true]) {
        const { table } = repaymentsTemplate(loans, lang, threeColumn);
        expect((table.rows[0] ?? []).length).toBe(threeColumn ? 4 : 3);
        const workbook = new FakeWorkbook({ [table.name]: table.rows });
        const checked = await validate(
          { workbook, kiva: new FakeKiva() },
          { scope: { kind: 'workbook' }, clock: CLOCK, settings: { language: lang, threeColumn }, write: false },
        );
        if (!checked.ok) throw new Error(checked.error.code);
        expect([checked.value.errorCount, checked.value.warningCount]).toEqual([0, 0]);
        expect(checked.value.rows).toMatchObject({ checked: 315, valid: 0, invalid: 0, noRepayment: 315 });
        expect(checked.value.sheets[0]).toMatchObject({
          kind: 'repayments',
          kindSource: 'headers',
          idle: 'no-repayment',
        });
        expect(checked.value.notices).toEqual([
          { code: 'no-repayment-rows', params: { sheet: table.name, count: 315 } },
        ]);
      }
    },
  );

  it('passes the statuses and the query on', async () => {
    const kiva = new FakeKiva();
    await importLoans({ workbook: new FakeWorkbook(), kiva }, { statuses: ['defaulted'], query: ' Quispe ' });
    expect(kiva.loanQueries).toEqual([{ statuses: LOAN_STATUSES }, { statuses: ['defaulted'], query: 'Quispe' }]);
  });

  it.each(['en', 'es', 'fr'] as const)('makes a sheet recognised as repayments, ready to send (%s)', async (lang) => {
    const { table } = repaymentsTemplate([{ internal_loan_id: 'L1', name: 'Ana', raw: {} }], lang);
    const header = (table.rows[0] ?? []).map(String);
    expect(detectKind(header, table.name).kind).toBe('repayments');
    const map = mapHeaders({ sheet: table.name, values: table.rows });
    expect(map.issues).toEqual([]);

    // Filled in and sent, the template goes out as a repayment report.
    const filled = table.rows.map((row, k) => (k === 0 ? row : [...row.slice(0, -1), 12.5]));
    const workbook = new FakeWorkbook({ [table.name]: filled });
    const kiva = new FakeKiva();
    await send({ workbook, kiva }, { scope: { kind: 'workbook' }, clock: CLOCK, settings: { language: lang } });
    expect(kiva.received.map((r) => r.body)).toEqual([{ repayments: [{ loan_id: 'L1', amount: 12.5 }] }]);
  });
});

describe('refreshLists', () => {
  it('replaces the Kiva lists sheet with Kiva’s four lists', async () => {
    const workbook = new FakeWorkbook({ 'Kiva lists': [['old']] });
    const result = await refreshLists({ workbook, kiva: new FakeKiva() });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.sheet).toBe('Kiva lists');
    expect(result.value.counts).toEqual({ activities: 15, themes: 4, locations: expect.any(Number), locales: 6 });
    expect(workbook.written[0]?.mode).toBe('replace');
    expect(workbook.sheets.map((s) => s.name)).toEqual(['Kiva lists']);
  });
});

describe('saveMapping', () => {
  it('keeps only what a mapping override may hold', async () => {
    const workbook = new FakeWorkbook();
    const sneaky = { version: 1, kind: 'repayments', columns: { Monto: 'amount' }, secret: 'x' } as never;
    await saveMapping({ workbook }, { sheet: 'Datos', override: sneaky });
    expect(workbook.mappings).toEqual({ Datos: { version: 1, kind: 'repayments', columns: { Monto: 'amount' } } });
  });
});

describe('src/app', () => {
  it('imports no Office, React, exceljs or Node built-ins: the ports bring the world in', () => {
    const dir = join(__dirname, '../../src/app');
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
      for (const spec of imports)
        expect(`${file}: ${spec}`).toMatch(/: \.\.?\/(?!.*\/(?:cli|excel|taskpane|server)\b)/);
    }
  });
});
