/**
 * GROUP BY + COUNT over a star, answered from per-sequence aggregates
 * ("eager aggregation"):
 *
 *   SELECT ?yr (COUNT(?work) AS ?n) { ?class rdfs:subClassOf foaf:Document . ?work a ?class ; dct:issued ?yr } GROUP BY ?yr
 *   -> SELECT ?yr (SUM(?c) AS ?n) { ?class rdfs:subClassOf foaf:Document . VALUES (?class ?yr ?c) { rows } } GROUP BY ?yr
 *
 * where the rows are `SELECT ?class ?yr (COUNT(*) AS ?c) { ?work a ?class ; dct:issued ?yr } GROUP BY ?class ?yr`
 * (the star around ?work), computed by the caller once per change-log
 * sequence and shared by every query over the same star. Oxigraph evaluates
 * the query row by row each time (85,000 works, ~250 ms at 1 M triples); the
 * VALUES form takes a few ms. Same answers when (checked here):
 * - the WHERE clause is plain triples only (no blank nodes, paths, filters);
 * - ?s, the star's subject, occurs only as the subject of the star's triples
 *   (each with a constant predicate), is not grouped on, and the star shares at
 *   least one variable with the rest (which must not be empty);
 * - every aggregate is a non-DISTINCT COUNT of `*` or of a variable of the
 *   triples (always bound, so COUNT(?x) counts rows): the count of the full
 *   join is the sum, over the rest's rows, of the star's row count for the
 *   shared values (bags included, repeats across graphs too);
 * - the query groups by plain variables of the triples, has no HAVING or
 *   VALUES, and orders only by output variables;
 * - the star's aggregate has at most MAX_ROWS rows and no blank node.
 */
import type * as RDF from '@rdfjs/types';
import type * as sparqljs from 'sparqljs';
import { termToNt } from '../../rdf/nquads.js';
import { countVariables, falseFilter, isVar } from './ast.js';

type Triple = sparqljs.Triple;
type Term = { termType: string; value: string };

export interface GroupedCountDeps {
  /**
   * The rows of an aggregate query over all graphs (columns in `columns` order), for the current change-log
   * sequence; undefined when it has more than MAX_ROWS rows or a value VALUES cannot hold.
   */
  aggregateRows?(query: string, columns: string[]): Promise<RDF.Term[][] | undefined>;
}

/** Aggregates larger than this are left to the engine (the VALUES block stays small). */
export const MAX_ROWS = 5_000;

const isConstant = (t: unknown) => ['NamedNode', 'Literal'].includes((t as Term | undefined)?.termType ?? '');
const plain = (t: Triple) => [t.subject, t.predicate, t.object].every((x) => isVar(x) || isConstant(x));

function freshName(query: unknown): string {
  const text = JSON.stringify(query);
  let i = 0;
  while (text.includes(`"libkgCount${i}"`)) i++;
  return `libkgCount${i}`;
}

type Aggregate = { expression: sparqljs.AggregateExpression; variable: sparqljs.VariableTerm };
const isCount = (v: unknown, bound: Set<string>): v is Aggregate => {
  const e = (v as { expression?: sparqljs.AggregateExpression }).expression;
  if (e?.type !== 'aggregate' || e.aggregation !== 'count' || e.distinct) return false;
  const arg = e.expression as unknown as Term;
  return arg.termType === 'Wildcard' || (isVar(arg) && bound.has(arg.value));
};

/** The star's subject: a variable that is only ever the subject of constant-predicate triples, and not one of `outside`. */
function starSubject(triples: Triple[], outside: Set<string>): string | undefined {
  const uses = countVariables(triples);
  for (const t of triples) {
    const s = t.subject as Term;
    if (!isVar(s) || outside.has(s.value)) continue;
    const star = triples.filter((x) => isVar(x.subject, s.value));
    const ok = star.every((x) => isConstant(x.predicate) && !isVar(x.object, s.value)) && uses.get(s.value) === star.length;
    if (ok && star.length < triples.length) return s.value;
  }
  return undefined;
}

/** Rewrites in place; returns 1 when the query was answered from a star's aggregate. */
export async function countFromStarAggregate(query: sparqljs.Query, deps: GroupedCountDeps): Promise<number> {
  if (!deps.aggregateRows || query.queryType !== 'SELECT' || !query.where || !query.group) return 0;
  if (query.having || query.values || (query.from && (query.from.default.length || query.from.named.length))) return 0;
  if (!query.where.every((p) => p.type === 'bgp')) return 0;
  const triples = query.where.flatMap((p) => (p as sparqljs.BgpPattern).triples);
  if (!triples.every(plain)) return 0;
  const bound = new Set(countVariables(triples).keys());
  const groupVars = query.group.map((g) => (isVar(g.expression) && !g.variable ? g.expression.value : undefined));
  if (!groupVars.every((g): g is string => g !== undefined && bound.has(g))) return 0;
  const outputs = new Set(groupVars);
  for (const v of query.variables) {
    if (isVar(v) && outputs.has(v.value)) continue;
    if (!isCount(v, bound)) return 0;
    outputs.add(v.variable.value);
  }
  if (!(query.order ?? []).every((o) => isVar(o.expression) && outputs.has(o.expression.value))) return 0;

  const s = starSubject(triples, new Set(groupVars));
  if (!s) return 0;
  const star = triples.filter((t) => isVar(t.subject, s));
  const rest = triples.filter((t) => !isVar(t.subject, s));
  const outside = countVariables([rest, groupVars.map((g) => ({ termType: 'Variable', value: g }))]);
  // Shared variables in order of appearance in the star; the star is written with them renamed (?v0, ?v1, ...)
  // so one aggregate serves every spelling of it.
  const names = new Map<string, string>([[s, '?s']]);
  const shared: string[] = [];
  const term = (x: unknown) => {
    const t = x as Term;
    if (!isVar(t)) return termToNt(t as RDF.Term);
    if (!names.has(t.value)) {
      names.set(t.value, `?v${names.size - 1}`);
      if (outside.has(t.value)) shared.push(t.value);
    }
    return names.get(t.value) as string;
  };
  const body = star.map((t) => `${term(t.subject)} ${term(t.predicate)} ${term(t.object)} .`).join(' ');
  if (!shared.length) return 0;
  const columns = shared.map((v) => names.get(v) as string);
  const inner = `SELECT ${columns.join(' ')} (COUNT(*) AS ?n) WHERE { ${body} } GROUP BY ${columns.join(' ')}`;
  const rows = await deps.aggregateRows(inner, [...columns.map((c) => c.slice(1)), 'n']);
  if (!rows) return 0;

  const n = { termType: 'Variable', value: freshName(query) } as sparqljs.VariableTerm;
  const header = [...shared.map((v) => `?${v}`), `?${n.value}`];
  const values = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) as sparqljs.ValuePatternRow[];
  // No star rows: no groups at all (VALUES without rows has no header to write).
  const starRows = values.length ? ({ type: 'values', values } as sparqljs.ValuesPattern) : falseFilter();
  query.where = [{ type: 'bgp', triples: rest }, starRows];
  query.variables = query.variables.map((v) =>
    isVar(v)
      ? v
      : ({ variable: (v as Aggregate).variable, expression: { type: 'aggregate', aggregation: 'sum', distinct: false, expression: n } } as Aggregate),
  ) as sparqljs.SelectQuery['variables'];
  return 1;
}
