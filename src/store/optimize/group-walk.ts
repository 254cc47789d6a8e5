/** The walks over a group pattern that the FILTER rewrites share. */
import type * as sparqljs from 'sparqljs';
import { conjoin, conjuncts } from './ast.js';

type Pattern = sparqljs.Pattern;
type Expression = sparqljs.Expression;

/** Runs `rewrite` on each group one level down (group, OPTIONAL, MINUS, GRAPH, UNION branches); sums its counts. */
export async function rewriteSubgroups(patterns: Pattern[], rewrite: (inner: Pattern[]) => Promise<number>): Promise<number> {
  let done = 0;
  for (const p of patterns) {
    if (p.type === 'group' || p.type === 'optional' || p.type === 'minus' || p.type === 'graph') done += await rewrite(p.patterns);
    else if (p.type === 'union') for (const g of p.patterns) if (g.type === 'group') done += await rewrite(g.patterns);
  }
  return done;
}

/**
 * What a rewrite does with one FILTER conjunct: leave it (undefined), drop it
 * (null: the rewritten patterns now say it) or put another in its place.
 */
export type ConjunctStep = (conjunct: Expression) => Promise<Expression | null | undefined>;

/** Offers each conjunct of each FILTER of the group to `step`, in order; a filter left empty goes. Returns how many it rewrote. */
export async function rewriteConjuncts(patterns: Pattern[], step: ConjunctStep): Promise<number> {
  let done = 0;
  for (let i = 0; i < patterns.length; i++) {
    const f = patterns[i];
    if (f?.type !== 'filter') continue;
    const parts = conjuncts(f.expression);
    for (let j = 0; j < parts.length; j++) {
      const next = await step(parts[j] as Expression);
      if (next === undefined) continue;
      done++;
      if (next) parts[j] = next;
      else parts.splice(j--, 1);
    }
    if (parts.length === 0) patterns.splice(i--, 1);
    else f.expression = conjoin(parts);
  }
  return done;
}
