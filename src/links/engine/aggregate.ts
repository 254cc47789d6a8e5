/** One score from a pair's comparison scores: weighted mean, min, max, or a decision tree over them. */
import type { Aggregate, AggregateFn, Comparison, Condition, RuleNode } from '../model/spec.js';

/** scores[k] is NaN where comparison k had no value on one side: it is left out. */
export function aggregator(agg: Aggregate, compare: readonly Comparison[]): (scores: Float64Array) => number {
  const weights = compare.map((c) => c.weight);
  const fn = (name: AggregateFn) =>
    name === 'weighted-mean' ? (s: Float64Array) => weightedMean(s, weights) : name === 'min' ? extreme(Math.min) : extreme(Math.max);
  if (typeof agg === 'string') return fn(agg);
  const index = new Map(compare.map((c, i) => [c.name, i]));
  const walk = (node: RuleNode): ((s: Float64Array) => number) => {
    if (typeof node === 'number') return () => node;
    if (typeof node === 'string') return fn(node);
    const test = condition(node.when, index.get(node.when.key)!);
    const yes = walk(node.yes);
    const no = walk(node.no);
    return (s) => (test(s) ? yes(s) : no(s));
  };
  return walk(agg.tree);
}

function weightedMean(s: Float64Array, w: readonly number[]): number {
  let sum = 0;
  let total = 0;
  for (let k = 0; k < s.length; k++) {
    const v = s[k]!;
    if (Number.isNaN(v)) continue;
    sum += v * w[k]!;
    total += w[k]!;
  }
  return total ? sum / total : 0;
}

const extreme =
  (pick: (a: number, b: number) => number) =>
  (s: Float64Array): number => {
    let out = Number.NaN;
    for (const v of s) if (!Number.isNaN(v)) out = Number.isNaN(out) ? v : pick(out, v);
    return Number.isNaN(out) ? 0 : out;
  };

/** A condition on a missing score is false. */
function condition(c: Condition, k: number): (s: Float64Array) => boolean {
  const { op, value } = c;
  return (s) => {
    const v = s[k]!;
    if (Number.isNaN(v)) return false;
    return op === '>=' ? v >= value : op === '>' ? v > value : op === '<=' ? v <= value : op === '<' ? v < value : v === value;
  };
}
