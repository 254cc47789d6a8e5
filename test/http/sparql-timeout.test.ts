import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const { DataFactory: F } = N3;
const enc = encodeURIComponent;
// 300^4 solutions: far beyond any timeout.
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
const QUICK = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ listen: true, engines: 2, config: { queryTimeoutMs: 1 } });
  const quads = Array.from({ length: 300 }, (_, i) =>
    F.quad(F.namedNode(`http://example.org/s${i}`), F.namedNode('http://example.org/p'), F.literal(String(i))),
  );
  await s.store.putGraphs([{ graph: 'http://example.org/g', quads }]);
  // The test's premise is a second engine free to answer: wait until both have loaded, or a quick query
  // sent while one still loads queues behind the runaway on the other and shares its fate.
  for (let i = 0; i < 600; i++) {
    const h = (await (await fetch(`${s.url}health`)).json()) as { engines: { state: string }[] };
    if (h.engines.length === 2 && h.engines.every((e) => e.state === 'ready')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
}, 60_000);
afterAll(() => s.close());

const count = async () => {
  const r = await fetch(`${s.url}sparql?query=${enc(QUICK)}`);
  return {
    status: r.status,
    n: r.status === 200 ? Number(((await r.json()) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]?.n.value) : undefined,
  };
};

describe('query timeout (--query-timeout 1)', () => {
  it('ends a runaway query with 503 QUERY_TIMEOUT while other queries keep being answered', async () => {
    const t0 = Date.now();
    const runaway = fetch(`${s.url}sparql?query=${enc(RUNAWAY)}`);
    // While the runaway runs, the other engine answers.
    await new Promise((r) => setTimeout(r, 200));
    expect(await count()).toEqual({ status: 200, n: 300 });
    const res = await runaway;
    const problem = (await res.json()) as { code: string; detail: string };
    expect(res.status).toBe(503);
    expect(problem.code).toBe('QUERY_TIMEOUT');
    expect(problem.detail).toMatch(/longer than 1 s/);
    expect(Date.now() - t0).toBeLessThan(5000);
    // While the stopped engine is being replaced, queries are still answered.
    const during = await Promise.all(Array.from({ length: 5 }, count));
    expect(during.every((r) => r.status === 200 && r.n === 300)).toBe(true);
  });
});
