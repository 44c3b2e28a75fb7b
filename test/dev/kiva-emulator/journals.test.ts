import { DEMO_CREDENTIALS, seedLoans, startEmulator, type Emulator } from '../../../dev/kiva-emulator';
import { call, getToken, PARTNER } from './helpers';

interface JournalAnswer {
  code: string;
  message: string;
  archive_id: string;
  internal_loan_id: string;
  confirm_url: string;
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

  it('takes {"journals":[…]} on the documented path and answers 200 with the library’s list', async () => {
    const body = { journals: [JOURNAL, { ...JOURNAL, internal_loan_id: '1040007' }] };
    const reply = await call(emulator, 'POST', `${PARTNER}/journals`, { token, body });
    expect(reply.status).toBe(200);
    const result = reply.json as JournalAnswer[];
    expect(result.map((j) => [j.code, j.internal_loan_id])).toEqual([
      ['api.success', '000100'],
      ['api.success', '1040007'],
    ]);
    expect(result.every((j) => j.archive_id !== '' && j.confirm_url.endsWith('/confirm'))).toBe(true);
    expect(emulator.applied).toEqual([
      expect.objectContaining({ endpoint: 'journals', body, reference: result[0]?.confirm_url }),
    ]);
    const page = await fetch(result[0]?.confirm_url ?? '');
    expect(page.status).toBe(200);
  });

  it('has only the documented route by default: the sample’s plural path answers 404 and applies nothing', async () => {
    const reply = await call(emulator, 'POST', '/v3/partners/145/journals', { token, body: [JOURNAL] });
    expect(reply.status).toBe(404);
    expect(emulator.applied).toHaveLength(0);
  });

  it('refuses journals for a loan PA2 does not list as eligible, applying nothing', async () => {
    const unknown = await call(emulator, 'POST', `${PARTNER}/journals`, {
      token,
      body: { journals: [{ ...JOURNAL, internal_loan_id: 'L-1' }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ code: 'journal.loan.not.eligible', field: 'journals[0].internal_loan_id' });
    const refunded = seedLoans(420).find((loan) => loan.status === 'refunded');
    const reply = await call(emulator, 'POST', `${PARTNER}/journals`, {
      token,
      body: { journals: [JOURNAL, { ...JOURNAL, internal_loan_id: refunded?.internal_loan_id }] },
    });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ field: 'journals[1].internal_loan_id' });
    expect(emulator.applied).toHaveLength(0);
  });

  it.each([
    ['sample', 404, 201],
    ['both', 200, 201],
    ['documented', 200, 404],
  ] as const)('journalRoute %s: documented path %s, sample path %s', async (journalRoute, documented, sample) => {
    const routed = await startEmulator({ journalRoute });
    try {
      const routedToken = await getToken(routed);
      const wrapped = await call(routed, 'POST', `${PARTNER}/journals`, {
        token: routedToken,
        body: { journals: [JOURNAL] },
      });
      const bare = await call(routed, 'POST', '/v3/partners/145/journals', { token: routedToken, body: [JOURNAL] });
      expect([wrapped.status, bare.status]).toEqual([documented, sample]);
      if (sample === 201) expect((bare.json as { journals: JournalAnswer[] }).journals).toHaveLength(1);
    } finally {
      await routed.close();
    }
  });

  it('refuses the other variant’s body shape on each path', async () => {
    const both = await startEmulator({ journalRoute: 'both' });
    try {
      const bothToken = await getToken(both);
      expect((await call(both, 'POST', `${PARTNER}/journals`, { token: bothToken, body: [JOURNAL] })).status).toBe(400);
      const plural = await call(both, 'POST', '/v3/partners/145/journals', {
        token: bothToken,
        body: { journals: [JOURNAL] },
      });
      expect(plural.status).toBe(400);
      expect(both.applied).toHaveLength(0);
    } finally {
      await both.close();
    }
  });

  it('asks a three-column partner for the client id of every journal', async () => {
    const three = await startEmulator({
      clients: [{ ...DEMO_CREDENTIALS, scopes: ['create:journal_update'], reportFormat: 'three-column' }],
    });
    try {
      const threeToken = await getToken(three);
      const without = await call(three, 'POST', `${PARTNER}/journals`, {
        token: threeToken,
        body: { journals: [JOURNAL] },
      });
      expect(without.status).toBe(400);
      expect(without.json).toMatchObject({ field: 'journals[0].internal_client_id' });
      const withId = await call(three, 'POST', `${PARTNER}/journals`, {
        token: threeToken,
        body: { journals: [{ ...JOURNAL, internal_client_id: '0000500' }] },
      });
      expect(withId.status).toBe(200);
    } finally {
      await three.close();
    }
  });

  it.each(['body', 'internal_loan_id'])('refuses a journal without %s', async (field) => {
    const { [field as keyof typeof JOURNAL]: _dropped, ...rest } = JOURNAL;
    const reply = await call(emulator, 'POST', `${PARTNER}/journals`, { token, body: { journals: [rest] } });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ field: `journals[0].${field}` });
  });
});
