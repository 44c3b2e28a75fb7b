/**
 * Every French string a user reads, from the tables themselves: the pane and ribbon (src/i18n), cells and statuses
 * (src/sheet), the app's notices and errors, file problems, the connection check, the command line and the
 * manifest's French overrides. See typography.ts for the rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { appCatalogue } from '../../src/app';
import { doctorCatalogue } from '../../src/app/doctor-texts';
import { FILE_PROBLEM_CODES, fileProblemTemplate } from '../../src/app/file-problems';
import { texts } from '../../src/cli/texts';
import { uiText } from '../../src/i18n';
import { CATALOGUES } from '../../src/sheet';
import { frenchTypographyProblems, stringsOf } from './typography';

const fileProblems = Object.fromEntries(FILE_PROBLEM_CODES.map((code) => [code, fileProblemTemplate('fr', code)]));

function manifestFrench(): Record<string, string> {
  const xml = readFileSync(join(__dirname, '../../manifest.xml'), 'utf8');
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const out: Record<string, string> = {};
  for (const name of ['Override', 'bt:Override']) {
    const nodes = doc.getElementsByTagName(name);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes.item(i)!;
      const locale = node.getAttribute('Locale') ?? '';
      const parent = node.parentNode as unknown as { getAttribute?(n: string): string | null; nodeName: string };
      const id = parent.getAttribute?.('id') ?? parent.nodeName;
      if (locale.startsWith('fr')) out[`${id} (${locale})`] = node.getAttribute('Value') ?? '';
    }
  }
  return out;
}

const TABLES: [string, unknown][] = [
  ['src/i18n/fr.ts', uiText('fr')],
  ['src/sheet/messages/fr.ts', CATALOGUES.fr],
  ['src/app/messages.ts (fr)', appCatalogue('fr')],
  ['src/app/file-problems.ts (fr)', fileProblems],
  ['src/app/doctor-texts.ts (fr)', doctorCatalogue('fr')],
  ['src/cli/texts.ts (fr)', texts('fr')],
  ['manifest.xml (fr)', manifestFrench()],
];

describe('French typography', () => {
  it.each(TABLES)('%s: U+00A0 before : and inside « », U+202F before ; ! ?', (_name, table) => {
    const strings = stringsOf(table);
    expect(strings.length).toBeGreaterThan(0);
    const problems = strings.flatMap(([path, text]) =>
      frenchTypographyProblems(text).map(
        ({ at, problem }) => `${path}: ${problem} — “…${text.slice(Math.max(0, at - 20), at + 10)}…”`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it.each<[string, number]>([
    ['Feuille «\u00a0Prêts\u00a0»\u00a0: 2 erreurs\u202f; voyez PA2\u202f! Prêt\u202f?', 0],
    ['https://auth.staging.kiva.org à 14:03, read:loans, https://a.org/p?x=1', 0],
    ['Erreur : le montant', 1],
    ['Erreur: le montant', 1],
    ['Erreur\u202f: le montant', 1],
    ['vérifiez ; puis', 1],
    ['« Prêts »', 2],
    ['(proxy?)', 1],
    ['gardez-le :', 1],
    ['“Prêts”', 2],
  ])('the check itself: %j has %d problems', (text, count) => {
    expect(frenchTypographyProblems(text)).toHaveLength(count);
  });
});
