import type { Redactor } from './redact';

/**
 * Errors are values: a stable code for the face to translate, and params to fill its message. The English
 * `describeKivaError` text is a fallback for logs and the CLI.
 */
export type KivaErrorCode =
  | 'auth.bad-credentials'
  | 'auth.audience-refused'
  | 'auth.scope-refused'
  | 'auth.token-refused'
  | 'auth.token-unavailable'
  | 'auth.bad-token-response'
  | 'auth.no-partner-id'
  | 'auth.unauthorized'
  | 'auth.missing-scope'
  | 'auth.forbidden'
  | 'kiva.unavailable'
  | 'kiva.rejected'
  | 'kiva.server-error'
  | 'kiva.bad-response'
  | 'network.unreachable'
  | 'network.timeout'
  | 'network.connection-lost'
  | 'request.cancelled'
  | 'config.invalid-environment'
  | 'config.out-of-range';

export type KivaErrorParams = Record<string, string | number>;

export interface KivaError {
  code: KivaErrorCode;
  params: KivaErrorParams;
}

/** Builds an error with every string param redacted: the only way src/kiva makes errors. */
export function kivaError(redactor: Redactor, code: KivaErrorCode, params: KivaErrorParams = {}): KivaError {
  return { code, params: redactor.value(params) };
}

const MESSAGES: Record<KivaErrorCode, string> = {
  'auth.bad-credentials':
    'Kiva refused the client id or secret at {tokenUrl} (HTTP {status}): {description}. Check the credentials for this environment.',
  'auth.audience-refused':
    'Kiva refused the audience {audience} at {tokenUrl} (HTTP {status}): {description}. Check the audience (Kiva documents two stage values: {stageAudiences}).',
  'auth.scope-refused':
    'Kiva refused to grant the permissions {scopes} at {tokenUrl} (HTTP {status}): {description}. Ask Kiva to enable them for these credentials (PA2 → Account → API Access).',
  'auth.token-refused': 'Kiva refused to issue a token (HTTP {status}): {message}',
  'auth.token-unavailable': 'Could not get a token from {tokenUrl}: {reason}',
  'auth.bad-token-response': 'The token answer from {tokenUrl} could not be read: {detail}',
  'auth.no-partner-id': 'The token answer from {tokenUrl} carries no partnerId.',
  'auth.unauthorized': 'Kiva refused the token even after renewing it (HTTP 401): {message}',
  'auth.missing-scope': 'The credentials lack the scope {scope} (granted: {granted}).',
  'auth.forbidden': 'Kiva refused access (HTTP 403) even with a fresh token; scope needed: {scope}. {message}',
  'kiva.unavailable': 'Kiva was busy or unavailable (HTTP {status}) on every attempt; nothing was applied.',
  'kiva.rejected': 'Kiva rejected the request (HTTP {status}): {message}',
  'kiva.server-error': 'Kiva answered with a server error (HTTP {status}): {message}',
  'kiva.bad-response': 'Kiva answered something that could not be read: {detail}',
  'network.unreachable': 'Could not connect to Kiva ({detail}); nothing was sent.',
  'network.timeout': 'Kiva did not answer within {timeoutMs} ms.',
  'network.connection-lost': 'The connection to Kiva was lost: {detail}',
  'request.cancelled': 'Cancelled.',
  'config.invalid-environment': 'The environment setting {field} is invalid: {value}',
  'config.out-of-range': 'The setting {setting} must be between {min} and {max} (got {value}).',
};

export function describeKivaError(error: KivaError): string {
  return MESSAGES[error.code].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = error.params[name];
    return value === undefined ? '' : String(value);
  });
}
