/**
 * Gender words in three languages → Kiva's `male` / `female`. `H` is hombre/homme (male). `M` is male in an
 * M/F column but mujer (female) in an H/M column, so in a column that uses `H` anywhere, `M` is not guessed.
 */
import type { Gender } from '../kiva/models';
import { describe } from './coerce/numbers';
import { INVALID, type CellSink, type Invalid } from './coerce/sink';
import { fold } from './normalise';

const WORDS: ReadonlyMap<string, Gender> = new Map([
  ...['m', 'male', 'man', 'h', 'hombre', 'varon', 'masculino', 'masc', 'homme', 'masculin'].map(
    (w) => [w, 'male'] as const,
  ),
  ...['f', 'female', 'woman', 'mujer', 'femenino', 'fem', 'femme', 'feminin', 'feminine'].map(
    (w) => [w, 'female'] as const,
  ),
]);

/** Whether a gender column follows the Spanish/French H/M habit, read once for the whole column. */
export function usesHombreLetter(cells: Iterable<unknown>): boolean {
  for (const cell of cells) if (typeof cell === 'string' && fold(cell) === 'h') return true;
  return false;
}

export function readGender(value: unknown, sink: CellSink, hombreColumn: boolean): Gender | Invalid {
  if (typeof value === 'string') {
    const word = fold(value);
    if (word === 'm' && hombreColumn) {
      sink.report('gender-ambiguous', 'error', { value: value.trim() });
      return INVALID;
    }
    const gender = WORDS.get(word);
    if (gender !== undefined) return gender;
  }
  sink.report('gender-invalid', 'error', { value: describe(value) });
  return INVALID;
}
