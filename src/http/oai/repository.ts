/**
 * The OAI-PMH view of the store: every record graph (`{base}graph/{source}/{key}`,
 * file graphs excluded) is an item, its datestamp the time of its latest
 * change in the persistent change log, deleted graphs are tombstone records.
 * Lists walk the change log in sequence order and keep only each graph's
 * latest change, so a position is just a sequence number: it stays valid
 * while data changes (a record changed meanwhile moves to the end of the list
 * and is harvested again, never skipped).
 */
import type { ChangeEntry, QuadStore } from '../../store/port.js';
import { NS } from '../../vocab.js';
import { setOfSource, setOfTypes } from './protocol/sets.js';

export interface RecordHeader {
  /** The OAI identifier: the record graph's IRI. */
  identifier: string;
  source: string;
  /** Seconds granularity, `YYYY-MM-DDThh:mm:ssZ`. */
  datestamp: string;
  deleted: boolean;
  set?: string;
  /** Change-log sequence number of the graph's latest change. */
  seq: number;
}

export interface ListQuery {
  /** Only changes after this sequence number. */
  after: number;
  /** Inclusive bounds on the change timestamp (ISO, millisecond precision). */
  fromTs?: string;
  untilTs?: string;
  set?: string;
  /** Only records of these sources (marcxml: catalog records). */
  sources?: readonly string[];
}

/** Truncates an ISO timestamp to OAI seconds granularity. */
export const toDatestamp = (iso: string) => `${iso.slice(0, 19)}Z`;

const SCAN_BATCH = 2000;
const RDF_TYPE = NS.rdf('type');

export class OaiRepository {
  private readonly graphPrefix: string;
  private readonly sets = new Map<string, { seq: number; set: string | undefined }>();

  constructor(
    private readonly store: QuadStore,
    baseIri: string,
  ) {
    this.graphPrefix = `${baseIri}graph/`;
  }

  /** The source segment of a record graph IRI, or undefined for anything that is not a record graph. */
  sourceOf(graph: string): string | undefined {
    if (!graph.startsWith(this.graphPrefix)) return undefined;
    const rest = graph.slice(this.graphPrefix.length);
    const slash = rest.indexOf('/');
    if (slash <= 0 || slash === rest.length - 1) return undefined;
    const source = rest.slice(0, slash);
    return source === 'file' ? undefined : source;
  }

  /**
   * A record's set, from the rdf:types in its graph. Cached per graph and
   * change sequence, so a change costs one graph read, never a rebuild.
   */
  async setOf(graph: string, source: string, deleted: boolean, seq: number): Promise<string | undefined> {
    if (deleted) return setOfSource(source);
    const hit = this.sets.get(graph);
    if (hit && hit.seq === seq) return hit.set;
    const types = (await this.store.getGraph(graph)).filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.object.value);
    const set = setOfTypes(types) ?? setOfSource(source);
    this.sets.set(graph, { seq, set });
    return set;
  }

  /** The header of one record, or undefined when the identifier names no record graph. */
  async header(identifier: string): Promise<RecordHeader | undefined> {
    const source = this.sourceOf(identifier);
    const info = source ? this.store.graphInfo(identifier) : undefined;
    if (!source || !info || info.lastSeq === 0) return undefined;
    const deleted = info.deletedAt !== undefined;
    return {
      identifier,
      source,
      datestamp: toDatestamp(info.deletedAt ?? info.updatedAt),
      deleted,
      set: await this.setOf(identifier, source, deleted, info.lastSeq),
      seq: info.lastSeq,
    };
  }

  /** Whether a change is its graph's latest one and matches the query; its header if so. */
  private async admit(c: ChangeEntry, q: ListQuery): Promise<RecordHeader | undefined> {
    if (q.fromTs !== undefined && c.ts < q.fromTs) return undefined;
    if (q.untilTs !== undefined && c.ts > q.untilTs) return undefined;
    const source = this.sourceOf(c.graph);
    if (!source || (q.sources && !q.sources.includes(source))) return undefined;
    const info = this.store.graphInfo(c.graph);
    if (!info || info.lastSeq !== c.seq) return undefined;
    const deleted = info.deletedAt !== undefined;
    const set = await this.setOf(c.graph, source, deleted, c.seq);
    if (q.set !== undefined && set !== q.set) return undefined;
    return { identifier: c.graph, source, datestamp: toDatestamp(c.ts), deleted, set, seq: c.seq };
  }

  /** Up to `limit` headers after `q.after`, and whether more follow. */
  async list(q: ListQuery, limit: number): Promise<{ headers: RecordHeader[]; more: boolean }> {
    const headers: RecordHeader[] = [];
    let after = q.after;
    // Start with what one page needs; grow when superseded or filtered changes are skipped.
    let size = limit + 1;
    for (;;) {
      const batch = this.store.changes(after, size);
      for (const c of batch) {
        const h = await this.admit(c, q);
        if (!h) continue;
        if (headers.length === limit) return { headers, more: true };
        headers.push(h);
      }
      if (batch.length < size) return { headers, more: false };
      after = (batch[batch.length - 1] as ChangeEntry).seq;
      size = Math.min(size * 2, SCAN_BATCH);
    }
  }

  /** How many records match a query from the start (for completeListSize). */
  async count(q: Omit<ListQuery, 'after'>): Promise<number> {
    let n = 0;
    let after = 0;
    for (;;) {
      const batch = this.store.changes(after, SCAN_BATCH);
      for (const c of batch) if (await this.admit(c, { ...q, after: 0 })) n++;
      if (batch.length < SCAN_BATCH) return n;
      after = (batch[batch.length - 1] as ChangeEntry).seq;
    }
  }

  /** Datestamp of the earliest change still visible as a record, or the epoch when there is none. */
  async earliestDatestamp(): Promise<string> {
    // Timestamps grow with sequence numbers, so the first record listed has the earliest datestamp.
    const first = (await this.list({ after: 0 }, 1)).headers[0];
    return first?.datestamp ?? '1970-01-01T00:00:00Z';
  }

  async getGraph(identifier: string) {
    return this.store.getGraph(identifier);
  }
}
