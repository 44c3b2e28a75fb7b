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
