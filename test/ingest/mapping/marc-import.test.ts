import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../../src/ingest/pipeline.js';
import { createIngest } from '../../../src/ingest/setup.js';
import { EmbeddedStore } from '../../../src/store/embedded.js';
import { NS } from '../../../src/vocab.js';
import { FIXTURES } from './marc-fixtures.js';

// End to end: fixtures/marc-mapping -> MARC readers -> mappings/marc21(-authority).yaml
// -> SHACL -> the store; then the same import again changes nothing.
const BASE = 'http://example.org/';
const { namedNode, literal } = N3.DataFactory;

describe('importing MARC files through createIngest', () => {
  let store: EmbeddedStore;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'libkg-marc-import-'));
    store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1_000_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 10_000_000 });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every valid record once and is a no-op when repeated', async () => {
    const ingest = await createIngest({ baseIri: BASE });
    const first = await importPaths(store, [FIXTURES], { baseIri: BASE, ...ingest });
    // 30 + 2 bibliographic, 1 + 7 authority records; record 8 of marc21-rs-DUMP.mrc is broken on purpose.
    expect({ read: first.read, written: first.written, rejected: first.rejected }).toEqual({ read: 41, written: 40, rejected: 1 });
    expect(first.rejections[0]).toMatchObject({ index: 8 });

    const again = await importPaths(store, [FIXTURES], { baseIri: BASE, ...ingest });
    expect({ written: again.written, unchanged: again.unchanged }).toEqual({ written: 0, unchanged: 40 });

    const titles = await store.match(namedNode(`${BASE}id/work/dlc-00314247`), namedNode(NS.dct('title')), null, null);
    expect(titles.map((q) => q.object).some((o) => o.equals(literal('久保栄 「火山灰地」 を読む', 'ja-jpan')))).toBe(true);
    const goethe = await store.match(namedNode(`${BASE}id/person/gnd-118540238`), namedNode(NS.foaf('name')), null, null);
    expect(goethe.map((q) => q.object.value)).toEqual(['Goethe, Johann Wolfgang von']);
  });
});
