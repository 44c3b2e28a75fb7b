import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { doctor, kivaDoctorPort } from '../../app';
import { describeKivaError, resolveEnvironment, type KivaError } from '../../kiva';
import { maySubmit, mayUseServer } from '../auth/access';
import type { TokenVerifier } from '../auth/entra';
import { localIdentity, type Identity } from '../auth/identity';
import type { LocalCallerCheck } from '../auth/local-caller';
import type { Pairing } from '../auth/pairing';
import { checkSameOrigin, type Refusal, type Site } from '../auth/same-origin';
import { KIVA_ENVIRONMENT_NAMES, type KivaEnvironmentName, type ServerConfig } from '../config/types';
import type { KivaConnection } from '../kiva/connections';
import { readAllLoans, readConfigLists } from '../kiva/reads';
import type { ServerLogger } from '../logger';
import type { Scrubber } from '../redaction';
import { journalPlan, loanDraftPlan, repaymentPlan, type SendPlan } from '../send/plans';
import {
  describeIssues,
  envQuery,
  journalsRequest,
  ledgerLookupRequest,
  loanDraftsRequest,
  loansQuery,
  pairingRequest,
  repaymentsRequest,
} from '../send/schemas';
import { personOf, submit } from '../send/submit';
import { ConfirmationExceeded, type AuditStore } from '../store/audit';
import { sendError } from './errors';

/** Long enough for Kiva's token endpoint on a normal day; a pane opening while Kiva is down must not hang. */
const SESSION_WAIT_MS = 5_000;

export interface ApiOptions {
  config: ServerConfig;
  logger: ServerLogger;
  scrubber: Scrubber;
  store: AuditStore;
  connections: ReadonlyMap<KivaEnvironmentName, KivaConnection>;
  /** Local mode: is this connection the server's own account (or a paired pane)? */
  localCaller?: LocalCallerCheck;
  pairing?: Pairing;
  site: () => Site | undefined;
  verifier?: TokenVerifier;
  localAccount: string;
  now: () => number;
  startedAt: number;
  version: string;
}

/**
 * Routes under /api. Every one but /health needs a proven caller: in local mode the server's own OS account (or a
 * paired pane, docs/server.md), in Entra mode an allowed Microsoft sign-in.
 */
