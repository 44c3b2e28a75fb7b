import { createRedactor, REDACTED } from '../../src/kiva';
import { fakeJwt } from './fakes';

describe('redactor', () => {
  it('hides registered secrets in every form they travel in', () => {
    const redactor = createRedactor(['p@ss word/+=']);
    expect(redactor.text('secret p@ss word/+= in clear')).toBe(`secret ${REDACTED} in clear`);
    expect(redactor.text('form client_id=x&client_secret=p%40ss%20word%2F%2B%3D')).not.toContain('p%40ss');
    expect(redactor.text(JSON.stringify({ s: 'a"p@ss word/+="b' }))).not.toContain('p@ss');
  });

  it('hides bearer tokens, JWTs and secret-named fields it was never told about', () => {
    const redactor = createRedactor();
    const jwt = fakeJwt(7);
    const shown = redactor.text(
      `Authorization: Bearer abc.def-ghi {"access_token":"tok123","client_secret":"s3"} client_secret=s4&x=1 ${jwt}`,
    );
    for (const secret of ['abc.def-ghi', 'tok123', 's3', 's4', jwt]) expect(shown).not.toContain(secret);
    expect(shown).toContain('x=1');
  });

  it('redacts strings deep inside plain data and leaves other values alone', () => {
    const redactor = createRedactor(['hush']);
    expect(redactor.value({ a: ['hush', 3, { b: 'say hush' }], c: true, d: null })).toEqual({
      a: [REDACTED, 3, { b: `say ${REDACTED}` }],
      c: true,
      d: null,
    });
  });

  it('learns secrets as they come', () => {
    const redactor = createRedactor();
    expect(redactor.text('token-42')).toBe('token-42');
    redactor.addSecret('token-42');
    redactor.addSecret('');
    expect(redactor.text('token-42!')).toBe(`${REDACTED}!`);
  });
});
