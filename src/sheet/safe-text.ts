/**
 * Text written into the workbook must stay text. Excel turns a value that starts with `=`, `+`, `-` or `@` into a
 * formula; such text gets the apostrophe Excel itself uses to mark a cell as text (the usual guard against formula
 * injection), on top of the `@` number format adapters set on every cell they write.
 */

import { createRedactor } from '../kiva/redact';

const FORMULA_START = /^[=+\-@\t\r]/;
const LINE_BREAKS = /\s*[\r\n]+\s*/g;

export function cellText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One line, bounded, safe: for the status column, where a row holds one short line. */
export function lineText(text: string, max = 1000): string {
  const line = text.replace(LINE_BREAKS, ' ').trim();
  return cellText(line.length > max ? `${line.slice(0, max - 1)}…` : line);
}

const redactor = createRedactor();

/** Kiva's messages go into the log sheet; a token or secret echoed back in one never does. */
export function redactSecrets(text: string): string {
  return redactor.text(text);
}
