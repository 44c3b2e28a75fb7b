/** Raw HTTP for tests: node:http lets a test set Host, Origin and Sec-Fetch-Site exactly as a browser would. */
import { request as httpRequest } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  raw?: string | Buffer;
}

export function send(url: string, options: RequestOptions = {}): Promise<Answer> {
  const body =
    options.raw !== undefined
      ? Buffer.from(options.raw)
      : options.body !== undefined
        ? Buffer.from(JSON.stringify(options.body))
        : undefined;
  const headers: Record<string, string> = {
    ...(body !== undefined && options.raw === undefined ? { 'content-type': 'application/json' } : {}),
    ...(body !== undefined ? { 'content-length': String(body.length) } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? (body ? 'POST' : 'GET'), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
