import {
  convertWorkbook,
  formatIssue,
  type CellGrid,
  type Conversion,
  type ConvertInput,
  type PhotoResolver,
  type RawCell,
} from '../../src/sheet';
import type { LoanDraft } from '../../src/kiva/models';
import { CONFIG } from './fixtures/config-lists';
import { grid, serial } from './helpers';

const HEADERS = [
  'loan_id',
  'first_name',
  'last_name',
  'gender',
  'amount',
  'internal_loan_id',
  'group_name',
  'not_pictured',
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
] as const;
type Column = (typeof HEADERS)[number];
const TODAY = '2026-11-28';
const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==';

function row(values: Partial<Record<Column, RawCell>>): RawCell[] {
  return HEADERS.map((h) => values[h] ?? '');
}

const complete: Partial<Record<Column, RawCell>> = {
  activity: 'Agriculture',
  location: 'Lima',
  currency: 'PEN',
  disburse_time: '2026-11-20',
  description: 'Story',
  loanuse: 'to buy seeds',
  theme: 'Green',
  language: 'es',
  client_waiver_signed: 'yes',
  photo: 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==',
};

function loans(
  rows: RawCell[][],
  options: Partial<ConvertInput> & { schedule?: RawCell[][]; loanGrid?: Partial<CellGrid> } = {},
): Conversion {
  const sheets: CellGrid[] = [grid('Loans', [[...HEADERS], ...rows], options.loanGrid)];
  if (options.schedule)
    sheets.push(grid('Schedule', [['loan_id', 'date', 'principal', 'interest'], ...options.schedule]));
  const c = convertWorkbook({ config: CONFIG, settings: { today: TODAY }, ...options, sheets });
  // Without a schedule sheet every loans sheet gets one `schedule-sheet-missing` at A1 (readiness.test.ts).
  if (options.schedule !== undefined) return c;
  return { ...c, issues: c.issues.filter((i) => i.code !== 'schedule-sheet-missing') };
}

const drafts = (c: Conversion) => c.requests.map((r) => r.body as LoanDraft);
// A loan without schedule rows gets `schedule-missing` (readiness.test.ts checks it); these tests are about the rest.
const codes = (c: Conversion) =>
  c.issues.filter((i) => i.code !== 'schedule-missing').map((i) => `${i.sheet}!${i.column}${i.row}:${i.code}`);

