/** The preview's one line per request, in en/es/fr (French typography), counted as the Send tab counts. */
import { uiText, type UiLanguage } from '../../src/i18n';
import type { PreviewItem } from '../../src/sheet';
import { previewSummary } from '../../src/taskpane/preview-summary';

const rows = (...numbers: number[]) => numbers.map((row) => ({ sheet: 'Loans', row }));
const item = (endpoint: PreviewItem['endpoint'], body: PreviewItem['body'], rowNumbers: number[]): PreviewItem => ({
  position: 1,
  endpoint,
  rows: rows(...rowNumbers),
  rowsText: '',
  body,
  json: JSON.stringify(body),
});

const group = item(
  'loan_draft',
  {
    group_name: 'Las Flores',
    currency: 'PEN',
    disburse_time: '2026-11-02',
    entreps: [
      { first_name: 'Ana', last_name: 'Quispe', amount: 500 },
      { first_name: 'Rosa', last_name: 'Mamani', amount: 1000.5 },
    ],
  },
  [2, 3],
);
const single = item(
  'loan_draft',
  { currency: 'XOF', entreps: [{ first_name: 'Awa', last_name: 'Diop', amount: 150000 }] },
  [4],
);
const repayments = item(
  'repayments',
  {
    repayments: [
      { loan_id: '1', amount: 100.25 },
      { loan_id: '2', amount: 40 },
    ],
  },
  [2, 3],
);
const journals = item(
  'journals',
  [
    { internal_loan_id: '1', subject: 'New stall', body: 'x' },
    { internal_loan_id: '2', subject: 'Harvest', body: 'y' },
    { internal_loan_id: '3', subject: 'School fees', body: 'z' },
  ],
  [2, 3, 4],
);

const line = (lang: UiLanguage, i: PreviewItem) => previewSummary(lang, uiText(lang), i);

describe('preview summaries', () => {
  it('in English', () => {
    expect(line('en', group)).toBe('1 loan (2 rows) · group “Las Flores” · PEN\u00a01,500.50 · disbursed Nov 2, 2026');
    expect(line('en', single)).toBe('1 loan · for Awa Diop · XOF\u00a0150,000');
    expect(line('en', repayments)).toBe('2 repayments · total 140.25');
    expect(line('en', journals)).toBe('3 journal updates · “New stall”, “Harvest”, and 1 more');
  });

  it('in Spanish', () => {
    expect(line('es', group)).toMatch(
      /^1 préstamo \(2 filas\) · grupo «Las Flores» · 1500,50\sPEN · desembolso 2 nov 2026$/,
    );
    expect(line('es', repayments)).toBe('2 pagos · total 140,25');
  });

  it('in French, with its no-break spaces', () => {
    const text = line('fr', group);
    expect(text).toContain('groupe «\u00a0Las Flores\u00a0»');
    expect(text).toMatch(/^1 prêt \(2 lignes\) · /);
    expect(text).toContain('décaissé le 2 nov. 2026');
    expect(line('fr', journals)).toContain('«\u00a0New stall\u00a0»');
    expect(line('fr', journals)).toMatch(/et 1 autre$/);
  });
});
