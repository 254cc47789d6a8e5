/**
 * Issue 12: a /sparql request parses its query text once; the parsed form travels through the limits,
 * text:query, the optimizer's rewrites and the store. Counted with a spy on sparqljs's parser itself
 * (engines run in worker threads with their own copy, so only the HTTP thread's parses are counted).
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// sparqljs's Parser() wraps one jison parser whose prototype's parse runs every parse.
const jison = createRequire(import.meta.url)('sparqljs/lib/SparqlParser.js') as { Parser: { prototype: { parse: (text: string) => unknown } } };

let s: TestServer;
const BASE = 'http://localhost:8080/';

beforeAll(async () => {
  s = await startTestServer();
  const summary = await importFixtures(s.store, BASE, ['catalog/marc2bibframe2-gwu-subset.xml', 'catalog/marc4j-chabon.mrc']);
  expect(summary.rejected).toBe(0);
  // The owl:sameAs cluster index reads the import's graphs with its own query; a search waits for it to settle,
  // so that only the requests' own parses are counted below.
  expect((await s.app.inject({ url: '/search?q=chabon', headers: { accept: 'application/ld+json' } })).statusCode).toBe(200);
}, 30_000);
afterAll(async () => s?.close());

async function parsesOf(query: string): Promise<{ status: number; parses: string[]; body: string }> {
  const spy = vi.spyOn(jison.Parser.prototype, 'parse');
  try {
    const r = await s.app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
      payload: query,
    });
    return { status: r.statusCode, parses: spy.mock.calls.map((c) => c[0]), body: r.body };
  } finally {
    spy.mockRestore();
  }
}

describe('POST /sparql parses the query text once', () => {
  it('a SELECT with text:query, an undeclared prefix, DISTINCT and a FILTER equality: one parse', async () => {
    // text:query is rewritten to VALUES, DISTINCT and the FILTER invite the optimizer's rewrites, dct: is declared by libkg.
    const query = `PREFIX text: <http://jena.apache.org/text#>
      SELECT DISTINCT ?s ?t WHERE { ?s text:query "chabon" . ?s dct:title ?t . ?s ?p ?o . FILTER(?p = dct:title) }`;
    const r = await parsesOf(query);
    expect(r.status, r.body).toBe(200);
    expect(JSON.parse(r.body).results.bindings.length).toBeGreaterThan(0);
    expect(r.parses).toEqual([query]);
  });

  it('a plain SELECT with join-order rewrites: one parse', async () => {
    const query = 'SELECT ?s ?t WHERE { ?s dct:title ?t . ?s dct:creator ?c . ?c foaf:name ?n } LIMIT 3';
    const r = await parsesOf(query);
    expect(r.status, r.body).toBe(200);
    expect(r.parses).toEqual([query]);
  });

  it('the same queries again: at most one parse each (the accepted text is known; text:query needs the tree)', async () => {
    for (const query of [
      'SELECT ?s ?t WHERE { ?s dct:title ?t . ?s dct:creator ?c . ?c foaf:name ?n } LIMIT 4',
      'PREFIX text: <http://jena.apache.org/text#> SELECT DISTINCT ?s WHERE { ?s text:query "chabon" . ?s dct:title ?t }',
    ]) {
      const first = await parsesOf(query);
      const again = await parsesOf(query);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.body).toBe(first.body);
      expect(first.parses).toHaveLength(1);
      expect(again.parses.length).toBeLessThanOrEqual(1);
    }
  });

  it('a syntax error: one parse, 400 QUERY_SYNTAX on the user’s line', async () => {
    const r = await parsesOf('SELECT * WHERE {\n ?s dct:title ?t ?? }');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'QUERY_SYNTAX', line: 2 });
    expect(r.parses).toHaveLength(1);
  });
});
