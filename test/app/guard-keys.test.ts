import fc from 'fast-check';
import { canonicalJson } from '../../src/app/guard-keys';

describe('the canonical JSON the ledger hashes', () => {
  it('is the same whatever the key order, without undefined members', () => {
    const a = { loan_id: 'L1', amount: 10.5, extra: undefined, nested: { z: 1, a: [2, 'x'] } };
    const b = { nested: { a: [2, 'x'], z: 1 }, amount: 10.5, loan_id: 'L1' };
    expect(canonicalJson(a)).toBe('{"amount":10.5,"loan_id":"L1","nested":{"a":[2,"x"],"z":1}}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('writes what JSON writes for everything else: null in arrays for undefined, escaped keys and text', () => {
    expect(canonicalJson([undefined, null, 'é"'])).toBe('[null,null,"é\\""]');
    expect(canonicalJson({ 'a"b': true, '': 0 })).toBe('{"":0,"a\\"b":true}');
    expect(canonicalJson({ only: undefined })).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });
});

describe('the canonical JSON, against the form older ledgers hashed', () => {
  // The first implementation, kept as the reference: ledgers hold hashes of its output, so it must never change.
  const reference = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
      return `{${members.join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
  };

  it('writes exactly what the reference writes, for any JSON-like value with keys in any order', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(undefined, null, true, false, 0, -0, 1e21, Number.NaN, Infinity),
        fc.double(),
        fc.integer(),
        fc.string(),
        fc.array(tie('node')),
        fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('amount', 'loan_id', '10', '2', '__proto__')), tie('node')),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => canonicalJson(v) === reference(v)),
      { numRuns: 2000 },
    );
  });

  it('sorts keys that arrive out of order, and keeps them when they arrive sorted', () => {
    expect(canonicalJson({ loan_id: 'L1', amount: 2, client_id: 'C' })).toBe(
      '{"amount":2,"client_id":"C","loan_id":"L1"}',
    );
    expect(canonicalJson({ amount: 2, loan_id: 'L1' })).toBe('{"amount":2,"loan_id":"L1"}');
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });
});
