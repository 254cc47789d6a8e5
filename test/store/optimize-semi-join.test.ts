import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedStore } from '../../src/store/embedded.js';
import { optimizeQuery } from '../../src/store/optimize/index.js';
import type { QuadStore } from '../../src/store/port.js';
import { openOptimizedStore } from '../helpers/optimize-store.js';

// Paul Erdoes, his co-authors and theirs (SP2Bench q8's shape). d6 is Erdoes and Ada's only shared work
// that Bob also wrote: Bob is then reached only through ?document2 = ?document, which the filter forbids.
const TURTLE = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix ex: <http://example.org/> .
ex:erdoes a foaf:Person ; foaf:name "Paul Erdoes" .
ex:ada a foaf:Person ; foaf:name "Ada" . ex:alan a foaf:Person ; foaf:name "Alan" . ex:grace a foaf:Person ; foaf:name "Grace" .
ex:tim foaf:name "Tim" . ex:bob foaf:name "Bob" . ex:eve foaf:name "Eve" . ex:carl foaf:name "Carl" .
ex:d1 dct:creator ex:erdoes, ex:ada . ex:d2 dct:creator ex:ada, ex:alan . ex:d3 dct:creator ex:alan, ex:grace . ex:d4 dct:creator ex:erdoes, ex:ada .
ex:d5 dct:creator ex:tim, ex:ada .
ex:d6 dct:creator ex:erdoes, ex:eve, ex:bob . ex:d7 dct:creator ex:eve, ex:carl .
`;
// The same co-authorship again in a second graph: the default graph (all graphs) then repeats rows.
const REPEATED = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix ex: <http://example.org/> .
ex:d1 dct:creator ex:erdoes, ex:ada . ex:d2 dct:creator ex:ada, ex:alan . ex:d7 dct:creator ex:eve, ex:carl .
`;
const PREFIXES = 'PREFIX dct: <http://purl.org/dc/terms/> PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX ex: <http://example.org/>\n';
const BRANCH1 = `?document dct:creator ?erdoes . ?document dct:creator ?author .
    ?document2 dct:creator ?author . ?document2 dct:creator ?author2 . ?author2 foaf:name ?name
    FILTER (?author != ?erdoes && ?document2 != ?document && ?author2 != ?erdoes && ?author2 != ?author)`;
const Q8 = `${PREFIXES}SELECT DISTINCT ?name WHERE {
  ?erdoes a foaf:Person . ?erdoes foaf:name "Paul Erdoes" .
  { ${BRANCH1} } UNION {
    ?document dct:creator ?erdoes . ?document dct:creator ?author . ?author foaf:name ?name
    FILTER (?author != ?erdoes)
  }
}`;
const noFacts = { objectsAreTerms: async () => false };

let store: EmbeddedStore;
let optimized: QuadStore;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, optimized, close } = await openOptimizedStore('semi-join', TURTLE));
  await store.putGraphs([{ graph: 'http://example.org/g2', quads: new N3.Parser().parse(REPEATED) }]);
});
afterAll(() => close());

const rows = async (s: QuadStore, q: string): Promise<string[]> => {
  const json = JSON.parse((await s.query(q, { format: 'application/sparql-results+json' })).body);
  return (json.results.bindings as Record<string, { value: string }>[]).map((b) => JSON.stringify(b)).sort();
};

/** The query's rows unrewritten, rewritten (no statistics) and through the optimizing store: all equal. */
async function sameRows(q: string): Promise<{ rewritten: string; expected: string[] }> {
  const rewritten = (await optimizeQuery(q, noFacts)) ?? q;
  const expected = await rows(store, q);
  expect(await rows(store, rewritten)).toEqual(expected);
  expect(await rows(optimized, q)).toEqual(expected);
  return { rewritten, expected };
}

