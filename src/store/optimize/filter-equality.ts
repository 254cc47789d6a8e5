/**
 * FILTER(?a = ?b) -> join, and FILTER(?p = <iri>) -> the IRI in the triples. Oxigraph evaluates such a filter after a cross
 * product of both sides (SP2Bench q5a, q12a); binding both variables to one
 * name turns it into a join. The rewrite is exact only when `=` means "same
 * term" for the values involved, which holds when one side can only be an
 * IRI, a blank node or a plain string (RDF 1.1 xsd:string): then `=` is true
 * exactly for the identical term, and false or an error (also a rejection)
 * otherwise. Whether a predicate's objects are all of those kinds is a fact
 * about the data, asked from the store (`objectsAreTerms`) and cached by the
 * caller.
 */
import type * as sparqljs from 'sparqljs';
import { countVariables, isVar } from './ast.js';
import { rewriteConjuncts, rewriteSubgroups } from './group-walk.js';

type Pattern = sparqljs.Pattern;
type Expression = sparqljs.Expression;
type Triple = sparqljs.Triple;

export interface EqualityRewriteDeps {
  /** True when every object of `predicate` in the store is an IRI, a blank node or an xsd:string literal. */
  objectsAreTerms(predicate: string): Promise<boolean>;
}

/** `?a = ?b` (both variables) as a pair of names. */
function varEquality(e: Expression): [string, string] | undefined {
  if (typeof e !== 'object' || e === null || !('type' in e) || e.type !== 'operation' || e.operator !== '=') return undefined;
  const [x, y] = e.args as unknown[];
  return isVar(x) && isVar(y) && x.value !== y.value ? [x.value, y.value] : undefined;
}

/** `?v = <iri>` or `<iri> = ?v` as [variable name, IRI term]. */
function iriEquality(e: Expression): [string, sparqljs.IriTerm] | undefined {
  if (typeof e !== 'object' || e === null || !('type' in e) || e.type !== 'operation' || e.operator !== '=') return undefined;
  const [x, y] = e.args as unknown[];
  const iri = (t: unknown): t is sparqljs.IriTerm => typeof t === 'object' && t !== null && (t as { termType?: string }).termType === 'NamedNode';
  if (isVar(x) && iri(y)) return [x.value, y];
  if (isVar(y) && iri(x)) return [y.value, x];
  return undefined;
}

const substituteIn = <T>(node: T, name: string, term: sparqljs.IriTerm): T => {
  if (Array.isArray(node)) return node.map((n) => substituteIn(n, name, term)) as T;
  if (isVar(node, name)) return term as T;
  if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substituteIn(v, name, term)])) as T;
  return node;
};

/** The group's own triples (not those of nested groups); paths make a triple unusable for the analysis. */
function groupTriples(patterns: Pattern[]): Triple[] {
  return patterns.flatMap((p) => (p.type === 'bgp' ? p.triples : []));
}

/** True when the variable can only take IRIs, blank nodes or plain strings in this group. */
async function onlyTerms(name: string, triples: Triple[], deps: EqualityRewriteDeps): Promise<boolean> {
  for (const t of triples) {
    if (isVar(t.subject, name) || isVar(t.predicate, name)) return true;
    const p = t.predicate as { termType?: string; value?: string };
    if (isVar(t.object, name) && p.termType === 'NamedNode' && p.value && (await deps.objectsAreTerms(p.value))) return true;
  }
  return false;
}

const renameIn = <T>(node: T, from: string, to: string): T => {
  if (Array.isArray(node)) return node.map((n) => renameIn(n, from, to)) as T;
  if (isVar(node, from)) return { ...node, value: to } as T;
  if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, renameIn(v, from, to)])) as T;
  return node;
};

/** Rewrites one group's pattern list in place; returns how many filters became joins. */
async function rewriteGroup(patterns: Pattern[], query: sparqljs.Query, deps: EqualityRewriteDeps): Promise<number> {
  const here = await rewriteConjuncts(patterns, async (c) => {
    // FILTER(?p = <iri>): an IRI equals only itself, whatever ?p holds, so the IRI can stand in the triples (SP2Bench q3).
    const constant = iriEquality(c);
    if (constant) {
      const [name, term] = constant;
      const inTriples = countVariables(groupTriples(patterns)).get(name) ?? 0;
      if (!(inTriples > 0 && inTriples + 1 === countVariables(query).get(name))) return undefined;
      for (let k = 0; k < patterns.length; k++) {
        const p = patterns[k] as Pattern;
        if (p.type === 'bgp') patterns[k] = substituteIn(p, name, term);
      }
      return null;
    }
    const eq = varEquality(c);
    if (!eq) return undefined;
    const triples = groupTriples(patterns);
    const inTriples = countVariables(triples);
    const everywhere = countVariables(query);
    // Drop ?b (keep ?a) if ?b occurs only in this group's triples and this conjunct; else try the other way round.
    const pick = [eq, [eq[1], eq[0]] as [string, string]].find(
      ([, b]) => (inTriples.get(b) ?? 0) > 0 && (inTriples.get(b) ?? 0) + 1 === everywhere.get(b) && (inTriples.get(eq[0] === b ? eq[1] : eq[0]) ?? 0) > 0,
    );
    if (!pick) return undefined;
    const [keep, drop] = pick;
    if (!(await onlyTerms(keep, triples, deps)) && !(await onlyTerms(drop, triples, deps))) return undefined;
    for (let k = 0; k < patterns.length; k++) {
      const p = patterns[k] as Pattern;
      if (p.type === 'bgp') patterns[k] = renameIn(p, drop, keep);
    }
    return null;
  });
  return here + (await rewriteSubgroups(patterns, (inner) => rewriteGroup(inner, query, deps)));
}

/**
 * Rewrites FILTER(?a = ?b) into a join wherever that gives identical results
 * (see the module comment); SELECT * keeps every variable visible, so it is left alone.
 * Returns the number of rewrites (the query is changed in place).
 */
export async function rewriteFilterEquality(query: sparqljs.Query, deps: EqualityRewriteDeps): Promise<number> {
  if (!query.where) return 0;
  if (query.queryType === 'SELECT' && query.variables.some((v) => 'termType' in v && v.termType === 'Wildcard')) return 0;
  return rewriteGroup(query.where, query, deps);
}
