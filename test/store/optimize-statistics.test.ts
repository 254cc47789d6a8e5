import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { DataFacts, optimizeQuery, optimizingStore } from '../../src/store/optimize/index.js';
import type { QuadStore } from '../../src/store/port.js';

// SP2Bench's shapes: document classes, works with a class and a year (one with two classes, one in two graphs, years as
// integer, decimal and string), persons with edges in and out; no article has an ISBN.
const TURTLE = `
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix ex: <http://example.org/> .
bibo:Article rdfs:subClassOf foaf:Document . bibo:Book rdfs:subClassOf foaf:Document .
ex:a1 a bibo:Article ; dct:issued 1990 ; dct:creator ex:ada ; bibo:pages "1-2" .
ex:a2 a bibo:Article ; dct:issued 1990 ; dct:creator ex:ada, ex:alan .
ex:a3 a bibo:Article, bibo:Book ; dct:issued 1991 .
ex:a4 a bibo:Article ; dct:issued 1991.0 .
ex:b1 a bibo:Book ; dct:issued "1990" ; bibo:isbn "978-0" ; dct:title "Tab\\there, \\"quoted\\"" .
ex:b2 a bibo:Book ; dct:issued 1992 ; dct:creator ex:grace .
ex:j1 a bibo:Journal ; dct:issued 1990 .
ex:ada a foaf:Person ; foaf:name "Ada" ; foaf:knows ex:alan . ex:alan a foaf:Person ; foaf:name "Alan"@en .
ex:grace a foaf:Person .
`;
const PREFIXES = `PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dct: <http://purl.org/dc/terms/> PREFIX bibo: <http://purl.org/ontology/bibo/>
`;
const PER_YEAR = `${PREFIXES}SELECT ?yr (COUNT(?work) AS ?works) WHERE { ?class rdfs:subClassOf foaf:Document . ?work a ?class ; dct:issued ?yr } GROUP BY ?yr ORDER BY ?yr`;
const Q3C = `${PREFIXES}SELECT ?article WHERE { ?article a bibo:Article . ?article ?property ?value FILTER (?property = bibo:isbn) }`;
const Q9 = `${PREFIXES}SELECT DISTINCT ?predicate WHERE {
  { ?person a foaf:Person . ?subject ?predicate ?person } UNION { ?person a foaf:Person . ?person ?predicate ?object }
}`;

