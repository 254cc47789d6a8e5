import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { QuadStore } from '../store/port.js';
import type { SearchDoc, SearchIndex } from './port.js';
import { SqliteSearchIndex } from './sqlite.js';
import { SearchSync, type SyncLog } from './sync.js';

/** The index file in the data dir, unless the configuration names another. */
export const searchIndexPath = (dataDir: string, configured?: string) => configured || join(dataDir, 'search.sqlite');

export interface Search {
  index: SearchIndex;
  sync: SearchSync;
  /**
   * Hits whose record graphs still exist. While the index lags behind the store (a large import
   * being indexed), a hit from a graph deleted meanwhile is dropped here, so no deleted record is served.
   */
  live<T extends { doc: SearchDoc }>(hits: T[]): T[];
  close(): Promise<void>;
}

/** Opens the search index and starts following the store (catching up with changes made while it was closed). */
export function openSearch(opts: { path: string; baseIri: string; store: QuadStore; log?: SyncLog; busy?: () => boolean }): Search {
  const index = openIndexFile(opts.path, opts.baseIri, opts.log);
  // Index transactions of about 10 ms each, so requests wait at most that long behind indexing; none while requests are in flight.
  const sync = new SearchSync(opts.store, index, opts.baseIri, opts.log, { sliceMs: 10, busy: opts.busy });
  sync.start();
  const store = opts.store;
  return {
    index,
    sync,
    live(hits) {
      if (sync.isCurrent()) return hits;
      return hits.filter(({ doc }) =>
        index.graphsOf(doc.iri).some((g) => {
          const info = store.graphInfo(g);
          return info !== undefined && !info.deletedAt;
        }),
      );
    },
    async close() {
      await sync.close();
      index.close();
    },
  };
}

/**
 * The index file, created where it is missing. A file SQLite cannot read (damaged, or not an index)
 * is derived data: it is removed and the index rebuilt from the store, rather than the server refusing to start.
 */
export function openIndexFile(path: string, baseIri: string, log?: SyncLog): SqliteSearchIndex {
  mkdirSync(dirname(path), { recursive: true });
  try {
    return new SqliteSearchIndex(path, baseIri);
  } catch (err) {
    log?.error({ err, path }, 'search index unreadable: rebuilding it from the store');
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    return new SqliteSearchIndex(path, baseIri);
  }
}
