/**
 * The Kiva port over src/kiva's client: what the command line uses (and what a server can use to answer the
 * pane's HTTP port). It adds only what the use cases need on top of the client: one record per request, with
 * Kiva's HTTP status, for the `Kiva log` sheet.
 */
import {
  createKivaClient,
  DEFAULT_CLIENT_SETTINGS,
  type ClientSettingsInput,
  type ConfigLists,
  type JournalRouteMemory,
  type KivaLogSink,
  type KivaReference,
  type KivaRuntime,
  type RowOutcome,
  type SendOptions,
  type TokenService,
} from '../kiva';
import type { Endpoint } from '../sheet';
import { fail, fromKiva, ok, type AppResult } from './errors';
import type { KivaBatching, KivaCall, KivaPort, KivaSendOptions, KivaSendResult } from './ports';

export interface ClientKivaPortOptions {
  tokens: TokenService;
  runtime: KivaRuntime;
  settings?: ClientSettingsInput;
  /** Every HTTP attempt, redacted (token requests and retries included), for diagnostics. */
  onLog?: KivaLogSink;
  /** Where the journal route that worked is remembered between runs (a file in the data folder for the CLI). */
  journalRoutes?: JournalRouteMemory;
}

/** src/kiva's default cuts: what a port that cannot ask its Kiva client (or its server) reports. */
export const DEFAULT_BATCHING: Readonly<KivaBatching> = {
  repaymentsPerCall: DEFAULT_CLIENT_SETTINGS.repaymentChunkSize,
  journalsPerCall: DEFAULT_CLIENT_SETTINGS.journals.batchSize,
  journalsBody: DEFAULT_CLIENT_SETTINGS.journals.variant.body,
};

export function createClientKivaPort(options: ClientKivaPortOptions): KivaPort {
  const { tokens, runtime } = options;
  // The client logs each attempt before it settles the request's rows, so the status is known by then.
  const statusByReference = new Map<string, number>();
  const client = createKivaClient({
    tokens,
    runtime,
    ...(options.settings !== undefined ? { settings: options.settings } : {}),
    ...(options.journalRoutes !== undefined ? { journalRoutes: options.journalRoutes } : {}),
    onRequest: (record) => {
      if (record.result === 'ok' && record.reference !== undefined && record.status !== undefined) {
        statusByReference.set(record.reference, record.status);
      }
      options.onLog?.(record);
    },
  });

  async function track(
    endpoint: Endpoint,
    run: (sendOptions: SendOptions) => Promise<RowOutcome[]>,
    sendOptions: KivaSendOptions = {},
  ): Promise<KivaSendResult> {
    const calls: KivaCall[] = [];
    const outcomes = await run({
      ...(sendOptions.signal !== undefined ? { signal: sendOptions.signal } : {}),
      onProgress: (progress) => {
        // A request cancelled before it started never reached Kiva: no log line.
        if (progress.latest.some((o) => o.kind !== 'cancelled')) {
          const call: KivaCall = { time: runtime.now(), endpoint, outcomes: [...progress.latest] };
          // statusOf also forgets the references it matched (a long send would keep them all otherwise).
          const matched = statusOf(progress.latest);
          const status = progress.status ?? matched;
          if (status !== undefined) call.httpStatus = status;
          calls.push(call);
        }
        sendOptions.onProgress?.(progress);
      },
    });
    return { outcomes, calls };
  }

  function statusOf(outcomes: readonly RowOutcome[]): number | undefined {
    for (const outcome of outcomes) {
      if ((outcome.kind === 'rejected' || outcome.kind === 'uncertain') && outcome.status !== undefined) {
        return outcome.status;
      }
      if (outcome.kind !== 'sent') continue;
      const key = referenceKey(outcome.reference);
      const status = key === undefined ? undefined : statusByReference.get(key);
      if (status !== undefined && key !== undefined) {
        statusByReference.delete(key);
        return status;
      }
    }
    return undefined;
  }

  return {
    environment: client.environment.name,
    // A getter: once a send finds the journal route, a later preview shows the body that route takes.
    get batching() {
      return {
        repaymentsPerCall: client.settings.repaymentChunkSize,
        journalsPerCall: client.settings.journals.batchSize,
        journalsBody: client.journalRoute().variant.body,
      };
    },
    async connect(signal) {
      const token = await tokens.getToken(signal !== undefined ? { signal } : {});
      return token.ok ? ok(undefined) : fail(fromKiva(token.error));
    },
    async getConfigLists(signal): Promise<AppResult<ConfigLists>> {
      const lists = await client.getConfigLists(signal !== undefined ? { signal } : {});
      return lists.ok ? lists : fail(fromKiva(lists.error));
    },
    async getAllLoans(query, signal) {
      const loans = await client.getAllLoans(query, signal !== undefined ? { signal } : {});
      return loans.ok ? loans : fail(fromKiva(loans.error));
    },
    async listLoans(query, signal) {
      const loans = await client.listLoans(query, signal !== undefined ? { signal } : {});
      return loans.ok ? loans : fail(fromKiva(loans.error));
    },
    createLoanDrafts: (items, sendOptions) =>
      track('loan_draft', (o) => client.createLoanDrafts(items, o), sendOptions),
    sendRepayments: (items, sendOptions) => track('repayments', (o) => client.sendRepayments(items, o), sendOptions),
    sendJournals: (items, sendOptions) => track('journals', (o) => client.sendJournals(items, o), sendOptions),
  };
}

/** The same text src/kiva logs as a request's reference (the HTTP port matches the server's log by it too). */
export function referenceKey(reference: KivaReference | undefined): string | undefined {
  return reference?.loanDraftUuid ?? reference?.uploadId ?? reference?.confirmUrl;
}
