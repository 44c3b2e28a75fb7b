/**
 * Local stand-in for Kiva's stage Partner API (see shared/kiva-api.md), for tests and for development without
 * stage credentials. Only this module is the public surface; the rest of the folder may change.
 */
export { startEmulator, DEFAULT_ALLOWED_ORIGINS, TOKEN_PATH } from './emulator';
export { DEMO_CREDENTIALS, READONLY_CREDENTIALS, ALL_SCOPES } from './clients';
export { EMULATOR_CONFIG, CONFIG_AS_OF } from './config-data';
export { seedLoans, REPAYABLE_STATUSES, type EmulatorLoan } from './loans';
export { MAX_LOANS_PAGE } from './api';
export { MAX_REPAYMENTS_PER_CALL } from './validate';
export type {
  AppliedEndpoint,
  AppliedRequest,
  Emulator,
  EmulatorClient,
  EmulatorMode,
  EmulatorOptions,
  Fault,
  ReceivedRequest,
} from './types';
