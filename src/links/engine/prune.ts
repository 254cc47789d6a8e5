/**
 * Stops scoring a pair once it cannot reach the review threshold: comparisons run
 * heaviest first, and after each one the best score still reachable is bounded.
 * Only for weighted-mean and min, whose bound is cheap and exact; other aggregates score all.
 */
import type { LinkSpec } from '../model/spec.js';

export class Pruner {
  private readonly order: number[];
  private readonly restWeight: number[];
  private readonly mode: 'weighted-mean' | 'min' | 'none';

  constructor(private readonly spec: LinkSpec) {
    const w = spec.compare.map((c) => c.weight);
    this.order = w.map((_, k) => k).sort((a, b) => w[b]! - w[a]!);
    this.restWeight = this.order.map((_, n) => this.order.slice(n + 1).reduce((sum, k) => sum + w[k]!, 0));
    this.mode = spec.aggregate === 'weighted-mean' || spec.aggregate === 'min' ? spec.aggregate : 'none';
  }

  /** Fills scores (NaN = no value); false when the pair was given up, its remaining scores unset. */
  scoreAll(scores: Float64Array, score: (k: number) => number): boolean {
    let sum = 0;
    let weight = 0;
    for (let n = 0; n < this.order.length; n++) {
      const k = this.order[n]!;
      const s = score(k);
      scores[k] = s;
      if (this.mode === 'none' || Number.isNaN(s)) continue;
      if (this.mode === 'min') {
        if (s < this.spec.review) return false;
        continue;
      }
      sum += s * this.spec.compare[k]!.weight;
      weight += this.spec.compare[k]!.weight;
      // The remaining comparisons either score at most 1 or are left out: the mean can reach no higher than this.
      const rest = this.restWeight[n]!;
      const bound = Math.max(weight ? sum / weight : 0, (sum + rest) / (weight + rest));
      if (bound < this.spec.review) return false;
    }
    return true;
  }
}
