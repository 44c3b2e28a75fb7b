import type { EntraConfig } from '../config/types';

/** The tags the pane reads Microsoft sign-in settings from (src/taskpane/create-controller.ts ENTRA_META). */
export const ENTRA_PAGE_META = {
  clientId: 'kiva-sheets-entra-client-id',
  authority: 'kiva-sheets-entra-authority',
  scopes: 'kiva-sheets-entra-scopes',
} as const;

/**
 * What every page this server serves is told: in Entra mode how to sign in; nothing in local mode. No page carries
 * anything that lets its reader call /api: pages are answered to anyone who can connect (docs/server.md).
 */
export function pageMeta(entra?: EntraConfig): Record<string, string> {
  const meta: Record<string, string> = {};
  if (entra) {
    meta[ENTRA_PAGE_META.clientId] = entra.pane.clientId;
    meta[ENTRA_PAGE_META.authority] = entra.pane.authority;
    meta[ENTRA_PAGE_META.scopes] = entra.pane.scopes.join(' ');
  }
  return meta;
}

/** Puts the page's meta tags into a page this server serves, first thing in <head>, so only our own pages know them. */
export function injectPageMeta(html: string, meta: Readonly<Record<string, string>>): string {
  const tag = Object.entries(meta)
    .map(([name, content]) => `<meta name="${escapeAttribute(name)}" content="${escapeAttribute(content)}">`)
    .join('');
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  return tag + html;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const escapeAttribute = escapeHtml;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}</style>
</head><body>${body}</body></html>`;
}

export const NOT_BUILT_PAGE = page(
  'Kiva Sheets — task pane not built',
  `<h1>The task pane is not built yet</h1>
<p>This Kiva Sheets server is running, but it has no built task pane to show: the folder <code>dist/</code> is missing.</p>
<p>Build it with <code>npm run build</code> (or run <code>npm start</code>, which builds what is needed), then reload this pane.</p>
<p>The server's API is up: <a href="/api/health">/api/health</a>.</p>`,
);

export const HELP_PAGE = page(
  'Kiva Sheets — help',
  `<h1>Kiva Sheets</h1>
<p>Kiva Sheets sends loan drafts, repayment reports and journals from an Excel workbook to Kiva's Partner API.</p>
<ul>
<li>Install the add-in from <a href="/manifest.xml">manifest.xml</a> (Excel → Add-ins → Upload my add-in, or your Microsoft 365 admin).</li>
<li>Open the Kiva Sheets task pane, check a sheet, then send the selected or pending rows.</li>
<li>A row marked <em>Uncertain</em> may have reached Kiva: check PA2 before sending it again.</li>
</ul>`,
);
