/**
 * What Kiva support (or ours) asks for after a failed send: the recent calls to our server and the Kiva requests it
 * made for them — time, method, endpoint, status, Kiva's message — and nothing else: no bodies, no borrower data,
 * no token. The server redacts its records; they are redacted again here, with the pairing key named.
 */
import type { ApiCallRecord } from '../app';
import { createRedactor, type KivaLogRecord } from '../kiva';

export interface Diagnostics {
  api(record: ApiCallRecord): void;
  kiva(record: KivaLogRecord): void;
  /** Plain text, newest last; `about` heads it (version, mode, environment…). */
  text(about: Record<string, string | number | undefined>): string;
}

export function createDiagnostics(options: { secrets: () => readonly string[]; now: () => number; limit?: number }) {
  const limit = options.limit ?? 200;
  const api: ApiCallRecord[] = [];
  const kiva: KivaLogRecord[] = [];
  const keep = <T>(list: T[], item: T): void => {
    list.push(item);
    if (list.length > limit) list.splice(0, list.length - limit);
  };
  const diagnostics: Diagnostics = {
    api: (record) => keep(api, record),
    kiva: (record) => keep(kiva, record),
    text(about) {
      const redactor = createRedactor([...options.secrets()]);
      const facts = Object.entries(about)
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([key, value]) => `${key}: ${String(value)}`);
      const lines = [
        `Kiva Sheets diagnostics, ${new Date(options.now()).toISOString()}`,
        ...facts,
        '',
        `Calls to the Kiva Sheets server (last ${api.length}, newest last):`,
        ...(api.length > 0 ? api.map(apiLine) : ['  none']),
        '',
        `Kiva requests made by the server for them (last ${kiva.length}, newest last):`,
        ...(kiva.length > 0 ? kiva.map(kivaLine) : ['  none']),
      ];
      return redactor.text(lines.join('\n'));
    },
  };
  return diagnostics;
}

function apiLine(record: ApiCallRecord): string {
  const status = record.status === 0 ? 'no answer' : String(record.status);
  return `  ${record.time} ${record.method} ${record.path} ${status} ${record.durationMs} ms${record.code ? ` ${record.code}` : ''}`;
}

function kivaLine(record: KivaLogRecord): string {
  const parts = [
    `  ${record.time}`,
    record.environment,
    `${record.method} ${record.endpoint}`,
    `rows ${record.rows}`,
    `attempt ${record.attempt}`,
    record.status === undefined ? 'no answer' : `HTTP ${record.status}`,
    record.result,
    `${record.durationMs} ms`,
  ];
  if (record.reference !== undefined) parts.push(`reference ${record.reference}`);
  if (record.message !== undefined) parts.push(`Kiva: ${record.message}`);
  return parts.join(' · ');
}
