/** Yes/no in the words a loan officer types, in English, Spanish and French, plus Excel's own TRUE/FALSE. */
import { fold } from '../normalise';
import { describe } from './numbers';
import { INVALID, type CellSink, type Invalid } from './sink';

const WORDS: ReadonlyMap<string, boolean> = new Map([
  ...['true', 'yes', 'y', 'si', 'oui', 'o', '1', 'x', 'vrai', 'verdadero'].map((w) => [w, true] as const),
  ...['false', 'no', 'n', 'non', '0', 'faux', 'falso'].map((w) => [w, false] as const),
]);

export function readYesNo(value: unknown, sink: CellSink): boolean | Invalid {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const word = WORDS.get(fold(value));
    if (word !== undefined) return word;
  }
  sink.report('yesno-invalid', 'error', { value: describe(value) });
  return INVALID;
}
