/**
 * Statistics-driven choice of the first triple pattern. Oxigraph 0.5 orders a
 * join greedily by a fixed guess per pattern shape (sparopt: subject+object
 * bound 10,000 rows, predicate only 1,000,000, ...), first pattern wins ties,
 * then loops over the rest with the bound variables. It never looks at the
 * data, so `?a rdf:type bibo:Article . ?a bibo:isbn ?v` starts from every
 * article although no article has an ISBN (SP2Bench q3c), and q1 starts from
 * every journal instead of the one title. Here the constant-predicate
 * patterns of the query's top group are counted (capped; cached per
 * change-log sequence by the caller) and the rarest one is made Oxigraph's
 * first pick:
 * - it becomes `{ SELECT its variables { pattern } LIMIT n }` with n its exact
 *   row count, which Oxigraph estimates at n rows: all rows, so the same
 *   answers (the caller discards the rewrite if a write lands meanwhile);
 * - patterns with subject unbound and predicate and object constant that would
 *   still look smaller are written with a fresh predicate variable and
 *   FILTER(sameTerm(?fresh, <p>)): the same matches, guessed at 100,000 rows
 *   (not done under SELECT *, which would show the fresh variable).
 * Only groups of plain triples and filters (OPTIONAL/MINUS after them) with no
 * blank nodes or paths, without a dataset clause, are touched.
 */
import type * as sparqljs from 'sparqljs';

type Pattern = sparqljs.Pattern;
type Triple = sparqljs.Triple;
type Term = { termType: string; value: string };

/** Counting stops here: a pattern with more rows is "large". */
export const COUNT_CAP = 100_000;

export interface PatternCountDeps {
  /**
   * Rows each triple pattern matches over all graphs, exact up to COUNT_CAP, COUNT_CAP + 1 above it;
   * 'estimate' may answer with a count taken before the latest write.
   */
  patternCounts(triples: Triple[], mode?: 'exact' | 'estimate'): Promise<number[]>;
}

const isVar = (t: unknown): t is Term => (t as Term | undefined)?.termType === 'Variable';
const isConstant = (t: unknown) => ['NamedNode', 'Literal'].includes((t as Term | undefined)?.termType ?? '');

/** Oxigraph's guess for a triple pattern with nothing bound from outside (sparopt estimate_triple_pattern_size). */
export function oxigraphEstimate(t: Triple): number {
  const s = isConstant(t.subject);
  const p = isConstant(t.predicate);
  const o = isConstant(t.object);
  if (s && p && o) return 1;
  if (s && p) return 10;
  if (s && o) return 2;
  if (p && o) return 10_000;
  if (s) return 100;
  if (p) return 1_000_000;
  if (o) return 100_000;
  return 1_000_000_000;
}

/** Only plain triples (no paths, no blank nodes) can be moved or rewritten safely. */
function plain(t: Triple): boolean {
  const terms = [t.subject, t.predicate, t.object] as unknown[];
  return terms.every((x) => isVar(x) || isConstant(x)) && (isConstant(t.predicate) || isVar(t.predicate));
}

function varsOf(t: Triple): sparqljs.VariableTerm[] {
  const seen = new Map<string, sparqljs.VariableTerm>();
  for (const x of [t.subject, t.predicate, t.object]) if (isVar(x)) seen.set(x.value, x as sparqljs.VariableTerm);
  return [...seen.values()];
}

/** Variable names not used anywhere in the query. */
function freshNames(query: unknown): () => string {
  const text = JSON.stringify(query);
  let i = 0;
  return () => {
    while (text.includes(`"libkgP${i}"`)) i++;
    return `libkgP${i++}`;
  };
}

/** The group's join members are its triples only (filters apply to the whole group; OPTIONAL/MINUS after the triples wrap them). */
function simpleGroup(patterns: Pattern[]): boolean {
  let afterTriples = false;
  for (const p of patterns) {
    if (p.type === 'bgp') {
      if (afterTriples) return false;
    } else if (p.type === 'optional' || p.type === 'minus') afterTriples = true;
    else if (p.type !== 'filter') return false;
  }
  return true;
}

