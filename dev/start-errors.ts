/**
 * What `npm start` says when it cannot start: the cause in words and what to do, not Node's `listen EADDRINUSE`.
 * Kept apart from start.ts (which starts everything when loaded) so a test can read the wording.
 */
export interface StartPorts {
  /** PORT: the Kiva Sheets server (3000 unless set). */
  server: number;
  /** KIVA_EMULATOR_PORT: the emulator that stands in for Kiva (4010 unless set). */
  emulator: number;
}

export function explainStartError(error: unknown, ports: StartPorts): string {
  const code = (error as { code?: unknown } | null)?.code;
  const port = Number((error as { port?: unknown } | null)?.port ?? Number.NaN);
  if (code === 'EADDRINUSE') {
    const which = port === ports.emulator ? 'KIVA_EMULATOR_PORT' : 'PORT';
    const what = port === ports.emulator ? 'the Kiva emulator' : 'the Kiva Sheets server';
    const taken = Number.isFinite(port) ? port : which === 'PORT' ? ports.server : ports.emulator;
    return [
      `Port ${taken} is already in use, so ${what} cannot start there.`,
      `Another \`npm start\` (or another program) may be running: stop it with Ctrl+C in its terminal,`,
      `or start on a free port: ${which}=${taken + 1} npm start`,
    ].join('\n');
  }
  if (code === 'EACCES') {
    return `Port ${Number.isFinite(port) ? port : ports.server} needs more rights than this user has: choose one above 1024, for example PORT=3000 npm start`;
  }
  return error instanceof Error ? error.message : String(error);
}
