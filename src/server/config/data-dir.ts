import { join } from 'node:path';

export interface Host {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
}

/** The user's data folder: %APPDATA% on Windows, XDG_DATA_HOME (or ~/.local/share) elsewhere. */
export function dataDirectory(host: Host): string {
  if (host.platform === 'win32') {
    return join(host.env.APPDATA ?? join(host.homedir, 'AppData', 'Roaming'), 'kiva-sheets');
  }
  const xdg = host.env.XDG_DATA_HOME;
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const base = xdg !== undefined && xdg.startsWith('/') ? xdg : join(host.homedir, '.local', 'share');
  return join(base, 'kiva-sheets');
}

export function defaultDatabasePath(host: Host): string {
  return join(dataDirectory(host), 'kiva-sheets.sqlite');
}
