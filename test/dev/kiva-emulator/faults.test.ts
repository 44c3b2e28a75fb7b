import { startEmulator, type Emulator } from '../../../dev/kiva-emulator';
import { call, getToken, PARTNER, requestToken, tokenForm } from './helpers';

const REPAYMENT = { repayments: [{ loan_id: '000100', amount: 25 }] };

describe('kiva emulator: injected faults', () => {
  let emulator: Emulator;
  let token: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    token = await getToken(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    emulator.setLatency(0);
  });

  const repay = (signal?: AbortSignal) =>
    call(emulator, 'POST', `${PARTNER}/repayments`, { token, body: REPAYMENT, signal });

  it('answers 429 and 503 before applying, with Retry-After', async () => {
    emulator.inject({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    emulator.inject({ kind: 'status', status: 503, retryAfterSeconds: 2 });
    const limited = await repay();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    const unavailable = await repay();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('2');
    expect(emulator.applied).toHaveLength(0);
    expect((await repay()).status).toBe(200);
    expect(emulator.applied).toHaveLength(1);
  });

  it('applies before a 500/502/504 unless told not to', async () => {
    emulator.inject({ kind: 'status', status: 500 });
    emulator.inject({ kind: 'status', status: 502, apply: false });
    emulator.inject({ kind: 'status', status: 504 });
    expect((await repay()).status).toBe(500);
    expect((await repay()).status).toBe(502);
    expect((await repay()).status).toBe(504);
    expect(emulator.appliedRepaymentLoanIds()).toEqual(['000100', '000100']);
    expect(emulator.received.map((r) => r.status)).toEqual([500, 502, 504]);
  });

  it('reset-before-apply: the request fails and nothing is applied', async () => {
    emulator.inject({ kind: 'reset-before-apply' });
    await expect(repay()).rejects.toThrow();
    expect(emulator.applied).toHaveLength(0);
    expect(emulator.received).toEqual([expect.objectContaining({ status: 'reset', authorized: false })]);
  });

  it('reset-after-apply: the request fails but was applied', async () => {
    emulator.inject({ kind: 'reset-after-apply' });
    await expect(repay()).rejects.toThrow();
    expect(emulator.applied).toEqual([expect.objectContaining({ endpoint: 'repayments' })]);
    expect(emulator.received).toEqual([expect.objectContaining({ status: 'reset', authorized: true })]);
    expect((await repay()).status).toBe(200);
  });

  it('hang-after-apply: no answer ever comes, but the request was applied', async () => {
    emulator.inject({ kind: 'hang-after-apply' });
    await expect(repay(AbortSignal.timeout(150))).rejects.toThrow();
    expect(emulator.applied).toHaveLength(1);
    expect(emulator.received).toEqual([expect.objectContaining({ status: 'hang' })]);
  });

  it('latency delays the matching request only; setLatency delays all', async () => {
    // A second long enough that a loaded 2-core machine cannot make an undelayed local request look delayed.
    emulator.inject({ kind: 'latency', ms: 1_500 });
    let start = Date.now();
    expect((await repay()).status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(1_490);
    start = Date.now();
    await repay();
    expect(Date.now() - start).toBeLessThan(1_000);
    emulator.setLatency(80);
    start = Date.now();
    await getToken(emulator);
    expect(Date.now() - start).toBeGreaterThanOrEqual(70);
  });

  it('matches by method and path, is consumed in order, and hits `times` requests', async () => {
    emulator.inject({ match: { path: '/loan_draft' }, kind: 'status', status: 503 });
    emulator.inject({ match: { method: 'post', path: /repayments$/ }, kind: 'status', status: 429, times: 2 });
    emulator.inject({ kind: 'status', status: 502, apply: false });
    expect((await call(emulator, 'GET', `${PARTNER}/config/themes`, { token })).status).toBe(502);
    expect((await repay()).status).toBe(429);
    expect((await repay()).status).toBe(429);
    expect((await repay()).status).toBe(200);
    const draft = await call(emulator, 'POST', `${PARTNER}/loan_draft`, { token, body: {} });
    expect(draft.status).toBe(503);
    expect(draft.text).toContain('<html>');
  });

  it('leaves the token endpoint alone unless the path names it', async () => {
    emulator.inject({ kind: 'status', status: 503 });
    expect((await requestToken(emulator, tokenForm(emulator))).status).toBe(200);
    emulator.clearFaults();
    emulator.inject({ match: { path: '/oauth/token' }, kind: 'status', status: 503 });
    expect((await requestToken(emulator, tokenForm(emulator))).status).toBe(503);
    expect((await repay()).status).toBe(200);
  });
});

describe('kiva emulator: close()', () => {
  it('ends hanging and delayed requests so the process can exit', async () => {
    const emulator = await startEmulator();
    const token = await getToken(emulator);
    emulator.inject({ kind: 'hang-after-apply' });
    const hanging = call(emulator, 'POST', `${PARTNER}/repayments`, { token, body: REPAYMENT });
    const hung = expect(hanging).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    emulator.setLatency(60_000);
    const delayed = expect(call(emulator, 'GET', `${PARTNER}/loans?status=payingBack`, { token })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await emulator.close();
    await Promise.all([hung, delayed]);
    // Far below the 60 s latency: close() ended the requests instead of waiting for them.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(emulator.received.map((r) => r.status)).toEqual([200, 'hang', 200]);
  });
});
