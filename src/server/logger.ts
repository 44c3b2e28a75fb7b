/**
 * The server's only way to write a log line. Every line passes through the scrubber whole, so a secret that slips
 * into a message or a field is still removed.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface ServerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  scrub: (text: string) => string;
  /** Default: standard output, one line each. */
  write?: (line: string, level: LogLevel) => void;
  now?: () => number;
}

export function createLogger(options: LoggerOptions): ServerLogger {
  const now = options.now ?? Date.now;
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const log =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}): void => {
      const details = Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${formatValue(value)}`);
      const line = [new Date(now()).toISOString(), level.toUpperCase(), message, ...details].join(' ');
      try {
        write(options.scrub(line), level);
      } catch {
        // A broken log sink must not take a request down with it.
      }
    };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (value instanceof Error) return JSON.stringify(`${value.name}: ${value.message}`);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '[unprintable]';
  }
}
