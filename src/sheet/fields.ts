/**
 * Which columns each kind of sheet has, and the header words (English, Spanish, French) that name them.
 * The Kiva wire name always matches too, in any spelling (`loan_id`, `Loan ID`, `loanId`).
 */
import { fold } from './normalise';

export type SheetKind = 'loans' | 'schedule' | 'repayments' | 'journals';

export const SHEET_KINDS: readonly SheetKind[] = ['loans', 'schedule', 'repayments', 'journals'];

export type FieldName =
  | 'loan_id'
  | 'client_id'
  | 'amount'
  | 'first_name'
  | 'last_name'
  | 'gender'
  | 'not_pictured'
  | 'internal_loan_id'
  | 'group_name'
  | 'internal_client_id'
  | 'activity'
  | 'theme'
  | 'location'
  | 'language'
  | 'currency'
  | 'disburse_time'
  | 'description'
  | 'loanuse'
  | 'client_waiver_signed'
  | 'photo'
  | 'date'
  | 'principal'
  | 'interest'
  | 'subject'
  | 'body'
  | 'image_url';

const LOAN_ID = [
  'loan id',
  'loan number',
  'loan no',
  'loan #',
  'id prestamo',
  'id del prestamo',
  'numero de prestamo',
  'numero prestamo',
  'no prestamo',
  'n prestamo',
  'nro prestamo',
  'num prestamo',
  'id credito',
  'numero de credito',
  'no credito',
  'prestamo',
  'credito',
  'id pret',
  'id du pret',
  'numero de pret',
  'numero du pret',
  'no pret',
  'n pret',
  'identifiant du pret',
  'pret',
];
const CLIENT_ID = [
  'client id',
  'client number',
  'customer id',
  'borrower id',
  'id cliente',
  'id del cliente',
  'codigo cliente',
  'codigo de cliente',
  'numero de cliente',
  'no cliente',
  'cliente',
  'id client',
  'id du client',
  'numero client',
  'numero de client',
  'code client',
  'identifiant client',
  'client',
];
const INTERNAL_LOAN_ID = [
  'internal loan id',
  'group loan id',
  'group id',
  'id prestamo grupal',
  'id del prestamo grupal',
  'id prestamo del grupo',
  'id grupo',
  'id del grupo',
  'prestamo grupal',
  'id pret de groupe',
  'id du pret de groupe',
  'id pret groupe',
  'id groupe',
  'id du groupe',
  'pret de groupe',
];
const INTERNAL_CLIENT_ID = [
  'internal client id',
  'group client id',
  'id cliente grupal',
  'id cliente del grupo',
  'cliente grupal',
  'id client de groupe',
  'id client du groupe',
  'client de groupe',
];

const ALIASES: Record<SheetKind, Partial<Record<FieldName, readonly string[]>>> = {
  repayments: {
    loan_id: LOAN_ID,
    client_id: CLIENT_ID,
    amount: [
      'repayment',
      'repayment amount',
      'amount repaid',
      'payment',
      'paid',
      'monto',
      'importe',
      'pago',
      'monto pagado',
      'monto del pago',
      'monto de pago',
      'cantidad',
      'reembolso',
      'montant',
      'remboursement',
      'montant rembourse',
      'montant du remboursement',
      'paiement',
    ],
  },
  loans: {
    loan_id: LOAN_ID,
    client_id: CLIENT_ID,
    first_name: ['first name', 'given name', 'firstname', 'nombre', 'nombres', 'primer nombre', 'prenom', 'prenoms'],
    last_name: ['last name', 'surname', 'family name', 'apellido', 'apellidos', 'nom', 'nom de famille'],
    gender: ['sex', 'genero', 'sexo', 'genre', 'sexe'],
    amount: [
      'loan amount',
      'amount',
      'borrower amount',
      'monto',
      'monto del prestamo',
      'monto prestado',
      'importe',
      'montant',
      'montant du pret',
      'montant prete',
    ],
    not_pictured: [
      'not pictured',
      'not in photo',
      'not in picture',
      'no aparece en la foto',
      'no aparece en foto',
      'no esta en la foto',
      'fuera de la foto',
      'pas sur la photo',
      'absent de la photo',
      'absente de la photo',
      'hors photo',
    ],
    internal_loan_id: INTERNAL_LOAN_ID,
    group_name: ['group name', 'group', 'nombre del grupo', 'nombre de grupo', 'grupo', 'nom du groupe', 'groupe'],
    internal_client_id: INTERNAL_CLIENT_ID,
    activity: ['activity', 'activity id', 'actividad', 'id actividad', 'activite', 'id activite'],
    theme: [
      'theme',
      'theme type',
      'theme type id',
      'theme id',
      'loan theme',
      'tema',
      'tipo de tema',
      'tema del prestamo',
      'theme du pret',
      'type de theme',
    ],
    location: ['location', 'ubicacion', 'localidad', 'lugar', 'lieu', 'localisation', 'emplacement', 'localite'],
    language: [
      'language',
      'description language',
      'description language id',
      'language id',
      'idioma',
      'idioma de la descripcion',
      'lengua',
      'langue',
      'langue de la description',
    ],
    currency: ['currency', 'moneda', 'divisa', 'devise', 'monnaie'],
    disburse_time: [
      'disbursal date',
      'disbursement date',
      'disburse date',
      'date disbursed',
      'disbursed',
      'fecha de desembolso',
      'fecha desembolso',
      'desembolso',
      'date de decaissement',
      'date decaissement',
      'date de deboursement',
      'decaissement',
    ],
    description: ['description', 'story', 'borrower story', 'descripcion', 'historia', 'histoire', 'recit'],
    loanuse: [
      'loan use',
      'use',
      'use of loan',
      'uso del prestamo',
      'uso',
      'destino del prestamo',
      'destino',
      'utilisation du pret',
      'utilisation',
      'objet du pret',
    ],
    client_waiver_signed: [
      'client waiver signed',
      'waiver signed',
      'client waiver',
      'waiver',
      'renuncia firmada',
      'exoneracion firmada',
      'descargo firmado',
      'autorizacion firmada',
      'decharge signee',
      'renonciation signee',
      'autorisation signee',
    ],
    photo: ['photo', 'image encoded', 'image', 'picture', 'foto', 'fotografia', 'imagen'],
  },
  schedule: {
    loan_id: [...LOAN_ID, ...INTERNAL_LOAN_ID],
    date: [
      'date',
      'due date',
      'payment date',
      'instalment date',
      'installment date',
      'fecha',
      'fecha de pago',
      'fecha de vencimiento',
      'vencimiento',
      'date d echeance',
      'echeance',
      'date de paiement',
      'date de remboursement',
    ],
    principal: ['principal', 'capital', 'principal due', 'amortizacion', 'amortissement'],
    interest: ['interest', 'interes', 'intereses', 'interet', 'interets'],
  },
  journals: {
    internal_loan_id: [...INTERNAL_LOAN_ID, ...LOAN_ID],
    internal_client_id: [...INTERNAL_CLIENT_ID, ...CLIENT_ID],
    subject: ['subject', 'title', 'asunto', 'titulo', 'sujet', 'objet', 'titre'],
    body: [
      'body',
      'text',
      'message',
      'journal',
      'update',
      'cuerpo',
      'texto',
      'mensaje',
      'actualizacion',
      'corps',
      'texte',
    ],
    image_url: ['image url', 'photo url', 'picture url', 'url de la imagen', 'url de la foto', 'url de l image', 'url'],
  },
};

