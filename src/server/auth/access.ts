import type { EntraConfig, KivaEnvironmentName, ListedUser } from '../config/types';
import type { Identity } from './identity';

/**
 * Allow-lists match a user by Entra object id, or by any of the user's groups (ids from the token's `groups` claim,
 * which Entra fills from the directory). Display names never decide (docs/server.md, Threat model).
 */
export function isListed(identity: Identity, users: readonly ListedUser[], groups: readonly string[]): boolean {
  const id = identity.id.toLowerCase();
  if (users.some((user) => user.oid === id)) return true;
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

/** The name an admin gave this object id in a list, if any: the audit log prefers it to the token's own claims. */
export function listedLabel(oid: string, entra: EntraConfig): string | undefined {
  const id = oid.toLowerCase();
  return [...entra.allowedUsers, ...entra.productionUsers].find((user) => user.oid === id && user.label)?.label;
}