describe('semi-joins in UNION branches under DISTINCT', () => {
  it('turns each prefix whose variable dies into a DISTINCT subquery (q8), same names', async () => {
    const { rewritten, expected } = await sameRows(Q8);
    expect(rewritten).toMatch(/SELECT DISTINCT \?erdoes \?author \?document2 WHERE/);
    expect(rewritten).toMatch(/SELECT DISTINCT \?author2 WHERE/);
    expect(rewritten).toMatch(/SELECT DISTINCT \?author WHERE/);
    expect(expected.map((r) => JSON.parse(r).name.value).sort()).toEqual(['Ada', 'Alan', 'Bob', 'Carl', 'Eve', 'Tim']);
  });

  it('keeps the filter on a projected-away variable inside the subquery that still binds it', async () => {
    // Branch 1 alone: Bob comes only from ?document2 = ?document (d6), so dropping that filter would add him.
    const branch1 = `${PREFIXES}SELECT DISTINCT ?name WHERE { ?erdoes a foaf:Person . ?erdoes foaf:name "Paul Erdoes" . { ${BRANCH1} } UNION { ?x foaf:name ?name FILTER(?name = "nobody") } }`;
    const { rewritten, expected } = await sameRows(branch1);
    expect(rewritten).toMatch(/SELECT DISTINCT \?erdoes \?author \?document2 WHERE/);
    expect(expected.some((r) => r.includes('"Bob"'))).toBe(false);
    const unfiltered = branch1.replace('&& ?document2 != ?document ', '');
    expect((await rows(store, unfiltered)).some((r) => r.includes('"Bob"'))).toBe(true);
  });

  it('keeps what is projected, unbound in the other branch, and what a filter outside the UNION reads', async () => {
    const both = Q8.replace('SELECT DISTINCT ?name', 'SELECT DISTINCT ?name ?author2');
    const { rewritten, expected } = await sameRows(both);
    expect(rewritten).toMatch(/SELECT DISTINCT \?author2 WHERE/);
    expect(expected.some((r) => !r.includes('author2'))).toBe(true); // branch 2 leaves ?author2 unbound
    const outerFilter = Q8.replace(/\}\s*$/, 'FILTER(!bound(?author) || ?author != ex:ada) }');
    const outer = await sameRows(outerFilter);
    expect(outer.rewritten).toMatch(/SELECT DISTINCT \?erdoes \?author \?document2 WHERE/);
    expect(outer.rewritten).not.toMatch(/SELECT DISTINCT \?author2 WHERE/); // ?author must stay visible
    expect(outer.expected).not.toEqual(await rows(store, Q8));
  });

  it('leaves a conjunct that reads more than the row (bound, EXISTS) outside, with its variables', async () => {
    const exists = Q8.replace('FILTER (?author != ?erdoes)\n', 'FILTER (?author != ?erdoes && EXISTS { ?document dct:creator ex:eve })\n');
    const { rewritten, expected } = await sameRows(exists);
    expect(rewritten).not.toMatch(/SELECT DISTINCT \?author WHERE/);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('does not apply where multiplicities or order count', async () => {
    const bag = Q8.replace('SELECT DISTINCT ?name', 'SELECT ?name');
    const { rewritten, expected } = await sameRows(bag);
    expect(rewritten).not.toMatch(/SELECT DISTINCT/);
    expect(new Set(expected).size).toBeLessThan(expected.length); // repeats across graphs and paths
    for (const q of [`${Q8} ORDER BY ?name LIMIT 3`, Q8.replace('SELECT DISTINCT ?name', 'SELECT DISTINCT *')]) {
      expect((await optimizeQuery(q, noFacts)) ?? q).not.toMatch(/SELECT DISTINCT \?author/);
      expect(await rows(optimized, q)).toEqual(await rows(store, q));
    }
  });

  it('does not fence off a prefix without an anchor (no constant subject or literal object)', async () => {
    const open = `${PREFIXES}SELECT DISTINCT ?name WHERE { { ?document dct:creator ?author . ?author foaf:name ?name } UNION { ?x foaf:name ?name } }`;
    const { rewritten } = await sameRows(open);
    expect(rewritten).not.toMatch(/SELECT DISTINCT \?author/);
  });
  it('gives the same rows on seeded variants: triple orders, filter subsets, projections', async () => {
    // A small deterministic generator (mulberry32): the same 60 queries on every run.
    let seed = 8;
    const next = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const shuffle = <T>(xs: T[]): T[] =>
      xs
        .map((x) => [next(), x] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, x]) => x);
    const triples = [
      '?document dct:creator ?erdoes',
      '?document dct:creator ?author',
      '?document2 dct:creator ?author',
      '?document2 dct:creator ?author2',
      '?author2 foaf:name ?name',
    ];
    const filters = ['?author != ?erdoes', '?document2 != ?document', '?author2 != ?erdoes', '?author2 != ?author', 'STR(?document) < STR(?document2)'];
    const columns = ['?name', '?author', '?author2', '?document', '?erdoes'];
    let rewrittenCount = 0;
    for (let i = 0; i < 60; i++) {
      const anchor = next() < 0.5 ? '?erdoes foaf:name "Paul Erdoes" . ' : '';
      const body = `${anchor}${shuffle(triples).join(' . ')}`;
      const kept = filters.filter(() => next() < 0.5);
      const projection = columns.filter((_, j) => j === 0 || next() < 0.3).join(' ');
      const q = `${PREFIXES}SELECT DISTINCT ${projection} WHERE { { ${body} ${kept.length ? `FILTER(${kept.join(' && ')})` : ''} } UNION { ?author foaf:name ?name ${next() < 0.5 ? 'FILTER(?name != "x")' : ''} } }`;
      const rewritten = (await optimizeQuery(q, noFacts)) ?? q;
      if ((rewritten.match(/SELECT DISTINCT/g) ?? []).length > 1) rewrittenCount++;
      expect(await rows(store, rewritten), q).toEqual(await rows(store, q));
    }
    expect(rewrittenCount).toBeGreaterThan(10);
  });
});
