import { failureCodes, neverSent } from '../../src/kiva/exchange';
import { backoffMs, retryAfterMs } from '../../src/kiva/retry-policy';
import { fetchFailure } from './fakes';

describe('reading fetch failures', () => {
  it.each([
    ['ECONNREFUSED', true],
    ['ENOTFOUND', true],
    ['EAI_AGAIN', true],
    ['UND_ERR_CONNECT_TIMEOUT', true],
    ['ECONNRESET', false],
    ['UND_ERR_SOCKET', false],
    ['EPIPE', false],
  ])('%s was never sent: %s', (code, expected) => {
    expect(neverSent(fetchFailure(code))).toBe(expected);
  });

  it('needs every address tried to have failed to connect', () => {
    const aggregate = (codes: string[]) =>
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new AggregateError(codes.map((code) => Object.assign(new Error(code), { code }))), {
          code: codes[0],
        }),
      });
    expect(neverSent(aggregate(['ECONNREFUSED', 'ENETUNREACH']))).toBe(true);
    expect(neverSent(aggregate(['ECONNREFUSED', 'ECONNRESET']))).toBe(false);
    expect(failureCodes(aggregate(['ECONNREFUSED', 'ENETUNREACH']))).toEqual(['ECONNREFUSED', 'ENETUNREACH']);
  });

  it('treats a failure without a code (as browsers give) as possibly sent', () => {
    expect(neverSent(new TypeError('Failed to fetch'))).toBe(false);
  });
});

describe('retry timing', () => {
  it('reads Retry-After in seconds or as a date', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(retryAfterMs('12', now)).toBe(12_000);
    expect(retryAfterMs(new Date(now + 3000).toUTCString(), now)).toBe(3000);
    expect(retryAfterMs(new Date(now - 3000).toUTCString(), now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('doubles the backoff up to its ceiling, jittered within the upper half', () => {
    const settings = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 0 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(settings, n, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(settings, n, () => 0.999999))).toEqual(
      [100, 200, 400, 800, 1000].map((ms) => expect.closeTo(ms, 2)),
    );
  });
});
