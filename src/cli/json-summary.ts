/**
 * With `--json`, a scheduler reads the last line of standard output, so every run ends with one JSON line: the
 * command's summary, or, when the run stopped before it (a usage or configuration error, a file or Kiva out of
 * reach, a bug), `{"error":{"kind":…,"message":…},"exit":n}`. The message is the one standard error shows.
 */
export type ErrorKind = 'usage' | 'configuration' | 'failed' | 'internal';

/**
 * Read from the raw arguments, before parsing: a misspelt option must still be answered in JSON. `--` ends the
 * options, as it does for node:util's parseArgs.
 */
export function asksForJson(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--json') return true;
  }
  return false;
}

export function errorSummary(kind: ErrorKind, message: string, exit: number): Record<string, unknown> {
  return { error: { kind, message }, exit };
}

export function jsonLine(value: Record<string, unknown>): string {
  return `${JSON.stringify(value)}\n`;
}
