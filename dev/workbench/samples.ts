/**
 * Sample workbooks for the workbench and the browser tests, built by code so they stay in step with the emulator:
 * loan ids the emulator knows (`000100` is payingBack), activities and locations from its config lists, disbursal
 * dates near today. Each has a few mistakes on purpose, so validation has something to show.
 */
import type { SimWorkbookData } from '../excel-sim';

export type SampleName = 'loans' | 'repayments' | 'journals' | 'prestamos' | 'mis';

export interface Sample {
  title: string;
  /** `today` as YYYY-MM-DD: disbursal dates must be near it for Kiva to accept them. */
  build(today: string): SimWorkbookData;
}

export const SAMPLE_NAMES: readonly SampleName[] = ['loans', 'repayments', 'journals', 'prestamos', 'mis'];

/** Loans of the emulator's seeded portfolio (seedLoans(420)): every fifth id is zero-padded text. */
export const REPAYING_LOANS = [
  { loanId: '000100', clientId: '0000500', name: 'Héctor Quispe' },
  { loanId: '1040007', clientId: '184003', name: 'María Mamani' },
  { loanId: '1040021', clientId: '184009', name: 'Fatou Diop' },
  { loanId: '000105', clientId: '0000505', name: 'Grupo Las Flores' },
  { loanId: '1040049', clientId: '184021', name: 'José Santos' },
  { loanId: '1040056', clientId: '184024', name: 'Lucía Añez' },
  { loanId: '000110', clientId: '0000510', name: 'Amina Otieno' },
  { loanId: '000115', clientId: '0000515', name: 'João Gonçalves' },
] as const;

const LOAN_HEADERS = [
  'loan_id',
  'first_name',
  'last_name',
  'gender',
  'amount',
  'internal_loan_id',
  'group_name',
  'activity',
  'location',
  'language',
  'currency',
  'disburse_time',
  'description',
  'loanuse',
];

function loans(today: string): SimWorkbookData {
  const loan = (
    id: string,
    first: string,
    last: string,
    gender: string,
    amount: number | string,
    activity: string,
    location: string,
    story: string,
    use: string,
  ) => [id, first, last, gender, amount, null, null, activity, location, 'Spanish', 'PEN', today, story, use];
  const rows: unknown[][] = [
    LOAN_HEADERS,
    loan('L-1001', 'Ana', 'Quispe', 'F', 500, 'Agriculture', 'Lima', 'Ana grows potatoes.', 'seeds'),
    // A group loan: three borrowers sharing internal_loan_id; loan columns only on its first row.
    [
      'L-1002',
      'Rosa',
      'Mamani',
      'mujer',
      300,
      'G-100',
      'Las Flores',
      'Retail',
      'Cusco: Peru',
      'es',
      'PEN',
      today,
      'Three neighbours run a shop.',
      'stock',
    ],
    ['L-1003', 'Luz', 'Apaza', 'F', 200, 'G-100'],
    ['L-1004', 'Carmen', 'Huanca', 'F', 250, 'G-100'],
    loan('L-1005', 'Juan', 'Huamán', 'M', 400, 'Agricultur', 'Lima', 'Juan fishes.', 'nets'),
    loan('L-1006', 'Pedro', 'Condori', 'M', 350, 'Bakery', 'Arequipa', 'Pedro bakes bread.', 'oven'),
    loan('L-1007', 'Elena', 'Flores', 'X', 600, 'Poultry', 'Piura', 'Elena raises hens.', 'feed'),
    loan('L-1008', 'Marco', 'Ramos', 'M', -50, 'Taxi', 'Juliaca', 'Marco drives a taxi.', 'repairs'),
    loan('L-1009', 'Sofía', 'Vargas', 'F', 450, 'Sewing', 'Lima', 'Sofía sews school uniforms.', 'machine'),
    loan('L-1010', 'Diego', 'Rojas', 'M', 300, 'Fishing', 'Piura', 'Diego fishes at dawn.', 'boat'),
    loan('L-1011', 'Julia', 'Mendoza', 'F', 275, 'Dairy', 'Cusco', 'Julia sells cheese.', 'cows'),
    loan('L-1012', 'Raúl', 'Castro', 'M', 525, 'Crafts', 'Arequipa', 'Raúl carves wood.', 'tools'),
    loan('L-1013', 'Inés', 'Torres', 'F', 380, 'Restaurant', 'Lima', 'Inés cooks lunch.', 'stove'),
    loan('L-1014', 'Hugo', 'Paredes', 'M', 220, 'Cereals', 'Juliaca', 'Hugo mills quinoa.', 'mill'),
  ];
  return {
    name: 'Sample loans.xlsx',
    sheets: [
      { name: 'Loans', rows, columnFormats: { A: '@', F: '@' } },
      {
        name: 'Schedule',
        rows: [
          ['loan_id', 'date', 'principal', 'interest'],
          ['L-1001', addMonths(today, 1), 250, 5],
          ['L-1001', addMonths(today, 2), 250, 5],
          ['G-100', addMonths(today, 1), 375, 9],
          ['G-100', addMonths(today, 2), 375, 9],
        ],
        columnFormats: { A: '@', B: '@' },
      },
    ],
    activeSheet: 'Loans',
    selection: 'A2',
  };
}

