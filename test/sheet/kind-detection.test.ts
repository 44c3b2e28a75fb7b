/**
 * Which kind a sheet is read as, from headers partners really use (MIS exports, PA2 templates, hand-made sheets in
 * English, Spanish and French), and that nothing is ever read as loan drafts without a loans-only column.
 */
import fc from 'fast-check';
import {
  aliasesOf,
  describeKind,
  detectKind,
  KIND_FIELDS,
  mapHeaders,
  SHEET_KINDS,
  type FieldName,
} from '../../src/sheet';
import { HEADER_INDEX, LOANS_ONLY } from '../../src/sheet/fields';
import { grid } from './helpers';

type Expected = 'loans' | 'schedule' | 'repayments' | 'journals' | 'ask' | 'none';

const CASES: [string, string[], Expected][] = [
  // Repayment reports: a loan id and an amount, names neutral.
  ['Pagos noviembre', ['ID del préstamo', 'ID del cliente', 'Nombre', 'Monto'], 'repayments'],
  ['Hoja1', ['ID del préstamo', 'ID del cliente', 'Nombre', 'Monto'], 'repayments'],
  ['Sheet1', ['loan_id', 'amount'], 'repayments'],
  ['Repayments', ['loan_id', 'client_id', 'Borrower name', 'amount'], 'repayments'],
  ['Reembolsos', ['loan_id', 'client_id', 'Nombre del prestatario', 'amount'], 'repayments'],
  ['Remboursements', ['loan_id', 'client_id', 'Nom de l’emprunteur', 'amount'], 'repayments'],
  ['Remboursements novembre', ['N° du prêt', 'Nom de l’emprunteur', 'Montant remboursé'], 'repayments'],
  ['Export', ['Nº préstamo', 'Cliente', 'Monto pagado'], 'repayments'],
  ['Cobranza', ['No. de crédito', 'Nombre completo', 'Abono'], 'repayments'],
  ['Pagos', ['Fecha de pago', 'ID del préstamo', 'Monto'], 'repayments'],
  ['Paiements', ['Date de paiement', 'Numéro du prêt', 'Montant payé'], 'repayments'],
  ['Loan Repayments', ['Loan Account No', 'Client Name', 'Transaction Date', 'Amount'], 'repayments'],
  ['Sheet1', ['Loan Account No', 'Transaction Date', 'Principal', 'Interest', 'Amount'], 'repayments'],
  ['Mifos export', ['Loan Account Number', 'Client Account No', 'Client Name', 'Amount Paid'], 'repayments'],
  ['PA2 upload', ['Loan ID', 'Client ID', 'Amount'], 'repayments'],
  ['Report', ['LOAN-ID', 'Repayment amount'], 'repayments'],
  ['Versements', ['Réf prêt', 'Nom du client', 'Versement'], 'repayments'],
  // A payment date and a sector beside the amount (a Spanish MIS export): still a repayment report, not a schedule
  // (no principal or interest) nor loan drafts (`Sector` is no Kiva field).
  ['Pagos noviembre', ['ID del préstamo', 'Monto', 'Fecha de pago', 'Sector'], 'repayments'],
  ['Hoja1', ['ID del préstamo', 'Monto', 'Fecha de pago', 'Sector'], 'repayments'],
  ['November', ['Loan ID', 'Amount', 'Payment date', 'Sector'], 'repayments'],
  ['Remboursements', ['N° du prêt', 'Montant remboursé', 'Date de paiement', 'Secteur'], 'repayments'],
  // Loans: only with a field a repayment report never has.
  ['Préstamos', ['ID préstamo', 'Nombre', 'Apellido', 'Sexo', 'Monto'], 'loans'],
  [
    'Cartera',
    ['Nº préstamo', 'Nombre', 'Apellido', 'Sexo', 'Monto', 'Sector', 'Ubicación', 'Moneda', 'Fecha de desembolso'],
    'loans',
  ],
  ['Hoja1', ['ID préstamo', 'Nombre', 'Sexo', 'Monto', 'Actividad'], 'loans'],
  ['Prêts', ['N° du prêt', 'Prénom', 'Nom', 'Sexe', 'Montant', 'Activité', 'Date de décaissement'], 'loans'],
  ['Loans', ['Loan ID', 'First name', 'Gender', 'Loan amount', 'Loan use', 'Description'], 'loans'],
  [
    'Kiva upload',
    ['Client ID', 'Loan ID', 'First Name', 'Last Name', 'Gender', 'Loan Amount', 'Sector', 'Loan Use'],
    'loans',
  ],
  [
    'MIS',
    ['Código de cliente', 'Nº crédito', 'Nombres', 'Género', 'Monto desembolsado', 'Fecha de desembolso'],
    'loans',
  ],
  ['Grupos', ['ID préstamo grupal', 'Nombre del grupo', 'Nombre', 'Monto', 'No aparece en la foto'], 'loans'],
  ['Brouillons', ['Identifiant du prêt', 'Prénom', 'Montant', 'Devise', 'Langue'], 'loans'],
  ['Sheet2', ['loan_id', 'first_name', 'amount', 'photo'], 'loans'],
  ['Borradores', ['loan_id', 'first_name', 'amount', 'Renuncia firmada'], 'loans'],
  // Schedules: a date WITH principal or interest.
  ['Schedule', ['loan_id', 'date', 'principal', 'interest'], 'schedule'],
  ['Cronograma', ['ID préstamo', 'Fecha', 'Capital', 'Interés'], 'schedule'],
  ['Échéancier', ['N° du prêt', 'Échéance', 'Capital', 'Intérêts'], 'schedule'],
  ['Hoja3', ['Nº préstamo', 'Fecha de vencimiento', 'Amortización', 'Intereses'], 'schedule'],
  ['Plan de pagos', ['ID préstamo', 'Fecha de pago', 'Capital', 'Interés', 'Monto'], 'schedule'],
  ['Calendrier', ['Loan ID', 'Due date', 'Principal due', 'Interest due'], 'schedule'],
  // Journals.
  ['Journals', ['internal_loan_id', 'subject', 'body'], 'journals'],
  ['Diario', ['ID préstamo', 'Asunto', 'Mensaje'], 'journals'],
  ['Journaux', ['N° du prêt', 'Sujet', 'Texte', 'URL de l’image'], 'journals'],
  ['Updates', ['Loan ID', 'Title', 'Text'], 'journals'],
  // The sheet name decides when the headers fit several kinds.
  ['Pagos octubre', ['Fecha de pago', 'ID préstamo', 'Capital', 'Interés', 'Monto'], 'repayments'],
  ['Remboursements', ['Date de paiement', 'N° prêt', 'Capital', 'Intérêts', 'Montant'], 'repayments'],
  ['Reembolsos', ['ID préstamo', 'Monto'], 'repayments'],
  ['Cronograma', ['Loan ID', 'Fecha', 'Capital', 'Monto'], 'schedule'],
  ['Reembolsos noviembre', ['loan_id'], 'repayments'],
  ['Journal', ['loan_id'], 'journals'],
  // Still undecided: ask, never loan drafts.
  ['Hoja1', ['Fecha de pago', 'ID préstamo', 'Capital', 'Interés', 'Monto'], 'ask'],
  ['Sheet1', ['Loan Account No', 'Due Date', 'Principal', 'Interest', 'Amount'], 'ask'],
  ['Loans', ['Loan ID', 'Client ID', 'Name', 'Amount'], 'ask'],
  ['Préstamos', ['ID del préstamo', 'ID del cliente', 'Nombre', 'Monto'], 'ask'],
  ['Pagos', ['ID préstamo', 'Nombre', 'Sexo', 'Monto'], 'ask'],
  ['Cronograma', ['ID préstamo', 'Fecha', 'Monto'], 'ask'],
  ['Notes', ['loan_id'], 'ask'],
  ['Feuil1', ['N° du prêt', 'Nom de l’emprunteur'], 'ask'],
  // Nothing for Kiva.
  ['Notes', ['foo', 'bar'], 'none'],
  ['Kiva log', ['Time', 'Environment', 'Endpoint', 'Rows'], 'none'],
  // recognition: the Kiva loans sheet (the portfolio check's list), in any of its names, whatever its headers.
  ['Kiva loans', ['loan_id', 'client_id', 'status', 'read_at'], 'none'],
  ['Kiva loans', ['loan_id', 'amount'], 'none'],
  ['Préstamos Kiva', ['ID del préstamo', 'Nombre', 'Sexo', 'Monto'], 'none'],
  ['PRETS KIVA', ['internal_loan_id', 'subject', 'body'], 'none'],
  ['Notas de préstamos', ['Comentario'], 'none'],
  ['Sheet1', [], 'none'],
];

