/**
 * `npm run guide:templates`: the sample workbooks the coordinator's guide links to, in English, Spanish and French
 * (docs/guide/<lang>/templates/*.xlsx): loans with an individual loan, a group of three and their schedules;
 * a monthly repayment report; journal updates.
 *
 * Headers are written in the coordinator's language, and every one of them must be a header our own reader maps to
 * the intended field (src/sheet/fields.ts): `checkHeaders` refuses to write a template otherwise, and
 * test/guide/templates.test.ts previews each file with the real `kiva-sheets` command. The files are written by the
 * command line's own xlsx adapter (src/cli/files), as `kiva-sheets loans --out` writes its template.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SheetTable } from '../../src/app';
import { XlsxWorkbookFile } from '../../src/cli/files/xlsx-workbook';
import type { UiLanguage } from '../../src/i18n';
import { aliasesOf, normaliseHeader as fold, type FieldName, type SheetKind } from '../../src/sheet';
import { GUIDE_LANGUAGES, GUIDE_ROOT } from './shots';

export type TemplateName = 'loans' | 'repayments' | 'journals';
export const TEMPLATE_NAMES: readonly TemplateName[] = ['loans', 'repayments', 'journals'];

export function templatePath(lang: UiLanguage, name: TemplateName): string {
  return join(GUIDE_ROOT, lang, 'templates', `${name}.xlsx`);
}

/** A column: the field it fills and its header in each language. `null` field: a column Kiva never gets. */
interface Column {
  field: FieldName | null;
  header: Record<UiLanguage, string>;
  /** Ids: formatted as Text, so that leading zeros typed later stay. */
  text?: boolean;
  width?: number;
}

const col = (
  field: FieldName | null,
  en: string,
  es: string,
  fr: string,
  extra: Omit<Column, 'field' | 'header'> = {},
): Column => ({ field, header: { en, es, fr }, ...extra });

const LOAN_COLUMNS: readonly Column[] = [
  col('loan_id', 'Loan ID', 'ID préstamo', 'ID prêt', { text: true, width: 12 }),
  col('client_id', 'Client ID', 'ID cliente', 'ID client', { text: true, width: 12 }),
  col('first_name', 'First name', 'Nombre', 'Prénom', { width: 12 }),
  col('last_name', 'Last name', 'Apellido', 'Nom', { width: 12 }),
  col('gender', 'Gender', 'Sexo', 'Sexe', { width: 8 }),
  col('amount', 'Amount', 'Monto', 'Montant', { width: 10 }),
  col('internal_loan_id', 'Group loan ID', 'ID préstamo grupal', 'ID prêt de groupe', { text: true, width: 14 }),
  col('group_name', 'Group name', 'Nombre del grupo', 'Nom du groupe', { width: 16 }),
  col('not_pictured', 'Not pictured', 'No aparece en la foto', 'Pas sur la photo', { width: 10 }),
  col('activity', 'Activity', 'Actividad', 'Activité', { width: 14 }),
  col('theme', 'Theme', 'Tema', 'Thème', { width: 12 }),
  col('location', 'Location', 'Ubicación', 'Lieu', { width: 14 }),
  col('language', 'Language', 'Idioma', 'Langue', { width: 10 }),
  col('currency', 'Currency', 'Moneda', 'Devise', { width: 8 }),
  col('disburse_time', 'Disbursal date', 'Fecha de desembolso', 'Date de décaissement', { width: 14 }),
  col('description', 'Description', 'Descripción', 'Description', { width: 40 }),
  col('loanuse', 'Loan use', 'Uso del préstamo', 'Utilisation du prêt', { width: 30 }),
  col('client_waiver_signed', 'Client waiver signed', 'Renuncia firmada', 'Décharge signée', { width: 10 }),
  col('photo', 'Photo', 'Foto', 'Photo', { width: 16 }),
];

const SCHEDULE_COLUMNS: readonly Column[] = [
  col('loan_id', 'Loan ID', 'ID préstamo', 'ID prêt', { text: true, width: 14 }),
  col('date', 'Date', 'Fecha', 'Échéance', { width: 12 }),
  col('principal', 'Principal', 'Capital', 'Capital', { width: 10 }),
  col('interest', 'Interest', 'Interés', 'Intérêts', { width: 10 }),
];

const REPAYMENT_COLUMNS: readonly Column[] = [
  col('loan_id', 'Loan ID', 'ID préstamo', 'ID prêt', { text: true, width: 14 }),
  // No client id: most partners' PA2 takes two columns; a three-column partner adds a Client ID column (see the guide).
  // Borrower names are neutral (workbook-format.md): a help for the person typing, never sent.
  col(null, 'Borrower', 'Prestatario', 'Emprunteur', { width: 28 }),
  col('amount', 'Amount', 'Monto', 'Montant', { width: 12 }),
];

