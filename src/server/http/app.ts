import Fastify, {
  type FastifyError,
  type FastifyHttpsOptions,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { checkHost } from '../auth/same-origin';
import type { ServerConfig } from '../config/types';
import { pathOf, registerApi, type ApiOptions } from './api';
import type { ServerLogger } from '../logger';
import { sendError, type ApiErrorBody } from './errors';
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
  const app = createFastify(config, logger);
  // Fastify's own 503 while closing has its shape, not ours: new requests are answered here instead.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.addHook('onRequest', async (request, reply) => {
    if (closing) {
      reply.header('connection', 'close');
      return sendError(reply, 503, 'server.stopping', 'the server is stopping');
    }
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
  // One shape for every error, pages and files included (a dotfile, a missing file, an unknown /api route).
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      return sendError(reply, 404, 'request.not-found', `no such endpoint: ${request.method} ${pathOf(request)}`);
    }
    return sendError(reply, 404, 'request.not-found', 'not found');
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

function createFastify(config: ServerConfig, logger: ServerLogger): FastifyInstance {
  const common: FastifyServerOptions = {
    logger: false,
    bodyLimit: config.limits.bodyBytes,
    trustProxy: config.behindProxy,
    // On stop, idle keep-alive sockets close at once; a submit in flight finishes and is recorded.
    forceCloseConnections: 'idle',
    // buildApp answers requests that arrive while closing, in our shape.
    return503OnClosing: false,
    // Errors Fastify answers before any route or hook runs: a URL that does not decode (`%c0%ae`, `%zz`), a
    // parameter past its length. The URL is not echoed: it is whatever the caller made up.
    frameworkErrors: (error, request, reply) => {
      const known = FRAMEWORK_ERRORS[error.code] ?? { status: 400, code: 'request.invalid', message: 'bad request' };
      logger.warn('refused', { code: known.code, method: request.method });
      return sendError(reply, known.status, known.code, known.message);
    },
    // Requests Node's HTTP parser refuses (bad request line, headers too large, timeouts) never reach Fastify.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => answerClientError(error, socket),
  };
  // Fastify types HTTP and HTTPS instances apart; everything here uses what both share.
  return (config.tls
    ? Fastify({ ...common, https: { cert: config.tls.cert, key: config.tls.key } } as FastifyHttpsOptions<HttpsServer>)
    : Fastify(common)) as unknown as FastifyInstance;
}

const FRAMEWORK_ERRORS: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  FST_ERR_BAD_URL: { status: 400, code: 'request.bad-url', message: 'the URL is not valid (bad percent-encoding)' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'request.url-too-long', message: 'a part of the URL is too long' },
};

/** Our error shape written straight on the socket, as Node's HTTP server does for the errors it answers itself. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request.timeout', 'the request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'request.headers-too-large', 'the request headers are too large']
        : [400, 'request.malformed', 'the request is not valid HTTP'];
  const body: ApiErrorBody = { error: { code, message } };
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
      text,
  );
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
