/**
 * `kiva-sheets-server --health-check`: asks the server that this configuration describes, on this machine, whether
 * it answers `/api/health`. Exit 0 when it does, 1 otherwise. The container's HEALTHCHECK runs it (the slim Node image
 * has no curl), and so can a monitoring script or a systemd unit.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ServerConfig } from './config/types';

export interface HealthAnswer {
  healthy: boolean;
  message: string;
}

/** A wildcard address is reached through the loopback interface of the same family. */
function probeHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '::1';
  return host.replace(/^\[(.*)\]$/, '$1');
}

export function checkHealth(config: ServerConfig, timeoutMs = 4_000): Promise<HealthAnswer> {
  if (config.port === 0) {
    return Promise.resolve({ healthy: false, message: 'PORT=0 picks a free port: there is no known port to ask' });
  }
  const host = probeHost(config.host);
  const request = config.tls ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const finish = (answer: HealthAnswer) => resolve(answer);
    const req = request(
      {
        host,
        port: config.port,
        path: '/api/health',
        method: 'GET',
        // A connection of its own each time: a kept-alive socket to a server that has gone would answer ECONNRESET.
        agent: false,
        // The certificate names the public host, not the loopback address asked here; nothing secret is sent, and
        // the answer only says whether this process is alive.
        rejectUnauthorized: false,
        timeout: timeoutMs,
        headers: { accept: 'application/json' },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk.slice(0, 4_096)));
        response.on('end', () => {
          const status = statusOf(body);
          if (response.statusCode === 200 && status === 'ok') finish({ healthy: true, message: body.trim() });
          else finish({ healthy: false, message: `answered ${response.statusCode ?? '?'} ${status ?? ''}`.trim() });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: Error & { code?: string }) =>
      finish({ healthy: false, message: `${host}:${config.port}: ${error.code ?? error.message}` }),
    );
    req.end();
  });
}

function statusOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { status?: unknown };
    return typeof parsed.status === 'string' ? parsed.status : undefined;
  } catch {
    return undefined;
  }
}
