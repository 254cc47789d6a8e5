import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const EX = 'http://example.org/';
const DATA = `
<${EX}book1> <http://purl.org/dc/terms/title> "Sketches of the Analytical Engine"@en ;
  <http://purl.org/dc/terms/creator> <${EX}ada> .
<${EX}ada> <http://xmlns.com/foaf/0.1/name> "Ada Lovelace" .`;

let s: TestServer;
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const enc = encodeURIComponent;

beforeAll(async () => {
  s = await startTestServer();
  const quads = new N3.Parser().parse(DATA);
  await s.store.putGraphs([{ graph: `${EX}g1`, quads }]);
  await s.store.putGraphs([
    {
      graph: `${EX}g2`,
      quads: [
        N3.DataFactory.quad(
          N3.DataFactory.namedNode(`${EX}book2`),
          N3.DataFactory.namedNode('http://purl.org/dc/terms/title'),
          N3.DataFactory.literal('Second'),
        ),
      ],
    },
  ]);
});
afterAll(() => s.close());

const SELECT = 'SELECT ?t WHERE { ?w <http://purl.org/dc/terms/title> ?t } ORDER BY ?t';
const CONSTRUCT = `CONSTRUCT { ?w <http://purl.org/dc/terms/title> ?t } WHERE { ?w <http://purl.org/dc/terms/title> ?t }`;

describe('GET/POST /sparql queries', () => {
  it('get_query answers SPARQL JSON over the union of all graphs by default', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc(SELECT)}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
    expect(r.json().results.bindings.map((b: { t: { value: string } }) => b.t.value)).toEqual(['Second', 'Sketches of the Analytical Engine']);
  });

  it('post_form_query and post_direct_query give the same answer', async () => {
    const a = await s.app.inject({ method: 'POST', url: '/sparql', headers: form, payload: `query=${enc(SELECT)}` });
    const b = await s.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: SELECT });
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe(b.body);
  });

  it('get_query_dataset restricts the default graph to default-graph-uri', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc(SELECT)}&default-graph-uri=${enc(`${EX}g2`)}` });
    expect(r.json().results.bindings).toHaveLength(1);
  });

  it('get_query_named_graphs exposes only named-graph-uri graphs to GRAPH', async () => {
    const q = 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }';
    const r = await s.app.inject({ url: `/sparql?query=${enc(q)}&named-graph-uri=${enc(`${EX}g1`)}` });
    expect(r.json().results.bindings.map((b: { g: { value: string } }) => b.g.value)).toEqual([`${EX}g1`]);
  });

  it.each([
    ['application/sparql-results+xml', /<sparql xmlns/],
    ['text/csv', /^t\r\n/],
    ['text/tab-separated-values', /^\?t\n/],
    ['application/json', /"bindings"/],
  ])('get_query_accept %s', async (accept, body) => {
    const r = await s.app.inject({ url: `/sparql?query=${enc(SELECT)}`, headers: { accept } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(body);
    expect(r.headers.vary).toContain('Accept');
  });

  it('get_query_accept_q follows q-values', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc(SELECT)}`, headers: { accept: 'application/sparql-results+json;q=0.1, text/csv;q=0.9' } });
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
  });

  it('get_query_format overrides Accept', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc(SELECT)}&format=tsv`, headers: { accept: 'application/sparql-results+json' } });
    expect(r.headers['content-type']).toMatch(/^text\/tab-separated-values/);
  });

  it.each([
    ['csv', /^text\/csv/],
    ['xml', /^application\/sparql-results\+xml/],
    ['json', /^application\/sparql-results\+json/],
  ])("get_query_output=%s (Fuseki's name for format) overrides Accept", async (output, type) => {
    const r = await s.app.inject({ url: `/sparql?query=${enc(SELECT)}&output=${output}`, headers: { accept: 'text/tab-separated-values' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(type);
  });

  it.each([
    ['text/turtle', 'Turtle'],
    ['application/n-triples', 'N-Triples'],
    ['application/n-quads', 'N-Quads'],
    ['application/trig', 'TriG'],
  ])('construct_accept %s parses back to the same triples', async (accept, format) => {
    const r = await s.app.inject({ url: `/sparql?query=${enc(CONSTRUCT)}`, headers: { accept } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(new RegExp(`^${accept}`));
    expect(new N3.Parser({ format }).parse(r.body)).toHaveLength(2);
  });

  it('construct_accept_rdfxml answers RDF/XML', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc(CONSTRUCT)}`, headers: { accept: 'application/rdf+xml' } });
    expect(r.headers['content-type']).toMatch(/^application\/rdf\+xml/);
    expect(r.body).toContain('Sketches of the Analytical Engine');
    expect(r.body).toMatch(/<rdf:RDF/);
  });

  it('construct_accept_jsonld compacts with the libkg context', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc(CONSTRUCT)}`, headers: { accept: 'application/ld+json' } });
    expect(r.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = r.json();
    expect(doc['@context'].dct).toBe('http://purl.org/dc/terms/');
    const book = doc['@graph'].find((n: { id: string }) => n.id === 'http://example.org/book1');
    expect(book.title).toEqual({ '@value': 'Sketches of the Analytical Engine', '@language': 'en' });
  });

  it('construct_accept_jsonld_large converts off the HTTP thread with the same result', async () => {
    const quads = Array.from({ length: 3000 }, (_, i) =>
      N3.DataFactory.quad(
        N3.DataFactory.namedNode(`${EX}big/${i}`),
        N3.DataFactory.namedNode('http://purl.org/dc/terms/title'),
        N3.DataFactory.literal(`Big ${i}`, 'en'),
      ),
    );
    await s.store.putGraphs([{ graph: `${EX}big`, quads }]);
    const q = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${EX}big> { ?s ?p ?o } }`;
    const r = await s.app.inject({ url: `/sparql?query=${enc(q)}`, headers: { accept: 'application/ld+json' } });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc['@graph']).toHaveLength(3000);
    expect(doc['@graph'].find((n: { id: string }) => n.id === `${EX}big/7`).title).toEqual({ '@value': 'Big 7', '@language': 'en' });
    await s.store.deleteGraphs([`${EX}big`]);
  });

  it('get_query_accept_bad answers 406 naming the offered formats', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc(SELECT)}`, headers: { accept: 'image/png' } });
    expect(r.statusCode).toBe(406);
    expect(r.json().offered).toContain('text/csv');
  });

  it('post_query_bad_content_type answers 415', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'text/plain' }, payload: 'ASK {}' });
    expect(r.statusCode).toBe(415);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });

  it('post_query_utf16 answers 415', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { 'content-type': 'application/sparql-query; charset=UTF-16' },
      payload: 'ASK {}',
    });
    expect(r.statusCode).toBe(415);
  });

  it('get_query_syntax_error answers 400 with the parser message and position', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc('SELECT * WHERE {\n ?s ?p }')}` });
    expect(r.statusCode).toBe(400);
    const p = r.json();
    expect(p.code).toBe('QUERY_SYNTAX');
    expect(p.line).toBe(2);
    expect(p.column).toBeGreaterThan(0);
    expect(p.detail).toMatch(/Parse error/);
  });

  it('put_query answers 405 with Allow', async () => {
    const r = await s.app.inject({ method: 'PUT', url: `/sparql?query=${enc('ASK {}')}` });
    expect(r.statusCode).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD, POST');
  });

  it('get_multiple_queries answers 400', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc('ASK {}')}&query=${enc('ASK {}')}` });
    expect(r.statusCode).toBe(400);
  });

  it('relative IRIs resolve against the endpoint', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc('SELECT (<x> AS ?x) {}')}` });
    expect(r.json().results.bindings[0].x.value).toBe(`${s.config.baseIri}x`);
  });
});

