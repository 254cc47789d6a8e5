/**
 * ORDER BY ?x LIMIT k OFFSET o over IRIs, as a top-k. Oxigraph sorts every
 * row (decoding both terms at each comparison) to keep k of them: SP2Bench
 * q11 spends ~240 ms of ~340 sorting 43,000 IRIs. Here the query runs without
 * ORDER BY/LIMIT/OFFSET as TSV (one IRI a line), the o + k first values (in
 * SPARQL order, repeats kept) are picked in one pass, and a small
 * `SELECT ?x { VALUES ?x { ... } } ORDER BY ?x LIMIT k OFFSET o` gives the
 * answer in whatever format was asked, sorted by Oxigraph itself. Same answer
 * when (checked here): the query projects only ?x, orders by ?x alone, has no
 * DISTINCT, GROUP BY or VALUES of its own, and ?x is the object of a triple
 * whose predicate has only IRI objects (`objectsAreIris`): IRIs order by their
 * text, by code point (checked: no surrogate pairs, where UTF-16 order differs).
 */
import sparqljs from 'sparqljs';

export interface TopKDeps {
  /** True when every object of `predicate` is an IRI. */
  objectsAreIris?(predicate: string): Promise<boolean>;
}

export interface TopKPlan {
  /** The query without ORDER BY, LIMIT and OFFSET, to run as TSV. */
  unordered: string;
  /** The answer query for the picked values (undefined: fall back to the original query). */
  answer(tsv: string): string | undefined;
  /** The answer query from all values in ascending order (`sortedIris` of the unordered TSV, kept per sequence by the caller). */
  answerFromSorted(sorted: string[]): string;
}

/** Largest o + k the plan handles: the VALUES block stays small. */
const MAX_KEPT = 10_000;

type Term = { termType: string; value: string };
const isVar = (t: unknown, name?: string): t is Term => (t as Term | undefined)?.termType === 'Variable' && (name === undefined || (t as Term).value === name);

export async function planTopK(query: sparqljs.SparqlQuery, deps: TopKDeps): Promise<TopKPlan | undefined> {
  if (!deps.objectsAreIris || query.type !== 'query' || query.queryType !== 'SELECT') return undefined;
  const q = query as sparqljs.SelectQuery;
  const [projected, ...more] = q.variables;
  if (more.length || !isVar(projected) || q.distinct || q.reduced || q.group || q.having || q.values || !q.where) return undefined;
  const [order, ...moreOrder] = q.order ?? [];
  if (!order || moreOrder.length || !isVar(order.expression, projected.value) || q.limit === undefined) return undefined;
  const offset = q.offset ?? 0;
  const limit = q.limit;
  const kept = offset + limit;
  if (kept > MAX_KEPT) return undefined;
  const name = projected.value;
  const predicates = q.where
    .flatMap((p) => (p.type === 'bgp' ? p.triples : []))
    .filter((t) => isVar(t.object, name) && (t.predicate as Term).termType === 'NamedNode')
    .map((t) => (t.predicate as Term).value);
  let iris = false;
  for (const p of predicates) if (await deps.objectsAreIris(p)) iris = true;
  if (!iris) return undefined;
  const descending = Boolean(order.descending);
  const unordered = new sparqljs.Generator().stringify({ ...q, order: undefined, limit: undefined, offset: undefined });
  return {
    unordered,
    answer(tsv) {
      const values = pick(tsv, kept, descending);
      return values && answerFor(values);
    },
    answerFromSorted(sorted) {
      return answerFor(descending ? sorted.slice(-kept).reverse() : sorted.slice(0, kept));
    },
  };
  function answerFor(values: string[]): string {
    const rows = values.map((v) => `<${v}>`).join(' ');
    const by = descending ? `DESC(?${name})` : `?${name}`;
    return `SELECT ?${name} WHERE { VALUES ?${name} { ${rows} } } ORDER BY ${by} LIMIT ${limit} OFFSET ${offset}`;
  }
}

/**
 * Every IRI of a one-column TSV in ascending SPARQL order (repeats kept), or undefined when a line is not a plain
 * IRI (or has a surrogate pair, where UTF-16 order differs). Kept per sequence, it serves every page (LIMIT/OFFSET).
 */
export function sortedIris(tsv: string): string[] | undefined {
  const lines = tsv.split('\n');
  const out: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '' && i === lines.length - 1) continue;
    if (line.charCodeAt(0) !== 60 || line.charCodeAt(line.length - 1) !== 62) return undefined; // not <iri> (or unbound)
    const iri = line.slice(1, -1);
    if (/[\uD800-\uDFFF]/.test(iri)) return undefined;
    out.push(iri);
  }
  return out.sort();
}

/** The `kept` first IRIs of a one-column TSV in SPARQL order (repeats kept), or undefined when a line is not a plain IRI. */
function pick(tsv: string, kept: number, descending: boolean): string[] | undefined {
  const lines = tsv.split('\n');
  // Line 0 is the header; a trailing newline leaves an empty last line.
  const out: string[] = [];
  const before = descending ? (a: string, b: string) => a > b : (a: string, b: string) => a < b;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    // An empty field is an unbound value (sorted first): outside the plan. Only the final newline may leave an empty line.
    if (line === '') {
      if (i === lines.length - 1) continue;
      return undefined;
    }
    if (line.charCodeAt(0) !== 60 || line.charCodeAt(line.length - 1) !== 62) return undefined; // not <iri>
    const iri = line.slice(1, -1);
    if (/[\uD800-\uDFFF]/.test(iri)) return undefined;
    if (out.length === kept && !before(iri, out[kept - 1] as string)) continue;
    // Insert in order: kept is small next to the row count, and most rows stop at the check above.
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(iri, out[mid] as string)) hi = mid;
      else lo = mid + 1;
    }
    out.splice(lo, 0, iri);
    if (out.length > kept) out.pop();
  }
  return out;
}
