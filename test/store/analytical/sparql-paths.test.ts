import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticalBackend } from '../../../src/store/analytical/backend.js';
import { EnginePool } from '../../../src/store/engines.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { rowsOf } from './oracle.js';

const TTL = (n: number) => `@prefix ex: <http://ex/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:w${n}a a ex:Work ; ex:title "Alpha ${n}"@en , "alpha ${n}" ; ex:year ${1990 + n} ; ex:creator ex:p${n % 3} , ex:p${(n + 1) % 3} .
ex:w${n}b a ex:Work ; ex:title "Beta ${n}" ; ex:year "${1990 + n}.0"^^xsd:decimal ; ex:creator ex:p${n % 3} ; ex:note [ ex:text "note ${n}" ] .
ex:p${n % 3} ex:name "Person ${n % 3}" .`;

const QUERIES = [
  'SELECT ?c (COUNT(?w) AS ?n) WHERE { ?w <http://ex/creator> ?c } GROUP BY ?c ORDER BY DESC(?n) ?c',
  'SELECT ?y (COUNT(*) AS ?n) WHERE { ?w a <http://ex/Work> ; <http://ex/year> ?y } GROUP BY ?y',
  'SELECT (COUNT(DISTINCT ?co) AS ?n) WHERE { ?a <http://ex/creator> ?p . ?a <http://ex/creator> ?co FILTER(?p != ?co) }',
  'SELECT ?w ?t WHERE { ?w <http://ex/title> ?t ; <http://ex/creator> ?p . ?p <http://ex/name> ?name FILTER(CONTAINS(LCASE(?t), "alpha")) }',
  'SELECT ?w ?note WHERE { ?w a <http://ex/Work> OPTIONAL { ?w <http://ex/note> ?b . ?b <http://ex/text> ?note } }',
  'SELECT ?w WHERE { ?w a <http://ex/Work> MINUS { ?w <http://ex/note> ?b } }',
  'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g',
  'SELECT ?w WHERE { ?w <http://ex/year> ?y FILTER(?y = 1992) }',
  'SELECT (MAX(?y) AS ?m) (MIN(?y) AS ?l) WHERE { ?w <http://ex/year> ?y FILTER(datatype(?y) = <http://www.w3.org/2001/XMLSchema#integer>) }',
  'ASK { ?w <http://ex/title> "Beta 3" }',
  'SELECT (COUNT(*) AS ?n) FROM <http://ex/g1> WHERE { ?s ?p ?o }',
];

let force: TestServer;
let off: TestServer;
let backend: AnalyticalBackend<unknown> | undefined;

const put = (s: TestServer, graph: string, body: string) =>
  s.app.inject({ method: 'PUT', url: `/store?graph=${encodeURIComponent(graph)}`, headers: { 'content-type': 'text/turtle', ...s.auth }, payload: body });
const update = (s: TestServer, text: string) =>
  s.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-update', ...s.auth }, payload: text });
const select = async (s: TestServer, text: string) => {
  const r = await s.app.inject({
    method: 'POST',
    url: '/sparql',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    payload: text,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.body;
};

/**
 * Until the copy has applied the last write, queries go to Oxigraph (never a stale answer); and the owl:sameAs
 * cluster index reads written graphs with queries of its own (a search waits for it). Both settle before counting.
 */
async function quiet(): Promise<void> {
  await backend?.settled();
  expect((await force.app.inject({ url: '/search?q=settle', headers: { accept: 'application/ld+json' } })).statusCode).toBe(200);
  await backend?.settled();
}

/** Writes of every kind, in the same order on both servers: the copy must follow each. */
async function writeAll(s: TestServer): Promise<void> {
  for (let i = 1; i <= 4; i++) expect((await put(s, `http://ex/g${i}`, TTL(i))).statusCode).toBeLessThan(300);
  expect((await update(s, 'INSERT DATA { GRAPH <http://ex/g5> { <http://ex/w9a> a <http://ex/Work> ; <http://ex/year> 1992 } }')).statusCode).toBeLessThan(300);
  expect((await update(s, 'DELETE WHERE { GRAPH <http://ex/g2> { ?w <http://ex/title> ?t } }')).statusCode).toBeLessThan(300);
  expect((await put(s, 'http://ex/g3', TTL(7))).statusCode).toBeLessThan(300);
  expect((await s.app.inject({ method: 'DELETE', url: `/store?graph=${encodeURIComponent('http://ex/g4')}`, headers: s.auth })).statusCode).toBeLessThan(300);
}

beforeAll(async () => {
  force = await startTestServer({
    config: { resultCache: false, queryRewrites: false },
    queryBackend: (db) => {
      backend = new AnalyticalBackend(new EnginePool(db, 1), db, { mode: 'force', minRows: 0 });
      return backend;
    },
  });
  off = await startTestServer({ config: { resultCache: false, queryRewrites: false } });
  await writeAll(force);
  await writeAll(off);
}, 60_000);
afterAll(async () => {
  await force?.close();
  await off?.close();
});

describe('/sparql with the analytical path forced and off', () => {
  it('gives equal answers after puts, updates and deletes, answered on DuckDB', async () => {
    await quiet();
    const before = { ...backend?.counts };
    for (const q of QUERIES) {
      const ordered = q.includes('ORDER BY');
      expect(rowsOf(await select(force, q), ordered), q).toEqual(rowsOf(await select(off, q), ordered));
    }
    // Every query of the set is one the path answers: none went to Oxigraph (rewrites off: no statistics queries of their own).
    expect(backend?.counts).toEqual({ analytical: (before.analytical ?? 0) + QUERIES.length, oxigraph: before.oxigraph, fellBack: before.fellBack });
  }, 60_000);

  it('sees a write in the next query', async () => {
    expect((await update(force, 'INSERT DATA { GRAPH <http://ex/g6> { <http://ex/new> <http://ex/year> 2030 } }')).statusCode).toBeLessThan(300);
    const body = await select(force, 'SELECT ?w WHERE { ?w <http://ex/year> ?y FILTER(?y > 2020) }');
    expect(JSON.parse(body).results.bindings).toEqual([{ w: { type: 'uri', value: 'http://ex/new' } }]);
  });

  it('sends what it cannot answer to Oxigraph, with the same answer', async () => {
    await quiet();
    const before = backend?.counts.oxigraph ?? 0;
    // A one-or-more path (set semantics, closure) is refused by the translator; a plain sequence path is a join it answers.
    const q = 'SELECT ?w ?n WHERE { ?w <http://ex/creator>+/<http://ex/name> ?n }';
    expect(rowsOf(await select(force, q))).toEqual(rowsOf(await select(off, q)));
    expect(backend?.counts.oxigraph).toBe(before + 1);
  });
});
