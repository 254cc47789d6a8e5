import { join } from 'node:path';
import type { QuadStore } from '../store/port.js';
import type { SearchIndex } from './port.js';
import { SqliteSearchIndex } from './sqlite.js';
import { SearchSync, type SyncLog } from './sync.js';

/** The index file in the data dir, unless the configuration names another. */
export const searchIndexPath = (dataDir: string, configured?: string) => configured || join(dataDir, 'search.sqlite');

export interface Search {
  index: SearchIndex;
  sync: SearchSync;
  close(): Promise<void>;
}

/** Opens the search index and starts following the store (catching up with changes made while it was closed). */
export function openSearch(opts: { path: string; baseIri: string; store: QuadStore; log?: SyncLog }): Search {
  const index = new SqliteSearchIndex(opts.path, opts.baseIri);
  const sync = new SearchSync(opts.store, index, opts.baseIri, opts.log);
  sync.start();
  return {
    index,
    sync,
    async close() {
      await sync.close();
      index.close();
    },
  };
}
