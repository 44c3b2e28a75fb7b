/** What `kiva-sheets setup` says: the same sentences and placeholders in en/es/fr, French typography as the house has it. */
import { setupTexts } from '../../src/cli/commands/setup-texts';
import { frenchTypographyProblems, stringsOf } from '../i18n/typography';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const shape = (lang: 'en' | 'es' | 'fr') =>
  Object.fromEntries(stringsOf(setupTexts(lang)).map(([path, text]) => [path, placeholders(text)]));

it('has every sentence with the same placeholders in English, Spanish and French', () => {
  expect(shape('es')).toEqual(shape('en'));
  expect(shape('fr')).toEqual(shape('en'));
  expect(Object.keys(shape('en')).length).toBeGreaterThan(20);
});

it('writes French with its no-break spaces and guillemets', () => {
  const problems = stringsOf(setupTexts('fr')).flatMap(([path, text]) =>
    frenchTypographyProblems(text).map((p) => `${path} @${p.at}: ${p.problem}`),
  );
  expect(problems).toEqual([]);
});

it('asks for the secret saying it will not be shown, in each language', () => {
  expect(setupTexts('en').askSecret).toContain('not shown');
  expect(setupTexts('es').askSecret).toContain('no se muestra');
  expect(setupTexts('fr').askSecret).toContain('rien ne s’affiche');
});
