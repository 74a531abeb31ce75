/**
 * "Did you mean …?": the known name an unknown field most likely meant — a difference of case, or an edit distance
 * (insertions, deletions, substitutions, swaps of neighbours) of at most 2 letters, and at most a third of the name.
 * `ingestGBPerDay` → ingestGbPerDay, `sharedConsumer` → sharedConsumers, `retentionHour` → retentionHours.
 */
export function meantName(given: string, known: Iterable<string>): string | undefined {
  const lower = given.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    if (name === given) return undefined;
    const distance = editDistance(lower, name.toLowerCase(), 2);
    if (distance > Math.min(2, Math.floor(name.length / 3))) continue;
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best?.name;
}

/** The sentence of an unknown field, with the suggestion when there is one. */
export function unknownFieldMessage(key: string, what: string, meant: string | undefined): string {
  return meant ? `${key} is not a known ${what}. Did you mean ${meant}?` : `${key} is not a known ${what}`;
}

/** Optimal string alignment distance, giving up (returning limit + 1) once every path exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
      smallest = Math.min(smallest, d);
    }
    if (smallest > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length];
}
