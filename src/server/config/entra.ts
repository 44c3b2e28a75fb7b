import type { SettingName } from './names';
import type { SettingReader } from './parse';
import type { EntraConfig, ListedUser } from './types';

/** Undefined without a tenant: the server then runs in local mode. */
export function readEntra(settings: SettingReader<SettingName>): EntraConfig | undefined {
  const tenantId = settings.text('KIVA_SHEETS_ENTRA_TENANT_ID');
  if (tenantId === undefined) return undefined;
  const audiences = settings.list('KIVA_SHEETS_ENTRA_AUDIENCE');
  if (audiences.length === 0) {
    settings.problem(
      'KIVA_SHEETS_ENTRA_AUDIENCE',
      "a tenant needs the server app registration's client id and/or application ID URI as audience",
    );
  }
  const issuers = settings.list('KIVA_SHEETS_ENTRA_ISSUER');
  const pane = readPaneSignIn(settings, tenantId, audiences);
  const config: EntraConfig = {
    tenantId,
    audiences,
    // Entra issues v2.0 tokens or, for apps still on v1, tokens from sts.windows.net.
    issuers:
      issuers.length > 0
        ? issuers
        : [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`],
    jwksUrl:
      settings.text('KIVA_SHEETS_ENTRA_JWKS_URL') ??
      `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`,
    allowedUsers: readUsers(settings, 'KIVA_SHEETS_ALLOWED_USERS'),
    allowedGroups: settings.list('KIVA_SHEETS_ALLOWED_GROUPS'),
    productionUsers: readUsers(settings, 'KIVA_SHEETS_PRODUCTION_USERS'),
    productionGroups: settings.list('KIVA_SHEETS_PRODUCTION_GROUPS'),
    pane,
    // `api://…/access_as_user` is asked for; the token's `scp` says `access_as_user`.
    requiredScopes: pane.scopes.map((scope) => scope.slice(scope.lastIndexOf('/') + 1)).filter((name) => name !== ''),
  };
  if (!isHttpUrl(config.jwksUrl)) settings.problem('KIVA_SHEETS_ENTRA_JWKS_URL', 'not a valid http(s) URL');
  // Every member of a tenant can get a token for the app: without a list, anyone in the tenant could send.
  if (config.allowedUsers.length === 0 && config.allowedGroups.length === 0) {
    settings.problem(
      'KIVA_SHEETS_ALLOWED_USERS',
      'with an Entra tenant, set KIVA_SHEETS_ALLOWED_USERS and/or KIVA_SHEETS_ALLOWED_GROUPS',
    );
  }
  return config;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LISTED_USER = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\s+\((.+)\))?$/i;

/**
 * Users are listed by object id, the one claim a user cannot choose: a guest's `email` / `upn` / `preferred_username`
 * come from their own directory. A name may follow in brackets, for the audit log and the messages.
 */
function readUsers(
  settings: SettingReader<SettingName>,
  name: 'KIVA_SHEETS_ALLOWED_USERS' | 'KIVA_SHEETS_PRODUCTION_USERS',
) {
  const users: ListedUser[] = [];
  for (const entry of settings.entries(name)) {
    const match = LISTED_USER.exec(entry.trim());
    if (!match?.[1]) {
      settings.problem(
        name,
        `"${entry}" is not an object id. List each user by the Object ID Entra shows for them (Microsoft Entra admin ` +
          'center → Users → the user), optionally followed by a name for the audit log: ' +
          '"00000000-0000-0000-0000-000000000000 (ana@partner.org)". Names and e-mail addresses are not accepted: a ' +
          "guest's sign-in can carry anyone's address",
      );
      continue;
    }
    const label = match[2]?.trim();
    users.push({ oid: match[1].toLowerCase(), ...(label ? { label } : {}) });
  }
  return users;
}

/**
 * The pane signs in as the add-in's app registration and asks for this server's scope. With one registration for
 * both (the usual set-up) the defaults follow from the audience: its client id, and `<application ID URI>/access_as_user`.
 */
function readPaneSignIn(
  settings: SettingReader<SettingName>,
  tenantId: string,
  audiences: readonly string[],
): EntraConfig['pane'] {
  const clientId = settings.text('KIVA_SHEETS_ENTRA_PANE_CLIENT_ID') ?? audiences.find((a) => GUID.test(a)) ?? '';
  if (audiences.length > 0 && !GUID.test(clientId)) {
    settings.problem(
      'KIVA_SHEETS_ENTRA_PANE_CLIENT_ID',
      "the task pane's app registration client id (a GUID): set it, or list the client id in KIVA_SHEETS_ENTRA_AUDIENCE",
    );
  }
  const scopes = settings.list('KIVA_SHEETS_ENTRA_SCOPES');
  const apiUri = audiences.find((a) => !GUID.test(a)) ?? `api://${clientId}`;
  return {
    clientId,
    authority: `https://login.microsoftonline.com/${tenantId}`,
    scopes: scopes.length > 0 ? scopes : [`${apiUri}/access_as_user`],
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
