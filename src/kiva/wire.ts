/**
 * Tolerant reading of Kiva's answers: its sources disagree on casing (snake_case vs camelCase) and on whether a
 * body is JSON or plain text (`Success`), so every answer is normalised here before anything looks at it.
 */

export type WireBody = { kind: 'json'; value: unknown; text: string } | { kind: 'text'; text: string };

export function parseWireBody(text: string): WireBody {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
    try {
      return { kind: 'json', value: JSON.parse(trimmed) as unknown, text };
    } catch {
      // Not JSON after all: keep it as text, Kiva's message may still be in it.
    }
  }
  return { kind: 'text', text: trimmed };
}

/**
 * Kiva's answers repeat the same few keys (150,000 loans, a dozen keys each): each is converted once. Bounded,
 * since keys can also be data (a map keyed by loan id).
 */
const SNAKE = new Map<string, string>();
const SNAKE_CACHE_SIZE = 4096;

export function toSnakeCase(key: string): string {
  let snake = SNAKE.get(key);
  if (snake === undefined) {
    snake = /[A-Z]/.test(key) ? key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() : key;
    if (SNAKE.size < SNAKE_CACHE_SIZE) SNAKE.set(key, snake);
  }
  return snake;
}

/** Deep copy with every object key in snake_case, so the rest of the code reads one spelling. */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (isRecord(value)) {
    const copy: Record<string, unknown> = {};
    for (const key in value) {
      if (Object.hasOwn(value, key)) put(copy, toSnakeCase(key), snakeKeys(value[key]));
    }
    return copy;
  }
  return value;
}

/**
 * The object's own keys in snake_case, its values as they are: for reading a few fields of a large answer (a
 * page of 3,000 loans) without copying all of it. Anything else is returned as it is.
 */
export function snakeTop(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) if (Object.hasOwn(value, key)) put(copy, toSnakeCase(key), value[key]);
  return copy;
}

/** A key `__proto__` (JSON.parse makes it an own key) stays a key: assigning it would replace the prototype. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The body's JSON value with snake_case keys; a text body becomes its string. */
export function snakeValue(body: WireBody): unknown {
  return body.kind === 'json' ? snakeKeys(body.value) : body.text;
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

const LONGEST_MESSAGE = 1000;

/** Kiva's code and message from any error or success body (its error format is undocumented). */
export function kivaMessage(body: WireBody): { code?: string; message?: string } {
  if (body.kind === 'text') return body.text === '' ? {} : { message: shorten(plainText(body.text)) };
  // Only the first value's own fields and its listed errors are read: a page of loans is not copied for them.
  const first = snakeTop(Array.isArray(body.value) ? (body.value as unknown[])[0] : body.value);
  if (typeof first === 'string') return { message: shorten(first) };
  if (!isRecord(first)) return {};
  const code = asString(first.code) ?? asString(first.error);
  const texts = [first.message, first.error_description, first.detail, first.title, first.error]
    .map(asString)
    .filter((text): text is string => text !== undefined && text !== '');
  const listed = Array.isArray(first.errors) ? first.errors.map(describeListedError).filter(Boolean) : [];
  const message = texts[0] ?? (listed.length > 0 ? listed.join('; ') : undefined);
  return {
    ...(code !== undefined ? { code } : {}),
    ...(message !== undefined ? { message: shorten(message) } : {}),
  };
}

function describeListedError(item: unknown): string {
  if (typeof item === 'string') return item;
  if (!isRecord(item)) return '';
  const error = snakeTop(item) as Record<string, unknown>;
  return [asString(error.field), asString(error.message) ?? asString(error.default_message)].filter(Boolean).join(': ');
}

/** Gateways in front of Kiva answer errors as HTML pages: their title says it all. */
function plainText(text: string): string {
  if (!text.startsWith('<')) return text;
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  return (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

function shorten(text: string): string {
  return text.length > LONGEST_MESSAGE ? `${text.slice(0, LONGEST_MESSAGE)}…` : text;
}