describe('individual loans', () => {
  it('become one draft each, names resolved to ids, no group fields', () => {
    const c = loans([
      row({
        ...complete,
        loan_id: 'L1',
        first_name: 'Ana',
        last_name: 'Pérez',
        gender: 'F',
        amount: 500,
        theme: 'general',
        language: 'es',
        currency: 'pen',
        disburse_time: serial('2026-11-20'),
        client_waiver_signed: 'sí',
        photo: JPEG,
      }),
    ]);
    expect(codes(c)).toEqual([]);
    expect(drafts(c)).toEqual([
      {
        activity_id: 61,
        theme_type_id: 48,
        location: 'Lima: Peru',
        description_language_id: 2,
        currency: 'PEN',
        description: 'Story',
        loanuse: 'to buy seeds',
        disburse_time: '2026-11-20',
        client_waiver_signed: true,
        entreps: [{ amount: 500, loan_id: 'L1', first_name: 'Ana', last_name: 'Pérez', gender: 'female' }],
        image_encoded: JPEG,
      },
    ]);
    expect(c.requests[0]).toMatchObject({ endpoint: 'loan_draft', rows: [{ sheet: 'Loans', row: 2, key: 'L1' }] });
  });

  it('omit every empty field: no 0 ids, no null, no ""', () => {
    const c = loans([row({ loan_id: 'L1', first_name: 'Ana', amount: 100 })]);
    expect(drafts(c)).toEqual([{ entreps: [{ amount: 100, loan_id: 'L1', first_name: 'Ana' }] }]);
    expect(JSON.stringify(drafts(c))).not.toMatch(/null|""|:0[,}]/);
  });

  it('warn about what PA2 will ask for, once per loan', () => {
    const c = loans([row({ loan_id: 'L1', first_name: 'Ana', amount: 100 })]);
    expect(c.issues.every((i) => i.severity === 'warning' && i.code === 'recommended-missing')).toBe(true);
    expect(c.issues.map((i) => i.field)).toEqual([
      'gender',
      'activity',
      'theme',
      'location',
      'language',
      'currency',
      'disburse_time',
      'description',
      'loanuse',
      'photo',
    ]);
  });

  it('ignore group columns with a warning at each filled cell', () => {
    const c = loans([
      row({
        ...complete,
        loan_id: 'L1',
        first_name: 'Ana',
        gender: 'F',
        amount: 100,
        group_name: 'Las Flores',
        not_pictured: 'x',
      }),
    ]);
    expect(codes(c)).toEqual(['Loans!G2:group-field-ignored', 'Loans!H2:group-field-ignored']);
    expect(drafts(c)[0]).not.toHaveProperty('group_name');
    expect(drafts(c)[0]).not.toHaveProperty('not_pictured');
  });

  it('with one loan id on two rows are an error on both', () => {
    const c = loans([
      row({ ...complete, loan_id: 'L1', first_name: 'Ana', gender: 'F', amount: 100 }),
      row({ ...complete, loan_id: 'L1', first_name: 'Bea', gender: 'F', amount: 100 }),
    ]);
    expect(codes(c)).toEqual(['Loans!A2:duplicate-loan-id', 'Loans!A3:duplicate-loan-id']);
    expect(c.requests).toEqual([]);
  });

  it('need a client id per borrower for three-column partners', () => {
    const c = loans([row({ ...complete, loan_id: 'L1', first_name: 'Ana', gender: 'F', amount: 100 })], {
      settings: { today: TODAY, threeColumn: true },
    });
    // No client_id column in this sheet: one error for the sheet, at its header row, and no draft goes.
    expect(c.requests).toEqual([]);
    expect(c.issues.filter((i) => i.severity === 'error').map((i) => `${i.column}${i.row}:${i.code}`)).toEqual([
      'A1:column-missing',
    ]);
    const withColumn = convertWorkbook({
      config: CONFIG,
      settings: { threeColumn: true },
      sheets: [
        grid('Loans', [
          ['loan_id', 'client_id', 'first_name', 'gender', 'amount'],
          ['L1', '', 'Ana', 'F', 10],
        ]),
      ],
    });
    expect(withColumn.issues.map((i) => i.code)).toContain('required-missing');
    expect(withColumn.requests).toEqual([]);
  });
});

