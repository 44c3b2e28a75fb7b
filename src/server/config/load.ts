import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import {
  JOURNAL_VARIANTS,
  MAX_REPAYMENTS_PER_CALL,
  type ClientSettingsInput,
  type JournalVariantName,
} from '../../kiva';
import { defaultDatabasePath, type Host } from './data-dir';
import { readEntra } from './entra';
import { readEnvironments } from './environments';
import { checkPrivateFile, readSettingsFile } from './file';
import { CONFIG_FILE_VARIABLE, settingsFromEnvironment, type SettingName, type SettingValues } from './names';
import { packageRoot } from './package-root';
import { isLoopbackHost, isValidTimeZone, SettingReader } from './parse';
import type { ConfigProblem, ServerConfig } from './types';

/** The repository root or the installed package's folder: dist/, assets/ and manifest.xml live there. */
const ROOT = packageRoot(__dirname);

export const DEFAULT_PORT = 3000;
const DEFAULT_BODY_MB = 8;
const DEFAULT_REQUESTS_PER_MINUTE = 300;
const DEFAULT_KIVA_CONCURRENCY = 4;

export interface LoadOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Command-line settings (`--env stage`, `--port`…), already mapped to setting names; they win over everything. */
  overrides?: SettingValues;
  /** Settings file path (`--config`); else KIVA_SHEETS_CONFIG. */
  configFile?: string;
  platform?: NodeJS.Platform;
  homedir?: string;
}

export type LoadResult = { ok: true; config: ServerConfig } | { ok: false; problems: ConfigProblem[] };

/** Environment variables, then the settings file under them, then command-line overrides on top. */
export function loadServerConfig(options: LoadOptions = {}): LoadResult {
  const env = options.env ?? process.env;
  const host: Host = {
    platform: options.platform ?? process.platform,
    env,
    homedir: options.homedir ?? homedir(),
  };
  const filePath = options.configFile ?? env[CONFIG_FILE_VARIABLE];
  const file = filePath ? readSettingsFile(filePath, host.platform) : { values: {}, problems: [] };
  const values: SettingValues = { ...file.values, ...settingsFromEnvironment(env), ...options.overrides };
  const resolved = resolveServerConfig(values, host);
  const problems = [...file.problems, ...resolved.problems];
  return problems.length > 0 || resolved.config === undefined
    ? { ok: false, problems }
    : { ok: true, config: resolved.config };
}

export function resolveServerConfig(
  values: SettingValues,
  host: Host,
): { config?: ServerConfig; problems: ConfigProblem[] } {
  const settings = new SettingReader<SettingName>(values);
  const entra = readEntra(settings);
  const mode = entra ? 'entra' : 'local';
  const tls = readTls(settings, host.platform);
  const listenHost = settings.text('KIVA_SHEETS_HOST') ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0');
  const behindProxy = settings.flag('KIVA_SHEETS_BEHIND_PROXY');
  if (mode === 'local' && !isLoopbackHost(listenHost)) {
    settings.problem(
      'KIVA_SHEETS_HOST',
      'without an Entra tenant (KIVA_SHEETS_ENTRA_TENANT_ID) the server runs in local mode and listens on 127.0.0.1 only',
    );
  }
  if (mode === 'entra' && !tls && !behindProxy && !isLoopbackHost(listenHost)) {
    settings.problem(
      'KIVA_SHEETS_TLS_CERT',
      'sign-in tokens must not cross the network in clear: set KIVA_SHEETS_TLS_CERT and KIVA_SHEETS_TLS_KEY, or KIVA_SHEETS_BEHIND_PROXY=true behind a TLS proxy',
    );
  }
  const localAuth = settings.text('KIVA_SHEETS_LOCAL_AUTH') ?? 'auto';
  if (localAuth !== 'auto' && localAuth !== 'pairing') settings.problem('KIVA_SHEETS_LOCAL_AUTH', 'auto or pairing');
  const journalVariant = settings.text('KIVA_SHEETS_JOURNAL_VARIANT');
  if (journalVariant !== undefined && !(journalVariant in JOURNAL_VARIANTS)) {
    settings.problem('KIVA_SHEETS_JOURNAL_VARIANT', `one of ${Object.keys(JOURNAL_VARIANTS).join(', ')}`);
  }
  const timeZone = settings.text('KIVA_SHEETS_TIME_ZONE') ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!isValidTimeZone(timeZone)) settings.problem('KIVA_SHEETS_TIME_ZONE', `unknown time zone ${timeZone}`);
  const kiva: ClientSettingsInput = {
    timeoutMs: settings.integer('KIVA_SHEETS_KIVA_TIMEOUT_MS', 30_000, 1_000, 600_000),
    repaymentChunkSize: settings.integer('KIVA_SHEETS_REPAYMENTS_PER_CALL', 250, 1, MAX_REPAYMENTS_PER_CALL),
    ...(journalVariant !== undefined && journalVariant in JOURNAL_VARIANTS
      ? { journals: { variant: journalVariant as JournalVariantName } }
      : {}),
  };
  const publicUrl = settings.origin('KIVA_SHEETS_PUBLIC_URL');
  const databasePath = settings.text('KIVA_SHEETS_DB') ?? defaultDatabasePath(host);
  const dist = settings.text('KIVA_SHEETS_DIST_DIR') ?? join(ROOT, 'dist');
  const config: ServerConfig = {
    mode,
    host: listenHost,
    port: settings.integer('PORT', DEFAULT_PORT, 0, 65_535),
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    ...(tls ? { tls } : {}),
    behindProxy,
    localAuth: localAuth === 'pairing' ? 'pairing' : 'auto',
    databasePath: databasePath === ':memory:' || isAbsolute(databasePath) ? databasePath : resolve(databasePath),
    environments: readEnvironments(settings),
    ...(entra ? { entra } : {}),
    limits: {
      bodyBytes: Math.round(settings.number('KIVA_SHEETS_BODY_LIMIT_MB', DEFAULT_BODY_MB, 0.01, 100) * 1024 * 1024),
      requestsPerMinute: settings.integer('KIVA_SHEETS_RATE_LIMIT', DEFAULT_REQUESTS_PER_MINUTE, 1, 1_000_000),
      kivaConcurrency: settings.integer('KIVA_SHEETS_KIVA_CONCURRENCY', DEFAULT_KIVA_CONCURRENCY, 1, 32),
    },
    kiva,
    timeZone,
    paths: { dist: resolve(dist), assets: join(ROOT, 'assets'), manifest: join(ROOT, 'manifest.xml') },
  };
  return { config, problems: settings.problems };
}

/** The key is a secret like the Kiva credentials: the same private-file rule applies to it. */
function readTls(
  settings: SettingReader<SettingName>,
  platform: NodeJS.Platform,
): { cert: string; key: string } | undefined {
  const certFile = settings.text('KIVA_SHEETS_TLS_CERT');
  const keyFile = settings.text('KIVA_SHEETS_TLS_KEY');
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    settings.problem(
      'KIVA_SHEETS_TLS_CERT',
      'HTTPS needs both KIVA_SHEETS_TLS_CERT and KIVA_SHEETS_TLS_KEY (PEM files)',
    );
    return undefined;
  }
  const unsafe = checkPrivateFile(keyFile, 'KIVA_SHEETS_TLS_KEY', platform);
  if (unsafe) {
    settings.problem(unsafe.setting, unsafe.message);
    return undefined;
  }
  try {
    return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    settings.problem('KIVA_SHEETS_TLS_CERT', `cannot read the certificate or key: ${code}`);
    return undefined;
  }
}
