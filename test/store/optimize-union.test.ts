import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedStore } from '../../src/store/embedded.js';
import { DataFacts, optimizeQuery } from '../../src/store/optimize/index.js';
import type { QuadStore } from '../../src/store/port.js';
import { openOptimizedStore } from '../helpers/optimize-store.js';

// Paul Erdoes, his co-authors and theirs (SP2Bench q8/q12b's shape).
const TURTLE = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix ex: <http://example.org/> .
ex:erdoes a foaf:Person ; foaf:name "Paul Erdoes" .
ex:ada a foaf:Person ; foaf:name "Ada" . ex:alan a foaf:Person ; foaf:name "Alan" . ex:grace a foaf:Person ; foaf:name "Grace" .
ex:tim foaf:name "Tim" .
ex:d1 dct:creator ex:erdoes, ex:ada . ex:d2 dct:creator ex:ada, ex:alan . ex:d3 dct:creator ex:alan, ex:grace . ex:d4 dct:creator ex:erdoes, ex:ada .
ex:d5 dct:creator ex:tim, ex:ada .
`;
const PREFIXES = 'PREFIX dct: <http://purl.org/dc/terms/> PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n';
const ERDOES = `${PREFIXES}SELECT ?name WHERE {
  ?erdoes a foaf:Person . ?erdoes foaf:name "Paul Erdoes" .
  {
    ?document dct:creator ?erdoes . ?document dct:creator ?author .
    ?document2 dct:creator ?author . ?document2 dct:creator ?author2 . ?author2 foaf:name ?name
    FILTER (?author != ?erdoes && ?document2 != ?document && ?author2 != ?erdoes && ?author2 != ?author)
  } UNION {
    ?document dct:creator ?erdoes . ?document dct:creator ?author . ?author foaf:name ?name
    FILTER (?author != ?erdoes)
  }
}`;

let store: EmbeddedStore;
let optimized: QuadStore;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, optimized, close } = await openOptimizedStore('union', TURTLE));
});
afterAll(() => close());

const rows = async (s: QuadStore, q: string): Promise<string[]> => {
  const json = JSON.parse((await s.query(q, { format: 'application/sparql-results+json' })).body);
  if (typeof json.boolean === 'boolean') return [String(json.boolean)];
  return (json.results.bindings as Record<string, { value: string }>[]).map((b) => JSON.stringify(b)).sort();
};
const noFacts = { objectsAreTerms: async () => false };

describe('a join distributed over UNION', () => {
  it('moves the triples beside a UNION into each branch (q8, q12b) with the same rows, repeats included', async () => {
    const rewritten = (await optimizeQuery(ERDOES, noFacts)) as string;
    expect(rewritten.match(/foaf:name "Paul Erdoes"/g)).toHaveLength(2);
    const expected = await rows(store, ERDOES);
    // Without DISTINCT every path is a row: multiplicities must survive the rewrite.
    expect(expected.length).toBeGreaterThan(3);
    expect(await rows(store, rewritten)).toEqual(expected);
    expect(await rows(optimized, ERDOES)).toEqual(expected);
    const distinct = ERDOES.replace('SELECT ?name', 'SELECT DISTINCT ?name');
    expect(await rows(optimized, distinct)).toEqual(await rows(store, distinct));
    const ask = ERDOES.replace('SELECT ?name WHERE', 'ASK');
    expect(await rows(optimized, ask)).toEqual(['true']);
    const none = ask.replace('Paul Erdoes', 'Nobody');
    expect(await rows(optimized, none)).toEqual(['false']);
  });

  it('then starts each branch from its rarest pattern (the one name, not every person)', async () => {
    const rewritten = (await optimizeQuery(ERDOES, new DataFacts(store))) as string;
    expect(rewritten.match(/SELECT \?erdoes WHERE \{ \?erdoes foaf:name "Paul Erdoes"\. \}\s*LIMIT 1/g)).toHaveLength(2);
    expect(await rows(store, rewritten)).toEqual(await rows(store, ERDOES));
  });

  it('leaves the UNION alone where a branch would see values it did not see before', async () => {
    // The branch filter reads ?erdoes, which only the outer triples bind: unbound (filter fails) in the original.
    const outerOnly = ERDOES.replace(
      '?document dct:creator ?erdoes . ?document dct:creator ?author . ?author foaf:name ?name',
      '?document dct:creator ?author . ?author foaf:name ?name',
    );
    expect((await optimizeQuery(outerOnly, noFacts)) ?? outerOnly).not.toMatch(/UNION\s*\{\s*\?erdoes/);
    expect(await rows(optimized, outerOnly)).toEqual(await rows(store, outerOnly));
    // An OPTIONAL in a branch, a blank node beside the UNION, a pattern after it.
    const leftAlone = [
      ERDOES.replace('?author foaf:name ?name\n', 'OPTIONAL { ?author foaf:name ?name }\n'),
      ERDOES.replace('?erdoes a foaf:Person .', '?erdoes a foaf:Person ; foaf:knows [] .'),
      ERDOES.replace(/\}\n\}$/, '}\n  ?erdoes foaf:name ?n\n}'),
    ];
    for (const q of leftAlone) expect((await optimizeQuery(q, noFacts)) ?? '').not.toMatch(/foaf:name "Paul Erdoes"[\s\S]*foaf:name "Paul Erdoes"/);
  });
});
