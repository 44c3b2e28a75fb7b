import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { FetchLike } from '../kiva';
import { createEntraVerifier } from './auth/entra';
import { createLocalCallerCheck } from './auth/local-caller';
import { createPairing } from './auth/pairing';
import { procNetOwnerLookup, type OwnerLookup } from './auth/socket-owner';
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
  /**
   * Who owns a loopback connection (local mode). Default: /proc/net/tcp on Linux (unless KIVA_SHEETS_LOCAL_AUTH is
   * `pairing`), none elsewhere; `null` turns it off (tests of pairing).
   */
  ownerLookup?: OwnerLookup | null;
  /** The server's own uid (default process.getuid()). */
  uid?: number;
  hooks?: ServerHooks;
}

export interface RunningServer {
  /** The public URL: written into manifest.xml, the only origin /api accepts. */
  url: string;
  /** Where the socket listens (differs from `url` behind a proxy). */
  listenUrl: string;
  mode: ServerConfig['mode'];
  /** Local mode: how a connection is proven to be the server's own account. */
  localAuth?: 'os-user' | 'pairing';
  /** The served manifest's `<Id>`, kept in the data folder (src/server/identity). */
  addinId: string;
  logger: ServerLogger;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, deps: ServerDeps = {}): Promise<RunningServer> {
  const now = deps.now ?? Date.now;
  const scrubber = createScrubber();
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

  const pairing = createPairing({
    keys: store.pairingKeys,
    // Straight to the console: the one place only the server's own account sees.
    show: (code) => logger.info(`pairing code for a task pane: ${code}`, { note: 'enter it in the pane once' }),
    now,
  });
  const lookup =
    deps.ownerLookup === null || config.localAuth === 'pairing'
      ? undefined
      : (deps.ownerLookup ?? procNetOwnerLookup());
  const uid = deps.uid ?? process.getuid?.();
  const localCaller =
    config.mode === 'local'
      ? createLocalCallerCheck({
          lookup,
          uid,
          pairing,
          onUnknownOwner: (reason) => logger.warn('could not tell which account opened a connection', { reason }),
        })
      : undefined;

  let site: Site | undefined;
  try {
    const app = await buildApp({
      config,
      logger,
      scrubber,
      store,
      connections,
      ...(localCaller ? { localCaller, pairing } : {}),
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
    const localAuth = config.mode === 'local' ? (lookup && uid !== undefined ? 'os-user' : 'pairing') : undefined;
    announce(logger, config, site.publicUrl, listenUrl, [...connections.keys()], localAuth);
    logger.info('add-in', {
      id: addinId,
      name: displayName('Kiva Sheets', deploymentKind(config.environments), 'en'),
      manifest: `${site.publicUrl}/manifest.xml`,
    });
    if (localAuth === 'pairing') pairing.announce();
    return {
      url: site.publicUrl,
      listenUrl,
      mode: config.mode,
      ...(localAuth ? { localAuth } : {}),
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
  localAuth: 'os-user' | 'pairing' | undefined,
): void {
  logger.info('Kiva Sheets server started', { url: publicUrl, listening: listenUrl, mode: config.mode });
  if (localAuth === 'os-user') {
    logger.info(
      `local mode: listens on 127.0.0.1 only, and /api answers only programs of the account ${localAccount()} on this computer (each connection's owner is checked in /proc/net/tcp); other accounts of this computer are refused; pages carry no key`,
    );
  } else if (localAuth === 'pairing') {
    logger.info(
      'local mode: listens on 127.0.0.1 only; this system does not say which account opens a connection, so /api answers only task panes paired once with the code shown below (in this window only)',
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
