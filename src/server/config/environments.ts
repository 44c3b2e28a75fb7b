import { resolveEnvironment } from '../../kiva';
import type { SettingName } from './names';
import type { SettingReader } from './parse';
import { KIVA_ENVIRONMENT_NAMES, type EnvironmentConfig, type KivaEnvironmentName } from './types';

/**
 * The Kiva environments: each with credentials is usable. When `KIVA_SHEETS_ENVIRONMENTS` (or `--env`) names some,
 * only those are, and each named one must have credentials.
 */
export function readEnvironments(settings: SettingReader<SettingName>): EnvironmentConfig[] {
  const chosen = chosenEnvironments(settings);
  return KIVA_ENVIRONMENT_NAMES.map((name) => readEnvironment(settings, name, chosen));
}

function chosenEnvironments(settings: SettingReader<SettingName>): Set<KivaEnvironmentName> | undefined {
  const listed = settings.list('KIVA_SHEETS_ENVIRONMENTS');
  if (listed.length === 0) return undefined;
  const chosen = new Set<KivaEnvironmentName>();
  for (const name of listed) {
    if (name === 'stage' || name === 'production') chosen.add(name);
    else settings.problem('KIVA_SHEETS_ENVIRONMENTS', `unknown Kiva environment "${name}" (stage or production)`);
  }
  return chosen;
}

function readEnvironment(
  settings: SettingReader<SettingName>,
  name: KivaEnvironmentName,
  chosen: Set<KivaEnvironmentName> | undefined,
): EnvironmentConfig {
  const prefix = name === 'stage' ? 'KIVA_STAGE' : 'KIVA_PRODUCTION';
  const key = (suffix: string) => `${prefix}_${suffix}` as SettingName;
  const clientId = settings.text(key('CLIENT_ID'));
  const clientSecret = settings.text(key('CLIENT_SECRET'));
  const urls = {
    ...optional('tokenUrl', settings.text(key('TOKEN_URL'))),
    ...optional('audience', settings.text(key('AUDIENCE'))),
    ...optional('apiBase', settings.text(key('API_URL'))),
  };
  const partnerId = settings.text(key('PARTNER_ID'));
  const base: EnvironmentConfig = { name, urls, ...(partnerId !== undefined ? { partnerId } : {}) };
  const resolved = resolveEnvironment({ name, ...urls });
  if (!resolved.ok) {
    const field = String(resolved.error.params.field);
    settings.problem(key(URL_SETTING[field] ?? 'API_URL'), 'not a valid http(s) URL');
  }
  const wanted = chosen === undefined ? clientId !== undefined || clientSecret !== undefined : chosen.has(name);
  if (!wanted) return base;
  if (clientId === undefined || clientSecret === undefined) {
    settings.problem(
      key(clientId === undefined ? 'CLIENT_ID' : 'CLIENT_SECRET'),
      `${name} needs both ${key('CLIENT_ID')} and ${key('CLIENT_SECRET')} (PA2 → Account → API Access)`,
    );
    return base;
  }
  return { ...base, credentials: { clientId, clientSecret } };
}

const URL_SETTING: Record<string, string> = { tokenUrl: 'TOKEN_URL', audience: 'AUDIENCE', apiBase: 'API_URL' };

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
