import type { LoanDraft } from '../../../src/kiva/models';
import { startEmulator, type Emulator } from '../../../dev/kiva-emulator';
import { call, getToken, PARTNER } from './helpers';

const GOOD_DRAFT: LoanDraft = {
  activity_id: 31,
  theme_type_id: 48,
  location: 'São Paulo: Brazil',
  description_language_id: 5,
  currency: 'BRL',
  description: 'Conceição costura uniformes escolares.',
  loanuse: 'to buy a sewing machine',
  disburse_time: '2026-01-10',
  client_waiver_signed: true,
  entreps: [{ amount: 1200, client_id: '0001842', loan_id: '000123', first_name: 'Conceição', gender: 'female' }],
  schedule: [{ date: '2026-02-10', principal: 100, interest: 12.5 }],
  image_encoded: 'data:image/jpeg;base64,/9j/4AAQ',
};

describe('kiva emulator: loan_draft', () => {
  let emulator: Emulator;
  let token: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    token = await getToken(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  const post = (body: unknown, headers?: Record<string, string>) =>
    call(emulator, 'POST', `${PARTNER}/loan_draft`, { token, body, headers });

  it('creates a draft and records exactly what it applied, accents intact', async () => {
    const reply = await post(GOOD_DRAFT);
    expect(reply.status).toBe(200);
    const { loanDraftUuid } = reply.json as { loanDraftUuid: string };
    expect(reply.json).toEqual({ code: 'api.success', message: 'Loan draft created', loanDraftUuid });
    expect(loanDraftUuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(emulator.applied).toEqual([
      {
        seq: 1,
        time: expect.any(Number),
        partnerId: '145',
        endpoint: 'loan_draft',
        body: GOOD_DRAFT,
        reference: loanDraftUuid,
      },
    ]);
  });

  it('accepts an empty draft and group fields on a one-borrower loan (PA2 refuses those only at publish)', async () => {
    expect((await post({})).status).toBe(200);
    const group = { ...GOOD_DRAFT, group_name: 'Grupo Unidas', internal_loan_id: 'G-1', not_pictured: [false] };
    expect((await post(group)).status).toBe(200);
  });

  it.each<[string, Record<string, unknown>]>([
    ['activity_id', { activity_id: 99999 }],
    ['theme_type_id', { theme_type_id: 0 }],
    ['description_language_id', { description_language_id: 42 }],
    ['location', { location: 'Sao Paulo: Brazil' }],
    ['location', { location: 'São Paulo' }],
    ['currency', { currency: 'EUR' }],
    ['disburse_time', { disburse_time: '10/01/2026' }],
    ['disburse_time', { disburse_time: '2026-02-30' }],
    ['entreps[0].amount', { entreps: [{ amount: 0 }] }],
    ['entreps[1].amount', { entreps: [{ amount: 5 }, { amount: -5 }] }],
    ['not_pictured', { entreps: [{ amount: 5 }, { amount: 5 }], not_pictured: [true] }],
    ['schedule[0].date', { schedule: [{ date: '2026-2-1', principal: 1, interest: 0 }] }],
    ['image_encoded', { image_encoded: 'photo of Ana.jpg' }],
    ['image_encoded', { image_encoded: 'data:image/jpeg;base64,not base64!' }],
    ['entreps', { group_name: 'Las Flores', entreps: undefined }],
    ['entreps', { group_name: 'Las Flores', entreps: [] }],
    ['client_waiver_signed', { client_waiver_signed: 'yes' }],
  ])('refuses a bad %s with 400 naming the field', async (field, change) => {
    const reply = await post({ ...GOOD_DRAFT, ...change });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ code: expect.any(String), field, message: expect.stringContaining(field) });
    expect(emulator.applied).toHaveLength(0);
  });

  it('takes a photo as a data URI or as bare base64 (Kiva’s changelog says "base64-encoded")', async () => {
    expect((await post({ ...GOOD_DRAFT, image_encoded: 'data:image/jpeg;base64,/9j/4AAQ' })).status).toBe(200);
    expect((await post({ ...GOOD_DRAFT, image_encoded: '/9j/4AAQ' })).status).toBe(200);
  });

  it('refuses malformed JSON, non-JSON content and bytes that are not UTF-8', async () => {
    const malformed = await post('{"activity_id": 31,');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ code: 'invalid.json' });
    expect((await post(JSON.stringify(GOOD_DRAFT), { 'Content-Type': 'text/plain' })).status).toBe(415);
    const latin1 = Buffer.from(JSON.stringify({ location: 'São Paulo: Brazil' }), 'latin1');
    expect((await post(latin1)).json).toMatchObject({ code: 'invalid.encoding' });
    expect(emulator.applied).toHaveLength(0);
  });
});
