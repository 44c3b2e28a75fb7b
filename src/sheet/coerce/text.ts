/** Free text: trimmed, kept exactly otherwise (accents, emoji, a leading `=` are all data). */
import { FORMAT_DATE, formatKind } from './number-formats';
import { describe } from './numbers';
import { INVALID, type CellSink, type Invalid } from './sink';

/** Excel holds at most 32,767 characters in a cell; longer text came from elsewhere and may have been cut. */
export const EXCEL_CELL_LIMIT = 32767;

export function readText(
  value: unknown,
  format: string | null | undefined,
  sink: CellSink,
  maxLength: number,
): string | Invalid {
  let text: string;
  if (typeof value === 'string') {
    text = value.trim();
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    if ((formatKind(format) & 3) === FORMAT_DATE) {
      sink.report('expected-text', 'error', { value: 'date' });
      return INVALID;
    }
    // What Excel shows in a General cell: 15 significant digits, no float noise.
    text = String(Number(value.toPrecision(15)));
  } else {
    sink.report('expected-text', 'error', { value: describe(value) });
    return INVALID;
  }
  if (text.length > maxLength) {
    if (maxLength < EXCEL_CELL_LIMIT) {
      sink.report('text-too-long', 'error', { length: text.length, max: maxLength });
      return INVALID;
    }
    sink.report('text-very-long', 'warning', { length: text.length, max: maxLength });
  }
  warnIfFormulaLike(text, sink);
  return text;
}

/**
 * `=`, `+`, `@` at the start: someone probably meant a formula. It is sent as the text it is, and the user is
 * told so. A leading `-` is left alone: it starts lists and negative-looking codes far more often than formulas.
 */
export function warnIfFormulaLike(text: string, sink: CellSink): void {
  const first = text.charCodeAt(0);
  if (first === 61 || first === 43 || first === 64)
    sink.report('formula-like-text', 'warning', { first: text[0] ?? '' });
}
