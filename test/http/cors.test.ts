import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('CORS', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(() => srv.close());

  it('lets a browser on another origin send an authenticated SPARQL update and Graph Store write', async () => {
    for (const [url, method] of [
      ['/sparql', 'POST'],
      ['/store?graph=http://ex.org/g', 'PUT'],
      ['/store?graph=http://ex.org/g', 'DELETE'],
    ] as const) {
      const r = await srv.app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin: 'https://yasgui.example.org',
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(r.statusCode, url).toBe(204);
      expect(r.headers['access-control-allow-origin']).toBe('*');
      expect(String(r.headers['access-control-allow-methods'])).toContain(method);
      expect(String(r.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    }
  });

  it('exposes caching and linking headers on reads', async () => {
    const r = await srv.app.inject({ url: '/health', headers: { origin: 'https://example.org' } });
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(String(r.headers['access-control-expose-headers'])).toContain('ETag');
  });
});
