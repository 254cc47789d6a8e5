/**
 * owl:sameAs clusters: the connected components of every owl:sameAs triple in the store (the link
 * graphs of `{base}graph/links/…` and what records state themselves), each with a canonical IRI
 * (canonical.ts). Derived data kept in memory and kept up to date through the store's change events:
 * a change re-reads the owl:sameAs triples of the changed graphs only, and the sizes and sources of
 * the members of the clusters it touched; nothing is computed per request.
 */
import N3 from 'n3';
import { connectedGroups } from '../../connected-groups.js';
import type { QuadStore } from '../../store/port.js';
import { NS } from '../../vocab.js';
import { canonicalOf, compareCanonical } from './canonical.js';

const SAME_AS = NS.owl('sameAs');
/** Graphs, or members, named in one VALUES block. */
const BATCH = 500;
/** After a failed refresh (an engine replaced meanwhile), the next try. */
const RETRY_MS = 1000;
/**
 * Cluster reads are small background queries: they get their own time limit rather than the
 * request's (a server with a short query timeout would otherwise have its engine replaced for them).
 */
const QUERY_TIMEOUT_MS = 60_000;

export interface SameAsEdge {
  subject: string;
  object: string;
  /** The graph stating it ('' = the default graph). */
  graph: string;
}

export interface ClusterMember {
  iri: string;
  /** Triples with the member as subject, in all graphs. */
  triples: number;
  /** Graphs describing the member (its record graphs), largest part first. */
  graphs: string[];
}

export interface Cluster {
  canonical: string;
  /** The canonical member first, then by IRI. */
  members: ClusterMember[];
  edges: SameAsEdge[];
}

interface Log {
  error(obj: object, msg: string): void;
}

type Row = Record<string, { value: string } | undefined>;

