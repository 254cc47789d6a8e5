import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { installErrorHandler } from '../../src/http/kit/problem.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { EVIL, GONE, loadSample, WORK } from './linked-data-sample.js';

/** What Chromium sends for a page. */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let server: TestServer;
const get = (url: string, accept?: string) => server.app.inject({ method: 'GET', url, headers: accept === undefined ? {} : { accept } });
const hrefs = (body: string) => [...body.matchAll(/href="([^"]*)"/g)].map((m) => (m[1] as string).replace(/&amp;/g, '&'));

beforeAll(async () => {
  server = await startTestServer({ config: { oaiAdminEmail: 'kg-team@library.example' } });
  await loadSample(server.store);
}, 30_000);
afterAll(() => server?.close());

describe('the start page', () => {
  it('tells a browser what the store holds and links to every way in', async () => {
    // The type counts are computed in the background; a page asked for meanwhile says so (a busy machine may take a few seconds).
    let r = await get('/', BROWSER);
    for (let i = 0; i < 100 && r.body.includes('still being computed'); i++) {
      await new Promise((done) => setTimeout(done, 200));
      r = await get('/', BROWSER);
    }
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    const stats = server.store.stats();
    expect(r.body).toContain(`<td class="n">${stats.quads.toLocaleString('en')}</td>`);
    expect(r.body).toContain(`<td class="n">${stats.graphs.toLocaleString('en')}</td>`);
    // Entities per type: three bibo:Document records are live (the fourth was deleted), one person, one patent.
    expect(r.body).toMatch(/<small>bibo:Document<\/small><\/th><td class="n">2<\/td>/);
    expect(r.body).toMatch(/<small>foaf:Person<\/small><\/th><td class="n">1<\/td>/);
    expect(r.body).toMatch(/<form class="search" method="get" action="\/search"[^>]*>\s*<input type="search" name="q"/);
    const links = hrefs(r.body);
    for (const path of [
      '/search',
      '/sparql',
      '/graphql',
      '/.well-known/void',
      '/oai?verb=Identify',
      '/ldes',
      '/dumps/',
      '/tpf',
      '/sitemap.xml',
      '/ontology',
      '/shapes',
    ])
      expect(links, path).toContain(path);
    expect(links).toContain('/search?type=bibo%3ADocument');
    // Every link on the page answers (no dead ends in the first five minutes).
    for (const path of new Set(links.filter((l) => l.startsWith('/')))) {
      const res = await get(path, BROWSER);
      expect(res.statusCode, path).toBeLessThan(400);
    }
  });

  it('keeps the answer for clients that do not take HTML (404 problem+json, as before)', async () => {
    const r = await get('/', 'application/ld+json');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect((await get('/', 'text/turtle')).statusCode).toBe(404);
  });

  it('needs a token when reads are private, while the icon and robots.txt stay open', async () => {
    const closed = await startTestServer({ config: { publicReads: false } });
    try {
      const page = await closed.app.inject({ method: 'GET', url: '/', headers: { accept: BROWSER } });
      expect(page.statusCode).toBe(401);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).not.toContain('Quads');
      const withToken = await closed.app.inject({ method: 'GET', url: '/', headers: { accept: BROWSER, ...closed.auth } });
      expect(withToken.statusCode).toBe(200);
      for (const path of ['/favicon.ico', '/favicon.svg', '/robots.txt', '/assets/libkg.css'])
        expect((await closed.app.inject({ method: 'GET', url: path })).statusCode, path).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it('serves an icon (ICO and SVG), the shared stylesheet and robots.txt naming the sitemap', async () => {
    const ico = await get('/favicon.ico');
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    const b = ico.rawPayload;
    // ICONDIR: reserved 0, type 1 (icon), one image of 32x32 at 32 bits, its BMP header right after the directory.
    expect([b.readUInt16LE(0), b.readUInt16LE(2), b.readUInt16LE(4), b[6], b[7], b.readUInt16LE(12)]).toEqual([0, 1, 1, 32, 32, 32]);
    expect(b.readUInt32LE(14) + b.readUInt32LE(18)).toBe(b.length);
    expect(b.readUInt32LE(22)).toBe(40);
    const svg = await get('/favicon.svg');
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const css = await get('/assets/libkg.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('header.site');
    const robots = await get('/robots.txt');
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toContain('Sitemap: http://localhost:8080/sitemap.xml');
  });
});

describe('the shared header', () => {
  it('is on every HTML page, with the stylesheet it needs', async () => {
    const pages = [
      '/',
      WORK.replace('http://localhost:8080/id/', '/doc/'),
      '/search?q=knowledge',
      '/sparql',
      '/graphql',
      '/.well-known/void',
      '/ontology',
      '/shapes',
      '/dumps/',
      '/ldes',
      '/nothing-here',
    ];
    for (const path of pages) {
      const r = await get(path, BROWSER);
      expect(r.headers['content-type'], path).toContain('text/html');
      expect(r.body, path).toContain('<header class="site"><nav aria-label="libkg"><a class="brand" href="/">libkg</a>');
      expect(r.body, path).toContain('<link rel="stylesheet" href="/assets/libkg.css">');
      for (const nav of ['/search', '/sparql', '/graphql', '/.well-known/void', '/dumps/', '/oai?verb=Identify', '/ldes', '/ontology'])
        expect(hrefs(r.body), `${path} ${nav}`).toContain(nav);
    }
  });
});

describe('error pages', () => {
  it('gives browsers an HTML 404 that shows the path as text, and everyone else problem+json', async () => {
    const hostile = '/no/%3Cscript%3Ealert(1)%3C/script%3E%22%3E';
    const page = await get(hostile, BROWSER);
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<h1>Not found</h1>');
    expect(page.body).toContain('no resource at /no/%3Cscript%3Ealert(1)%3C/script%3E%22%3E');
    expect(page.body).not.toMatch(/<script>alert/);
    for (const accept of [undefined, '*/*', 'application/json', 'application/problem+json']) {
      const p = await get(hostile, accept);
      expect(p.statusCode).toBe(404);
      expect(p.headers['content-type'], String(accept)).toContain('application/problem+json');
      expect(JSON.parse(p.body).code).toBe('NOT_FOUND');
    }
  });

  it('shows a deleted entity as an HTML 410', async () => {
    const page = await get(GONE.replace('http://localhost:8080/id/', '/doc/'), BROWSER);
    expect(page.statusCode).toBe(410);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<h1>Gone</h1>');
    expect(page.body).toContain('was deleted');
    const json = await get(GONE.replace('http://localhost:8080/id/', '/doc/'), 'application/ld+json');
    expect(json.statusCode).toBe(410);
    expect(json.headers['content-type']).toContain('application/problem+json');
  });

  it('gives browsers an HTML 500 without the details of the failure', async () => {
    const app = Fastify({ logger: false });
    installErrorHandler(app);
    app.get('/boom', async () => {
      throw new Error('secret <internal> state');
    });
    const page = await app.inject({ method: 'GET', url: '/boom', headers: { accept: BROWSER } });
    expect(page.statusCode).toBe(500);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<h1>Internal error</h1>');
    expect(page.body).not.toContain('secret');
    const json = await app.inject({ method: 'GET', url: '/boom' });
    expect(json.headers['content-type']).toContain('application/problem+json');
    await app.close();
  });
});

describe('OAI-PMH in a browser', () => {
  it('shows a browser a page made on the server; the XML names no stylesheet (see oai-html.test.ts)', async () => {
    const page = await get('/oai?verb=ListRecords&metadataPrefix=oai_dc', BROWSER);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<h1>OAI-PMH: ListRecords</h1>');
    const r = await get('/oai?verb=ListRecords&metadataPrefix=oai_dc');
    expect(r.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<OAI-PMH /);
  });

  it('gives the configured adminEmail in Identify, and refuses one that is not an address', async () => {
    expect((await get('/oai?verb=Identify')).body).toContain('<adminEmail>kg-team@library.example</adminEmail>');
    expect(() => resolveConfig({ oaiAdminEmail: 'nobody' })).toThrow(/OAI admin e-mail must be an e-mail address, got "nobody"/);
    expect(resolveConfig({}).oaiAdminEmail).toBe('');
  });
});

describe('LDES and dumps for browsers', () => {
  it('shows the event stream, its pages and versions as HTML; RDF clients get what they got', async () => {
    const stream = await get('/ldes', BROWSER);
    expect(stream.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(hrefs(stream.body)).toContain('/ldes/page/0');
    const page = await get('/ldes/page/0', BROWSER);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toMatch(/<td><a href="\/ldes\/version\/1">1<\/a><\/td>/);
    expect(page.body).toContain('http://localhost:8080/graph/catalog/local-gone');
    expect(page.body).toContain('deleted');
    // The version holding the hostile record shows its title as text.
    const evilSeq = server.store.changes(0, 100).find((c) => c.graph.endsWith('/graph/catalog/local-666'))?.seq;
    const version = await get(`/ldes/version/${evilSeq}`, BROWSER);
    expect(version.statusCode).toBe(200);
    expect(version.body).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;/script&gt;&lt;!-- x');
    expect(version.body).not.toContain('<script>window');
    expect(version.body).toContain(`<code>${EVIL}</code>`);
    expect(version.body).toContain('<a href="/id/person/orcid-0000-0002-1825-0097">');
    for (const accept of [undefined, '*/*']) {
      const rdf = await get('/ldes', accept);
      expect(rdf.headers['content-type'], String(accept)).toBe('application/trig; charset=utf-8');
    }
    expect((await get('/ldes/page/0', 'application/n-quads')).headers['content-type']).toBe('application/n-quads; charset=utf-8');
  });

  it('lists the dumps as a page for browsers and as JSON for others', async () => {
    const page = await get('/dumps/', BROWSER);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<a href="/dumps/libkg.nq.gz" download>libkg.nq.gz</a>');
    expect(page.body).toMatch(/<code>[0-9a-f]{64}<\/code>/);
    for (const accept of [undefined, '*/*', 'application/json']) {
      const json = await get('/dumps/', accept);
      expect(json.headers['content-type'], String(accept)).toContain('application/json');
      expect(JSON.parse(json.body).files.some((f: { name: string }) => f.name === 'libkg.nq.gz')).toBe(true);
    }
  });
});
