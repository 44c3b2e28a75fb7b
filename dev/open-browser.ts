/**
 * Opens a URL in the user's default browser, the way `npm start` promises a newcomer the workbench. Only where a
 * desktop can show it (macOS, Windows, or Linux with a display), never in CI, and never when KIVA_SHEETS_NO_BROWSER=1;
 * a failure to open is not an error: the URL is printed anyway.
 */
import { spawn } from 'node:child_process';

export function canOpenBrowser(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (env.CI || env.KIVA_SHEETS_NO_BROWSER === '1') return false;
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL is on screen already; nothing else to do.
  }
}
