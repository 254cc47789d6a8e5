/**
 * A mapping marks its output `distinct` (src/ingest/mapping/compile.ts), and the store then keeps
 * the lines in the mapping's order without sorting or deduplicating them (GraphPut.distinct). That
 * holds only if no two quads make the same N-Triples line and the order is the same on every run.
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iso2709Reader } from '../../../src/ingest/readers/marc-iso2709.js';
import { createIngest } from '../../../src/ingest/setup.js';
import type { SourceRecord } from '../../../src/ingest/types.js';
import { relabelBlankNodes, tripleKey } from '../../../src/rdf/nquads.js';
import { EmbeddedStore } from '../../../src/store/embedded.js';
import { readMarcFile } from './marc-fixtures.js';

const BASE = 'http://lib.example/';
const ctx = { baseIri: BASE, fileName: 'f.mrc' };
const CATALOG = join(import.meta.dirname, '../../../fixtures/catalog');
/** Every ISO 2709 catalog fixture (MARC-8 and UTF-8) through the real reader, and the GND authorities. */
async function records(): Promise<SourceRecord[]> {
  const out = readMarcFile('marc21-rs-DUMP.mrc', 'marc21-authority');
  for (const f of [
    'marc4j-pride-and-prejudice-marc21.mrc',
    'traject-test_data.utf8.mrc',
    'marc4j-brkrtest.mrc',
    'marc-perl-cjk1.marc',
    'marc4j-cyrillic_capital_e.mrc',
  ]) {
    for await (const it of iso2709Reader.read(createReadStream(join(CATALOG, f)), { fileName: f, baseIri: BASE })) if ('record' in it) out.push(it.record);
  }
  return out;
}

describe('distinct mapping output', () => {
  it('gives each triple once, as a line, in the same order on every run', async () => {
    const a = await createIngest({ baseIri: BASE });
    const b = await createIngest({ baseIri: BASE });
    let checked = 0;
    for (const rec of await records()) {
      const first = a.mapper.map(rec, ctx);
      expect(first.distinct).toBe(true);
      const lines = relabelBlankNodes(first.quads, first.graph).map(tripleKey);
      expect(new Set(lines).size, `record ${rec.id}`).toBe(lines.length);
      const again = b.mapper.map(rec, ctx);
      expect(relabelBlankNodes(again.quads, again.graph).map(tripleKey)).toEqual(lines);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('is stored in its own order; the same content in any order is unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'libkg-distinct-'));
    const store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1e6, engines: 0, queryTimeoutMs: 1000, maxResultBytes: 1e7 });
    try {
      const { mapper } = await createIngest({ baseIri: BASE });
      const [rec] = readMarcFile('marc4j-chabon.mrc');
      const m = mapper.map(rec!, ctx);
      const lines = relabelBlankNodes(m.quads, m.graph).map(tripleKey);
      expect([...lines].sort()).not.toEqual(lines); // the mapping's order is not the sorted one
      expect((await store.putGraphs([{ graph: m.graph, quads: m.quads, distinct: true }])).written).toEqual([m.graph]);
      expect((await store.getGraph(m.graph)).map(tripleKey)).toEqual(lines);
      expect((await store.putGraphs([{ graph: m.graph, quads: m.quads, distinct: true }])).unchanged).toEqual([m.graph]);
      // The same triples from elsewhere (sorted, repeated) are the same content.
      expect((await store.putGraphs([{ graph: m.graph, quads: [...m.quads].reverse().concat(m.quads) }])).unchanged).toEqual([m.graph]);
      const changed = await store.putGraphs([{ graph: m.graph, quads: m.quads.slice(1), distinct: true }]);
      expect(changed.written).toEqual([m.graph]);
      expect(store.graphInfo(m.graph)?.quads).toBe(lines.length - 1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
