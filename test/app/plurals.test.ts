/**
 * Every sentence with a count chooses its form through Intl.PluralRules (src/sheet's pluralForm): French says
 * "0 ligne" and "1 ligne" (both `one`), English and Spanish "0 rows". Checked with 0, 1 and 2 in three languages for
 * the app's notices, the command line's summaries and the pane.
 */
import { formatNotice, type NoticeCode } from '../../src/app';
import { sayCount, texts } from '../../src/cli/texts';
import { plural, uiText } from '../../src/i18n';
import { pluralForm } from '../../src/sheet';

type Lang = 'en' | 'es' | 'fr';

describe('plural forms', () => {
  it.each<[Lang, number, 'one' | 'other']>([
    ['en', 0, 'other'],
    ['en', 1, 'one'],
    ['en', 2, 'other'],
    ['es', 0, 'other'],
    ['es', 1, 'one'],
    ['es', 2, 'other'],
    ['fr', 0, 'one'],
    ['fr', 1, 'one'],
    ['fr', 2, 'other'],
  ])('%s %d → %s', (lang, count, form) => {
    expect(pluralForm(lang, count)).toBe(form);
  });

  const notice = (code: NoticeCode, count: number, lang: Lang) =>
    formatNotice({ code, params: { count, sheet: 'Pagos', rows: '2–3', environment: 'stage' } }, lang);

  it.each<[NoticeCode, Lang, [string, string, string]]>([
    [
      'already-sent-skipped',
      'en',
      [
        '0 rows were already sent to stage and were skipped.',
        '1 row was already sent to stage and was skipped.',
        '2 rows were already sent to stage and were skipped.',
      ],
    ],
    [
      'already-sent-skipped',
      'es',
      [
        '0 filas ya se habían enviado a pruebas (stage) y se omitieron.',
        '1 fila ya se había enviado a pruebas (stage) y se omitió.',
        '2 filas ya se habían enviado a pruebas (stage) y se omitieron.',
      ],
    ],
    [
      'already-sent-skipped',
      'fr',
      [
        '0 ligne avait déjà été envoyée à test (stage) et a été ignorée.',
        '1 ligne avait déjà été envoyée à test (stage) et a été ignorée.',
        '2 lignes avaient déjà été envoyées à test (stage) et ont été ignorées.',
      ],
    ],
    [
      'no-repayment-rows',
      'fr',
      [
        'Feuille «\u00a0Pagos\u00a0»\u00a0: 0 ligne n’a pas de montant\u00a0: pas de remboursement sur cette période, non envoyée.',
        'Feuille «\u00a0Pagos\u00a0»\u00a0: 1 ligne n’a pas de montant\u00a0: pas de remboursement sur cette période, non envoyée.',
        'Feuille «\u00a0Pagos\u00a0»\u00a0: 2 lignes n’ont pas de montant\u00a0: pas de remboursement sur cette période, non envoyées.',
      ],
    ],
    [
      'journals-to-confirm',
      'es',
      [
        '0 actualizaciones deben confirmarse ahora en PA2 (un enlace por fila).',
        '1 actualización debe confirmarse ahora en PA2 (su enlace está en su fila).',
        '2 actualizaciones deben confirmarse ahora en PA2 (un enlace por fila).',
      ],
    ],
    [
      'uncertain-skipped',
      'en',
      [
        '0 rows are Uncertain (2–3): Kiva may have received them. Check them in PA2 first; resend only those that are missing.',
        '1 row is Uncertain (2–3): Kiva may have received it. Check it in PA2 first; resend it only if it is missing.',
        '2 rows are Uncertain (2–3): Kiva may have received them. Check them in PA2 first; resend only those that are missing.',
      ],
    ],
  ])('the notice %s in %s with 0, 1, 2', (code, lang, expected) => {
    expect([0, 1, 2].map((count) => notice(code, count, lang))).toEqual(expected);
  });

  it('every counted notice has a singular and a plural in every language', () => {
    const counted: NoticeCode[] = [
      'uncertain-skipped',
      'already-sent-skipped',
      'journals-to-confirm',
      'no-repayment-rows',
    ];
    for (const lang of ['en', 'es', 'fr'] as const) {
      for (const code of counted) {
        expect([code, lang, notice(code, 1, lang) !== notice(code, 2, lang).replace(/^2/, '1')]).toEqual([
          code,
          lang,
          true,
        ]);
      }
    }
  });

  const outcomes = (lang: Lang, count: number) => {
    const t = texts(lang);
    return (Object.keys(t.outcomes) as (keyof typeof t.outcomes)[]).map((key) =>
      sayCount(lang, t.outcomes[key], count),
    );
  };

  it.each<[Lang, number, string]>([
    ['en', 1, '1 sent, 1 invalid, 1 rejected, 1 uncertain, 1 failed, 1 cancelled, 1 skipped'],
    ['es', 0, '0 enviadas, 0 no válidas, 0 rechazadas, 0 inciertas, 0 fallidas, 0 canceladas, 0 omitidas'],
    ['es', 1, '1 enviada, 1 no válida, 1 rechazada, 1 incierta, 1 fallida, 1 cancelada, 1 omitida'],
    ['es', 2, '2 enviadas, 2 no válidas, 2 rechazadas, 2 inciertas, 2 fallidas, 2 canceladas, 2 omitidas'],
    ['fr', 0, '0 envoyée, 0 invalide, 0 rejetée, 0 incertaine, 0 en échec, 0 annulée, 0 ignorée'],
    ['fr', 1, '1 envoyée, 1 invalide, 1 rejetée, 1 incertaine, 1 en échec, 1 annulée, 1 ignorée'],
    ['fr', 2, '2 envoyées, 2 invalides, 2 rejetées, 2 incertaines, 2 en échec, 2 annulées, 2 ignorées'],
  ])('the command line’s send summary in %s with %d', (lang, count, expected) => {
    expect(outcomes(lang, count).join(', ')).toBe(expected);
  });

  it.each<[Lang, [string, string, string]]>([
    ['en', ['0 errors', '1 error', '2 errors']],
    ['es', ['0 errores', '1 error', '2 errores']],
    ['fr', ['0 erreur', '1 erreur', '2 erreurs']],
  ])('the command line’s error count in %s: never “1 erreurs”', (lang, expected) => {
    expect([0, 1, 2].map((n) => sayCount(lang, texts(lang).counts.errors, n))).toEqual(expected);
  });

  it.each<[Lang, [string, string, string]]>([
    ['en', ['No problems in 0 rows.', 'No problems in 1 row.', 'No problems in 2 rows.']],
    ['es', ['Ningún problema en 0 filas.', 'Ningún problema en 1 fila.', 'Ningún problema en 2 filas.']],
    ['fr', ['Aucun problème sur 0 ligne.', 'Aucun problème sur 1 ligne.', 'Aucun problème sur 2 lignes.']],
  ])('the pane’s clean check in %s', (lang, expected) => {
    expect([0, 1, 2].map((n) => plural(lang, uiText(lang).validate.clean, n))).toEqual(expected);
  });
});
