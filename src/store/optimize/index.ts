/**
 * Query rewrites above the engine: each one gives the same results as the
 * query it replaces (tests compare both on sample data) and is kept only if
 * the SPARQL bench shows it pays (bench/results/sparql-vs-virtuoso.md).
 */
import sparqljs from 'sparqljs';
import { LibkgError } from '../../errors.js';
import { termToNt } from '../../rdf/nquads.js';
import type { QuadStore, QueryOptions, QueryResult } from '../port.js';
import { pushDownDistinct } from './distinct-pushdown.js';
import { type EqualityRewriteDeps, rewriteFilterEquality } from './filter-equality.js';
import { COUNT_CAP, orderBySelectivity, type PatternCountDeps } from './join-order.js';
import { type AggregateRewriteDeps, optionalToAggregate } from './optional-aggregate.js';
import { optionalNotBoundToMinus } from './optional-minus.js';
import { ResultCache } from './result-cache.js';
import { planTopK, type TopKPlan } from './top-k.js';
import { distributeOverUnion } from './union-distribute.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;

/** Facts about the data the rewrites rely on, recomputed after every change (keyed by change-log sequence). */
export class DataFacts {
  private seq: number;
  private readonly termObjects = new Map<string, boolean>();
  private readonly numberObjects = new Map<string, boolean>();
  private readonly iriObjects = new Map<string, boolean>();
  /** Pattern row counts with the sequence they were taken at; kept across writes as estimates. */
  private readonly counts = new Map<string, { seq: number; n: number }>();

  constructor(private readonly store: QuadStore) {
    this.seq = store.stats().lastSeq;
    store.onChange((e) => {
      this.seq = e.lastSeq;
      this.termObjects.clear();
      this.numberObjects.clear();
      this.iriObjects.clear();
    });
  }

  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Rows per triple pattern (all graphs), exact up to COUNT_CAP. 'exact' counts are of the current
   * change-log sequence; 'estimate' takes any earlier count (join order only needs an estimate, so a
   * write does not make every query recount its patterns). Missing ones are counted in one query.
   */
  async patternCounts(triples: sparqljs.Triple[], mode: 'exact' | 'estimate' = 'exact'): Promise<number[]> {
    const keys = triples.map(patternText);
    const usable = (k: string) => {
      const c = this.counts.get(k);
      return c !== undefined && (mode === 'estimate' || c.seq === this.seq);
    };
    const missing = [...new Set(keys.filter((k) => !usable(k)))];
    const fresh = new Map<string, number>();
    if (missing.length) {
      const seq = this.seq;
      const parts = missing.map((k, i) => `{ SELECT (COUNT(*) AS ?c${i}) WHERE { SELECT * WHERE { ${k} } LIMIT ${COUNT_CAP + 1} } }`);
      const r = await this.store.query(`SELECT * WHERE { ${parts.join(' ')} }`, { format: 'application/sparql-results+json' });
      const row = JSON.parse(r.body).results.bindings[0] as Record<string, { value: string }>;
      for (const [i, k] of missing.entries()) fresh.set(k, Number(row[`c${i}`]?.value));
      // Counted after a write: good for this query only (its result is discarded anyway), never kept.
      if (seq === this.seq) {
        if (this.counts.size > 10_000) this.counts.clear();
        for (const [k, n] of fresh) this.counts.set(k, { seq, n });
      }
    }
    return keys.map((k) => fresh.get(k) ?? (this.counts.get(k)?.n as number));
  }

  /** Whether no object of the predicate matches `violation` (an ASK filter over ?o), cached until the next change. */
  private async noObject(cache: Map<string, boolean>, predicate: string, violation: string): Promise<boolean> {
    const hit = cache.get(predicate);
    if (hit !== undefined) return hit;
    const seq = this.seq;
    const r = await this.store.query(`ASK { ?s <${predicate}> ?o FILTER(${violation}) }`, { format: 'application/sparql-results+json' });
    const value = JSON.parse(r.body).boolean === false;
    if (seq === this.seq) cache.set(predicate, value);
    return value;
  }

  objectsAreTerms(predicate: string): Promise<boolean> {
    return this.noObject(this.termObjects, predicate, `isLiteral(?o) && datatype(?o) != <${XSD_STRING}>`);
  }

  objectsAreIris(predicate: string): Promise<boolean> {
    return this.noObject(this.iriObjects, predicate, '!isIRI(?o)');
  }

  /** Every object a valid xsd:integer or xsd:decimal: comparisons between them never fail. */
  objectsAreNumbers(predicate: string): Promise<boolean> {
    return this.noObject(this.numberObjects, predicate, `!(isNumeric(?o) && (datatype(?o) = <${XSD}integer> || datatype(?o) = <${XSD}decimal>))`);
  }
}