describe('kind detection over real-looking header sets', () => {
  it('has at least 40 sets, in three languages', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('%s %j → %s', (sheetName, headers, expected) => {
    const detected = detectKind(headers, sheetName);
    const got: Expected =
      detected.kind ?? (detected.source === 'ask' ? 'ask' : detected.source === 'unknown' ? 'none' : 'none');
    expect(got).toBe(expected);
    if (expected === 'ask') expect(detected.reason.basis).toBe('ask');
  });
});

describe('the reason given for a kind', () => {
  const reason = (sheet: string, headers: string[], lang: 'en' | 'es' | 'fr' = 'en') =>
    describeKind(mapHeaders(grid(sheet, [headers])), lang);

  it('names the sheet name when the name decided', () => {
    expect(reason('Pagos octubre', ['Fecha de pago', 'ID préstamo', 'Capital', 'Interés', 'Monto'])).toBe(
      'repayment report — from the sheet name “Pagos octubre” (the columns fit repayment schedule or repayment report)',
    );
    expect(reason('Pagos octubre', ['Fecha de pago', 'ID préstamo', 'Capital', 'Interés', 'Monto'], 'es')).toBe(
      'reporte de pagos — por el nombre de la hoja «Pagos octubre» (las columnas sirven para calendario de pagos o reporte de pagos)',
    );
  });

  it('names the columns that decided', () => {
    expect(reason('Hoja1', ['ID préstamo', 'Nombre', 'Sexo', 'Monto'], 'es')).toBe(
      'borradores de préstamo — por la columna «Sexo»',
    );
    expect(reason('Pagos noviembre', ['ID del préstamo', 'ID del cliente', 'Nombre', 'Monto'])).toBe(
      'repayment report — from the columns “ID del préstamo”, “ID del cliente”, and “Monto”, with no column only loan drafts have',
    );
    expect(reason('Feuil1', ['N° du prêt', 'Sexe', 'Activité'], 'fr')).toBe(
      'brouillons de prêt — d’après les colonnes «\u00a0Sexe\u00a0» et «\u00a0Activité\u00a0»',
    );
  });

  it('says why it asks', () => {
    expect(reason('Pagos', ['ID préstamo', 'Nombre', 'Sexo', 'Monto'])).toBe(
      'not decided — the columns fit loan drafts, but the sheet name “Pagos” says repayment report',
    );
    const map = mapHeaders(grid('Hoja1', [['Fecha de pago', 'ID préstamo', 'Capital', 'Interés', 'Monto']]));
    expect(map.kind).toBeUndefined();
    expect(map.kindSource).toBe('ask');
    expect(map.issues).toEqual([
      expect.objectContaining({ code: 'kind-ask', severity: 'error', params: { kinds: ['schedule', 'repayments'] } }),
    ]);
  });
});

describe('the Kiva loans sheet', () => {
  it('is no kind, not even one chosen by hand, and says what it is instead of raising an issue', () => {
    const rows = [
      ['loan_id', 'amount', 'status'],
      ['000100', 25, 'payingBack'],
    ];
    for (const name of ['Kiva loans', 'Préstamos Kiva', 'Prêts Kiva']) {
      const map = mapHeaders(grid(name, rows), { version: 1, kind: 'repayments' });
      expect(map).toMatchObject({ kindSource: 'unknown', kindReason: { basis: 'kiva-loans' }, issues: [] });
      expect(map.kind).toBeUndefined();
    }
    expect(describeKind(mapHeaders(grid('Kiva loans', rows)), 'es')).toBe(
      'la lista de préstamos de Kiva — con la que se verifican los ID de préstamo cuando no se puede contactar a Kiva; nunca se revisa ni se envía',
    );
    // Only the name, not anything like it: a partner's own sheet of loans is read as usual.
    expect(detectKind(['loan_id', 'first_name', 'gender', 'amount'], 'Kiva loans 2').kind).toBe('loans');
  });
});

describe('never loan drafts without a loans-only column (property)', () => {
  // Every header any kind knows, except the loans-only fields' words, plus words of no field.
  const loansOnlyWords = new Set<string>();
  for (const field of LOANS_ONLY) for (const a of [field, ...aliasesOf('loans', field)]) loansOnlyWords.add(a);
  const neutral = SHEET_KINDS.flatMap((kind) =>
    KIND_FIELDS[kind].flatMap((field: FieldName) => [field, ...aliasesOf(kind, field)]),
  ).filter((h) => !loansOnlyWords.has(h) && !LOANS_ONLY.includes(HEADER_INDEX.loans.get(fold(h)) as FieldName));
  const noise = [
    'Notas',
    'Observaciones',
    'Agence',
    'Oficial de crédito',
    'Branch',
    'Saldo',
    'Solde',
    'Estado',
    'Sector',
    'Secteur',
  ];
  const sheetNames = ['Préstamos', 'Loans', 'Prêts', 'Borradores', 'Hoja1', 'Pagos', 'Kiva loans', 'Crédits 2026', ''];

  it('holds for random header rows and sheet names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...neutral, ...noise), { maxLength: 12 }),
        fc.constantFrom(...sheetNames),
        (headers, sheetName) => {
          expect(detectKind(headers, sheetName).kind).not.toBe('loans');
          expect(mapHeaders(grid(sheetName || 'S', [headers])).kind).not.toBe('loans');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('has neutral words to draw from in every language', () => {
    for (const word of ['Nombre', 'Nom de l’emprunteur', 'Borrower name', 'Monto', 'Montant', 'Loan ID', 'Capital']) {
      expect(neutral.map(fold)).toContain(fold(word));
    }
  });
});

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}