/** A SELECT whose LIMIT cuts the join's rows as they come: nothing between the join and the LIMIT needs all of them. */
function streamsToLimit(query: sparqljs.Query): boolean {
  if (query.queryType !== 'SELECT' || query.limit === undefined) return false;
  if (query.order?.length || query.group?.length || query.having?.length || query.distinct || query.reduced) return false;
  return !query.variables.some((v) => 'expression' in v && JSON.stringify(v.expression).includes('"type":"aggregate"'));
}

/** Rewrites the query's top group in place; returns 1 if the first pattern was changed. */
export async function orderBySelectivity(query: sparqljs.Query, deps: Partial<PatternCountDeps>): Promise<number> {
  if (!deps.patternCounts || !query.where) return 0;
  if (query.from && (query.from.default.length || query.from.named.length)) return 0;
  if (query.queryType === 'DESCRIBE') return 0;
  // A LIMIT the engine can stop at (no ORDER BY, grouping, DISTINCT or aggregate before it): Oxigraph's own order
  // reaches the first rows early, while the count-chosen start is fenced in a subquery (three-hop at 100k:
  // 20-26 ms without join order, 44 ms with it).
  if (streamsToLimit(query)) return 0;
  const count = deps.patternCounts.bind(deps);
  const fresh = freshNames(query);
  const wildcard = query.queryType === 'SELECT' && query.variables.some((v) => 'termType' in v && v.termType === 'Wildcard');
  // The top group, or each branch of a top-level UNION (as union-distribute.ts leaves q12b).
  const [first, ...rest] = query.where;
  if (first?.type === 'union' && rest.every((p) => p.type === 'filter')) {
    let done = 0;
    for (const branch of first.patterns) {
      if (branch.type !== 'group') continue;
      const better = await orderGroup(branch.patterns, count, fresh, wildcard);
      if (better) {
        branch.patterns = better;
        done++;
      }
    }
    return done ? 1 : 0;
  }
  const better = await orderGroup(query.where, count, fresh, wildcard);
  if (better) query.where = better;
  return better ? 1 : 0;
}

/** Variable names an expression reads (inside EXISTS too: then it reads more, and counts as reading them). */
function readVars(x: unknown, out = new Set<string>()): Set<string> {
  if (isVar(x)) out.add(x.value);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) readVars(v, out);
  return out;
}

/** Which pattern to start from, whether it needs the LIMIT wrapper, and which patterns to demote; undefined: leave the group. */
function firstPattern(
  triples: Triple[],
  countOf: Map<number, number>,
  wildcard: boolean,
  filters: readonly Set<string>[] = [],
): { ours: number; wrap: boolean; demote: number[] } | undefined {
  const estimate = triples.map(oxigraphEstimate);
  // Oxigraph's pick: the first smallest guess. Ours: the smallest count (ties keep Oxigraph's pick).
  const theirs = estimate.indexOf(Math.min(...estimate));
  let ours = -1;
  for (const [i, n] of countOf) if (n <= COUNT_CAP && (ours < 0 || n < (countOf.get(ours) as number))) ours = i;
  if (ours < 0 || ours === theirs) return undefined;
  // A filter Oxigraph can apply to its own first pick alone cuts that pick's rows by a factor no count shows
  // (CONTAINS on a title: 140 ms as written, 730-1,100 ms started from the rarer names): leave the order then.
  const bound = (i: number) => new Set(varsOf(triples[i] as Triple).map((v) => v.value));
  const onlyTheirs = (f: Set<string>) => [...f].every((v) => bound(theirs).has(v)) && ![...f].every((v) => bound(ours).has(v));
  if (filters.some((f) => f.size > 0 && onlyTheirs(f))) return undefined;
  const ourCount = countOf.get(ours) as number;
  if (ourCount >= (countOf.get(theirs) ?? Number.POSITIVE_INFINITY)) return undefined;
  const wrap = ourCount < (estimate[ours] as number);
  const ourGuess = wrap ? ourCount : (estimate[ours] as number);
  // Every other pattern must be guessed larger than ours; demote the ones that can be, or give up.
  const demote: number[] = [];
  for (let i = 0; i < triples.length; i++) {
    if (i === ours || (estimate[i] as number) > ourGuess) continue;
    const t = triples[i] as Triple;
    const canDemote = !wildcard && !isConstant(t.subject) && isConstant(t.predicate) && isConstant(t.object) && ourGuess < 100_000;
    if (!canDemote) return undefined;
    demote.push(i);
  }
  return { ours, wrap, demote };
}

