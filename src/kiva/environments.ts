import { kivaError } from './errors';
import type { Scope } from './models';
import { createRedactor } from './redact';
import { err, ok, type Result } from './result';

export type EnvironmentName = 'stage' | 'production' | 'custom';

/** Token URL, audience and API base are separate settings: Kiva's sources disagree on each of them. */
export interface KivaEnvironment {
  name: EnvironmentName;
  tokenUrl: string;
  audience: string;
  apiBase: string;
}

export type EnvironmentUrls = Omit<KivaEnvironment, 'name'>;

/** The newest values in shared/kiva-api.md; older ones remain reachable through overrides. */
export const ENVIRONMENT_PRESETS: Readonly<Record<'stage' | 'production', Readonly<EnvironmentUrls>>> = {
  stage: {
    tokenUrl: 'https://auth.staging.kiva.org/oauth/token',
    audience: 'https://partner-api-stage.dk1.kiva.org',
    apiBase: 'https://partnerapi.staging.kiva.org',
  },
  production: {
    tokenUrl: 'https://auth.k1.kiva.org/oauth/token',
    audience: 'https://partner-api.k1.kiva.org',
    apiBase: 'https://partner-api.k1.kiva.org',
  },
};

export interface EnvironmentChoice extends Partial<EnvironmentUrls> {
  name: EnvironmentName;
}

/** A preset with any of its URLs overridden; `custom` needs all three. */
export function resolveEnvironment(choice: EnvironmentChoice): Result<KivaEnvironment> {
  const preset: Partial<EnvironmentUrls> = choice.name === 'custom' ? {} : ENVIRONMENT_PRESETS[choice.name];
  const pick = (field: keyof EnvironmentUrls): string => (choice[field] ?? preset[field] ?? '').trim();
  const environment: KivaEnvironment = {
    name: choice.name,
    tokenUrl: pick('tokenUrl'),
    audience: pick('audience'),
    apiBase: pick('apiBase').replace(/\/+$/, ''),
  };
  const redactor = createRedactor();
  for (const field of ['tokenUrl', 'apiBase'] as const) {
    if (!isHttpUrl(environment[field])) {
      return err(kivaError(redactor, 'config.invalid-environment', { field, value: environment[field] }));
    }
  }
  if (environment.audience === '') {
    return err(kivaError(redactor, 'config.invalid-environment', { field: 'audience', value: '' }));
  }
  return ok(environment);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export type KivaOperation = 'config' | 'loans' | 'loan-draft' | 'repayments' | 'journals';

/** Kiva documents no scope for the config lists: any valid token reads them. */
export const OPERATION_SCOPES: Readonly<Record<KivaOperation, Scope | undefined>> = {
  config: undefined,
  loans: 'read:loans',
  'loan-draft': 'create:loan_draft',
  repayments: 'create:repayment',
  journals: 'create:journal_update',
};

export const ALL_SCOPES: readonly Scope[] = [
  'read:loans',
  'create:loan_draft',
  'create:journal_update',
  'create:repayment',
];

/** The scopes to ask for when a process only performs these operations. */
export function scopesFor(operations: readonly KivaOperation[]): Scope[] {
  const scopes = operations.map((operation) => OPERATION_SCOPES[operation]);
  return [...new Set(scopes.filter((scope): scope is Scope => scope !== undefined))];
}
