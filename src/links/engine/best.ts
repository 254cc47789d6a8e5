/**
 * The `best` filter: a pair survives when its score is within `margin` of the best score
 * of its source and of its target. Several records of one publication on one side score
 * alike and all stay; a weaker look-alike next to a true match goes. No 1:1 is forced.
 * A record of one publication present twice with small changes may score below its twin's
 * margin: with `alike`, a pair dropped on one side only stays when its entity and that
 * side's best partner match each other (one extra comparison, only for such pairs).
 */
import type { ScoredPair } from './types.js';

type Best = { score: number; partner: string };

export function keepBest(pairs: ScoredPair[], margin: number, dedup: boolean, alike?: (x: string, y: string) => boolean): ScoredPair[] {
  const bestSource = new Map<string, Best>();
  // Deduplicating, an entity is a source in some pairs and a target in others: one best for both.
  const bestTarget = dedup ? bestSource : new Map<string, Best>();
  const raise = (m: Map<string, Best>, k: string, score: number, partner: string) => {
    if (score > (m.get(k)?.score ?? Number.NEGATIVE_INFINITY)) m.set(k, { score, partner });
  };
  for (const p of pairs) {
    raise(bestSource, p.source, p.score, p.target);
    raise(bestTarget, p.target, p.score, p.source);
  }
  return pairs.filter((p) => {
    const s = bestSource.get(p.source)!;
    const t = bestTarget.get(p.target)!;
    const bySource = p.score >= s.score - margin;
    const byTarget = p.score >= t.score - margin;
    if (bySource && byTarget) return true;
    if (!alike || bySource === byTarget) return false;
    return bySource ? alike(p.source, t.partner) : alike(p.target, s.partner);
  });
}