export async function registerApi(app: FastifyInstance, options: ApiOptions): Promise<void> {
  const { config, logger, scrubber, connections } = options;
  const identities = new WeakMap<FastifyRequest, Identity>();
  const isHealth = (request: FastifyRequest) => request.routeOptions.url === '/api/health';
  const isPairing = (request: FastifyRequest) => request.routeOptions.url === '/api/pairing';

  const refuse = (request: FastifyRequest, reply: FastifyReply, refusal: Refusal, reason?: string) => {
    logger.warn('refused', { code: refusal.code, method: request.method, path: pathOf(request), reason });
    if (refusal.status === 401) reply.header('www-authenticate', 'Bearer error="invalid_token"');
    return sendError(reply, refusal.status, refusal.code, refusal.message);
  };

  // JSON only: a text/plain body is what a cross-site form can post without a CORS preflight.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  app.addHook('onRequest', async (request, reply) => {
    const site = options.site();
    if (!site) return sendError(reply, 503, 'server.starting', 'the server is starting');
    const crossSite = checkSameOrigin(request.headers, site);
    if (crossSite) return refuse(request, reply, crossSite);
    if (isHealth(request)) return undefined;
    if (config.mode === 'local') {
      const notOurs = options.localCaller
        ? options.localCaller(request.raw.socket, request.headers, isPairing(request))
        : { status: 403 as const, code: 'auth.other-user', message: 'no way to tell who is calling' };
      if (notOurs) return refuse(request, reply, notOurs);
      identities.set(request, localIdentity(options.localAccount));
      return undefined;
    }
    const verified = options.verifier
      ? await options.verifier(request.headers.authorization)
      : { ok: false as const, reason: 'no verifier' };
    if (!verified.ok) {
      const missing = request.headers.authorization === undefined;
      const refusal: Refusal = missing
        ? { status: 401, code: 'auth.sign-in-required', message: 'sign in with Microsoft to use Kiva Sheets' }
        : { status: 401, code: 'auth.invalid-token', message: `sign-in not accepted: ${verified.reason}` };
      return refuse(request, reply, refusal, verified.reason);
    }
    if (!config.entra || !mayUseServer(verified.identity, config.entra)) {
      const refusal: Refusal = {
        status: 403,
        code: 'auth.not-allowed',
        message: `${verified.identity.name} is not allowed to use this Kiva Sheets server`,
      };
      return refuse(request, reply, refusal, verified.identity.name);
    }
    identities.set(request, verified.identity);
    return undefined;
  });

  await app.register(rateLimit, {
    global: true,
    max: config.limits.requestsPerMinute,
    timeWindow: 60_000,
    // After sign-in, so the limit is per user (one office behind one address is many users).
    hook: 'preHandler',
    keyGenerator: (request) => identities.get(request)?.id ?? request.ip,
  });

  const identityOf = (request: FastifyRequest): Identity => {
    const identity = identities.get(request);
    // The onRequest hook sets it for every route but /health; reaching here without one is a bug, so fail closed.
    if (!identity) throw new Error('request reached a route without an identity');
    return identity;
  };

  const connectionOr = (reply: FastifyReply, env: KivaEnvironmentName): KivaConnection | undefined => {
    const connection = connections.get(env);
    if (!connection) {
      void sendError(reply, 409, 'environment.not-configured', `Kiva ${env} is not configured on this server`, { env });
    }
    return connection;
  };

  const kivaFailure = (reply: FastifyReply, error: KivaError) =>
    sendError(reply, 502, error.code, scrubber.text(describeKivaError(error)), scrubber.value(error.params));

  app.get('/api/health', { config: { rateLimit: false } }, async () => ({
    status: 'ok',
    mode: config.mode,
    version: options.version,
    uptimeSeconds: Math.round((options.now() - options.startedAt) / 1000),
  }));

  const { pairing } = options;
  if (config.mode === 'local' && pairing) {
    app.post('/api/pairing', async (request, reply) => {
      const body = v.safeParse(pairingRequest, request.body);
      if (!body.success) return sendError(reply, 400, 'request.invalid', describeIssues(body.issues));
      const paired = pairing.pair(body.output.code);
      if (paired.ok) {
        logger.info('pane paired');
        return { key: paired.key };
      }
      logger.warn('refused', { code: 'auth.pairing-code', attemptsLeft: paired.attemptsLeft });
      return sendError(reply, 403, 'auth.pairing-code', 'not the code the server shows', {
        attemptsLeft: paired.attemptsLeft,
      });
    });
  }

  app.get('/api/session', async (request) => {
    const identity = identityOf(request);
    const statuses = new Map(
      await Promise.all(
        [...connections.values()].map(
          async (connection) => [connection.name, await connection.status(SESSION_WAIT_MS)] as const,
        ),
      ),
    );
    return {
      mode: config.mode,
      user: { id: identity.id, name: identity.name },
      version: options.version,
      limits: { bodyBytes: config.limits.bodyBytes, requestsPerMinute: config.limits.requestsPerMinute },
      environments: KIVA_ENVIRONMENT_NAMES.map((name) => {
        const connection = connections.get(name);
        const urls = connection?.environment ?? presetUrls(config, name);
        return {
          name,
          configured: connection !== undefined,
          ...(connection
            ? {
                canSubmit: maySubmit(identity, name, config.entra),
                ...statuses.get(name),
                batching: batchingOf(connection),
              }
            : {}),
          ...(urls ? { urls: { tokenUrl: urls.tokenUrl, audience: urls.audience, apiBase: urls.apiBase } } : {}),
        };
      }),
    };
  });

  app.get('/api/config-lists', async (request, reply) => {
    const query = v.safeParse(envQuery, request.query);
    if (!query.success) return sendError(reply, 400, 'request.invalid', describeIssues(query.issues));
    const connection = connectionOr(reply, query.output.env);
    if (!connection) return reply;
    const lists = await readConfigLists(connection);
    return lists.ok ? lists.value : kivaFailure(reply, lists.error);
  });

  app.get('/api/loans', async (request, reply) => {
    const query = v.safeParse(loansQuery, request.query);
    if (!query.success) return sendError(reply, 400, 'request.invalid', describeIssues(query.issues));
    const connection = connectionOr(reply, query.output.env);
    if (!connection) return reply;
    const search = query.output.query?.trim();
    const loans = await readAllLoans(connection, query.output.status, search === '' ? undefined : search);
    return loans.ok ? { loans: loans.value } : kivaFailure(reply, loans.error);
  });

  // protocol: the pane's "Test the connection" — the connection check run here, where the secret is; read-only.
  app.get('/api/doctor', async (request, reply) => {
    const query = v.safeParse(envQuery, request.query);
    if (!query.success) return sendError(reply, 400, 'request.invalid', describeIssues(query.issues));
    const connection = connectionOr(reply, query.output.env);
    if (!connection) return reply;
    const port = kivaDoctorPort({ tokens: connection.tokens, client: connection.client(), gate: connection.gate });
    const report = await doctor(port, { now: options.now });
    return scrubber.value({ report });
  });

  const submitRoute = <Item>(path: string, schema: v.GenericSchema<unknown, SubmitBody<Item>>, plan: SendPlan<Item>) =>
    app.post(path, async (request, reply) => {
      const body = v.safeParse(schema, request.body);
      if (!body.success) return sendError(reply, 400, 'request.invalid', describeIssues(body.issues));
      const { env, force, items, confirmation, period } = body.output;
      const identity = identityOf(request);
      if (!maySubmit(identity, env, config.entra)) {
        logger.warn('refused', { code: 'auth.not-allowed', path: pathOf(request), env, user: identity.name });
        return sendError(reply, 403, 'auth.not-allowed', `${identity.name} may not send to Kiva ${env}`, { env });
      }
      const connection = connectionOr(reply, env);
      if (!connection) return reply;
      const confirmed = confirmation?.env === env ? { id: confirmation.id, rows: confirmation.rows } : undefined;
      // Production is only ever sent on the user's explicit word, naming the rows: the pane's dialog gives it; the
      // ribbon never does (it hands production sends to the pane).
      if (env === 'production' && confirmed === undefined) {
        logger.warn('refused', {
          code: 'production.confirmation-required',
          path: pathOf(request),
          user: identity.name,
        });
        return sendError(
          reply,
          409,
          'production.confirmation-required',
          'sending to Kiva production needs "confirmation": {"env": "production", "rows": N, "id": "…"}, the rows the user confirmed',
          { env },
        );
      }
      try {
        const result = await submit(
          plan,
          {
            connection,
            user: identity.name,
            userId: identity.id,
            force,
            items,
            ...(period !== undefined ? { period } : {}),
            ...(confirmed ? { confirmation: confirmed } : {}),
          },
          { store: options.store, logger, now: options.now },
        );
        return scrubber.value(result);
      } catch (error) {
        if (!(error instanceof ConfirmationExceeded)) throw error;
        logger.warn('refused', {
          code: 'production.confirmation-exceeded',
          path: pathOf(request),
          user: identity.name,
        });
        return sendError(
          reply,
          409,
          'production.confirmation-exceeded',
          `the user confirmed ${error.confirmed} rows for Kiva ${env}; this would make ${error.requested}`,
          { env, confirmed: error.confirmed, requested: error.requested },
        );
      }
    });

  // period: the pane's reconcile before Check and Send — which of its rows' guard keys (src/app/guard-keys.ts) the
  // ledger knows, and how: one request per sheet, one query. Read-only: nothing is reserved or recorded.
  app.post('/api/ledger/lookup', async (request, reply) => {
    const body = v.safeParse(ledgerLookupRequest, request.body);
    if (!body.success) return sendError(reply, 400, 'request.invalid', describeIssues(body.issues));
    const { env, keys } = body.output;
    const found = await options.store.lookup(env, keys);
    const entries = [...found.values()].map((entry) => ({
      key: entry.guardKey,
      outcome: entry.state === 'sent' || entry.state === 'warned' ? 'accepted' : entry.state,
      sentAt: entry.sentAt,
      sentBy: personOf(entry.sentBy),
      environment: env,
      contentHash: entry.contentHash,
      ...(entry.reference !== undefined ? { reference: entry.reference } : {}),
      ...(entry.summary !== undefined ? { summary: entry.summary } : {}),
    }));
    return scrubber.value({ entries });
  });

  submitRoute('/api/submit/loan-drafts', loanDraftsRequest, loanDraftPlan);
  submitRoute('/api/submit/repayments', repaymentsRequest, repaymentPlan(config.timeZone));
  submitRoute('/api/submit/journals', journalsRequest, journalPlan);
}

interface SubmitBody<Item> {
  env: KivaEnvironmentName;
  force: boolean;
  period?: string | undefined;
  confirmation?: { env: KivaEnvironmentName; rows: number; id: string } | undefined;
  items: Item[];
}

/** What an environment would use if configured: the pane shows it next to "not configured". */
function presetUrls(config: ServerConfig, name: KivaEnvironmentName) {
  const overrides = config.environments.find((candidate) => candidate.name === name)?.urls;
  const resolved = resolveEnvironment({ name, ...overrides });
  return resolved.ok ? resolved.value : undefined;
}

/** The path without its query: search terms may name borrowers, and logs keep no personal data they need not. */
export function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/**
 * How this server cuts the requests it sends to Kiva (KIVA_SHEETS_REPAYMENTS_PER_CALL, KIVA_SHEETS_JOURNAL_VARIANT),
 * published in /api/session so the pane's preview shows the bodies that will really be posted (src/app KivaBatching).
 */
function batchingOf(connection: KivaConnection) {
  return {
    repaymentsPerCall: connection.settings.repaymentChunkSize,
    journalsPerCall: connection.settings.journals.batchSize,
    // The route that worked last (when remembered): the body the next send will really post.
    journalsBody: connection.journalRoute().variant.body,
  };
}
