import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Scope } from '../../src/kiva/models';
import { ALL_SCOPES } from './clients';
import { decodeUtf8, jsonReply, mediaType, type Reply } from './http';
import type { EmulatorClient } from './types';

/** Both shapes: Kiva's documented one (arrays, client_id) and the Auth0 default (strings, sub, iat). */
export interface TokenClaims {
  iss: string;
  sub?: string;
  aud: string | string[];
  iat?: number;
  exp: number;
  scope: string | string[];
  client_id?: string;
  partnerId: string;
  jti: string;
}

export type TokenCheck =
  { kind: 'valid'; claims: TokenClaims } | { kind: 'expired'; claims: TokenClaims } | { kind: 'invalid' };

export interface TokenAuthorityOptions {
  clients: EmulatorClient[];
  audience: string;
  issuer: string;
  lifetimeSeconds: number;
  now: () => number;
  shape: 'documented' | 'auth0';
  scopePolicy: 'reject' | 'intersect';
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function oauthError(status: number, error: string, description: string): Reply {
  return jsonReply(status, { error, error_description: description });
}

/** Issues and checks JWT-shaped tokens the way Kiva's Auth0 tenant does for client credentials. */
export class TokenAuthority {
  issued = 0;
  // Per emulator, so a token from another emulator (or a previous run) is unknown here.
  private readonly key = randomBytes(32);
  private readonly live = new Set<string>();
  /** Which client each live token (by jti) was issued to: its PA2 settings (report format) apply to its requests. */
  private readonly clientOfToken = new Map<string, EmulatorClient>();

  constructor(private readonly options: TokenAuthorityOptions) {}

  /** POST /oauth/token. `authorized` says whether the client credentials were accepted. */
  handle(contentType: string | undefined, raw: Buffer): { reply: Reply; authorized: boolean } {
    const deny = (reply: Reply) => ({ reply, authorized: false });
    if (mediaType(contentType) !== 'application/x-www-form-urlencoded') {
      return deny(
        oauthError(415, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded (form fields)'),
      );
    }
    const text = decodeUtf8(raw);
    if (text === undefined) return deny(oauthError(400, 'invalid_request', 'Body is not valid UTF-8'));
    const form = new URLSearchParams(text);
    const grantType = form.get('grant_type');
    if (!grantType) return deny(oauthError(400, 'invalid_request', 'Missing required parameter: grant_type'));
    if (grantType !== 'client_credentials') {
      return deny(oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`));
    }
    const client = this.options.clients.find((c) => c.clientId === form.get('client_id'));
    if (!client || !this.sameSecret(client.clientSecret, form.get('client_secret') ?? '')) {
      return deny(oauthError(401, 'access_denied', 'Unauthorized'));
    }
    const audience = form.get('audience');
    if (audience !== this.options.audience) {
      // What Auth0 (Kiva's token server) answers for an audience it has no API for.
      return deny(oauthError(403, 'access_denied', `Service not found: ${audience ?? '(no audience)'}`));
    }
    const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const lacking = asked.filter((s) => !(client.scopes as string[]).includes(s));
    if (this.options.scopePolicy === 'reject' && lacking.length > 0) {
      return deny(oauthError(400, 'invalid_scope', `Client has not been granted scopes: ${lacking.join(' ')}`));
    }
    const granted = asked.length === 0 ? client.scopes : client.scopes.filter((s) => asked.includes(s));
    return { reply: jsonReply(200, this.issue(client, orderScopes(granted))), authorized: true };
  }

  check(token: string): TokenCheck {
    const [header, payload, signature, ...rest] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined || rest.length > 0) {
      return { kind: 'invalid' };
    }
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const actual = Buffer.from(signature);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { kind: 'invalid' };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    if (!this.live.has(claims.jti)) return { kind: 'invalid' };
    if (claims.exp * 1000 <= this.options.now()) return { kind: 'expired', claims };
    return { kind: 'valid', claims };
  }

  revokeAll(): void {
    this.live.clear();
  }

  clientOf(claims: TokenClaims): EmulatorClient | undefined {
    return this.clientOfToken.get(claims.jti);
  }

  private issue(client: EmulatorClient, scopes: Scope[]) {
    const iat = Math.floor(this.options.now() / 1000);
    const exp = iat + this.options.lifetimeSeconds;
    const jti = randomUUID();
    const claims: TokenClaims =
      this.options.shape === 'documented'
        ? {
            iss: this.options.issuer,
            aud: [this.options.audience],
            exp,
            scope: scopes,
            client_id: client.clientId,
            partnerId: client.partnerId,
            jti,
          }
        : {
            iss: this.options.issuer,
            sub: `${client.clientId}@clients`,
            aud: this.options.audience,
            iat,
            exp,
            scope: scopes.join(' '),
            partnerId: client.partnerId,
            jti,
          };
    const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
    this.live.add(jti);
    this.clientOfToken.set(jti, client);
    this.issued++;
    return {
      access_token: `${unsigned}.${this.sign(unsigned)}`,
      token_type: 'bearer',
      expires_in: this.options.lifetimeSeconds,
      scope: scopes.join(' '),
      iss: claims.iss,
      partnerId: claims.partnerId,
      jti,
    };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  private sameSecret(expected: string, given: string): boolean {
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

/** A fixed order keeps the answer deterministic whatever order the scopes were asked in. */
function orderScopes(scopes: readonly Scope[]): Scope[] {
  return ALL_SCOPES.filter((s) => scopes.includes(s));
}

export function scopesOf(claims: TokenClaims): string[] {
  return Array.isArray(claims.scope) ? claims.scope : claims.scope.split(' ').filter(Boolean);
}
