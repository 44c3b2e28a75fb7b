/**
 * Numbers from number cells, or from text only when the text can mean one number and one only under the
 * partner's decimal separator. See docs/workbook-rules.md for the table of accepted forms.
 */
import { INVALID, type CellSink, type Invalid } from './sink';

const SPACE_CLASS = '[ \\u00A0\\u202F\\u2009]';
const PLAIN = { '.': /^[+-]?(?:\d+\.?\d*|\.\d+)$/, ',': /^[+-]?(?:\d+,?\d*|,\d+)$/ } as const;
const GROUPED = {
  '.': /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/,
  ',': /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?$/,
} as const;
const SPACE_GROUPED = {
  '.': new RegExp(`^[+-]?\\d{1,3}(?:${SPACE_CLASS}\\d{3})+(?:\\.\\d*)?$`),
  ',': new RegExp(`^[+-]?\\d{1,3}(?:${SPACE_CLASS}\\d{3})+(?:,\\d*)?$`),
} as const;
/** One group of three after a single separator and nothing else: `1,234` is 1234 or 1.234 depending on habit. */
const SINGLE_GROUP = { '.': /^[+-]?\d{1,3},\d{3}$/, ',': /^[+-]?\d{1,3}\.\d{3}$/ } as const;
const SPACES = /[ \u00A0\u202F\u2009]/g;
const GROUP_MARK = { '.': /,/g, ',': /\./g } as const;

export type NumberTextResult = number | 'not-a-number' | 'number-ambiguous' | 'number-wrong-separator';

export function parseNumberText(text: string, separator: '.' | ','): NumberTextResult {
  if (PLAIN[separator].test(text)) return toNumber(text, separator);
  if (SINGLE_GROUP[separator].test(text)) return 'number-ambiguous';
  if (GROUPED[separator].test(text)) return toNumber(text.replace(GROUP_MARK[separator], ''), separator);
  if (SPACE_GROUPED[separator].test(text)) return toNumber(text.replace(SPACES, ''), separator);
  const other = separator === '.' ? ',' : '.';
  if (PLAIN[other].test(text) || GROUPED[other].test(text) || SPACE_GROUPED[other].test(text)) {
    return 'number-wrong-separator';
  }
  return 'not-a-number';
}

function toNumber(text: string, separator: '.' | ','): number {
  return Number(separator === ',' ? text.replace(',', '.') : text);
}

export function readNumber(value: unknown, sink: CellSink, separator: '.' | ','): number | Invalid {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value === 0 ? 0 : value;
    sink.report('not-a-number', 'error', { value: String(value) });
    return INVALID;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    const parsed = parseNumberText(text, separator);
    if (typeof parsed === 'number') return parsed;
    // recognition: a number in the other notation is refused because of a setting: the message names it.
    const cause: Record<string, string> =
      parsed === 'number-wrong-separator' ? { setting: 'decimalSeparator', settingValue: separator } : {};
    sink.report(parsed, 'error', { value: clip(text), separator, ...cause });
    return INVALID;
  }
  sink.report('not-a-number', 'error', { value: describe(value) });
  return INVALID;
}

/** An amount of money: positive (or zero where allowed) with at most two decimals, rounded to the cent. */
/** `allowZero`: `amount` for a repayment amount (0 allowed, a negative one named as the amount). */
export function readMoney(
  value: unknown,
  sink: CellSink,
  separator: '.' | ',',
  allowZero: boolean | 'amount',
): number | Invalid {
  const n = readNumber(value, sink, separator);
  if (n === INVALID) return INVALID;
  if (allowZero ? n < 0 : n <= 0) {
    sink.report(
      allowZero === 'amount' ? 'amount-negative' : allowZero ? 'number-negative' : 'amount-not-positive',
      'error',
      {
        value: String(n),
      },
    );
    return INVALID;
  }
  const cents = n * 100;
  const rounded = Math.round(cents);
  // Past 2^53 cents no amount keeps its cents (and near Number.MAX_VALUE the product overflows to Infinity).
  if (!Number.isSafeInteger(rounded)) {
    sink.report('number-too-large', 'error', { value: String(n) });
    return INVALID;
  }
  // Binary floating point: 25.01 * 100 is 2500.9999999999995, still exactly two decimals to a person.
  if (Math.abs(cents - rounded) > 1e-6 * Math.max(1, Math.abs(cents))) {
    sink.report('too-many-decimals', 'error', { value: String(n) });
    return INVALID;
  }
  return rounded / 100;
}

export function describe(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return 'date';
  return typeof value;
}

/** Long cell text quoted in a message only by its start. */
export function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
