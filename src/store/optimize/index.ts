/**
 * Query rewrites above the engine: each one gives the same results as the
 * query it replaces (tests compare both on sample data) and is kept only if
 * the SPARQL bench shows it pays (bench/results/sparql-vs-virtuoso.md).
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import sparqljs from 'sparqljs';
import { LibkgError } from '../../errors.js';
import { termToNt } from '../../rdf/nquads.js';
import { QUERY_REWRITES, type QueryRewrite } from '../../settings/query-rewrites.js';
import { ownQuery, type ParsedQuery, parsedFor, treeOf, withoutTree } from '../parsed-query.js';
import type { QuadStore, QueryOptions, QueryResult } from '../port.js';
import { pushDownDistinct } from './distinct-pushdown.js';
import { type EdgePredicateDeps, predicatesFromStatistics } from './edge-predicates.js';
import { type EmptyJoinDeps, markEmptyJoins } from './empty-join.js';
import { type EqualityRewriteDeps, rewriteFilterEquality } from './filter-equality.js';
import { countFromStarAggregate, type GroupedCountDeps, MAX_ROWS } from './grouped-count.js';
import { COUNT_CAP, orderBySelectivity, type PatternCountDeps } from './join-order.js';
import { type AggregateRewriteDeps, optionalToAggregate } from './optional-aggregate.js';
import { optionalNotBoundToMinus } from './optional-minus.js';
import { ResultCache } from './result-cache.js';
import { semiJoinUnionBranches } from './semi-join.js';
import { planTopK, sortedIris, type TopKPlan } from './top-k.js';
import { distributeOverUnion } from './union-distribute.js';

const { DataFactory: F } = N3;

const ALL: ReadonlySet<QueryRewrite> = new Set(QUERY_REWRITES);

/** Largest TSV whose sorted values are kept for top-k pages (~64 MiB of strings). */
const MAX_SORTED_CHARS = 32 * 1024 * 1024;

/** Distinct predicates kept per statistic at most. */
const MAX_PREDICATES = 10_000;

type JsonTerm = { type: string; value: string; datatype?: string; 'xml:lang'?: string };

