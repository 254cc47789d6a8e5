import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import type * as sparqljs from 'sparqljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { DataFacts, optimizeQuery, optimizingStore } from '../../src/store/optimize/index.js';
import type { QuadStore } from '../../src/store/port.js';

// Articles without ISBNs, books with them (SP2Bench q3c's shape), journals with titles (q1's shape).
const TURTLE = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix ex: <http://example.org/> .
ex:a1 a bibo:Article ; bibo:pages "1-10" . ex:a2 a bibo:Article ; bibo:pages "3-4" . ex:a3 a bibo:Article . ex:a4 a bibo:Article . ex:a5 a bibo:Article .
ex:b1 a bibo:Book ; bibo:isbn "978-0" . ex:b2 a bibo:Book ; bibo:isbn "978-1" . ex:b3 a bibo:Book . ex:b4 a bibo:Book .
ex:j1 a bibo:Journal ; dct:title "Journal 1 (1940)" ; dct:issued 1940 .
ex:j2 a bibo:Journal ; dct:title "Journal 2 (1940)" ; dct:issued 1940 .
ex:j3 a bibo:Journal ; dct:title "Journal 1 (1941)" ; dct:issued 1941 .
`;
const PREFIXES = 'PREFIX dct: <http://purl.org/dc/terms/> PREFIX bibo: <http://purl.org/ontology/bibo/>\n';
const Q3C = `${PREFIXES}SELECT ?article WHERE { ?article a bibo:Article . ?article bibo:isbn ?value }`;
const BOOKS = `${PREFIXES}SELECT ?book ?isbn WHERE { ?book a bibo:Book . ?book bibo:isbn ?isbn }`;
const Q1 = `${PREFIXES}SELECT ?yr WHERE { ?journal a bibo:Journal ; dct:title "Journal 1 (1940)" ; dct:issued ?yr }`;

let dir: string;
let store: EmbeddedStore;
let optimized: QuadStore;
/** The store's facts without the per-sequence statistics that would answer q3c before any join order (empty-join.ts). */
let facts: Pick<DataFacts, 'objectsAreTerms' | 'objectsAreNumbers' | 'patternCounts'>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-join-order-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 10_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
  await store.putGraphs([
    { graph: 'http://example.org/g', quads: new N3.Parser().parse(TURTLE) },
    // The same ISBN triple in a second graph: the union of graphs matches it twice.
    { graph: 'http://example.org/g2', quads: new N3.Parser().parse('<http://example.org/b1> <http://purl.org/ontology/bibo/isbn> "978-0" .') },
  ]);
  optimized = optimizingStore(store, { resultCache: false });
  const all = new DataFacts(store);
  facts = {
    objectsAreTerms: (p) => all.objectsAreTerms(p),
    objectsAreNumbers: (p) => all.objectsAreNumbers(p),
    patternCounts: (ts, mode) => all.patternCounts(ts, mode),
  };
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows as sorted strings; repeats kept (multiplicity must survive every rewrite). */
const rows = async (s: QuadStore, q: string, options = {}): Promise<string[]> => {
  const json = JSON.parse((await s.query(q, { format: 'application/sparql-results+json', ...options })).body);
  if (typeof json.boolean === 'boolean') return [String(json.boolean)];
  return (json.results.bindings as Record<string, { value: string }>[]).map((b) => JSON.stringify(Object.entries(b).map(([k, v]) => [k, v.value]))).sort();
};

/** Counts that say every pattern is large except those named, as a store at 5 M triples would. */
const fakeCounts = (small: Record<string, number>) => ({
  objectsAreTerms: async () => true,
  patternCounts: async (ts: sparqljs.Triple[]) => ts.map((t) => small[(t.predicate as { value: string }).value.split('/').pop() as string] ?? 100_001),
});

describe('statistics-driven first pattern', () => {
  it('counts patterns over all graphs, repeats included; exact counts are of the current sequence', async () => {
    const isbn = {
      subject: { termType: 'Variable', value: 'b' },
      predicate: { termType: 'NamedNode', value: 'http://purl.org/ontology/bibo/isbn' },
      object: { termType: 'Variable', value: 'i' },
    };
    const article = {
      ...isbn,
      predicate: { termType: 'NamedNode', value: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' },
      object: { termType: 'NamedNode', value: 'http://purl.org/ontology/bibo/Article' },
    };
    expect(await facts.patternCounts([isbn, article] as sparqljs.Triple[])).toEqual([3, 5]);
    await store.addToGraph('http://example.org/g3', new N3.Parser().parse('<http://example.org/b3> <http://purl.org/ontology/bibo/isbn> "978-3" .'));
    // An estimate may be from before the write (join order needs no more); the LIMIT of a rewrite is always counted anew.
    expect(await facts.patternCounts([isbn] as sparqljs.Triple[], 'estimate')).toEqual([3]);
    expect(await optimizeQuery(Q3C, facts)).toMatch(/LIMIT 4/);
    expect(await facts.patternCounts([isbn] as sparqljs.Triple[])).toEqual([4]);
    await store.deleteGraphs(['http://example.org/g3']);
    expect(await optimizeQuery(Q3C, facts)).toMatch(/LIMIT 3/);
    expect(await facts.patternCounts([isbn] as sparqljs.Triple[])).toEqual([3]);
  });

  it('starts q3c from the rare ISBNs (all of them, by LIMIT = count) and gives the same empty answer', async () => {
    const rewritten = await optimizeQuery(Q3C, facts);
    expect(rewritten).toMatch(/\{\s*SELECT \?article \?value WHERE \{ \?article bibo:isbn \?value\. \}\s*LIMIT 3\s*\}/);
    expect(await rows(store, rewritten as string)).toEqual([]);
    expect(await rows(optimized, Q3C)).toEqual([]);
  });

  it('keeps repeated rows: the ISBN found in two graphs is answered twice, as without the rewrite', async () => {
    // Four books, three ISBN rows: the ISBNs go first.
    expect(await optimizeQuery(BOOKS, facts)).toMatch(/LIMIT 3/);
    const expected = await rows(store, BOOKS);
    expect(expected).toHaveLength(3);
    expect(await rows(optimized, BOOKS)).toEqual(expected);
  });

  it('breaks a tie in Oxigraph’s guess with the counts (q1: the one title before all journals)', async () => {
    const rewritten = await optimizeQuery(Q1, facts);
    expect(rewritten).toMatch(/\{\s*SELECT \?journal WHERE \{ \?journal dct:title "Journal 1 \(1940\)"\. \}\s*LIMIT 1\s*\}/);
    expect(await rows(optimized, Q1)).toEqual(await rows(store, Q1));
    expect(await rows(store, Q1)).toHaveLength(1);
  });

  it('when the rare pattern has more rows than Oxigraph guesses for a typed pattern, writes that one with a predicate variable', async () => {
    // As at 5 M triples: 20,000 ISBNs, more than the 10,000 Oxigraph guesses for `?a a bibo:Article`.
    const rewritten = await optimizeQuery(Q3C, fakeCounts({ isbn: 20_000 }));
    expect(rewritten).toMatch(/LIMIT 20000/);
    expect(rewritten).toMatch(/\?article \?libkgP0 bibo:Article\.\s*FILTER\(SAMETERM\(\?libkgP0, <http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#type>\)\)/);
    // LIMIT at or above the true count keeps every row, so the rows are the same.
    const books = (await optimizeQuery(BOOKS, fakeCounts({ isbn: 20_000 }))) as string;
    expect(books).toMatch(/\?libkgP0/);
    expect(await rows(store, books)).toEqual(await rows(store, BOOKS));
    // SELECT * would show the fresh variable: left alone.
    expect(await optimizeQuery(Q3C.replace('SELECT ?article', 'SELECT *'), fakeCounts({ isbn: 20_000 }))).toBeUndefined();
  });

  it("keeps Oxigraph's first pick when a filter reads only its variables (the filter cuts it by more than any count shows)", async () => {
    // issue 14: a CONTAINS on the titles ran 140 ms as written, 730-1,100 ms started from the rarer names.
    const TEXT = `${PREFIXES}PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?a ?t ?name WHERE { ?a dct:title ?t ; dct:creator ?p . ?p foaf:name ?name FILTER (CONTAINS(LCASE(?t), "alpha")) }`;
    const counts = fakeCounts({ title: 90_000, creator: 99_000, name: 60_000 });
    expect(await optimizeQuery(TEXT, counts)).toBeUndefined();
    // The same query with the filter on the rarest pattern's own variable is still reordered.
    const byName = TEXT.replace('CONTAINS(LCASE(?t)', 'CONTAINS(LCASE(?name)');
    expect(await optimizeQuery(byName, counts)).toMatch(/LIMIT 60000/);
    // A LIMIT the engine stops at (nothing orders, groups or deduplicates before it): Oxigraph's order is kept.
    expect(await optimizeQuery(`${byName} LIMIT 200`, counts)).toBeUndefined();
    expect(await optimizeQuery(`${byName} ORDER BY ?name LIMIT 200`, counts)).toMatch(/LIMIT 60000/);
  });

  it('leaves queries alone where moving a pattern could change the answer or the counts do not apply', async () => {
    const none = async (q: string) => expect(await optimizeQuery(q, facts)).toBeUndefined();
    await none(Q3C.replace('?article bibo:isbn ?value', '_:x bibo:isbn ?value . ?article bibo:pages _:x')); // blank nodes
    await none(Q3C.replace('?article bibo:isbn ?value', '?article bibo:isbn/bibo:pages ?value')); // a path
    await none(Q3C.replace('?article bibo:isbn ?value', '{ ?article bibo:isbn ?value } UNION { ?article bibo:pages ?value }'));
    await none(Q3C.replace('WHERE', 'FROM <http://example.org/g> WHERE')); // dataset clause
    await none(Q3C.replace('?article bibo:isbn ?value', 'BIND(1 AS ?one) ?article bibo:isbn ?value'));
    // A constant subject starts the join: nothing is counted.
    const counting = { objectsAreTerms: async () => true, patternCounts: async () => expect.unreachable('counted') as never };
    expect(
      await optimizeQuery(`${PREFIXES}SELECT ?n WHERE { <http://example.org/j1> dct:title ?t . ?j a bibo:Journal ; dct:title ?t }`, counting),
    ).toBeUndefined();
    // Oxigraph's pick is as rare as any (three journals, three years): nothing to do.
    await none(`${PREFIXES}SELECT ?j WHERE { ?j a bibo:Journal . ?j dct:issued ?y }`);
    // A protocol dataset: the rewrite needs counts over all graphs, so none is made; same rows.
    const g = { defaultGraphs: ['http://example.org/g'] };
    expect(await rows(optimized, BOOKS, g)).toEqual(await rows(store, BOOKS, g));
    expect(await rows(store, BOOKS, g)).toHaveLength(2);
  });
});