function repayments(): SimWorkbookData {
  return {
    name: 'Sample repayments.xlsx',
    sheets: [
      {
        name: 'Repayments',
        rows: [
          ['loan_id', 'Borrower', 'amount'],
          ...REPAYING_LOANS.map((loan, k) => [loan.loanId, loan.name, 20 + 5 * k]),
          // Mistakes to find: a loan Kiva does not know, an amount that is not one, the same loan twice.
          ['999999', 'Nobody', 30],
          ['1040063', 'Ñusta Añez', 'veinte'],
        ],
        columnFormats: { A: '@' },
      },
    ],
    activeSheet: 'Repayments',
    selection: 'A2',
  };
}

function journals(): SimWorkbookData {
  const stories = [
    'Harvest is in: twice last year’s potatoes.',
    'The shop opened a second counter.',
    'New oven bought; bread now sold at the market.',
    'School uniforms delivered to two schools.',
    'The boat was repaired before the season.',
  ];
  return {
    name: 'Sample journals.xlsx',
    sheets: [
      {
        name: 'Journals',
        rows: [
          ['internal_loan_id', 'subject', 'body'],
          ...stories.map((body, k) => [REPAYING_LOANS[k]?.loanId ?? '000100', `Update ${k + 1}`, body]),
          ['000110', 'No text', null],
        ],
        columnFormats: { A: '@' },
      },
    ],
    activeSheet: 'Journals',
    selection: 'A2',
  };
}

/** A loans sheet as a Peruvian MIS exports it: Spanish headers, and one (`Sector`) no alias covers. */
function prestamos(today: string): SimWorkbookData {
  return {
    name: 'Préstamos.xlsx',
    sheets: [prestamosSheet(today)],
    activeSheet: 'Préstamos',
    selection: 'A2',
  };
}

function prestamosSheet(today: string): SimWorkbookData['sheets'][number] {
  return {
    name: 'Préstamos',
    rows: [
      [
        'Nº préstamo',
        'Nombre',
        'Apellido',
        'Sexo',
        'Monto',
        'Sector',
        'Ubicación',
        'Idioma',
        'Moneda',
        'Fecha de desembolso',
        'Descripción',
        'Uso del préstamo',
        'Asesor',
      ],
      [
        'P-2001',
        'Ana',
        'Quispe',
        'mujer',
        500,
        'Agriculture',
        'Lima',
        'es',
        'PEN',
        today,
        'Ana siembra papa.',
        'semillas',
        'Rocío',
      ],
      [
        'P-2002',
        'Juan',
        'Huamán',
        'hombre',
        400,
        'Fishing',
        'Piura',
        'es',
        'PEN',
        today,
        'Juan pesca.',
        'redes',
        'Rocío',
      ],
      [
        'P-2003',
        'Luz',
        'Apaza',
        'mujer',
        300,
        'Bakery',
        'Cusco',
        'es',
        'PEN',
        today,
        'Luz hornea pan.',
        'horno',
        'Óscar',
      ],
    ],
    columnFormats: { A: '@' },
  };
}

/**
 * recognition (issue #11): a Spanish MIS export as partners hand it over. The month's repayments sheet has a payment
 * date and a `Sector` column, which once made it a loan-drafts sheet (or a schedule); its mistakes are the portfolio
 * check's (loans Kiva lists as ended or refunded, one it does not list, an id that lost its leading zeros) and a
 * 0 repayment; a row with no amount is a loan with nothing to report this month. Beside it, the loans export whose
 * activity column is headed `Sector`.
 */
function mis(today: string): SimWorkbookData {
  const paid = `${today.slice(0, 7)}-01`;
  return {
    name: 'Exportación MIS.xlsx',
    sheets: [
      {
        name: 'Pagos noviembre',
        rows: [
          ['ID del préstamo', 'Monto', 'Fecha de pago', 'Sector'],
          ['000100', 20, paid, 'Comercio'],
          ['1040007', 25, paid, 'Agricultura'],
          ['1040042', 30, paid, 'Servicios'],
          ['1040063', 15, paid, 'Comercio'],
          ['999999', 30, paid, 'Comercio'],
          ['105', 40, paid, 'Agricultura'],
          ['1040021', 0, paid, 'Servicios'],
          ['1040049', null, null, 'Comercio'],
        ],
        columnFormats: { A: '@', C: '@' },
      },
      prestamosSheet(today),
    ],
    activeSheet: 'Pagos noviembre',
    selection: 'A2',
  };
}

export const SAMPLES: Readonly<Record<SampleName, Sample>> = {
  loans: { title: 'Loans (individual and group, with schedule)', build: loans },
  repayments: { title: 'Repayments (monthly report)', build: repayments },
  journals: { title: 'Journal updates', build: journals },
  prestamos: { title: 'Préstamos (Spanish headers)', build: prestamos },
  mis: { title: 'Exportación MIS (Spanish repayments and loans)', build: mis },
};

export function isSampleName(name: string | null | undefined): name is SampleName {
  return typeof name === 'string' && (SAMPLE_NAMES as readonly string[]).includes(name);
}

/** `YYYY-MM-DD`, in local time: the disbursal window is counted in the user's days. */
export function localDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function addMonths(day: string, months: number): string {
  const [y = 2026, m = 1, d = 1] = day.split('-').map(Number);
  return localDate(new Date(y, m - 1 + months, Math.min(d, 28)));
}
