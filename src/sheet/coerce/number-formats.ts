/** What a cell's number format says about its number: a date, text, or an id padded with zeros. */

export const FORMAT_PLAIN = 0;
export const FORMAT_DATE = 1;
export const FORMAT_TEXT = 2;

/** Format kind, with zero-pad width for formats like `000000` in the upper bits. */
const cache = new Map<string, number>();

export function formatKind(format: string | null | undefined): number {
  if (format === undefined || format === null || format === '' || format === 'General') return FORMAT_PLAIN;
  let kind = cache.get(format);
  if (kind === undefined) {
    kind = classify(format);
    if (cache.size > 2000) cache.clear();
    cache.set(format, kind);
  }
  return kind;
}

export function isDateFormat(format: string | null | undefined): boolean {
  return (formatKind(format) & 3) === FORMAT_DATE;
}

/** Width of a pure zero-padding format (`00000` → 5), else 0. */
export function zeroPadWidth(format: string | null | undefined): number {
  return formatKind(format) >> 2;
}

function classify(format: string): number {
  // Only the first section (positive numbers) tells how an ordinary value is shown.
  const section = firstSection(format);
  if (/^0+$/.test(section)) return section.length << 2;
  const bare = stripLiterals(section);
  if (bare.trim() === '@') return FORMAT_TEXT;
  // Day, month, year and time tokens in English codes, plus Spanish/French year and day (a, j) Excel also shows.
  if (/[dmyhsaj]/i.test(bare.replace(/General/gi, '').replace(/E[+-]/g, ''))) return FORMAT_DATE;
  return FORMAT_PLAIN;
}

function firstSection(format: string): string {
  let inQuote = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === '\\') i++;
    else if (c === ';' && !inQuote) return format.slice(0, i);
  }
  return format;
}

/** Drops quoted text, escaped characters, `[colour]`/`[$€-x]` tags, and `_x`/`*x` padding. */
function stripLiterals(section: string): string {
  let out = '';
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      i = end < 0 ? section.length : end;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++;
    } else if (c === '[') {
      const end = section.indexOf(']', i + 1);
      const tag = section.slice(i + 1, end < 0 ? section.length : end);
      // [h], [mm], [ss] are elapsed-time tokens, i.e. date-like; colours and locales are not.
      if (/^[hms]+$/i.test(tag)) out += tag;
      i = end < 0 ? section.length : end;
    } else {
      out += c;
    }
  }
  return out;
}
