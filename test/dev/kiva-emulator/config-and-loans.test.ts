import { EMULATOR_CONFIG, seedLoans, startEmulator, type Emulator } from '../../../dev/kiva-emulator';
import { call, getToken, PARTNER } from './helpers';

interface LoansPage {
  total_records: number;
  data: { internal_loan_id: string; status: string; name: string; kiva_id: number }[];
}

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
      expect(reply.json).toMatchObject({ as_of_date_time: expect.any(String), [list]: EMULATOR_CONFIG[list] });
    }
    expect((await get('/config/themes')).json).toMatchObject({ code: 'api.success', message: expect.any(String) });
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
    const first = (await get('/loans')).json as LoansPage;
    expect(first.total_records).toBe(420);
    expect(first.data).toHaveLength(20);
    const all: string[] = [];
    for (let offset = 0; offset < 420; offset += 300) {
      const page = (await get(`/loans?offset=${offset}&limit=300`)).json as LoansPage;
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
    const one = (await get('/loans?query=000100')).json as LoansPage;
    expect(one.data.map((l) => l.internal_loan_id)).toEqual(['000100']);
    const byName = (await get(`/loans?query=${encodeURIComponent('grupo')}&limit=300`)).json as LoansPage;
    expect(byName.total_records).toBeGreaterThan(0);
    expect(byName.data.every((l) => l.name.startsWith('Grupo '))).toBe(true);
  });

  it('refuses a page over 300 and bad paging numbers', async () => {
    const tooBig = await get('/loans?limit=301');
    expect(tooBig.status).toBe(400);
    expect(tooBig.json).toMatchObject({ field: 'limit', message: expect.stringContaining('300') });
    expect((await get('/loans?offset=-1')).status).toBe(400);
    expect((await get('/loans?limit=abc')).status).toBe(400);
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

  it('renames config and loan fields the way Kiva’s lib models them', async () => {
    const token = await getToken(emulator);
    const locations = await call(emulator, 'GET', `${PARTNER}/config/locations`, { token });
    expect(locations.json).toMatchObject({
      asOfDateTime: expect.any(String),
      locations: expect.arrayContaining([{ country: 'Brazil', location: 'São Paulo', fullName: 'São Paulo: Brazil' }]),
    });
    const loans = await call(emulator, 'GET', `${PARTNER}/loans`, { token });
    expect(loans.json).toMatchObject({
      totalRecords: 5,
      data: expect.arrayContaining([
        expect.objectContaining({ internalLoanId: '000100', loanCurrency: expect.any(String) }),
      ]),
    });
  });
});
