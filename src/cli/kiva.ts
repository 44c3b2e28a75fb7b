/** The command line talks to Kiva directly, through src/kiva, with Node's own HTTP client, clock and timers. */
import {
  appError,
  createClientKivaPort,
  DEFAULT_BATCHING,
  hostRuntime,
  kivaDoctorPort,
  systemClock,
  type AppResult,
  type DoctorPort,
  type KivaPort,
  type KivaSendResult,
} from '../app';
import { fail } from '../app/errors';
import { join } from 'node:path';
import { createKivaClient, createRedactor, createTokenService, type KivaRuntime, type RowRef } from '../kiva';
import { fileRouteMemory, ROUTES_FILE } from '../server/kiva/route-memory';
import type { CliConfig } from './config';
import { credentialsProblem } from './config';
import { createNodeFetch } from './http';

/** Node's http/https with idle connections retired in real time, not the global fetch: see http.ts. */
export const nodeRuntime: KivaRuntime = hostRuntime(createNodeFetch());

export { systemClock };

export interface CliKiva {
  port: KivaPort;
  /** Scrubs the secret and every token issued from any text. */
  redact: (text: string) => string;
  /** The connection check's reads (`doctor`), over the same token service; undefined without credentials. */
  doctor(): DoctorPort | undefined;
}

/** `dataDir`: the user's data folder (src/server/config/data-dir.ts), where the journal route found is kept. */
export function createKiva(config: CliConfig, dataDir: string): CliKiva {
  const name = config.environment.name;
  if (config.credentials === undefined) {
    return {
      port: unconfigured(name, credentialsProblem(config.language)),
      redact: createRedactor().text,
      doctor: () => undefined,
    };
  }
  const tokens = createTokenService({
    environment: config.environment,
    credentials: config.credentials,
    runtime: nodeRuntime,
  });
  const journalRoutes = fileRouteMemory(join(dataDir, ROUTES_FILE));
  const settings = config.journalVariant !== undefined ? { journals: { variant: config.journalVariant } } : undefined;
  const port = createClientKivaPort({
    tokens,
    runtime: nodeRuntime,
    journalRoutes,
    ...(settings !== undefined ? { settings } : {}),
  });
  const doctor = (): DoctorPort =>
    kivaDoctorPort({
      tokens,
      client: createKivaClient({
        tokens,
        runtime: nodeRuntime,
        journalRoutes,
        ...(settings !== undefined ? { settings } : {}),
      }),
    });
  return { port, redact: tokens.redactor.text, doctor };
}

/** Without credentials a run can still validate and preview what needs no Kiva; anything else says why not. */
function unconfigured(environment: string, detail: string): KivaPort {
  const refuse = async <T>(): Promise<AppResult<T>> => fail(appError('kiva-not-configured', { detail }));
  // The send use case connects first and stops at the refusal; should anything send anyway, no row is lost.
  const unsent = async (
    items: readonly ({ row: RowRef } | { rows: readonly RowRef[] })[],
  ): Promise<KivaSendResult> => ({
    outcomes: items
      .flatMap((item) => ('rows' in item ? [...item.rows] : [item.row]))
      .map((row) => ({ kind: 'failed', row, code: 'kiva-not-configured', message: detail })),
    calls: [],
  });
  return {
    environment,
    batching: DEFAULT_BATCHING,
    connect: refuse,
    getConfigLists: refuse,
    getAllLoans: refuse,
    listLoans: refuse,
    createLoanDrafts: unsent,
    sendRepayments: unsent,
    sendJournals: unsent,
  };
}
