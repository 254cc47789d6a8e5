/**
 * Dropped graphs are forgotten by the engines at once, as a restart would: after
 * DROP GRAPH, DROP ALL or a Graph Store DELETE, `GRAPH ?g {}` no longer lists them.
 * Two engines, so both the engine that evaluates an update and the one that only
 * receives its result are asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, tokenHashesOf } from '../../src/app.js';
import { resolveConfig } from '../../src/config.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { TEST_TOKEN } from '../helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'libkg-drop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const auth = { authorization: `Bearer ${TEST_TOKEN}` };
const EX = 'http://example.org/drop/';

async function open() {
  const config = resolveConfig({ dataDir: dir, logLevel: 'warn', writeTokens: [TEST_TOKEN], loadDemo: false } as never);
  const store = await EmbeddedStore.open({
    dataDir: dir,
    quadBudget: config.quadBudget,
    engines: 2,
    queryTimeoutMs: 10_000,
    maxResultBytes: config.maxResultBytes,
  });
  const app = await buildApp(config, { store, storedTokenHashes: tokenHashesOf(store) });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await store.close();
    },
    update: async (text: string) => {
      const r = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-update', ...auth }, payload: text });
      expect(r.statusCode, r.body).toBe(200);
    },
    put: async (g: string) => {
      const r = await app.inject({
        method: 'PUT',
        url: `/store?graph=${encodeURIComponent(EX + g)}`,
        headers: { 'content-type': 'application/n-triples', ...auth },
        payload: `<${EX}s> <${EX}p> "${g}" .`,
      });
      expect(r.statusCode, r.body).toBeLessThan(300);
    },
    /** The named graphs each engine lists (distinct texts, so no answer comes from the result cache). */
    graphs: async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const q = `SELECT DISTINCT ?g { GRAPH ?g {} } # ${Date.now()} ${i}`;
        const r = await app.inject({ url: `/sparql?query=${encodeURIComponent(q)}`, headers: { accept: 'application/sparql-results+json' } });
        expect(r.statusCode, r.body).toBe(200);
        seen.add(
          (r.json().results.bindings as { g: { value: string } }[])
            .map((b) => b.g.value.replace(EX, ''))
            .sort()
            .join(','),
        );
      }
      return [...seen];
    },
  };
}

describe('dropped graphs are forgotten by the engines', () => {
  it('after DROP GRAPH, a Graph Store DELETE, DROP ALL, and after a restart', async () => {
    const first = await open();
    try {
      for (const g of ['a', 'b', 'c', 'd']) await first.put(g);
      expect(await first.graphs()).toEqual(['a,b,c,d']);

      await first.update(`DROP GRAPH <${EX}a>`);
      expect(await first.graphs()).toEqual(['b,c,d']);

      const del = await first.app.inject({ method: 'DELETE', url: `/store?graph=${encodeURIComponent(`${EX}b`)}`, headers: auth });
      expect(del.statusCode, del.body).toBeLessThan(300);
      expect(await first.graphs()).toEqual(['c,d']);

      // Deleting a graph's last triple empties it: it goes too, as it would on a restart.
      await first.update(`DELETE DATA { GRAPH <${EX}c> { <${EX}s> <${EX}p> "c" } }`);
      expect(await first.graphs()).toEqual(['d']);

      await first.put('e');
      await first.update('DROP ALL');
      expect(await first.graphs()).toEqual(['']);

      // A dropped graph written again is listed again.
      await first.put('a');
      expect(await first.graphs()).toEqual(['a']);
    } finally {
      await first.close();
    }
    const second = await open();
    try {
      expect(await second.graphs()).toEqual(['a']);
      await second.update(`DROP GRAPH <${EX}a>`);
      expect(await second.graphs()).toEqual(['']);
    } finally {
      await second.close();
    }
  }, 60_000);
});
