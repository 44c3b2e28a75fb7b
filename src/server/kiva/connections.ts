import pLimit from 'p-limit';
import {
  createKivaClient,
  createTokenService,
  describeKivaError,
  resolveEnvironment,
  type ClientSettingsInput,
  type KivaClient,
  type KivaEnvironment,
  type JournalRouteMemory,
  type JournalVariant,
  type KivaError,
  type KivaLogRecord,
  type KivaLogSink,
  type KivaRuntime,
  type TokenService,
} from '../../kiva';
import type { EnvironmentConfig, KivaEnvironmentName } from '../config/types';
import type { ServerLogger } from '../logger';
import type { Scrubber } from '../redaction';

export interface TokenStatus {
  partnerId?: string;
  scopes?: readonly string[];
  tokenExpiresAt?: string;
  tokenError?: { code: string; message: string };
}

/** Everything the server holds for one configured Kiva environment. */
export interface KivaConnection {
  readonly name: KivaEnvironmentName;
  readonly environment: KivaEnvironment;
  readonly tokens: TokenService;
  /**
   * Every request toward this environment takes one slot, whichever /api call it serves: the bound on Kiva's load
   * holds however many users send at once.
   */
  readonly gate: pLimit.Limit;
  readonly settings: KivaClient['settings'];
  /** The journal route tried first (remembered, else configured): the pane's preview shows that body shape. */
  journalRoute(): { variant: JournalVariant; known: boolean };
  /** A client for one unit of work (one Kiva request and its retries), whose log records go to `onRequest`. */
  client(onRequest?: KivaLogSink): KivaClient;
  /** The token status once the token in hand is current, or once `waitMs` has passed (Kiva may be down). */
  status(waitMs?: number): Promise<TokenStatus>;
  stop(): void;
}

export interface ConnectionDeps {
  runtime: KivaRuntime;
  logger: ServerLogger;
  scrubber: Scrubber;
  concurrency: number;
  settings: ClientSettingsInput;
  /** Shared by every client of every connection, so a route found once is used first by all. */
  journalRoutes?: JournalRouteMemory;
}

export function connect(config: EnvironmentConfig, deps: ConnectionDeps): KivaConnection | undefined {
  if (!config.credentials) return undefined;
  const resolved = resolveEnvironment({ name: config.name, ...config.urls });
  // The config loader already refused bad URLs; this is the type system's way of knowing.
  if (!resolved.ok) throw new Error(`invalid ${config.name} environment: ${resolved.error.code}`);
  const environment: KivaEnvironment = resolved.value;
  const logKiva = (record: KivaLogRecord): void =>
    deps.logger.info('kiva', {
      env: config.name,
      op: record.operation,
      method: record.method,
      endpoint: record.endpoint,
      status: record.status,
      result: record.result,
      ms: record.durationMs,
      rows: record.rows || undefined,
      message: record.message,
    });
  const tokens = createTokenService({
    environment,
    credentials: config.credentials,
    runtime: deps.runtime,
    ...(config.partnerId !== undefined ? { partnerId: config.partnerId } : {}),
    onRequest: logKiva,
  });
  deps.scrubber.include(tokens.redactor);
  // Each unit of work is one request, so the client's own limit never binds; the gate does.
  const settings: ClientSettingsInput = { ...deps.settings, concurrency: 32 };
  const client = (onRequest?: KivaLogSink): KivaClient =>
    createKivaClient({
      tokens,
      runtime: deps.runtime,
      settings,
      ...(deps.journalRoutes !== undefined ? { journalRoutes: deps.journalRoutes } : {}),
      onRequest: (record) => {
        logKiva(record);
        onRequest?.(record);
      },
    });

  let failure: { error: KivaError; expiresAt: number | undefined } | undefined;
  tokens.startBackgroundRenewal({
    onError: (error) => {
      failure = { error, expiresAt: tokens.describe().expiresAt };
      deps.logger.warn('kiva token renewal failed', {
        env: config.name,
        code: error.code,
        message: describeKivaError(error),
      });
    },
  });

  return {
    name: config.name,
    environment,
    tokens,
    gate: pLimit(deps.concurrency),
    settings: client().settings,
    client,
    journalRoute: () => client().journalRoute(),
    async status(waitMs = 0) {
      if (waitMs > 0) await settledWithin(tokens.getToken(), waitMs);
      const { partnerId, grantedScopes, expiresAt } = tokens.describe();
      // A newer token than the one current at the failure means the failure is over.
      if (failure && expiresAt !== failure.expiresAt) failure = undefined;
      return {
        ...(partnerId !== undefined ? { partnerId } : {}),
        ...(grantedScopes !== undefined ? { scopes: grantedScopes } : {}),
        ...(expiresAt !== undefined ? { tokenExpiresAt: new Date(expiresAt).toISOString() } : {}),
        ...(failure
          ? { tokenError: { code: failure.error.code, message: deps.scrubber.text(describeKivaError(failure.error)) } }
          : {}),
      };
    },
    stop: () => tokens.stopBackgroundRenewal(),
  };
}

function settledWithin(pending: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    void pending.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