describe('group loans', () => {
  const member = (loanId: string, name: string, extra: Partial<Record<Column, RawCell>> = {}) =>
    row({
      loan_id: loanId,
      first_name: name,
      gender: 'F',
      amount: 100,
      internal_loan_id: 'G1',
      group_name: 'Las Flores',
      ...extra,
    });

  it('gather rows sharing internal_loan_id, borrowers and not_pictured in row order', () => {
    const c = loans([
      member('G1-a', 'Ana', { ...complete, not_pictured: 'x' }),
      row({ ...complete, loan_id: 'L9', first_name: 'Solo', gender: 'M', amount: 50 }),
      member('G1-b', 'Bea'),
      member('G1-c', 'Carla', { not_pictured: 'no' }),
    ]);
    expect(codes(c)).toEqual([]);
    const group = drafts(c)[0]!;
    expect(group.entreps?.map((e) => e.first_name)).toEqual(['Ana', 'Bea', 'Carla']);
    expect(group.not_pictured).toEqual([true, false, false]);
    expect(group).toMatchObject({ group_name: 'Las Flores', internal_loan_id: 'G1', activity_id: 61 });
    expect(drafts(c)[1]).not.toHaveProperty('internal_loan_id');
    expect(c.requests[0]?.rows.map((r) => r.row)).toEqual([2, 4, 5]);
    expect(c.requests.map((r) => r.rows[0]?.row)).toEqual([2, 3]);
  });

  it('omit not_pictured when the sheet has no such column', () => {
    const c = convertWorkbook({
      sheets: [
        grid('Loans', [
          ['loan_id', 'first_name', 'amount', 'internal_loan_id', 'group_name'],
          ['a', 'Ana', 10, 'G', 'Grupo'],
          ['b', 'Bea', 10, 'G', 'Grupo'],
        ]),
      ],
    });
    expect(drafts(c)[0]).not.toHaveProperty('not_pictured');
    expect(drafts(c)[0]).toMatchObject({ internal_loan_id: 'G', group_name: 'Grupo' });
  });

  it('report a loan column that differs inside a group at the differing cell; empty cells take the group value', () => {
    const c = loans([
      member('a', 'Ana', complete),
      member('b', 'Bea', { activity: 'Retail', location: 'Lima: Peru' }),
      member('c', 'Carla', { group_name: 'Las Rosas' }),
    ]);
    expect(codes(c)).toEqual(['Loans!I3:group-inconsistent', 'Loans!G4:group-inconsistent']);
    expect(formatIssue(c.issues[0]!)).toBe(
      'Loans!I3: “activity” differs from the group’s value in I2 (61): every row of a group must have the same value.',
    );
    expect(c.requests).toEqual([]);
    expect(c.sheets[0]?.rows.map((s) => s.problem?.column)).toEqual(['I', 'I', 'G']);
  });

  it('need a group name', () => {
    const c = loans([member('a', 'Ana', { ...complete, group_name: '' }), member('b', 'Bea', { group_name: '' })]);
    expect(codes(c)).toEqual(['Loans!G2:required-missing']);
    expect(c.requests).toEqual([]);
  });

  it('are not sent in part: a hidden member is an error on the visible ones', () => {
    const c = loans([member('a', 'Ana', complete), member('b', 'Bea'), member('c', 'Carla')], {
      loanGrid: { hidden: [false, false, true, false] },
    });
    expect(codes(c)).toEqual(['Loans!F2:group-incomplete', 'Loans!F4:group-incomplete']);
    expect(c.issues[0]?.params).toEqual({ value: 'G1', rows: ['3'] });
    expect(c.requests).toEqual([]);
  });

  it('warn about a group of one', () => {
    const c = loans([member('a', 'Ana', complete)]);
    expect(codes(c)).toEqual(['Loans!F2:group-single-borrower']);
  });

  it('are skipped whole when one of their rows was sent already', () => {
    const withStatus = convertWorkbook({
      settings: { alreadySent: { environment: 'stage' } },
      sheets: [
        grid('Loans', [
          ['loan_id', 'first_name', 'amount', 'internal_loan_id', 'group_name', 'Kiva status'],
          ['a', 'Ana', 10, 'G', 'Grupo', 'Sent · stage · 2026-11-28 14:03 · 1f0c'],
          ['b', 'Bea', 10, 'G', 'Grupo', ''],
        ]),
      ],
    });
    expect(withStatus.requests).toEqual([]);
    expect(withStatus.sheets[0]?.rows.map((s) => s.skipped)).toEqual(['already-sent', 'already-sent']);
  });
});

