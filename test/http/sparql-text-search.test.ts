/**
 * Full-text search inside SPARQL (jena-text's text:query), on a real server
 * over real catalogue records: each form answers the works /search?q= finds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERIES } from '../../src/http/sparql/examples.js';
import { rewriteTextQueries } from '../../src/http/sparql/text-search.js';
import type { Search } from '../../src/search/service.js';
import { parseQuery } from '../../src/store/parsed-query.js';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
const BASE = 'http://localhost:8080/';
const FILES = ['catalog/marc2bibframe2-gwu-subset.xml', 'catalog/marc4j-chabon.mrc'];
const PREFIXES = `PREFIX text: <http://jena.apache.org/text#>
PREFIX libkg: <https://w3id.org/libkg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
`;

beforeAll(async () => {
  s = await startTestServer({ listen: true });
  const summary = await importFixtures(s.store, BASE, FILES);
  expect(summary.rejected).toBe(0);
}, 30_000);
afterAll(async () => s?.close());

type Row = Record<string, { value: string; datatype?: string }>;

async function sparql(query: string): Promise<Response> {
  return fetch(`${s.url}sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    body: PREFIXES + query,
  });
}
async function rows(query: string): Promise<Row[]> {
  const r = await sparql(query);
  expect(r.status, await r.clone().text()).toBe(200);
  return ((await r.json()) as { results: { bindings: Row[] } }).results.bindings;
}
/** The works GET /search?q= answers, best first. */
async function searched(q: string, size = 100): Promise<string[]> {
  const r = await fetch(`${s.url}search?q=${encodeURIComponent(q)}&size=${size}`, { headers: { accept: 'application/ld+json' } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { 'hydra:member': { id: string }[] })['hydra:member'].map((m) => m.id);
}
const sorted = (xs: string[]) => [...xs].sort();

describe('text:query in SPARQL finds what /search finds', () => {
  it('?s text:query "words": every field', async () => {
    const expected = await searched('foreign affairs');
    expect(expected).toContain(`${BASE}id/work/local-11863566`);
    const got = await rows('SELECT ?s WHERE { ?s text:query "foreign affairs" }');
    expect(sorted(got.map((r) => r.s?.value as string))).toEqual(sorted(expected));
  });

  it('?s text:query (<property> "words"): the property picks the index field', async () => {
    const byTitle = await searched('title:chabon');
    const byAuthor = await searched('author:chabon');
    expect(byAuthor.length).toBeGreaterThan(0);
    expect(sorted((await rows('SELECT ?s WHERE { ?s text:query (dct:title "chabon") }')).map((r) => r.s?.value as string))).toEqual(sorted(byTitle));
    expect(sorted((await rows('SELECT ?s WHERE { ?s text:query (dct:creator "chabon") }')).map((r) => r.s?.value as string))).toEqual(sorted(byAuthor));
    // libkg's own name for the property answers the same.
    expect(sorted((await rows('SELECT ?s WHERE { ?s libkg:textQuery (dct:creator "chabon") }')).map((r) => r.s?.value as string))).toEqual(sorted(byAuthor));
  });

  it('("words" limit) takes the best matches, and the header says the limit cut them', async () => {
    const expected = await searched('anthems');
    expect(expected.length).toBeGreaterThan(1);
    const r = await sparql('SELECT ?s WHERE { ?s text:query ("anthems" 1) }');
    expect(r.status).toBe(200);
    expect(r.headers.get('libkg-text-query-capped')).toBe(`${expected.length}/1`);
    const got = ((await r.json()) as { results: { bindings: Row[] } }).results.bindings;
    expect(got.map((x) => x.s?.value)).toEqual([expected[0]]);
    // jena-text's highlight option is accepted (and ignored); a limit that is no whole number is a 400.
    expect(await rows('SELECT ?s WHERE { ?s text:query ("anthems" 1 "highlight:") }')).toHaveLength(1);
    expect((await sparql('SELECT ?s WHERE { ?s text:query ("anthems" "ten") }')).status).toBe(400);
    // Without a cut, no header.
    const all = await sparql('SELECT ?s WHERE { ?s text:query "anthems" }');
    expect(all.headers.get('libkg-text-query-capped')).toBeNull();
  });

  it('(?s ?score ?literal) binds the score (best first, as /search ranks) and the matched title', async () => {
    const expected = await searched('title:(minor OR anthems)');
    expect(expected.length).toBeGreaterThan(2);
    const got = await rows('SELECT ?s ?score ?title WHERE { (?s ?score ?title) text:query (dct:title "minor OR anthems") } ORDER BY DESC(?score)');
    const scores = got.map((r) => Number(r.score?.value));
    expect(scores.every((x) => Number.isFinite(x))).toBe(true);
    expect(got[0]?.score?.datatype).toBe('http://www.w3.org/2001/XMLSchema#double');
    expect(got.every((r) => /minor|anthems/i.test(r.title?.value ?? ''))).toBe(true);
    // The same order as /search?q= (relevance).
    expect(got.map((r) => r.s?.value)).toEqual(expected);
  });

  it('joins with other patterns: a title search filtered by the year of issue', async () => {
    const all = await rows('SELECT ?s ?issued WHERE { ?s text:query (dct:title "minor OR anthems OR symphonies OR motets OR concerto") ; dct:issued ?issued }');
    expect(all.length).toBeGreaterThan(1);
    const year = all[0]?.issued?.value.slice(0, 4) as string;
    const expected = all.filter((r) => r.issued?.value.startsWith(year)).map((r) => r.s?.value as string);
    const got = await rows(
      `SELECT ?s WHERE { ?s text:query (dct:title "minor OR anthems OR symphonies OR motets OR concerto") . ?s dct:issued ?issued FILTER(STRSTARTS(STR(?issued), "${year}")) }`,
    );
    expect(sorted(got.map((r) => r.s?.value as string))).toEqual(sorted(expected));
    expect(got.length).toBeLessThan(all.length);
  });

  it('"*" lists every entity, as /search?q=* does', async () => {
    const r = await fetch(`${s.url}search?q=*&size=1`, { headers: { accept: 'application/ld+json' } });
    const total = ((await r.json()) as { 'hydra:totalItems': number })['hydra:totalItems'];
    const [count] = await rows('SELECT (COUNT(*) AS ?n) WHERE { ?s text:query "*" }');
    expect(Number(count?.n?.value)).toBe(total);
    expect(total).toBeGreaterThan(10);
  });

  it('a bound subject tests membership', async () => {
    const [first] = await searched('foreign affairs');
    const yes = await rows(`SELECT ?score WHERE { (<${first}> ?score) text:query "foreign affairs" }`);
    expect(yes).toHaveLength(1);
    const ask = async (q: string) => {
      const r = await sparql(q);
      return ((await r.json()) as { boolean: boolean }).boolean;
    };
    expect(await ask(`ASK { <${first}> text:query "foreign affairs" }`)).toBe(true);
    expect(await ask(`ASK { <${BASE}id/work/no-such-work> text:query "foreign affairs" }`)).toBe(false);
    // The limit does not hide a bound subject that is not among the best matches.
    const anthems = await searched('anthems');
    expect(await ask(`ASK { <${anthems[1]}> text:query ("anthems" 1) }`)).toBe(true);
    expect(await ask(`ASK { <${anthems[1]}> text:query "symphonies" }`)).toBe(false);
  });

  it('works inside OPTIONAL, UNION and subqueries', async () => {
    const chabon = sorted(await searched('author:chabon'));
    const union = await rows('SELECT ?s WHERE { { ?s text:query (dct:creator "chabon") } UNION { ?s text:query (dct:title "zzzznothing") } }');
    expect(sorted(union.map((r) => r.s?.value as string))).toEqual(chabon);
    const sub = await rows('SELECT ?s WHERE { { SELECT ?s WHERE { ?s text:query (dct:creator "chabon") } } }');
    expect(sorted(sub.map((r) => r.s?.value as string))).toEqual(chabon);
    const opt = await rows(`SELECT ?s ?hit WHERE { VALUES ?s { <${chabon[0]}> } OPTIONAL { (?s ?hit) text:query "zzzznothing" } }`);
    expect(opt).toEqual([{ s: { type: 'uri', value: chabon[0] } }]);
  });

  it('an unknown property is a 400 problem naming the searchable ones', async () => {
    const r = await sparql('SELECT ?s WHERE { ?s text:query (<http://example.org/nope> "war") }');
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    const body = (await r.json()) as { detail: string };
    expect(body.detail).toMatch(/http:\/\/example.org\/nope/);
    expect(body.detail).toMatch(/title/);
  });

  it('quotes, braces and update keywords in the text are searched text, never query', async () => {
    const before = s.store.size();
    const nasty = '"} ; DROP" ALL ; { war';
    const got = await rows(`SELECT ?s WHERE { ?s text:query ${JSON.stringify(nasty)} }`);
    expect(sorted(got.map((r) => r.s?.value as string))).toEqual(sorted(await searched(nasty)));
    expect(s.store.size()).toBe(before);
    const braces = await rows(`SELECT ?s WHERE { ?s text:query '''} } INSERT DATA { <a:b> <a:c> <a:d> } { ''' }`);
    expect(braces.every((r) => r.s?.value.startsWith(BASE))).toBe(true);
    expect(s.store.size()).toBe(before);
  });

  it('a query without the property reaches the store as the very same string', async () => {
    // The search service is never consulted for such a query (nothing to rewrite).
    const opts = { search: {} as Search };
    for (const q of [
      'SELECT * WHERE { ?s ?p ?o } LIMIT 1',
      `${PREFIXES}SELECT ("http://jena.apache.org/text#query" AS ?x) WHERE { ?s dct:title "textQuery" }`,
      'SELECT * WHERE { VALUES ?p { <http://jena.apache.org/text#query> } }',
    ]) {
      const query = parseQuery(q, `${BASE}sparql`);
      expect((await rewriteTextQueries(query, opts)).query).toBe(query);
    }
  });

  it('the service description lists text:query and libkg:textQuery', async () => {
    const r = await fetch(`${s.url}sparql`, { headers: { accept: 'application/n-triples' } });
    const nt = await r.text();
    expect(nt).toContain('<http://www.w3.org/ns/sparql-service-description#extensionFunction> <http://jena.apache.org/text#query>');
    expect(nt).toContain('<http://www.w3.org/ns/sparql-service-description#extensionFunction> <https://w3id.org/libkg/ontology#textQuery>');
  });

  it('the query page example returns Chabon works, best first', async () => {
    const ex = EXAMPLE_QUERIES.find((e) => e.name === 'Full-text search');
    const r = await fetch(`${s.url}sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
      body: ex?.query,
    });
    const got = ((await r.json()) as { results: { bindings: Row[] } }).results.bindings;
    expect(got.length).toBeGreaterThan(0);
    const scores = got.map((x) => Number(x.score?.value));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
