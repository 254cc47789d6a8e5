import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibkgError } from '../../src/errors.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import type { EnginePool } from '../../src/store/engines.js';
import { manyOrs, nestedGroups } from '../helpers/hostile-queries.js';

const COUNT = 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }';

describe('an engine that traps is retired and replaced', () => {
  let dir: string;
  let store: EmbeddedStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'libkg-trap-'));
    store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 100_000, engines: 2, queryTimeoutMs: 60_000, maxResultBytes: 1_000_000 });
    const text = Array.from({ length: 30 }, (_, i) => `<http://ex.org/s${i}> <http://ex.org/p> ${i} .`).join('\n');
    await store.putGraphs([{ graph: 'http://ex.org/g', quads: new N3.Parser().parse(text) }]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = async (tag: number) => Number(JSON.parse((await store.query(`${COUNT} # ${tag}`)).body).results.bindings[0].n.value);

  /** Waits until the pool again holds two ready engines, one of them newer than `newerThan`. */
  async function replaced(newerThan: number): Promise<void> {
    const done = () => {
      const engines = store.stats().engines;
      return engines.length === 2 && engines.every((e) => e.state === 'ready') && engines.some((e) => e.id > newerThan);
    };
    for (let i = 0; i < 300 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(done()).toBe(true);
  }

  it('a 2,000-deep query breaks the engine evaluating it: ENGINE_FAILED, the engine retired at once, the other keeps answering', async () => {
    // Sent to the pool as text (sparqljs would take seconds to parse it first).
    const pool = (store as unknown as { pool: EnginePool }).pool;
    const err = await pool.run({ op: 'query', text: nestedGroups(2000), format: 'application/sparql-results+json', union: true }, 60_000).catch((e) => e);
    expect(err).toBeInstanceOf(LibkgError);
    expect((err as LibkgError).code).toBe('ENGINE_FAILED');
    expect((err as LibkgError).message).toMatch(/retired and is being replaced/);
    // At once: the broken engine is out of service before the next query is sent.
    const states = store.stats().engines.map((e) => e.state);
    expect(states.filter((s) => s === 'ready')).toHaveLength(1);
    expect(store.stats().enginePool).toMatchObject({ size: 2, traps: 1 });
    // Meanwhile the other engine answers every query.
    for (let i = 0; i < 5; i++) expect(await count(i)).toBe(30);
    await replaced(2);
    for (let i = 5; i < 10; i++) expect(await count(i)).toBe(30);
  });

  it('a FILTER of 5,000 ORs through store.query: the same, and writes still reach every engine', async () => {
    const before = Math.max(...store.stats().engines.map((e) => e.id));
    const err = await store.query(manyOrs(5000)).catch((e) => e);
    expect((err as LibkgError).code).toBe('ENGINE_FAILED');
    expect(store.stats().enginePool?.traps).toBe(2);
    await replaced(before);
    await store.putGraphs([{ graph: 'http://ex.org/h', quads: new N3.Parser().parse('<http://ex.org/x> <http://ex.org/p> 1 .') }]);
    expect(await Promise.all([count(20), count(21), count(22), count(23)])).toEqual([31, 31, 31, 31]);
  });

  it('queries queued behind the one that breaks an engine are answered by another (one trap counted)', async () => {
    const before = Math.max(...store.stats().engines.map((e) => e.id));
    const traps = store.stats().enginePool?.traps ?? 0;
    const n = await count(29);
    // Sent together: the breaking query goes first to one engine, the others spread over both.
    const breaking = store.query(manyOrs(5000)).catch((e) => e);
    const others = Promise.all([30, 31, 32, 33, 34].map((i) => count(i).catch((e) => e)));
    expect(((await breaking) as LibkgError).code).toBe('ENGINE_FAILED');
    expect(await others).toEqual([n, n, n, n, n]);
    expect(store.stats().enginePool?.traps).toBe(traps + 1);
    await replaced(before);
  });
});
