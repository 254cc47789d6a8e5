import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { DataFacts, optimizeQuery, optimizingStore } from '../../src/store/optimize/index.js';
import type { QuadStore } from '../../src/store/port.js';

// Works by year and author: Ada has two works in her first year, Alan one in each year, Grace one; years as xsd:integer and xsd:decimal.
const TURTLE = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix ex: <http://example.org/> .
ex:w1 dct:issued 1990 ; dct:creator ex:ada, ex:alan .
ex:w2 dct:issued 1990 ; dct:creator ex:ada .
ex:w3 dct:issued 1992 ; dct:creator ex:ada, ex:grace .
ex:w4 dct:issued 1991.0 ; dct:creator ex:alan .
ex:w5 dct:issued 1993 ; dct:creator ex:alan .
`;
const PREFIX = 'PREFIX dct: <http://purl.org/dc/terms/>\n';
// SP2Bench q6's shape: each author's works of their first year.
const FIRST = `${PREFIX}SELECT ?yr ?author ?document WHERE {
  ?document dct:issued ?yr . ?document dct:creator ?author
  OPTIONAL { ?document2 dct:issued ?yr2 . ?document2 dct:creator ?author2 FILTER (?author = ?author2 && ?yr2 < ?yr) }
  FILTER (!bound(?author2))
}`;

let dir: string;
let store: EmbeddedStore;
let optimized: QuadStore;
let facts: DataFacts;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-aggregate-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 10_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
  await store.putGraphs([{ graph: 'http://example.org/g', quads: new N3.Parser().parse(TURTLE) }]);
  optimized = optimizingStore(store, { resultCache: false });
  facts = new DataFacts(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows as sorted strings, repeats kept. */
const rows = async (s: QuadStore, q: string): Promise<string[]> => {
  const json = JSON.parse((await s.query(q, { format: 'application/sparql-results+json' })).body);
  return (json.results.bindings as Record<string, { value: string }>[])
    .map((b) =>
      Object.entries(b)
        .map(([k, v]) => `${k}=${v.value.replace('http://example.org/', '')}`)
        .sort()
        .join(' '),
    )
    .sort();
};

describe('OPTIONAL + !bound with an ordering filter into MIN/MAX', () => {
  it('rewrites q6 (first works per author) into a MIN per author with the same rows', async () => {
    const rewritten = await optimizeQuery(FIRST, facts);
    expect(rewritten).toMatch(/SELECT \?author \(MIN\(\?yr2\) AS \?libkgAgg0\)/);
    expect(rewritten).toMatch(/GROUP BY \?author/);
    expect(rewritten).not.toMatch(/author2/);
    const expected = await rows(store, FIRST);
    expect(expected).toEqual([
      'author=ada document=w1 yr=1990',
      'author=ada document=w2 yr=1990',
      'author=alan document=w1 yr=1990',
      'author=grace document=w3 yr=1992',
    ]);
    expect(await rows(store, rewritten as string)).toEqual(expected);
    expect(await rows(optimized, FIRST)).toEqual(expected);
  });

  it('handles the comparison either way round, MAX for later works, and the non-strict operators', async () => {
    const variants = [
      FIRST.replace('?yr2 < ?yr', '?yr > ?yr2'),
      FIRST.replace('?yr2 < ?yr', '?yr2 > ?yr'), // last works
      FIRST.replace('?yr2 < ?yr', '?yr2 <= ?yr && ?document2 != ?document').replace('?author = ?author2 && ', '?author = ?author2 && '),
      FIRST.replace('?yr2 < ?yr', '?yr2 >= ?yr'),
      FIRST.replace('?author = ?author2', '?author2 = ?author'),
    ];
    for (const q of variants) expect(await rows(optimized, q)).toEqual(await rows(store, q));
    expect(await optimizeQuery(variants[1] as string, facts)).toMatch(/MAX\(\?yr2\)/);
    expect(await optimizeQuery(variants[3] as string, facts)).toMatch(/\?yr > \?libkgAgg0/);
    // A third condition in the filter: not this shape, left alone.
    expect(await optimizeQuery(variants[2] as string, facts)).toBeUndefined();
  });

  it('leaves the query alone where the answer could differ', async () => {
    // SELECT * shows ?author2 and friends (unbound) as columns.
    expect(await optimizeQuery(FIRST.replace('SELECT ?yr ?author ?document', 'SELECT *'), facts)).toBeUndefined();
    // ?yr2 used outside the OPTIONAL.
    const leaks = FIRST.replace('SELECT ?yr ?author ?document', 'SELECT ?yr ?author ?document ?yr2');
    expect(await optimizeQuery(leaks, facts)).toBeUndefined();
    // Shares a variable with the outer group: not a plain anti-join on the filter.
    const shared = FIRST.replace('?document2 dct:creator ?author2', '?document dct:creator ?author2');
    expect((await optimizeQuery(shared, facts)) ?? '').not.toMatch(/MIN/);
    expect(await rows(optimized, shared)).toEqual(await rows(store, shared));
  });

  it('needs every year to be a number: a year written as a string keeps the OPTIONAL (comparisons with it fail)', async () => {
    const localDir = mkdtempSync(join(tmpdir(), 'libkg-aggregate-str-'));
    const local = await EmbeddedStore.open({
      dataDir: localDir,
      quadBudget: 10_000,
      engines: 1,
      queryTimeoutMs: 10_000,
      maxResultBytes: 1_000_000,
    });
    try {
      await local.putGraphs([
        {
          graph: 'http://example.org/g',
          quads: new N3.Parser().parse(`${TURTLE} <http://example.org/w6> dct:issued "1989" ; dct:creator <http://example.org/ada> .`),
        },
      ]);
      expect(await optimizeQuery(FIRST, new DataFacts(local))).toBeUndefined();
      const plain = await rows(local, FIRST);
      expect(plain).toContain('author=ada document=w6 yr=1989');
      expect(await rows(optimizingStore(local, { resultCache: false }), FIRST)).toEqual(plain);
    } finally {
      await local.close();
      rmSync(localDir, { recursive: true, force: true });
    }
  });
});
