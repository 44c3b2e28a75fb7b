import {
  aliasesOf,
  detectKind,
  KIND_FIELDS,
  mapHeaders,
  normaliseHeader,
  parseMappingOverride,
  serialiseMappingOverride,
  SHEET_KINDS,
  type FieldName,
  type SheetKind,
} from '../../src/sheet';
import { HEADER_INDEX } from '../../src/sheet/fields';
import { grid } from './helpers';

describe('header normalisation', () => {
  it.each([
    ['loan_id', 'loanid'],
    ['Loan ID', 'loanid'],
    ['LOAN-ID', 'loanid'],
    ['loanId', 'loanid'],
    ['  Fecha de desembolso ', 'fechadedesembolso'],
    ['Date de décaissement', 'datededecaissement'],
    ['Nº préstamo', 'noprestamo'],
    ['Ｌｏａｎ ＩＤ', 'loanid'],
    ['Intérêts (€)', 'interets'],
  ])('%s → %s', (header, folded) => {
    expect(normaliseHeader(header)).toBe(folded);
  });
});

describe('header mapping', () => {
  const cases: [SheetKind, string, FieldName][] = [
    ['repayments', 'Loan ID', 'loan_id'],
    ['repayments', 'LOAN-ID', 'loan_id'],
    ['repayments', 'loanId', 'loan_id'],
    ['repayments', 'Número de préstamo', 'loan_id'],
    ['repayments', 'N° prêt', 'loan_id'],
    ['repayments', 'Monto', 'amount'],
    ['repayments', 'Montant remboursé', 'amount'],
    ['repayments', 'Código cliente', 'client_id'],
    ['loans', 'Fecha de desembolso', 'disburse_time'],
    ['loans', 'Date de décaissement', 'disburse_time'],
    ['loans', 'Disbursal date', 'disburse_time'],
    ['loans', 'Prénom', 'first_name'],
    ['loans', 'Nombre', 'first_name'],
    ['loans', 'Apellidos', 'last_name'],
    ['loans', 'Nom', 'last_name'],
    ['loans', 'Sexo', 'gender'],
    ['loans', 'Sexe', 'gender'],
    ['loans', 'No aparece en la foto', 'not_pictured'],
    ['loans', 'Pas sur la photo', 'not_pictured'],
    ['loans', 'Nombre del grupo', 'group_name'],
    ['loans', 'Nom du groupe', 'group_name'],
    ['loans', 'Actividad', 'activity'],
    ['loans', 'activity_id', 'activity'],
    ['loans', 'Thème', 'theme'],
    ['loans', 'theme_type_id', 'theme'],
    ['loans', 'Ubicación', 'location'],
    ['loans', 'Idioma', 'language'],
    ['loans', 'Langue', 'language'],
    ['loans', 'description_language_id', 'language'],
    ['loans', 'Moneda', 'currency'],
    ['loans', 'Devise', 'currency'],
    ['loans', 'Uso del préstamo', 'loanuse'],
    ['loans', 'Utilisation du prêt', 'loanuse'],
    ['loans', 'Historia', 'description'],
    ['loans', 'Foto', 'photo'],
    ['loans', 'image_encoded', 'photo'],
    ['loans', 'Renuncia firmada', 'client_waiver_signed'],
    ['loans', 'ID préstamo grupal', 'internal_loan_id'],
    ['schedule', 'Fecha de pago', 'date'],
    ['schedule', 'Échéance', 'date'],
    ['schedule', 'Capital', 'principal'],
    ['schedule', 'Intereses', 'interest'],
    ['schedule', 'internal_loan_id', 'loan_id'],
    ['journals', 'Asunto', 'subject'],
    ['journals', 'Corps', 'body'],
    ['journals', 'Loan ID', 'internal_loan_id'],
    ['journals', 'URL de la imagen', 'image_url'],
  ];
  it.each(cases)('%s: “%s” → %s', (kind, header, field) => {
    expect(HEADER_INDEX[kind].get(normaliseHeader(header))).toBe(field);
  });

  it('every field of every kind has aliases, and its Kiva name matches', () => {
    for (const kind of SHEET_KINDS) {
      for (const field of KIND_FIELDS[kind]) {
        expect(aliasesOf(kind, field).length).toBeGreaterThan(0);
        expect(HEADER_INDEX[kind].get(normaliseHeader(field))).toBe(field);
      }
    }
  });

  it('no alias names two different fields of one kind', () => {
    for (const kind of SHEET_KINDS) {
      const owner = new Map<string, FieldName>();
      for (const field of KIND_FIELDS[kind]) {
        for (const alias of [field, ...aliasesOf(kind, field)]) {
          const key = normaliseHeader(alias);
          const previous = owner.get(key);
          if (previous !== undefined && previous !== field) {
            throw new Error(`${kind}: “${alias}” names both ${previous} and ${field}`);
          }
          owner.set(key, field);
        }
      }
    }
  });

  it('keeps unknown columns, recognises the status column and never maps it', () => {
    const map = mapHeaders(
      grid('Pagos', [
        ['Loan ID', 'Notes', 'Monto', 'Kiva status'],
        ['1', 'x', 5, 'Sent · stage · t'],
      ]),
    );
    expect(map.kind).toBe('repayments');
    expect(map.fieldIndex).toEqual({ loan_id: 0, amount: 2 });
    expect(map.columns[1]).toEqual({ index: 1, column: 'B', header: 'Notes' });
    expect(map.statusColumn).toEqual({ column: 'D', number: 4, index: 3, exists: true });
    expect(map.issues).toEqual([]);
  });

  it.each(['Estado Kiva', 'Statut Kiva', 'KIVA STATUS'])('recognises the localised status header %s', (header) => {
    expect(mapHeaders(grid('R', [['loan_id', 'amount', header]])).statusColumn.exists).toBe(true);
  });

  it('places a missing status column at the first free column, after any data', () => {
    const map = mapHeaders(
      grid(
        'R',
        [
          ['loan_id', 'amount', ''],
          ['1', 2, 'note in C'],
        ],
        { firstColumn: 2 },
      ),
    );
    expect(map.statusColumn).toEqual({ column: 'E', number: 5, exists: false });
  });

  it('reports a missing required column once, at the header row', () => {
    const map = mapHeaders(grid('Repayments', [['loan_id', 'client_id']]));
    expect(map.kind).toBe('repayments');
    expect(map.issues).toEqual([
      expect.objectContaining({ row: 1, column: 'A', code: 'column-missing', params: { field: 'amount' } }),
    ]);
  });

  it('reports a second column for the same field and keeps the first', () => {
    const map = mapHeaders(grid('R', [['loan_id', 'amount', 'Monto']]));
    expect(map.fieldIndex.amount).toBe(1);
    expect(map.issues).toEqual([
      expect.objectContaining({ column: 'C', code: 'column-duplicate', params: { header: 'Monto', first: 'B' } }),
    ]);
  });

  it('reports an empty sheet and an unrecognisable one', () => {
    expect(mapHeaders(grid('S', [])).issues.map((i) => i.code)).toEqual(['sheet-empty']);
    expect(mapHeaders(grid('S', [['foo', 'bar']])).issues.map((i) => i.code)).toEqual(['kind-unknown']);
  });
});