/** A triple pattern as SPARQL with its variables renamed in order (?v0, ?v1, ...): one count serves every spelling. */
function patternText(t: sparqljs.Triple): string {
  const names = new Map<string, string>();
  const term = (x: unknown) => {
    const v = x as { termType: string; value: string };
    if (v.termType !== 'Variable') return termToNt(v as never);
    if (!names.has(v.value)) names.set(v.value, `?v${names.size}`);
    return names.get(v.value) as string;
  };
  return `${term(t.subject)} ${term(t.predicate)} ${term(t.object)}`;
}

export type Facts = EqualityRewriteDeps & AggregateRewriteDeps & Partial<PatternCountDeps>;

/** Returns the rewritten query text, or undefined when nothing applies. */
export async function optimizeQuery(text: string, facts: Facts, baseIri?: string): Promise<string | undefined> {
  // Cheap pre-check: the rewrites need a DISTINCT, a FILTER equality, an OPTIONAL with !bound, or (join order) two triple patterns.
  const maybe = /distinct/i.test(text) || (/filter/i.test(text) && (text.includes('=') || /bound/i.test(text)));
  if (!maybe && !(facts.patternCounts && /[.;]/.test(text))) return undefined;
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri, sparqlStar: true }).parse(text);
  } catch {
    return undefined; // the store reports the syntax error
  }
  if (parsed.type !== 'query') return undefined;
  // Order matters: a FILTER turned into a join leaves a plain BGP that DISTINCT pushdown can split.
  // Join order last: it reads the triples the other rewrites leave in the top group.
  const changed =
    (await optionalNotBoundToMinus(parsed)) +
    (await optionalToAggregate(parsed, facts)) +
    (await rewriteFilterEquality(parsed, facts)) +
    pushDownDistinct(parsed) +
    distributeOverUnion(parsed);
  const ordered = await orderBySelectivity(parsed, facts);
  if (!changed && !ordered) return undefined;
  return new sparqljs.Generator().stringify(parsed);
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
  // Counts are taken over all graphs; a query over a given dataset gets the rewrites that need no counts.
  const datasetFacts: Facts = { objectsAreTerms: (p) => facts.objectsAreTerms(p), objectsAreNumbers: (p) => facts.objectsAreNumbers(p) };
  // Rewritten text per query, valid for one change-log sequence: a repeated query is parsed and rewritten once.
  const plans = new Map<string, { seq: number; text: string | undefined; topK: TopKPlan | undefined }>();
  const planFor = async (text: string, options: QueryOptions | undefined, seq: number) => {
    const dataset = Boolean(options?.defaultGraphs?.length || options?.namedGraphs?.length);
    const key = `${dataset}\0${options?.baseIri ?? ''}\0${text}`;
    const known = plans.get(key);
    if (known?.seq === seq) return known;
    const plan = {
      seq,
      text: await optimizeQuery(text, dataset ? datasetFacts : facts, options?.baseIri).catch(() => undefined),
      topK: /order\s+by/i.test(text) && /limit/i.test(text) ? await topKPlan(text, options?.baseIri) : undefined,
    };
    if (facts.lastSeq === seq) {
      if (plans.size >= 1000) plans.clear();
      plans.set(key, plan);
    }
    return plan;
  };
  const topKPlan = async (text: string, baseIri?: string): Promise<TopKPlan | undefined> => {
    try {
      return await planTopK(new sparqljs.Parser({ baseIRI: baseIri, sparqlStar: true }).parse(text), facts);
    } catch {
      return undefined;
    }
  };
  /** The top-k plan's two queries, or undefined when its first answer does not fit the plan. */
  const runTopK = async (topK: TopKPlan, options?: QueryOptions): Promise<QueryResult | undefined> => {
    const tsv = await store.query(topK.unordered, { ...options, format: 'text/tab-separated-values', asBytes: false });
    const answer = topK.answer(tsv.body);
    return answer === undefined ? undefined : store.query(answer, options);
  };
  const rewritten = async (text: string, options?: QueryOptions): Promise<QueryResult> => {
    if (!rewrites) return store.query(text, options);
    const seq = facts.lastSeq;
    const plan = await planFor(text, options, seq);
    let result: QueryResult | undefined;
    if (plan.topK) {
      result = await runTopK(plan.topK, options).catch((e) => {
        // All rows of a large query may not fit: then the engine sorts them as before.
        if (e instanceof LibkgError && e.code === 'RESULT_TOO_LARGE') return undefined;
        throw e;
      });
    } else if (plan.text) result = await store.query(plan.text, options);
    // A write between checking the data facts and running the query could make them stale: answer unrewritten then.
    if (result && facts.lastSeq === seq) return result;
    result?.release?.();
    return store.query(text, options);
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
