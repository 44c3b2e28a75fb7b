/**
 * Every French string a user reads, from the tables themselves: the pane and ribbon (src/i18n), cells and statuses
 * (src/sheet), the app's notices and errors, file problems, the connection check, the command line and the
 * manifest's French overrides. See typography.ts for the rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { lexer, type Token } from 'marked';
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

/** The prose of a Markdown page: its text tokens, without code spans, code blocks and link targets. */
function prose(markdown: string): string[] {
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'code' || token.type === 'codespan' || token.type === 'html') continue;
      if (token.type === 'text' && !('tokens' in token && token.tokens)) out.push(token.text);
      else if (token.type === 'escape') out.push(token.text);
      if ('tokens' in token && Array.isArray(token.tokens)) walk(token.tokens);
      if (token.type === 'list') for (const item of token.items) walk(item.tokens);
      if (token.type === 'table') {
        for (const cell of token.header) walk(cell.tokens);
        for (const row of token.rows) for (const cell of row) walk(cell.tokens);
      }
    }
  };
  walk(lexer(markdown));
  return out;
}

describe('French typography in the coordinator’s guide', () => {
  it('reads the prose of a page and not its code', () => {
    const texts = prose(
      '# Titre\n\nVoir : `a : b` et « x ».\n\n| a | b ; c |\n|---|---|\n| d ! | [lien](x.md#y) |\n\n```\nz : w\n```\n',
    );
    expect(texts.flatMap((text) => frenchTypographyProblems(text))).toHaveLength(5);
  });

  const folder = join(__dirname, '../../docs/guide/fr');
  it.each(readdirSync(folder).filter((name) => name.endsWith('.md')))('docs/guide/fr/%s', (name) => {
    const texts = prose(readFileSync(join(folder, name), 'utf8'));
    expect(texts.length).toBeGreaterThan(0);
    const problems = texts.flatMap((text) =>
      frenchTypographyProblems(text).map(
        ({ at, problem }) => `${problem} — “…${text.slice(Math.max(0, at - 20), at + 10)}…”`,
      ),
    );
    expect(problems).toEqual([]);
  });
});
