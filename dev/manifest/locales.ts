/**
 * The regional locales the manifest carries, beside es-ES and fr-FR (issue #15, item 5).
 *
 * Microsoft's rule (office-js-docs-pr, docs/develop/localization.md, 2026-04): an `<Override Locale>` applies when
 * Office's locale is that locale; "if you need to localize for more than one area within a language family, such as
 * de-de and de-at, we recommend that you use separate Override elements for each area. Using the language name
 * alone, in this case, de, isn't supported across all combinations of Office client applications and platforms."
 * So an Office in es-MX or fr-SN shows the English DefaultValue unless the manifest names es-MX or fr-SN itself;
 * a bare `es` is not a safe catch-all. Kiva's field partners work in Latin America and francophone Africa (and
 * Haiti), so each of those locales gets the es-ES or fr-FR text (the strings are written to read right in every
 * region), plus the other regions Office itself ships (es-MX, fr-CA) and Latin America's `es-419`.
 *
 * The overrides are written by `npm run manifest:locales` (write-locales.ts) from the es-ES and fr-FR ones, and
 * `npm run validate` finds a regional override missing or different from its base (checks.ts).
 */
export const REGIONAL_LOCALES = {
  'es-ES': [
    'es-419',
    'es-MX',
    'es-US',
    'es-GT',
    'es-HN',
    'es-SV',
    'es-NI',
    'es-CR',
    'es-PA',
    'es-CO',
    'es-VE',
    'es-EC',
    'es-PE',
    'es-BO',
    'es-PY',
    'es-CL',
    'es-AR',
    'es-UY',
    'es-DO',
    'es-PR',
  ],
  'fr-FR': [
    'fr-CA',
    'fr-BE',
    'fr-CH',
    'fr-HT',
    'fr-SN',
    'fr-CI',
    'fr-CD',
    'fr-CG',
    'fr-CM',
    'fr-BF',
    'fr-ML',
    'fr-NE',
    'fr-BJ',
    'fr-TG',
    'fr-GN',
    'fr-MG',
    'fr-RW',
    'fr-BI',
    'fr-TD',
    'fr-CF',
    'fr-GA',
    'fr-MA',
    'fr-TN',
  ],
} as const satisfies Record<string, readonly string[]>;

export type BaseLocale = keyof typeof REGIONAL_LOCALES;

/** Every regional locale with the base whose text it carries. */
export function regionalLocales(): [regional: string, base: BaseLocale][] {
  return (Object.keys(REGIONAL_LOCALES) as BaseLocale[]).flatMap((base) =>
    REGIONAL_LOCALES[base].map((regional): [string, BaseLocale] => [regional, base]),
  );
}
