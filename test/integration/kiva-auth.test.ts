import { DEMO_CREDENTIALS, READONLY_CREDENTIALS, startEmulator, type Emulator } from '../../dev/kiva-emulator';
import { connect, count, expectDeliveredAtMostOnce, repayableLoans, repaymentsFor } from './kiva-harness';

describe('src/kiva against the emulator: tokens', () => {
  let emulator: Emulator;
  afterEach(async () => emulator.close());

  it('renews once when the tokens are revoked mid-run, and delivers every row once', async () => {
    emulator = await startEmulator({ latencyMs: 5 });
    const connection = connect(emulator, { repaymentChunkSize: 10, concurrency: 4 });
    const items = repaymentsFor((await repayableLoans(connection)).slice(0, 120));
    let revoked = false;
    const outcomes = await connection.kiva.sendRepayments(items, {
      onProgress: () => {
        if (!revoked) emulator.revokeTokens();
        revoked = true;
      },
    });
    expect(count(outcomes)).toEqual({ sent: 120 });
    expect(emulator.tokensIssued).toBe(2);
    expect(emulator.received.some((r) => r.status === 401)).toBe(true);
    expectDeliveredAtMostOnce(emulator, items, outcomes);
  });

  it('renews after the 403 an expired token gets', async () => {
    let offset = 0;
    emulator = await startEmulator({ now: () => Date.now() + offset });
    const connection = connect(emulator);
    const items = repaymentsFor((await repayableLoans(connection)).slice(0, 3));
    // Kiva's clock passes the token's expiry while ours (say, after a laptop slept) does not know.
    offset = 13 * 3_600_000;
    const outcomes = await connection.kiva.sendRepayments(items);
    expect(count(outcomes)).toEqual({ sent: 3 });
    expect(emulator.received.filter((r) => r.path.endsWith('/repayments')).map((r) => r.status)).toEqual([403, 200]);
    expect(emulator.tokensIssued).toBe(2);
  });

  it('names the missing scope, in Kiva’s words, when credentials lack it', async () => {
    emulator = await startEmulator();
    const connection = connect(emulator, {}, { credentials: READONLY_CREDENTIALS });
    const items = repaymentsFor((await repayableLoans(connection)).slice(0, 2));
    const outcomes = await connection.kiva.sendRepayments(items);
    expect(outcomes[0]).toMatchObject({
      kind: 'failed',
      code: 'auth.scope-refused',
      params: { scopes: 'create:repayment', description: 'Client has not been granted scopes: create:repayment' },
    });
    expect(count(outcomes)).toEqual({ failed: 2 });
    expect(emulator.appliedRepaymentLoanIds()).toEqual([]);
  });

  it('says the credentials are wrong, and sends nothing', async () => {
    emulator = await startEmulator();
    const connection = connect(
      emulator,
      {},
      { credentials: { ...DEMO_CREDENTIALS, clientSecret: 'wrong-secret-123' } },
    );
    const outcomes = await connection.kiva.sendRepayments(repaymentsFor([{ internal_loan_id: '1', raw: {} }]));
    expect(outcomes[0]).toMatchObject({ kind: 'failed', code: 'auth.bad-credentials' });
    expect(JSON.stringify([outcomes, connection.log])).not.toContain('wrong-secret-123');
    const lists = await connection.kiva.getConfigLists();
    expect(!lists.ok && lists.error.code).toBe('auth.bad-credentials');
  });

  it('shares one token among many concurrent first callers', async () => {
    emulator = await startEmulator({ latencyMs: 20 });
    const { kiva } = connect(emulator, { concurrency: 8 });
    await Promise.all(Array.from({ length: 10 }, () => kiva.getConfigList('themes')));
    expect(emulator.tokensIssued).toBe(1);
  });
});
