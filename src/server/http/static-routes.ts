import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { ServerPaths } from '../config/types';
import { renderManifest, type ManifestIdentity } from '../identity/manifest';
import { HELP_PAGE, injectPageMeta, NOT_BUILT_PAGE } from './html';

/** A folder served under a prefix, its HTML pages given the page meta tags (the workbench hangs off the server so). */
export interface StaticMount {
  /** Starts and ends with `/`. */
  prefix: string;
  dir: string;
  /** Where the bare prefix redirects (default index.html). */
  index?: string;
}

export interface StaticOptions {
  paths: ServerPaths;
  mounts: readonly StaticMount[];
  /** Meta tags every served page gets (Entra sign-in settings; nothing that opens /api). */
  pageMeta: Readonly<Record<string, string>>;
  /** Public URL (known once listening), add-in id and kind of this deployment, for the served manifest. */
  identity: () => ManifestIdentity;
}

export async function registerStatic(app: FastifyInstance, options: StaticOptions): Promise<void> {
  const { paths, pageMeta } = options;
  // Also gives every route reply.sendFile (ranges, ETags, content types) for the folders below.
  // No Cache-Control on assets: Office may show a default image for manifest icons served with caching headers
  // (Microsoft's manifest Resources reference).
  // No dotfile or dot-folder is ever served (`.env`, `.git/`): they answer 404 like a file that is not there.
  await app.register(fastifyStatic, {
    root: paths.assets,
    prefix: '/assets/',
    index: false,
    cacheControl: false,
    dotfiles: 'ignore',
  });

  app.get('/manifest.xml', async (_request, reply) => {
    const manifest = await readFile(paths.manifest, 'utf8');
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(renderManifest(manifest, options.identity()));
  });

  app.get('/help', async (_request, reply) => {
    const built = join(paths.dist, 'help.html');
    return sendPage(reply, existsSync(built) ? await readFile(built, 'utf8') : HELP_PAGE, pageMeta);
  });

  for (const mount of options.mounts) serveDirectory(app, mount, pageMeta);
  serveDirectory(app, { prefix: '/', dir: paths.dist, index: 'taskpane.html' }, pageMeta, NOT_BUILT_PAGE);
}

/**
 * The folder is looked at on each request, not at start: the pane's build may land while the server runs.
 * Without the folder, pages answer `notBuilt` (the task pane shows it in Excel) and other files 404.
 */
function serveDirectory(
  app: FastifyInstance,
  mount: StaticMount,
  pageMeta: Readonly<Record<string, string>>,
  notBuilt?: string,
): void {
  app.get(`${mount.prefix}*`, async (request, reply) => {
    const relative = (request.params as Record<string, string | undefined>)['*'] ?? '';
    if (relative === '') return reply.redirect(`${mount.prefix}${mount.index ?? 'index.html'}`);
    const isPage = relative.endsWith('.html');
    if (!existsSync(mount.dir)) {
      if (notBuilt !== undefined && isPage) {
        return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(notBuilt);
      }
      return reply.callNotFound();
    }
    const file = inside(mount.dir, relative);
    if (file === undefined || !isFile(file)) return reply.callNotFound();
    if (isPage) return sendPage(reply, await readFile(file, 'utf8'), pageMeta);
    return reply.sendFile(relative, mount.dir);
  });
}

function sendPage(reply: FastifyReply, html: string, meta: Readonly<Record<string, string>>): FastifyReply {
  // Pages follow the server's settings (and the build that may land while it runs): never cached.
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(injectPageMeta(html, meta));
}

/** The file under `root` that `relative` names; undefined when it would step outside or is hidden (`..`, `.env`). */
function inside(root: string, relative: string): string | undefined {
  if (relative.includes('\0') || relative.split(/[\\/]/).some((segment) => segment.startsWith('.'))) return undefined;
  const base = resolve(root);
  const full = resolve(base, `.${sep}${relative}`);
  return full.startsWith(base + sep) ? full : undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
