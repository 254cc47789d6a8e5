import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/search/query.js';
import { openSearch } from '../../src/search/service.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { importFixtures } from '../helpers/fixtures.js';

const BASE = 'http://localhost:8080/';
const dir = mkdtempSync(join(tmpdir(), 'libkg-search-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the search service', () => {
  it('never serves a hit from a deleted record graph, even while the index lags behind', async () => {
    const store = await EmbeddedStore.open({ dataDir: join(dir, 'store'), quadBudget: 1_000_000, engines: 0, queryTimeoutMs: 10_000, maxResultBytes: 1e8 });
    const search = openSearch({ path: join(dir, 'search.sqlite'), baseIri: BASE, store });
    try {
      await importFixtures(store, BASE, ['catalog/marc2bibframe2-gwu-subset.xml']);
      expect(await search.sync.current(5000)).toBe(true);
      const find = () => search.index.search({ query: parseQuery('author:dvorak').node, from: 0, size: 10 }).hits;
      const work = `${BASE}id/work/local-7704450`;
      expect(search.live(find()).map((h) => h.doc.iri)).toContain(work);
      expect(search.index.graphsOf(work)).toEqual([`${BASE}graph/catalog/local-7704450`]);
      // The follower stops (as if busy with a long import); the record is deleted meanwhile.
      await search.sync.close();
      await store.deleteGraphs([`${BASE}graph/catalog/local-7704450`]);
      expect(search.sync.isCurrent()).toBe(false);
      expect(find().map((h) => h.doc.iri)).toContain(work);
      expect(search.live(find()).map((h) => h.doc.iri)).not.toContain(work);
    } finally {
      await search.close();
      await store.close();
    }
  });
});
