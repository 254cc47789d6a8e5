/**
 * Writes to the remote in the order they are asked for: drops and deletions as SPARQL Update,
 * graph contents through the Graph Store Protocol when the remote has one. Virtuoso compiles
 * INSERT DATA into SQL and refuses about 1,500 triples in one request (and takes ~0.3 ms a triple
 * below that), while a Graph Store POST of N-Triples loads ~120,000 triples a second.
 */
import type * as RDF from '@rdfjs/types';
import type { SparqlClient } from './sparql-client.js';
import { graphBlocks, ntriplesOf, remoteGraph } from './translate.js';

export interface WriteTarget {
  client: SparqlClient;
  /** Graph Store Protocol endpoint; without one, contents go as INSERT DATA. */
  graphStore?: string;
  timeoutMs: number;
  /** Triples per SPARQL Update request (Virtuoso: well below its ~1,500). */
  sparqlQuads: number;
  /** Called for every graph written (it is libkg's from now on). */
  adopt(graph: string): void;
  counters: { requests: number; quads: number };
}

/** Graph Store requests in flight at once (for different graphs): record graphs are small, the round trip dominates. */
const PARALLEL_PUTS = 4;

export class RemoteWriter {
  private ops: string[] = [];
  private opQuads = 0;
  /** Graph Store requests under way, by graph; settled promises (their failure is kept in `error`). */
  private readonly inFlight = new Map<string, Promise<void>>();
  private error: unknown;

  constructor(private readonly t: WriteTarget) {}

  /** Waits for every Graph Store request under way; the first failure is thrown. */
  private async drain(): Promise<void> {
    await Promise.all(this.inFlight.values());
    this.check();
  }

  private check(): void {
    if (this.error) throw this.error;
  }

  private async sendOps(extra: string[] = []): Promise<void> {
    await this.drain();
    const ops = [...this.ops, ...extra];
    const quads = this.opQuads;
    this.ops = [];
    this.opQuads = 0;
    if (!ops.length) return;
    await this.t.client.update(ops.join(' ;\n'), this.t.timeoutMs);
    this.t.counters.requests++;
    this.t.counters.quads += quads;
  }

  private async op(text: string, quads: number): Promise<void> {
    if (this.opQuads + quads > this.t.sparqlQuads || this.ops.length >= 100) await this.sendOps();
    this.ops.push(text);
    this.opQuads += quads;
  }

  async drop(graph: string): Promise<void> {
    this.t.adopt(graph);
    await this.op(`DROP SILENT GRAPH <${remoteGraph(graph)}>`, 1);
  }

  private async data(kind: 'INSERT' | 'DELETE', quads: RDF.Quad[]): Promise<void> {
    for (let i = 0; i < quads.length; i += this.t.sparqlQuads) {
      const part = quads.slice(i, i + this.t.sparqlQuads);
      await this.op(`${kind} DATA {\n${graphBlocks(part)}\n}`, part.length);
    }
  }

  remove(quads: RDF.Quad[]): Promise<void> {
    return this.data('DELETE', quads);
  }

  /** One graph's quads: its whole new content (`replace`) or additions. */
  async put(graph: string, quads: RDF.Quad[], replace: boolean): Promise<void> {
    this.t.adopt(graph);
    if (!this.t.graphStore) {
      if (replace) await this.drop(graph);
      await this.data('INSERT', quads);
      return;
    }
    // Keep the order: SPARQL operations asked for before this go first, and earlier requests for the same graph.
    if (this.ops.length) await this.sendOps();
    await this.inFlight.get(graph);
    while (this.inFlight.size >= PARALLEL_PUTS) await Promise.race(this.inFlight.values());
    this.check();
    const url = this.t.graphStore;
    const request = this.t.client.graphStore(url, replace ? 'PUT' : 'POST', remoteGraph(graph), ntriplesOf(quads), this.t.timeoutMs).then(
      () => {
        this.t.counters.requests++;
        this.t.counters.quads += quads.length;
      },
      (e) => {
        this.error ??= e;
      },
    );
    const settled = request.finally(() => {
      if (this.inFlight.get(graph) === settled) this.inFlight.delete(graph);
    });
    this.inFlight.set(graph, settled);
  }

  /** Sends what is left, with `last` (the marker update) in the same request. */
  finish(last: string[]): Promise<void> {
    return this.sendOps(last);
  }
}