const iriList = (iris: Iterable<string>) => [...iris].map((i) => `<${i}>`).join(' ');
/** IRIs that can go into a query as `<…>` unescaped. */
const plainIri = (iri: string) => !/[\s<>"{}|^`\\]/.test(iri);

export class ClusterIndex {
  private readonly edgesByGraph = new Map<string, SameAsEdge[]>();
  private readonly facts = new Map<string, { triples: number; graphs: string[] }>();
  private byIri = new Map<string, Cluster>();
  private readonly pending = new Set<string>();
  private full = true;
  private seenSeq = 0;
  private wantedSeq: number;
  private running: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private readonly waiters: { seq: number; resolve: () => void }[] = [];
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly store: QuadStore,
    private readonly baseIri: string,
    private readonly log?: Log,
  ) {
    this.wantedSeq = store.stats().lastSeq;
  }

  /** Builds the clusters from the whole store, then follows its changes. */
  start(): this {
    this.unsubscribe = this.store.onChange((e) => {
      for (const g of e.graphs) this.pending.add(g);
      this.wantedSeq = Math.max(this.wantedSeq, e.lastSeq);
      this.schedule();
    });
    this.schedule();
    return this;
  }

  /** The cluster of an IRI, or undefined when no owl:sameAs names it. */
  clusterOf(iri: string): Cluster | undefined {
    return this.byIri.get(iri);
  }

  /** The cluster's canonical IRI; the IRI itself when it is in no cluster. */
  canonicalOf(iri: string): string {
    return this.byIri.get(iri)?.canonical ?? iri;
  }

  /** Number of clusters. */
  count(): number {
    return new Set(this.byIri.values()).size;
  }

  /** Resolves true once the clusters reflect every change made before the call, false after `maxWaitMs`. */
  current(maxWaitMs: number): Promise<boolean> {
    const seq = this.wantedSeq;
    if (this.seenSeq >= seq && !this.full) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), maxWaitMs);
      timer.unref();
      this.waiters.push({
        seq,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    clearTimeout(this.retry);
    await this.running?.catch(() => {});
  }

  private schedule(): void {
    if (this.running || this.closed) return;
    this.running = this.refresh().then(
      () => {
        this.running = undefined;
        if (!this.closed && (this.pending.size || this.full)) this.schedule();
      },
      (err) => {
        this.running = undefined;
        // What was half read is not trusted: the next try, a little later, rebuilds from the whole store.
        this.full = true;
        this.log?.error({ err }, 'owl:sameAs clusters could not be refreshed; trying again');
        this.retry = setTimeout(() => this.schedule(), RETRY_MS);
        this.retry.unref();
      },
    );
  }

  private async refresh(): Promise<void> {
    const seq = this.wantedSeq;
    const full = this.full;
    const graphs = [...this.pending];
    this.pending.clear();
    if (full) await this.readAllEdges();
    else await this.readEdges(graphs);
    const changed = new Set(graphs);
    const groups = connectedGroups([...this.edgesByGraph.values()].flat(), (e) => [e.subject, e.object]);
    // Members whose size or sources may have moved: all on a full build, else those of clusters
    // with a changed link and those described by a changed graph.
    const stale = new Set<string>();
    for (const edges of groups) {
      const members = new Set(edges.flatMap((e) => [e.subject, e.object]));
      const touched = full || edges.some((e) => changed.has(e.graph));
      for (const m of members) {
        const known = this.facts.get(m);
        if (touched || !known || known.graphs.some((g) => changed.has(g))) stale.add(m);
      }
    }
    await this.readFacts([...stale]);
    const byIri = new Map<string, Cluster>();
    for (const edges of groups) {
      const iris = [...new Set(edges.flatMap((e) => [e.subject, e.object]))];
      const members = iris.map((iri) => ({ iri, ...(this.facts.get(iri) ?? { triples: 0, graphs: [] }) }));
      const canonical = canonicalOf(members, this.baseIri);
      members.sort((a, b) => (a.iri === canonical ? -1 : b.iri === canonical ? 1 : compareCanonical(a, b, this.baseIri)));
      const cluster = { canonical, members, edges };
      for (const iri of iris) byIri.set(iri, cluster);
    }
    for (const iri of this.facts.keys()) if (!byIri.has(iri)) this.facts.delete(iri);
    this.byIri = byIri;
    if (full) this.full = false;
    this.seenSeq = Math.max(this.seenSeq, seq);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i] as { seq: number; resolve: () => void };
      if (w.seq <= this.seenSeq) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  /** Every owl:sameAs triple between IRIs: a quad pattern, answered from the engine's indexes. */
  private async readAllEdges(): Promise<void> {
    const quads = await this.store.match(null, N3.DataFactory.namedNode(SAME_AS), null, null);
    this.edgesByGraph.clear();
    for (const q of quads) {
      if (q.subject.termType !== 'NamedNode' || q.object.termType !== 'NamedNode' || q.subject.value === q.object.value) continue;
      const graph = q.graph.termType === 'DefaultGraph' ? '' : q.graph.value;
      const list = this.edgesByGraph.get(graph) ?? [];
      list.push({ subject: q.subject.value, object: q.object.value, graph });
      this.edgesByGraph.set(graph, list);
    }
  }

  /** The owl:sameAs triples of these graphs now (a deleted graph has none). */
  private async readEdges(graphs: string[]): Promise<void> {
    for (const g of graphs) this.edgesByGraph.delete(g);
    const named = graphs.filter((g) => g !== '' && plainIri(g));
    if (graphs.includes('')) {
      const quads = await this.store.match(null, N3.DataFactory.namedNode(SAME_AS), null, N3.DataFactory.defaultGraph());
      for (const q of quads) this.addEdge('', q.subject.value, q.object.value, q.subject.termType === 'NamedNode' && q.object.termType === 'NamedNode');
    }
    for (let i = 0; i < named.length; i += BATCH) {
      const rows = await this.select(
        `SELECT ?g ?s ?o WHERE { VALUES ?g { ${iriList(named.slice(i, i + BATCH))} } GRAPH ?g { ?s <${SAME_AS}> ?o FILTER(isIRI(?s) && isIRI(?o)) } }`,
      );
      for (const r of rows) this.addEdge(r.g?.value ?? '', r.s?.value ?? '', r.o?.value ?? '', true);
    }
  }

  private addEdge(graph: string, subject: string, object: string, iris: boolean): void {
    if (!iris || subject === object) return;
    const list = this.edgesByGraph.get(graph) ?? [];
    list.push({ subject, object, graph });
    this.edgesByGraph.set(graph, list);
  }

  /** Triple counts and describing graphs of these members. */
  private async readFacts(iris: string[]): Promise<void> {
    const queryable = iris.filter(plainIri);
    for (const iri of iris) this.facts.set(iri, { triples: 0, graphs: [] });
    for (let i = 0; i < queryable.length; i += BATCH) {
      const rows = await this.select(
        `SELECT ?m ?g (COUNT(*) AS ?n) WHERE { VALUES ?m { ${iriList(queryable.slice(i, i + BATCH))} } GRAPH ?g { ?m ?p ?o } } GROUP BY ?m ?g ORDER BY ?m DESC(?n) ?g`,
      );
      for (const r of rows) {
        const f = this.facts.get(r.m?.value ?? '');
        if (!f) continue;
        f.triples += Number(r.n?.value ?? 0);
        f.graphs.push(r.g?.value ?? '');
      }
    }
  }

  private async select(query: string): Promise<Row[]> {
    const r = await this.store.query(query, { format: 'application/sparql-results+json', timeoutMs: QUERY_TIMEOUT_MS });
    return (JSON.parse(r.body) as { results: { bindings: Row[] } }).results.bindings;
  }
}
