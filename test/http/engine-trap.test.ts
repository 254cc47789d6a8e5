import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyOrs } from '../helpers/hostile-queries.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const { DataFactory: F } = N3;
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';

interface Health {
  status: string;
  engines: { id: number; state: string }[];
  enginePool: { size: number; restarts: number; traps: number; timeouts: number };
}

let s: TestServer;
beforeAll(async () => {
  // Limits raised so that a query Oxigraph cannot evaluate reaches an engine.
  s = await startTestServer({ listen: true, engines: 2, config: { maxExpressionNodes: 1_000_000 } });
  const quads = Array.from({ length: 20 }, (_, i) => F.quad(F.namedNode(`http://ex.org/s${i}`), F.namedNode('http://ex.org/p'), F.literal(String(i))));
  await s.store.putGraphs([{ graph: 'http://ex.org/g', quads }]);
});
afterAll(() => s.close());

const health = async () => (await (await fetch(`${s.url}health`)).json()) as Health;
const count = async (text = COUNT) => {
  const r = await fetch(`${s.url}sparql?query=${encodeURIComponent(text)}`);
  return r.status === 200 ? Number(((await r.json()) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]?.n.value) : r.status;
};

describe('an engine trap over HTTP (limits raised)', () => {
  it('answers 500 ENGINE_FAILED (not a 400), retires the engine, /health says so, then the replacement serves', async () => {
    expect(await count()).toBe(20); // cached from now on
    const r = await fetch(`${s.url}sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: manyOrs(5000) });
    expect(r.status).toBe(500);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const p = (await r.json()) as { code: string; detail: string };
    expect(p.code).toBe('ENGINE_FAILED');
    expect(p.detail).toMatch(/broke while evaluating this request .*retired/);
    // Never "ok" while an engine is out of service.
    const during = await health();
    expect(during.status).toBe('degraded');
    expect(during.engines.some((e) => e.state !== 'ready')).toBe(true);
    expect(during.enginePool).toMatchObject({ size: 2, traps: 1 });
    // The other engine answers new queries (not from the cache) meanwhile.
    expect(await count(`${COUNT} # during`)).toBe(20);
    let h = during;
    for (let i = 0; i < 300 && h.status !== 'ok'; i++) {
      await new Promise((res) => setTimeout(res, 100));
      h = await health();
    }
    expect(h.status).toBe('ok');
    expect(h.engines.map((e) => e.state)).toEqual(['ready', 'ready']);
    expect(Math.max(...h.engines.map((e) => e.id))).toBeGreaterThan(2);
    expect(h.enginePool).toMatchObject({ traps: 1, restarts: 1 });
    // Every engine answers new queries and updates.
    expect(await Promise.all(Array.from({ length: 6 }, (_, i) => count(`${COUNT} # after ${i}`)))).toEqual(Array(6).fill(20));
    const update = await fetch(`${s.url}sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-update', ...s.auth },
      body: 'INSERT DATA { GRAPH <http://ex.org/u> { <http://ex.org/x> <http://ex.org/p> "u" } }',
    });
    expect(update.status).toBe(200);
    expect(await count()).toBe(21);
  });
});
