import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectEntities } from '../../src/links/select.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const BASE = 'http://example.org/';
const TTL = (graph: string, body: string) => `GRAPH <${BASE}graph/${graph}> { ${body} }`;

describe('link selection (src/links/select.ts)', () => {
  let server: TestServer;
  const opts = { paths: { name: 'foaf:name' }, baseIri: BASE, origin: 'test.yaml' };

  beforeAll(async () => {
    server = await startTestServer();
    await server.store.update(`PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX dct: <http://purl.org/dc/terms/>
      INSERT DATA {
        ${TTL('a/1', `<${BASE}id/p1> a foaf:Person ; foaf:name "Ada", "A. Lovelace" ; dct:identifier "r1" .`)}
        ${TTL('b/1', `<${BASE}id/p2> a foaf:Person ; foaf:name "Bob" .`)}
        ${TTL('b/2', `<${BASE}id/p3> a foaf:Person .`)}
      }`);
  });
  afterAll(() => server.close());

  it('selects a class with every value of each entity, and entities without values', async () => {
    const got = await selectEntities(server.store, { class: 'foaf:Person' }, { ...opts, withIds: true });
    const byIri = Object.fromEntries(got.map((e) => [e.iri, e]));
    expect(Object.keys(byIri).sort()).toEqual([`${BASE}id/p1`, `${BASE}id/p2`, `${BASE}id/p3`]);
    expect(byIri[`${BASE}id/p1`]?.values.name?.sort()).toEqual(['A. Lovelace', 'Ada']);
    expect(byIri[`${BASE}id/p1`]?.id).toBe('r1');
    expect(byIri[`${BASE}id/p3`]?.values).toEqual({});
  });

  it('keeps only entities selected in graphs under the prefix ({base} resolved)', async () => {
    const got = await selectEntities(server.store, { class: 'foaf:Person', graph: '{base}graph/b/' }, opts);
    expect(got.map((e) => e.iri).sort()).toEqual([`${BASE}id/p2`, `${BASE}id/p3`]);
  });

  it('takes a SPARQL pattern binding ?e and property paths', async () => {
    const got = await selectEntities(server.store, { sparql: '?e foaf:name ?n FILTER(STRSTARTS(?n, "B"))' }, { ...opts, paths: { t: 'a|foaf:name' } });
    expect(got.map((e) => [e.iri, e.values.t?.sort()])).toEqual([[`${BASE}id/p2`, ['Bob', 'http://xmlns.com/foaf/0.1/Person']]]);
  });

  it.each([
    ['a pattern that closes the group', { sparql: '?e a foaf:Person } LIMIT 1 #' }, 'sparql'],
    ['a pattern that appends a query', { sparql: '?e a foaf:Person } SELECT * WHERE { ?s ?p ?o' }, 'sparql'],
    ['a pattern without ?e', { sparql: '?x a foaf:Person' }, 'must bind ?e'],
    ['an update', { sparql: '} ; DROP ALL ; SELECT * {' }, 'sparql'],
    ['a class that is not an IRI', { class: 'foaf:Per son' }, 'class'],
    ['an unknown prefix', { class: 'nope:Thing' }, 'unknown prefix'],
    ['a graph prefix with a quote', { class: 'foaf:Person', graph: '{base}x") || true || ("' }, 'graph'],
  ])('refuses %s, naming the file and the key', async (_, sel, key) => {
    const err = await selectEntities(server.store, sel, opts).catch((e) => e);
    expect(err.code).toBe('LINK_SPEC_INVALID');
    expect(err.message).toContain('test.yaml');
    expect(err.message).toContain(key);
  });

  it.each(['foaf:name ?x . ?y', 'foaf:name ?v } #', '?p'])('refuses the property path %j', async (path) => {
    const err = await selectEntities(server.store, { class: 'foaf:Person' }, { ...opts, paths: { name: path } }).catch((e) => e);
    expect(err.code).toBe('LINK_SPEC_INVALID');
    expect(err.message).toContain('values.name.path');
  });
});