const JOURNAL_COLUMNS: readonly Column[] = [
  col('internal_loan_id', 'Loan ID', 'ID préstamo', 'ID prêt', { text: true, width: 14 }),
  col('subject', 'Subject', 'Asunto', 'Sujet', { width: 24 }),
  col('body', 'Text', 'Texto', 'Texte', { width: 60 }),
  col('image_url', 'Image URL', 'URL de la imagen', 'URL de l’image', { width: 30 }),
];

/** The sample's place, language and currency: one the Kiva lists know, near each language's partners. */
const PLACE: Record<UiLanguage, { location: string; language: string; currency: string }> = {
  en: { location: 'Nairobi', language: 'English', currency: 'KES' },
  es: { location: 'Lima', language: 'Spanish', currency: 'PEN' },
  fr: { location: 'Dakar', language: 'French', currency: 'XOF' },
};

const YES: Record<UiLanguage, string> = { en: 'yes', es: 'sí', fr: 'oui' };
const NO: Record<UiLanguage, string> = { en: 'no', es: 'no', fr: 'non' };

/** What each language's sample says; the numbers are the same everywhere. */
const WORDS: Record<
  UiLanguage,
  {
    sheets: Record<'loans' | 'schedule' | 'repayments' | 'journals', string>;
    story: [string, string];
    use: [string, string];
    group: string;
    journal: [string, string][];
  }
> = {
  en: {
    sheets: { loans: 'Loans', schedule: 'Schedule', repayments: 'Repayments', journals: 'Journals' },
    story: [
      'Grace sells vegetables at the market and wants a second stall.',
      'Three neighbours who sell clothes and fabric together.',
    ],
    use: ['to buy a second stall and stock', 'to buy fabric in bulk'],
    group: 'Umoja Group',
    journal: [
      ['A second stall', 'Grace opened her second stall this month and hired her niece.'],
      ['Fabric in bulk', 'The group now buys its fabric in bulk and sells at two markets.'],
    ],
  },
  es: {
    sheets: { loans: 'Préstamos', schedule: 'Calendario', repayments: 'Reembolsos', journals: 'Diario' },
    story: [
      'Rosa vende verduras en el mercado y quiere abrir un segundo puesto.',
      'Tres vecinas que venden ropa y telas juntas.',
    ],
    use: ['para comprar un segundo puesto y mercadería', 'para comprar telas al por mayor'],
    group: 'Grupo Las Flores',
    journal: [
      ['Un segundo puesto', 'Rosa abrió su segundo puesto este mes y contrató a su sobrina.'],
      ['Telas al por mayor', 'El grupo ahora compra sus telas al por mayor y vende en dos mercados.'],
    ],
  },
  fr: {
    sheets: { loans: 'Prêts', schedule: 'Échéancier', repayments: 'Remboursements', journals: 'Journal' },
    story: [
      'Awa vend des légumes au marché et veut ouvrir un deuxième étal.',
      'Trois voisines qui vendent ensemble des vêtements et des tissus.',
    ],
    use: ['pour acheter un deuxième étal et de la marchandise', 'pour acheter des tissus en gros'],
    group: 'Groupement Jokkoo',
    journal: [
      ['Un deuxième étal', 'Awa a ouvert son deuxième étal ce mois-ci et embauché sa nièce.'],
      ['Des tissus en gros', 'Le groupe achète désormais ses tissus en gros et vend sur deux marchés.'],
    ],
  },
};

const NAMES: Record<UiLanguage, [string, string, string][]> = {
  en: [
    ['Grace', 'Wanjiru', 'female'],
    ['Mary', 'Achieng', 'female'],
    ['Faith', 'Mwangi', 'female'],
    ['Joyce', 'Otieno', 'female'],
  ],
  es: [
    ['Rosa', 'Mamani', 'mujer'],
    ['Luz', 'Apaza', 'mujer'],
    ['Carmen', 'Huanca', 'mujer'],
    ['Elena', 'Flores', 'mujer'],
  ],
  fr: [
    ['Awa', 'Diop', 'femme'],
    ['Fatou', 'Ndiaye', 'femme'],
    ['Aminata', 'Sarr', 'femme'],
    ['Khady', 'Fall', 'femme'],
  ],
};

/** The disbursal date of the samples: replace it with the real one (PA2 accepts at most 30 days in the past). */
export const SAMPLE_DISBURSAL = '2027-01-15';

type Cell = string | number | null;

function table(name: string, columns: readonly Column[], lang: UiLanguage, rows: Cell[][]): SheetTable {
  return {
    name,
    rows: [columns.map((c) => c.header[lang]), ...rows],
    textColumns: columns.flatMap((c, k) => (c.text === true ? [k] : [])),
    widths: columns.map((c) => c.width ?? 12),
  };
}

