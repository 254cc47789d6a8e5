/**
 * The 12 W3C SPARQL 1.0 dataset tests (data-r2/dataset), sent over HTTP to a
 * libkg server on loopback. Each data file is stored as a named graph whose IRI
 * is the file name resolved against the endpoint (the query's base), so the
 * queries' own FROM / FROM NAMED pick the dataset, as the manifest expects.
 * Run on the embedded engines and on the remote store adapter (real Virtuoso).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServer, startRemoteServer } from '../helpers/remote-server.js';
import { startTestServer } from '../helpers/server.js';
import { expectedRows, jsonRows, sameRows } from './w3c-results.js';

const DIR = fileURLToPath(new URL('../fixtures/w3c/sparql10-dataset/', import.meta.url));
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const QT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-query#';
const RDFNS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** The manifest's entries, in order: name, query file, result file. */
function entries(): { name: string; query: string; result: string }[] {
  const base = `file://${DIR}manifest.ttl`;
  const store = new N3.Store(new N3.Parser({ baseIRI: base }).parse(readFileSync(`${DIR}manifest.ttl`, 'utf8')));
  const one = (s: RDF.Term, p: string) => store.getObjects(s, p, null)[0] as RDF.Term;
  const out = [];
  const manifest = store.getSubjects(`${RDFNS}type`, `${MF}Manifest`, null)[0] as RDF.Term;
  for (let n = one(manifest, `${MF}entries`); n.value !== `${RDFNS}nil`; n = one(n, `${RDFNS}rest`)) {
    const t = one(n, `${RDFNS}first`);
    out.push({
      name: one(t, `${MF}name`).value,
      query: new URL(one(one(t, `${MF}action`), `${QT}query`).value).pathname,
      result: new URL(one(t, `${MF}result`).value).pathname,
    });
  }
  return out;
}

const tests = entries();

type Server = LoopbackServer;

function describeDatasetTests(name: string, start: () => Promise<Server>) {
  describe(`W3C SPARQL 1.0 dataset tests: ${name}`, () => {
    let s: Server;
    let endpoint: string;

    beforeAll(async () => {
      s = await start();
      endpoint = `${s.baseIri}sparql`;
      for (const file of readdirSync(DIR).filter((f) => f.startsWith('data-'))) {
        const graph = new URL(file, endpoint).href;
        const r = await fetch(`${s.url}store?graph=${encodeURIComponent(graph)}`, {
          method: 'PUT',
          headers: { 'content-type': 'text/turtle', ...s.auth },
          body: readFileSync(`${DIR}${file}`),
        });
        expect(r.status, `${file}: ${await r.text()}`).toBeLessThan(300);
      }
    }, 180_000);
    afterAll(() => s?.close(), 60_000);

    it.each(tests.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
      const res = await fetch(`${s.url}sparql`, {
        method: 'POST',
        headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
        body: readFileSync(t.query, 'utf8'),
      });
      const body = await res.text();
      expect(res.status, body).toBe(200);
      const actual = jsonRows(body);
      const expected = expectedRows(t.result, endpoint);
      expect(new Set(actual.vars)).toEqual(new Set(expected.vars));
      expect(sameRows(expected.rows, actual.rows), `expected ${JSON.stringify(expected.rows)}\nactual ${JSON.stringify(actual.rows)}`).toBe(true);
    });
  });
}

it('the manifest has the 12 dataset tests', () => {
  expect(tests.map((t) => t.name)).toEqual([
    'dataset-01',
    'dataset-02',
    'dataset-03',
    'dataset-04',
    'dataset-05',
    'dataset-06',
    'dataset-07',
    'dataset-08',
    'dataset-11',
    'dataset-09b',
    'dataset-10b',
    'dataset-12b',
  ]);
});

describeDatasetTests('embedded engines', async () => {
  const s = await startTestServer({ listen: true });
  return { url: s.url, baseIri: s.config.baseIri, auth: s.auth, close: () => s.close() };
});
describeDatasetTests('remote store (Virtuoso)', () => startRemoteServer());
