/** Levenshtein distance on folded names, to suggest the closest valid choices when a name is not found. */

let previous = new Int32Array(64);
let current = new Int32Array(64);

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (previous.length <= b.length) {
    previous = new Int32Array(b.length * 2 + 1);
    current = new Int32Array(b.length * 2 + 1);
  }
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length] ?? 0;
}

/** Up to `count` choices nearest to `query`; a choice that contains the query, or is contained in it, comes first. */
export function closest(query: string, choices: readonly { key: string; label: string }[], count = 3): string[] {
  const scored = choices.map((c) => {
    const distance = editDistance(query, c.key);
    const contains = query.length >= 3 && (c.key.includes(query) || query.includes(c.key));
    return { label: c.label, score: contains ? Math.min(distance, 1) : distance };
  });
  scored.sort((x, y) => x.score - y.score || x.label.localeCompare(y.label));
  const labels: string[] = [];
  for (const s of scored) {
    if (labels.length >= count) break;
    if (!labels.includes(s.label)) labels.push(s.label);
  }
  return labels;
}
