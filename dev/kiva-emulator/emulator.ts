import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PartnerApi, type Outcome } from './api';
import { defaultClients } from './clients';
import { FaultQueue, faultApplies } from './faults';
import { BodyTooLargeError, corsHeaders, errorReply, preflightReply, readBody, send, type Reply } from './http';
import { seedLoans } from './loans';
import { TokenAuthority } from './tokens';
import {
  STRICT_DEFAULTS,
  type AppliedRequest,
  type Emulator,
  type EmulatorMode,
  type EmulatorOptions,
  type Fault,
  type ReceivedRequest,
} from './types';

export const TOKEN_PATH = '/oauth/token';
export const DEFAULT_ALLOWED_ORIGINS = ['https://localhost:3000', 'http://127.0.0.1:3000'];
// Loan drafts carry a base64 photo; well above any real one, low enough to refuse a runaway client.
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const allowedOrigins = options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS;
  const applied: AppliedRequest[] = [];
  const received: ReceivedRequest[] = [];
  const faults = new FaultQueue();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let latencyMs = options.latencyMs ?? 0;
  let mode: EmulatorMode = options.mode ?? 'kiva';
  let seq = 0;

  const delay = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  async function handle(services: Services, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const { pathname: path, searchParams: query } = new URL(target, 'http://127.0.0.1');
    const cors = corsHeaders(req.headers.origin, allowedOrigins);
    const record = (status: ReceivedRequest['status'], authorized: boolean) =>
      received.push({ method, path, url: target, status, authorized });
    const respond = async (reply: Reply, authorized: boolean, extraMs = 0) => {
      record(reply.status, authorized);
      await delay(latencyMs + extraMs);
      send(res, reply, cors);
    };

    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLargeError) await respond(errorReply(413, 'payload.too.large', e.message), false);
      return;
    }
    const isToken = path === TOKEN_PATH;
    if (mode === 'portal' && !isToken && method !== 'OPTIONS') return respond(PORTAL_PAGE, false);
    const fault = faults.take(method, path, isToken);
    if (fault?.kind === 'reset-before-apply') {
      record('reset', false);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status' && !faultApplies(fault)) return respond(faultReply(fault, path, now), false);

    const outcome = dispatch(method, isToken, services, { path, query, req, raw, cors });
    switch (fault?.kind) {
      case 'reset-after-apply':
        // The request took effect but the client never hears so: the "maybe applied" case clients must handle.
        record('reset', outcome.authorized);
        req.socket.destroy();
        return;
      case 'hang-after-apply':
        record('hang', outcome.authorized);
        return;
      case 'status':
        return respond(faultReply(fault, path, now), outcome.authorized);
      default:
        return respond(outcome.reply, outcome.authorized, fault?.kind === 'latency' ? (fault.ms ?? 0) : 0);
    }
  }

  const server = createServer();
  // Node closes an idle kept-alive socket after 5 s; a client whose event loop is busy longer than that (a 100,000-row
  // send on a loaded machine) can write its next POST into the socket the emulator has just closed, and the row turns
  // Uncertain (UND_ERR_SOCKET) for a reason that is ours, not Kiva's. Idle sockets are destroyed by close() anyway.
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const audience = options.audience ?? url;
  const tokens = new TokenAuthority({
    clients: options.clients ?? defaultClients(),
    audience,
    issuer: `${url}/`,
    lifetimeSeconds: options.tokenLifetimeSeconds ?? 43199,
    now,
    shape: options.tokenShape ?? STRICT_DEFAULTS.tokenShape,
    scopePolicy: options.scopePolicy ?? STRICT_DEFAULTS.scopePolicy,
  });
  const api = new PartnerApi({
    tokens,
    loans: seedLoans(options.loanCount ?? 420),
    casing: options.casing ?? STRICT_DEFAULTS.casing,
    repaymentsResponse: options.repaymentsResponse ?? STRICT_DEFAULTS.repaymentsResponse,
    journalRoute: options.journalRoute ?? STRICT_DEFAULTS.journalRoute,
    baseUrl: url,
    onApplied: (endpoint, partnerId, body, reference) =>
      applied.push({ seq: ++seq, time: now(), partnerId, endpoint, body, reference }),
  });
  const services: Services = { tokens, api };
  // Attached only now because the audience and confirm URLs depend on the port listen() picked.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(services, req, res).catch((e: unknown) => {
      console.error('kiva emulator: request failed', e);
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        url: req.url ?? '',
        status: 500,
        authorized: false,
      });
      if (!res.headersSent) send(res, errorReply(500, 'emulator.error', String(e)));
    });
  });

  return {
    url,
    tokenUrl: `${url}${TOKEN_PATH}`,
    apiBase: url,
    audience,
    applied,
    received,
    get tokensIssued() {
      return tokens.issued;
    },
    inject: (fault: Fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setLatency: (ms: number) => {
      latencyMs = ms;
    },
    setMode: (next: EmulatorMode) => {
      mode = next;
    },
    revokeTokens: () => tokens.revokeAll(),
    reset: () => {
      // In place: tests may hold references to these arrays.
      applied.length = 0;
      received.length = 0;
      seq = 0;
      tokens.issued = 0;
      faults.clear();
      mode = options.mode ?? 'kiva';
      api.reset();
    },
    appliedRepaymentLoanIds: () => api.appliedRepaymentLoanIds(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

interface Services {
  tokens: TokenAuthority;
  api: PartnerApi;
}

interface DispatchRequest {
  path: string;
  query: URLSearchParams;
  req: IncomingMessage;
  raw: Buffer;
  cors: Record<string, string>;
}

function dispatch(
  method: string,
  isToken: boolean,
  { tokens, api }: Services,
  { path, query, req, raw, cors }: DispatchRequest,
): Outcome {
  if (method === 'OPTIONS') return { reply: preflightReply(cors), authorized: false };
  if (!isToken) return api.handle({ method, path, query, headers: req.headers, raw });
  if (method !== 'POST') {
    return {
      reply: { ...errorReply(405, 'method.not.allowed', `${TOKEN_PATH} takes POST`), headers: { Allow: 'POST' } },
      authorized: false,
    };
  }
  return tokens.handle(req.headers['content-type'], raw);
}

/** What a login portal or a default web server in the way answers, with a cheerful 200. */
const PORTAL_PAGE: Reply = {
  status: 200,
  contentType: 'text/html; charset=utf-8',
  text: '<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1><p>If you see this page, the nginx web server is successfully installed and working.</p></body></html>',
};

/** What sits in front of Kiva answers these: gateways send HTML, Spring sends its own JSON. */
function faultReply(fault: Fault, path: string, now: () => number): Reply {
  const status = fault.status ?? 500;
  const headers: Record<string, string> =
    fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
  const reason = STATUS_CODES[status] ?? 'Error';
  if (status === 502 || status === 503 || status === 504) {
    return {
      status,
      headers,
      contentType: 'text/html; charset=utf-8',
      text: `<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center></body></html>`,
    };
  }
  if (status === 500) {
    return {
      status,
      headers,
      json: { timestamp: new Date(now()).toISOString(), status, error: reason, path },
    };
  }
  return { status, headers, json: { code: status === 429 ? 'rate.limited' : `http.${status}`, message: reason } };
}
