import Fastify, {
  type FastifyError,
  type FastifyHttpsOptions,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import type { Server as HttpsServer } from 'node:https';
import { checkHost } from '../auth/same-origin';
import type { ServerConfig } from '../config/types';
import { pathOf, registerApi, type ApiOptions } from './api';
import { sendError } from './errors';
import { injectPageMeta, pageMeta } from './html';
import { registerStatic, type StaticMount } from './static-routes';
import { deploymentKind } from '../identity/manifest';

/** What dev/start.ts (and later the workbench) may hang off the same server. */
export interface ServerHooks {
  /** Extra folders, served like the task pane (HTML pages get the page meta tags: Entra sign-in settings). */
  mounts?: readonly StaticMount[];
  /** Extra routes; `injectPageMeta` gives their pages what the pane's pages get. */
  routes?: (app: FastifyInstance, helpers: { injectPageMeta(html: string): string }) => void | Promise<void>;
}

export interface AppOptions extends ApiOptions {
  hooks: ServerHooks;
  /** This deployment's add-in `<Id>` (src/server/identity). */
  addinId: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, logger, scrubber } = options;
  const app = createFastify(config);

  app.addHook('onRequest', async (request, reply) => {
    const site = options.site();
    // A foreign name resolving to 127.0.0.1 (DNS rebinding) gets nothing from us, page or /api.
    const wrongHost = site && checkHost(request.headers, site);
    if (!wrongHost) return undefined;
    logger.warn('refused', { code: wrongHost.code, path: pathOf(request), host: request.headers.host });
    return sendError(reply, wrongHost.status, wrongHost.code, wrongHost.message);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (request.url.startsWith('/api/')) {
      reply.header('cache-control', 'no-store');
      // No other origin may even embed an /api answer (no-cors requests, <script src>).
      reply.header('cross-origin-resource-policy', 'same-origin');
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    logger.info('http', {
      method: request.method,
      path: pathOf(request),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = knownError(error, config);
    if (known) return sendError(reply, known.status, known.code, scrubber.text(known.message));
    logger.error('request failed', {
      method: request.method,
      path: pathOf(request),
      error: scrubber.text(String(error.stack ?? error)),
    });
    return sendError(reply, 500, 'server.error', 'internal server error');
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      return sendError(reply, 404, 'request.not-found', `no such endpoint: ${request.method} ${pathOf(request)}`);
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
  });

  await app.register(async (api) => registerApi(api, options));
  const meta = pageMeta(config.entra);
  await app.register(async (site) => {
    await registerStatic(site, {
      paths: config.paths,
      mounts: options.hooks.mounts ?? [],
      pageMeta: meta,
      identity: () => ({
        publicUrl: options.site()?.publicUrl ?? '',
        addinId: options.addinId,
        kind: deploymentKind(config.environments),
      }),
    });
    await options.hooks.routes?.(site, { injectPageMeta: (html) => injectPageMeta(html, meta) });
  });
  return app;
}

function createFastify(config: ServerConfig): FastifyInstance {
  const common: FastifyServerOptions = {
    logger: false,
    bodyLimit: config.limits.bodyBytes,
    trustProxy: config.behindProxy,
    // On stop, idle keep-alive sockets close at once; a submit in flight finishes and is recorded.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  };
  // Fastify types HTTP and HTTPS instances apart; everything here uses what both share.
  return (config.tls
    ? Fastify({ ...common, https: { cert: config.tls.cert, key: config.tls.key } } as FastifyHttpsOptions<HttpsServer>)
    : Fastify(common)) as unknown as FastifyInstance;
}

function knownError(
  error: FastifyError,
  config: ServerConfig,
): { status: number; code: string; message: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'request.too-large',
        message: `request body over ${config.limits.bodyBytes} bytes (KIVA_SHEETS_BODY_LIMIT_MB); send fewer rows at a time`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'request.unsupported-media-type',
        message: 'send JSON (Content-Type: application/json)',
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'request.invalid-json', message: 'the body is not valid JSON' };
  }
  if (error.statusCode === 429) return { status: 429, code: 'request.rate-limited', message: error.message };
  if (error instanceof SyntaxError)
    return { status: 400, code: 'request.invalid-json', message: 'the body is not valid JSON' };
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 500 ? { status, code: 'request.invalid', message: error.message } : undefined;
}
