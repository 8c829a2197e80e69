// How close two words are, for every did-you-mean flag-scan prints: config keys, rule ids and presets, CLI
// commands and options, flag names. One measure, so the suggestions agree everywhere.

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions (`fromat` -> `format` is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

export interface MatchOptions {
  /** At most this many, closest first. @default 3 */
  limit?: number;
  /** The largest distance that still reads as a typo of a word this long. @default a third of it, at least 1 */
  maxDistance?: (length: number) => number;
}

/** The candidates close enough to `word` to be what was meant, closest first, compared without case. */
export function closestMatches(word: string, candidates: Iterable<string>, options: MatchOptions = {}): string[] {
  const lower = word.toLowerCase();
  const maxDistance = (options.maxDistance ?? ((length) => Math.max(1, Math.floor(length / 3))))(lower.length);
  const scored: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of new Set(candidates)) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= maxDistance) scored.push({ candidate, distance });
  }
  return scored
    .sort((x, y) => x.distance - y.distance || (x.candidate < y.candidate ? -1 : x.candidate > y.candidate ? 1 : 0))
    .slice(0, options.limit ?? 3)
    .map((s) => s.candidate);
}

/** Config messages allow a little more slack: `stale-flags` for `stale-flag`, `lanchdarkly` for `launchdarkly`. */
const CONFIG_DISTANCE = (length: number) => Math.max(2, Math.floor(length / 3));

/** The one candidate closest to `input`, when it is close enough to be the intended one (a typo, not another word). */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  return closestMatches(input, candidates, { limit: 1, maxDistance: CONFIG_DISTANCE })[0];
}

/** `; did you mean "x"?` for a config message, or "" when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? "" : `; did you mean ${JSON.stringify(match)}?`;
}
