/**
 * The link graphs (`{base}graph/links/{spec}`) are published like the records (issue 13): VoID lists a
 * void:Linkset per spec with its triple count, the full dump holds them, OAI-PMH serves each as a
 * record in set type:links, and the LDES carries their versions.
 */
import { gunzipSync } from 'node:zlib';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkGraphIri, linkGraphQuads } from '../../src/links/results.js';
import { NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const { namedNode, literal, quad } = N3.DataFactory;
let s: TestServer;
let base: string;
let graph: string;
const id = (path: string) => `${base}id/${path}`;

beforeAll(async () => {
  s = await startTestServer();
  base = s.config.baseIri;
  const name = (iri: string, n: string) => quad(namedNode(iri), namedNode(NS.foaf('name')), literal(n));
  await s.store.putGraphs([
    { graph: `${base}graph/catalog/a`, quads: [name(id('person/name-a'), 'A'), name(id('person/name-b'), 'B'), name(id('person/name-c'), 'C')] },
    { graph: `${base}graph/authority/x`, quads: [name(id('person/gnd-1'), 'A'), name(id('person/gnd-2'), 'B')] },
  ]);
  const pair = (source: string, target: string, status: 'accepted' | 'review') => ({
    source: id(source),
    target: id(target),
    score: 0.9,
    evidence: { name: 0.9 },
    status,
  });
  const run = { specId: 'persons', specVersion: 2, predicate: NS.owl('sameAs'), startedAt: new Date(), endedAt: new Date() };
  const result = {
    pairs: [
      pair('person/name-a', 'person/gnd-1', 'accepted'),
      pair('person/name-b', 'person/gnd-2', 'accepted'),
      pair('person/name-c', 'person/gnd-2', 'review'),
    ],
    stats: { candidates: 3, compared: 3, reductionRatio: 0, seconds: 0 },
  };
  graph = linkGraphIri(base, 'persons');
  await s.store.putGraphs([{ graph, quads: linkGraphQuads(base, run, result) }]);
}, 60_000);
afterAll(async () => s?.close());

describe('link graphs, published', () => {
  it('VoID lists a void:Linkset per spec: predicate, asserted triples, subjects and objects targets', async () => {
    const r = await s.app.inject({ url: '/.well-known/void', headers: { accept: 'text/turtle' } });
    expect(r.statusCode).toBe(200);
    const g = new N3.Store(new N3.Parser({ format: 'Turtle' }).parse(r.body));
    const ds = `${base}.well-known/void#dataset`;
    const sets = g
      .getSubjects(NS.dct('identifier'), literal('persons'), null)
      .filter((x) => g.has(quad(x as N3.NamedNode, namedNode(NS.rdf('type')), namedNode(NS.void('Linkset')))));
    expect(sets).toHaveLength(1);
    const ls = sets[0] as N3.NamedNode;
    const one = (p: string) => g.getObjects(ls, p, null).map((o) => o.value);
    expect(g.has(quad(namedNode(ds), namedNode(NS.void('subset')), ls))).toBe(true);
    expect(one(NS.void('linkPredicate'))).toEqual([NS.owl('sameAs')]);
    // Two accepted links are asserted; the one waiting for review is not a link triple.
    expect(one(NS.void('triples'))).toEqual(['2']);
    expect(one(NS.void('subjectsTarget'))).toEqual([ds]);
    expect(one(NS.void('objectsTarget'))).toEqual([ds]);
    expect(one(NS.dct('source'))).toEqual([graph]);
  });

  it('the full dump holds the link graph', async () => {
    const r = await s.app.inject({ url: '/dumps/libkg.nq.gz' });
    expect(r.statusCode).toBe(200);
    const quads = new N3.Parser({ format: 'N-Quads' }).parse(gunzipSync(r.rawPayload).toString('utf8'));
    const links = quads.filter((q) => q.graph.value === graph);
    expect(links.length).toBe(s.store.graphInfo(graph)?.quads);
    expect(links.filter((q) => q.predicate.value === NS.owl('sameAs'))).toHaveLength(2);
  });

  it('OAI-PMH serves the link graph as a record of set type:links', async () => {
    const sets = await s.app.inject({ url: '/oai?verb=ListSets' });
    expect(sets.body).toContain('<setSpec>type:links</setSpec>');
    const list = await s.app.inject({ url: '/oai?verb=ListIdentifiers&metadataPrefix=rdf&set=type:links' });
    expect(list.body).toContain(`<identifier>${graph}</identifier>`);
    expect(list.body.match(/<identifier>/g)).toHaveLength(1);
    const rec = await s.app.inject({ url: `/oai?verb=GetRecord&metadataPrefix=rdf&identifier=${encodeURIComponent(graph)}` });
    expect(rec.body).toContain(`rdf:about="${id('person/name-a')}"`);
    expect(rec.body).toContain(`sameAs xmlns="${NS.owl('')}" rdf:resource="${id('person/gnd-1')}"`);
  });

  it('the LDES carries the link graph as a member', async () => {
    const r = await s.app.inject({ url: '/ldes/page/0', headers: { accept: 'application/trig' } });
    expect(r.statusCode).toBe(200);
    const quads = new N3.Parser({ format: 'application/trig' }).parse(r.body);
    expect(quads.some((q) => q.predicate.value === NS.dct('isVersionOf') && q.object.value === graph)).toBe(true);
    expect(quads.some((q) => q.predicate.value === NS.owl('sameAs') && q.subject.value === id('person/name-b'))).toBe(true);
  });
});
