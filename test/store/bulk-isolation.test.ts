import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';

const { namedNode, literal, quad } = N3.DataFactory;
const G = 'http://ex.org/graph/bulk';
const quads = (n: number) => Array.from({ length: n }, (_, i) => quad(namedNode(`http://ex.org/s${i}`), namedNode('http://ex.org/p'), literal(String(i))));

// A raw RDF import is one open SQLite transaction across many chunks (QuadStore.bulk): nobody may read
// its rows before the commit, since a kill or a syntax error later rolls them back.
describe('reads during a bulk write see only committed data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-bulk-'));
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 100_000, engines: 0, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
    await store.putGraphs([{ graph: 'http://ex.org/graph/old', quads: quads(3) }]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the graph, its rows, the counts and the change log invisible until the commit', async () => {
    const before = { size: store.size(), graphs: store.listGraphs().length, seq: store.stats().lastSeq };
    const seen: Record<string, unknown> = {};
    await store.bulk(async (w) => {
      w.putGraphs([{ graph: G, quads: quads(5) }]);
      w.addToGraph(G, quads(8), G);
      seen.rows = (await store.getGraph(G)).length;
      seen.info = store.graphInfo(G);
      seen.size = store.size();
      seen.graphs = store.listGraphs().length;
      seen.stats = store.stats();
      seen.changes = store.changes(before.seq, 100).length;
    });
    expect(seen).toMatchObject({ rows: 0, info: undefined, size: before.size, graphs: before.graphs, changes: 0 });
    expect(seen.stats).toMatchObject({ quads: before.size, graphs: before.graphs, lastSeq: before.seq });
    // After the commit everything is there.
    expect((await store.getGraph(G)).length).toBe(8);
    expect(store.size()).toBe(before.size + 8);
    expect(store.graphInfo(G)?.quads).toBe(8);
  });

  it('after a rolled-back bulk write nothing of it was ever visible', async () => {
    const size = store.size();
    const seen: number[] = [];
    await expect(
      store.bulk(async (w) => {
        w.putGraphs([{ graph: 'http://ex.org/graph/rolled-back', quads: quads(4) }]);
        seen.push(store.size(), (await store.getGraph('http://ex.org/graph/rolled-back')).length);
        throw new Error('syntax error at the end of the file');
      }),
    ).rejects.toThrow(/syntax error/);
    expect(seen).toEqual([size, 0]);
    expect(store.size()).toBe(size);
  });
});
