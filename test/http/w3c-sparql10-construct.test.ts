/**
 * The five W3C SPARQL 1.0 CONSTRUCT tests (data-r2/construct) over HTTP. Each
 * data file is stored as a named graph and given to the query as its default
 * graph with the protocol's default-graph-uri; the N-Triples answer must be
 * isomorphic to the expected graph. construct-3 (reification-1) is the template
 * sparqljs crashes on while the engine answers it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const DIR = fileURLToPath(new URL('../fixtures/w3c/sparql10-construct/', import.meta.url));
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const QT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-query#';
const RDFNS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

const fileOf = (t: RDF.Term) => new URL(t.value).pathname.split('/').pop() as string;

function entries(): { name: string; query: string; data: string; result: string }[] {
  const store = new N3.Store(new N3.Parser({ baseIRI: `file://${DIR}manifest.ttl` }).parse(readFileSync(`${DIR}manifest.ttl`, 'utf8')));
  const one = (s: RDF.Term, p: string) => store.getObjects(s, p, null)[0] as RDF.Term;
  const manifest = store.getSubjects(`${RDFNS}type`, `${MF}Manifest`, null)[0] as RDF.Term;
  const out = [];
  for (let n = one(manifest, `${MF}entries`); n.value !== `${RDFNS}nil`; n = one(n, `${RDFNS}rest`)) {
    const t = one(n, `${RDFNS}first`);
    const action = one(t, `${MF}action`);
    out.push({
      name: one(t, `${MF}name`).value,
      query: fileOf(one(action, `${QT}query`)),
      data: fileOf(one(action, `${QT}data`)),
      result: fileOf(one(t, `${MF}result`)),
    });
  }
  return out;
}

const tests = entries();
const graphOf = (file: string) => `http://w3c.test/construct/${file}`;
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ listen: true });
  for (const file of new Set(tests.map((t) => t.data))) {
    const r = await fetch(`${s.url}store?graph=${encodeURIComponent(graphOf(file))}`, {
      method: 'PUT',
      headers: { 'content-type': 'text/turtle', ...s.auth },
      body: readFileSync(`${DIR}${file}`),
    });
    expect(r.status, file).toBeLessThan(300);
  }
}, 60_000);
afterAll(() => s.close());

describe('W3C SPARQL 1.0 CONSTRUCT tests', () => {
  it('has the five tests of the manifest', () => {
    expect(tests.map((t) => t.name)).toEqual([
      'dawg-construct-identity',
      'dawg-construct-subgraph',
      'dawg-construct-reification-1',
      'dawg-construct-reification-2',
      'dawg-construct-optional',
    ]);
  });

  it.each(tests.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
    const res = await fetch(`${s.url}sparql?default-graph-uri=${encodeURIComponent(graphOf(t.data))}`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/n-triples' },
      body: readFileSync(`${DIR}${t.query}`, 'utf8'),
    });
    const body = await res.text();
    expect(res.status, body).toBe(200);
    const actual = new N3.Parser({ format: 'N-Triples' }).parse(body);
    const expected = new N3.Parser({ baseIRI: `file://${DIR}${t.result}` }).parse(readFileSync(`${DIR}${t.result}`, 'utf8'));
    expect(isomorphic(actual, expected), body).toBe(true);
  });
});
