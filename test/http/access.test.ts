/**
 * One access plugin for every surface (src/http/kit/access.ts): the same CORS headers on every answer, whatever surface or
 * status, and with private reads a token asked for by every read surface app.ts registers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** One read of each surface; each needs a token when reads are private. */
const READS = [
  '/sparql?query=ASK%20%7B%7D',
  '/store?default',
  `/graphql?query=${encodeURIComponent('{ id }')}`,
  '/tpf',
  '/ldes',
  '/oai?verb=Identify',
  '/.well-known/void',
  '/api/people',
  '/context.jsonld',
  '/dumps/',
  '/sitemap.xml',
  '/ontology',
  '/lookup?uri=x',
  '/search?q=goethe',
  '/reconcile',
  '/jobs',
  '/metrics',
  '/',
];

describe('access: CORS and read tokens from one plugin', () => {
  let closed: TestServer;
  beforeAll(async () => {
    closed = await startTestServer({ config: { publicReads: false } });
  });
  afterAll(() => closed.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    closed.app.inject({ url, headers: { origin: 'https://elsewhere.example', accept: url === '/' ? 'text/html' : '*/*', ...headers } });

  it('asks every read surface for a token when reads are private, and lets the token through', async () => {
    for (const url of READS) {
      const refused = await get(url);
      expect(refused.statusCode, url).toBe(401);
      expect(refused.headers['www-authenticate'], url).toBe('Bearer realm="libkg"');
      expect((await get(url, closed.auth)).statusCode, url).not.toBe(401);
    }
    expect((await get('/health')).statusCode).toBe(200);
  });

  it('gives every answer the same CORS headers, refusals and errors included', async () => {
    const seen = new Map<string, string>();
    for (const url of [...READS, '/health', '/nowhere']) {
      for (const headers of [{}, closed.auth]) {
        const r = await get(url, headers);
        expect(r.headers['access-control-allow-origin'], url).toBe('*');
        seen.set(`${r.statusCode} ${url}`, String(r.headers['access-control-expose-headers']));
      }
    }
    const lists = new Set(seen.values());
    expect(lists.size, JSON.stringify(Object.fromEntries(seen), null, 1)).toBe(1);
    const exposed = [...lists][0]?.split(/,\s*/) ?? [];
    expect(exposed).toEqual(expect.arrayContaining(['ETag', 'Last-Modified', 'Link', 'Location', 'Vary', 'Libkg-Text-Query-Capped']));
  });
});