let dir: string;
let store: EmbeddedStore;
let optimized: QuadStore;
let facts: DataFacts;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-statistics-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 10_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
  await store.putGraphs([
    { graph: 'http://example.org/g', quads: new N3.Parser().parse(TURTLE) },
    // a1 again in a second graph: the union of graphs counts it twice.
    {
      graph: 'http://example.org/g2',
      quads: new N3.Parser().parse('<http://example.org/a1> a <http://purl.org/ontology/bibo/Article> ; <http://purl.org/dc/terms/issued> 1990 .'),
    },
  ]);
  optimized = optimizingStore(store, { resultCache: false });
  facts = new DataFacts(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const body = async (s: QuadStore, q: string, options = {}) => (await s.query(q, { format: 'application/sparql-results+json', ...options })).body;
/** Rows with full terms (datatype, language), sorted; repeats kept. */
const rows = async (s: QuadStore, q: string, options = {}): Promise<string[]> => {
  const json = JSON.parse(await body(s, q, options));
  if (typeof json.boolean === 'boolean') return [String(json.boolean)];
  return (json.results.bindings as object[]).map((b) => JSON.stringify(b)).sort();
};
/** The same answer, byte for byte, through the rewrites as without them. */
const same = async (q: string) => {
  const expected = await body(store, q);
  expect(await body(optimized, q)).toBe(expected);
  return JSON.parse(expected).results.bindings as Record<string, { value: string }>[];
};

describe('GROUP BY + COUNT from a per-sequence star aggregate', () => {
  it('answers per-year by summing the (class, year) counts, with the same rows, repeats across graphs included', async () => {
    const rewritten = await optimizeQuery(PER_YEAR, facts);
    expect(rewritten).toMatch(/SUM\(\?libkgCount0\)/);
    expect(rewritten).toMatch(/VALUES \(\?class \?yr \?libkgCount0\)/);
    const got = await same(PER_YEAR);
    // 1990: a1's type and year are in two graphs (2 x 2 rows) and a2; b1's "1990" is a string (its own group);
    // 1991: a3 twice (two classes), a4's 1991.0 apart.
    expect(got.map((b) => `${b.yr?.value}:${b.works?.value}`)).toEqual(['1990:5', '1990:1', '1991:1', '1991:2', '1992:1']);
  });

  it('serves other counts over the same star, and spellings of it, from one aggregate', async () => {
    // 1991 and 1991.0 tie in ORDER BY: SPARQL leaves their order open, so compare the rows.
    const byClass = `${PREFIXES}SELECT ?class ?y (COUNT(*) AS ?n) WHERE { ?class rdfs:subClassOf foaf:Document . ?w a ?class . ?w dct:issued ?y } GROUP BY ?class ?y ORDER BY ?class ?y`;
    expect(await optimizeQuery(byClass, facts)).toMatch(/VALUES/);
    expect(await rows(optimized, byClass)).toEqual(await rows(store, byClass));
    await same(
      `${PREFIXES}SELECT ?yr (COUNT(?class) AS ?n) (COUNT(?work) AS ?m) WHERE { ?class rdfs:subClassOf foaf:Document . ?work a ?class ; dct:issued ?yr } GROUP BY ?yr ORDER BY DESC(?n) ?yr`,
    );
    // Titles with escapes go through VALUES unchanged.
    const titles = `${PREFIXES}SELECT ?t (COUNT(*) AS ?n) WHERE { ?c rdfs:subClassOf foaf:Document . ?w a ?c ; dct:title ?t } GROUP BY ?t ORDER BY ?t`;
    expect(await optimizeQuery(titles, facts)).toMatch(/VALUES/);
    expect(await same(titles)).toHaveLength(1);
    // The star may be any subject used nowhere else: here the citing works, counted per cited work.
    const cited = PER_YEAR.replace('dct:issued ?yr }', 'dct:issued ?yr . ?citing dct:references ?work }');
    expect(await optimizeQuery(cited, facts)).toMatch(/SUM/);
    await same(cited);
    // No star rows: no groups, as before.
    const none = `${PREFIXES}SELECT ?x (COUNT(*) AS ?n) WHERE { ?c rdfs:subClassOf foaf:Document . ?w a ?c ; bibo:volume ?x } GROUP BY ?x`;
    expect(await optimizeQuery(none, facts)).toMatch(/FILTER\("false"/);
    expect(await same(none)).toEqual([]);
  });

  it('leaves counts alone where a sum of star counts could differ', async () => {
    const none = async (q: string) => expect(String(await optimizeQuery(q, facts)), q).not.toMatch(/SUM|VALUES/);
    await none(PER_YEAR.replace('COUNT(?work)', 'COUNT(DISTINCT ?work)'));
    await none(PER_YEAR.replace('COUNT(?work)', 'SAMPLE(?work)'));
    await none(PER_YEAR.replace('GROUP BY ?yr', 'GROUP BY ?yr HAVING (COUNT(?work) > 1)'));
    await none(PER_YEAR.replace('dct:issued ?yr }', 'dct:issued ?yr FILTER(?yr > 1990) }'));
    await none(PER_YEAR.replace('dct:issued ?yr }', 'dct:issued ?yr . ?work dct:creator ?who . ?who foaf:knows ?work }')); // no star
    await none(PER_YEAR.replace('?work a ?class', '?work a ?class ; ?p ?class')); // a predicate variable
    await none(PER_YEAR.replace('GROUP BY ?yr ORDER BY ?yr', 'GROUP BY ?yr ?work ORDER BY ?yr').replace('SELECT ?yr', 'SELECT ?yr ?work'));
    await none(PER_YEAR.replace('?class rdfs:subClassOf foaf:Document . ', '')); // nothing beside the star
    await none(PER_YEAR.replace('WHERE', 'FROM <http://example.org/g> WHERE'));
    // A blank node among the star's values: VALUES cannot hold it; the engine answers.
    const bnodes = `${PREFIXES}SELECT ?who (COUNT(*) AS ?n) WHERE { ?c rdfs:subClassOf foaf:Document . ?w a ?c ; dct:creator ?who } GROUP BY ?who`;
    await store.addToGraph('http://example.org/g3', new N3.Parser().parse('<http://example.org/b2> <http://purl.org/dc/terms/creator> [] .'));
    await none(bnodes);
    expect(await rows(optimized, bnodes)).toEqual(await rows(store, bnodes));
    expect(await rows(store, bnodes)).toHaveLength(4);
    await store.deleteGraphs(['http://example.org/g3']);
    // A protocol dataset: the statistics are over all graphs, so the engine answers.
    const g = { defaultGraphs: ['http://example.org/g'] };
    expect(await rows(optimized, PER_YEAR, g)).toEqual(await rows(store, PER_YEAR, g));
  });

  it('is never stale: a write makes the next query count anew', async () => {
    await same(PER_YEAR);
    await store.addToGraph(
      'http://example.org/g4',
      new N3.Parser().parse('<http://example.org/a9> a <http://purl.org/ontology/bibo/Article> ; <http://purl.org/dc/terms/issued> 1992 .'),
    );
    const got = await same(PER_YEAR);
    expect(got.find((b) => b.yr?.value === '1992')?.works?.value).toBe('2');
    await store.deleteGraphs(['http://example.org/g4']);
    expect((await same(PER_YEAR)).find((b) => b.yr?.value === '1992')?.works?.value).toBe('1');
  });
});

describe('joins the data proves empty', () => {
  it('answers q3c (no article has an ISBN) with FILTER(false) and the same empty answer', async () => {
    const rewritten = await optimizeQuery(Q3C, facts);
    expect(rewritten).toMatch(/FILTER\("false"/);
    expect(await same(Q3C)).toEqual([]);
    // SELECT * keeps its columns; ASK and COUNT give false and 0 as before.
    await same(Q3C.replace('SELECT ?article', 'SELECT *'));
    expect(await rows(optimized, Q3C.replace('SELECT ?article WHERE', 'ASK'))).toEqual(['false']);
    await same(Q3C.replace('SELECT ?article', 'SELECT (COUNT(*) AS ?n)'));
  });

  it('leaves non-empty pairs alone, and is never stale', async () => {
    const books = Q3C.replace('bibo:Article', 'bibo:Book');
    expect(await optimizeQuery(books, facts)).not.toMatch(/FILTER\("false"/);
    expect(await same(books)).toHaveLength(1);
    await store.addToGraph('http://example.org/g5', new N3.Parser().parse('<http://example.org/a2> <http://purl.org/ontology/bibo/isbn> "978-9" .'));
    expect(await optimizeQuery(Q3C, facts)).not.toMatch(/FILTER\("false"/);
    expect((await same(Q3C)).map((b) => b.article?.value)).toEqual(['http://example.org/a2']);
    await store.deleteGraphs(['http://example.org/g5']);
    expect(await same(Q3C)).toEqual([]);
  });
});

describe('predicates around a class from per-sequence statistics', () => {
  it('answers q9 from the in and out predicates of persons: the same set of rows', async () => {
    const rewritten = await optimizeQuery(Q9, facts);
    expect(rewritten).toMatch(/VALUES \?predicate/);
    const expected = await rows(store, Q9);
    expect(expected).toHaveLength(4); // creator, knows (in); type, name, knows (out)
    expect(await rows(optimized, Q9)).toEqual(expected);
    // One branch, either direction.
    for (const branch of ['?person a foaf:Person . ?subject ?predicate ?person', '?person a foaf:Person . ?person ?predicate ?object']) {
      const q = `${PREFIXES}SELECT DISTINCT ?predicate WHERE { ${branch} }`;
      expect(await optimizeQuery(q, facts)).toMatch(/VALUES/);
      expect(await rows(optimized, q)).toEqual(await rows(store, q));
    }
  });

  it('leaves other shapes alone and is never stale', async () => {
    const none = async (q: string) => expect(String(await optimizeQuery(q, facts))).not.toMatch(/VALUES/);
    await none(Q9.replace('SELECT DISTINCT', 'SELECT')); // repeats count
    await none(Q9.replace('?predicate WHERE', '?predicate ?person WHERE'));
    await none(Q9.replace('?subject ?predicate ?person', '?person ?predicate ?person')); // a loop
    await none(Q9.replace('?person ?predicate ?object', '?person ?predicate ?object . ?object a foaf:Person'));
    await store.addToGraph('http://example.org/g6', new N3.Parser().parse('<http://example.org/grace> <http://xmlns.com/foaf/0.1/age> 85 .'));
    expect((await rows(optimized, Q9)).some((r) => r.includes('foaf/0.1/age'))).toBe(true);
    expect(await rows(optimized, Q9)).toEqual(await rows(store, Q9));
    await store.deleteGraphs(['http://example.org/g6']);
  });
});
