import { AccessToken } from './access-token';
import { asNumber, asString, isRecord, snakeKeys, type WireBody } from './wire';

export interface KivaToken {
  readonly accessToken: AccessToken;
  /** From the token answer: it goes into every API path. */
  readonly partnerId: string;
  /** What Kiva granted (its `scope` answer); undefined when it did not say. */
  readonly grantedScopes?: readonly string[];
  readonly obtainedAt: number;
  readonly expiresAt: number;
  /** When the service stops handing this token out and gets a new one. */
  readonly renewAt: number;
}

export type TokenAnswer =
  | { ok: true; rawToken: string; partnerId?: string; grantedScopes?: string[]; lifetimeMs?: number; expMs?: number }
  | { ok: false; detail: string };

/** Reads Kiva's token answer in either casing; `exp` and `partnerId` may also come from the JWT itself. */
export function readTokenAnswer(body: WireBody): TokenAnswer {
  if (body.kind !== 'json') return { ok: false, detail: 'not JSON' };
  const answer = snakeKeys(body.value);
  if (!isRecord(answer)) return { ok: false, detail: 'not an object' };
  const rawToken = asString(answer.access_token);
  if (rawToken === undefined || rawToken === '') return { ok: false, detail: 'no access_token' };
  const claims = jwtClaims(rawToken);
  const expiresIn = asNumber(answer.expires_in);
  const exp = asNumber(claims?.exp);
  const partnerId = asString(answer.partner_id) ?? asString(claims?.partner_id);
  const grantedScopes = readScopes(answer.scope);
  return {
    ok: true,
    rawToken,
    ...(partnerId !== undefined && partnerId !== '' ? { partnerId } : {}),
    ...(grantedScopes !== undefined ? { grantedScopes } : {}),
    ...(expiresIn !== undefined && expiresIn > 0 ? { lifetimeMs: expiresIn * 1000 } : {}),
    ...(exp !== undefined ? { expMs: exp * 1000 } : {}),
  };
}

function readScopes(scope: unknown): string[] | undefined {
  if (typeof scope === 'string') return scope.split(/\s+/).filter(Boolean);
  if (Array.isArray(scope)) return scope.map(asString).filter((s): s is string => s !== undefined);
  return undefined;
}

function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(base64), (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    const claims = snakeKeys(JSON.parse(json));
    return isRecord(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}

export interface TokenTiming {
  obtainedAt: number;
  expiresAt: number;
  renewAt: number;
}

/** Without any lifetime in the answer, assume an hour rather than Kiva's usual twelve: renewing early is harmless. */
const ASSUMED_LIFETIME_MS = 3_600_000;

/**
 * Renew `marginMs` before expiry. A token too short-lived for that margin (an emulator's, say) is used for half its
 * life instead of never.
 */
export function tokenTiming(
  requestedAt: number,
  answer: { lifetimeMs?: number; expMs?: number },
  marginMs: number,
): TokenTiming {
  const candidates = [
    answer.lifetimeMs !== undefined ? requestedAt + answer.lifetimeMs : undefined,
    // An `exp` already past means our clock and Kiva's disagree; `expires_in` is relative and still holds.
    answer.expMs !== undefined && answer.expMs > requestedAt ? answer.expMs : undefined,
  ].filter((at): at is number => at !== undefined);
  const expiresAt = candidates.length > 0 ? Math.min(...candidates) : requestedAt + ASSUMED_LIFETIME_MS;
  const lifetime = expiresAt - requestedAt;
  const renewAt = lifetime >= 2 * marginMs ? expiresAt - marginMs : requestedAt + Math.max(0, lifetime) / 2;
  return { obtainedAt: requestedAt, expiresAt, renewAt };
}

export function newToken(
  rawToken: string,
  partnerId: string,
  grantedScopes: string[] | undefined,
  timing: TokenTiming,
): KivaToken {
  return {
    accessToken: new AccessToken(rawToken),
    partnerId,
    ...(grantedScopes !== undefined ? { grantedScopes } : {}),
    ...timing,
  };
}
