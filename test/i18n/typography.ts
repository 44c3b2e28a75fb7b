/**
 * French typography as the house rule has it: a no-break space (U+00A0) before « : » and inside « guillemets », a
 * narrow no-break space (U+202F) before ; ! ?, and no English quotes. A colon in `https://`, `14:03` or `read:loans`
 * is not punctuation of the sentence and is left alone.
 */
const NBSP = '\u00a0';
const NNBSP = '\u202f';
const SPACE = /\s/u;
/** What may follow a colon or ; ! ? that is not punctuation of the sentence (`https://`, `14:03`, `?x=1`). */
const GLUED = /[\p{L}\p{N}/{=&]/u;

export interface TypographyProblem {
  at: number;
  problem: string;
}

export function frenchTypographyProblems(text: string): TypographyProblem[] {
  const problems: TypographyProblem[] = [];
  const say = (at: number, problem: string) => problems.push({ at, problem });
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const before = text[i - 1] ?? '';
    const after = text[i + 1] ?? '';
    if (c === ':' || c === ';' || c === '!' || c === '?') {
      const punctuation = SPACE.test(before) || after === '' || !GLUED.test(after);
      const wanted = c === ':' ? NBSP : NNBSP;
      if (punctuation && before !== wanted) {
        say(i, `${c} needs ${c === ':' ? 'U+00A0' : 'U+202F'} before it, found ${describe(before)}`);
      }
    } else if (c === '«' && after !== NBSP) {
      say(i, `« needs U+00A0 after it, found ${describe(after)}`);
    } else if (c === '»' && before !== NBSP) {
      say(i, `» needs U+00A0 before it, found ${describe(before)}`);
    } else if (c === '“' || c === '”') {
      say(i, `${c} is an English quote: French uses « »`);
    }
  }
  return problems;
}

function describe(char: string): string {
  if (char === '') return 'nothing';
  if (char === ' ') return 'a plain space';
  if (char === NBSP) return 'U+00A0';
  if (char === NNBSP) return 'U+202F';
  return `“${char}”`;
}

/** Every string in a nested table, with its path (`send.summary`, `counts.rows.one`). */
export function stringsOf(table: unknown, path = ''): [string, string][] {
  if (typeof table === 'string') return [[path, table]];
  if (Array.isArray(table)) return table.flatMap((item, i) => stringsOf(item, `${path}[${i}]`));
  if (table !== null && typeof table === 'object') {
    return Object.entries(table).flatMap(([key, value]) => stringsOf(value, path === '' ? key : `${path}.${key}`));
  }
  return [];
}
