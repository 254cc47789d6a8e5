import jsonld from 'jsonld';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { CONCEPT, EVIL, GONE, loadSample, PATENT, PERSON, WORK } from './linked-data-sample.js';

let s: TestServer;
const path = (iri: string) => new URL(iri).pathname;
const doc = (iri: string) => path(iri).replace('/id/', '/doc/');

beforeAll(async () => {
  s = await startTestServer();
  await loadSample(s.store);
});
afterAll(async () => s.close());

describe('GET /id/... (thing IRIs)', () => {
  it('answers 303 See Other to the document', async () => {
    const r = await s.app.inject({ url: path(WORK), headers: { accept: 'text/turtle' } });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(doc(WORK));
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers 404 for an unknown IRI and 410 for a deleted record', async () => {
    expect((await s.app.inject({ url: '/id/work/nothing-here' })).statusCode).toBe(404);
    const gone = await s.app.inject({ url: path(GONE) });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('GONE');
    expect((await s.app.inject({ url: doc(GONE) })).statusCode).toBe(410);
  });

  it('never lets a path break out of the IRI in a query', async () => {
    const r = await s.app.inject({ url: '/id/work/x%3E%20%7D%20<x>' });
    expect(r.statusCode).toBe(404);
  });
});

describe('GET /doc/... (documents)', () => {
  it('negotiates Turtle with Vary, Link alternates, Content-Location and validators', async () => {
    const r = await s.app.inject({ url: doc(WORK), headers: { accept: 'text/turtle;q=0.9, application/rdf+xml;q=0.5' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/turtle/);
    expect(r.headers.vary).toContain('Accept');
    expect(r.headers['content-location']).toBe(`${doc(WORK)}.ttl`);
    for (const ext of ['ttl', 'jsonld', 'nt', 'rdf', 'html']) expect(r.headers.link).toContain(`<${doc(WORK)}.${ext}>; rel="alternate"`);
    expect(r.headers.etag).toMatch(/^W\/".+-ttl"$/);
    expect(new Date(String(r.headers['last-modified'])).getTime()).toBeGreaterThan(0);
    const quads = new N3.Parser({ format: 'Turtle' }).parse(r.body);
    const has = (s: string, p: string, o: string) => quads.some((q) => q.subject.value === s && q.predicate.value.endsWith(p) && q.object.value === o);
    expect(has(WORK, '/creator', PERSON)).toBe(true);
    // Labels of linked IRIs, whatever property held them, come as rdfs:label.
    expect(has(PERSON, '#label', 'Josiah Carberry')).toBe(true);
    expect(has(CONCEPT, '#label', 'Knowledge graphs')).toBe(true);
    // Incoming links, with their subjects labelled.
    expect(has(PATENT, '/cites', WORK)).toBe(true);
    expect(has(PATENT, '#label', 'Method for graphs')).toBe(true);
    // The blank contribution node is part of the concise bounded description.
    expect(quads.some((q) => q.subject.termType === 'BlankNode' && q.predicate.value.endsWith('/agent') && q.object.value === PERSON)).toBe(true);
  });

  it.each([
    ['ttl', 'text/turtle'],
    ['jsonld', 'application/ld+json'],
    ['nt', 'application/n-triples'],
    ['rdf', 'application/rdf+xml'],
    ['html', 'text/html'],
  ])('serves .%s as %s', async (ext, type) => {
    const r = await s.app.inject({ url: `${doc(PERSON)}.${ext}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain(type);
    expect(r.headers['content-location']).toBeUndefined();
  });

  it('negotiates each format by Accept', async () => {
    for (const [accept, type] of [
      ['application/ld+json', 'application/ld+json'],
      ['application/n-triples', 'application/n-triples'],
      ['application/rdf+xml', 'application/rdf+xml'],
      ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html'],
      ['*/*', 'text/turtle'],
    ] as const) {
      const r = await s.app.inject({ url: doc(PERSON), headers: { accept } });
      expect(r.headers['content-type'], accept).toContain(type);
    }
    expect((await s.app.inject({ url: doc(PERSON), headers: { accept: 'image/png' } })).statusCode).toBe(406);
  });

  it('answers conditional GETs with 304 and moves the ETag when the record changes', async () => {
    const first = await s.app.inject({ url: `${doc(PERSON)}.ttl` });
    const etag = String(first.headers.etag);
    const lm = String(first.headers['last-modified']);
    expect((await s.app.inject({ url: `${doc(PERSON)}.ttl`, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await s.app.inject({ url: `${doc(PERSON)}.ttl`, headers: { 'if-none-match': `"other", ${etag.replace('W/', '')}` } })).statusCode).toBe(304);
    expect((await s.app.inject({ url: `${doc(PERSON)}.ttl`, headers: { 'if-modified-since': lm } })).statusCode).toBe(304);
    expect((await s.app.inject({ url: `${doc(PERSON)}.ttl`, headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
    await s.store.update(`INSERT DATA { GRAPH <http://localhost:8080/graph/orcid/0000-0002-1825-0097> { <${PERSON}> <http://xmlns.com/foaf/0.1/nick> "JC" } }`);
    const after = await s.app.inject({ url: `${doc(PERSON)}.ttl`, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('"JC"');
    expect(after.headers.etag).not.toBe(etag);
  });

  it('keeps the ETag across writes elsewhere, while the body shows a new incoming link', async () => {
    const first = await s.app.inject({ url: `${doc(CONCEPT)}.ttl` });
    const etag = String(first.headers.etag);
    expect(first.body).not.toContain('local-new');
    await s.store.putGraphs([
      {
        graph: 'http://localhost:8080/graph/catalog/local-new',
        quads: new N3.Parser().parse(`<http://localhost:8080/id/work/local-new> <http://purl.org/dc/terms/subject> <${CONCEPT}> .`),
      },
    ]);
    expect((await s.app.inject({ url: `${doc(CONCEPT)}.ttl`, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const fresh = await s.app.inject({ url: `${doc(CONCEPT)}.ttl` });
    expect(fresh.headers.etag).toBe(etag);
    expect(fresh.body).toContain('local-new');
  });

  it('keeps a DOI ending in a format extension reachable', async () => {
    const odd = 'http://localhost:8080/id/doi/10.1000/odd.html';
    await s.store.putGraphs([
      { graph: 'http://localhost:8080/graph/catalog/odd', quads: new N3.Parser().parse(`<${odd}> <http://purl.org/dc/terms/title> "Odd" .`) },
    ]);
    const r = await s.app.inject({ url: doc(odd), headers: { accept: 'text/turtle' } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('"Odd"');
  });

  it('serves JSON-LD that expands without loss', async () => {
    const nt = await s.app.inject({ url: `${doc(WORK)}.nt` });
    const r = await s.app.inject({ url: `${doc(WORK)}.jsonld` });
    const body = r.json();
    expect(body.id).toBe(WORK);
    expect(body.creator.id).toBe(PERSON);
    expect(body.creator.label).toContain('Josiah Carberry');
    expect(body['@reverse'].cites.id).toBe(PATENT);
    const back = (await jsonld.toRDF(body, { format: 'application/n-quads' })) as unknown as string;
    const norm = (text: string) =>
      new N3.Parser({ format: 'N-Quads' })
        .parse(text)
        .filter((q) => q.subject.termType !== 'BlankNode' && q.object.termType !== 'BlankNode')
        .map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`)
        .sort();
    expect(norm(back)).toEqual(norm(nt.body));
    expect(new N3.Parser({ format: 'N-Quads' }).parse(back).length).toBe(new N3.Parser({ format: 'N-Triples' }).parse(nt.body).length);
  });
});

describe('HTML entity pages', () => {
  it('shows a <script> title as text, also inside the embedded JSON-LD', async () => {
    const r = await s.app.inject({ url: `${doc(EVIL)}.html` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.body).not.toContain('<script>window');
    expect(r.body).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    const blocks = r.body.split('<script type="application/ld+json">');
    expect(blocks).toHaveLength(2);
    const block = (blocks[1] as string).split('</script>')[0] as string;
    expect(block).not.toMatch(/<\/|<!--/);
    expect(JSON.parse(block).name).toBe('<script>window.__pwned = 1</script></script><!-- x');
    expect(r.body).not.toContain('href="javascript:');
  });

  it('lists properties with labels, identifiers as outbound links and schema.org JSON-LD', async () => {
    const r = await s.app.inject({ url: `${doc(PERSON)}.html` });
    expect(r.body).toContain('<h1>Josiah Carberry</h1>');
    expect(r.body).toContain('href="https://orcid.org/0000-0002-1825-0097"');
    expect(r.body).toContain(`href="${doc(WORK)}"`);
    const ld = JSON.parse((r.body.split('<script type="application/ld+json">')[1] as string).split('</script>')[0] as string);
    expect(ld['@type']).toContain('Person');
    expect(ld.sameAs).toBe('https://orcid.org/0000-0002-1825-0097');
  });
});
