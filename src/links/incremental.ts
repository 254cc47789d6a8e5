/**
 * Incremental link runs: after an import, only the entities the change log touched since the spec's
 * last run are compared again (against everything selected), and the previous run's links between
 * untouched entities are kept. A run falls back to a full one whenever its answer could differ
 * from a full run's: no earlier run (or one of another spec version), a deleted graph (what it
 * described is gone from the store), a spec whose scores depend on the whole corpus (TF-IDF) or on
 * the other candidates (`best`), or more changed graphs than reading them is worth.
 */
import type * as RDF from '@rdfjs/types';
import type { QuadStore } from '../store/port.js';
import { LINK, NS } from '../vocab.js';
import type { LinkSpec, ScoredPair } from './engine/index.js';

/** Past this many changed graphs a full run is cheaper than reading each of them for the entities it names. */
export const INCREMENTAL_MAX_GRAPHS = 20_000;
/** Comparators whose scores use statistics of all the values (a new record changes every score). */
const CORPUS_COMPARATORS = new Set(['tfidf', 'soft-tfidf']);

export interface PreviousRun {
  /** The change-log sequence the run had seen (`libkg:upToChange`). */
  seq: number;
  version: string;
  pairs: ScoredPair[];
}

/** The previous run as its link graph records it, undefined when there is none (or it predates `upToChange`). */
export async function previousRun(store: QuadStore, graph: string): Promise<PreviousRun | undefined> {
  const info = store.graphInfo(graph);
  if (!info || info.deletedAt) return undefined;
  const quads = await store.getGraph(graph, { sliceLines: 20_000 });
  const run = `${graph}#run`;
  let seq: number | undefined;
  let version = '';
  const links = new Map<string, Partial<ScoredPair> & { evidence: Record<string, number> }>();
  const evidence = new Map<string, { comparator?: string; score?: number; link?: string }>();
  const link = (iri: string) => {
    let l = links.get(iri);
    if (!l) links.set(iri, (l = { evidence: {} }));
    return l;
  };
  const node = (iri: string) => {
    let e = evidence.get(iri);
    if (!e) evidence.set(iri, (e = {}));
    return e;
  };
  for (const { subject: s, predicate: p, object: o } of quads as RDF.Quad[]) {
    const pv = p.value;
    if (s.value === run) {
      if (pv === LINK.upToChange) seq = Number(o.value);
      else if (pv === LINK.specVersion) version = o.value;
    } else if (pv === LINK.source) link(s.value).source = o.value;
    else if (pv === LINK.target) link(s.value).target = o.value;
    else if (pv === LINK.status) link(s.value).status = o.value as ScoredPair['status'];
    else if (pv === LINK.evidence) node(o.value).link = s.value;
    else if (pv === LINK.comparator) node(s.value).comparator = o.value;
    // An evidence node is `{link}#{comparator}`; a link's IRI has no fragment.
    else if (pv === LINK.score) {
      if (s.value.includes('#')) node(s.value).score = Number(o.value);
      else link(s.value).score = Number(o.value);
    }
  }
  if (seq === undefined || !Number.isFinite(seq)) return undefined;
  for (const e of evidence.values()) {
    if (e.link && e.comparator !== undefined && e.score !== undefined) link(e.link).evidence[e.comparator] = e.score;
  }
  const pairs: ScoredPair[] = [];
  for (const l of links.values()) {
    if (l.source && l.target && l.status && l.score !== undefined) pairs.push(l as ScoredPair);
  }
  return { seq, version, pairs };
}

export type Plan = { mode: 'full'; because: string } | { mode: 'incremental'; previous: PreviousRun; changed: Set<string>; graphs: number };

/** Whether this run can be incremental, and the entities it then compares again. */
export async function planRun(store: QuadStore, spec: LinkSpec, graph: string, linkGraphsPrefix: string): Promise<Plan> {
  if (spec.best.mode === 'best') return { mode: 'full', because: 'the spec keeps only the best links (best:), which depend on every candidate' };
  const corpus = spec.compare.find((c) => CORPUS_COMPARATORS.has(c.using) || CORPUS_COMPARATORS.has(c.inner));
  if (corpus) return { mode: 'full', because: `${corpus.name} scores depend on all values` };
  const previous = await previousRun(store, graph);
  if (!previous) return { mode: 'full', because: 'no earlier run' };
  if (previous.version !== String(spec.version)) return { mode: 'full', because: `the spec changed (version ${previous.version} → ${spec.version})` };
  const graphs = new Set<string>();
  for (let after = previous.seq; ; ) {
    const page = store.changes(after, 1000);
    if (!page.length) break;
    for (const c of page) {
      if (c.graph.startsWith(linkGraphsPrefix)) continue;
      if (c.op === 'delete') return { mode: 'full', because: `graph ${c.graph} was deleted` };
      graphs.add(c.graph);
    }
    if (graphs.size > INCREMENTAL_MAX_GRAPHS) return { mode: 'full', because: `more than ${INCREMENTAL_MAX_GRAPHS} graphs changed` };
    after = (page[page.length - 1] as { seq: number }).seq;
  }
  // An entity changed when a changed graph names it: its own description, or a work naming it as creator (co-author evidence).
  const changed = new Set<string>();
  for (const g of graphs) {
    for (const q of await store.getGraph(g, { sliceLines: 20_000 })) {
      if (q.subject.termType === 'NamedNode') changed.add(q.subject.value);
      if (q.object.termType === 'NamedNode' && q.predicate.value !== NS.rdf('type')) changed.add(q.object.value);
    }
  }
  return { mode: 'incremental', previous, changed, graphs: graphs.size };
}

/** The previous links still standing (neither end changed, both still selected), then this run's. */
export function mergePairs(previous: ScoredPair[], fresh: ScoredPair[], changed: ReadonlySet<string>, selected: ReadonlySet<string>): ScoredPair[] {
  const kept = previous.filter((p) => !changed.has(p.source) && !changed.has(p.target) && selected.has(p.source) && selected.has(p.target));
  return [...kept, ...fresh];
}
