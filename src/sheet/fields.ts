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
  'loan nr',
  'loan #',
  'loan account',
  'loan account no',
  'loan account number',
  'account no',
  'account number',
  'mis loan id',
  'partner loan id',
  'id prestamo',
  'id del prestamo',
  'numero de prestamo',
  'numero prestamo',
  'numero del prestamo',
  'no prestamo',
  'no de prestamo',
  'no del prestamo',
  'n prestamo',
  'n de prestamo',
  'n del prestamo',
  'nro prestamo',
  'nro de prestamo',
  'num prestamo',
  'codigo de prestamo',
  'cuenta de prestamo',
  'id credito',
  'id del credito',
  'numero de credito',
  'numero credito',
  'no credito',
  'no de credito',
  'n credito',
  'n de credito',
  'nro credito',
  'nro de credito',
  'prestamo',
  'credito',
  'id pret',
  'id du pret',
  'numero de pret',
  'numero du pret',
  'no pret',
  'no du pret',
  'no de pret',
  'n pret',
  'n du pret',
  'n de pret',
  'ref pret',
  'reference du pret',
  'code pret',
  'compte de pret',
  'identifiant du pret',
  'pret',
];
const CLIENT_ID = [
  'client id',
  'client number',
  'client no',
  'client account no',
  'customer id',
  'customer number',
  'borrower id',
  'mis client id',
  'id cliente',
  'id del cliente',
  'codigo cliente',
  'codigo de cliente',
  'numero de cliente',
  'numero del cliente',
  'no cliente',
  'no de cliente',
  'n cliente',
  'n de cliente',
  'nro cliente',
  'nro de cliente',
  'cliente',
  'id client',
  'id du client',
  'numero client',
  'numero de client',
  'numero du client',
  'no client',
  'no du client',
  'n client',
  'n du client',
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
      'amount paid',
      'paid amount',
      'total paid',
      'total repaid',
      'repaid',
      'amount collected',
      'transaction amount',
      'monto reembolsado',
      'monto abonado',
      'abono',
      'total pagado',
      'monto cobrado',
      'monto recibido',
      'montant paye',
      'montant verse',
      'versement',
      'montant recu',
      'total rembourse',
    ],
  },
  loans: {
    // No `Sector` for activity: Kiva's sectors are not its activities. A `Sector` column whose values are activity
    // names is suggested instead (see readiness.ts, "Is it column F (Sector)?").
    loan_id: LOAN_ID,
    client_id: CLIENT_ID,
    first_name: [
      'first name',
      'given name',
      'firstname',
      'name',
      'borrower name',
      'client name',
      'customer name',
      'full name',
      'nombre',
      'nombres',
      'primer nombre',
      'nombre del prestatario',
      'nombre del cliente',
      'nombre completo',
      'nombres y apellidos',
      'prenom',
      'prenoms',
      'nom de l emprunteur',
      'nom de l emprunteuse',
      'nom du client',
      'nom complet',
      'nom et prenom',
    ],
    last_name: ['last name', 'surname', 'family name', 'apellido', 'apellidos', 'nom', 'nom de famille'],
    gender: ['sex', 'genero', 'sexo', 'genre', 'sexe', 'sexo del cliente', 'sexe du client'],
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
      'principal amount',
      'disbursed amount',
      'amount disbursed',
      'approved amount',
      'monto desembolsado',
      'monto aprobado',
      'monto del credito',
      'capital prestado',
      'montant decaisse',
      'montant accorde',
      'montant octroye',
      'montant du credit',
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
    activity: [
      'activity',
      'activity id',
      'activity name',
      'economic activity',
      'business activity',
      'actividad',
      'id actividad',
      'actividad economica',
      'rubro',
      'activite',
      'id activite',
      'activite economique',
    ],
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
    location: [
      'location',
      'city',
      'town',
      'village',
      'ubicacion',
      'localidad',
      'lugar',
      'ciudad',
      'municipio',
      'comunidad',
      'lieu',
      'localisation',
      'emplacement',
      'localite',
      'ville',
      'commune',
    ],
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
    currency: ['currency', 'currency code', 'moneda', 'divisa', 'codigo de moneda', 'devise', 'monnaie', 'code devise'],
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
      'disbursed on',
      'disbursed on date',
      'disbursement',
      'fecha de entrega',
      'date du decaissement',
    ],
    description: [
      'description',
      'story',
      'borrower story',
      'profile',
      'descripcion',
      'historia',
      'perfil',
      'descripcion del prestatario',
      'histoire',
      'recit',
      'description de l emprunteur',
    ],
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
      'purpose',
      'loan purpose',
      'proposito',
      'finalidad',
      'motivo del prestamo',
      'objet du credit',
      'but du pret',
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
      'scheduled date',
      'fecha de cuota',
      'fecha cuota',
      'fecha programada',
      'date de l echeance',
    ],
    principal: [
      'principal',
      'capital',
      'principal due',
      'amortizacion',
      'capital a pagar',
      'amortissement',
      'capital du',
    ],
    interest: [
      'interest',
      'interest due',
      'interes',
      'intereses',
      'interes a pagar',
      'interet',
      'interets',
      'interets dus',
    ],
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

/**
 * Fields a repayment report never has: only they make a sheet a loans sheet. Borrower names, ids and amounts are
 * neutral, since a repayment report often names the borrower (see docs/workbook-rules.md, "Which kind").
 */
export const LOANS_ONLY: readonly FieldName[] = [
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
];

/** Fields only a journals sheet has. */
export const JOURNALS_ONLY: readonly FieldName[] = ['subject', 'body', 'image_url'];

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

/**
 * Sheet-name words (folded, matched as word beginnings) that decide between kinds the headers leave open. A
 * phrase (several words) is more specific than a word: `Plan de pagos` is a schedule although `pagos` alone
 * names repayments.
 */
export const KIND_NAME_HINTS: Record<SheetKind, readonly string[]> = {
  loans: [
    'loan',
    'borrower',
    'draft',
    'prestamo',
    'credito',
    'prestatario',
    'desembolso',
    'borrador',
    'pret',
    'credit',
    'emprunteur',
    'decaissement',
    'brouillon',
  ],
  schedule: [
    'schedule',
    'instalment',
    'installment',
    'amortization',
    'calendario',
    'cronograma',
    'cuota',
    'amortizacion',
    'echeancier',
    'echeance',
    'amortissement',
    'plan de pago',
    'calendario de pago',
    'tabla de pago',
    'payment plan',
    'repayment plan',
    'payment schedule',
    'repayment schedule',
    'plan de remboursement',
    'calendrier de remboursement',
    'tableau de remboursement',
  ],
  repayments: [
    'repayment',
    'repaid',
    'payment',
    'collection',
    'pago',
    'reembolso',
    'cobro',
    'cobranza',
    'recaudo',
    'abono',
    'remboursement',
    'paiement',
    'versement',
    'recouvrement',
  ],
  journals: [
    'journal',
    'journaux',
    'update',
    'diario',
    'bitacora',
    'actualizacion',
    'novedad',
    'noticia',
    'nouvelle',
    'actualite',
    'mise a jour',
  ],
};
