/**
 * The server under test over real HTTP on loopback, with the Kiva emulator behind it. Everything a secret could leak
 * into is kept: every answer the server gave, every log line, the audit database; and every access token the
 * emulator issued is captured on the way, so the tests can look for them.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CREDENTIALS, startEmulator, type Emulator, type EmulatorOptions } from '../../dev/kiva-emulator';
import type { FetchLike } from '../../src/kiva';
import {
  loadServerConfig,
  PAIRING_KEY_HEADER,
  startServer,
  type RunningServer,
  type ServerConfig,
  type ServerDeps,
  type SettingValues,
} from '../../src/server';
import { send, type Answer, type RequestOptions } from './http-client';

export interface HarnessOptions {
  settings?: SettingValues;
  emulator?: EmulatorOptions;
  deps?: Omit<ServerDeps, 'fetch' | 'log'>;
  /** Folders served in place of the repository's (a test's own assets/ with fixtures in it). */
  paths?: Partial<ServerConfig['paths']>;
  /** Take over a stopped harness's emulator, folder and records: a restart on the same database. */
  reuse?: Harness;
}

export interface Harness {
  emulator: Emulator;
  server: RunningServer;
  config: ServerConfig;
  dir: string;
  databasePath: string;
  logs: string[];
  /** Every answer the server gave: status line headers and body. */
  answers: string[];
  /** Every access token the emulator handed to the server. */
  issuedTokens: string[];
  kivaInFlight: { now: number; max: number };
  /** A request to the server (from this process: the server's own OS account), with a pairing key when given. */
  api(path: string, options?: RequestOptions & { key?: string }): Promise<Answer>;
  /** Every row of every audit table, as JSON text. */
  auditDump(): string;
  auditRows<T>(sql: string, ...params: unknown[]): T[];
  /** Stops the server only (keeps the emulator and the folder). */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export const TEST_SECRET = DEMO_CREDENTIALS.clientSecret;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = options.reuse?.emulator ?? (await startEmulator(options.emulator));
  const dir = options.reuse?.dir ?? mkdtempSync(join(tmpdir(), 'kiva-sheets-server-'));
  const databasePath = join(dir, 'audit.sqlite');
  const logs: string[] = options.reuse?.logs ?? [];
  const answers: string[] = options.reuse?.answers ?? [];
  const issuedTokens: string[] = options.reuse?.issuedTokens ?? [];
  const kivaInFlight = options.reuse?.kivaInFlight ?? { now: 0, max: 0 };

  const loaded = loadServerConfig({
    env: {
      PORT: '0',
      KIVA_SHEETS_DB: databasePath,
      KIVA_SHEETS_DIST_DIR: join(dir, 'dist'),
      KIVA_SHEETS_RATE_LIMIT: '100000',
      KIVA_SHEETS_TIME_ZONE: 'UTC',
      ...environmentSettings('STAGE', emulator),
      ...environmentSettings('PRODUCTION', emulator),
      ...options.settings,
    },
    homedir: dir,
  });
  if (!loaded.ok) {
    await emulator.close();
    throw new Error(JSON.stringify(loaded.problems));
  }

  const watchingFetch: FetchLike = async (url, init) => {
    kivaInFlight.now += 1;
    kivaInFlight.max = Math.max(kivaInFlight.max, kivaInFlight.now);
    let done = false;
    const finish = () => {
      if (!done) kivaInFlight.now -= 1;
      done = true;
    };
    try {
      const response = await fetch(url, init);
      const text = await response.text().finally(finish);
      if (url === emulator.tokenUrl && response.status === 200) {
        issuedTokens.push((JSON.parse(text) as { access_token: string }).access_token);
      }
      return { status: response.status, headers: response.headers, text: async () => text };
    } catch (error) {
      finish();
      throw error;
    }
  };

  const config: ServerConfig = options.paths
    ? { ...loaded.config, paths: { ...loaded.config.paths, ...options.paths } }
    : loaded.config;
  const server = await startServer(config, {
    ...options.deps,
    fetch: watchingFetch,
    log: (line) => logs.push(line),
  });
  const db = () => new Database(databasePath, { readonly: true, fileMustExist: true });

  return {
    emulator,
    server,
    config,
    dir,
    databasePath,
    logs,
    answers,
    issuedTokens,
    kivaInFlight,
    async api(path, requestOptions = {}) {
      const { key, ...rest } = requestOptions;
      const headers = { ...(key !== undefined ? { [PAIRING_KEY_HEADER]: key } : {}), ...rest.headers };
      const answer = await send(`${server.listenUrl}${path}`, { ...rest, headers });
      answers.push(JSON.stringify(answer.headers), answer.text);
      return answer;
    },
    auditDump() {
      const handle = db();
      try {
        return ['submits', 'items', 'kiva_calls']
          .map((table) => JSON.stringify(handle.prepare(`SELECT * FROM ${table}`).all()))
          .join('\n');
      } finally {
        handle.close();
      }
    },
    auditRows<T>(sql: string, ...params: unknown[]) {
      const handle = db();
      try {
        return handle.prepare(sql).all(...params) as T[];
      } finally {
        handle.close();
      }
    },
    stopServer: () => server.close(),
    async close() {
      await server.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function environmentSettings(prefix: 'STAGE' | 'PRODUCTION', emulator: Emulator): SettingValues {
  return {
    [`KIVA_${prefix}_CLIENT_ID`]: DEMO_CREDENTIALS.clientId,
    [`KIVA_${prefix}_CLIENT_SECRET`]: DEMO_CREDENTIALS.clientSecret,
    [`KIVA_${prefix}_TOKEN_URL`]: emulator.tokenUrl,
    [`KIVA_${prefix}_AUDIENCE`]: emulator.audience,
    [`KIVA_${prefix}_API_URL`]: emulator.apiBase,
  };
}

/** Fails with the first place a secret shows up, so the message says where to look. */
export function expectNoSecrets(harness: Harness, extra: readonly string[] = []): void {
  const secrets = [TEST_SECRET, ...harness.issuedTokens, ...extra];
  expect(harness.issuedTokens.length).toBeGreaterThan(0);
  const places: [string, string][] = [
    ['answers', harness.answers.join('\n')],
    ['logs', harness.logs.join('\n')],
    ['audit', harness.auditDump()],
  ];
  for (const [place, text] of places) {
    for (const secret of secrets) {
      if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 6)}…) appears in ${place}`);
    }
  }
}