describe('config lists', () => {
  const one = (values: Partial<Record<Column, RawCell>>, config = CONFIG) =>
    loans([row({ ...complete, loan_id: 'L1', first_name: 'Ana', gender: 'F', amount: 100, ...values })], {
      config,
    });

  it.each<[Partial<Record<Column, RawCell>>, Partial<LoanDraft>]>([
    [{ location: 'São Paulo' }, { location: 'São Paulo: Brazil' }],
    [{ location: 'sao paulo' }, { location: 'São Paulo: Brazil' }],
    [{ location: 'SAO PAULO, BRAZIL' }, { location: 'São Paulo: Brazil' }],
    [{ location: 'Ñaña' }, { location: 'Ñaña: Peru' }],
    [{ location: 'nana' }, { location: 'Ñaña: Peru' }],
    [{ location: 'San José: Peru' }, { location: 'San José: Peru' }],
    [{ activity: 61 }, { activity_id: 61 }],
    [{ activity: '61' }, { activity_id: 61 }],
    [{ activity: 'fish selling' }, { activity_id: 52 }],
    [{ theme: 'Green' }, { theme_type_id: 1 }],
    [{ theme: 1 }, { theme_type_id: 1 }],
    [{ theme: '48' }, { theme_type_id: 48 }],
    [{ language: 'Spanish' }, { description_language_id: 2 }],
    [{ language: 'fr' }, { description_language_id: 3 }],
    [{ language: 5 }, { description_language_id: 5 }],
    [{ currency: 'xof' }, { currency: 'XOF' }],
  ])('%j → %j', (values, expected) => {
    const c = one(values);
    expect(codes(c)).toEqual([]);
    expect(drafts(c)[0]).toMatchObject(expected);
  });

  it.each<[Partial<Record<Column, RawCell>>, string, readonly string[]]>([
    [{ activity: 'Agricultre' }, 'lookup-unknown', ['Agriculture', 'Poultry', 'Cattle']],
    [{ activity: 999 }, 'lookup-unknown', []],
    [{ theme: 'Gren' }, 'lookup-unknown', ['Green', 'General', 'Underfunded Areas']],
    [{ location: 'San José' }, 'lookup-ambiguous', ['San José: Costa Rica', 'San José: Peru']],
    [{ location: 'Sao Palo' }, 'lookup-unknown', ['São Paulo: Brazil', 'Kampala: Uganda', 'Dakar: Senegal']],
    [{ language: 'Quechua' }, 'lookup-unknown', ['French', 'English', 'Spanish']],
    [{ currency: 'EUR' }, 'currency-unknown', ['BRL', 'CRC', 'PEN']],
  ])('%j → %s with the closest choices', (values, code, choices) => {
    const c = one(values);
    expect(c.issues.map((i) => i.code)).toEqual([code]);
    expect(c.issues[0]?.params.choices).toEqual(choices);
    expect(c.requests).toEqual([]);
  });

  it('says so when the lists are not loaded', () => {
    const c = loans([row({ ...complete, loan_id: 'L1', first_name: 'Ana', gender: 'F', amount: 100 })], {
      config: undefined,
    });
    expect(c.issues.map((i) => `${i.code}:${String(i.params.list)}`)).toEqual([
      'lookup-lists-missing:activity',
      'lookup-lists-missing:theme',
      'lookup-lists-missing:location',
      'lookup-lists-missing:language',
      'lookup-lists-missing:currency',
    ]);
  });
});

describe('photos', () => {
  const withPhoto = (photo: RawCell, resolvePhoto?: PhotoResolver) =>
    loans(
      [row({ ...complete, loan_id: 'L1', first_name: 'Ana', gender: 'F', amount: 100, photo })],
      resolvePhoto ? { resolvePhoto } : {},
    );

  it('resolves a file name through the injected resolver', () => {
    const seen: string[] = [];
    const c = withPhoto('ana.jpg', (name) => {
      seen.push(name);
      return { dataUri: JPEG };
    });
    expect(seen).toEqual(['ana.jpg']);
    expect(drafts(c)[0]?.image_encoded).toBe(JPEG);
  });

  it.each<[RawCell, PhotoResolver | undefined, string]>([
    ['ana.jpg', () => ({ error: 'not-found' }), 'photo-error'],
    [
      'ana.jpg',
      () => {
        throw new Error('disk');
      },
      'photo-error',
    ],
    ['ana.jpg', undefined, 'photo-error'],
    ['ana.jpg', () => ({ dataUri: 'data:text/plain;base64,AAAA' }), 'photo-invalid'],
    ['data:image/jpeg;base64,not base64!', undefined, 'photo-invalid'],
  ])('%j → %s', (photo, resolver, code) => {
    const c = withPhoto(photo, resolver);
    expect(codes(c)).toEqual([`Loans!R2:${code}`]);
    expect(c.requests).toEqual([]);
  });
});

describe('disbursal window', () => {
  it.each([
    ['2026-11-06', []],
    ['2026-11-05', ['Loans!N2:disburse-date-near-limit']],
    ['2026-10-30', ['Loans!N2:disburse-date-near-limit']],
    ['2026-10-29', ['Loans!N2:disburse-date-window']],
    ['2027-02-26', []],
    ['2027-02-27', ['Loans!N2:disburse-date-window']],
  ])('%s: %j', (date, expected) => {
    const c = loans([
      row({ ...complete, loan_id: 'L1', first_name: 'Ana', gender: 'F', amount: 100, disburse_time: date }),
    ]);
    expect(codes(c)).toEqual(expected);
    expect(c.requests).toHaveLength(1);
  });
});

