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

export function toSnakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Deep copy with every object key in snake_case, so the rest of the code reads one spelling. */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [toSnakeCase(key), snakeKeys(item)]));
  }
  return value;
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
  const value = snakeKeys(body.value);
  const first = Array.isArray(value) ? value[0] : value;
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
  return [asString(item.field), asString(item.message) ?? asString(item.default_message)].filter(Boolean).join(': ');
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
