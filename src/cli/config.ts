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
  /** KIVA_CSV_FORMAT; unset: the workbook's own setting (the pane's Settings section) decides, else two columns. */
  threeColumn?: boolean;
  /** KIVA_JOURNAL_VARIANT: the journal route to try first when none is remembered yet. */
  journalVariant?: JournalVariantName;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The settings that say where the client secret and the token go. */
export const ENDPOINT_VARIABLES = ['KIVA_TOKEN_URL', 'KIVA_API_URL', 'KIVA_AUDIENCE'] as const;

export interface DotenvFile {
  path: string;
  text: string;
  /** Owned by the account running the CLI (always true where the platform has no owners to compare). */
  ownedByUser: boolean;
}

/**
 * A `.env` may carry credentials, language and CSV format, but where the secret goes only toward Kiva (https, a
 * kiva.org host) or this computer (localhost, 127.0.0.1, [::1]: the emulator), and only from the user's own file.
 * A `.env` that came with a workbook someone sent cannot point the token request elsewhere; the user's own shell
 * environment still can. Each endpoint a `.env` sets is named in a note, so the user sees which file set it.
 */
export function checkDotenvEndpoints(
  processEnv: Env,
  file: DotenvFile | undefined,
  language: MessageLanguage,
): { problems: string[]; notes: string[] } {
  const t = texts(language).config;
  const problems: string[] = [];
  const notes: string[] = [];
  if (file === undefined) return { problems, notes };
  const fromFile = parseDotenv(file.text);
  for (const name of ENDPOINT_VARIABLES) {
    const raw = fromFile[name]?.trim();
    if (raw === undefined || raw === '' || value(processEnv, name) !== undefined) continue;
    if (!file.ownedByUser) problems.push(say(t.dotenvNotOwned, { name, file: file.path }));
    else if (!isKivaOrThisComputer(raw))
      problems.push(say(t.dotenvForeignHost, { name, file: file.path, host: hostOf(raw) }));
    else notes.push(say(t.dotenvEndpoint, { name, value: raw, file: file.path }));
  }
  return { problems, notes };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isKivaOrThisComputer(text: string): boolean {
  try {
    const url = new URL(text);
    if (url.username !== '' || url.password !== '') return false;
    if (url.protocol === 'https:' && (url.hostname === 'kiva.org' || url.hostname.endsWith('.kiva.org'))) return true;
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

function hostOf(text: string): string {
  try {
    return new URL(text).host;
  } catch {
    return text;
  }
}

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
  const formatSet = value(env, 'KIVA_CSV_FORMAT');
  const format = (formatSet ?? 'two-column').toLowerCase();
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
  const config: CliConfig = { language, environment: environment.value };
  if (formatSet !== undefined) config.threeColumn = format === 'three-column';
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
