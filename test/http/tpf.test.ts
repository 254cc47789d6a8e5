import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/vocab.js';
import { generatedPuts, samplePuts } from '../fixtures/oai/sample-records.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let base: string;
const HOST = 'libkg.test';
const entry = `http://${HOST}/tpf`;

async function fragment(query: string, accept = 'application/trig') {
  const res = await server.app.inject({ method: 'GET', url: `/tpf${query}`, headers: { accept, host: HOST } });
  return res;
}

async function parsed(query: string) {
  const res = await fragment(query);
  expect(res.statusCode).toBe(200);
  const store = new N3.Store(new N3.Parser({ format: 'application/trig' }).parse(res.body));
  const url = `${entry}${query}`;
  const meta = N3.DataFactory.namedNode(`${url}#metadata`);
  const data = store.getQuads(null, null, null, N3.DataFactory.defaultGraph());
  const control = (p: string) => store.getObjects(url, p, meta).map((t) => t.value);
  return { store, data, control, meta };
}

beforeAll(async () => {
  server = await startTestServer();
  base = server.config.baseIri;
  await server.store.putGraphs([...samplePuts(base), ...generatedPuts(base, 120)]);
});
afterAll(() => server.close());

describe('Triple Pattern Fragments', () => {
  it('pages a fragment by 100 with counts and first/next/previous links', async () => {
    const q = `?predicate=${encodeURIComponent(NS.dct('identifier'))}`;
    const first = await parsed(q);
    // 120 generated + ocm001 (twice: record node and work, one triple each) + ocm002.
    const total = Number(first.control(NS.hydra('totalItems'))[0]);
    expect(total).toBe(123);
    expect(first.control(NS.void('triples'))).toEqual(['123']);
    expect(first.data).toHaveLength(100);
    expect(first.control(NS.hydra('next'))).toEqual([`${entry}${q}&page=2`]);
    expect(first.control(NS.hydra('previous'))).toEqual([]);
    const second = await parsed(`${q}&page=2`);
    expect(second.data).toHaveLength(23);
    expect(second.control(NS.hydra('next'))).toEqual([]);
    expect(second.control(NS.hydra('previous'))).toEqual([`${entry}${q}`]);
    expect(second.control(NS.hydra('first'))).toEqual([`${entry}${q}`]);
    const keys = new Set([...first.data, ...second.data].map((d) => `${d.subject.value} ${d.object.value}`));
    expect(keys.size).toBe(123);
  });

  it('declares the hydra:search IRI template with subject/predicate/object mappings', async () => {
    const { store, meta } = await parsed('');
    const [search] = store.getObjects(`${entry}#dataset`, NS.hydra('search'), meta);
    expect(store.getObjects(search as N3.Term, NS.hydra('template'), meta).map((t) => t.value)).toEqual([`${entry}{?subject,predicate,object}`]);
    const mappings = store.getObjects(search as N3.Term, NS.hydra('mapping'), meta);
    const props = mappings.map((m) => [store.getObjects(m, NS.hydra('variable'), meta)[0]?.value, store.getObjects(m, NS.hydra('property'), meta)[0]?.value]);
    expect(props.sort()).toEqual([
      ['object', NS.rdf('object')],
      ['predicate', NS.rdf('predicate')],
      ['subject', NS.rdf('subject')],
    ]);
  });

  it('ignores graph names and removes duplicate triples', async () => {
    // The same person triple sits in two catalog record graphs.
    const q = `?subject=${encodeURIComponent(`${base}id/person/name-lovelace-ada`)}&predicate=${encodeURIComponent(NS.foaf('name'))}`;
    const { data, control } = await parsed(q);
    expect(data.map((d) => d.object.value)).toEqual(['Lovelace, Ada']);
    expect(control(NS.hydra('totalItems'))).toEqual(['1']);
  });

  it('matches literal objects with language tags and datatypes', async () => {
    const lang = await parsed(`?object=${encodeURIComponent('"Wirtschaft"@de')}`);
    expect(lang.data.map((d) => d.subject.value)).toEqual(['http://zbw.eu/stw/descriptor/1']);
    const typed = await parsed(`?object=${encodeURIComponent(`"1843"^^${NS.xsd('gYear')}`)}`);
    expect(typed.data.map((d) => d.subject.value)).toEqual([`${base}id/work/ocolc-ocm001`]);
    const plain = await parsed(`?object=${encodeURIComponent('"ocm002"')}`);
    expect(plain.data).toHaveLength(1);
    const none = await parsed(`?object=${encodeURIComponent('"no such value"')}`);
    expect(none.data).toHaveLength(0);
    expect(none.control(NS.hydra('totalItems'))).toEqual(['0']);
  });

  it('negotiates Turtle, N-Triples and JSON-LD, and rejects bad parameters', async () => {
    const q = `?subject=${encodeURIComponent(`${base}id/person/gnd-118540238`)}`;
    const ttl = await fragment(q, 'text/turtle');
    expect(ttl.headers['content-type']).toMatch(/^text\/turtle/);
    const triples = new N3.Parser({ format: 'text/turtle' }).parse(ttl.body);
    expect(triples.some((t) => t.predicate.value === NS.hydra('totalItems'))).toBe(true);
    expect(triples.some((t) => t.object.value === 'Goethe, Johann Wolfgang von')).toBe(true);
    expect((await fragment(q, 'application/n-triples')).headers['content-type']).toMatch(/^application\/n-triples/);
    const jsonld = await fragment(q, 'application/ld+json');
    expect(jsonld.statusCode).toBe(200);
    expect(JSON.parse(jsonld.body)).toHaveProperty('@context');
    expect((await fragment('?subject=not%20an%20iri')).statusCode).toBe(400);
    expect((await fragment('?subject=%22lit%22')).statusCode).toBe(400);
    expect((await fragment('?page=0')).statusCode).toBe(400);
    expect((await fragment('', 'text/html')).statusCode).toBe(406);
  });
});

describe('harvesting interfaces and read access', () => {
  it('open /tpf, /ldes and /oai to other origins', async () => {
    for (const url of ['/tpf', '/ldes', '/oai?verb=Identify']) {
      const res = await server.app.inject({ method: 'GET', url, headers: { origin: 'https://elsewhere.example' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('need a token for /tpf, /ldes and /oai when reads are private', async () => {
    const closed = await startTestServer({ config: { publicReads: false } });
    try {
      for (const url of ['/tpf', '/ldes', '/ldes/page/0', '/oai?verb=Identify']) {
        expect((await closed.app.inject({ method: 'GET', url })).statusCode).toBe(401);
        expect((await closed.app.inject({ method: 'GET', url, headers: closed.auth })).statusCode).toBe(200);
      }
    } finally {
      await closed.close();
    }
  });
});
