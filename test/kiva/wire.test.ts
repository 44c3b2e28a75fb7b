import { kivaMessage, parseWireBody, snakeKeys, snakeTop, toSnakeCase } from '../../src/kiva/wire';

describe('reading Kiva answers in one spelling', () => {
  it('turns camelCase keys into snake_case, deep or top level only', () => {
    const answer = { totalRecords: 2, loans: [{ internalLoanId: 'L1', borrowers: [{ firstName: 'Ana' }] }] };
    expect(snakeKeys(answer)).toEqual({
      total_records: 2,
      loans: [{ internal_loan_id: 'L1', borrowers: [{ first_name: 'Ana' }] }],
    });
    const top = snakeTop(answer) as Record<string, unknown>;
    expect(Object.keys(top)).toEqual(['total_records', 'loans']);
    // Values are the answer's own: nothing below the top is copied.
    expect(top.loans).toBe(answer.loans);
    expect(toSnakeCase('loanPrice')).toBe('loan_price');
    expect(toSnakeCase('loan_price')).toBe('loan_price');
    expect(toSnakeCase('loanPrice')).toBe('loan_price');
  });

  it('keeps a `__proto__` key as a key, never as the copy’s prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "kivaId": 7}') as Record<string, unknown>;
    for (const copy of [snakeKeys(parsed), snakeTop(parsed)] as Record<string, unknown>[]) {
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect(Object.keys(copy)).toEqual(['__proto__', 'kiva_id']);
      expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    }
  });

  it('finds Kiva’s message in either spelling, in a list of errors too', () => {
    expect(kivaMessage(parseWireBody('{"errorDescription":"bad audience","error":"invalid_grant"}'))).toEqual({
      code: 'invalid_grant',
      message: 'bad audience',
    });
    expect(kivaMessage(parseWireBody('[{"errors":[{"field":"amount","defaultMessage":"must be positive"}]}]'))).toEqual(
      { message: 'amount: must be positive' },
    );
  });
});
