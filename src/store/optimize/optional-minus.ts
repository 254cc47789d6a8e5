/**
 * OPTIONAL { P } FILTER(!bound(?v)) -> MINUS { P }: SPARQL 1.0's way to
 * write "no such P" (SP2Bench q6, q7). Oxigraph computes the optional side in
 * full for every row; MINUS is an anti-join it evaluates once. Same answers
 * when (checked here):
 * - ?v is bound by a triple of P, so the filter drops exactly the rows P matched;
 * - P is triples (and nested groups rewritten the same way) whose filters read
 *   only P's own variables (a filter at the top of an OPTIONAL also sees the
 *   outer row; MINUS would not);
 * - P shares at least one variable with the outer group, and every shared
 *   variable is bound by the outer group's own triples (MINUS only removes
 *   rows that share a bound variable);
 * - P's other variables occur nowhere else in the query.
 */
import type * as sparqljs from 'sparqljs';
import { countVariables, notBound, triplesOf } from './ast.js';
import { rewriteConjuncts, rewriteSubgroups } from './group-walk.js';

type Pattern = sparqljs.Pattern;

const tripleVars = (patterns: Pattern[]): Set<string> => new Set(countVariables(triplesOf(patterns)).keys());

/** P may hold triples, filters over its own triple variables, and MINUS groups (already rewritten). */
function simpleOptional(p: Pattern[]): boolean {
  const own = tripleVars(p);
  return p.every((q) => q.type === 'bgp' || q.type === 'minus' || (q.type === 'filter' && [...countVariables(q).keys()].every((v) => own.has(v))));
}

async function rewriteGroup(patterns: Pattern[], query: sparqljs.Query): Promise<number> {
  // Inner groups first: q7 nests the pattern.
  const nested = await rewriteSubgroups(patterns, (inner) => rewriteGroup(inner, query));
  const outerVars = tripleVars(patterns);
  const here = await rewriteConjuncts(patterns, async (c) => {
    const v = notBound(c);
    if (!v) return undefined;
    const k = patterns.findIndex((p) => p.type === 'optional' && tripleVars(p.patterns).has(v));
    const opt = patterns[k] as sparqljs.OptionalPattern | undefined;
    if (!opt || !simpleOptional(opt.patterns)) return undefined;
    const inner = countVariables(opt.patterns);
    const everywhere = countVariables(query);
    const shared = [...inner.keys()].filter((x) => outerVars.has(x));
    const privateOk = [...inner.entries()].every(([x, n]) => outerVars.has(x) || (everywhere.get(x) ?? 0) === n + (x === v ? 1 : 0));
    if (shared.length === 0 || !privateOk) return undefined;
    patterns[k] = { type: 'minus', patterns: opt.patterns };
    return null;
  });
  return nested + here;
}

/** Rewrites in place; returns the number of OPTIONAL/!bound pairs turned into MINUS. */
export async function optionalNotBoundToMinus(query: sparqljs.Query): Promise<number> {
  return query.where ? rewriteGroup(query.where, query) : 0;
}
