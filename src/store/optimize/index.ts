/**
 * Query rewrites above the engine: each one gives the same results as the
 * query it replaces (tests compare both on sample data) and is kept only if
 * the SPARQL bench shows it pays (bench/results/sparql-vs-virtuoso.md).
 */
import sparqljs from 'sparqljs';
import type { QuadStore, QueryOptions, QueryResult } from '../port.js';
import { pushDownDistinct } from './distinct-pushdown.js';
import { rewriteFilterEquality } from './filter-equality.js';
import { optionalNotBoundToMinus } from './optional-minus.js';
import { ResultCache } from './result-cache.js';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/** Facts about the data the rewrites rely on, recomputed after every change (keyed by change-log sequence). */
export class DataFacts {
  private seq: number;
  private readonly termObjects = new Map<string, boolean>();

  constructor(private readonly store: QuadStore) {
    this.seq = store.stats().lastSeq;
    store.onChange((e) => {
      this.seq = e.lastSeq;
      this.termObjects.clear();
    });
  }

  get lastSeq(): number {
    return this.seq;
  }

  async objectsAreTerms(predicate: string): Promise<boolean> {
    const hit = this.termObjects.get(predicate);
    if (hit !== undefined) return hit;
    const seq = this.seq;
    const ask = `ASK { ?s <${predicate}> ?o FILTER(isLiteral(?o) && datatype(?o) != <${XSD_STRING}>) }`;
    const r = await this.store.query(ask, { format: 'application/sparql-results+json' });
    const value = JSON.parse(r.body).boolean === false;
    if (seq === this.seq) this.termObjects.set(predicate, value);
    return value;
  }
}

/** Returns the rewritten query text, or undefined when nothing applies. */
export async function optimizeQuery(text: string, facts: { objectsAreTerms(p: string): Promise<boolean> }, baseIri?: string): Promise<string | undefined> {
  // Cheap pre-check: the rewrites need a DISTINCT, a FILTER equality or an OPTIONAL with !bound.
  if (!/distinct/i.test(text) && !(/filter/i.test(text) && (text.includes('=') || /bound/i.test(text)))) return undefined;
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri, sparqlStar: true }).parse(text);
  } catch {
    return undefined; // the store reports the syntax error
  }
  if (parsed.type !== 'query') return undefined;
  // Order matters: a FILTER turned into a join leaves a plain BGP that DISTINCT pushdown can split.
  const changed = (await optionalNotBoundToMinus(parsed)) + (await rewriteFilterEquality(parsed, facts)) + pushDownDistinct(parsed);
  return changed ? new sparqljs.Generator().stringify(parsed) : undefined;
}

/**
 * The store with queries rewritten and results cached until the next change;
 * everything else passes through. LIBKG_QUERY_REWRITES=off and
 * LIBKG_RESULT_CACHE=off turn either off (before/after benchmarks, or to rule them out).
 */
export function optimizingStore(store: QuadStore, env: Record<string, string | undefined> = process.env): QuadStore {
  const rewrites = env.LIBKG_QUERY_REWRITES !== 'off';
  const cache = env.LIBKG_RESULT_CACHE !== 'off' ? new ResultCache(store) : undefined;
  if (!rewrites && !cache) return store;
  const facts = new DataFacts(store);
  const rewritten = async (text: string, options?: QueryOptions): Promise<QueryResult> => {
    if (!rewrites) return store.query(text, options);
    const seq = facts.lastSeq;
    const better = await optimizeQuery(text, facts, options?.baseIri).catch(() => undefined);
    if (!better) return store.query(text, options);
    const result = await store.query(better, options);
    // A write between checking the data facts and running the query could make them stale: answer unrewritten then.
    return facts.lastSeq === seq ? result : store.query(text, options);
  };
  const query = (text: string, options?: QueryOptions): Promise<QueryResult> =>
    cache ? cache.query(text, options, () => rewritten(text, options)) : rewritten(text, options);
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'query') return query;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
