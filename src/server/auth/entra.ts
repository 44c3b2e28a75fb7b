import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { EntraConfig } from '../config/types';
import type { Identity } from './identity';

export type Verification = { ok: true; identity: Identity } | { ok: false; reason: string };

export type TokenVerifier = (authorization: string | undefined) => Promise<Verification>;

/**
 * Checks a Microsoft Entra access token for this server's app registration: signature against the tenant's JWKS
 * (fetched once, then cached and refreshed by jose when an unknown key id shows up), issuer, audience, expiry and
 * tenant. Only RS256 is accepted, so neither `alg: none` nor a key-confusion HMAC token can pass.
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
        requiredClaims: ['exp', 'iat'],
        clockTolerance: 60,
      });
      if (payload.tid !== config.tenantId) return { ok: false, reason: 'token from another tenant' };
      const identity = identityOf(payload);
      return identity ? { ok: true, identity } : { ok: false, reason: 'token names no user' };
    } catch (error) {
      return { ok: false, reason: describe(error) };
    }
  };
}

function identityOf(payload: JWTPayload): Identity | undefined {
  const id = text(payload.oid) ?? text(payload.sub);
  if (id === undefined) return undefined;
  const name =
    text(payload.preferred_username) ?? text(payload.upn) ?? text(payload.email) ?? text(payload.unique_name);
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