/** Fields whose presence says which kind a sheet is; repayments has none (its fields are a subset of loans'). */
const DISTINCTIVE: Record<SheetKind, readonly FieldName[]> = {
  loans: [
    'first_name',
    'last_name',
    'gender',
    'not_pictured',
    'group_name',
    'activity',
    'theme',
    'location',
    'language',
    'currency',
    'disburse_time',
    'description',
    'loanuse',
    'client_waiver_signed',
    'photo',
  ],
  schedule: ['date', 'principal', 'interest'],
  journals: ['subject', 'body', 'image_url'],
  repayments: [],
};

/** Columns without which a row cannot become a request. */
export const REQUIRED_COLUMNS: Record<SheetKind, readonly FieldName[]> = {
  repayments: ['loan_id', 'amount'],
  loans: ['loan_id', 'first_name', 'amount'],
  schedule: ['loan_id', 'date'],
  journals: ['internal_loan_id', 'body'],
};

export const KIND_FIELDS: Record<SheetKind, readonly FieldName[]> = {
  repayments: Object.keys(ALIASES.repayments) as FieldName[],
  loans: Object.keys(ALIASES.loans) as FieldName[],
  schedule: Object.keys(ALIASES.schedule) as FieldName[],
  journals: Object.keys(ALIASES.journals) as FieldName[],
};

export function isDistinctive(kind: SheetKind, field: FieldName): boolean {
  return DISTINCTIVE[kind].includes(field);
}

/** folded header → field, per kind; built once. */
export const HEADER_INDEX: Record<SheetKind, ReadonlyMap<string, FieldName>> = {
  repayments: buildIndex('repayments'),
  loans: buildIndex('loans'),
  schedule: buildIndex('schedule'),
  journals: buildIndex('journals'),
};

function buildIndex(kind: SheetKind): Map<string, FieldName> {
  const index = new Map<string, FieldName>();
  for (const [field, aliases] of Object.entries(ALIASES[kind]) as [FieldName, readonly string[]][]) {
    index.set(fold(field), field);
    for (const alias of aliases) {
      // The first field to claim a word keeps it (loan_id before internal_loan_id in the schedule sheet).
      const key = fold(alias);
      if (!index.has(key)) index.set(key, field);
    }
  }
  return index;
}

/** Every alias as written, for documentation and for the uniqueness test. */
export function aliasesOf(kind: SheetKind, field: FieldName): readonly string[] {
  return ALIASES[kind][field] ?? [];
}

const ALL_FIELDS = new Set<string>(SHEET_KINDS.flatMap((k) => KIND_FIELDS[k]));

export function isFieldName(value: unknown): value is FieldName {
  return typeof value === 'string' && ALL_FIELDS.has(value);
}

/** Headers of the feedback column this tool writes; never read as data. */
export const STATUS_HEADERS: ReadonlySet<string> = new Set(
  [
    'Kiva status',
    'Status Kiva',
    'Estado Kiva',
    'Estado en Kiva',
    'Estado de Kiva',
    'Statut Kiva',
    'Statut de Kiva',
  ].map(fold),
);

/** Sheet-name words that break a tie between kinds whose headers match equally well. */
export const KIND_NAME_HINTS: Record<SheetKind, readonly string[]> = {
  loans: ['loan', 'prestamo', 'credito', 'pret', 'borrower', 'prestatario', 'emprunteur'],
  schedule: ['schedule', 'calendario', 'cronograma', 'plan', 'echeancier', 'cuotas', 'instalment', 'installment'],
  repayments: ['repayment', 'reembolso', 'pago', 'remboursement', 'payment', 'paiement'],
  journals: ['journal', 'diario', 'actualizacion', 'update', 'nouvelles', 'bitacora'],
};
