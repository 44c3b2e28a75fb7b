import type { IncomingHttpHeaders } from 'node:http';

/** Where the server is reached: its public origin and, in local mode, the loopback names for the same port. */
export interface Site {
  publicUrl: string;
  origins: ReadonlySet<string>;
  /** Accepted Host headers; undefined when any is (behind a proxy, the public name may vary). */
  hosts?: ReadonlySet<string>;
}

export type Refusal = { status: 401 | 403 | 421; code: string; message: string };

/**
 * A page on another site must not drive /api with the user's browser. Browsers say where a request comes from
 * (`Sec-Fetch-Site`, `Origin`); a request that names another origin is refused. Requests without either (curl, the
 * CLI) pass this check and meet the caller checks after it.
 */
export function checkSameOrigin(headers: IncomingHttpHeaders, site: Site): Refusal | undefined {
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return { status: 403, code: 'auth.cross-site', message: 'requests from other sites are refused' };
  }
  const origin = headers.origin;
  if (origin !== undefined && !site.origins.has(origin)) {
    return { status: 403, code: 'auth.cross-site', message: `requests from ${origin} are refused` };
  }
  return undefined;
}

/**
 * A name that resolves to 127.0.0.1 (DNS rebinding) would make a foreign page same-origin with us: in local mode
 * only our own host names are answered.
 */
export function checkHost(headers: IncomingHttpHeaders, site: Site): Refusal | undefined {
  if (!site.hosts) return undefined;
  const host = headers.host?.toLowerCase();
  if (host !== undefined && site.hosts.has(host)) return undefined;
  return { status: 421, code: 'request.wrong-host', message: 'this server answers only to its own address' };
}
