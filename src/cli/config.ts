/**
 * The command line's configuration: environment variables first, then a `.env` file in the working directory.
 * The secret is kept here and in the token service only; it is never printed.
 */
import type { LoanStatus } from '../kiva';
import {
  isJournalVariantName,
  LOAN_STATUSES,
  resolveEnvironment,
  type JournalVariantName,
  type KivaEnvironment,
} from '../kiva';
import type { MessageLanguage } from '../sheet';
import { parseDotenv } from './dotenv';
import { say, texts } from './texts';

export interface CliConfig {
  language: MessageLanguage;
  environment: KivaEnvironment;
  credentials?: { clientId: string; clientSecret: string };
  threeColumn: boolean;
  /** KIVA_JOURNAL_VARIANT: the journal route to try first when none is remembered yet. */
  journalVariant?: JournalVariantName;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Environment variables win over the `.env` file, as with every dotenv tool. */
export function mergeEnv(processEnv: Env, dotenvText: string | undefined): Env {
  const fromFile = dotenvText === undefined ? {} : parseDotenv(dotenvText);
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) merged[key] = value;
  return merged;
}

/** The language first, so that every other problem can be worded in it. */
export function readLanguage(env: Env): { language: MessageLanguage; problem?: string } {
  const raw = value(env, 'KIVA_LANG')?.toLowerCase();
  if (raw === undefined) return { language: 'en' };
  const short = raw.slice(0, 2);
  if (short === 'en' || short === 'es' || short === 'fr') return { language: short };
  return { language: 'en', problem: say(texts('en').config.language, { value: raw }) };
}

export function readConfig(env: Env, envFlag: string | undefined): { config?: CliConfig; problems: string[] } {
  const { language, problem } = readLanguage(env);
  const t = texts(language).config;
  const problems: string[] = problem === undefined ? [] : [problem];

  const name = (envFlag ?? value(env, 'KIVA_ENV') ?? 'stage').toLowerCase();
  if (name !== 'stage' && name !== 'production') problems.push(say(t.environment, { value: name }));
  const format = (value(env, 'KIVA_CSV_FORMAT') ?? 'two-column').toLowerCase();
  if (format !== 'two-column' && format !== 'three-column') problems.push(say(t.csvFormat, { value: format }));
  const journalVariant = value(env, 'KIVA_JOURNAL_VARIANT')?.toLowerCase();
  if (journalVariant !== undefined && !isJournalVariantName(journalVariant)) {
    problems.push(say(t.journalVariant, { value: journalVariant }));
  }

  const urls = {
    tokenUrl: value(env, 'KIVA_TOKEN_URL'),
    apiBase: value(env, 'KIVA_API_URL'),
    audience: value(env, 'KIVA_AUDIENCE'),
  };
  const environment = resolveEnvironment({
    name: name === 'production' ? 'production' : 'stage',
    ...(urls.tokenUrl !== undefined ? { tokenUrl: urls.tokenUrl } : {}),
    ...(urls.apiBase !== undefined ? { apiBase: urls.apiBase } : {}),
    ...(urls.audience !== undefined ? { audience: urls.audience } : {}),
  });
  if (!environment.ok) {
    const field = String(environment.error.params.field ?? '');
    const variable = field === 'tokenUrl' ? 'KIVA_TOKEN_URL' : field === 'apiBase' ? 'KIVA_API_URL' : 'KIVA_AUDIENCE';
    problems.push(say(t.url, { name: variable, value: String(environment.error.params.value ?? '') }));
  }
  if (problems.length > 0 || !environment.ok) return { problems };

  const clientId = value(env, 'KIVA_CLIENT_ID');
  const clientSecret = value(env, 'KIVA_CLIENT_SECRET');
  const config: CliConfig = { language, environment: environment.value, threeColumn: format === 'three-column' };
  if (isJournalVariantName(journalVariant)) config.journalVariant = journalVariant;
  if (clientId !== undefined && clientSecret !== undefined) config.credentials = { clientId, clientSecret };
  return { config, problems };
}

export function credentialsProblem(language: MessageLanguage): string {
  return texts(language).config.credentials;
}

/** `payingBack,defaulted` → the statuses, or the first word that is none. */
export function parseStatuses(text: string): { statuses: LoanStatus[]; unknown?: string } {
  const statuses: LoanStatus[] = [];
  for (const word of text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean)) {
    const found = LOAN_STATUSES.find((s) => s.toLowerCase() === word.toLowerCase());
    if (found === undefined) return { statuses, unknown: word };
    statuses.push(found);
  }
  return { statuses };
}

function value(env: Env, key: string): string | undefined {
  const raw = env[key]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}
