/**
 * The XML manifest converted to the unified (JSON) manifest by Microsoft's office-addin-manifest-converter, and
 * the result validated against the unified manifest's JSON schema, version 1.24, as @microsoft/app-manifest ships
 * it (build/json-schemas/teams/v1.24): the app manifest against MicrosoftTeams.schema.json, each locale file
 * against MicrosoftTeams.Localization.schema.json. All offline.
 *
 * The converter's public `convert()` writes files and prints only when verbose; its `Converter` class (a deep
 * import, hence the exact version pin in package.json) returns the objects, and its logger is hooked so that its
 * warnings (a string truncated to fit the unified manifest) and errors become findings.
 */
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { Converter } from 'office-addin-manifest-converter/lib/converter';
import { Utilities } from 'office-addin-manifest-converter/lib/utilities';
import type { Findings } from './findings';

export const UNIFIED_VERSION = '1.24';
export const UNIFIED_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_VERSION}/MicrosoftTeams.schema.json`;

export interface Converted {
  manifest: Record<string, unknown>;
  /** Locale file contents by locale (es-es, fr-fr), as the converter would write them. */
  locales: Record<string, Record<string, unknown>>;
  /** What the converter logged as warnings or errors. */
  messages: string[];
}

export function schemaDir(): string {
  const pkg = require.resolve('@microsoft/app-manifest/package.json');
  return join(dirname(pkg), 'build', 'json-schemas', 'teams', `v${UNIFIED_VERSION}`);
}

/** Runs the converter on the XML text; throws what the converter throws, with what it printed before. */
export function convertManifest(xml: string): Converted {
  const messages: string[] = [];
  // The converter logs printf-style (`truncated to %d characters`); its XML parser (osfmos) prints to the console
  // (`AddinManifestError: …`, `WARNING: resid: … is not defined.`, in ANSI colours). All of it is collected.
  const collect =
    (level: string) =>
    (message?: unknown, ...params: unknown[]): void =>
      // eslint-disable-next-line no-control-regex -- ANSI colour codes
      void messages.push(`${level}: ${format(message, ...params).replace(/\x1b\[[0-9;]*m/g, '')}`);
  const saved = {
    warning: Utilities.logWarning,
    error: Utilities.logError,
    console: { log: console.log, warn: console.warn, error: console.error },
  };
  Utilities.logWarning = collect('warning');
  Utilities.logError = collect('error');
  console.log = collect('console');
  console.warn = collect('console');
  console.error = collect('console');
  try {
    // What the converter's own convert() sets up, without files, downloads or console output.
    Utilities.setUpOSFAppTelemetry();
    Utilities.setVerbosity(false);
    Utilities.setDownloadImages(false);
    Utilities.setWriteImageUrls(true);
    Utilities.setSchemaOverride(UNIFIED_SCHEMA_URL);
    Utilities.setSchemaVersionOverride(UNIFIED_VERSION);
    const converter = new Converter(xml, 'en-US');
    converter.convert();
    // Through JSON, as the converter writes its files: undefined members disappear.
    const manifest = JSON.parse(JSON.stringify(converter.getJSON())) as Record<string, unknown>;
    const builder = converter.getLocaleBuilder();
    const locales: Converted['locales'] = {};
    for (const locale of builder.getLocales()) {
      locales[locale] = JSON.parse(JSON.stringify(builder.getLocaleFileResources(locale))) as Record<string, unknown>;
    }
    return { manifest, locales, messages };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error([reason.split('\n')[0], ...messages].join('; '));
  } finally {
    Utilities.logWarning = saved.warning;
    Utilities.logError = saved.error;
    Object.assign(console, saved.console);
  }
}

let compiled: { manifest: ValidateFunction; localization: ValidateFunction } | undefined;

function validators(): { manifest: ValidateFunction; localization: ValidateFunction } {
  if (compiled !== undefined) return compiled;
  // Options as @microsoft/app-manifest validates (draft-04, all errors, formats uri/email/regex); the localization
  // schema's key patterns (`\[…]`) are not valid under the `u` flag, hence unicodeRegExp: false.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const load = (file: string) => JSON.parse(readFileSync(join(schemaDir(), file), 'utf8')) as object;
  compiled = {
    manifest: ajv.compile(load('MicrosoftTeams.schema.json')),
    localization: ajv.compile(load('MicrosoftTeams.Localization.schema.json')),
  };
  return compiled;
}

/** Schema errors of the converted manifest and its locale files, as findings. */
export function validateConverted(converted: Pick<Converted, 'manifest' | 'locales'>, findings: Findings): void {
  const { manifest, localization } = validators();
  if (!manifest(converted.manifest)) {
    for (const e of manifest.errors ?? []) {
      findings.add('schema.manifest', `manifest.json${e.instancePath}`, schemaMessage(e));
    }
  }
  for (const [locale, file] of Object.entries(converted.locales)) {
    if (localization(file)) continue;
    for (const e of localization.errors ?? []) {
      findings.add('schema.localization', `${locale}.json${e.instancePath}`, schemaMessage(e));
    }
  }
}

function schemaMessage(e: { message?: string; params: unknown }): string {
  return `${e.message ?? 'is invalid'} ${JSON.stringify(e.params)} (unified manifest schema ${UNIFIED_VERSION})`;
}