/** The group with its rarest pattern made Oxigraph's first pick, or undefined when nothing changes. */
async function orderGroup(
  where: Pattern[],
  patternCounts: PatternCountDeps['patternCounts'],
  fresh: () => string,
  wildcard: boolean,
): Promise<Pattern[] | undefined> {
  if (!simpleGroup(where)) return undefined;
  const bgps = where.filter((p): p is sparqljs.BgpPattern => p.type === 'bgp');
  const triples = bgps.flatMap((b) => b.triples);
  if (triples.length < 2 || !triples.every(plain)) return undefined;
  // A pattern with a constant subject is guessed at 100 rows or fewer and starts the join anyway: nothing to count
  // (the everyday "this work's authors" query then costs no count query per new IRI).
  if (Math.min(...triples.map(oxigraphEstimate)) < 10_000) return undefined;
  const counted = triples.map((t, i) => ({ t, i })).filter(({ t }) => isConstant(t.predicate) && varsOf(t).length > 0);
  if (counted.length === 0) return undefined;
  const estimates = await patternCounts(
    counted.map(({ t }) => t),
    'estimate',
  );
  const countOf = new Map(counted.map(({ i }, k) => [i, estimates[k] as number]));
  const filterVars = where.filter((p): p is sparqljs.FilterPattern => p.type === 'filter').map((f) => readVars(f.expression));
  let plan = firstPattern(triples, countOf, wildcard, filterVars);
  if (plan?.wrap) {
    // LIMIT n keeps every row only if n is the count now: recount that one pattern (the rarest, so cheap) and decide again.
    const [exact] = await patternCounts([triples[plan.ours] as Triple], 'exact');
    countOf.set(plan.ours, exact as number);
    const again = firstPattern(triples, countOf, wildcard, filterVars);
    plan = again?.ours === plan.ours ? again : undefined;
  }
  if (!plan) return undefined;
  const { ours, wrap, demote } = plan;
  const ourCount = countOf.get(ours) as number;
  const filters: sparqljs.FilterPattern[] = [];
  const rewritten = triples.map((t, i) => {
    if (!demote.includes(i)) return t;
    const v = { termType: 'Variable', value: fresh() } as sparqljs.VariableTerm;
    filters.push({ type: 'filter', expression: { type: 'operation', operator: 'sameterm', args: [v, t.predicate as sparqljs.IriTerm] } });
    return { ...t, predicate: v };
  });
  const first = rewritten[ours] as Triple;
  const rest = rewritten.filter((_, i) => i !== ours);
  const head: Pattern[] = wrap
    ? [
        {
          type: 'group',
          patterns: [
            {
              type: 'query',
              queryType: 'SELECT',
              variables: varsOf(first),
              where: [{ type: 'bgp', triples: [first] }],
              limit: ourCount,
              prefixes: {},
            } as sparqljs.SelectQuery,
          ],
        },
      ]
    : [{ type: 'bgp', triples: [first] }];
  const others = where.filter((p) => p.type !== 'bgp');
  return [...head, ...(rest.length ? [{ type: 'bgp', triples: rest } as sparqljs.BgpPattern] : []), ...filters, ...others];
}
