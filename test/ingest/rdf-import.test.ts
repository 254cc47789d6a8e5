import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/pipeline.js';
import { EmbeddedStore } from '../../src/store/embedded.js';

describe('Importing raw RDF', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-rdf-'));
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await EmbeddedStore.open({ dataDir: join(dir, 'data'), quadBudget: 100_000, engines: 0, queryTimeoutMs: 5000, maxResultBytes: 1e7 });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-imports an unchanged file with blank nodes as a no-op, in the same process', async () => {
    const file = join(dir, 'b.trig');
    writeFileSync(file, '<http://ex.org/g> { <http://ex.org/a> <http://ex.org/p> [ <http://ex.org/q> 1 ], _:x . _:x <http://ex.org/q> 2 . }\n');
    const first = await importPaths(store, [file], { baseIri: 'http://ex.org/' });
    expect(first).toMatchObject({ written: 1, unchanged: 0 });
    const seq = store.stats().lastSeq;
    const again = await importPaths(store, [file], { baseIri: 'http://ex.org/' });
    expect(again).toMatchObject({ written: 0, unchanged: 1 });
    expect(store.stats().lastSeq).toBe(seq);
  });

  it('keeps a blank node whole across the chunks of a large graph', async () => {
    const file = join(dir, 'big.nt');
    const lines = Array.from({ length: 25_000 }, (_, i) => `_:shared <http://ex.org/p> "${i}" .`);
    writeFileSync(file, lines.join('\n'));
    await importPaths(store, [file], { baseIri: 'http://ex.org/' });
    const quads = await store.getGraph('http://ex.org/graph/file/big.nt');
    expect(quads).toHaveLength(25_000);
    expect(new Set(quads.map((q) => q.subject.value)).size).toBe(1);
  });

  it('rolls a file back whole when the budget is exceeded part-way', async () => {
    const small = await EmbeddedStore.open({ dataDir: join(dir, 'small'), quadBudget: 100_000, engines: 0, queryTimeoutMs: 5000, maxResultBytes: 1e7 });
    try {
      const file = join(dir, 'over.nq');
      writeFileSync(file, Array.from({ length: 120_000 }, (_, i) => `<http://ex.org/s${i}> <http://ex.org/p> "${i}" <http://ex.org/g${i % 3}> .`).join('\n'));
      await expect(importPaths(small, [file], { baseIri: 'http://ex.org/' })).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
      expect(small.size()).toBe(0);
      expect(small.changes(0, 10)).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