describe('POST /sparql updates', () => {
  const insert = `INSERT DATA { GRAPH <${EX}g3> { <${EX}s> <${EX}p> "o" } }`;

  it('post_update_no_token answers 401 and changes nothing', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-update' }, payload: insert });
    expect(r.statusCode).toBe(401);
    expect(r.headers['www-authenticate']).toMatch(/Bearer/);
    expect(s.store.graphInfo(`${EX}g3`)).toBeUndefined();
  });

  it('post_update with a token applies it', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-update', ...s.auth }, payload: insert });
    expect(r.statusCode).toBe(200);
    expect(s.store.graphInfo(`${EX}g3`)?.quads).toBe(1);
  });

  it('post_form_update with using-graph-uri evaluates WHERE over that graph', async () => {
    const update = `INSERT { GRAPH <${EX}g4> { ?w <${EX}seen> true } } WHERE { ?w <http://purl.org/dc/terms/title> ?t }`;
    const r = await s.app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { ...form, ...s.auth },
      payload: `update=${enc(update)}&using-graph-uri=${enc(`${EX}g2`)}`,
    });
    expect(r.statusCode).toBe(200);
    const quads = await s.store.getGraph(`${EX}g4`);
    expect(quads.map((q) => q.subject.value)).toEqual([`${EX}book2`]);
  });

  it('post_update_dataset_conflict answers 400', async () => {
    const update = `WITH <${EX}g1> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }`;
    const r = await s.app.inject({
      method: 'POST',
      url: `/sparql?using-graph-uri=${enc(`${EX}g2`)}`,
      headers: { 'content-type': 'application/sparql-update', ...s.auth },
      payload: update,
    });
    expect(r.statusCode).toBe(400);
    expect(s.store.graphInfo(`${EX}g1`)?.quads).toBe(3);
  });

  it('post_update_syntax_error answers 400 with a position', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/sparql', headers: { ...form, ...s.auth }, payload: `update=${enc('CLEAR XYZ')}` });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'UPDATE_SYNTAX', line: 1 });
  });

  it('get_update is refused', async () => {
    const r = await s.app.inject({ url: `/sparql?update=${enc('CLEAR ALL')}`, headers: s.auth });
    expect(r.statusCode).toBe(405);
    expect(s.store.graphInfo(`${EX}g1`)?.quads).toBe(3);
  });
});

