// @ts-check
/**
 * The coordinator's guide as web pages, for the pane's Help link: `npm run build` copies docs/guide into
 * dist/guide, each chapter `NN-name.md` rendered as `NN-name.html` (the README as `index.html`), pictures and sample
 * workbooks as they are. The server serves dist/, so the guide comes from the same place as the pane, in any
 * deployment, with nothing fetched from elsewhere. dist/help.html (the manifest's support page, `/help`) lists the
 * three languages.
 *
 * Headings get the anchors GitHub gives them (dev/guide/markdown.ts, headingAnchor), so `chapter.md#photos`
 * works both on GitHub and here; links to other chapters are rewritten to their pages.
 */
const path = require('node:path');

const GUIDE_DIR = path.join(__dirname, '..', '..', 'docs', 'guide');
const LANGUAGES = ['en', 'es', 'fr'];
const TITLES = { en: 'Kiva Sheets — guide', es: 'Kiva Sheets — guía', fr: 'Kiva Sheets — guide' };

/** @param {string} text */
function headingAnchor(text) {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `02-preparing-sheets.md#photos` → `02-preparing-sheets.html#photos`; other links as they are. */
/** @param {string} href */
function pageHref(href) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) return href;
  const [file = '', anchor] = href.split('#');
  if (!file.endsWith('.md')) return href;
  const page = file.replace(/(^|\/)README\.md$/, '$1index.md').replace(/\.md$/, '.html');
  return anchor === undefined ? page : `${page}#${anchor}`;
}

const STYLE = `body{font-family:"Segoe UI",system-ui,sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;line-height:1.55;color:#242424}
img{max-width:100%;height:auto;border:1px solid #d1d1d1}table{border-collapse:collapse;display:block;overflow-x:auto}
th,td{border:1px solid #d1d1d1;padding:.3rem .5rem;vertical-align:top;text-align:left}code{background:#f3f3f3;padding:0 .2em}
pre{background:#f3f3f3;padding:.6rem;overflow-x:auto}a{color:#0f6cbd}`;

/**
 * One chapter as a page.
 * @param {string} markdown
 * @param {string} lang
 * @returns {Promise<string>}
 */
async function renderChapter(markdown, lang) {
  const { Marked } = await import('marked');
  const marked = new Marked({
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        const plain = tokens.map((t) => t.raw).join('');
        return `<h${depth} id="${escapeHtml(headingAnchor(plain))}">${inner}</h${depth}>\n`;
      },
      link({ href, title, tokens }) {
        const inner = this.parser.parseInline(tokens);
        const titled = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(pageHref(href))}"${titled}>${inner}</a>`;
      },
    },
  });
  const body = await marked.parse(markdown);
  const heading = /^# (.+)$/m.exec(markdown)?.[1] ?? TITLES[/** @type {'en'} */ (lang)] ?? 'Kiva Sheets';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>
`;
}

const HELP_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kiva Sheets — help</title><style>${STYLE}</style></head>
<body><h1>Kiva Sheets</h1>
<ul>
<li lang="en"><a href="guide/en/index.html">The coordinator's guide (English)</a></li>
<li lang="es"><a href="guide/es/index.html">Guía del coordinador (español)</a></li>
<li lang="fr"><a href="guide/fr/index.html">Guide du coordinateur (français)</a></li>
</ul>
<p>Install the add-in from <a href="manifest.xml">manifest.xml</a> (Excel → Add-ins → Upload my add-in, or your Microsoft 365 admin).</p>
</body></html>
`;

/**
 * CopyWebpackPlugin patterns: the guide into `guide/`, and the help page.
 * @returns {import('copy-webpack-plugin').Pattern[]}
 */
function guidePatterns() {
  return [
    ...LANGUAGES.map((lang) => ({
      from: path.join(GUIDE_DIR, lang),
      to: ({ absoluteFilename = '' }) => {
        const relative = path.relative(path.join(GUIDE_DIR, lang), absoluteFilename).split(path.sep).join('/');
        return `guide/${lang}/${pageHref(relative)}`;
      },
      /** @type {(content: Buffer, file: string) => Promise<Buffer | string>} */
      transform: (content, file) =>
        file.endsWith('.md') ? renderChapter(content.toString('utf8'), lang) : Promise.resolve(content),
    })),
    {
      from: path.join(GUIDE_DIR, 'en', 'README.md'),
      to: 'help.html',
      transform: () => HELP_PAGE,
    },
  ];
}

module.exports = { guidePatterns, renderChapter, pageHref, headingAnchor };
