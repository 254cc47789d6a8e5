/**
 * "Which predicates touch things of a kind" from per-sequence statistics:
 *
 *   SELECT DISTINCT ?p { { ?x a foaf:Person . ?s ?p ?x } UNION { ?x a foaf:Person . ?x ?p ?o } }
 *   -> SELECT DISTINCT ?p { VALUES ?p { <in and out predicates of persons> } }
 *
 * (SP2Bench q9). Oxigraph walks every edge of every person at each run
 * (~400 ms at 1 M triples); the predicates going out of and into subjects
 * with a given constant predicate and object are computed by the caller once
 * per change-log sequence and shared by every query asking for them. Same
 * answers when (checked here): SELECT DISTINCT of the predicate variable
 * alone; the WHERE clause is one group or a UNION of groups, each exactly
 * `?x P O` (constant P and O) and one triple `?x ?p ?o` or `?s ?p ?x`, its
 * other end a variable of its own; no dataset clause (the statistics are over
 * all graphs). The rows come in another order, which DISTINCT leaves open anyway.
 */
import type * as RDF from '@rdfjs/types';
import type * as sparqljs from 'sparqljs';
import { termToNt } from '../../rdf/nquads.js';
import { falseFilter, isVar } from './ast.js';

type Triple = sparqljs.Triple;
type Term = { termType: string; value: string };

export interface EdgePredicateDeps {
  /**
   * The predicates of triples leaving ('out') or reaching ('in') subjects of `?x <predicate> <object>`
   * (object in N-Triples syntax), over all graphs at the current sequence; undefined when too many.
   */
  edgePredicates?(predicate: string, object: string, direction: 'in' | 'out'): Promise<string[] | undefined>;
}

const isConstant = (t: unknown) => ['NamedNode', 'Literal'].includes((t as Term | undefined)?.termType ?? '');

/** A branch read as (class predicate, class object, direction), or undefined. */
function readBranch(patterns: sparqljs.Pattern[], p: string): { predicate: string; object: Term; direction: 'in' | 'out' } | undefined {
  if (patterns.length !== 1 || patterns[0]?.type !== 'bgp') return undefined;
  const triples = patterns[0].triples;
  if (triples.length !== 2) return undefined;
  const cls = triples.find((t) => isVar(t.subject) && (t.predicate as Term).termType === 'NamedNode' && isConstant(t.object));
  const edge = triples.find((t) => t !== cls) as Triple | undefined;
  if (!cls || !edge || !isVar(edge.predicate, p)) return undefined;
  const x = (cls.subject as Term).value;
  if (x === p) return undefined;
  const other = (end: unknown) => isVar(end) && end.value !== x && end.value !== p;
  const predicate = (cls.predicate as Term).value;
  if (isVar(edge.subject, x) && other(edge.object)) return { predicate, object: cls.object as Term, direction: 'out' };
  if (isVar(edge.object, x) && other(edge.subject)) return { predicate, object: cls.object as Term, direction: 'in' };
  return undefined;
}

/** Rewrites in place; returns 1 when the query was answered from the statistics. */
export async function predicatesFromStatistics(query: sparqljs.Query, deps: EdgePredicateDeps): Promise<number> {
  if (!deps.edgePredicates || query.queryType !== 'SELECT' || !query.distinct || !query.where) return 0;
  if (query.group || query.having || query.values || (query.from && (query.from.default.length || query.from.named.length))) return 0;
  const [projected, ...more] = query.variables;
  if (more.length || !isVar(projected)) return 0;
  const [only, ...others] = query.where;
  if (!only || others.length) return 0;
  const branches = only.type === 'union' ? only.patterns : [only];
  const reads = branches.map((b) =>
    b.type === 'group' ? readBranch(b.patterns, projected.value) : b.type === 'bgp' ? readBranch([b], projected.value) : undefined,
  );
  if (!reads.every((r) => r !== undefined)) return 0;
  const found = new Set<string>();
  for (const r of reads) {
    const ps = await deps.edgePredicates(r.predicate, termToNt(r.object as RDF.Term), r.direction);
    if (!ps) return 0;
    for (const p of ps) found.add(p);
  }
  const name = `?${projected.value}`;
  const values = [...found].map((p) => ({ [name]: { termType: 'NamedNode', value: p } })) as unknown as sparqljs.ValuePatternRow[];
  // No such predicate: no rows (VALUES without rows has no header to write).
  query.where = [values.length ? { type: 'values', values } : falseFilter()];
  return 1;
}
