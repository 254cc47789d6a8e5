/**
 * DISTINCT pushdown. Under SELECT DISTINCT, a variable that is neither
 * projected nor shared with the rest of the query only asks "does some value
 * exist": the triples connected through such variables can be evaluated as a
 * `SELECT DISTINCT` subquery over the projected variables they touch, before
 * the join. Same set of answers (DISTINCT makes it a set); far fewer
 * intermediate rows when prolific authors multiply them (SP2Bench q5a/q5b).
 * Oxigraph does not project early itself.
 */
import type * as sparqljs from 'sparqljs';
import { connectedGroups } from '../../connected-groups.js';
import { plainDistinctProjection } from './plain-distinct.js';

type Triple = sparqljs.Triple;

/** Variables by name; blank nodes count as (never projected) variables named `_:label`, so they are never split apart. */
const varsOf = (node: unknown, out = new Set<string>()): Set<string> => {
  if (Array.isArray(node)) for (const n of node) varsOf(n, out);
  else if (typeof node === 'object' && node !== null) {
    const t = node as { termType?: string; value?: string };
    if (t.termType === 'Variable' && t.value) out.add(t.value);
    else if (t.termType === 'BlankNode' && t.value) out.add(`_:${t.value}`);
    else for (const v of Object.values(node)) varsOf(v, out);
  }
  return out;
};

/** Groups triples connected through the given variables. */
const components = (triples: Triple[], through: Set<string>): Triple[][] => connectedGroups(triples, (t) => [...varsOf(t)].filter((v) => through.has(v)));

/** Rewrites the query in place; returns 1 if it did, 0 if the query is not of the shape this handles. */
export function pushDownDistinct(query: sparqljs.Query): number {
  const projected = plainDistinctProjection(query);
  if (!projected || !query.where) return 0;
  const triples: Triple[] = [];
  const filters: sparqljs.FilterPattern[] = [];
  for (const p of query.where) {
    if (p.type === 'bgp') triples.push(...p.triples);
    else if (p.type === 'filter') filters.push(p);
    else return 0;
  }
  // Filters stay outside, so they may only read projected variables.
  for (const f of filters) for (const v of varsOf(f)) if (!projected.has(v)) return 0;
  const existential = new Set([...varsOf(triples)].filter((v) => !projected.has(v)));
  if (existential.size === 0) return 0;
  const groups = components(triples, existential);
  const local = groups.filter((g) => [...varsOf(g)].some((v) => existential.has(v)));
  if (groups.length < 2 || local.length === 0) return 0;
  const kept: Triple[] = [];
  const subqueries: sparqljs.Pattern[] = [];
  for (const g of groups) {
    const vars = [...varsOf(g)];
    if (!vars.some((v) => existential.has(v))) {
      kept.push(...g);
      continue;
    }
    const outVars = vars.filter((v) => projected.has(v));
    if (outVars.length === 0) return 0; // a pure existence test: left to the engine
    const sub = {
      type: 'query',
      queryType: 'SELECT',
      distinct: true,
      variables: outVars.map((value) => ({ termType: 'Variable', value })),
      where: [{ type: 'bgp', triples: g }],
      prefixes: {},
    };
    subqueries.push({ type: 'group', patterns: [sub as unknown as sparqljs.Pattern] });
  }
  query.where = [...subqueries, ...(kept.length ? [{ type: 'bgp' as const, triples: kept }] : []), ...filters];
  return 1;
}
