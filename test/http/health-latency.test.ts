import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLOW_QUERY } from '../helpers/queries.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('/health while a slow query runs', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ listen: true, engines: 1 });
    const text = Array.from({ length: 300 }, (_, i) => `<http://ex.org/s${i}> <http://ex.org/p> ${i} .`).join('\n');
    await srv.store.putGraphs([{ graph: 'http://ex.org/g', quads: new N3.Parser().parse(text) }]);
  });
  afterAll(() => srv.close());

  it('answers within 50 ms and reports size and budget', async () => {
    const slow = fetch(`${srv.url}sparql?query=${encodeURIComponent(SLOW_QUERY)}`).then((r) => r.status);
    await new Promise((r) => setTimeout(r, 200));
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const r = await fetch(`${srv.url}health`);
      times.push(performance.now() - t0);
      const body = (await r.json()) as { store: unknown };
      expect(body.store).toMatchObject({ quads: 300, budget: srv.config.quadBudget });
    }
    // p90, not max: one sample can catch the test runner's own GC or another test file on the shared cores.
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length * 0.9)]).toBeLessThan(50);
    // The slow query is still running (it ends at the query timeout).
    const raced = await Promise.race([slow, new Promise((r) => setTimeout(() => r('running'), 10))]);
    expect(raced).toBe('running');
  });
});
