import { kivaError, type KivaError } from './errors';
import { JOURNAL_VARIANTS, type JournalVariant, type JournalVariantName } from './journals';
import { MAX_LOANS_PAGE } from './loans';
import { createRedactor } from './redact';
import { MAX_REPAYMENTS_PER_CALL } from './repayments';
import { err, ok, type Result } from './result';
import { DEFAULT_RETRY, type RetrySettings } from './retry-policy';

export interface KivaClientSettings {
  /** Requests in flight at once, across every operation of the client. */
  concurrency: number;
  /** Per attempt, from sending to the end of the answer's body. */
  timeoutMs: number;
  retry: RetrySettings;
  repaymentChunkSize: number;
  loansPageSize: number;
  journals: { variant: JournalVariant; batchSize: number };
}

export const DEFAULT_CLIENT_SETTINGS: Readonly<KivaClientSettings> = {
  concurrency: 4,
  timeoutMs: 30_000,
  retry: DEFAULT_RETRY,
  repaymentChunkSize: 250,
  loansPageSize: MAX_LOANS_PAGE,
  // Kiva's docs and its library agree on this route (its one sample differs; a 404 there makes the client try the
  // other once and remember it). One journal per request gives each its confirm_url.
  journals: { variant: JOURNAL_VARIANTS.documented, batchSize: 1 },
};

export interface ClientSettingsInput {
  concurrency?: number;
  timeoutMs?: number;
  retry?: Partial<RetrySettings>;
  repaymentChunkSize?: number;
  loansPageSize?: number;
  journals?: { variant?: JournalVariantName | JournalVariant; batchSize?: number };
}

type Range = readonly [min: number, max: number];

const RANGES = {
  concurrency: [1, 32],
  timeoutMs: [1, 600_000],
  repaymentChunkSize: [1, MAX_REPAYMENTS_PER_CALL],
  loansPageSize: [1, MAX_LOANS_PAGE],
  'journals.batchSize': [1, 300],
  'retry.maxAttempts': [1, 10],
  'retry.baseDelayMs': [0, 60_000],
  'retry.maxDelayMs': [0, 600_000],
  'retry.maxRetryAfterMs': [0, 3_600_000],
} as const satisfies Record<string, Range>;

type SettingName = keyof typeof RANGES;

function flatten(input: ClientSettingsInput): Partial<Record<SettingName, number>> {
  return {
    concurrency: input.concurrency,
    timeoutMs: input.timeoutMs,
    repaymentChunkSize: input.repaymentChunkSize,
    loansPageSize: input.loansPageSize,
    'journals.batchSize': input.journals?.batchSize,
    'retry.maxAttempts': input.retry?.maxAttempts,
    'retry.baseDelayMs': input.retry?.baseDelayMs,
    'retry.maxDelayMs': input.retry?.maxDelayMs,
    'retry.maxRetryAfterMs': input.retry?.maxRetryAfterMs,
  };
}

/** For settings a user typed: every value out of range is reported, by name. */
export function validateClientSettings(input: ClientSettingsInput = {}): Result<KivaClientSettings, KivaError[]> {
  const redactor = createRedactor();
  const errors = Object.entries(flatten(input)).flatMap(([setting, value]) => {
    if (value === undefined) return [];
    const [min, max] = RANGES[setting as SettingName];
    return Number.isInteger(value) && value >= min && value <= max
      ? []
      : [kivaError(redactor, 'config.out-of-range', { setting, min, max, value: String(value) })];
  });
  return errors.length > 0 ? err(errors) : ok(resolveClientSettings(input));
}

/** Defaults filled in and every value brought into range, so a client never runs with an impossible setting. */
export function resolveClientSettings(input: ClientSettingsInput = {}): KivaClientSettings {
  const values = flatten(input);
  const pick = (name: SettingName, fallback: number): number => {
    const value = values[name];
    const [min, max] = RANGES[name];
    return value === undefined || !Number.isFinite(value) ? fallback : Math.min(max, Math.max(min, Math.floor(value)));
  };
  const defaults = DEFAULT_CLIENT_SETTINGS;
  const variant = input.journals?.variant ?? defaults.journals.variant;
  return {
    concurrency: pick('concurrency', defaults.concurrency),
    timeoutMs: pick('timeoutMs', defaults.timeoutMs),
    repaymentChunkSize: pick('repaymentChunkSize', defaults.repaymentChunkSize),
    loansPageSize: pick('loansPageSize', defaults.loansPageSize),
    journals: {
      variant: typeof variant === 'string' ? JOURNAL_VARIANTS[variant] : variant,
      batchSize: pick('journals.batchSize', defaults.journals.batchSize),
    },
    retry: {
      maxAttempts: pick('retry.maxAttempts', defaults.retry.maxAttempts),
      baseDelayMs: pick('retry.baseDelayMs', defaults.retry.baseDelayMs),
      maxDelayMs: pick('retry.maxDelayMs', defaults.retry.maxDelayMs),
      maxRetryAfterMs: pick('retry.maxRetryAfterMs', defaults.retry.maxRetryAfterMs),
    },
  };
}
