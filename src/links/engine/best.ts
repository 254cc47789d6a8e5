/**
 * The `best` filter: a pair survives when its score is within `margin` of the best score
 * of its source and of its target. Several records of one publication on one side score
 * alike and all stay; a weaker look-alike next to a true match goes. No 1:1 is forced.
 */
import type { ScoredPair } from './types.js';

export function keepBest(pairs: ScoredPair[], margin: number, dedup: boolean): ScoredPair[] {
  const bestSource = new Map<string, number>();
  // Deduplicating, an entity is a source in some pairs and a target in others: one best for both.
  const bestTarget = dedup ? bestSource : new Map<string, number>();
  const raise = (m: Map<string, number>, k: string, s: number) => {
    if (s > (m.get(k) ?? Number.NEGATIVE_INFINITY)) m.set(k, s);
  };
  for (const p of pairs) {
    raise(bestSource, p.source, p.score);
    raise(bestTarget, p.target, p.score);
  }
  return pairs.filter((p) => p.score >= bestSource.get(p.source)! - margin && p.score >= bestTarget.get(p.target)! - margin);
}
