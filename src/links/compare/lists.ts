/** Comparisons of lists of values: Monge-Elkan for names, and numeric distances. */

/**
 * Monge-Elkan, made symmetric: the mean, over each name of one list, of its best
 * inner similarity in the other list, averaged over both directions (a list with
 * one extra name is not punished as hard as a list that misses them all).
 */
export function mongeElkan(a: readonly string[], b: readonly string[], inner: (x: string, y: string) => number): number {
  return (oneWay(a, b, inner) + oneWay(b, a, inner)) / 2;
}

function oneWay(a: readonly string[], b: readonly string[], inner: (x: string, y: string) => number): number {
  let sum = 0;
  for (const x of a) {
    let best = 0;
    for (const y of b) {
      const s = x === y ? 1 : inner(x, y);
      if (s > best) best = s;
      if (best === 1) break;
    }
    sum += best;
  }
  return sum / a.length;
}

/** 1 at equal numbers, falling linearly to 0 at `max` apart; the closest pair of the two lists counts. */
export function numberDistance(a: readonly number[], b: readonly number[], max: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const x of a) for (const y of b) best = Math.min(best, Math.abs(x - y));
  if (max <= 0) return best === 0 ? 1 : 0;
  return Math.max(0, 1 - best / max);
}
