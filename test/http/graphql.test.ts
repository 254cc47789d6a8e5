import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

// A small catalogue: two books, one article citing both, three people.
const TURTLE = `
@prefix dct: <http://purl.org/dc/terms/> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix cito: <http://purl.org/spar/cito/> .
@prefix ex: <http://example.org/> .
ex:b1 a bibo:Book ; dct:title "Weaving the Web" ; dct:issued "1999" ; dct:creator ex:tbl, ex:mf .
ex:b2 a bibo:Book ; dct:title "Linked Data" ; dct:issued "2011" ; dct:creator ex:th .
ex:a1 a bibo:Article ; dct:title "On catalogues" ; dct:creator ex:th ; cito:cites ex:b1, ex:b2 .
ex:tbl a foaf:Person ; foaf:name "Tim Berners-Lee" .
ex:mf a foaf:Person ; foaf:name "Mark Fischetti" .
ex:th a foaf:Person ; foaf:name "Tom Heath" .
`;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const quads = new N3.Parser().parse(TURTLE);
  await server.store.putGraphs([{ graph: 'http://example.org/g', quads }]);
});
afterAll(() => server.close());

const post = (payload: Record<string, unknown>) =>
  server.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', accept: 'application/json' }, payload });

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('/graphql (GraphQL-LD over the store)', () => {
  it('answers nested objects with @single through the default context', async () => {
    const res = await post({ query: '{ id @single type(_: Book) title @single creator { id @single name @single } }' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const books = byId(res.json().data as { id: string; title: string; creator: { id: string; name: string }[] }[]);
    expect(books.map((b) => [b.id, b.title])).toEqual([
      ['http://example.org/b1', 'Weaving the Web'],
      ['http://example.org/b2', 'Linked Data'],
    ]);
    expect(byId(books[0]?.creator ?? []).map((c) => c.name)).toEqual(['Mark Fischetti', 'Tim Berners-Lee']);
    expect(books[1]?.creator).toEqual([{ id: 'http://example.org/th', name: 'Tom Heath' }]);
  });

  it('filters by an argument value and by a GraphQL variable', async () => {
    const lit = await post({ query: '{ id @single title(_: "Linked Data") @single issued @single }' });
    // A field filtered by a value is a condition, not an output.
    expect(lit.json().data).toEqual([{ id: 'http://example.org/b2', issued: '2011' }]);

    const vars = await post({
      query: 'query($who: String) { id @single title @single creator { name(_: $who) } }',
      variables: { who: 'Tom Heath' },
    });
    expect(vars.statusCode).toBe(200);
    expect(byId(vars.json().data as { id: string; title: string }[]).map((w) => w.title)).toEqual(['On catalogues', 'Linked Data']);
  });

  it('follows reverse properties (works citing a work) and returns the SPARQL on request', async () => {
    const res = await post({ query: '{ id @single title(_: "Weaving the Web") citedBy { title @single } }', explain: true });
    const body = res.json();
    expect(body.data).toEqual([{ id: 'http://example.org/b1', citedBy: [{ title: 'On catalogues' }] }]);
    expect(body.extensions.sparql).toContain('<http://purl.org/spar/cito/cites>');
  });

  it('takes a user context that extends the default, and GET with URL parameters', async () => {
    const context = JSON.stringify({ cited: { '@id': 'http://purl.org/spar/cito/cites', '@type': '@id' } });
    const query = '{ id @single title(_: "On catalogues") cited { title @single } }';
    const res = await server.app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent(query)}&context=${encodeURIComponent(context)}` });
    expect(res.statusCode).toBe(200);
    const row = res.json().data[0];
    expect(row.id).toBe('http://example.org/a1');
    expect(row.cited.map((c: { title: string }) => c.title).sort()).toEqual(['Linked Data', 'Weaving the Web']);
  });

  it('accepts application/graphql bodies', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/graphql' },
      payload: '{ name(_: "Mark Fischetti") @single works { title @single } }',
    });
    expect(res.json().data).toEqual([{ works: [{ title: 'Weaving the Web' }] }]);
  });

  it('reports bad queries, remote contexts and missing queries as problem+json', async () => {
    const syntax = await post({ query: '{ title @single ' });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(syntax.json()).toMatchObject({ code: 'BAD_REQUEST', errors: [{ message: expect.stringContaining('Syntax Error') }] });

    const remote = await post({ query: '{ title }', context: 'http://attacker.example/ctx.jsonld' });
    expect(remote.statusCode).toBe(400);
    expect(remote.json().detail).toContain('remote JSON-LD contexts are not loaded');

    const missing = await server.app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'application/json' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('BAD_REQUEST');

    const wrongType = await server.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'text/plain' }, payload: '{ title }' });
    expect(wrongType.statusCode).toBe(415);
  });

  it('publishes the default context, which the published URL can also name', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/graphql/context.jsonld' });
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const ctx = res.json()['@context'];
    expect(ctx.title).toBe('http://purl.org/dc/terms/title');
    expect(ctx.creator).toEqual({ '@id': 'http://purl.org/dc/terms/creator', '@type': '@id' });
    expect(ctx.name).toBe('http://xmlns.com/foaf/0.1/name');
    const named = await post({ query: '{ title(_: "Linked Data") issued @single }', context: '/graphql/context.jsonld' });
    expect(named.json().data).toEqual([{ issued: '2011' }]);
  });

  it('serves the query form to browsers', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<textarea id="query"');
    expect(res.body).not.toMatch(/<script[^>]+src=/);
  });
});

describe('/graphql with private reads', () => {
  it('asks for a token before answering a query; the page and the context stay public', async () => {
    const priv = await startTestServer({ config: { publicReads: false } });
    try {
      await priv.store.putGraphs([{ graph: 'http://example.org/g', quads: new N3.Parser().parse(TURTLE) }]);
      const payload = { query: '{ title(_: "Linked Data") issued @single }' };
      const anonymous = await priv.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
      const withToken = await priv.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...priv.auth }, payload });
      expect(withToken.json().data).toEqual([{ issued: '2011' }]);
      expect((await priv.app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } })).statusCode).toBe(200);
      expect((await priv.app.inject({ method: 'GET', url: '/graphql/context.jsonld' })).statusCode).toBe(200);
    } finally {
      await priv.close();
    }
  });
});