function loansTables(lang: UiLanguage): SheetTable[] {
  const w = WORDS[lang];
  const p = PLACE[lang];
  const names = NAMES[lang];
  const person = (k: number) => names[k] ?? ['', '', ''];
  const loan = (
    loanId: string,
    clientId: string,
    k: number,
    amount: number,
    group: { id: string; name: string; notPictured: boolean } | undefined,
    activity: string,
    story: number,
  ): Cell[] => [
    loanId,
    clientId,
    person(k)[0],
    person(k)[1],
    person(k)[2],
    amount,
    group?.id ?? null,
    group?.name ?? null,
    group === undefined ? null : group.notPictured ? YES[lang] : NO[lang],
    activity,
    'General',
    p.location,
    p.language,
    p.currency,
    SAMPLE_DISBURSAL,
    w.story[story] ?? '',
    w.use[story] ?? '',
    YES[lang],
    // Empty: the photo file is attached on the Tools tab (pane) or sits next to the workbook (command line).
    null,
  ];
  const group = (notPictured: boolean) => ({ id: 'G-200', name: w.group, notPictured });
  const loans = table(w.sheets.loans, LOAN_COLUMNS, lang, [
    loan('L-1001', 'C-501', 0, 400, undefined, 'Fruits & Vegetables', 0),
    loan('L-1002', 'C-502', 1, 300, group(false), 'Clothing Sales', 1),
    loan('L-1003', 'C-503', 2, 250, group(false), 'Clothing Sales', 1),
    loan('L-1004', 'C-504', 3, 250, group(true), 'Clothing Sales', 1),
  ]);
  const schedule = table(w.sheets.schedule, SCHEDULE_COLUMNS, lang, [
    ['L-1001', '2027-02-15', 200, 12],
    ['L-1001', '2027-03-15', 200, 6],
    ['G-200', '2027-02-15', 400, 24],
    ['G-200', '2027-03-15', 400, 12],
  ]);
  return [loans, schedule];
}

function repaymentsTables(lang: UiLanguage): SheetTable[] {
  const names = NAMES[lang];
  const name = (k: number) => `${names[k]?.[0] ?? ''} ${names[k]?.[1] ?? ''}`;
  return [
    table(WORDS[lang].sheets.repayments, REPAYMENT_COLUMNS, lang, [
      ['000100', name(0), 25],
      ['1040007', name(1), 30.5],
      ['1040021', name(2), 18],
    ]),
  ];
}

function journalsTables(lang: UiLanguage): SheetTable[] {
  const journal = WORDS[lang].journal;
  return [
    table(WORDS[lang].sheets.journals, JOURNAL_COLUMNS, lang, [
      ['000100', journal[0]?.[0] ?? '', journal[0]?.[1] ?? '', null],
      ['000105', journal[1]?.[0] ?? '', journal[1]?.[1] ?? '', null],
    ]),
  ];
}

const KIND_OF_SHEET: Record<TemplateName, readonly [SheetKind, readonly Column[]][]> = {
  loans: [
    ['loans', LOAN_COLUMNS],
    ['schedule', SCHEDULE_COLUMNS],
  ],
  repayments: [['repayments', REPAYMENT_COLUMNS]],
  journals: [['journals', JOURNAL_COLUMNS]],
};

/** Every header must be one our reader maps to its field (its Kiva name or one of its aliases). */
export function checkHeaders(): string[] {
  const problems: string[] = [];
  for (const sheets of Object.values(KIND_OF_SHEET)) {
    for (const [kind, columns] of sheets) {
      for (const column of columns) {
        if (column.field === null) continue;
        const known = new Set([column.field, ...aliasesOf(kind, column.field)].map(fold));
        for (const lang of GUIDE_LANGUAGES) {
          if (!known.has(fold(column.header[lang]))) {
            problems.push(`${kind}: “${column.header[lang]}” (${lang}) is not a header of ${column.field}`);
          }
        }
      }
    }
  }
  return problems;
}

/** The tables of one template, in sheet order. */
export function templateTables(lang: UiLanguage, name: TemplateName): SheetTable[] {
  switch (name) {
    case 'loans':
      return loansTables(lang);
    case 'repayments':
      return repaymentsTables(lang);
    case 'journals':
      return journalsTables(lang);
  }
}

export async function writeTemplates(): Promise<string[]> {
  const problems = checkHeaders();
  if (problems.length > 0) throw new Error(`headers our reader would not recognise:\n${problems.join('\n')}`);
  const written: string[] = [];
  for (const lang of GUIDE_LANGUAGES) {
    mkdirSync(join(GUIDE_ROOT, lang, 'templates'), { recursive: true });
    for (const name of TEMPLATE_NAMES) {
      const path = templatePath(lang, name);
      rmSync(path, { force: true });
      const opened = await XlsxWorkbookFile.openOrCreate(path, { redact: (text) => text });
      if (!opened.ok) throw new Error(`${path}: ${opened.error.code}`);
      for (const sheet of templateTables(lang, name)) {
        const added = await opened.value.writeSheet(sheet, 'new');
        if (!added.ok) throw new Error(`${path}: ${added.error.code}`);
      }
      const saved = await opened.value.save();
      if (!saved.ok) throw new Error(`${path}: ${saved.error.code}`);
      written.push(path);
    }
  }
  return written;
}

if (require.main === module) {
  writeTemplates().then(
    (written) => console.log(`${written.length} templates written under docs/guide/<lang>/templates/.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
