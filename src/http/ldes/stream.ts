/**
 * A Linked Data Event Stream of graph versions, read from the persistent
 * change log. Every change (put, update, delete of a named graph) is one
 * member, `{base}ldes/version/{seq}`: `dct:isVersionOf` the graph,
 * `prov:generatedAtTime` (and `dct:modified`) the change time, and
 * - the graph's content right after that change (the journal keeps a
 *   version per change) in a named graph named by the member (LDES member
 *   extraction takes named graphs whose name is the member IRI);
 * - for a deletion, `a as:Delete` with `as:object` the graph (tombstone);
 * - for a change superseded inside the same transaction (the chunks of one
 *   large import), no content and `dct:isReplacedBy` a later version.
 * Members never change once written, so a full page is immutable.
 * Replaying members in order (content replaces the graph, a delete removes
 * it, contentless members are skipped) rebuilds the store's current graphs.
 *
 * Pages hold a fixed range of sequence numbers (page n: seq n*size+1 ..
 * (n+1)*size), so a full page's member list never changes; each links to
 * the next with a tree:GreaterThanOrEqualToRelation on prov:generatedAtTime.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import type { ChangeEntry, QuadStore } from '../../store/port.js';
import { T } from '../../vocab.js';

const { namedNode, literal, quad, blankNode } = N3.DataFactory;
const dateTime = (ts: string) => literal(ts, T.xsd('dateTime'));

export interface Page {
  quads: RDF.Quad[];
  /** Every sequence number of the page's range is in the log: the member list is final. */
  full: boolean;
}

export class EventStream {
  readonly iri: string;

  constructor(
    private readonly store: QuadStore,
    readonly baseIri: string,
    readonly pageSize = 100,
  ) {
    this.iri = `${baseIri}ldes`;
  }

  pageIri = (n: number) => `${this.iri}/page/${n}`;
  memberIri = (seq: number) => `${this.iri}/version/${seq}`;

  /** Whether the change log holds sequence number `seq` (numbers have no gaps), without counting the store. */
  private hasSeq(seq: number): boolean {
    return seq <= 0 || this.store.changes(seq - 1, 1).length > 0;
  }

  /** The stream's description: its paths and its view (the first page). */
  description(): RDF.Quad[] {
    const s = namedNode(this.iri);
    return [
      quad(s, T.rdf('type'), T.ldes('EventStream')),
      quad(s, T.ldes('timestampPath'), T.prov('generatedAtTime')),
      quad(s, T.ldes('versionOfPath'), T.dct('isVersionOf')),
      quad(s, T.tree('view'), namedNode(this.pageIri(0))),
      quad(s, T.dct('description'), literal('Versions of the graphs of this libkg store, one member per change-log entry')),
    ];
  }

  /** Page n, or undefined beyond the last page. */
  async page(n: number): Promise<Page | undefined> {
    const first = n * this.pageSize;
    // Page n exists once the previous page is full; the first page always does.
    if (!Number.isSafeInteger(n) || n < 0 || !this.hasSeq(first)) return undefined;
    const entries = this.store.changes(first, this.pageSize).filter((c) => c.seq <= first + this.pageSize && c.graph !== '');
    const full = this.hasSeq(first + this.pageSize);
    const node = namedNode(this.pageIri(n));
    const stream = namedNode(this.iri);
    const quads: RDF.Quad[] = [
      ...this.description().filter((q) => !q.predicate.equals(T.tree('view'))),
      quad(stream, T.tree('view'), namedNode(this.pageIri(0))),
      quad(node, T.rdf('type'), T.tree('Node')),
    ];
    if (full) {
      // Later pages only hold changes at or after this page's last one: an immutable lower bound.
      const bound = entries.at(-1)?.ts ?? this.store.changes(first + this.pageSize - 1, 1)[0]?.ts;
      const rel = blankNode(`next${n}`);
      quads.push(
        quad(node, T.tree('relation'), rel),
        quad(rel, T.rdf('type'), T.tree('GreaterThanOrEqualToRelation')),
        quad(rel, T.tree('node'), namedNode(this.pageIri(n + 1))),
        quad(rel, T.tree('path'), T.prov('generatedAtTime')),
      );
      if (bound) quads.push(quad(rel, T.tree('value'), dateTime(bound)));
    }
    for (const c of entries) quads.push(...(await this.member(c, stream)));
    return { quads, full };
  }

  /** One member on its own (member IRIs dereference), or undefined when the log has no such change. */
  async version(seq: number): Promise<RDF.Quad[] | undefined> {
    const [c] = Number.isSafeInteger(seq) && seq > 0 ? this.store.changes(seq - 1, 1) : [];
    if (!c || c.seq !== seq || c.graph === '') return undefined;
    return this.member(c, namedNode(this.iri));
  }

  private async member(c: ChangeEntry, stream: RDF.NamedNode): Promise<RDF.Quad[]> {
    const m = namedNode(this.memberIri(c.seq));
    const graph = namedNode(c.graph);
    const out = [
      quad(stream, T.tree('member'), m),
      quad(m, T.dct('isVersionOf'), graph),
      quad(m, T.prov('generatedAtTime'), dateTime(c.ts)),
      quad(m, T.dct('modified'), dateTime(c.ts)),
    ];
    if (c.op === 'delete') {
      out.push(quad(m, T.rdf('type'), T.as('Delete')), quad(m, T.as('object'), graph));
      return out;
    }
    out.push(quad(m, T.rdf('type'), T.as('Update')), quad(m, T.as('object'), graph));
    const content = this.store.version(c.seq);
    if (content) {
      for (const q of content) out.push(quad(q.subject, q.predicate, q.object, m));
    } else {
      // Superseded inside the same transaction (chunks of one import): the next version holds the content.
      const info = this.store.graphInfo(c.graph);
      if (info) out.push(quad(m, T.dct('isReplacedBy'), namedNode(this.memberIri(info.lastSeq))));
    }
    return out;
  }
}
