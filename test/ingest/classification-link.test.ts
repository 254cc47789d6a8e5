/**
 * Issue 16: a classification number of a MARC record (084 with $2) becomes a concept of its
 * scheme, and when that scheme is imported (here the STW subset, whose systematic concepts
 * carry notations) the post-import subject linking matches it by notation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingEngine } from '../../src/ingest/mapping/engine.js';
import { importPaths } from '../../src/ingest/pipeline.js';
import { marcItem } from '../../src/ingest/readers/marc-iso2709.js';
import { linkSubjects } from '../../src/ingest/subjects.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { NS } from '../../src/vocab.js';

const base = 'http://localhost:8080/';
const STW = 'http://zbw.eu/stw/';
let dir = '';
let store: EmbeddedStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-classification-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1_000_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 50_000_000 });
  await importPaths(store, [join(import.meta.dirname, '../../fixtures/subjects/stw-8.12-subset-v16.ttl')], { baseIri: base });
}, 30_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('classification numbers and imported schemes', () => {
  it('links a MARC 084 $2 stw number to the STW concept with that notation (skos:exactMatch)', async () => {
    // 001 cls-1 ; 245 10 $aStatistics of production ; 084 __ $aV.16$2stw
    const item = marcItem(1, {
      leader: '00000cam a2200000 a 4500',
      fields: [
        { tag: '001', value: 'cls-1' },
        { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'Statistics of production' }] },
        {
          tag: '084',
          ind1: ' ',
          ind2: ' ',
          subfields: [
            { code: 'a', value: 'V.16' },
            { code: '2', value: 'stw' },
          ],
        },
      ],
    });
    if (!('record' in item)) throw new Error(item.failure.reason);
    const mapped = MappingEngine.fromDirectory().map(item.record, { baseIri: base, fileName: 'test.mrc' });
    const concept = `${base}id/concept/stw-v-16`;
    const about = mapped.quads.filter((q) => q.subject.value === concept).map((q) => `${q.predicate.value} ${q.object.value}`);
    expect(about.sort()).toEqual([
      `${NS.rdf('type')} ${NS.skos('Concept')}`,
      `${NS.skos('inScheme')} ${base}id/scheme/stw`,
      `${NS.skos('notation')} V.16`,
      `${NS.skos('prefLabel')} V.16`,
    ]);
    await store.putGraphs([{ graph: mapped.graph, quads: mapped.quads }]);

    await linkSubjects(store, { baseIri: base });
    const links = await store.getGraph(`${base}graph/links/subjects`);
    expect(links.filter((q) => q.subject.value === concept).map((q) => `${q.predicate.value} ${q.object.value}`)).toEqual([
      `${NS.skos('exactMatch')} ${STW}thsys/72180`,
    ]);
  });
});
