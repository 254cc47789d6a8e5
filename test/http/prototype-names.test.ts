import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { relatorCode } from '../../src/ingest/mapping/relators.js';
import { languageCode } from '../../src/search/documents.js';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Names an object literal inherits: a look-up keyed by request text must never find them. */
const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'];

let s: TestServer;
const BASE = 'http://localhost:8080/';

beforeAll(async () => {
  s = await startTestServer();
  await importFixtures(s.store, BASE, ['catalog/marc2bibframe2-gwu-subset.xml', 'authors/gnd-marc21/marc21-rs-DUMP.mrc']);
}, 60_000);
afterAll(async () => s?.close());

const e = encodeURIComponent;

/** Every surface that looks something up by a name taken from the request. */
function requests(n: string): { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string }[] {
  const recon = (q: unknown) => `/reconcile?queries=${e(JSON.stringify(q))}`;
  return [
    { method: 'GET', url: `/sparql/ui/${n}` },
    { method: 'GET', url: `/sparql?query=${e(`SELECT * WHERE { ?s ${n}:x ?o } LIMIT 1`)}` },
    { method: 'GET', url: `/sparql?query=${e('ASK {}')}&format=${n}` },
    { method: 'GET', url: `/sparql?query=${e('ASK {}')}&output=${n}` },
    { method: 'GET', url: `/sparql?query=${e('ASK {}')}`, headers: { accept: n } },
    { method: 'GET', url: `/sparql?format=${n}` },
    { method: 'GET', url: `/search?q=${e(`${n}:x`)}` },
    { method: 'GET', url: `/search?q=${e(n)}` },
    { method: 'GET', url: `/search?q=x&${n}=x` },
    { method: 'GET', url: `/search?q=x&type=${e(`${n}:x`)}` },
    { method: 'GET', url: `/search?q=x&subject=${e(`${n}:x`)}` },
    { method: 'GET', url: `/search?q=x&sort=${n}` },
    { method: 'GET', url: `/search?q=x&facet=${n}` },
    { method: 'GET', url: `/search?q=x&lang=${n}` },
    { method: 'GET', url: `/search?q=x&format=${n}` },
    { method: 'GET', url: '/search?q=x', headers: { accept: n } },
    { method: 'GET', url: `/oai?verb=${n}` },
    { method: 'GET', url: `/oai?verb=ListRecords&metadataPrefix=${n}` },
    { method: 'GET', url: `/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=${n}` },
    { method: 'GET', url: `/oai?verb=GetRecord&metadataPrefix=${n}&identifier=${n}` },
    { method: 'GET', url: `/oai?verb=ListRecords&resumptionToken=${n}` },
    { method: 'GET', url: `/oai?verb=Identify&${n}=x` },
    { method: 'GET', url: `/api/${n}` },
    { method: 'GET', url: `/api/works?${n}=x` },
    { method: 'GET', url: `/api/works?sort=${n}` },
    { method: 'GET', url: `/api/works?type=${e(`${n}:x`)}` },
    { method: 'GET', url: `/api/works?format=${n}` },
    { method: 'GET', url: `/dumps/${n}` },
    { method: 'GET', url: `/jobs/${n}` },
    { method: 'GET', url: `/ldes/page/${n}` },
    { method: 'GET', url: `/ldes/version/${n}` },
    { method: 'GET', url: `/ldes?${n}=x` },
    { method: 'GET', url: `/tpf?subject=${e(`${n}:x`)}&predicate=${e(`${n}:y`)}&object=${e(`${n}:z`)}` },
    { method: 'GET', url: `/tpf?${n}=x` },
    { method: 'GET', url: `/id/${n}` },
    { method: 'GET', url: `/id/${n}/${n}` },
    { method: 'GET', url: `/id/person/${n}` },
    { method: 'GET', url: `/doc/${n}.${n}` },
    { method: 'GET', url: `/doc/person/${n}.${n}` },
    { method: 'GET', url: `/id/person/gnd-118607626?format=${n}` },
    { method: 'GET', url: '/id/person/gnd-118607626', headers: { accept: `application/${n}` } },
    { method: 'GET', url: `/lookup?${n}=x` },
    { method: 'GET', url: `/lookup?id=${n}` },
    { method: 'GET', url: `/lookup?isbn=${n}` },
    { method: 'GET', url: `/sitemap-${n}` },
    { method: 'GET', url: `/.well-known/void?format=${n}` },
    { method: 'GET', url: `/ontology?format=${n}` },
    { method: 'GET', url: `/shapes?format=${n}` },
    { method: 'GET', url: `/store/${n}` },
    { method: 'GET', url: `/store?graph=${n}` },
    { method: 'GET', url: `/health?${n}=1` },
    { method: 'GET', url: `/graphql?query=${e(`{ ${n} }`)}` },
    { method: 'GET', url: `/graphql?query=${e(`{ id @single ${n}(_: x) { ${n} } }`)}` },
    { method: 'GET', url: `/graphql?query=${e('{ id }')}&context=${e(JSON.stringify({ [n]: 'http://example.org/x' }))}` },
    { method: 'GET', url: `/graphql?query=${e(`query ${n} { id }`)}&operationName=${n}` },
    { method: 'GET', url: recon({ q0: { query: 'Schiller', type: n } }) },
    { method: 'GET', url: recon({ q0: { query: 'Schiller', type: `${n}:x` } }) },
    { method: 'GET', url: recon({ [n]: { query: 'Schiller' } }) },
    { method: 'GET', url: recon({ q0: { query: 'Schiller', properties: [{ pid: n, v: 'x' }] } }) },
    { method: 'GET', url: recon({ q0: { query: 'Schiller', properties: [{ pid: `${n}:x`, v: n }] } }) },
    { method: 'GET', url: `/reconcile?extend=${e(JSON.stringify({ ids: ['person/gnd-118607626'], properties: [{ id: n }] }))}` },
    { method: 'GET', url: `/reconcile/properties?type=${n}` },
    { method: 'GET', url: `/reconcile/preview?id=${n}` },
    { method: 'GET', url: `/reconcile/preview?id=${n}/${n}` },
    { method: 'GET', url: `/reconcile/suggest/entity?prefix=${n}` },
    { method: 'GET', url: `/reconcile/${n}` },
    { method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `query=${e('ASK {}')}&${n}=1` },
    { method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: '{ id }', [n]: 1 }) },
    {
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: `{"query":"{ id }","variables":{"${n}":1},"__proto__":{"x":1}}`,
    },
    { method: 'POST', url: '/oai', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `verb=${n}&${n}=x` },
  ];
}

