import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { optimizingStore } from '../../src/store/optimize/index.js';
import type { QuadStore } from '../../src/store/port.js';

/** A real store holding `turtle` in one graph, and the same store behind the query rewrites (result cache off). */
export async function openOptimizedStore(name: string, turtle: string): Promise<{ store: EmbeddedStore; optimized: QuadStore; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `libkg-${name}-`));
  const store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 10_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
  await store.putGraphs([{ graph: 'http://example.org/g', quads: new N3.Parser().parse(turtle) }]);
  return {
    store,
    optimized: optimizingStore(store, { resultCache: false }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