describe('GET /sparql without a query', () => {
  it('get_service_description in Turtle by default', async () => {
    const r = await s.app.inject({ url: '/sparql' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/turtle/);
    const store = new N3.Store(new N3.Parser({ format: 'Turtle' }).parse(r.body));
    const SD = 'http://www.w3.org/ns/sparql-service-description#';
    const endpoint = `${s.config.baseIri}sparql`;
    expect(store.getObjects(endpoint, `${SD}endpoint`, null).map((t) => t.value)).toEqual([endpoint]);
    expect(store.getObjects(endpoint, `${SD}feature`, null).map((t) => t.value)).toContain(`${SD}UnionDefaultGraph`);
    expect(store.getObjects(endpoint, `${SD}resultFormat`, null).map((t) => t.value)).toContain('http://www.w3.org/ns/formats/SPARQL_Results_CSV');
    expect(store.getObjects(endpoint, `${SD}supportedLanguage`, null).map((t) => t.value)).toContain(`${SD}SPARQL11Update`);
    const names = store.getObjects(null, `${SD}name`, null).map((t) => t.value);
    expect(names).toEqual(expect.arrayContaining([`${EX}g1`, `${EX}g2`]));
  });

  it.each(['application/ld+json', 'application/rdf+xml', 'application/n-triples'])('get_service_description as %s', async (accept) => {
    const r = await s.app.inject({ url: '/sparql', headers: { accept } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(new RegExp(`^${accept.replace('+', '\\+')}`));
    expect(r.body).toContain('UnionDefaultGraph');
  });

  it('get_page for browsers serves YASGUI from libkg itself with the examples', async () => {
    const r = await s.app.inject({ url: '/sparql', headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain("location.origin + '/sparql'");
    expect(r.body).toContain('Patents citing a work');
    expect(r.body).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    const js = await s.app.inject({ url: '/sparql/ui/yasgui.min.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body.length).toBeGreaterThan(500_000);
    expect((await s.app.inject({ url: '/sparql/ui/../../etc/passwd' })).statusCode).toBe(404);
  });
});

describe('reads with publicReads: false', () => {
  it('get_query_private and the service description need a token; the query page does not', async () => {
    const p = await startTestServer({ config: { publicReads: false } });
    try {
      expect((await p.app.inject({ url: `/sparql?query=${enc('ASK {}')}` })).statusCode).toBe(401);
      expect((await p.app.inject({ url: `/sparql?query=${enc('ASK {}')}`, headers: p.auth })).statusCode).toBe(200);
      expect((await p.app.inject({ url: '/sparql' })).statusCode).toBe(401);
      expect((await p.app.inject({ url: '/sparql', headers: p.auth })).statusCode).toBe(200);
      expect((await p.app.inject({ url: '/sparql', headers: { accept: 'text/html' } })).statusCode).toBe(200);
    } finally {
      await p.close();
    }
  });
});

describe('result size limit (maxResultBytes)', () => {
  it('get_query_too_large answers 413 RESULT_TOO_LARGE; smaller results still flow', async () => {
    const p = await startTestServer({ config: { maxResultBytes: 1024 } });
    try {
      const quads = Array.from({ length: 100 }, (_, i) =>
        N3.DataFactory.quad(N3.DataFactory.namedNode(`${EX}s${i}`), N3.DataFactory.namedNode(`${EX}p`), N3.DataFactory.literal(`value ${i}`)),
      );
      await p.store.putGraphs([{ graph: `${EX}big`, quads }]);
      const big = await p.app.inject({ url: `/sparql?query=${enc('SELECT * { ?s ?p ?o }')}` });
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ code: 'RESULT_TOO_LARGE', limit: 1024 });
      const small = await p.app.inject({ url: `/sparql?query=${enc('SELECT * { ?s ?p ?o } LIMIT 2')}`, headers: { accept: 'text/csv' } });
      expect(small.statusCode).toBe(200);
      expect(small.body.split('\r\n').filter(Boolean)).toHaveLength(3);
    } finally {
      await p.close();
    }
  });
});

describe('CORS for browser clients on other origins', () => {
  it('get_query and post_form_query carry Access-Control-Allow-Origin', async () => {
    const r = await s.app.inject({ url: `/sparql?query=${enc('ASK {}')}`, headers: { origin: 'https://yasgui.example' } });
    expect(r.headers['access-control-allow-origin']).toBe('*');
    const p = await s.app.inject({ method: 'POST', url: '/sparql', headers: { ...form, origin: 'https://yasgui.example' }, payload: 'query=ASK%20%7B%7D' });
    expect(p.headers['access-control-allow-origin']).toBe('*');
    const g = await s.app.inject({ url: `/store?graph=${enc(`${EX}g1`)}`, headers: { origin: 'https://yasgui.example' } });
    expect(g.headers['access-control-allow-origin']).toBe('*');
  });
});