describe('schedules', () => {
  const ana = row({ ...complete, loan_id: 'L1', first_name: 'Ana', gender: 'F', amount: 300 });

  it('are joined by loan id and sorted by date', () => {
    const c = loans([ana], {
      schedule: [
        ['L1', '2027-01-20', 100, 5],
        ['L1', serial('2026-12-20'), 100, 6],
        ['L1', '2027-02-20', 100, ''],
      ],
    });
    expect(codes(c)).toEqual([]);
    expect(drafts(c)[0]?.schedule).toEqual([
      { date: '2026-12-20', principal: 100, interest: 6 },
      { date: '2027-01-20', principal: 100, interest: 5 },
      { date: '2027-02-20', principal: 100, interest: 0 },
    ]);
  });

  it('warn when the principal does not add up to the loan amount', () => {
    const c = loans([ana], { schedule: [['L1', '2027-01-20', 100, 5]] });
    expect(codes(c)).toEqual(['Loans!E2:schedule-sum-mismatch']);
    expect(c.issues[0]?.params).toEqual({ sum: '100.00', amount: '300.00' });
    expect(c.requests).toHaveLength(1);
  });

  it('keep the loan back when one of its instalments is wrong, and say where', () => {
    const c = loans([ana], {
      schedule: [
        ['L1', '20/01/2027', 100, 5],
        ['L1', '2027-02-20', 200, 5],
      ],
    });
    expect(codes(c)).toEqual(['Schedule!B2:date-format']);
    expect(c.requests).toEqual([]);
    const plan = c.writeBack.sheets.find((s) => s.sheet === 'Loans');
    expect(plan?.statuses[0]?.text).toMatch(/^Invalid: Schedule!B2: /);
    expect(c.writeBack.sheets.find((s) => s.sheet === 'Schedule')?.marks.map((m) => `${m.column}${m.row}`)).toEqual([
      'B2',
    ]);
  });

  it('report instalments of no loan, two on one day, and empty ones', () => {
    const c = loans([ana], {
      schedule: [
        ['L1', '2027-01-20', 150, 5],
        ['L1', '2027-01-20', 150, 5],
        ['ZZ', '2027-01-20', 100, 5],
        ['L1', '2027-03-20', '', ''],
      ],
    });
    expect(codes(c)).toEqual([
      'Schedule!B3:schedule-duplicate-date',
      'Schedule!A4:schedule-orphan',
      'Schedule!C5:schedule-empty-instalment',
    ]);
  });

  it('join a group by its internal_loan_id', () => {
    const c = loans(
      [
        row({
          ...complete,
          loan_id: 'a',
          first_name: 'Ana',
          gender: 'F',
          amount: 100,
          internal_loan_id: 'G1',
          group_name: 'G',
        }),
        row({ loan_id: 'b', first_name: 'Bea', gender: 'F', amount: 100, internal_loan_id: 'G1', group_name: 'G' }),
      ],
      { schedule: [['G1', '2027-01-20', 200, 10]] },
    );
    expect(codes(c)).toEqual([]);
    expect(drafts(c)[0]?.schedule).toEqual([{ date: '2027-01-20', principal: 200, interest: 10 }]);
  });

  it('block their loans when the schedule sheet itself is unreadable', () => {
    const c = convertWorkbook({
      config: CONFIG,
      sheets: [
        grid('Loans', [[...HEADERS], ana]),
        grid('Schedule', [
          ['loan_id', 'principal', 'interest', 'when'],
          ['L1', 300, 0, '2027-01-01'],
        ]),
      ],
      mappings: { Schedule: { version: 1, kind: 'schedule' } },
    });
    expect(c.issues.map((i) => i.code)).toContain('column-missing');
    expect(c.requests).toEqual([]);
  });
});
