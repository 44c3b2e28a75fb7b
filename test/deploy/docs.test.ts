/**
 * The deployment guide (docs/deploy.md, .es.md, .fr.md): every link and anchor resolves, the three languages carry the
 * same commands and settings, every setting and server option it names exists, and the files that point readers at
 * it (Dockerfile, compose.yaml, README, docs/server.md, the server's --help) name sections it has.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Token, Tokens } from 'marked';
import { chapterFacts, headingAnchor } from '../../dev/guide/markdown';
import { parseServeArguments, SERVE_USAGE } from '../../src/server/cli-args';
import { CONFIG_FILE_VARIABLE, isSettingName } from '../../src/server/config/names';
import { SIGN_IN_DIALOG_PAGE } from '../../src/taskpane/auth/sign-in-dialog';

const ROOT = join(__dirname, '..', '..');
const LANGUAGES = { en: 'deploy.md', es: 'deploy.es.md', fr: 'deploy.fr.md' } as const;
const FILES = Object.values(LANGUAGES).map((name) => join(ROOT, 'docs', name));

type Lexer = (markdown: string) => Token[];
let lex: Lexer;
beforeAll(async () => {
  lex = (await import('marked')).marked.lexer;
});

const read = (file: string) => readFileSync(file, 'utf8');
const facts = (file: string) => chapterFacts(read(file), lex);

function codeBlocks(file: string): Tokens.Code[] {
  const blocks: Tokens.Code[] = [];
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'code') blocks.push(token as Tokens.Code);
      if (token.type === 'list') for (const item of (token as Tokens.List).items) visit(item.tokens);
    }
  };
  visit(lex(read(file)));
  return blocks;
}

/** KIVA_… names in the text, code included. */
function namedVariables(file: string): string[] {
  return [...new Set(read(file).match(/\bKIVA_[A-Z_]+[A-Z]\b/g) ?? [])].sort();
}

/** Problems of one link from `file`: the file must exist and, for Markdown, have the heading. */
function linkProblems(file: string, target: string): string[] {
  if (/^(https?:|mailto:)/.test(target)) return [];
  const [path = '', anchor] = target.split('#');
  const destination = path === '' ? file : resolve(dirname(file), decodeURI(path));
  const where = `${relative(ROOT, file)} → ${target}`;
  if (!existsSync(destination) || !statSync(destination).isFile()) return [`${where}: no such file`];
  if (anchor !== undefined && destination.endsWith('.md') && !facts(destination).anchors.includes(anchor)) {
    return [`${where}: no such heading`];
  }
  return [];
}

describe('the deployment guide', () => {
  it('resolves every link and anchor, in every language', () => {
    const problems = FILES.flatMap((file) => {
      const { links, images } = facts(file);
      return [...links, ...images].flatMap((target) => linkProblems(file, target));
    });
    expect(problems).toEqual([]);
  });

  it('catches a link to a heading that does not exist (the check can fail)', () => {
    const file = FILES[0] as string;
    expect(linkProblems(file, '#no-such-heading')).toEqual(['docs/deploy.md → #no-such-heading: no such heading']);
    expect(linkProblems(file, 'no-such-file.md')).toEqual(['docs/deploy.md → no-such-file.md: no such file']);
    expect(linkProblems(file, 'server.md#configuration')).toEqual([]);
  });

  it('links each language to the two others at its top', () => {
    for (const file of FILES) {
      const top = facts(file).links.slice(0, 3);
      expect(top).toEqual(Object.values(LANGUAGES));
    }
  });

  it('has the same sections, commands and settings in English, Spanish and French', () => {
    const [english, ...others] = FILES.map((file) => ({
      sections: facts(file).anchors.length,
      code: codeBlocks(file).map((block) => ({ lang: block.lang ?? '', lines: block.text.split('\n').length })),
      variables: namedVariables(file),
    }));
    for (const other of others) expect(other).toEqual(english);
  });

  it('names only settings the server has (or that compose.yaml reads)', () => {
    const compose = new Set([...read(join(ROOT, 'compose.yaml')).matchAll(/\$\{(KIVA_[A-Z_]+)/g)].map((m) => m[1]));
    expect(compose.has('KIVA_SHEETS_DOMAIN')).toBe(true);
    const known = (name: string) => isSettingName(name) || name === CONFIG_FILE_VARIABLE || compose.has(name);
    for (const file of FILES) {
      const unknown = namedVariables(file).filter((name) => !known(name));
      expect({ file: relative(ROOT, file), unknown }).toEqual({ file: relative(ROOT, file), unknown: [] });
    }
  });

  it('gives the server only options it takes', () => {
    const calls = FILES.flatMap((file) =>
      codeBlocks(file).flatMap((block) =>
        // A command continued with `\` is one call.
        block.text
          .replace(/\\\n/g, ' ')
          .split('\n')
          .map((line) => line.replace(/#.*$/, ''))
          .filter((line) => /(^|\s)kiva-sheets-server(\s|$)/.test(line)),
      ),
    );
    expect(calls.length).toBeGreaterThanOrEqual(6);
    for (const call of calls) {
      const argv = call.split(/\s+/).filter(Boolean);
      const options = argv.slice(argv.indexOf('kiva-sheets-server') + 1);
      expect({ call, problems: parseServeArguments(options).problems }).toEqual({ call, problems: [] });
    }
  });

  it('has the sections that the Dockerfile, compose.yaml and the server point readers to', () => {
    const anchors = facts(join(ROOT, 'docs', 'deploy.md')).anchors;
    const pointers = ['Dockerfile', 'compose.yaml', 'src/server/cli-args.ts', 'docs/server.md', 'README.md'];
    let named = 0;
    for (const name of pointers) {
      const text = read(join(ROOT, name));
      expect({ name, mentions: text.includes('docs/deploy.md') }).toEqual({ name, mentions: true });
      for (const match of text.matchAll(/docs\/deploy\.md, "([^"]+)"/g)) {
        named++;
        expect({ name, section: match[1], found: anchors.includes(headingAnchor(match[1] ?? '')) }).toEqual({
          name,
          section: match[1],
          found: true,
        });
      }
    }
    expect(named).toBeGreaterThanOrEqual(2);
    expect(SERVE_USAGE).toContain('docs/deploy.md');
  });

  it('tells the admin which redirect URIs to register: NAA’s broker, and the dialog page the build makes', () => {
    for (const file of FILES) {
      const text = read(file);
      expect(text).toContain('brk-multihub://kiva-sheets.partner.org');
      expect(text).toContain('brk-multihub://localhost:3000');
      expect(text).toContain(`https://kiva-sheets.partner.org/${SIGN_IN_DIALOG_PAGE}`);
      expect(text).toMatch(/access_as_user/);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createConfig } = require('../../webpack.config.js') as {
      createConfig(): { plugins: { userOptions?: { filename?: string } }[] };
    };
    const pages = createConfig()
      .plugins.map((plugin) => plugin.userOptions?.filename)
      .filter(Boolean);
    expect(pages).toEqual(expect.arrayContaining(['taskpane.html', SIGN_IN_DIALOG_PAGE]));
  });
});
