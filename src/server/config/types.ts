import type { ClientCredentials, ClientSettingsInput, EnvironmentUrls } from '../../kiva';

export type KivaEnvironmentName = 'stage' | 'production';
export const KIVA_ENVIRONMENT_NAMES: readonly KivaEnvironmentName[] = ['stage', 'production'];

/** One Kiva environment the server may call; `credentials` absent means it is listed but not usable. */
export interface EnvironmentConfig {
  name: KivaEnvironmentName;
  credentials?: ClientCredentials;
  /** Overrides of the preset token URL, audience and API base (Kiva's sources disagree on each). */
  urls: Partial<EnvironmentUrls>;
  /** Only used when Kiva's token answer carries no partnerId. */
  partnerId?: string;
}

/** Who may call /api when the server is shared: a Microsoft Entra ID tenant and allow-lists. */
export interface EntraConfig {
  tenantId: string;
  /** Accepted `aud` values: the app registration's client id and/or its application ID URI. */
  audiences: string[];
  issuers: string[];
  jwksUrl: string;
  /**
   * Users by Entra object id (`oid`), each with an optional label the audit log shows. Never names: `email`,
   * `upn`, `unique_name` and `preferred_username` are whatever a guest's home directory says (docs/server.md).
   */
  allowedUsers: ListedUser[];
  /** Group object ids, matched against the token's `groups` claim. */
  allowedGroups: string[];
  /** When either list is set, production submits need a match here as well. */
  productionUsers: ListedUser[];
  productionGroups: string[];
  /** What the task pane's msal-browser needs to ask for a token for this server (written into the pages served). */
  pane: { clientId: string; authority: string; scopes: string[] };
  /** Delegated scope names a token's `scp` must hold: the pane's scopes without their application ID URI. */
  requiredScopes: string[];
}

/** An allow-list entry: `<object id>` or `<object id> (<label>)`. */
export interface ListedUser {
  /** Lower case. */
  oid: string;
  label?: string;
}

export interface ServerLimits {
  bodyBytes: number;
  requestsPerMinute: number;
  /** Requests in flight toward Kiva per environment, shared by every /api call. */
  kivaConcurrency: number;
}

export interface ServerPaths {
  /** The built task pane (another issue builds it); served when present. */
  dist: string;
  assets: string;
  manifest: string;
}

export interface ServerConfig {
  mode: 'local' | 'entra';
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Written into manifest.xml and used as the only accepted Origin; derived from host and port when absent. */
  publicUrl?: string;
  tls?: { cert: string; key: string };
  /** Plain HTTP on a non-loopback address, for a reverse proxy that terminates TLS. */
  behindProxy: boolean;
  /**
   * Local mode: `auto` binds each connection to its OS account where the platform tells (Linux), pairing otherwise;
   * `pairing` always pairs (KIVA_SHEETS_LOCAL_AUTH).
   */
  localAuth: 'auto' | 'pairing';
  databasePath: string;
  environments: EnvironmentConfig[];
  entra?: EntraConfig;
  limits: ServerLimits;
  kiva: ClientSettingsInput;
  /** Repayments are guarded per calendar month in this time zone. */
  timeZone: string;
  paths: ServerPaths;
}

export interface ConfigProblem {
  /** The setting, as named in the environment variable or config file. */
  setting: string;
  message: string;
}
