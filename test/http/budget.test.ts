import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('The quad budget over HTTP', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ config: { quadBudget: 50 } });
  });
  afterAll(() => srv.close());

  it('refuses an update that would overfill the store with 507 problem+json, keeps nothing, and keeps answering', async () => {
    const triples = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `<http://ex.org/s${from + i}> <http://ex.org/p> ${i} .`).join(' ');
    const ok = await srv.app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { ...srv.auth, 'content-type': 'application/sparql-update' },
      payload: `INSERT DATA { ${triples(40)} }`,
    });
    expect(ok.statusCode).toBeLessThan(300);
    const over = await srv.app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { ...srv.auth, 'content-type': 'application/sparql-update' },
      payload: `INSERT DATA { ${triples(20, 100)} }`,
    });
    expect(over.statusCode).toBe(507);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.json()).toMatchObject({ code: 'QUOTA_EXCEEDED', status: 507, budget: 50, size: 40 });
    const health = (await srv.app.inject({ url: '/health' })).json();
    expect(health.store).toMatchObject({ quads: 40, budget: 50 });
    const count = await srv.app.inject({
      url: `/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')}`,
      headers: { accept: 'application/sparql-results+json' },
    });
    expect(count.json().results.bindings[0].n.value).toBe('40');
  });
});
