import jsonld from 'jsonld';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { BASE, CONCEPT, loadSample, PERSON, WORK } from './linked-data-sample.js';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
  await loadSample(s.store);
  // Thirty more works by the same person, to page through.
  const ttl = Array.from(
    { length: 30 },
    (_, i) =>
      `<${BASE}id/work/local-p${String(i).padStart(2, '0')}> a <http://purl.org/ontology/bibo/Book> , <http://purl.org/ontology/bibo/Document> ; <http://purl.org/dc/terms/title> "Volume ${i}" ; <http://purl.org/dc/terms/creator> <${PERSON}> .`,
  );
  await s.store.putGraphs([{ graph: `${BASE}graph/catalog/volumes`, quads: new N3.Parser().parse(ttl.join('\n')) }]);
});
afterAll(async () => s.close());

describe('GET /api/{collection}', () => {
  it('pages a Hydra collection with totalItems and first/next/previous/last', async () => {
    const first = (await s.app.inject({ url: '/api/works?limit=10' })).json();
    // 30 volumes + the sample work + the <script> record + the patent is not a bibo:Document.
    expect(first.type).toBe('hydra:Collection');
    expect(first['hydra:totalItems']).toBe(32);
    expect(first['hydra:member']).toHaveLength(10);
    const view = first['hydra:view'];
    expect(view['hydra:first'].id).toBe(`${BASE}api/works?limit=10`);
    expect(view['hydra:next'].id).toBe(`${BASE}api/works?limit=10&page=2`);
    expect(view['hydra:last'].id).toBe(`${BASE}api/works?limit=10&page=4`);
    expect(view['hydra:previous']).toBeUndefined();
    expect(first['hydra:search']['hydra:template']).toMatch(/^http:\/\/localhost:8080\/api\/works\{\?type,creator,/);
    const last = (await s.app.inject({ url: '/api/works?limit=10&page=4' })).json();
    expect(last['hydra:member']).toHaveLength(2);
    expect(last['hydra:view']['hydra:previous'].id).toBe(`${BASE}api/works?limit=10&page=3`);
    expect(last['hydra:view']['hydra:next']).toBeUndefined();
    const ids = new Set([...first['hydra:member'], ...last['hydra:member']].map((m: { id: string }) => m.id));
    expect(ids.size).toBe(12);
  });

  it('filters by type and by creator / subject, with authors and concepts embedded with labels', async () => {
    const books = (await s.app.inject({ url: '/api/works?type=bibo:Book&limit=100' })).json();
    expect(books['hydra:totalItems']).toBe(31);
    const bySubject = (await s.app.inject({ url: `/api/works?subject=${encodeURIComponent(CONCEPT)}` })).json();
    expect(bySubject['hydra:totalItems']).toBe(1);
    const work = bySubject['hydra:member'][0];
    expect(work.id).toBe(WORK);
    expect(work.creator.label).toContain('Josiah Carberry');
    expect(work.subject).toEqual({ id: CONCEPT, label: { '@value': 'Knowledge graphs', '@language': 'en' } });
    const byCreator = (await s.app.inject({ url: `/api/works?creator=${encodeURIComponent(PERSON)}&limit=5` })).json();
    expect(byCreator['hydra:totalItems']).toBe(32);
    expect(byCreator['hydra:view']['hydra:next'].id).toContain('creator=');
  });

  it('rejects bad parameters and unknown collections', async () => {
    expect((await s.app.inject({ url: '/api/works?page=0' })).statusCode).toBe(400);
    expect((await s.app.inject({ url: '/api/works?creator=%3Cx%3E%20%7D' })).statusCode).toBe(400);
    expect((await s.app.inject({ url: '/api/nothing' })).statusCode).toBe(404);
  });

  it('answers JSON-LD 1.1 that jsonld expands without loss', async () => {
    const body = (await s.app.inject({ url: `/api/works?subject=${encodeURIComponent(CONCEPT)}` })).json();
    const expanded = await jsonld.expand(body);
    expect(expanded.length).toBeGreaterThan(0);
    const nq = (await jsonld.toRDF(body, { format: 'application/n-quads' })) as unknown as string;
    const quads = new N3.Parser({ format: 'N-Quads' }).parse(nq);
    const has = (p: string, o: string) => quads.some((q) => q.subject.value === WORK && q.predicate.value === p && q.object.value === o);
    expect(has('http://purl.org/dc/terms/creator', PERSON)).toBe(true);
    expect(has('http://purl.org/dc/terms/title', 'Knowledge graphs for libraries')).toBe(true);
    expect(quads.some((q) => q.subject.value === CONCEPT && q.object.value === 'Knowledge graphs')).toBe(true);
    expect(quads.some((q) => q.predicate.value === 'http://www.w3.org/ns/hydra/core#totalItems' && q.object.value === '1')).toBe(true);
    // Every triple of the member's own description comes back.
    const own = await s.store.match(N3.DataFactory.namedNode(WORK));
    const plain = own.filter((q) => q.object.termType !== 'BlankNode');
    for (const q of plain) expect(has(q.predicate.value, q.object.value), q.predicate.value).toBe(true);
  });

  it('publishes the context and an entry point', async () => {
    const ctx = await s.app.inject({ url: '/context.jsonld' });
    expect(ctx.headers['content-type']).toContain('application/ld+json');
    expect(ctx.json()['@context'].title).toBe('http://purl.org/dc/terms/title');
    const root = (await s.app.inject({ url: '/api/' })).json();
    expect(root['hydra:collection'].map((c: { id: string }) => c.id)).toContain(`${BASE}api/people`);
  });
});
