/**
 * Ids (loan, client) are text in Kiva's JSON. Text cells keep every character (leading zeros, `1e5`); number
 * cells are written out in full, never as `1042970.0` or `1.04E+06`.
 */
import { FORMAT_DATE, formatKind } from './number-formats';
import { describe } from './numbers';
import { INVALID, type CellSink, type Invalid } from './sink';
import { warnIfFormulaLike } from './text';

/** Excel keeps 15 significant digits: from 16 digits on, the last ones typed were replaced by zeros. */
const EXACT_LIMIT = 1e15;
const MAX_ID_LENGTH = 255;

export function readId(value: unknown, format: string | null | undefined, sink: CellSink): string | Invalid {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.length > MAX_ID_LENGTH) {
      sink.report('text-too-long', 'error', { length: text.length, max: MAX_ID_LENGTH });
      return INVALID;
    }
    warnIfFormulaLike(text, sink);
    return text;
  }
  if (typeof value === 'number') return idFromNumber(value, format, sink);
  sink.report('expected-text', 'error', { value: describe(value) });
  return INVALID;
}

function idFromNumber(value: number, format: string | null | undefined, sink: CellSink): string | Invalid {
  const kind = formatKind(format);
  if ((kind & 3) === FORMAT_DATE) {
    sink.report('expected-text', 'error', { value: 'date' });
    return INVALID;
  }
  if (!Number.isFinite(value) || !Number.isInteger(value)) {
    sink.report('id-not-integer', 'error', { value: String(value) });
    return INVALID;
  }
  if (Math.abs(value) >= EXACT_LIMIT) {
    sink.report('id-precision-lost', 'error', { value: value.toExponential(5).toUpperCase() });
    return INVALID;
  }
  const digits = String(value);
  const width = kind >> 2;
  // A `000000` format shows leading zeros the sheet never stored: send what the user sees.
  return width > digits.length && value >= 0 ? digits.padStart(width, '0') : digits;
}