describe('object-prototype names in requests never reach Object.prototype (no 500 anywhere)', () => {
  it.each(NAMES)(
    '%s',
    async (n) => {
      const failures: string[] = [];
      for (const r of requests(n)) {
        const res = await s.app.inject({ method: r.method, url: r.url, headers: r.headers, payload: r.payload });
        if (res.statusCode >= 500) failures.push(`${r.method} ${r.url} ${JSON.stringify(r.headers ?? {})} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
    },
    60_000,
  );
});

describe('object-prototype names as keys of a reconciliation batch', () => {
  it('a query keyed "__proto__" is answered under that key, and an extension row for id "__proto__" is returned', async () => {
    const batch = `{"__proto__":{"query":"Schiller"},"constructor":{"query":"Schiller"}}`;
    const r = await s.app.inject({ method: 'GET', url: `/reconcile?queries=${e(batch)}` });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(JSON.parse(r.body))).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(r.body).constructor.result[0]?.id).toBe('person/gnd-118607626');
    const ext = `{"ids":["__proto__","person/gnd-118607626"],"properties":[{"id":"name"}]}`;
    const x = await s.app.inject({ method: 'GET', url: `/reconcile?extend=${e(ext)}` });
    expect(x.statusCode).toBe(200);
    expect(Object.keys(JSON.parse(x.body).rows)).toEqual(['__proto__', 'person/gnd-118607626']);
  });
});

describe('object-prototype names in data and on the command line', () => {
  it('an entity page whose data has a property named like a prototype member renders (identifier resolvers)', async () => {
    const person = `${BASE}id/person/gnd-118607626`;
    const quads = NAMES.map((n) =>
      N3.DataFactory.quad(N3.DataFactory.namedNode(person), N3.DataFactory.namedNode(`http://example.org/${n}`), N3.DataFactory.literal('x')),
    );
    await s.store.putGraphs([{ graph: 'http://example.org/proto-names', quads }]);
    const r = await s.app.inject({ method: 'GET', url: '/doc/person/gnd-118607626.html' });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  });

  it('record text and language codes named like prototype members map to nothing', () => {
    for (const n of NAMES) {
      expect(relatorCode(n)).toBeUndefined();
      expect(languageCode(n)).toBe(n.toLowerCase());
    }
  });

  it('`libkg constructor` is an unknown command (exit 2), not a crash', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const n of NAMES) expect(await main([n])).toBe(2);
      expect(err.mock.calls.map((c) => String(c[0])).join('\n')).toContain('unknown command "constructor"');
    } finally {
      err.mockRestore();
    }
  });
});
