import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingEngine } from '../../src/ingest/mapping/engine.js';
import { loadMappingFile } from '../../src/ingest/mapping/load.js';
import { importPaths } from '../../src/ingest/pipeline.js';
import { linkSubjects, normalizeLabel, SubjectIndex } from '../../src/ingest/subjects.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { NS } from '../../src/vocab.js';

const base = 'http://localhost:8080/';
const STW = 'http://zbw.eu/stw/';
const UAT = 'http://astrothesaurus.org/uat/';
let dir = '';
let store: EmbeddedStore;
let index: SubjectIndex;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-subjects-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1_000_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 50_000_000 });
  const summary = await importPaths(store, [join(import.meta.dirname, '../../fixtures/subjects')], { baseIri: base });
  expect(summary).toMatchObject({ read: 215 + 207, written: 215 + 207, rejected: 0 });
  // A DataCite record with free keywords ("datacite", "doi", "metadata"): concepts minted under id/concept/.
  const mapper = new MappingEngine(new Map([['datacite', loadMappingFile(join(import.meta.dirname, '../../mappings/datacite.yaml'))]]));
  await importPaths(store, [join(import.meta.dirname, '../../fixtures/datasets/datacite-json/bolognese-datacite.json')], { baseIri: base, mapper });
  index = await SubjectIndex.fromStore(store, { baseIri: base });
}, 30_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('subject matching over imported thesauri', () => {
  it('normalises case, diacritics, ß and punctuation', () => {
    expect(normalizeLabel('  Statistik und Ökonometrie ')).toBe('statistik und okonometrie');
    expect(normalizeLabel('Größte-Dichte-Methode')).toBe('grosste dichte methode');
  });

  it('finds STW descriptors by prefLabel and altLabel in either language, ignoring case and diacritics', () => {
    expect(index.match('Produktionsstatistik')).toEqual({
      concept: `${STW}descriptor/15105-4`,
      scheme: 'http://zbw.eu/stw',
      matchedBy: 'prefLabel',
      label: 'Produktionsstatistik',
    });
    expect(index.match('production STATISTICS')?.concept).toBe(`${STW}descriptor/15105-4`);
    expect(index.match('Industrial statistics')).toMatchObject({ concept: `${STW}descriptor/15105-4`, matchedBy: 'altLabel' });
    expect(index.match('Maximum-Likelihood-Schatzung')).toMatchObject({ concept: `${STW}descriptor/15264-5`, matchedBy: 'altLabel' });
  });

  it('finds STW systematic concepts by notation, and by their label without the notation prefix', () => {
    expect(index.match('V.16')).toMatchObject({ concept: `${STW}thsys/72180`, matchedBy: 'notation', label: 'V.16' });
    expect(index.match('x', { notation: 'v.16' })?.concept).toBe(`${STW}thsys/72180`);
    expect(index.match('Statistik und Okonometrie')).toMatchObject({
      concept: `${STW}thsys/72180`,
      matchedBy: 'prefLabel',
      label: 'Statistik und Ökonometrie',
    });
  });

  it('leads a deprecated concept label to its replacement', () => {
    expect(index.match('Dokumentationssprache')).toEqual({
      concept: `${STW}descriptor/29083-4`,
      scheme: 'http://zbw.eu/stw',
      matchedBy: 'label',
      label: 'Dokumentationssprache',
      replaces: `${STW}descriptor/16777-6`,
    });
  });

  it('finds UAT concepts and restricts to a vocabulary by code or scheme IRI', () => {
    expect(index.match('astrophysical processes')).toMatchObject({ concept: `${UAT}104`, scheme: `${UAT}1`, matchedBy: 'prefLabel' });
    expect(index.match('Explosive astrophysical burning', { vocabulary: 'uat' })).toMatchObject({ concept: `${UAT}100`, matchedBy: 'altLabel' });
    expect(index.match('Astrophysical processes', { vocabulary: `${UAT}1` })?.concept).toBe(`${UAT}104`);
    // STW's dct:identifier "stw" names it; a UAT label is not found there.
    expect(index.match('Astrophysical processes', { vocabulary: 'stw' })).toBeUndefined();
    expect(index.match('Produktionsstatistik', { vocabulary: 'STW' })?.concept).toBe(`${STW}descriptor/15105-4`);
    expect(index.match('no such subject anywhere')).toBeUndefined();
    // A scheme's own label names no concept.
    expect(index.match('Standard-Thesaurus Wirtschaft')).toBeUndefined();
  });

  it('indexes thesaurus concepts only, not concepts other mappings minted from subject strings', () => {
    expect(index.matchAll('metadata').map((m) => m.concept)).toEqual([`${STW}descriptor/29083-4`]);
  });

  it('links minted concepts to thesaurus concepts: exactMatch in the named vocabulary, closeMatch by a unique label', async () => {
    const { namedNode, literal, quad } = N3.DataFactory;
    // As a catalog mapping writes MARC 650 _7 $a Produktionsstatistik $2 stw.
    const marcConcept = namedNode(`${base}id/concept/stw-produktionsstatistik`);
    await store.putGraphs([
      {
        graph: `${base}graph/catalog/test-1`,
        quads: [
          quad(marcConcept, namedNode(NS.skos('prefLabel')), literal('Produktionsstatistik', 'de')),
          quad(marcConcept, namedNode(NS.skos('inScheme')), namedNode(`${base}id/scheme/stw`)),
        ],
      },
    ]);
    const result = await linkSubjects(store, { baseIri: base, index });
    expect(result).toEqual({ concepts: 4, links: 2, written: true });
    const links = await store.getGraph(`${base}graph/links/subjects`);
    const lines = links.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`).sort();
    expect(lines).toEqual([
      `${base}id/concept/keyword-metadata ${NS.skos('closeMatch')} ${STW}descriptor/29083-4`,
      `${marcConcept.value} ${NS.skos('exactMatch')} ${STW}descriptor/15105-4`,
    ]);
    expect(await linkSubjects(store, { baseIri: base, index })).toEqual({ concepts: 4, links: 2, written: false });
  });

  it('re-imports the unchanged thesauri without writing', async () => {
    const again = await importPaths(store, [join(import.meta.dirname, '../../fixtures/subjects')], { baseIri: base });
    expect(again).toMatchObject({ read: 215 + 207, written: 0, unchanged: 215 + 207 });
  });
});
