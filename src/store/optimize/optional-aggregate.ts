/**
 * "Rows with no earlier one of the same kind" as an aggregate:
 *
 *   OPTIONAL { R FILTER(?a = ?a2 && ?x2 < ?x) } FILTER(!bound(?v))
 *   -> OPTIONAL { SELECT ?a (MIN(?x2) AS ?m) WHERE { R[?a2 := ?a] } GROUP BY ?a } FILTER(!bound(?m) || ?x <= ?m)
 *
 * (SP2Bench q6: each author's works of their first year). Oxigraph evaluates
 * the optional side once per outer row (a nested loop over all works); the
 * aggregate is computed once and joined. `>` gives MAX, and `<=`/`>=` the
 * strict comparison. Same answers when (checked here):
 * - ?v is bound by R's triples, so !bound(?v) keeps exactly the outer rows
 *   that no R row matched, once each; R's variables occur nowhere else;
 * - ?a and ?x are bound by the outer group's own triples;
 * - `=` means "same term" for ?a's values (one side can only be an IRI, a
 *   blank node or a plain string: `objectsAreTerms`), so it can become a join;
 * - ?x and ?x2 are objects of predicates whose objects are all valid
 *   xsd:integer/xsd:decimal literals (`objectsAreNumbers`): comparisons never
 *   fail, so "no ?x2 below ?x" is "?x at or below the minimum".
 * Under SELECT * the answer would show other columns: left alone.
 */
import type * as sparqljs from 'sparqljs';
import { conjuncts, countVariables, isVar, notBound, op, triplesOf } from './ast.js';
import { rewriteConjuncts, rewriteSubgroups } from './group-walk.js';

type Pattern = sparqljs.Pattern;
type Expression = sparqljs.Expression;
type Triple = sparqljs.Triple;
type Term = { termType: string; value: string };

export interface AggregateRewriteDeps {
  objectsAreTerms(predicate: string): Promise<boolean>;
  /** True when every object of `predicate` is a valid xsd:integer or xsd:decimal literal. */
  objectsAreNumbers?(predicate: string): Promise<boolean>;
}

const renameIn = <T>(node: T, from: string, to: string): T => {
  if (Array.isArray(node)) return node.map((n) => renameIn(n, from, to)) as T;
  if (isVar(node, from)) return { ...node, value: to } as T;
  if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, renameIn(v, from, to)])) as T;
  return node;
};

/** Predicates of the triples that have `name` as object. */
const objectPredicates = (name: string, triples: Triple[]): string[] =>
  triples.filter((t) => isVar(t.object, name) && (t.predicate as Term).termType === 'NamedNode').map((t) => (t.predicate as Term).value);

async function anyTrue(items: string[], test: (p: string) => Promise<boolean>): Promise<boolean> {
  for (const p of items) if (await test(p)) return true;
  return false;
}

/** True when the variable can only hold IRIs, blank nodes or plain strings (it is a subject, or the object of such a predicate). */
async function onlyTerms(name: string, triples: Triple[], deps: AggregateRewriteDeps): Promise<boolean> {
  if (triples.some((t) => isVar(t.subject, name) || isVar(t.predicate, name))) return true;
  return anyTrue(objectPredicates(name, triples), (p) => deps.objectsAreTerms(p));
}

const onlyNumbers = (name: string, triples: Triple[], deps: AggregateRewriteDeps): Promise<boolean> =>
  deps.objectsAreNumbers ? anyTrue(objectPredicates(name, triples), (p) => deps.objectsAreNumbers?.(p) ?? Promise.resolve(false)) : Promise.resolve(false);

// ?inner OP ?outer forbids the outer row; keep it when ?outer KEEP aggregate(?inner).
const RULES: Record<string, { aggregate: 'min' | 'max'; keep: string }> = {
  '<': { aggregate: 'min', keep: '<=' },
  '<=': { aggregate: 'min', keep: '<' },
  '>': { aggregate: 'max', keep: '>=' },
  '>=': { aggregate: 'max', keep: '>' },
};
const FLIP: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

interface Shape {
  /** Outer and inner variable of the equality. */
  a: string;
  a2: string;
  /** Outer and inner variable of the comparison, and the operator read as `?x2 OP ?x`. */
  x: string;
  x2: string;
  operator: string;
}

