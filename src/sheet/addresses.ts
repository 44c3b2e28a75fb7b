/** Excel cell addresses, so every message can say exactly where to look (`Loans!F7`). */

const letterCache: string[] = [];

/** 1-based column number → letters (1 → A, 27 → AA). */
export function columnLetter(column: number): string {
  const cached = letterCache[column];
  if (cached !== undefined) return cached;
  let n = Math.max(1, Math.floor(column));
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  if (column < 20000) letterCache[column] = letters;
  return letters;
}

/** Letters → 1-based column number, or 0 when not a column. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) return 0;
    n = n * 26 + (c - 64);
  }
  return n;
}

const PLAIN_SHEET_NAME = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/;
const CELL_LIKE = /^(?:[A-Za-z]{1,3}\d+|[RrCc]\d*|[Rr]\d+[Cc]\d+)$/;

/** The sheet part of an address, quoted the way Excel quotes it when the name needs it. */
export function sheetPrefix(sheet: string): string {
  if (PLAIN_SHEET_NAME.test(sheet) && !CELL_LIKE.test(sheet)) return `${sheet}!`;
  return `'${sheet.replace(/'/g, "''")}'!`;
}

export function cellAddress(sheet: string, column: string, row: number): string {
  return `${sheetPrefix(sheet)}${column}${row}`;
}