/** A SPARQL JSON result term as an RDF term, or undefined for what VALUES cannot hold (blank nodes, triple terms, directions). */
function fromJson(t: JsonTerm | undefined): RDF.Term | undefined {
  if (t?.type === 'uri') return F.namedNode(t.value);
  if (t?.type !== 'literal' || Object.keys(t).some((k) => !['type', 'value', 'datatype', 'xml:lang'].includes(k))) return undefined;
  if (t['xml:lang']) return F.literal(t.value, t['xml:lang']);
  return F.literal(t.value, t.datatype ? F.namedNode(t.datatype) : undefined);
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;

/** Facts about the data the rewrites rely on, recomputed after every change (keyed by change-log sequence). */
export class DataFacts {
  private seq: number;
  private readonly termObjects = new Map<string, boolean>();
  private readonly numberObjects = new Map<string, boolean>();
  private readonly iriObjects = new Map<string, boolean>();
  /** Statistics valid for one sequence only (aggregates, empty pairs, edge predicates), by query text. */
  private readonly perSeq = new Map<string, Promise<unknown>>();
  /** Pattern row counts with the sequence they were taken at; kept across writes as estimates. */
  private readonly counts = new Map<string, { seq: number; n: number }>();

  constructor(private readonly store: QuadStore) {
    this.seq = store.stats().lastSeq;
    store.onChange((e) => {
      this.seq = e.lastSeq;
      this.termObjects.clear();
      this.numberObjects.clear();
      this.iriObjects.clear();
      this.perSeq.clear();
    });
  }

  /** `compute` once per sequence and key (concurrent callers share it); not kept if a write lands meanwhile. */
  private once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.perSeq.get(key);
    if (hit) return hit as Promise<T>;
    const seq = this.seq;
    const p = compute();
    if (this.perSeq.size > 10_000) this.perSeq.clear();
    this.perSeq.set(key, p);
    const forget = () => {
      if (this.perSeq.get(key) === p) this.perSeq.delete(key);
    };
    p.then(() => seq !== this.seq && forget(), forget);
    return p;
  }

  /** `own`: a query written here over all graphs (no FROM), so its form is known without a parse. */
  private async select(text: string, own = false): Promise<Record<string, JsonTerm>[]> {
    const r = await this.store.query(text, { format: 'application/sparql-results+json', parsed: own ? ownQuery(text, 'SELECT') : undefined });
    return JSON.parse(r.body).results.bindings;
  }

  /** The rows of an aggregate query (see GroupedCountDeps), once per sequence. */
  aggregateRows(query: string, columns: string[]): Promise<RDF.Term[][] | undefined> {
    return this.once(`agg\0${query}`, async () => {
      const rows = await this.select(`${query} LIMIT ${MAX_ROWS + 1}`);
      if (rows.length > MAX_ROWS) return undefined;
      const out: RDF.Term[][] = [];
      for (const b of rows) {
        const terms = columns.map((c) => fromJson(b[c]));
        if (!terms.every((t): t is RDF.Term => t !== undefined)) return undefined;
        out.push(terms);
      }
      return out;
    });
  }

  /** Whether each pattern has no match over all graphs, once per sequence and pattern (missing ones in one query). */
  async patternsEmpty(patterns: string[]): Promise<boolean[]> {
    const key = (p: string) => `empty\0${p}`;
    const missing = patterns.filter((p) => !this.perSeq.has(key(p)));
    if (missing.length) {
      const parts = missing.map((p, i) => `{ SELECT (COUNT(*) AS ?c${i}) WHERE { SELECT * WHERE { ${p} } LIMIT 1 } }`);
      const all = this.select(`SELECT * WHERE { ${parts.join(' ')} }`, true).then((rows) => rows[0] ?? {});
      for (const [i, p] of missing.entries()) void this.once(key(p), () => all.then((row) => row[`c${i}`]?.value === '0'));
    }
    return Promise.all(patterns.map((p) => this.perSeq.get(key(p)) as Promise<boolean>));
  }

  /** All values of a one-column IRI query in ascending order (top-k.ts), once per sequence; undefined outside the plan. */
  sortedIris(query: string): Promise<string[] | undefined> {
    return this.once(`sorted\0${query}`, async () => {
      const r = await this.store.query(query, { format: 'text/tab-separated-values', asBytes: false });
      return r.body.length > MAX_SORTED_CHARS ? undefined : sortedIris(r.body);
    });
  }

  /** Predicates of triples leaving or reaching subjects of `?x <predicate> object` (see EdgePredicateDeps), once per sequence. */
  edgePredicates(predicate: string, object: string, direction: 'in' | 'out'): Promise<string[] | undefined> {
    const edge = direction === 'out' ? '?x ?p ?o' : '?s ?p ?x';
    return this.once(`edges\0${predicate}\0${object}\0${direction}`, async () => {
      const rows = await this.select(`SELECT DISTINCT ?p WHERE { ?x <${predicate}> ${object} . ${edge} } LIMIT ${MAX_PREDICATES + 1}`, true);
      return rows.length > MAX_PREDICATES ? undefined : rows.map((r) => r.p?.value as string);
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
      const text = `SELECT * WHERE { ${parts.join(' ')} }`;
      const r = await this.store.query(text, { format: 'application/sparql-results+json', parsed: ownQuery(text, 'SELECT') });
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
    const text = `ASK { ?s <${predicate}> ?o FILTER(${violation}) }`;
    const r = await this.store.query(text, { format: 'application/sparql-results+json', parsed: ownQuery(text, 'ASK') });
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

export type Facts = EqualityRewriteDeps & AggregateRewriteDeps & Partial<PatternCountDeps> & GroupedCountDeps & EmptyJoinDeps & EdgePredicateDeps;

/**
 * Returns the rewritten query text, or undefined when nothing applies. `given` is the request's parse of
 * `text`: its tree is rewritten in place (the caller must not hand it on); without it the text is parsed.
 */
export async function optimizeQuery(
  text: string,
  facts: Facts,
  baseIri?: string,
  given?: ParsedQuery,
  on: ReadonlySet<QueryRewrite> = ALL,
): Promise<string | undefined> {
  // Cheap pre-check: the rewrites need a DISTINCT, a FILTER equality, an OPTIONAL with !bound, or (join order) two triple patterns.
  const maybe = /distinct/i.test(text) || (/filter/i.test(text) && (text.includes('=') || /bound/i.test(text)));
  // Join order and the grouped count act on plain triple patterns (with the statistics only the all-graphs facts have).
  const onTriples = on.has('join-order') || on.has('grouped-count');
  if (!maybe && !(facts.patternCounts && onTriples && /[.;]/.test(text))) return undefined;
  const parsed = treeFor(text, baseIri, given);
  if (!parsed) return undefined; // the store reports the syntax error
  if (parsed.type !== 'query') return undefined;
  // Answers from per-sequence statistics first: they replace the work the other rewrites would plan.
  const answered =
    (on.has('grouped-count') ? await countFromStarAggregate(parsed, facts) : 0) +
    (on.has('edge-predicates') ? await predicatesFromStatistics(parsed, facts) : 0);
  if (answered) return new sparqljs.Generator().stringify(parsed);
  // Order matters: a FILTER turned into a join leaves a plain BGP that DISTINCT pushdown can split.
  // Join order last: it reads the triples the other rewrites leave in the top group.
  const changed =
    (on.has('optional-minus') ? await optionalNotBoundToMinus(parsed) : 0) +
    (on.has('optional-aggregate') ? await optionalToAggregate(parsed, facts) : 0) +
    (on.has('filter-equality') ? await rewriteFilterEquality(parsed, facts) : 0) +
    (on.has('distinct-pushdown') ? pushDownDistinct(parsed) : 0) +
    (on.has('union-distribute') ? distributeOverUnion(parsed) : 0) +
    // After distributing: the branches then start from the triples beside the UNION (the anchor).
    (on.has('semi-join') ? semiJoinUnionBranches(parsed) : 0);
  // A join the data proves empty needs no order.
  if (on.has('empty-join') && (await markEmptyJoins(parsed, facts))) return new sparqljs.Generator().stringify(parsed);
  const ordered = on.has('join-order') ? await orderBySelectivity(parsed, facts) : 0;
  if (!changed && !ordered) return undefined;
  return new sparqljs.Generator().stringify(parsed);
}

/** The tree of `text`: the request's own when given, else parsed; undefined when it does not parse. */
function treeFor(text: string, baseIri: string | undefined, given: ParsedQuery | undefined): sparqljs.SparqlQuery | undefined {
  if (given) return treeOf(given);
  try {
    return new sparqljs.Parser({ baseIRI: baseIri, sparqlStar: true }).parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The store with queries rewritten and results cached until the next change;
 * everything else passes through. Either can be turned off, and each rewrite
 * alone (settings queryRewrites, resultCache: before/after benchmarks, or to rule them out).
 */
export function optimizingStore(store: QuadStore, settings: { rewrites?: boolean | readonly QueryRewrite[]; resultCache?: boolean } = {}): QuadStore {
  const on: ReadonlySet<QueryRewrite> =
    settings.rewrites === undefined || settings.rewrites === true ? ALL : new Set(settings.rewrites === false ? [] : settings.rewrites);
  const rewrites = on.size > 0;
  const cache = settings.resultCache !== false ? new ResultCache(store) : undefined;
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
    const given = parsedFor(text, options?.parsed);
    // Top-k reads the tree as given, before the other rewrites change it; its plan replaces theirs.
    const topK = on.has('top-k') && /order\s+by/i.test(text) && /limit/i.test(text) ? await topKPlan(text, options?.baseIri, given) : undefined;
    const plan = {
      seq,
      text: topK ? undefined : await optimizeQuery(text, dataset ? datasetFacts : facts, options?.baseIri, given, on).catch(() => undefined),
      topK,
    };
    if (facts.lastSeq === seq) {
      if (plans.size >= 1000) plans.clear();
      plans.set(key, plan);
    }
    return plan;
  };
  const topKPlan = async (text: string, baseIri?: string, given?: ParsedQuery): Promise<TopKPlan | undefined> => {
    const tree = treeFor(text, baseIri, given);
    return tree && planTopK(tree, facts).catch(() => undefined);
  };
  /** The top-k plan's two queries, or undefined when its first answer does not fit the plan. */
  const runTopK = async (topK: TopKPlan, options?: QueryOptions): Promise<QueryResult | undefined> => {
    if (!options?.defaultGraphs?.length && !options?.namedGraphs?.length) {
      // Over all graphs: the sorted values are kept until the next write and serve every page.
      const sorted = await facts.sortedIris(topK.unordered);
      return sorted && store.query(topK.answerFromSorted(sorted), options);
    }
    const tsv = await store.query(topK.unordered, { ...options, format: 'text/tab-separated-values', asBytes: false });
    const answer = topK.answer(tsv.body);
    return answer === undefined ? undefined : store.query(answer, options);
  };
  const rewritten = async (text: string, options?: QueryOptions): Promise<QueryResult> => {
    if (!rewrites) return store.query(text, options);
    const seq = facts.lastSeq;
    const plan = await planFor(text, options, seq);
    // The rewrites changed the request's tree: the store gets the form and dataset only, for every text it runs.
    const given = parsedFor(text, options?.parsed);
    const asIs = given ? { ...options, parsed: withoutTree(given) } : options;
    let result: QueryResult | undefined;
    if (plan.topK) {
      result = await runTopK(plan.topK, options).catch((e) => {
        // All rows of a large query may not fit: then the engine sorts them as before.
        if (e instanceof LibkgError && e.code === 'RESULT_TOO_LARGE') return undefined;
        throw e;
      });
    } else if (plan.text) result = await store.query(plan.text, given ? { ...options, parsed: { ...withoutTree(given), text: plan.text } } : options);
    // A write between checking the data facts and running the query could make them stale: answer unrewritten then.
    if (result && facts.lastSeq === seq) return result;
    result?.release?.();
    return store.query(text, asIs);
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
