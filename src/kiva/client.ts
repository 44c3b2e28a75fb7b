import pLimit from 'p-limit';
import { runPlanned, type SendOptions } from './batch';
import { createCaller, type Caller } from './call';
import {
  fetchConfigList,
  fetchConfigLists,
  type ConfigItems,
  type ConfigList,
  type ConfigListName,
} from './config-lists';
import type { KivaEnvironment } from './environments';
import { createJournalRouter, environmentKey, type JournalRouteMemory } from './journal-route';
import { planJournals, type JournalItem, type JournalVariant } from './journals';
import { planLoanDrafts, type LoanDraftItem } from './loan-drafts';
import {
  fetchAllLoans,
  fetchListedLoans,
  fetchLoansPage,
  type AllLoansQuery,
  type LoansPage,
  type LoansQuery,
} from './loans';
import type { KivaLogSink } from './log';
import type { ConfigLists, ListedLoan, PartnerLoan, RowOutcome } from './models';
import type { ReadOptions } from './read-result';
import { planRepayments, type RepaymentItem } from './repayments';
import type { Result } from './result';
import type { KivaRuntime } from './runtime';
import { resolveClientSettings, type ClientSettingsInput, type KivaClientSettings } from './settings';
import type { TokenService } from './token-service';

export interface KivaClientOptions {
  tokens: TokenService;
  runtime: KivaRuntime;
  /** Out-of-range values are brought into range; check user input with `validateClientSettings` first. */
  settings?: ClientSettingsInput;
  /** Called once per HTTP attempt with a redacted record (the "Kiva log"). */
  onRequest?: KivaLogSink;
  /** Where the journal route that worked is kept between runs; without it, each client finds it anew. */
  journalRoutes?: JournalRouteMemory;
}

export interface KivaClient {
  readonly environment: KivaEnvironment;
  readonly settings: KivaClientSettings;
  /** The journal route this client tries first (the remembered one, else the configured one) and whether it is known. */
  journalRoute(): { variant: JournalVariant; known: boolean };
  getConfigList<N extends ConfigListName>(name: N, options?: ReadOptions): Promise<Result<ConfigList<ConfigItems[N]>>>;
  /** All four lists at once, in snake_case whatever Kiva answered. */
  getConfigLists(options?: ReadOptions): Promise<Result<ConfigLists>>;
  getLoans(query: LoansQuery, options?: ReadOptions): Promise<Result<LoansPage>>;
  getAllLoans(query: AllLoansQuery, options?: ReadOptions): Promise<Result<PartnerLoan[]>>;
  /** The same pages as getAllLoans, each loan kept as its ids and status only (the portfolio check). */
  listLoans(query: AllLoansQuery, options?: ReadOptions): Promise<Result<ListedLoan[]>>;
  /** One outcome per row of every draft, in input order; never rejects. */
  createLoanDrafts(drafts: readonly LoanDraftItem[], options?: SendOptions): Promise<RowOutcome[]>;
  /** Sent in chunks of `repaymentChunkSize`; one outcome per item, in input order; never rejects. */
  sendRepayments(items: readonly RepaymentItem[], options?: SendOptions): Promise<RowOutcome[]>;
  /** Sent `journals.batchSize` at a time (default one, so each row gets its confirm_url); never rejects. */
  sendJournals(items: readonly JournalItem[], options?: SendOptions): Promise<RowOutcome[]>;
}

export function createKivaClient(options: KivaClientOptions): KivaClient {
  const settings = resolveClientSettings(options.settings);
  const { tokens } = options;
  const redactor = tokens.redactor;
  // One limit for everything this client does, reads and sends alike.
  const limit = pLimit(settings.concurrency);
  const call = createCaller({
    runtime: options.runtime,
    tokens,
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
  const limitedCall: Caller = (spec) => limit(() => call(spec));
  const router = createJournalRouter(
    settings.journals.variant,
    options.journalRoutes,
    environmentKey(tokens.environment),
  );

  return {
    environment: tokens.environment,
    settings,
    journalRoute: () => ({ variant: router.current(), known: router.known() }),
    getConfigList: (name, readOptions) => fetchConfigList(limitedCall, redactor, name, readOptions),
    getConfigLists: (readOptions) => fetchConfigLists(limitedCall, redactor, readOptions),
    getLoans: (query, readOptions) => fetchLoansPage(limitedCall, redactor, query, readOptions),
    getAllLoans: (query, readOptions) =>
      fetchAllLoans(limitedCall, redactor, { pageSize: settings.loansPageSize, ...query }, readOptions),
    listLoans: (query, readOptions) =>
      fetchListedLoans(limitedCall, redactor, { pageSize: settings.loansPageSize, ...query }, readOptions),
    createLoanDrafts: (drafts, sendOptions = {}) =>
      runPlanned(limit, planLoanDrafts(call, drafts, sendOptions.signal), sendOptions),
    sendRepayments: (items, sendOptions = {}) =>
      runPlanned(limit, planRepayments(call, items, settings.repaymentChunkSize, sendOptions.signal), sendOptions),
    sendJournals: (items, sendOptions = {}) =>
      runPlanned(
        limit,
        planJournals(call, items, router, settings.journals.batchSize, sendOptions.signal),
        sendOptions,
      ),
  };
}
