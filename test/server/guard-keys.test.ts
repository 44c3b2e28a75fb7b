import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from '../../src/app/guard-keys';
import { contentHash, guardKeys } from '../../src/server/store/guard-keys';

describe('the content hash the ledger stores', () => {
  it('is the SHA-256 hex of the canonical JSON, as older ledgers hold it', () => {
    // Computed once with the first implementation (createHash(...).update(...).digest('hex')).
    expect(contentHash({ loan_id: 'L-1', amount: 20 })).toBe(
      createHash('sha256').update('{"amount":20,"loan_id":"L-1"}').digest('hex'),
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(contentHash(value)).toBe(createHash('sha256').update(canonicalJson(value)).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('keys a repayment by period and loan, whatever the key order of its body', () => {
    const a = guardKeys.repayment({ loan_id: ' L-7 ', amount: 12.5 }, '2026-11');
    const b = guardKeys.repayment({ amount: 12.5, loan_id: ' L-7 ' }, '2026-11');
    expect(a).toEqual(b);
    expect(a.guardKey).toBe('repayment:2026-11:L-7');
  });
});
