import { startEmulator, type Emulator } from '../../../dev/kiva-emulator';
import { call, getToken, PARTNER } from './helpers';

interface JournalsResult {
  code: string;
  confirm_url: string;
  journals: { internal_loan_id: string; confirm_url: string }[];
}

const JOURNAL = { subject: 'Nueva máquina', body: 'Conceição ya cose el doble.', internal_loan_id: '000100' };

describe('kiva emulator: journals', () => {
  let emulator: Emulator;
  let token: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    token = await getToken(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  it('takes {"journals":[…]} on the documented path and answers 200 with confirm URLs', async () => {
    const body = { journals: [JOURNAL, { ...JOURNAL, internal_loan_id: '1040007' }] };
    const reply = await call(emulator, 'POST', `${PARTNER}/journals`, { token, body });
    expect(reply.status).toBe(200);
    const result = reply.json as JournalsResult;
    expect(result.code).toBe('api.success');
    expect(result.journals.map((j) => j.internal_loan_id)).toEqual(['000100', '1040007']);
    expect(result.confirm_url).toBe(result.journals[0]?.confirm_url);
    expect(emulator.applied).toEqual([
      expect.objectContaining({ endpoint: 'journals', body, reference: result.confirm_url }),
    ]);
    const page = await fetch(result.confirm_url);
    expect(page.status).toBe(200);
  });

  it('takes a bare array on the sample’s plural path and answers 201', async () => {
    const reply = await call(emulator, 'POST', '/v3/partners/145/journals', { token, body: [JOURNAL] });
    expect(reply.status).toBe(201);
    expect((reply.json as JournalsResult).journals).toHaveLength(1);
    expect(emulator.applied).toHaveLength(1);
  });

  it('refuses the other variant’s body shape on each path', async () => {
    expect((await call(emulator, 'POST', `${PARTNER}/journals`, { token, body: [JOURNAL] })).status).toBe(400);
    const plural = await call(emulator, 'POST', '/v3/partners/145/journals', { token, body: { journals: [JOURNAL] } });
    expect(plural.status).toBe(400);
    expect(emulator.applied).toHaveLength(0);
  });

  it.each(['body', 'internal_loan_id'])('refuses a journal without %s', async (field) => {
    const { [field as keyof typeof JOURNAL]: _dropped, ...rest } = JOURNAL;
    const reply = await call(emulator, 'POST', `${PARTNER}/journals`, { token, body: { journals: [rest] } });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ field: `journals[0].${field}` });
  });
});
