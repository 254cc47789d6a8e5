/**
 * owl:sameAs clusters in search and reconciliation (issue 13): a cluster shows once, its best hit
 * listing the other members; reconciliation names a cluster by its canonical IRI.
 */
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const { namedNode, literal, quad } = N3.DataFactory;
let s: TestServer;
let base: string;
const id = (path: string) => `${base}id/${path}`;
const t = (a: string, p: string, o: string | N3.Literal) => quad(namedNode(a), namedNode(p), typeof o === 'string' ? namedNode(o) : o);
const LINKS = () => `${base}graph/links/persons`;

beforeAll(async () => {
  s = await startTestServer();
  base = s.config.baseIri;
  const person = (iri: string, name: string) => [t(iri, NS.rdf('type'), NS.foaf('Person')), t(iri, NS.foaf('name'), literal(name))];
  await s.store.putGraphs([
    { graph: `${base}graph/authority/de-101-1`, quads: person(id('person/gnd-1'), 'Zelter, Carl Friedrich') },
    {
      graph: `${base}graph/catalog/x-1`,
      quads: [...person(id('person/name-zelter-carl-friedrich'), 'Zelter, Carl Friedrich'), ...person(id('person/name-zelter-karl'), 'Zelter, Karl')],
    },
    // Both ways, so whichever hit is kept names the other itself.
    {
      graph: LINKS(),
      quads: [
        t(id('person/name-zelter-carl-friedrich'), NS.owl('sameAs'), id('person/gnd-1')),
        t(id('person/gnd-1'), NS.owl('sameAs'), id('person/name-zelter-carl-friedrich')),
      ],
    },
  ]);
}, 60_000);
afterAll(async () => s?.close());

type Member = { id: string; sameAs?: { id: string; label?: string }[] };
const search = async (q: string) => {
  const r = await s.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(q)}`, headers: { accept: 'application/ld+json' } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { 'hydra:totalItems': number; 'hydra:member': Member[] };
};
const reconcile = async (query: string) => {
  const r = await s.app.inject({ method: 'GET', url: `/reconcile?queries=${encodeURIComponent(JSON.stringify({ q0: { query } }))}` });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { q0: { result: { id: string; name: string; match: boolean; score: number }[] } }).q0.result;
};

describe('clusters in search', () => {
  it('shows a cluster once, with the other members as owl:sameAs', async () => {
    const found = await search('Zelter');
    const ids = found['hydra:member'].map((m) => m.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(id('person/name-zelter-karl'));
    expect(ids.filter((i) => i === id('person/gnd-1') || i === id('person/name-zelter-carl-friedrich'))).toHaveLength(1);
    expect(found['hydra:totalItems']).toBe(2);
    const clustered = found['hydra:member'].find((m) => m.id === id('person/gnd-1') || m.id === id('person/name-zelter-carl-friedrich'));
    const other = clustered?.id === id('person/gnd-1') ? id('person/name-zelter-carl-friedrich') : id('person/gnd-1');
    expect(clustered?.sameAs).toContainEqual({ id: other, label: 'Zelter, Carl Friedrich' });
    // A member the hit also names owl:sameAs itself (the link graph is indexed too) is listed once.
    expect(clustered?.sameAs?.filter((x) => x.id === other)).toHaveLength(1);
  });

  it('the HTML page lists the other members under the hit', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/search?q=Zelter', headers: { accept: 'text/html' } });
    expect(r.body.match(/<li><div class="hit-title">/g)).toHaveLength(2);
    expect(r.body).toMatch(/<div class="meta also">Also: <a href="[^"]+">Zelter, Carl Friedrich<\/a><\/div>/);
  });
});

describe('clusters in reconciliation', () => {
  it('returns the canonical IRI of a cluster once, and claims the match', async () => {
    const result = await reconcile('Zelter, Carl Friedrich');
    expect(result[0]).toMatchObject({ id: 'person/gnd-1', name: 'Zelter, Carl Friedrich', match: true });
    expect(result.map((r) => r.id)).not.toContain('person/name-zelter-carl-friedrich');
  });

  it('without the link, the two persons are two candidates and neither is a match', async () => {
    await s.store.deleteGraphs([LINKS()]);
    const result = await reconcile('Zelter, Carl Friedrich');
    expect(
      result
        .map((r) => r.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['person/gnd-1', 'person/name-zelter-carl-friedrich']);
    expect(result.some((r) => r.match)).toBe(false);
    expect((await search('Zelter'))['hydra:totalItems']).toBe(3);
  });
});
