import { cellText, formatStamp, formatStatus, isAlreadySent, parseStatus, redactSecrets } from '../../src/sheet';
import { lineText } from '../../src/sheet/safe-text';

describe('status lines', () => {
  it.each<[Parameters<typeof formatStatus>[0], 'en' | 'es' | 'fr', string]>([
    [
      { kind: 'sent', environment: 'stage', at: '2026-11-28 14:03', reference: '3f1c-77' },
      'en',
      'Sent · stage · 2026-11-28 14:03 · 3f1c-77',
    ],
    [{ kind: 'sent', environment: 'production', at: '2026-11-28 14:03' }, 'en', 'Sent · production · 2026-11-28 14:03'],
    [{ kind: 'error', message: 'loan not found' }, 'en', 'Error: loan not found'],
    [
      { kind: 'invalid', problem: 'F7: The amount must be greater than 0.' },
      'en',
      'Invalid: F7: The amount must be greater than 0.',
    ],
    [{ kind: 'uncertain', reason: 'timeout' }, 'en', 'Uncertain: no answer in time — check PA2 before resending'],
    [
      { kind: 'sent', environment: 'stage', at: '2026-11-28 14:03' },
      'es',
      'Enviado · pruebas (stage) · 2026-11-28 14:03',
    ],
    [
      { kind: 'sent', environment: 'production', at: '2026-11-28 14:03' },
      'es',
      'Enviado · producción · 2026-11-28 14:03',
    ],
    [{ kind: 'sent', environment: 'stage', at: '2026-11-28 14:03' }, 'fr', 'Envoyé · test (stage) · 2026-11-28 14:03'],
    [{ kind: 'invalid', problem: 'x' }, 'es', 'No válido: x'],
    [
      { kind: 'uncertain', reason: 'connection-lost' },
      'fr',
      'Incertain\u00a0: la connexion a été perdue — vérifiez PA2 avant de renvoyer',
    ],
    [{ kind: 'error', message: 'line one\nline two' }, 'fr', 'Erreur\u00a0: line one line two'],
  ])('%j in %s', (line, lang, text) => {
    expect(formatStatus(line, lang)).toBe(text);
  });

  it('reads back every line it writes, in every language', () => {
    for (const lang of ['en', 'es', 'fr'] as const) {
      expect(
        parseStatus(
          formatStatus({ kind: 'sent', environment: 'stage', at: '2026-11-28 14:03', reference: 'a · b' }, lang),
        ),
      ).toMatchObject({
        kind: 'sent',
        environment: 'stage',
        at: '2026-11-28 14:03',
        reference: 'a · b',
      });
      expect(parseStatus(formatStatus({ kind: 'error', message: 'boom: 42' }, lang))).toMatchObject({
        kind: 'error',
        detail: 'boom: 42',
      });
      expect(parseStatus(formatStatus({ kind: 'invalid', problem: 'F7: bad' }, lang))).toMatchObject({
        kind: 'invalid',
        detail: 'F7: bad',
      });
      expect(parseStatus(formatStatus({ kind: 'uncertain', reason: 'why' }, lang))).toMatchObject({
        kind: 'uncertain',
        detail: 'why',
      });
    }
  });

  // "stage" means internship in French: statuses name the environment in the user's language, and a sheet written
  // in any language (or by an older version, in English) is read back as the same environment.
  it.each<[string, string]>([
    ['Sent · stage · 2026-11-28 14:03 · 3f1c', 'stage'],
    ['Enviado · stage · 2026-11-28 14:03', 'stage'],
    ['Enviado · pruebas (stage) · 2026-11-28 14:03', 'stage'],
    ['Envoyé · test (stage) · 2026-11-28 14:03', 'stage'],
    ['Envoyé avec avertissements · TEST (STAGE) · 2026-11-28 14:03 · 9 · Kiva\u00a0: x', 'stage'],
    ['Enviado · producción · 2026-11-28 14:03', 'production'],
    ['Enviado · produccion · 2026-11-28 14:03', 'production'],
    ['Sent · production · 2026-11-28 14:03', 'production'],
  ])('reads the environment of %j as %s, and holds the row back there only', (text, environment) => {
    const status = parseStatus(text);
    expect(status).toMatchObject({ kind: 'sent', environment });
    expect(isAlreadySent(status, environment)).toBe(true);
    expect(isAlreadySent(status, environment === 'stage' ? 'production' : 'stage')).toBe(false);
  });

  it.each<[unknown, string]>([
    ['', 'none'],
    [undefined, 'none'],
    [42, 'none'],
    ['   ', 'none'],
    ['sent · STAGE · x', 'sent'],
    ['ENVOYÉ · stage', 'sent'],
    ['Erreur : refusé', 'error'],
    ['Inválido: x', 'other'],
    ['No válido: x', 'invalid'],
    ["'Invalid: x", 'invalid'],
    ['Sentinel', 'other'],
    ['checked by Maria', 'other'],
  ])('%j is %s', (text, kind) => {
    expect(parseStatus(text).kind).toBe(kind);
  });

  it('formats a local time stamp from epoch and offset, with no time-zone database', () => {
    const t = Date.UTC(2026, 10, 28, 19, 3);
    expect(formatStamp(t)).toBe('2026-11-28 19:03');
    expect(formatStamp(t, -5 * 60)).toBe('2026-11-28 14:03');
    expect(formatStamp(t, 5 * 60)).toBe('2026-11-29 00:03');
  });
});

describe('text written to cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\t=x', "'\t=x"],
    ['Sent', 'Sent'],
    ['', ''],
  ])('%j → %j', (text, safe) => {
    expect(cellText(text)).toBe(safe);
  });

  it('keeps status lines on one line and bounded', () => {
    expect(lineText('a\r\n  b')).toBe('a b');
    expect(lineText('x'.repeat(2000))).toHaveLength(1000);
    expect(lineText('=cmd\nnext')).toBe("'=cmd next");
  });

  it('never logs a token or a secret Kiva echoed back', () => {
    expect(redactSecrets('Authorization: Bearer eyJhbGciOi.abc-def_ghi')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('bad client_secret=s3cr3t&x=1')).toBe('bad client_secret=[redacted]&x=1');
    expect(redactSecrets('{"access_token": "abc123"}')).toBe('{"access_token": "[redacted]"}');
    expect(redactSecrets('loan 42 not found')).toBe('loan 42 not found');
  });
});
