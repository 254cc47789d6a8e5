import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { LibkgError } from '../../src/errors.js';
import { EmbeddedStore } from '../../src/store/embedded.js';

const { DataFactory: F } = N3;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A store whose graphs may hold at most 2,000 characters of N-Triples (the real limit is what one V8 string holds). */
async function open() {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-graph-limit-'));
  dirs.push(dir);
  return EmbeddedStore.open({ dataDir: dir, quadBudget: 100_000, engines: 0, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000, maxGraphChars: 2_000 });
}
const quads = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => F.quad(F.namedNode(`http://ex.org/s${from + i}`), F.namedNode('http://ex.org/p'), F.literal(String(from + i))));

const expectTooLarge = async (p: Promise<unknown>, graph: string) => {
  const err = await p.catch((e) => e);
  expect(err).toBeInstanceOf(LibkgError);
  expect((err as LibkgError).code).toBe('GRAPH_TOO_LARGE');
  expect((err as LibkgError).message).toContain(`<${graph}>`);
  expect((err as LibkgError).message).toMatch(/split the data into several graphs/);
};

describe('a graph larger than one graph can hold', () => {
  it('is refused with GRAPH_TOO_LARGE by putGraphs, and nothing of it is kept', async () => {
    const store = await open();
    await store.putGraphs([{ graph: 'http://ex.org/ok', quads: quads(0, 5) }]);
    await expectTooLarge(store.putGraphs([{ graph: 'http://ex.org/big', quads: quads(0, 100) }]), 'http://ex.org/big');
    expect(store.graphInfo('http://ex.org/big')?.quads ?? 0).toBe(0);
    expect(store.size()).toBe(5);
    await store.close();
  });

  it('is refused when a bulk import grows one graph past the limit: the whole file rolls back', async () => {
    const store = await open();
    const before = store.stats().lastSeq;
    const grow = store.bulk(async (w) => {
      // A large RDF file arrives as chunks of one graph; only the last one crosses the limit.
      for (let i = 0; i < 10; i++) w.addToGraph('http://ex.org/file', quads(i * 10, 10), 'file');
    });
    await expectTooLarge(grow, 'http://ex.org/file');
    expect(store.size()).toBe(0);
    expect(store.stats().lastSeq).toBe(before);
    // The store takes writes afterwards as before.
    await store.addToGraph('http://ex.org/file', quads(0, 3));
    expect(store.size()).toBe(3);
    await store.close();
  });

  it('is refused when single additions grow a graph past the limit, keeping what it had', async () => {
    const store = await open();
    await store.addToGraph('http://ex.org/g', quads(0, 20));
    await expectTooLarge(store.addToGraph('http://ex.org/g', quads(20, 80)), 'http://ex.org/g');
    expect(store.size()).toBe(20);
    expect(await store.getGraph('http://ex.org/g')).toHaveLength(20);
    await store.close();
  });
});
