import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { optimizingStore } from '../../src/store/optimize/index.js';
import { ResultCache } from '../../src/store/optimize/result-cache.js';

const TURTLE = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://example.org/w1> dct:issued "1999"^^xsd:integer .
<http://example.org/w2> dct:issued "1999"^^xsd:integer .
<http://example.org/w3> dct:issued "2011"^^xsd:integer .
`;
const PER_YEAR = 'SELECT ?yr (COUNT(?w) AS ?n) WHERE { ?w <http://purl.org/dc/terms/issued> ?yr } GROUP BY ?yr ORDER BY ?yr';
const JSON_FORMAT = { format: 'application/sparql-results+json' } as const;

let dir: string;
let store: EmbeddedStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-cache-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 10_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
  await store.putGraphs([{ graph: 'http://example.org/g', quads: new N3.Parser().parse(TURTLE) }]);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const counts = (body: string) => (JSON.parse(body).results.bindings as Record<string, { value: string }>[]).map((b) => [b.yr?.value, b.n?.value]);

describe('result cache keyed by the change log', () => {
  it('answers a repeated query from the cache with the same body, and never after a write', async () => {
    const cache = new ResultCache(store);
    const run = () => cache.query(PER_YEAR, JSON_FORMAT, () => store.query(PER_YEAR, JSON_FORMAT));
    const first = await run();
    const second = await run();
    expect(cache.hits).toBe(1);
    expect(second.body).toBe(first.body);
    expect(counts(first.body)).toEqual([
      ['1999', '2'],
      ['2011', '1'],
    ]);

    await store.addToGraph('http://example.org/g', new N3.Parser().parse('<http://example.org/w4> <http://purl.org/dc/terms/issued> 2011 .'));
    const third = await run();
    expect(cache.misses).toBe(2);
    expect(counts(third.body)).toEqual([
      ['1999', '2'],
      ['2011', '2'],
    ]);
    expect(third.body).toBe((await store.query(PER_YEAR, JSON_FORMAT)).body);
  });

  it('keys by format and dataset, and the optimizing store serves identical answers', async () => {
    const cache = new ResultCache(store);
    const csv = await cache.query(PER_YEAR, { format: 'text/csv' }, () => store.query(PER_YEAR, { format: 'text/csv' }));
    const json = await cache.query(PER_YEAR, JSON_FORMAT, () => store.query(PER_YEAR, JSON_FORMAT));
    expect(csv.mediaType).toBe('text/csv');
    expect(json.mediaType).toBe('application/sparql-results+json');
    const none = await cache.query(PER_YEAR, { ...JSON_FORMAT, defaultGraphs: ['http://example.org/none'] }, () =>
      store.query(PER_YEAR, { ...JSON_FORMAT, defaultGraphs: ['http://example.org/none'] }),
    );
    expect(counts(none.body)).toEqual([]);
    expect(cache.hits).toBe(0);

    const optimized = optimizingStore(store, {});
    for (let i = 0; i < 2; i++) expect((await optimized.query(PER_YEAR, JSON_FORMAT)).body).toBe((await store.query(PER_YEAR, JSON_FORMAT)).body);
  });

  it('counts results asked for as bytes by their size: one too large is not kept, and the total stays bounded', async () => {
    const BYTES = { ...JSON_FORMAT, asBytes: true } as const;
    const small = new ResultCache(store, { maxBytes: 1_000_000, maxEntryBytes: 10 });
    for (let i = 0; i < 2; i++) await small.query(PER_YEAR, BYTES, () => store.query(PER_YEAR, BYTES));
    expect(small.hits).toBe(0);

    const bounded = new ResultCache(store, { maxBytes: 600, maxEntryBytes: 600 });
    const one = await bounded.query(PER_YEAR, BYTES, () => store.query(PER_YEAR, BYTES));
    expect(one.bytes?.byteLength).toBeGreaterThan(300);
    // A second result of the same size pushes the first out: the two together are past maxBytes.
    const other = PER_YEAR.replace('?n', '?count').replace('?n)', '?count)');
    await bounded.query(other, BYTES, () => store.query(other, BYTES));
    await bounded.query(PER_YEAR, BYTES, () => store.query(PER_YEAR, BYTES));
    expect(bounded.misses).toBe(3);
    await bounded.query(PER_YEAR, BYTES, () => store.query(PER_YEAR, BYTES));
    expect(bounded.hits).toBe(1);
  });
});
