/**
 * Every setting is named like its environment variable; the config file is a JSON object with the same names, so
 * one table documents both. Environment variables win over the file.
 */
export const SETTING_NAMES = [
  'PORT',
  'KIVA_SHEETS_HOST',
  'KIVA_SHEETS_PUBLIC_URL',
  'KIVA_SHEETS_TLS_CERT',
  'KIVA_SHEETS_TLS_KEY',
  'KIVA_SHEETS_BEHIND_PROXY',
  'KIVA_SHEETS_LOCAL_AUTH',
  'KIVA_SHEETS_DB',
  'KIVA_SHEETS_DIST_DIR',
  'KIVA_SHEETS_ENVIRONMENTS',
  'KIVA_STAGE_CLIENT_ID',
  'KIVA_STAGE_CLIENT_SECRET',
  'KIVA_STAGE_TOKEN_URL',
  'KIVA_STAGE_AUDIENCE',
  'KIVA_STAGE_API_URL',
  'KIVA_STAGE_PARTNER_ID',
  'KIVA_PRODUCTION_CLIENT_ID',
  'KIVA_PRODUCTION_CLIENT_SECRET',
  'KIVA_PRODUCTION_TOKEN_URL',
  'KIVA_PRODUCTION_AUDIENCE',
  'KIVA_PRODUCTION_API_URL',
  'KIVA_PRODUCTION_PARTNER_ID',
  'KIVA_SHEETS_ENTRA_TENANT_ID',
  'KIVA_SHEETS_ENTRA_AUDIENCE',
  'KIVA_SHEETS_ENTRA_ISSUER',
  'KIVA_SHEETS_ENTRA_JWKS_URL',
  'KIVA_SHEETS_ENTRA_PANE_CLIENT_ID',
  'KIVA_SHEETS_ENTRA_SCOPES',
  'KIVA_SHEETS_ALLOWED_USERS',
  'KIVA_SHEETS_ALLOWED_GROUPS',
  'KIVA_SHEETS_PRODUCTION_USERS',
  'KIVA_SHEETS_PRODUCTION_GROUPS',
  'KIVA_SHEETS_BODY_LIMIT_MB',
  'KIVA_SHEETS_RATE_LIMIT',
  'KIVA_SHEETS_KIVA_CONCURRENCY',
  'KIVA_SHEETS_KIVA_TIMEOUT_MS',
  'KIVA_SHEETS_REPAYMENTS_PER_CALL',
  'KIVA_SHEETS_JOURNAL_VARIANT',
  'KIVA_SHEETS_TIME_ZONE',
] as const;

export type SettingName = (typeof SETTING_NAMES)[number];

/** Not a setting itself: where the settings file is (also `--config`). */
export const CONFIG_FILE_VARIABLE = 'KIVA_SHEETS_CONFIG';

export type SettingValues = Partial<Record<SettingName, string>>;

const KNOWN: ReadonlySet<string> = new Set(SETTING_NAMES);

export function isSettingName(name: string): name is SettingName {
  return KNOWN.has(name);
}

/** The settings present in an environment (empty values count as unset, as shells often export them so). */
export function settingsFromEnvironment(env: Readonly<Record<string, string | undefined>>): SettingValues {
  const values: SettingValues = {};
  for (const name of SETTING_NAMES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') values[name] = value;
  }
  return values;
}
