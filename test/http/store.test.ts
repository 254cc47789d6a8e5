import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const EX = 'http://example.org/';
const G = `${EX}graph/books`;
const TTL = `@prefix dct: <http://purl.org/dc/terms/> .
<${EX}book1> dct:title "Sketches"@en ; dct:creator [ <http://xmlns.com/foaf/0.1/name> "Ada" ] .`;

let s: TestServer;
const enc = encodeURIComponent;
const url = (g: string) => `/store?graph=${enc(g)}`;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const put = (target: string, payload: string, type = 'text/turtle') =>
  s.app.inject({ method: 'PUT', url: target, headers: { 'content-type': type, ...s.auth }, payload });

describe('Graph Store Protocol at /store', () => {
  it('put_graph creates it (201), replacing answers 204', async () => {
    expect((await put(url(G), TTL)).statusCode).toBe(201);
    expect(s.store.graphInfo(G)?.quads).toBe(3);
    expect((await put(url(G), TTL)).statusCode).toBe(204);
  });

  it('put_without_token answers 401 and writes nothing', async () => {
    const r = await s.app.inject({ method: 'PUT', url: url(`${EX}other`), headers: { 'content-type': 'text/turtle' }, payload: TTL });
    expect(r.statusCode).toBe(401);
    expect(s.store.graphInfo(`${EX}other`)).toBeUndefined();
  });

  it.each([
    ['text/turtle', 'Turtle'],
    ['application/n-triples', 'N-Triples'],
    ['application/n-quads', 'N-Quads'],
    ['application/trig', 'TriG'],
  ])('get_graph as %s gives the same triples back', async (accept, format) => {
    const r = await s.app.inject({ url: url(G), headers: { accept } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(`${accept}; charset=utf-8`);
    const quads = new N3.Parser({ format }).parse(r.body);
    expect(quads).toHaveLength(3);
    if (format === 'N-Quads' || format === 'TriG') expect(quads.every((q) => q.graph.value === G)).toBe(true);
  });

  it('get_graph as RDF/XML and JSON-LD', async () => {
    const xml = await s.app.inject({ url: url(G), headers: { accept: 'application/rdf+xml' } });
    expect(xml.body).toContain('Sketches');
    const ld = await s.app.inject({ url: url(G), headers: { accept: 'application/ld+json' } });
    expect(ld.json()['@context'].dct).toBe('http://purl.org/dc/terms/');
  });

  it.each([
    ['application/n-triples', `<${EX}a> <${EX}p> "1" .\n`],
    ['application/n-quads', `<${EX}a> <${EX}p> "1" <${EX}ignored> .\n`],
    ['application/trig', `<${EX}x> { <${EX}a> <${EX}p> "1" . }`],
    [
      'application/rdf+xml',
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="${EX}"><rdf:Description rdf:about="${EX}a"><ex:p>1</ex:p></rdf:Description></rdf:RDF>`,
    ],
    ['application/ld+json', JSON.stringify({ '@id': `${EX}a`, [`${EX}p`]: '1' })],
  ])('put_graph reads %s into the target graph', async (type, payload) => {
    const g = `${EX}fmt/${type.replace(/\W/g, '')}`;
    expect((await put(url(g), payload, type)).statusCode).toBe(201);
    const quads = await s.store.getGraph(g);
    expect(quads.map((q) => [q.subject.value, q.predicate.value, q.object.value, q.graph.value])).toEqual([[`${EX}a`, `${EX}p`, '1', g]]);
  });

  it('post_graph adds to it (204) and keeps what was there', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: url(G),
      headers: { 'content-type': 'application/n-triples', ...s.auth },
      payload: `<${EX}book2> <${EX}p> "x" .`,
    });
    expect(r.statusCode).toBe(204);
    expect(s.store.graphInfo(G)?.quads).toBe(4);
  });

  it('post_store creates a new graph and gives its IRI in Location (201)', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/store', headers: { 'content-type': 'text/turtle', ...s.auth }, payload: TTL });
    expect(r.statusCode).toBe(201);
    const location = String(r.headers.location);
    expect(location.startsWith(`${s.config.baseIri}store/`)).toBe(true);
    const direct = await s.app.inject({ url: new URL(location).pathname, headers: { accept: 'application/n-triples' } });
    expect(direct.statusCode).toBe(200);
    expect((await s.app.inject({ url: url(location) })).statusCode).toBe(200);
  });

  it('put_default and get_default address the real default graph', async () => {
    expect((await put('/store?default', `<${EX}d> <${EX}p> "in default" .`, 'application/n-triples')).statusCode).toBe(204);
    const r = await s.app.inject({ url: '/store?default', headers: { accept: 'application/n-quads' } });
    expect(r.body.trim()).toBe(`<${EX}d> <${EX}p> "in default" .`);
    expect(s.store.graphInfo('')?.quads).toBe(1);
  });

  it('delete_default empties the default graph (204), which still answers GET', async () => {
    expect((await s.app.inject({ method: 'DELETE', url: '/store?default', headers: s.auth })).statusCode).toBe(204);
    const r = await s.app.inject({ url: '/store?default', headers: { accept: 'application/n-triples' } });
    expect(r.statusCode).toBe(200);
    expect(r.body.trim()).toBe('');
  });

  it('head_graph answers 200 with headers and no body; 404 for an unknown graph', async () => {
    const r = await s.app.inject({ method: 'HEAD', url: url(G), headers: { accept: 'text/turtle' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/turtle/);
    expect(r.body).toBe('');
    expect((await s.app.inject({ method: 'HEAD', url: url(`${EX}nothing`) })).statusCode).toBe(404);
  });

  it('delete_graph answers 204, then GET and DELETE answer 404', async () => {
    expect((await s.app.inject({ method: 'DELETE', url: url(G), headers: s.auth })).statusCode).toBe(204);
    expect((await s.app.inject({ url: url(G) })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'DELETE', url: url(G), headers: s.auth })).statusCode).toBe(404);
  });

  it('put_bad_syntax answers 400 and keeps the graph unchanged', async () => {
    const g = `${EX}fmt/applicationntriples`;
    const r = await put(url(g), '<a> <b> .', 'application/n-triples');
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('RDF_SYNTAX');
    expect(s.store.graphInfo(g)?.quads).toBe(1);
  });

  it('put_unsupported_type answers 415', async () => {
    expect((await put(url(`${EX}z`), 'x', 'image/png')).statusCode).toBe(415);
  });

  it('get_graph_not_acceptable answers 406', async () => {
    expect((await s.app.inject({ url: url(`${EX}fmt/applicationntriples`), headers: { accept: 'text/csv' } })).statusCode).toBe(406);
  });

  it('get_store_without_graph answers the whole dataset, as TriG unless another quad format is asked for', async () => {
    const r = await s.app.inject({ url: '/store' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/trig');
    expect(new N3.Parser({ format: 'TriG' }).parse(r.body).length).toBe(s.store.size());
  });
});

describe('Graph Store reads with publicReads: false', () => {
  it('get_graph_private needs a token', async () => {
    const p = await startTestServer({ config: { publicReads: false } });
    try {
      const target = `/store?graph=${enc(`${EX}private`)}`;
      await p.app.inject({ method: 'PUT', url: target, headers: { 'content-type': 'application/n-triples', ...p.auth }, payload: `<${EX}a> <${EX}p> "1" .` });
      expect((await p.app.inject({ url: target })).statusCode).toBe(401);
      expect((await p.app.inject({ url: target, headers: p.auth })).statusCode).toBe(200);
    } finally {
      await p.close();
    }
  });
});
