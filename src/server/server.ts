import { randomBytes, randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { FetchLike } from '../kiva';
import { createEntraVerifier } from './auth/entra';
import type { Site } from './auth/same-origin';
import type { KivaEnvironmentName, ServerConfig } from './config/types';
import { buildApp, type ServerHooks } from './http/app';
import { describeSite } from './http/site';
import { connect, type KivaConnection } from './kiva/connections';
import { fileRouteMemory, memoryRouteMemory, routesPathBeside } from './kiva/route-memory';
import { serverRuntime } from './kiva/runtime';
import { createLogger, type LogLevel, type ServerLogger } from './logger';
import { createScrubber } from './redaction';
import { openAuditStore } from './store/audit';
import { deploymentFileBeside, loadOrCreateAddinId } from './identity/deployment-id';
import { deploymentKind, displayName } from './identity/manifest';
import { version } from '../../package.json';

export interface ServerDeps {
  /** Toward Kiva (tests wrap it to watch tokens and requests in flight). */
  fetch?: FetchLike;
  now?: () => number;
  /** Where log lines go (default standard output); each line is already scrubbed. */
  log?: (line: string, level: LogLevel) => void;
  /** Default: 32 random bytes, new at every start. */
  runToken?: string;
  hooks?: ServerHooks;
}

export interface RunningServer {
  /** The public URL: written into manifest.xml, the only origin /api accepts. */
  url: string;
  /** Where the socket listens (differs from `url` behind a proxy). */
  listenUrl: string;
  mode: ServerConfig['mode'];
  /** The per-run token the served pages carry (local mode requires it on /api). */
  runToken: string;
  /** The served manifest's `<Id>`, kept in the data folder (src/server/identity). */
  addinId: string;
  logger: ServerLogger;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, deps: ServerDeps = {}): Promise<RunningServer> {
  const now = deps.now ?? Date.now;
  const runToken = deps.runToken ?? randomBytes(32).toString('base64url');
  const scrubber = createScrubber();
  scrubber.addSecret(runToken);
  for (const environment of config.environments) scrubber.addSecret(environment.credentials?.clientSecret);
  const logger = createLogger({ scrub: scrubber.text, ...(deps.log ? { write: deps.log } : {}), now });

  // A database in memory (tests) has no folder to keep an identity in: a new add-in at every start.
  const addinId =
    config.databasePath === ':memory:'
      ? randomUUID()
      : loadOrCreateAddinId(deploymentFileBeside(config.databasePath), now);
  const store = openAuditStore(config.databasePath, now);
  const runtime = serverRuntime(deps.fetch);
  const connections = new Map<KivaEnvironmentName, KivaConnection>();
  const journalRoutes =
    config.databasePath === ':memory:' ? memoryRouteMemory() : fileRouteMemory(routesPathBeside(config.databasePath));
  for (const environment of config.environments) {
    const connection = connect(environment, {
      runtime,
      logger,
      scrubber,
      concurrency: config.limits.kivaConcurrency,
      settings: config.kiva,
      journalRoutes,
    });
    if (connection) connections.set(environment.name, connection);
  }
  const stopConnections = () => connections.forEach((connection) => connection.stop());

  let site: Site | undefined;
  try {
    const app = await buildApp({
      config,
      logger,
      scrubber,
      store,
      connections,
      runToken,
      site: () => site,
      ...(config.entra ? { verifier: createEntraVerifier(config.entra) } : {}),
      localAccount: localAccount(),
      now,
      startedAt: now(),
      version,
      hooks: deps.hooks ?? {},
      addinId,
    });
    await app.listen({ host: config.host, port: config.port });
    const { port } = app.server.address() as AddressInfo;
    site = describeSite(config, port);
    const scheme = config.tls ? 'https' : 'http';
    const listenHost = config.host.includes(':') ? `[${config.host}]` : config.host;
    const listenUrl = `${scheme}://${listenHost}:${port}`;
    announce(logger, config, site.publicUrl, listenUrl, [...connections.keys()]);
    logger.info('add-in', {
      id: addinId,
      name: displayName('Kiva Sheets', deploymentKind(config.environments), 'en'),
      manifest: `${site.publicUrl}/manifest.xml`,
    });
    return {
      url: site.publicUrl,
      listenUrl,
      mode: config.mode,
      runToken,
      addinId,
      logger,
      close: async () => {
        stopConnections();
        await app.close();
        store.close();
      },
    };
  } catch (error) {
    stopConnections();
    store.close();
    throw error;
  }
}

function announce(
  logger: ServerLogger,
  config: ServerConfig,
  publicUrl: string,
  listenUrl: string,
  environments: string[],
): void {
  logger.info('Kiva Sheets server started', { url: publicUrl, listening: listenUrl, mode: config.mode });
  if (config.mode === 'local') {
    logger.info(
      'local mode: no Entra tenant configured, so the server listens on this computer only and /api answers only the task pane it served',
    );
  } else {
    logger.info('Entra mode: /api needs a Microsoft sign-in from an allowed user', { tenant: config.entra?.tenantId });
  }
  logger.info('Kiva environments', { configured: environments.join(',') || 'none' });
  logger.info('audit log', { database: config.databasePath });
}

function localAccount(): string {
  try {
    return userInfo().username || 'local';
  } catch {
    return 'local';
  }
}
