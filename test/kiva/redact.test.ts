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

  it('keeps network reasons readable: only credentials, tokens and authorization values are hidden', () => {
    const redactor = createRedactor(['the-client-secret']);
    for (const reason of [
      'Could not get a token from https://auth.test/oauth/token: ECONNREFUSED',
      'Could not get a token from https://auth.test/oauth/token: ENOTFOUND, EAI_AGAIN',
      'token: no answer within 30000 ms',
      'Token: UND_ERR_CONNECT_TIMEOUT',
    ]) {
      expect(redactor.text(reason)).toBe(reason);
    }
    expect(redactor.text('Authorization: Basic dXNlcjpwYXNz')).toBe(`Authorization: Basic ${REDACTED}`);
    expect(redactor.text('{"authorization":"Bearer abc.def"}')).toBe(`{"authorization":"Bearer ${REDACTED}"}`);
    expect(redactor.text('refused: token=abc123 {"secret": "s3"}')).toBe(
      `refused: token=${REDACTED} {"secret": "${REDACTED}"}`,
    );
    expect(redactor.text('client_secret=the-client-secret&refresh_token=r1')).toBe(
      `client_secret=${REDACTED}&refresh_token=${REDACTED}`,
    );
  });

  it('leaves a borrower’s words alone, even when they look like a key and a value', () => {
    const redactor = createRedactor(['the-client-secret']);
    for (const story of [
      'She keeps her shop password: 1234 written on a card',
      'Secret: her recipe for empanadas; token: a bus token costs 2 soles',
      'Mot de passe : 1234. Le secret de sa réussite : la patience.',
    ]) {
      expect(redactor.text(story)).toBe(story);
    }
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
