/**
 * The one place where secrets are scrubbed. Every error, log record and diagnostic that src/kiva builds passes
 * through a Redactor, so a secret or token echoed back by a server (or by our own code) never reaches a sheet or a log.
 */
export interface Redactor {
  /** Registers a value that must never be shown (client secret, each access token as it is issued). */
  addSecret(secret: string | undefined): void;
  text(input: string): string;
  /** Redacts every string inside plain data (objects, arrays); other values are returned as they are. */
  value<T>(input: T): T;
}

export const REDACTED = '[redacted]';

/**
 * Shapes that are secret whatever their value: caught even when the exact value was never registered. Only
 * credentials, tokens and authorization values: a network reason ("…/oauth/token: ECONNREFUSED") or a borrower's
 * story ("password: 1234") is what the user needs to read, not a secret of ours.
 */
const SECRET_SHAPES: ReadonlyArray<[RegExp, string]> = [
  // An Authorization header's value, whatever its scheme (Bearer, Basic…).
  [/(\bauthorization"?\s*[:=]\s*"?(?:(?:bearer|basic)\s+)?)[^"'&\s,;}]+/gi, `$1${REDACTED}`],
  [/\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi, `Bearer ${REDACTED}`],
  [
    /("?\b(?:access_token|accessToken|client_secret|clientSecret|id_token|idToken|refresh_token|refreshToken)"?\s*[:=]\s*"?)[^"'&\s,;}]+/gi,
    `$1${REDACTED}`,
  ],
  // A bare `token`/`secret` only as a form field (`token=…`) or a JSON key (`"token": "…"`): never in prose, where
  // "token: ECONNREFUSED" is a reason to read.
  [/(\b(?:token|secret)=)[^"'&\s,;}]+/gi, `$1${REDACTED}`],
  [/("(?:token|secret)"\s*:\s*")[^"]*/gi, `$1${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
];

/** Every shape above holds one of these words: text without any of them has nothing to replace. */
const MAY_HAVE_SECRET_SHAPE = /authorization|bearer|token|secret|eyJ/i;

export function createRedactor(initialSecrets: ReadonlyArray<string | undefined> = []): Redactor {
  // Longest first, so a secret that contains another is replaced whole.
  let secrets: string[] = [];
  const addSecret = (secret: string | undefined): void => {
    if (!secret) return;
    const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
    secrets = [...new Set([...secrets, ...forms])].sort((a, b) => b.length - a.length);
  };
  initialSecrets.forEach(addSecret);

  const text = (input: string): string => {
    let out = input;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // One test instead of six replacements for the text of nearly every call (100,000 statuses in a send).
    if (!MAY_HAVE_SECRET_SHAPE.test(out)) return out;
    for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
    return out;
  };

  const value = <T>(input: T): T => redactValue(input, text) as T;

  return { addSecret, text, value };
}

function redactValue(input: unknown, text: (s: string) => string): unknown {
  if (typeof input === 'string') return text(input);
  if (Array.isArray(input)) return input.map((item) => redactValue(item, text));
  if (input !== null && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
    return Object.fromEntries(Object.entries(input).map(([key, item]) => [key, redactValue(item, text)]));
  }
  return input;
}
