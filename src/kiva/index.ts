/** The Kiva Partner API layer: what the CLI, the server and the app use cases build on. */
export * from './models';
export { AccessToken } from './access-token';
export type { SendOptions, SendProgress } from './batch';
export { createKivaClient, type KivaClient, type KivaClientOptions } from './client';
export {
  CONFIG_LIST_NAMES,
  combineConfigLists,
  type ConfigItems,
  type ConfigList,
  type ConfigListName,
} from './config-lists';
export {
  ALL_SCOPES,
  ENVIRONMENT_PRESETS,
  OPERATION_SCOPES,
  resolveEnvironment,
  scopesFor,
  type EnvironmentChoice,
  type EnvironmentName,
  type EnvironmentUrls,
  type KivaEnvironment,
  type KivaOperation,
} from './environments';
export { describeKivaError, type KivaError, type KivaErrorCode, type KivaErrorParams } from './errors';
export {
  createJournalRouter,
  environmentKey,
  isJournalVariantName,
  otherVariant,
  type JournalRouteMemory,
  type JournalRouter,
} from './journal-route';
export { JOURNAL_VARIANTS, type JournalItem, type JournalVariant, type JournalVariantName } from './journals';
export type { LoanDraftItem } from './loan-drafts';
export { kivaWarnings, outcomeTone, type OutcomeTone } from './outcomes';
export { MAX_LOANS_PAGE, readListedLoan, type AllLoansQuery, type LoansPage, type LoansQuery } from './loans';
export type { KivaLogRecord, KivaLogResult, KivaLogSink } from './log';
export type { ReadOptions } from './read-result';
export { createRedactor, REDACTED, type Redactor } from './redact';
export { MAX_REPAYMENTS_PER_CALL, type RepaymentItem } from './repayments';
export type { Result } from './result';
export { DEFAULT_RETRY, type RetrySettings } from './retry-policy';
export type { FetchInitLike, FetchLike, FetchResponseLike, KivaRuntime } from './runtime';
export {
  DEFAULT_CLIENT_SETTINGS,
  resolveClientSettings,
  validateClientSettings,
  type ClientSettingsInput,
  type KivaClientSettings,
} from './settings';
export {
  createTokenService,
  type ClientCredentials,
  type TokenService,
  type TokenServiceOptions,
} from './token-service';
export type { KivaToken } from './token-response';
