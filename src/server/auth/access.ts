import type { EntraConfig, KivaEnvironmentName } from '../config/types';
import type { Identity } from './identity';

/** Allow-lists match a user by principal name / e-mail (any case) or object id, or by any of the user's groups. */
export function isListed(identity: Identity, users: readonly string[], groups: readonly string[]): boolean {
  const names = new Set([identity.id, identity.name].map((value) => value.toLowerCase()));
  if (users.some((user) => names.has(user.toLowerCase()))) return true;
  const memberOf = new Set(identity.groups.map((group) => group.toLowerCase()));
  return groups.some((group) => memberOf.has(group.toLowerCase()));
}

export function mayUseServer(identity: Identity, entra: EntraConfig): boolean {
  return isListed(identity, entra.allowedUsers, entra.allowedGroups);
}

/** Production may be limited to fewer people than stage; without a production list, the general list decides. */
export function maySubmit(
  identity: Identity,
  environment: KivaEnvironmentName,
  entra: EntraConfig | undefined,
): boolean {
  if (!entra) return true;
  if (!mayUseServer(identity, entra)) return false;
  if (environment !== 'production') return true;
  const restricted = entra.productionUsers.length > 0 || entra.productionGroups.length > 0;
  return !restricted || isListed(identity, entra.productionUsers, entra.productionGroups);
}
