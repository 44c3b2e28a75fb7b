/**
 * The coordinator's guide (docs/guide/<lang>): the same chapters in every language, long enough to be a guide, every
 * link and picture resolving, the pictures the ones the screenshot script takes, and the pane's Help links landing on
 * chapters that exist. Whether the pictures are still those of today's pane is `npm run guide:check`'s question
 * (see docs/guide/MAINTAINING.md).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { chapterFacts, headingAnchor, type ChapterFacts } from '../../dev/guide/markdown';
import { GUIDE_LANGUAGES, GUIDE_ROOT, readShotsRecord, ROOT, SHOTS } from '../../dev/guide/shots';
import { helpChapter, HELP_CHAPTERS } from '../../src/taskpane/help';

type Lexer = (markdown: string) => import('marked').Token[];
let lex: Lexer;
beforeAll(async () => {
  lex = (await import('marked')).marked.lexer;
});

const chapters = (lang: string) =>
  readdirSync(join(GUIDE_ROOT, lang))
    .filter((name) => name.endsWith('.md'))
    .sort();

function facts(file: string): ChapterFacts {
  return chapterFacts(readFileSync(file, 'utf8'), lex);
}

/** Every Markdown file the guide's links start from: the chapters, the maintainers' page and the README. */
function guideFiles(): string[] {
  return [
    join(ROOT, 'README.md'),
    join(GUIDE_ROOT, 'MAINTAINING.md'),
    ...GUIDE_LANGUAGES.flatMap((lang) => chapters(lang).map((name) => join(GUIDE_ROOT, lang, name))),
  ];
}

describe('the coordinator’s guide', () => {
  it('has the same chapters in English, Spanish and French', () => {
    const english = chapters('en');
    expect(english.length).toBeGreaterThanOrEqual(13);
    for (const lang of GUIDE_LANGUAGES) expect(chapters(lang)).toEqual(english);
  });

  it.each(GUIDE_LANGUAGES)('%s: at least 1,500 words and 8 screenshots that exist', (lang) => {
    const all = chapters(lang).map((name) => facts(join(GUIDE_ROOT, lang, name)));
    expect(all.reduce((sum, f) => sum + f.words, 0)).toBeGreaterThanOrEqual(1500);
    const images = new Set(all.flatMap((f) => f.images));
    expect(images.size).toBeGreaterThanOrEqual(8);
    for (const image of images) expect(existsSync(join(GUIDE_ROOT, lang, image))).toBe(true);
  });

  it.each(GUIDE_LANGUAGES)('%s: shows every screenshot the script takes, and only those', (lang) => {
    const shown = new Set(chapters(lang).flatMap((name) => facts(join(GUIDE_ROOT, lang, name)).images));
    expect([...shown].sort()).toEqual(SHOTS.map((shot) => `img/${shot}.png`).sort());
    const files = readdirSync(join(GUIDE_ROOT, lang, 'img')).sort();
    expect(files).toEqual(SHOTS.map((shot) => `${shot}.png`).sort());
    for (const file of files) {
      const png = readFileSync(join(GUIDE_ROOT, lang, 'img', file));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // Kept small: the repository carries every language's pictures.
      expect(png.length).toBeLessThan(120_000);
    }
  });

  it('resolves every link and picture: files, and the headings anchors point at', () => {
    const problems: string[] = [];
    for (const file of guideFiles()) {
      const { links, images } = facts(file);
      for (const target of [...links, ...images]) {
        if (/^(https?:|mailto:)/.test(target)) continue;
        // The README's other links belong to other pages' owners; its links to the guide are ours.
        if (file === join(ROOT, 'README.md') && !target.startsWith('docs/guide/')) continue;
        const [path = '', anchor] = target.split('#');
        const destination = path === '' ? file : resolve(dirname(file), decodeURI(path));
        const where = `${relative(ROOT, file)} → ${target}`;
        if (!existsSync(destination) || !statSync(destination).isFile()) {
          problems.push(`${where}: no such file`);
          continue;
        }
        if (anchor !== undefined && destination.endsWith('.md')) {
          if (!facts(destination).anchors.includes(anchor)) problems.push(`${where}: no such heading`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is linked from the top of the README in three languages, below its first commands', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const lines = readme.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '# Kiva Sheets',
      '',
      '```sh',
      expect.stringMatching(/^npm install && npm start /),
    ]);
    expect(lines.find((line) => line.startsWith('npm test'))).toBeDefined();
    const top = lines.slice(0, 20).join('\n');
    for (const lang of GUIDE_LANGUAGES) expect(top).toContain(`(docs/guide/${lang}/README.md)`);
  });

  it('gives the pane’s Help link a chapter for every tab, in every language', () => {
    for (const lang of GUIDE_LANGUAGES) {
      for (const tab of Object.keys(HELP_CHAPTERS) as (keyof typeof HELP_CHAPTERS)[]) {
        const url = helpChapter(lang, tab);
        expect(url).toMatch(new RegExp(`^guide/${lang}/[\\w-]+\\.html$`));
        const markdown = url.replace(/^guide\//, '').replace(/\.html$/, '.md');
        expect(existsSync(join(GUIDE_ROOT, markdown))).toBe(true);
      }
    }
  });

  it('records which sources the screenshots were taken from', () => {
    const record = readShotsRecord();
    expect(record.command).toBe('npm run guide:screenshots');
    expect(Object.keys(record.sources)).toEqual(expect.arrayContaining(['src/taskpane/App.tsx', 'src/i18n/en.ts']));
  });

  it('makes anchors the way GitHub does', () => {
    expect(headingAnchor('Fotos y calendarios')).toBe('fotos-y-calendarios');
    expect(headingAnchor('Classeurs d’exemple')).toBe('classeurs-dexemple');
    expect(headingAnchor('5. Statuses and what to do with each')).toBe('5-statuses-and-what-to-do-with-each');
  });
});

describe('the guide as pages beside the pane (dev/guide/render-html.js)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const render = require('../../dev/guide/render-html') as {
    renderChapter(markdown: string, lang: string): Promise<string>;
    pageHref(href: string): string;
    headingAnchor(text: string): string;
  };

  it('rewrites chapter links to pages and keeps the rest', () => {
    expect(render.pageHref('02-preparing-sheets.md#photos')).toBe('02-preparing-sheets.html#photos');
    expect(render.pageHref('../es/README.md#libros-de-ejemplo')).toBe('../es/index.html#libros-de-ejemplo');
    expect(render.pageHref('README.md')).toBe('index.html');
    expect(render.pageHref('img/tools.png')).toBe('img/tools.png');
    expect(render.pageHref('http://127.0.0.1:3000/workbench.html')).toBe('http://127.0.0.1:3000/workbench.html');
  });

  it.each(GUIDE_LANGUAGES)('%s: every chapter renders with its headings’ anchors, in its language', async (lang) => {
    for (const name of chapters(lang)) {
      const markdown = readFileSync(join(GUIDE_ROOT, lang, name), 'utf8');
      const html = await render.renderChapter(markdown, lang);
      expect(html).toContain(`<html lang="${lang}">`);
      for (const anchor of facts(join(GUIDE_ROOT, lang, name)).anchors) {
        expect(render.headingAnchor(anchor)).toBe(anchor);
        expect(html).toContain(`id="${anchor}"`);
      }
      expect(html).not.toMatch(/href="[^":]+\.md[#"]/);
    }
  });
});
