/**
 * The closest candidate to a mistyped name, if it is close enough to be what was meant. Bounded:
 * names longer than MAX_WORD are not typos of anything, a candidate whose length alone puts it out
 * of reach is skipped, and at most MAX_CANDIDATES are compared, so a hostile 1 MB key or a map of
 * 100,000 keys costs milliseconds.
 */
const MAX_WORD = 128;
const MAX_CANDIDATES = 5000;

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_WORD) return undefined;
  const tolerance = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = tolerance + 1;
  let compared = 0;
  for (const candidate of candidates) {
    if (compared++ >= MAX_CANDIDATES) break;
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "Admin"?)` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/** Levenshtein distance, or `limit` as soon as the distance is known to be at least that. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length];
}
