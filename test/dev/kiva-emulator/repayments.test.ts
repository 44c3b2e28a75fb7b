import { DEMO_CREDENTIALS, seedLoans, startEmulator, type Emulator } from '../../../dev/kiva-emulator';
import { call, getToken, PARTNER } from './helpers';

interface RepaymentResult {
  code: string;
  message: string;
  upload_id: string;
  problems: { loan_id: string; details: string; code: string; severity: string }[];
}

const loans = seedLoans(420);
const payingBack = loans.filter((l) => l.status === 'payingBack');
const ended = loans.find((l) => l.status === 'ended');

describe('kiva emulator: repayments', () => {
  let emulator: Emulator;
  let token: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    token = await getToken(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  const post = (body: unknown) => call(emulator, 'POST', `${PARTNER}/repayments`, { token, body });

  it('accepts a batch and answers a list with per-loan problems', async () => {
    const [a, b] = payingBack;
    const body = {
      repayments: [
        { loan_id: a?.internal_loan_id, amount: 25, client_id: a?.internal_client_id },
        { loan_id: 'nope-1', amount: 10 },
        { loan_id: ended?.internal_loan_id, amount: 5 },
        { loan_id: b?.internal_loan_id, amount: 12.5 },
      ],
    };
    const reply = await post(body);
    expect(reply.status).toBe(200);
    const [result, ...rest] = reply.json as RepaymentResult[];
    expect(rest).toHaveLength(0);
    expect(result).toMatchObject({ code: 'api.success', upload_id: expect.any(String) });
    expect(result?.problems).toEqual([
      { loan_id: 'nope-1', details: 'Loan not found', code: 'loan.not.found', severity: 'error' },
      expect.objectContaining({ loan_id: ended?.internal_loan_id, severity: 'warning' }),
    ]);
    expect(emulator.appliedRepaymentLoanIds()).toEqual([
      a?.internal_loan_id,
      ended?.internal_loan_id,
      b?.internal_loan_id,
    ]);
    expect(emulator.applied).toEqual([
      expect.objectContaining({ endpoint: 'repayments', body, reference: result?.upload_id }),
    ]);
  });

  it('keeps leading zeros significant: 100 is not loan 000100', async () => {
    const reply = await post({ repayments: [{ loan_id: 100, amount: 5 }] });
    expect((reply.json as RepaymentResult[])[0]?.problems).toEqual([
      expect.objectContaining({ loan_id: '100', severity: 'error' }),
    ]);
    expect(emulator.applied).toHaveLength(0);
    expect(emulator.appliedRepaymentLoanIds()).toEqual([]);
  });

  it('reports a bad amount as that loan’s problem and receives the others (not a whole-batch refusal)', async () => {
    const [a, b, c] = payingBack;
    const reply = await post({
      repayments: [
        { loan_id: a?.internal_loan_id, amount: 0 },
        { loan_id: b?.internal_loan_id, amount: '25.00' },
        { loan_id: c?.internal_loan_id, amount: 25 },
      ],
    });
    expect(reply.status).toBe(200);
    const [answer] = reply.json as { problems: { loan_id: string; code: string; severity: string }[] }[];
    expect(answer?.problems).toEqual([
      expect.objectContaining({ loan_id: a?.internal_loan_id, code: 'amount.invalid', severity: 'error' }),
      expect.objectContaining({ loan_id: b?.internal_loan_id, code: 'amount.invalid', severity: 'error' }),
    ]);
    expect(emulator.appliedRepaymentLoanIds()).toEqual([c?.internal_loan_id]);
  });

  it('asks a three-column partner for client_id on every repayment, per loan', async () => {
    const three = await startEmulator({
      loanCount: 20,
      clients: [{ ...DEMO_CREDENTIALS, scopes: ['create:repayment'], reportFormat: 'three-column' }],
    });
    try {
      const token = await getToken(three);
      const [a, b] = seedLoans(20).filter((loan) => loan.status === 'payingBack');
      const reply = await call(three, 'POST', `${PARTNER}/repayments`, {
        token,
        body: {
          repayments: [
            { loan_id: a?.internal_loan_id, amount: 5 },
            { loan_id: b?.internal_loan_id, amount: 5, client_id: b?.internal_client_id },
          ],
        },
      });
      const [answer] = reply.json as { problems: { loan_id: string; code: string; severity: string }[] }[];
      expect(answer?.problems).toEqual([
        expect.objectContaining({ loan_id: a?.internal_loan_id, code: 'client_id.required', severity: 'error' }),
      ]);
      expect(three.appliedRepaymentLoanIds()).toEqual([b?.internal_loan_id]);
    } finally {
      await three.close();
    }
  });

  it('takes 300 repayments in one call and refuses 301 with the limit in the message', async () => {
    const batch = (n: number) => ({
      repayments: Array.from({ length: n }, (_, i) => ({
        loan_id: payingBack[i % payingBack.length]?.internal_loan_id,
        amount: 1,
      })),
    });
    expect((await post(batch(300))).status).toBe(200);
    const tooMany = await post(batch(301));
    expect(tooMany.status).toBe(400);
    expect((tooMany.json as { message: string }).message).toContain('300');
    expect(emulator.applied).toHaveLength(1);
  });

  it.each<[string, unknown]>([
    ['repayments', { repayments: [] }],
    ['repayments', [{ loan_id: '000100', amount: 5 }]],
    ['repayments[1].loan_id', { repayments: [{ loan_id: '000100', amount: 5 }, { amount: 5 }] }],
  ])('refuses a bad %s with 400', async (field, body) => {
    const reply = await post(body);
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ field });
    expect(emulator.applied).toHaveLength(0);
  });
});

describe('kiva emulator: repayments answered as an object', () => {
  it('unwraps the list when asked to', async () => {
    const emulator = await startEmulator({ repaymentsResponse: 'object', loanCount: 3 });
    try {
      const token = await getToken(emulator);
      const reply = await call(emulator, 'POST', `${PARTNER}/repayments`, {
        token,
        body: { repayments: [{ loan_id: '000100', amount: 5 }] },
      });
      expect(reply.json).toMatchObject({ code: 'api.success', upload_id: expect.any(String), problems: [] });
    } finally {
      await emulator.close();
    }
  });
});
