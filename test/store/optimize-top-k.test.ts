import N3 from 'n3';
import sparqljs from 'sparqljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedStore } from '../../src/store/embedded.js';
import { DataFacts } from '../../src/store/optimize/index.js';
import { planTopK, sortedIris } from '../../src/store/optimize/top-k.js';
import type { QuadStore, ResultFormat } from '../../src/store/port.js';
import { openOptimizedStore } from '../helpers/optimize-store.js';

// Electronic editions (SP2Bench q11's rdfs:seeAlso): repeated links, non-ASCII IRIs, and a predicate with a literal among its objects.
const TURTLE = `
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
ex:w1 rdfs:seeAlso <http://ee.example/b> . ex:w2 rdfs:seeAlso <http://ee.example/a> . ex:w3 rdfs:seeAlso <http://ee.example/b> .
ex:w4 rdfs:seeAlso <http://ee.example/c-1> . ex:w5 rdfs:seeAlso <http://ee.example/c> . ex:w6 rdfs:seeAlso <http://ee.example/é> .
ex:w7 rdfs:seeAlso <http://ee.example/ＡＢ> . ex:w8 rdfs:seeAlso <http://ee.example/a> . ex:w9 rdfs:seeAlso <http://ee.example/Z> .
ex:w1 ex:link <http://ee.example/x> . ex:w2 ex:link "not an IRI" .
`;
const Q11 = 'SELECT ?ee WHERE { ?publication <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?ee } ORDER BY ?ee LIMIT 4 OFFSET 2';

let store: EmbeddedStore;
let optimized: QuadStore;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, optimized, close } = await openOptimizedStore('top-k', TURTLE));
});
afterAll(() => close());

const plan = (q: string) => planTopK(new sparqljs.Parser().parse(q), new DataFacts(store));
const body = async (s: QuadStore, q: string, format: ResultFormat = 'application/sparql-results+json') => (await s.query(q, { format })).body;

describe('ORDER BY + LIMIT as a top-k', () => {
  it('answers q11 with the same body, in every result format, ascending and descending, with repeats', async () => {
    const p = await plan(Q11);
    const answer = p?.answer(await body(store, p.unordered, 'text/tab-separated-values'));
    expect(answer).toMatch(/VALUES \?ee \{ <http:\/\/ee.example\/Z> <http:\/\/ee.example\/a> <http:\/\/ee.example\/a> <http:\/\/ee.example\/b>/);
    // Outside the plan's reach (a surrogate pair, where UTF-16 order differs; not an IRI): no answer, the original query runs.
    expect(p?.answer('?ee\n<http://ee.example/\u{1F600}>\n')).toBeUndefined();
    expect(p?.answer('?ee\n"text"\n')).toBeUndefined();
    expect(p?.answer('?ee\n\n<http://ee.example/a>\n')).toBeUndefined(); // an unbound value
    expect(p?.answer('?ee\n<http://ee.example/a>')).toMatch(/VALUES \?ee \{ <http:\/\/ee.example\/a> \}/); // no final newline
    const values = JSON.parse(await body(store, Q11)).results.bindings.map((b: { ee: { value: string } }) => b.ee.value);
    expect(values).toEqual(['http://ee.example/a', 'http://ee.example/b', 'http://ee.example/b', 'http://ee.example/c']);
    for (const q of [Q11, Q11.replace('ORDER BY ?ee', 'ORDER BY DESC(?ee)'), Q11.replace(' OFFSET 2', ''), Q11.replace('LIMIT 4', 'LIMIT 100')]) {
      for (const format of ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'] as ResultFormat[]) {
        expect(await body(optimized, q, format)).toEqual(await body(store, q, format));
      }
    }
  });

  it('sorts IRIs by code point as Oxigraph does (non-ASCII, a dash before the end)', async () => {
    const all = Q11.replace(' LIMIT 4 OFFSET 2', ' LIMIT 9');
    expect(await body(optimized, all)).toEqual(await body(store, all));
    expect(await plan(all)).toBeDefined();
  });

  it('is not planned where the order or the rows could differ', async () => {
    const none = async (q: string) => expect(await plan(q)).toBeUndefined();
    await none(Q11.replace('?ee }', '?ee } ').replace('ORDER BY ?ee', 'ORDER BY ?ee ?publication'));
    await none(Q11.replace('SELECT ?ee', 'SELECT DISTINCT ?ee'));
    await none(Q11.replace('SELECT ?ee', 'SELECT ?ee ?publication'));
    await none(Q11.replace('LIMIT 4', 'LIMIT 20000'));
    await none(Q11.replace(' LIMIT 4 OFFSET 2', ''));
    // A literal among the objects: literals sort after IRIs and by value.
    const mixed = Q11.replace('http://www.w3.org/2000/01/rdf-schema#seeAlso', 'http://example.org/link');
    await none(mixed);
    expect(await body(optimized, mixed)).toEqual(await body(store, mixed));
  });

  it('keeps the sorted values per sequence: every page the same as the engine’s, and a write shows at once', async () => {
    expect(sortedIris('?ee\n<http://ee.example/b>\n<http://ee.example/a>\n<http://ee.example/b>\n')).toEqual([
      'http://ee.example/a',
      'http://ee.example/b',
      'http://ee.example/b',
    ]);
    expect(sortedIris('?ee\n<http://ee.example/\u{1F600}>\n')).toBeUndefined();
    expect(sortedIris('?ee\n\n<http://ee.example/a>\n')).toBeUndefined();
    const page = (o: number, desc = false) => Q11.replace('OFFSET 2', `OFFSET ${o}`).replace('ORDER BY ?ee', desc ? 'ORDER BY DESC(?ee)' : 'ORDER BY ?ee');
    for (const q of [page(0), page(3), page(7), page(2, true), page(8, true)]) expect(await body(optimized, q)).toEqual(await body(store, q));
    await store.addToGraph('http://example.org/g2', [
      ...new N3.Parser().parse('<http://example.org/w10> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <http://ee.example/a0> .'),
    ]);
    const after = await body(optimized, page(0));
    expect(after).toContain('http://ee.example/a0');
    expect(after).toEqual(await body(store, page(0)));
  });
});
