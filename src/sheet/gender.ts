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

/** Words for "not given": the gender is left out with a warning rather than blocking the loan. */
const NOT_GIVEN: ReadonlySet<string> = new Set(
  [
    'unknown',
    'not given',
    'not specified',
    'other',
    'n/a',
    'na',
    'nd',
    'desconocido',
    'no especificado',
    'no informa',
    'otro',
    'sin dato',
    'inconnu',
    'non precise',
    'non renseigne',
    'autre',
    '?',
  ]
    .map(fold)
    .filter((w) => w !== ''),
);

export function readGender(value: unknown, sink: CellSink, hombreColumn: boolean): Gender | Invalid | undefined {
  if (typeof value === 'string') {
    const word = fold(value);
    if (word === '' || NOT_GIVEN.has(word)) {
      sink.report('gender-not-given', 'warning', { value: value.trim() });
      return undefined;
    }
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
