import Fastify from 'fastify';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitemapPlugin } from '../../src/http/sitemap/index.js';
import { NS } from '../../src/vocab.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { BASE, loadSample, PERSON, WORK } from './linked-data-sample.js';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
  await loadSample(s.store);
});
afterAll(async () => s.close());

describe('GET /sitemap.xml', () => {
  it('lists every entity document under the base IRI', async () => {
    const r = await s.app.inject({ url: '/sitemap.xml' });
    expect(r.headers['content-type']).toContain('application/xml');
    expect(r.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(r.body).toContain(`<loc>${WORK.replace('/id/', '/doc/')}</loc>`);
    expect(r.body).toContain(`<loc>${PERSON.replace('/id/', '/doc/')}</loc>`);
    expect(r.body.match(/<url>/g)).toHaveLength(5);
  });

  it('becomes a sitemap index above the per-file limit', async () => {
    const app = Fastify();
    await app.register(sitemapPlugin, { store: s.store, baseIri: BASE, maxUrls: 2 });
    const index = await app.inject({ url: '/sitemap.xml' });
    expect(index.body).toContain('<sitemapindex');
    expect(index.body.match(/<sitemap>/g)).toHaveLength(3);
    const part = await app.inject({ url: '/sitemap-3.xml' });
    expect(part.body.match(/<url>/g)).toHaveLength(1);
    expect((await app.inject({ url: '/sitemap-4.xml' })).statusCode).toBe(404);
    await app.close();
  });
});

describe('GET /ontology and /shapes', () => {
  it('serves the ontology as Turtle and JSON-LD at its namespace document', async () => {
    const ttl = await s.app.inject({ url: '/ontology', headers: { accept: 'text/turtle' } });
    expect(ttl.statusCode).toBe(200);
    const quads = new N3.Parser({ format: 'Turtle' }).parse(ttl.body);
    expect(quads.some((q) => q.subject.value === NS.libkg('PatentDocument') && q.object.value === NS.owl('Class'))).toBe(true);
    const json = await s.app.inject({ url: '/ontology.jsonld' });
    expect(json.headers['content-type']).toContain('application/ld+json');
    expect(json.body).toContain('libkg:PatentDocument');
  });

  it('documents classes and properties in HTML with their labels', async () => {
    const r = await s.app.inject({ url: '/ontology', headers: { accept: 'text/html' } });
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('patent document');
    expect(r.body).toContain(`id="${encodeURIComponent(NS.libkg('PatentDocument'))}"`);
  });

  it('serves the SHACL shapes', async () => {
    const r = await s.app.inject({ url: '/shapes.ttl' });
    const quads = new N3.Parser({ format: 'Turtle' }).parse(r.body);
    expect(quads.some((q) => q.object.value === NS.sh('NodeShape'))).toBe(true);
  });
});

describe('GET /lookup', () => {
  it('redirects an entity IRI to its document', async () => {
    const r = await s.app.inject({ url: `/lookup?uri=${encodeURIComponent(PERSON)}` });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(new URL(PERSON).pathname.replace('/id/', '/doc/'));
    expect((await s.app.inject({ url: '/lookup?uri=https%3A%2F%2Fexample.org%2Fx' })).statusCode).toBe(404);
  });
});

describe('with publicReads off', () => {
  it('asks for a token on every publishing surface, but not on CORS preflights', async () => {
    const closed = await startTestServer({ config: { publicReads: false } });
    try {
      await loadSample(closed.store);
      const docPath = new URL(PERSON).pathname.replace('/id/', '/doc/');
      for (const url of [docPath, '/.well-known/void', '/api/people', '/sitemap.xml']) {
        expect((await closed.app.inject({ url })).statusCode, url).toBe(401);
      }
      expect((await closed.app.inject({ url: `${docPath}.ttl`, headers: closed.auth })).statusCode).toBe(200);
      const preflight = await closed.app.inject({
        method: 'OPTIONS',
        url: docPath,
        headers: { origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    } finally {
      await closed.close();
    }
  });
});
