/**
 * libkg's documented prefixes (dct:, bibo:, foaf:, schema:, libkg:, …) work in
 * queries and updates without PREFIX, as on Virtuoso and QLever; a declared
 * prefix wins; errors still point into the user's own text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undeclaredPrefixes, withDefaultPrefixes } from '../../src/http/sparql/default-prefixes.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const EX = 'http://example.org/prefixes/';
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
  const put = await s.app.inject({
    method: 'PUT',
    url: `/store?graph=${encodeURIComponent(`${EX}g`)}`,
    headers: { 'content-type': 'text/turtle', ...s.auth },
    payload: `<${EX}w1> <http://purl.org/dc/terms/title> "Kavalier" ; <http://purl.org/ontology/bibo/isbn13> "9780312282998" .`,
  });
  expect(put.statusCode).toBe(201);
});
afterAll(() => s.close());

const query = (q: string) =>
  s.app.inject({
    method: 'POST',
    url: '/sparql',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    payload: q,
  });
const values = (body: string, v: string) => (JSON.parse(body).results.bindings as Record<string, { value: string }>[]).map((b) => b[v]?.value);

describe('undeclared default prefixes over HTTP', () => {
  it('answers a query that uses dct: and bibo: without declaring them', async () => {
    const r = await query('SELECT ?t ?i { ?w dct:title ?t ; bibo:isbn13 ?i }');
    expect(r.statusCode, r.body).toBe(200);
    expect(values(r.body, 't')).toEqual(['Kavalier']);
    expect(values(r.body, 'i')).toEqual(['9780312282998']);
  });

  it('lets a declared prefix win over the default one', async () => {
    const r = await query(`PREFIX dct: <${EX}other/>\nSELECT ?t { ?w dct:title ?t }`);
    expect(r.statusCode, r.body).toBe(200);
    expect(values(r.body, 't')).toEqual([]);
  });

  it('works with BASE, with ASK and CONSTRUCT, and in typed literals', async () => {
    const base = await query(`BASE <${EX}>\nSELECT ?t { <w1> dct:title ?t }`);
    expect(values(base.body, 't')).toEqual(['Kavalier']);
    const ask = await query('ASK { ?w dct:title "Kavalier"^^xsd:string }');
    expect(JSON.parse(ask.body).boolean).toBe(true);
    const construct = await s.app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/n-triples' },
      payload: 'CONSTRUCT { ?w rdfs:label ?t } WHERE { ?w dct:title ?t }',
    });
    expect(construct.statusCode, construct.body).toBe(200);
    expect(construct.body).toContain('<http://www.w3.org/2000/01/rdf-schema#label> "Kavalier"');
  });

  it('still refuses a prefix libkg does not know, and reports positions in the user text', async () => {
    const unknown = await query('SELECT * { ?s nope:p ?o }');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toMatch(/Unknown prefix: nope/);
    // The same error at the same place whether or not dct: is declared.
    const bad = await query('SELECT * {\n  ?s dct:title\n}');
    const declared = await query('PREFIX dct: <http://purl.org/dc/terms/> SELECT * {\n  ?s dct:title\n}');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('QUERY_SYNTAX');
    expect(bad.json().line).toBe(declared.json().line);
    expect(bad.json().line).toBe(2);
  });

  it("keeps the engine's error positions on the user's lines", async () => {
    // sparqljs lets this through; the engine refuses it with "error at line:column".
    const body = '{\n ?s <http://purl.org/dc/terms/title> ?t .\n BIND(1 AS ?x) BIND(2 AS ?x) }';
    const undeclared = await query(`SELECT * ${body.replace('<http://purl.org/dc/terms/title>', 'dct:title')}`);
    const plain = await query(`SELECT * ${body}`);
    expect(plain.statusCode).toBe(400);
    expect(plain.json().detail).toMatch(/error at 3:/);
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json().detail).toMatch(/error at 3:/);
  });

  it('accepts the default prefixes in updates too', async () => {
    const u = await s.app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { 'content-type': 'application/sparql-update', ...s.auth },
      payload: `INSERT DATA { GRAPH <${EX}u> { <${EX}w2> dct:title "Added" ; schema:name "Added" } }`,
    });
    expect(u.statusCode, u.body).toBe(200);
    const r = await query(`SELECT ?t { <${EX}w2> <http://purl.org/dc/terms/title> ?t ; <http://schema.org/name> ?t }`);
    expect(values(r.body, 't')).toEqual(['Added']);
    const bad = await s.app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { 'content-type': 'application/sparql-update', ...s.auth },
      payload: 'INSERT DATA {\n <x:s> nope:p 1 }',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('UPDATE_SYNTAX');
  });

  it('lists the default prefixes in the service description (sh:declare) and for the query page', async () => {
    const sd = await s.app.inject({ url: '/sparql', headers: { accept: 'application/n-triples' } });
    expect(sd.body).toContain('<http://www.w3.org/ns/shacl#prefix> "dct"');
    expect(sd.body).toContain('<http://www.w3.org/ns/shacl#namespace> "http://purl.org/dc/terms/"^^<http://www.w3.org/2001/XMLSchema#anyURI>');
    const list = await s.app.inject({ url: '/sparql/ui/prefixes.json' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ dct: 'http://purl.org/dc/terms/', libkg: 'https://w3id.org/libkg/ontology#' });
    const page = await s.app.inject({ url: '/sparql', headers: { accept: 'text/html' } });
    expect(page.body).toContain('/sparql/ui/prefixes.json');
  });
});

describe('which prefixes are added', () => {
  it('only those used and not declared, never from IRIs, strings, comments or variables', () => {
    expect(undeclaredPrefixes('SELECT * { ?s dct:title ?t ; foaf:name ?n }').sort()).toEqual(['dct', 'foaf']);
    expect(undeclaredPrefixes('PREFIX dct: <http://x/> SELECT * { ?s dct:title ?t }')).toEqual([]);
    expect(undeclaredPrefixes('prefix  dct:<http://x/> SELECT * { ?s dct:title ?t }')).toEqual([]);
    expect(undeclaredPrefixes('SELECT * { ?s <http://schema.org/x> "foaf:name" } # bibo:x')).toEqual([]);
    expect(undeclaredPrefixes('SELECT * { ?s ?p ?o FILTER(?o = "a"^^xsd:string) }')).toEqual(['xsd']);
    expect(undeclaredPrefixes('SELECT * { ?s ex:p ?o }')).toEqual([]);
    expect(undeclaredPrefixes('SELECT * { ?s dct:a/dct:b|^skos:c ?o }').sort()).toEqual(['dct', 'skos']);
  });

  it('puts them on one line in front, leaving a text that needs none as it is', () => {
    const q = 'SELECT * {\n ?s dct:title ?t }';
    const out = withDefaultPrefixes(q);
    expect(out.split('\n')).toHaveLength(q.split('\n').length + 1);
    expect(out.endsWith(q)).toBe(true);
    expect(withDefaultPrefixes('SELECT * { ?s ?p ?o }')).toBe('SELECT * { ?s ?p ?o }');
  });
});
