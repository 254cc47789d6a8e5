import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loadSample, PERSON } from './linked-data-sample.js';

let s: TestServer;
const DS = 'http://localhost:8080/.well-known/void#dataset';

beforeAll(async () => {
  s = await startTestServer();
  await loadSample(s.store);
});
afterAll(async () => s.close());

const parse = (ttl: string) => new N3.Store(new N3.Parser({ format: 'Turtle' }).parse(ttl));
const one = (g: N3.Store, subj: N3.Term | string | null, pred: string) => g.getObjects(subj, pred, null)[0]?.value;

describe('GET /.well-known/void', () => {
  it('describes the dataset in Turtle: counts, partitions, URI space, endpoints, examples, licence', async () => {
    const r = await s.app.inject({ url: '/.well-known/void', headers: { accept: 'text/turtle' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/turtle');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    const g = parse(r.body);
    expect(Number(one(g, DS, NS.void('triples')))).toBe(s.store.size());
    expect(Number(one(g, DS, NS.void('entities')))).toBe(5);
    expect(one(g, DS, NS.void('uriSpace'))).toBe('http://localhost:8080/id/');
    expect(one(g, DS, NS.void('sparqlEndpoint'))).toBe('http://localhost:8080/sparql');
    expect(one(g, DS, NS.void('uriLookupEndpoint'))).toBe('http://localhost:8080/lookup?uri=');
    expect(one(g, DS, NS.void('dataDump'))).toBe('http://localhost:8080/dumps/libkg.nq.gz');
    expect(one(g, DS, NS.dct('license'))).toMatch(/^https:\/\/creativecommons.org\//);
    expect(one(g, DS, NS.dct('modified'))).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(g.getObjects(DS, NS.void('exampleResource'), null).length).toBeGreaterThan(0);
    const persons = g.getSubjects(NS.void('class'), NS.foaf('Person'), null)[0];
    expect(Number(one(g, persons ?? null, NS.void('entities')))).toBe(1);
    const titles = g.getSubjects(NS.void('property'), NS.dct('title'), null)[0];
    expect(Number(one(g, titles ?? null, NS.void('triples')))).toBe(3);
  });

  it('counts linksets to external datasets by predicate and namespace', async () => {
    const g = parse((await s.app.inject({ url: '/.well-known/void.ttl' })).body);
    const linkset = g.getSubjects(NS.void('linkPredicate'), NS.owl('sameAs'), null)[0] ?? null;
    expect(one(g, linkset, NS.rdf('type'))).toBe(NS.void('Linkset'));
    expect(Number(one(g, linkset, NS.void('triples')))).toBe(1);
    const target = one(g, linkset, NS.void('objectsTarget')) ?? null;
    expect(one(g, target, NS.void('uriSpace'))).toBe('https://orcid.org/');
  });

  it('lists every protocol as a dcat:DataService and the SPARQL endpoint as sd:Service', async () => {
    const g = parse((await s.app.inject({ url: '/.well-known/void.ttl' })).body);
    const services = g.getSubjects(NS.rdf('type'), NS.dcat('DataService'), null).map((t) => t.value);
    for (const p of ['sparql', 'store', 'oai', 'ldes', 'tpf', 'graphql', 'search', 'reconcile']) {
      const iri = `http://localhost:8080/${p}`;
      expect(services).toContain(iri);
      expect(one(g, iri, NS.dcat('endpointURL'))).toBe(iri);
      expect(one(g, iri, NS.dct('conformsTo'))).toMatch(/^https?:\/\//);
    }
    // Every endpoint VoID announces answers (a discovery tool must not find a dead one).
    for (const iri of services) {
      const url = new URL(one(g, iri, NS.dcat('endpointURL')) as string);
      // Each protocol's simplest valid request.
      const probe: Record<string, string> = {
        '/oai': '/oai?verb=Identify',
        '/store': '/store?default',
        '/graphql': '/graphql?query=%7B%20id%20%7D',
        '/search': '/search?q=carberry',
      };
      const r = await s.app.inject({ url: probe[url.pathname] ?? url.pathname, headers: { accept: '*/*' } });
      expect(r.statusCode, url.pathname).toBeLessThan(400);
    }
    // Search and reconciliation, found from VoID alone, answer about the data.
    const search = one(g, 'http://localhost:8080/search', NS.dcat('endpointURL')) as string;
    const hits = (await s.app.inject({ url: `${new URL(search).pathname}?q=carberry`, headers: { accept: 'application/ld+json' } })).json();
    expect(hits['hydra:totalItems']).toBeGreaterThan(0);
    expect(hits['hydra:member'].map((m: { id: string }) => m.id)).toContain(PERSON);
    const reconcile = one(g, 'http://localhost:8080/reconcile', NS.dcat('endpointURL')) as string;
    expect(one(g, reconcile, NS.dct('conformsTo'))).toMatch(/reconciliation/);
    const manifest = (await s.app.inject({ url: new URL(reconcile).pathname })).json();
    expect(manifest.identifierSpace).toBe('http://localhost:8080/id/');
    const queries = JSON.stringify({ q0: { query: 'Josiah Carberry', type: NS.foaf('Person') } });
    const answer = (
      await s.app.inject({
        method: 'POST',
        url: new URL(reconcile).pathname,
        payload: new URLSearchParams({ queries }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
    ).json();
    expect(`${manifest.identifierSpace}${answer.q0.result[0].id}`).toBe(PERSON);
    expect(
      g.has(
        N3.DataFactory.quad(
          N3.DataFactory.namedNode('http://localhost:8080/sparql'),
          N3.DataFactory.namedNode(NS.rdf('type')),
          N3.DataFactory.namedNode(NS.sd('Service')),
        ),
      ),
    ).toBe(true);
  });

  it('adds size and sha256 of the dumps once they are built, and moves with the change log', async () => {
    await s.app.inject({ url: '/dumps/' });
    const g = parse((await s.app.inject({ url: '/.well-known/void.ttl' })).body);
    const dump = 'http://localhost:8080/dumps/libkg.nq.gz';
    expect(Number(one(g, dump, NS.dcat('byteSize')))).toBeGreaterThan(100);
    const sum = g.getObjects(dump, NS.spdx('checksum'), null)[0] ?? null;
    expect(g.getObjects(sum, NS.spdx('checksumValue'), null)[0]?.value).toMatch(/^[0-9a-f]{64}$/);
    expect(g.getObjects(DS, NS.dcat('distribution'), null).length).toBeGreaterThan(1);
    const before = Number(one(g, DS, NS.void('triples')));
    await s.store.update(`INSERT DATA { GRAPH <http://localhost:8080/graph/x> { <${PERSON}> <http://xmlns.com/foaf/0.1/nick> "J" } }`);
    const after = parse((await s.app.inject({ url: '/.well-known/void.ttl' })).body);
    expect(Number(one(after, DS, NS.void('triples')))).toBe(before + 1);
  });

  it('negotiates JSON-LD and HTML', async () => {
    const j = await s.app.inject({ url: '/.well-known/void', headers: { accept: 'application/ld+json' } });
    expect(j.headers['content-type']).toContain('application/ld+json');
    expect(JSON.stringify(j.json())).toContain('void:Dataset');
    const h = await s.app.inject({ url: '/.well-known/void', headers: { accept: 'text/html' } });
    expect(h.headers['content-type']).toContain('text/html');
    expect(h.body).toContain('Dataset description (VoID)');
    expect(h.headers['content-location']).toBe('/.well-known/void.html');
  });
});
