import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibkgError } from '../../src/errors.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { SLOW_QUERY } from '../helpers/queries.js';

describe('The engine pool', () => {
  let dir: string;
  let store: EmbeddedStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'libkg-engines-'));
    store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 100_000, engines: 2, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
    const text = Array.from({ length: 300 }, (_, i) => `<http://ex.org/s${i}> <http://ex.org/p> ${i} .`).join('\n');
    await store.putGraphs([{ graph: 'http://ex.org/g', quads: new N3.Parser().parse(text) }]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a runaway query at its timeout, keeps answering on the other engine, and replaces the stopped one', async () => {
    const slow = store.query(SLOW_QUERY, { timeoutMs: 4000 }).catch((e) => e);
    const t0 = Date.now();
    const fast = await store.query('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }');
    // Answered by the other engine, well before the slow one's timeout (a loaded CI machine takes ~1 s).
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(JSON.parse(fast.body).results.bindings[0].n.value).toBe('300');
    const err = await slow;
    expect(err).toBeInstanceOf(LibkgError);
    expect((err as LibkgError).code).toBe('QUERY_TIMEOUT');
    // The replacement rebuilds from the journal and then serves with the same data.
    const replaced = () => store.stats().engines.filter((e) => e.state === 'ready' && e.id > 2).length === 1;
    for (let i = 0; i < 100 && !(replaced() && store.stats().engines.length === 2); i++) await new Promise((r) => setTimeout(r, 100));
    const engines = store.stats().engines;
    expect(engines.filter((e) => e.state === 'ready')).toHaveLength(2);
    expect(Math.max(...engines.map((e) => e.id))).toBeGreaterThan(2);
    for (let i = 0; i < 4; i++) {
      const r = await store.query('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }');
      expect(JSON.parse(r.body).results.bindings[0].n.value).toBe('300');
    }
  });

  it('brings a replacement engine up to date with writes made while it was rebuilding', async () => {
    const slow = store.query(SLOW_QUERY, { timeoutMs: 500 }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 550));
    await store.putGraphs([{ graph: 'http://ex.org/late', quads: new N3.Parser().parse('<http://ex.org/late> <http://ex.org/p> 1 .') }]);
    expect((await slow).code).toBe('QUERY_TIMEOUT');
    const settled = () => {
      const ready = store.stats().engines.filter((e) => e.state === 'ready');
      return ready.length === 2 && ready.some((e) => e.id > 3);
    };
    for (let i = 0; i < 150 && !settled(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(store.stats().engines.filter((e) => e.state === 'ready')).toHaveLength(2);
    // Ask enough times that both engines answer.
    const counts = await Promise.all(Array.from({ length: 6 }, () => store.query('ASK { <http://ex.org/late> ?p ?o }')));
    expect(counts.every((r) => r.body.includes('true'))).toBe(true);
  });
});
