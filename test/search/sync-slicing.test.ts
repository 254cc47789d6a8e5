import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteSearchIndex } from '../../src/search/sqlite.js';
import { SearchSync } from '../../src/search/sync.js';
import { EmbeddedStore } from '../../src/store/embedded.js';

const { DataFactory: F } = N3;
const BASE = 'http://localhost:8080/';
const RDFS_LABEL = F.namedNode('http://www.w3.org/2000/01/rdf-schema#label');
const DCT_TITLE = F.namedNode('http://purl.org/dc/terms/title');
const GRAPHS = 1500;

let dir: string;
let store: EmbeddedStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-search-slices-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1_000_000, engines: 0, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
  // Records of a work and its ten people, each labelled: enough that indexing them at once takes a while.
  const puts = Array.from({ length: GRAPHS }, (_, i) => {
    const work = F.namedNode(`${BASE}id/work/w${i}`);
    const quads = [F.quad(work, DCT_TITLE, F.literal(`Collected essays volume ${i} on library linked data`, 'en'))];
    for (let k = 0; k < 10; k++) quads.push(F.quad(F.namedNode(`${BASE}id/person/p${i}-${k}`), RDFS_LABEL, F.literal(`Author ${k} of record ${i}`)));
    return { graph: `${BASE}graph/r${i}`, quads };
  });
  await store.putGraphs(puts);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Indexes every record from scratch and reports the longest stall of the event loop meanwhile. */
async function indexAll(name: string, options: ConstructorParameters<typeof SearchSync>[4]) {
  const index = new SqliteSearchIndex(join(dir, `${name}.sqlite`), BASE);
  const sync = new SearchSync(store, index, BASE, undefined, options);
  // The longest gap between ticks of a 1 ms timer: how long a request arriving meanwhile would wait.
  let last = performance.now();
  let maxStallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    maxStallMs = Math.max(maxStallMs, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 5));
  await sync.catchUp();
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(tick);
  const found = index.count();
  await sync.close();
  index.close();
  return { maxStallMs, found };
}

describe('search indexing on a server', () => {
  it('holds the event loop for short slices only, and indexes the same records as large batches', async () => {
    const large = await indexAll('large', { rebuildBatch: 5000 });
    const sliced = await indexAll('sliced', { rebuildBatch: 5000, sliceMs: 10 });
    expect(sliced.found).toBe(large.found);
    expect(sliced.found).toBeGreaterThanOrEqual(GRAPHS * 11);
    // One large transaction stalls requests for the whole build; slices of ~10 ms let them in between.
    expect(sliced.maxStallMs).toBeLessThan(large.maxStallMs / 3);
  });

  it('waits between slices while requests are in flight, and still indexes everything', async () => {
    const index = new SqliteSearchIndex(join(dir, 'busy.sqlite'), BASE);
    // When each transaction starts: with requests always in flight, slices are at least the step-aside time apart.
    const starts: number[] = [];
    const batch = index.batch.bind(index);
    let depth = 0;
    index.batch = <T>(fn: () => T): T => {
      // Batches nest (a graph's write inside a slice): only the outer one is a transaction of its own.
      if (depth === 0) starts.push(performance.now());
      depth++;
      try {
        return batch(fn);
      } finally {
        depth--;
      }
    };
    const sync = new SearchSync(store, index, BASE, undefined, { rebuildBatch: 5000, sliceMs: 10, busy: () => true });
    await sync.catchUp();
    expect(index.count()).toBeGreaterThanOrEqual(GRAPHS * 11);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(gaps.length).toBeGreaterThan(3);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(45);
    await sync.close();
    index.close();
  });
});
