import { hostname } from 'node:os';
import type { Site } from '../auth/same-origin';
import type { ServerConfig } from '../config/types';

/** Known only once the server listens, since port 0 picks a free port. */
export function describeSite(config: ServerConfig, port: number): Site {
  const scheme = config.tls ? 'https' : 'http';
  const loopbackNames = ['127.0.0.1', 'localhost', '[::1]'];
  const defaultHost =
    config.mode === 'local'
      ? config.tls
        ? 'localhost'
        : '127.0.0.1'
      : config.host === '0.0.0.0'
        ? hostname()
        : config.host;
  const publicUrl = config.publicUrl ?? `${scheme}://${defaultHost}:${port}`;
  const origins = new Set([publicUrl]);
  if (config.mode === 'local') {
    for (const name of loopbackNames) origins.add(`${scheme}://${name}:${port}`);
    const hosts = new Set(loopbackNames.map((name) => `${name}:${port}`));
    hosts.add(new URL(publicUrl).host);
    return { publicUrl, origins, hosts };
  }
  return { publicUrl, origins };
}