/** Reads FILTER(?a = ?a2 && ?x2 < ?x) (either order, either side) against the outer and inner variables. */
function readFilter(parts: Expression[], outer: Set<string>, inner: Set<string>): Shape | undefined {
  if (parts.length !== 2) return undefined;
  let eq: [string, string] | undefined;
  let cmp: [string, string, string] | undefined;
  for (const e of parts) {
    const o = op(e);
    const [l, r] = o?.args ?? [];
    if (!o || !isVar(l) || !isVar(r)) return undefined;
    if (o.operator === '=') {
      if (outer.has(l.value) && inner.has(r.value)) eq = [l.value, r.value];
      else if (outer.has(r.value) && inner.has(l.value)) eq = [r.value, l.value];
    } else if (RULES[o.operator]) {
      if (inner.has(l.value) && outer.has(r.value)) cmp = [r.value, l.value, o.operator];
      else if (outer.has(l.value) && inner.has(r.value)) cmp = [l.value, r.value, FLIP[o.operator] as string];
    }
  }
  return eq && cmp ? { a: eq[0], a2: eq[1], x: cmp[0], x2: cmp[1], operator: cmp[2] } : undefined;
}

function freshName(query: unknown): string {
  const text = JSON.stringify(query);
  let i = 0;
  while (text.includes(`"libkgAgg${i}"`)) i++;
  return `libkgAgg${i}`;
}

async function rewriteGroup(patterns: Pattern[], query: sparqljs.Query, deps: AggregateRewriteDeps): Promise<number> {
  const nested = await rewriteSubgroups(patterns, (inner) => rewriteGroup(inner, query, deps));
  const outerTriples = triplesOf(patterns);
  const outer = new Set(countVariables(outerTriples).keys());
  const here = await rewriteConjuncts(patterns, async (c) => {
    const v = notBound(c);
    if (!v) return undefined;
    const k = patterns.findIndex((q) => q.type === 'optional' && triplesOf(q.patterns).some((t) => countVariables(t).has(v)));
    const opt = patterns[k] as sparqljs.OptionalPattern | undefined;
    if (!opt?.patterns.every((q) => q.type === 'bgp' || q.type === 'filter')) return undefined;
    const innerTriples = triplesOf(opt.patterns);
    const inner = new Set(countVariables(innerTriples).keys());
    if ([...inner].some((x) => outer.has(x))) return undefined;
    const filterParts = opt.patterns.flatMap((q) => (q.type === 'filter' ? conjuncts(q.expression) : []));
    const shape = readFilter(filterParts, outer, inner);
    if (!shape) return undefined;
    // R's variables occur only in the OPTIONAL (and ?v once more in !bound).
    const everywhere = countVariables(query);
    const inOptional = countVariables(opt.patterns);
    if (![...inner].every((x) => (everywhere.get(x) ?? 0) === (inOptional.get(x) ?? 0) + (x === v ? 1 : 0))) return undefined;
    const terms = (await onlyTerms(shape.a, outerTriples, deps)) || (await onlyTerms(shape.a2, innerTriples, deps));
    if (!terms || !(await onlyNumbers(shape.x, outerTriples, deps)) || !(await onlyNumbers(shape.x2, innerTriples, deps))) return undefined;
    const rule = RULES[shape.operator] as (typeof RULES)[string];
    const m = { termType: 'Variable', value: freshName(query) } as sparqljs.VariableTerm;
    const a = { termType: 'Variable', value: shape.a } as sparqljs.VariableTerm;
    const x2 = { termType: 'Variable', value: shape.x2 } as sparqljs.VariableTerm;
    const sub = {
      type: 'query',
      queryType: 'SELECT',
      prefixes: {},
      variables: [a, { expression: { type: 'aggregate', aggregation: rule.aggregate, distinct: false, expression: x2 }, variable: m }],
      where: renameIn(
        opt.patterns.filter((q) => q.type === 'bgp'),
        shape.a2,
        shape.a,
      ),
      group: [{ expression: a }],
    } as unknown as sparqljs.SelectQuery;
    patterns[k] = { type: 'optional', patterns: [{ type: 'group', patterns: [sub] }] };
    return {
      type: 'operation',
      operator: '||',
      args: [
        { type: 'operation', operator: '!', args: [{ type: 'operation', operator: 'bound', args: [m] }] },
        { type: 'operation', operator: rule.keep, args: [{ termType: 'Variable', value: shape.x }, m] },
      ],
    } as Expression;
  });
  return nested + here;
}

/** Rewrites in place; returns the number of OPTIONAL/!bound pairs turned into aggregates. */
export async function optionalToAggregate(query: sparqljs.Query, deps: AggregateRewriteDeps): Promise<number> {
  if (!query.where || !deps.objectsAreNumbers) return 0;
  if (query.queryType === 'SELECT' && query.variables.some((v) => 'termType' in v && v.termType === 'Wildcard')) return 0;
  if (query.queryType === 'DESCRIBE') return 0;
  return rewriteGroup(query.where, query, deps);
}