describe('sheet kind detection', () => {
  it.each<[string[], SheetKind | undefined, string]>([
    [['loan_id', 'amount'], 'repayments', ''],
    [['loan_id', 'client_id', 'amount'], 'repayments', ''],
    [['loan_id', 'first_name', 'amount'], 'repayments', ''],
    [['loan_id', 'first_name', 'gender', 'amount'], 'loans', ''],
    [['ID préstamo', 'Nombre', 'Apellido', 'Sexo', 'Monto'], 'loans', ''],
    [['loan_id', 'date', 'principal', 'interest'], 'schedule', ''],
    [['internal_loan_id', 'subject', 'body'], 'journals', ''],
    [['foo', 'bar'], undefined, ''],
    [['loan_id'], 'repayments', 'Reembolsos noviembre'],
    [['loan_id'], undefined, 'Notes'],
    [['Fecha', 'Comentario'], 'schedule', 'Calendario'],
    [['Comentario'], undefined, 'Notas de préstamos'],
    [['Time', 'Environment', 'Endpoint', 'Rows'], undefined, 'Kiva log'],
  ])('%j → %s', (headers, kind, sheetName) => {
    expect(detectKind(headers, sheetName).kind).toBe(kind);
  });
});

describe('manual mapping override', () => {
  it('forces the kind and maps or ignores columns by header text', () => {
    const g = grid('Hoja1', [['Código', 'Cuota pagada', 'Monto']]);
    const parsed = parseMappingOverride({
      version: 1,
      kind: 'repayments',
      columns: { código: 'loan_id', 'Cuota pagada': 'amount', Monto: null },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const map = mapHeaders(g, parsed.value);
    expect(map.kindSource).toBe('override');
    expect(map.fieldIndex).toEqual({ loan_id: 0, amount: 1 });
    expect(map.issues).toEqual([]);
  });

  it('is JSON-safe and drops anything that is not a kind or a column mapping', () => {
    const parsed = parseMappingOverride(
      JSON.stringify({ version: 1, kind: 'loans', columns: { A: 'amount' }, client_secret: 's3cret', token: 'x' }),
    );
    expect(parsed).toEqual({ ok: true, value: { version: 1, kind: 'loans', columns: { A: 'amount' } } });
    const saved = serialiseMappingOverride({ version: 1, kind: 'loans', columns: { A: 'amount' } });
    expect(JSON.parse(saved)).toEqual({ version: 1, kind: 'loans', columns: { A: 'amount' } });
    expect(saved).not.toMatch(/secret|token/);
  });

  it.each([
    ['not json {', 'not-json'],
    [[], 'not-object'],
    [{ kind: 'payments' }, 'bad-kind'],
    [{ columns: { A: 'password' } }, 'bad-field'],
    [{ columns: [] }, 'bad-columns'],
  ])('refuses %j', (input, problem) => {
    expect(parseMappingOverride(input)).toEqual({ ok: false, problem });
  });
});
