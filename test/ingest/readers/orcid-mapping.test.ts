/** End to end: ORCID fixtures -> reader -> mappings/orcid.yaml -> a real store; key triples checked against the source files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingEngine } from '../../../src/ingest/mapping/engine.js';
import { loadMappingFile } from '../../../src/ingest/mapping/load.js';
import { importPaths } from '../../../src/ingest/pipeline.js';
import { orcidWork } from '../../../src/ingest/readers/orcid-record.js';
import { createIngest } from '../../../src/ingest/setup.js';
import type { ImportSummary } from '../../../src/ingest/types.js';
import { EmbeddedStore } from '../../../src/store/embedded.js';
import { NS } from '../../../src/vocab.js';

const { namedNode, literal } = N3.DataFactory;
const base = 'http://localhost:8080/';
const root = join(import.meta.dirname, '../../..');
const files = ['record-full-3.0.json', 'record-3.0.xml', 'bulk-works-100-works-3.0.json'].map((f) => join(root, 'fixtures/authors/orcid', f));
const mapper = new MappingEngine(new Map([['orcid', loadMappingFile(join(root, 'mappings/orcid.yaml'))]]));
let dir = '';
let store: EmbeddedStore;
let first: ImportSummary;
let validator: Awaited<ReturnType<typeof createIngest>>['validator'];

const id = (path: string) => namedNode(`${base}id/${path}`);
async function has(s: N3.NamedNode, p: string, o: N3.Term, graph?: string): Promise<boolean> {
  return (await store.match(s, namedNode(p), o, graph ? namedNode(graph) : null)).length > 0;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-orcid-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1_000_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 10_000_000 });
  // The real SHACL validator of shapes/: a record that does not conform is rejected.
  validator = (await createIngest({ baseIri: base })).validator;
  first = await importPaths(store, files, { baseIri: base, mapper, validator });
}, 30_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ORCID records mapped into the store', () => {
  it('writes one graph per record and per ownerless work', () => {
    expect(first).toMatchObject({ read: 102, written: 102, rejected: 0 });
  });

  it('maps the person of record-full-3.0.json: name parts, ORCID link (source: person.name, orcid-identifier)', async () => {
    const person = id('person/orcid-0000-0002-7319-2192');
    const graph = `${base}graph/orcid/0000-0002-7319-2192`;
    expect(await has(person, NS.rdf('type'), namedNode(NS.foaf('Person')), graph)).toBe(true);
    expect(await has(person, NS.foaf('name'), literal('Three releasecandidate1'), graph)).toBe(true);
    expect(await has(person, NS.foaf('givenName'), literal('Three'), graph)).toBe(true);
    expect(await has(person, NS.foaf('familyName'), literal('releasecandidate1'), graph)).toBe(true);
    expect(await has(person, NS.owl('sameAs'), namedNode('https://orcid.org/0000-0002-7319-2192'), graph)).toBe(true);
    expect(await has(person, NS.libkg('orcid'), literal('0000-0002-7319-2192'), graph)).toBe(true);
  });

  it('links the person to the employing organisation keyed by its FundRef id (source: employment-summary.organization)', async () => {
    const person = id('person/orcid-0000-0002-7319-2192');
    const orgNode = id('org/fundref-100000001');
    expect(await has(person, NS.org('memberOf'), orgNode)).toBe(true);
    expect(await has(person, NS.schema('affiliation'), orgNode)).toBe(true);
    expect(await has(orgNode, NS.foaf('name'), literal('common:name'))).toBe(true);
    expect(await has(orgNode, NS.owl('sameAs'), namedNode('https://doi.org/10.13039/100000001'))).toBe(true);
    const membership = namedNode(`${person.value}#affiliation-1`);
    expect(await has(membership, NS.org('organization'), orgNode)).toBe(true);
    expect(await has(membership, NS.schema('startDate'), literal('1948-02-02', namedNode(NS.xsd('date'))))).toBe(true);
  });

  it('gives a work its DOI IRI when the DOI is its own, and dct:isVersionOf when it names another version', async () => {
    // bulk file, work 1: external-id doi 10.1001/j.crvasa.2015.05.007, relationship self; contributor Jordan 0000-0002-5391-5437.
    const work = id('doi/10.1001/j.crvasa.2015.05.007');
    expect(await has(work, NS.dct('title'), literal('Work Title 1'))).toBe(true);
    expect(await has(work, NS.bibo('doi'), literal('10.1001/j.crvasa.2015.05.007'))).toBe(true);
    expect(await has(work, NS.dct('creator'), id('person/orcid-0000-0002-5391-5437'))).toBe(true);
    expect(await has(id('person/orcid-0000-0002-5391-5437'), NS.foaf('name'), literal('Jordan'))).toBe(true);
    // record-full: doi 10.1087/20120404 with relationship version-of, put-code 178602.
    const own = id('work/orcid-0000-0002-7319-2192-178602');
    expect(await has(own, NS.dct('isVersionOf'), id('doi/10.1087/20120404'))).toBe(true);
    expect(await has(own, NS.dct('creator'), id('person/orcid-0000-0002-7319-2192'))).toBe(true);
  });

  it('gives each work summary its journal, publication date, own external ids and contributors', async () => {
    // bulk file, work 1: journal-title "Cor et Vasa", publication-date 2021-06-01, journal-article;
    // contributors Jordan 0000-0002-5391-5437 (first, author) and Fran 0000-0002-4325-871X (additional, author).
    const work = id('doi/10.1001/j.crvasa.2015.05.007');
    const journal = namedNode(`${work.value}#journal`);
    expect(await has(work, NS.dct('isPartOf'), journal)).toBe(true);
    expect(await has(journal, NS.dct('title'), literal('Cor et Vasa'))).toBe(true);
    expect(await has(journal, NS.rdf('type'), namedNode(NS.bibo('Journal')))).toBe(true);
    expect(await has(work, NS.dct('issued'), literal('2021-06-01', namedNode(NS.xsd('date'))))).toBe(true);
    expect(await has(work, NS.dct('creator'), id('person/orcid-0000-0002-4325-871X'))).toBe(true);
    expect(await has(work, NS.dct('contributor'), id('person/orcid-0000-0002-5391-5437'))).toBe(true);
    expect(await has(id('person/orcid-0000-0002-4325-871X'), NS.foaf('name'), literal('Fran'))).toBe(true);
    // record-3.0.xml, work-summary put-code 0: journal-title "Procedia Computer Science", 1948-02-02,
    // external id agr "external-id-value" (self); the group's part-of agr id is not the work's own.
    const xmlWork = id('work/orcid-8888-8888-8888-8880-0');
    expect(await has(xmlWork, NS.dct('identifier'), literal('agr:external-id-value'))).toBe(true);
    expect((await store.match(xmlWork, namedNode(NS.dct('identifier')), null, null)).map((q) => q.object.value)).toEqual(['agr:external-id-value']);
    expect(await has(namedNode(`${xmlWork.value}#journal`), NS.dct('title'), literal('Procedia Computer Science'))).toBe(true);
    // artistic-performance: a container, but no journal class.
    expect(await has(namedNode(`${xmlWork.value}#journal`), NS.rdf('type'), namedNode(NS.bibo('Journal')))).toBe(false);
    expect(await has(xmlWork, NS.dct('issued'), literal('1948-02-02', namedNode(NS.xsd('date'))))).toBe(true);
  });

  it('puts a work in the ISSN work of its journal when an external id names the ISSN (part-of)', () => {
    const w = orcidWork(
      {
        'put-code': 7,
        title: { title: { value: 'A letter' } },
        'journal-title': { value: 'Nature' },
        type: 'journal-article',
        'external-ids': { 'external-id': [{ 'external-id-type': 'issn', 'external-id-value': '00280836', 'external-id-relationship': 'part-of' }] },
      },
      '0000-0002-1825-0097',
    );
    const data = { orcid: '0000-0002-1825-0097', works: [w], affiliations: [] };
    const { quads } = mapper.map({ index: 1, id: 'x', kind: 'author', mapping: 'orcid', data }, { fileName: 'x.json', baseIri: base });
    const journal = `${base}id/work/issn-0028-0836`;
    const triples = quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`);
    expect(triples).toContain(`${base}id/work/orcid-0000-0002-1825-0097-7 ${NS.dct('isPartOf')} ${journal}`);
    expect(triples).toContain(`${journal} ${NS.bibo('issn')} 0028-0836`);
    expect(triples).toContain(`${journal} ${NS.dct('title')} Nature`);
  });

  it('maps the XML record like the JSON one (source: record-3.0.xml credit-name, employment organization)', async () => {
    const person = id('person/orcid-8888-8888-8888-8880');
    expect(await has(person, NS.foaf('name'), literal('credit-name'))).toBe(true);
    expect(await has(person, NS.skos('altLabel'), literal('other-name-1'))).toBe(true);
    const orgs = await store.match(null, namedNode(NS.foaf('name')), literal('employment-org'));
    expect(orgs).toHaveLength(1);
    expect(await has(person, NS.org('memberOf'), orgs[0]?.subject as N3.NamedNode)).toBe(true);
  });

  it('re-importing the same files changes nothing', async () => {
    const again = await importPaths(store, files, { baseIri: base, mapper, validator });
    expect(again).toMatchObject({ read: 102, written: 0, unchanged: 102, rejected: 0 });
  });
});
