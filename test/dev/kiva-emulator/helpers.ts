import { DEMO_CREDENTIALS, type Emulator } from '../../../dev/kiva-emulator';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown;
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export function tokenForm(emulator: Emulator, credentials: Credentials = DEMO_CREDENTIALS, scope?: string): string {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    audience: emulator.audience,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  });
  if (scope !== undefined) form.set('scope', scope);
  return form.toString();
}

export async function requestToken(
  emulator: Emulator,
  form: string,
  contentType = 'application/x-www-form-urlencoded',
) {
  return answer(
    await fetch(emulator.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Accept: 'application/json' },
      body: form,
    }),
  );
}

export async function getToken(emulator: Emulator, credentials?: Credentials, scope?: string): Promise<string> {
  const reply = await requestToken(emulator, tokenForm(emulator, credentials, scope));
  if (reply.status !== 200) throw new Error(`token request failed: ${reply.status} ${reply.text}`);
  return (reply.json as { access_token: string }).access_token;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON unless it is already a string or a Buffer. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** `path` is relative to the partner API base, e.g. '/v3/partner/145/loans'. */
export async function call(emulator: Emulator, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string') body = options.body;
    // A copy, because fetch's types take only ArrayBuffer-backed views and a Buffer may sit on a shared pool.
    else if (Buffer.isBuffer(options.body)) body = new Uint8Array(options.body);
    else body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  return answer(await fetch(`${emulator.apiBase}${path}`, { method, headers, body, signal: options.signal }));
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const PARTNER = `/v3/partner/${DEMO_CREDENTIALS.partnerId}`;
