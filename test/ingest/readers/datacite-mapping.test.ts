/** End to end: DataCite fixtures -> reader -> mappings/datacite.yaml -> a real store; key triples checked against the source files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingEngine } from '../../../src/ingest/mapping/engine.js';
import { loadMappingFile } from '../../../src/ingest/mapping/load.js';
import { importPaths } from '../../../src/ingest/pipeline.js';
import { createIngest } from '../../../src/ingest/setup.js';
import type { ImportSummary } from '../../../src/ingest/types.js';
import { EmbeddedStore } from '../../../src/store/embedded.js';
import { NS } from '../../../src/vocab.js';

const { namedNode, literal } = N3.DataFactory;
const base = 'http://localhost:8080/';
const root = join(import.meta.dirname, '../../..');
const datasets = join(root, 'fixtures/datasets');
const mapper = new MappingEngine(new Map([['datacite', loadMappingFile(join(root, 'mappings/datacite.yaml'))]]));
let dir = '';
let store: EmbeddedStore;
let first: ImportSummary;
let validator: Awaited<ReturnType<typeof createIngest>>['validator'];

const id = (path: string) => namedNode(`${base}id/${path}`);
async function has(s: N3.NamedNode, p: string, o: N3.Term, graph?: string): Promise<boolean> {
  return (await store.match(s, namedNode(p), o, graph ? namedNode(graph) : null)).length > 0;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-datacite-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1_000_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 10_000_000 });
  // The real SHACL validator of shapes/: a record that does not conform is rejected.
  validator = (await createIngest({ baseIri: base })).validator;
  first = await importPaths(store, [datasets], { baseIri: base, mapper, validator });
}, 30_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DataCite records mapped into the store', () => {
  it('writes the 6 good records and rejects the 4 malformed ones with their reasons', () => {
    expect(first).toMatchObject({ read: 10, written: 6, rejected: 4 });
    expect(first.rejections.map((r) => r.reason).sort()).toEqual([
      'DataCite record invalid: creator 1 packs 3 creatorName elements into one creator',
      'DataCite record invalid: no creator (at least one is mandatory)',
      'DataCite record invalid: publisher is missing or empty',
      expect.stringMatching(/^DataCite record unreadable: invalid JSON/),
    ]);
  });

  it('maps the kernel-4.7 full example: title, creator ORCID, funder and award, licence (source: datacite-example-full-v4.xml)', async () => {
    const ds = id('doi/10.82433/b09z-4k37');
    const graph = `${base}graph/datacite/10.82433/b09z-4k37`;
    expect(await has(ds, NS.rdf('type'), namedNode(NS.dcat('Dataset')), graph)).toBe(true);
    expect(await has(ds, NS.rdf('type'), namedNode(NS.schema('Dataset')), graph)).toBe(true);
    expect(await has(ds, NS.dct('title'), literal('Example Title', 'en'), graph)).toBe(true);
    expect(await has(ds, NS.dct('alternative'), literal('Example TranslatedTitle', 'fr'), graph)).toBe(true);
    expect(await has(ds, NS.dct('issued'), literal('2024', namedNode(NS.xsd('gYear'))), graph)).toBe(true);
    // <nameIdentifier nameIdentifierScheme="ORCID">https://orcid.org/0000-0001-5727-2427</nameIdentifier>
    const creator = id('person/orcid-0000-0001-5727-2427');
    expect(await has(ds, NS.dct('creator'), creator, graph)).toBe(true);
    expect(await has(creator, NS.owl('sameAs'), namedNode('https://orcid.org/0000-0001-5727-2427'), graph)).toBe(true);
    expect(await has(creator, NS.schema('affiliation'), id('org/ror-04wxnsj81'), graph)).toBe(true);
    // <funderIdentifier funderIdentifierType="Crossref Funder ID">https://doi.org/10.13039/501100000780</funderIdentifier>, awardNumber 12345
    const funder = id('org/fundref-501100000780');
    expect(await has(ds, NS.schema('funder'), funder, graph)).toBe(true);
    expect(await has(funder, NS.foaf('name'), literal('Example Funder'), graph)).toBe(true);
    const award = namedNode(`${ds.value}#award-1`);
    expect(await has(ds, NS.schema('funding'), award, graph)).toBe(true);
    expect(await has(award, NS.schema('identifier'), literal('12345'), graph)).toBe(true);
    expect(await has(award, NS.schema('funder'), funder, graph)).toBe(true);
    // <rights rightsURI="https://creativecommons.org/licenses/by/4.0/">
    expect(await has(ds, NS.dct('license'), namedNode('https://creativecommons.org/licenses/by/4.0/'), graph)).toBe(true);
    expect(await has(ds, NS.dct('publisher'), id('org/ror-04z8jg394'), graph)).toBe(true);
    // <language>en</language>
    expect(await has(ds, NS.dct('language'), namedNode('http://id.loc.gov/vocabulary/iso639-1/en'), graph)).toBe(true);
  });

  it('links related identifiers by relation type to DOI IRIs (source: bolognese-datacite.json)', async () => {
    const ds = id('doi/10.5438/4k3m-nyvg');
    expect(await has(ds, NS.dct('isPartOf'), id('doi/10.5438/0000-00ss'))).toBe(true);
    expect(await has(ds, NS.dct('references'), id('doi/10.5438/0012'))).toBe(true);
    expect(await has(ds, NS.dct('references'), id('doi/10.5438/55e5-t5c0'))).toBe(true);
    expect(await has(ds, NS.dct('creator'), id('person/orcid-0000-0003-1419-2405'))).toBe(true);
    expect(await has(ds, NS.rdf('type'), namedNode(NS.schema('CreativeWork')))).toBe(true);
  });

  it('separates licence and access rights, and maps a kernel-4.4 funder (source: datacite-example-fundingReference-v4.xml)', async () => {
    const ds = id('doi/10.5281/zenodo.47394');
    expect(await has(ds, NS.dct('license'), namedNode('https://creativecommons.org/publicdomain/zero/1.0/'))).toBe(true);
    expect(await has(ds, NS.dct('accessRights'), namedNode('info:eu-repo/semantics/openAccess'))).toBe(true);
    expect(await has(ds, NS.dct('license'), namedNode('info:eu-repo/semantics/openAccess'))).toBe(false);
    expect(await has(id('org/fundref-501100000780'), NS.foaf('name'), literal('European Commission'))).toBe(true);
    expect(await has(ds, NS.dct('hasPart'), namedNode('https://zenodo.org/record/47394/files/Data_All_Internal_motivations.pdf'))).toBe(true);
  });

  it('keys organisational creators by ROR and keeps keyword subjects as concepts (source: datacite-example-ROR-nameIdentifiers.xml)', async () => {
    const ds = id('doi/10.48321/d1z60q');
    const gump = id('org/ror-04sk0et52');
    expect(await has(ds, NS.dct('creator'), gump)).toBe(true);
    expect(await has(gump, NS.rdf('type'), namedNode(NS.foaf('Organization')))).toBe(true);
    expect(await has(gump, NS.owl('sameAs'), namedNode('https://ror.org/04sk0et52'))).toBe(true);
    const keyword = id('concept/keyword-datacite');
    expect(await has(id('doi/10.5438/4k3m-nyvg'), NS.dct('subject'), keyword)).toBe(true);
    expect(await has(keyword, NS.skos('prefLabel'), literal('datacite'))).toBe(true);
  });

  it('types each record by its resourceTypeGeneral: Text and OutputManagementPlan are documents, Software is code, Dataset is not a document', async () => {
    const type = (s: N3.NamedNode, c: string) => has(s, NS.rdf('type'), namedNode(c));
    // bolognese-datacite.json: "resourceTypeGeneral": "Text"
    expect(await type(id('doi/10.5438/4k3m-nyvg'), NS.bibo('Document'))).toBe(true);
    // kernel-4.3-datacite-example-full-v4.json: "resourceTypeGeneral": "Software"
    expect(await type(id('doi/10.5072/example-full'), NS.schema('SoftwareSourceCode'))).toBe(true);
    expect(await type(id('doi/10.5072/example-full'), NS.bibo('Document'))).toBe(false);
    // datacite-example-ROR-nameIdentifiers.xml: resourceTypeGeneral="OutputManagementPlan"
    expect(await type(id('doi/10.48321/d1z60q'), NS.bibo('Document'))).toBe(true);
    // kernel-4.7 full example: resourceTypeGeneral="Dataset"
    expect(await type(id('doi/10.82433/b09z-4k37'), NS.bibo('Document'))).toBe(false);
    expect(await type(id('doi/10.82433/b09z-4k37'), NS.schema('Dataset'))).toBe(true);
  });

  it('gives publications, collections and images their BIBO / schema.org class (one record per type, mapped directly)', () => {
    const classes = (resourceTypeGeneral: string) => {
      const data = { doi: '10.5438/0000-0001', titles: [{ title: 'T', main: true }], resourceTypeGeneral };
      const { quads } = mapper.map({ index: 1, id: data.doi, kind: 'dataset', mapping: 'datacite', data }, { fileName: 'x.json', baseIri: base });
      return quads.filter((q) => q.predicate.value === NS.rdf('type')).map((q) => q.object.value);
    };
    expect(classes('JournalArticle')).toEqual(expect.arrayContaining([NS.bibo('Document'), NS.bibo('AcademicArticle'), NS.schema('CreativeWork')]));
    expect(classes('Book')).toContain(NS.bibo('Book'));
    expect(classes('BookChapter')).toContain(NS.bibo('Chapter'));
    expect(classes('Dissertation')).toContain(NS.bibo('Thesis'));
    expect(classes('Collection')).toEqual(expect.arrayContaining([NS.bibo('Collection'), NS.schema('Collection')]));
    expect(classes('Collection')).not.toContain(NS.bibo('Document'));
    expect(classes('Image')).toEqual(expect.arrayContaining([NS.bibo('Image'), NS.schema('ImageObject')]));
    expect(classes('Software')).not.toContain(NS.bibo('Document'));
  });

  it('re-importing the same files changes nothing', async () => {
    const again = await importPaths(store, [datasets], { baseIri: base, mapper, validator });
    expect(again).toMatchObject({ read: 10, written: 0, unchanged: 6, rejected: 4 });
  });
});
