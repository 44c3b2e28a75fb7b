import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { EntraConfig } from '../config/types';
import { listedLabel } from './access';
import type { Identity } from './identity';

/** Clocks differ a little between Entra and this server; a token dated further ahead than this is refused. */
export const CLOCK_TOLERANCE_SECONDS = 120;
/** Entra access tokens live 60–90 minutes (up to ~28 h with continuous access evaluation). */
const MAX_TOKEN_AGE_SECONDS = 28 * 60 * 60;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Verification = { ok: true; identity: Identity } | { ok: false; reason: string };

export type TokenVerifier = (authorization: string | undefined) => Promise<Verification>;

/**
 * Checks a Microsoft Entra access token for this server's app registration: signature against the tenant's JWKS
 * (fetched once, then cached and refreshed by jose when an unknown key id shows up), issuer, audience, expiry and
 * tenant. Only RS256 is accepted, so neither `alg: none` nor a key-confusion HMAC token can pass. The token must be
 * delegated (`scp` holding this server's scope: an app-only token has `roles` instead), name its user by object id
 * (`oid`) in this tenant (`tid`), and be dated no later than now (`iat`, `nbf`) within the clock tolerance.
 */
export function createEntraVerifier(config: EntraConfig): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(config.jwksUrl), {
    cacheMaxAge: 60 * 60 * 1000,
    cooldownDuration: 30_000,
    timeoutDuration: 10_000,
  });
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (token === undefined) return { ok: false, reason: 'sign-in required (Authorization: Bearer <token>)' };
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: config.issuers,
        audience: config.audiences,
        requiredClaims: ['exp', 'iat', 'oid', 'tid'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        // Also what makes jose refuse an `iat` in the future.
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      });
      if (payload.tid !== config.tenantId) return { ok: false, reason: 'token from another tenant' };
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : undefined;
      if (scopes === undefined) return { ok: false, reason: 'token is not a user sign-in (no scp claim)' };
      const missing = config.requiredScopes.filter((scope) => !scopes.includes(scope));
      if (missing.length > 0) return { ok: false, reason: `token lacks the scope ${missing.join(' ')}` };
      const identity = identityOf(payload, config);
      return identity ? { ok: true, identity } : { ok: false, reason: 'token names no user (oid)' };
    } catch (error) {
      return { ok: false, reason: describe(error) };
    }
  };
}

/**
 * The user is their object id. The name is for people reading the audit log: the label the admin listed with the id,
 * else what the token says (a guest's home directory decides those claims, so they never decide access).
 */
function identityOf(payload: JWTPayload, config: EntraConfig): Identity | undefined {
  const oid = text(payload.oid);
  if (oid === undefined || !GUID.test(oid)) return undefined;
  const id = oid.toLowerCase();
  const name =
    listedLabel(id, config) ??
    text(payload.preferred_username) ??
    text(payload.upn) ??
    text(payload.email) ??
    text(payload.unique_name) ??
    text(payload.name);
  const groups = Array.isArray(payload.groups) ? payload.groups.filter((group) => typeof group === 'string') : [];
  return { id, name: name ?? id, groups };
}

/** jose's own wording, never the token: its messages name the failed check only. */
function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `token ${error.claim} claim not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'token algorithm not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'token signed with an unknown key';
  if (error instanceof errors.JWKSTimeout) return 'sign-in keys unavailable';
  if (error instanceof errors.JOSEError) return `token invalid (${error.code})`;
  return 'token invalid';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
