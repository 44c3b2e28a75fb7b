/** A stand-in for Microsoft Entra ID: its own RSA key, a JWKS served on loopback, tokens signed on demand. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const AUDIENCE = 'api://kiva-sheets-test';
/** The task pane's app registration (msal-browser's client id). */
export const PANE_CLIENT_ID = '0b5e6a9c-3f1d-4c2e-9a7b-5d8e1f2a3b4c';
export const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;

export interface TestIssuer {
  jwksUrl: string;
  /** How many times the server fetched the JWKS. */
  jwksFetches: number;
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

export interface SignOptions {
  issuer?: string;
  audience?: string;
  expiresIn?: string | number;
  /** Sign with a key the JWKS does not hold (same key id). */
  foreignKey?: boolean;
  omitExpiry?: boolean;
  /** `iat` in seconds since the epoch (default now). */
  issuedAt?: number;
  notBefore?: number;
}

/** The delegated scope the pane asks for (`${AUDIENCE}/access_as_user`), as Entra writes it in `scp`. */
export const SCOPE = 'access_as_user';

export async function startIssuer(): Promise<TestIssuer> {
  const kid = 'test-key-1';
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sign = async (claims: JWTPayload, options: SignOptions = {}): Promise<string> => {
    const key: CryptoKey = options.foreignKey ? foreign.privateKey : privateKey;
    let jwt = new SignJWT({ tid: TENANT, scp: SCOPE, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt(options.issuedAt);
    if (options.notBefore !== undefined) jwt = jwt.setNotBefore(options.notBefore);
    if (!options.omitExpiry) jwt = jwt.setExpirationTime(options.expiresIn ?? '10m');
    return jwt.sign(key);
  };

  return {
    jwksUrl: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    get jwksFetches() {
      return fetches;
    },
    sign,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // jose keeps its JWKS connection alive; the test must not wait for it to time out.
        server.closeAllConnections();
      }),
  };
}

/** A token with `alg: none`: claims anyone could write, with no signature at all. */
export function unsignedToken(claims: JWTPayload): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ tid: TENANT, iss: ISSUER, aud: AUDIENCE, scp: SCOPE, iat: now, exp: now + 600, ...claims })}.`;
}
