import { EMULATOR_CONFIG, seedLoans, startEmulator, type Emulator } from '../../../dev/kiva-emulator';
import { LOAN_STATUSES } from '../../../src/kiva';
import { call, getToken, PARTNER } from './helpers';

interface LoansPage {
  total_records: number;
  data: { internal_loan_id: string; status: string; name: string; kiva_id: string }[];
}

const ALL = LOAN_STATUSES.join(',');

describe('kiva emulator: config lists and loans', () => {
  let emulator: Emulator;
  let token: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    token = await getToken(emulator);
  });
  afterAll(() => emulator.close());

  const get = (path: string) => call(emulator, 'GET', `${PARTNER}${path}`, { token });

  it('serves the four config lists as UTF-8 JSON in snake_case', async () => {
    for (const list of ['activities', 'locales', 'themes', 'locations'] as const) {
      const reply = await get(`/config/${list}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      // code and message on every list, as on every Kiva success answer.
      expect(reply.json).toMatchObject({
        code: 'api.success',
        message: expect.any(String),
        as_of_date_time: expect.any(String),
        [list]: EMULATOR_CONFIG[list],
      });
    }
  });

  it('keeps accents intact and has a city name in two countries', async () => {
    const reply = await get('/config/locations');
    expect(reply.text).toContain('"full_name":"São Paulo: Brazil"');
    expect(reply.text).toContain('"full_name":"Ñaña: Peru"');
    const names = EMULATOR_CONFIG.locations.filter((l) => l.location === 'San José').map((l) => l.full_name);
    expect(names).toEqual(['San José: Peru', 'San José: Costa Rica']);
    expect(EMULATOR_CONFIG.themes).toEqual(
      expect.arrayContaining([
        { theme_type_id: 1, theme_type: 'Green' },
        { theme_type_id: 48, theme_type: 'General' },
      ]),
    );
    expect(EMULATOR_CONFIG.activities.length).toBeGreaterThanOrEqual(40);
  });

  it('pages loans with a total, 20 by default', async () => {
    const first = (await get('/loans?status=' + ALL)).json as LoansPage;
    expect(first.total_records).toBe(420);
    expect(first.data).toHaveLength(20);
    const all: string[] = [];
    for (let offset = 0; offset < 420; offset += 300) {
      const page = (await get(`/loans?status=${ALL}&offset=${offset}&limit=300`)).json as LoansPage;
      expect(page.total_records).toBe(420);
      all.push(...page.data.map((l) => l.internal_loan_id));
    }
    expect(new Set(all).size).toBe(420);
    expect(all.slice(0, 20)).toEqual(first.data.map((l) => l.internal_loan_id));
  });

  it('filters by comma-separated statuses and by a query', async () => {
    const repayable = (await get('/loans?status=payingBack,defaulted&limit=300')).json as LoansPage;
    expect(repayable.total_records).toBeGreaterThan(250);
    expect(new Set(repayable.data.map((l) => l.status))).toEqual(new Set(['payingBack', 'defaulted']));
    const one = (await get('/loans?status=payingBack&query=000100')).json as LoansPage;
    expect(one.data.map((l) => l.internal_loan_id)).toEqual(['000100']);
    const byName = (await get(`/loans?status=${ALL}&query=${encodeURIComponent('grupo')}&limit=300`)).json as LoansPage;
    expect(byName.total_records).toBeGreaterThan(0);
    expect(byName.data.every((l) => l.name.startsWith('Grupo '))).toBe(true);
  });

  it('requires a status and takes a limit up to 3000, as Kiva’s sample says', async () => {
    const noStatus = await get('/loans');
    expect(noStatus.status).toBe(400);
    expect(noStatus.json).toMatchObject({ field: 'status', message: 'status is required' });
    const big = (await get(`/loans?status=${ALL}&limit=3000`)).json as LoansPage;
    expect(big.data).toHaveLength(420);
    const tooBig = await get(`/loans?status=${ALL}&limit=3001`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.json).toMatchObject({ field: 'limit', message: expect.stringContaining('3000') });
    expect((await get(`/loans?status=${ALL}&limit=0`)).json).toMatchObject({ total_records: 420, data: [] });
    expect((await get(`/loans?status=${ALL}&offset=-1`)).status).toBe(400);
    expect((await get(`/loans?status=${ALL}&limit=abc`)).status).toBe(400);
  });

  it('answers loans with the library’s field names and types (ids and prices as strings)', async () => {
    const [loan] = ((await get('/loans?status=payingBack&limit=1')).json as { data: Record<string, unknown>[] }).data;
    expect(Object.keys(loan ?? {}).sort()).toEqual(
      [
        'borrower_count',
        'create_time',
        'delinquent',
        'internal_client_id',
        'internal_loan_id',
        'kiva_id',
        'loan_currency',
        'loan_local_price',
        'loan_price',
        'location',
        'name',
        'partner',
        'partner_id',
        'planned_expiration_time',
        'planned_inactive_expire_time',
        'status',
        'status_detail',
        'uuid',
      ].sort(),
    );
    expect(loan).toMatchObject({
      kiva_id: expect.stringMatching(/^\d+$/),
      loan_price: expect.stringMatching(/^\d+\.\d\d$/),
      borrower_count: expect.any(Number),
      create_time: expect.any(Number),
      delinquent: false,
    });
  });

  it('seeds the same loans every time, some with zero-padded ids', () => {
    const loans = seedLoans(420);
    expect(seedLoans(420)).toEqual(loans);
    expect(loans.some((l) => /^0+\d+$/.test(l.internal_loan_id))).toBe(true);
    expect(new Set(loans.slice(0, 20).map((l) => l.status))).toEqual(
      new Set(['payingBack', 'defaulted', 'fundRaising', 'ended', 'refunded', 'raised', 'expired']),
    );
  });
});

describe('kiva emulator: camelCase answers', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ casing: 'camel', loanCount: 5 });
  });
  afterAll(() => emulator.close());

  it('spells config lists exactly as Kiva’s library models them, and loans with totalRecords', async () => {
    const token = await getToken(emulator);
    const get = async (path: string) => (await call(emulator, 'GET', `${PARTNER}${path}`, { token })).json;
    expect(await get('/config/locations')).toMatchObject({
      code: 'api.success',
      message: expect.any(String),
      asOfDateTime: expect.any(String),
      locations: expect.arrayContaining([{ country: 'Brazil', location: 'São Paulo', fullName: 'São Paulo: Brazil' }]),
    });
    const activities = (await get('/config/activities')) as { activities: unknown[] };
    expect(activities.activities[0]).toEqual({ activityId: 61, activityName: 'Agriculture' });
    const themes = (await get('/config/themes')) as { themes: unknown[] };
    expect(themes.themes).toContainEqual({ themeType: 'Green', themeTypeId: 1 });
    const locales = (await get('/config/locales')) as { locales: Record<string, unknown>[] };
    expect(Object.keys(locales.locales[0] ?? {}).sort()).toEqual([
      'currency',
      'languageCode',
      'languageId',
      'languageName',
    ]);
    expect(await get(`/loans?status=${ALL}`)).toMatchObject({
      totalRecords: 5,
      data: expect.arrayContaining([
        expect.objectContaining({ internal_loan_id: '000100', loan_currency: expect.any(String) }),
      ]),
    });
  });
});
