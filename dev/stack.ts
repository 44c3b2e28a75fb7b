/**
 * The product on one machine with nothing from Kiva: the local Kiva emulator standing in for Kiva stage (and,
 * when asked, a second one standing in for production) and the Kiva Sheets server in local mode against it with
 * the emulator's demo credentials. `npm start` runs it; the browser tests start one per suite on free ports.
 */
import { DEMO_CREDENTIALS, startEmulator, type Emulator, type EmulatorOptions } from './kiva-emulator';
import {
  loadServerConfig,
  startServer,
  type LogLevel,
  type RunningServer,
  type ServerConfig,
  type ServerHooks,
  type SettingValues,
} from '../src/server';

export interface LocalStackOptions {
  /** Server port (0: a free one). */
  port: number;
  /** Stage emulator port (0: a free one). */
  emulatorPort?: number;
  /** The audit log: never the real one, or loans sent to the emulator would hold back real stage sends. */
  databasePath: string;
  /** Also a `production` environment, backed by an emulator of its own. */
  production?: boolean;
  /** Latency, faults… for both emulators. */
  emulator?: Omit<EmulatorOptions, 'port'>;
  hooks?: ServerHooks;
  /** What a local demo may take from its environment (HOME, TLS files); never credentials or a tenant. */
  settings?: Readonly<Record<string, string | undefined>>;
  /** Where the server's log lines go (default: standard output). */
  log?: (line: string, level: LogLevel) => void;
}

export interface LocalStack {
  server: RunningServer;
  config: ServerConfig;
  stage: Emulator;
  production?: Emulator;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stage = await startEmulator({ ...options.emulator, port: options.emulatorPort ?? 0 });
  const production = options.production ? await startEmulator({ ...options.emulator, port: 0 }) : undefined;
  const closeEmulators = () => Promise.allSettled([stage.close(), production?.close()]);
  const loaded = loadServerConfig({
    env: {
      ...options.settings,
      PORT: String(options.port),
      KIVA_SHEETS_DB: options.databasePath,
      KIVA_SHEETS_ENVIRONMENTS: production ? 'stage,production' : 'stage',
      ...emulatorSettings('STAGE', stage),
      ...(production ? emulatorSettings('PRODUCTION', production) : {}),
    },
    configFile: undefined,
  });
  if (!loaded.ok) {
    await closeEmulators();
    throw new Error(loaded.problems.map((problem) => `${problem.setting}: ${problem.message}`).join('\n'));
  }
  let server: RunningServer;
  try {
    server = await startServer(loaded.config, {
      ...(options.hooks ? { hooks: options.hooks } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    await closeEmulators();
    throw error;
  }
  return {
    server,
    config: loaded.config,
    stage,
    ...(production ? { production } : {}),
    async close() {
      await server.close();
      await closeEmulators();
    },
  };
}

function emulatorSettings(prefix: 'STAGE' | 'PRODUCTION', emulator: Emulator): SettingValues {
  return {
    [`KIVA_${prefix}_CLIENT_ID`]: DEMO_CREDENTIALS.clientId,
    [`KIVA_${prefix}_CLIENT_SECRET`]: DEMO_CREDENTIALS.clientSecret,
    [`KIVA_${prefix}_TOKEN_URL`]: emulator.tokenUrl,
    [`KIVA_${prefix}_AUDIENCE`]: emulator.audience,
    [`KIVA_${prefix}_API_URL`]: emulator.apiBase,
  };
}
