/**
 * Query results kept until the next change: the key is the query and its
 * dataset, and every entry belongs to one change-log sequence number
 * (`store.stats().lastSeq`), so a result is never served after a write. A
 * result computed while a write landed is not kept. Bounded by total bytes,
 * least recently used out first; large results are not kept at all.
 */
import type { QuadStore, QueryOptions, QueryResult } from '../port.js';

export interface ResultCacheOptions {
  maxBytes: number;
  /** Results larger than this are never cached. */
  maxEntryBytes: number;
}

/** Memory a kept result holds: its bytes, or its string (two bytes a UTF-16 unit). */
const sizeOf = (r: QueryResult) => r.bytes?.byteLength ?? r.body.length * 2;

export class ResultCache {
  private seq: number;
  private bytes = 0;
  private readonly entries = new Map<string, QueryResult>();
  hits = 0;
  misses = 0;

  constructor(
    store: QuadStore,
    private readonly opts: ResultCacheOptions = { maxBytes: 64 * 1024 * 1024, maxEntryBytes: 4 * 1024 * 1024 },
  ) {
    this.seq = store.stats().lastSeq;
    store.onChange((e) => {
      this.seq = e.lastSeq;
      this.entries.clear();
      this.bytes = 0;
    });
  }

  private static key(text: string, o: QueryOptions = {}): string {
    return JSON.stringify([text, o.format ?? '', o.defaultGraphs ?? [], o.namedGraphs ?? [], o.baseIri ?? '']);
  }

  /** Answers from the cache, or runs `compute` and keeps its result if no write happened meanwhile. */
  async query(text: string, options: QueryOptions | undefined, compute: () => Promise<QueryResult>): Promise<QueryResult> {
    const key = ResultCache.key(text, options);
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      this.entries.delete(key); // re-insert: Map order is the LRU order
      this.entries.set(key, hit);
      return hit;
    }
    this.misses++;
    const seq = this.seq;
    const result = await compute();
    // A streamed result can be read only once: it is passed on, never kept.
    if (result.chunks) return result;
    const size = sizeOf(result);
    if (seq === this.seq && size <= this.opts.maxEntryBytes) {
      this.entries.set(key, result);
      this.bytes += size;
      for (const [k, v] of this.entries) {
        if (this.bytes <= this.opts.maxBytes) break;
        this.entries.delete(k);
        this.bytes -= sizeOf(v);
      }
    }
    return result;
  }
}
