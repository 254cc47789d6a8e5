import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dataciteReader } from '../../../src/ingest/readers/datacite.js';
import type { DataciteDataset } from '../../../src/ingest/readers/datacite-record.js';
import type { ReadItem } from '../../../src/ingest/types.js';

const dir = join(import.meta.dirname, '../../../fixtures/datasets');
const ctx = (fileName: string) => ({ fileName, baseIri: 'http://localhost:8080/' });

async function items(input: Readable, name: string): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const i of dataciteReader.read(input, ctx(name))) out.push(i);
  return out;
}
async function dataset(file: string): Promise<DataciteDataset> {
  const all = await items(createReadStream(join(dir, file)), file);
  expect(all).toHaveLength(1);
  const first = all[0];
  if (!first || !('record' in first)) throw new Error(`expected a record, got ${JSON.stringify(first)}`);
  expect(first.record).toMatchObject({ kind: 'dataset', mapping: 'datacite', index: 1 });
  return first.record.data as DataciteDataset;
}

describe('DataCite reader', () => {
  it('detects DataCite XML (kernel 3 and 4) and JSON, and no ORCID file', () => {
    for (const sub of ['datacite-xml', 'datacite-json', 'malformed'])
      for (const f of readdirSync(join(dir, sub))) expect(dataciteReader.detect(f, readFileSync(join(dir, sub, f)).subarray(0, 4096)), f).toBe(true);
    const orcid = join(import.meta.dirname, '../../../fixtures/authors/orcid/record-3.0.xml');
    expect(dataciteReader.detect('record-3.0.xml', readFileSync(orcid))).toBe(false);
  });

  it('normalises the kernel-4.7 full example: titles with lang, creator ORCID + ROR affiliation, funder, licence, related DOIs', async () => {
    const d = await dataset('datacite-xml/kernel-4.7-datacite-example-full-v4.xml');
    expect(d).toMatchObject({ doi: '10.82433/b09z-4k37', doiUrl: 'https://doi.org/10.82433/b09z-4k37', schemaVersion: 'kernel-4', title: 'Example Title' });
    expect(d.titles).toContainEqual({ title: 'Example TranslatedTitle', lang: 'fr', type: 'TranslatedTitle' });
    expect(d.creators[0]).toMatchObject({
      name: 'ExampleFamilyName, ExampleGivenName',
      nameType: 'Personal',
      givenName: 'ExampleGivenName',
      familyName: 'ExampleFamilyName',
      orcid: '0000-0001-5727-2427',
      key: 'orcid-0000-0001-5727-2427',
      affiliations: [{ name: 'ExampleAffiliation', ror: 'https://ror.org/04wxnsj81', key: 'ror-04wxnsj81', ref: 'org/ror-04wxnsj81' }],
      ref: 'person/orcid-0000-0001-5727-2427',
      kind: 'person',
    });
    expect(d.titles[0]).toEqual({ title: 'Example Title', lang: 'en', main: true });
    expect(d.creators[1]).toMatchObject({
      name: 'ExampleOrganization',
      nameType: 'Organizational',
      ror: 'https://ror.org/04wxnsj81',
      ref: 'org/ror-04wxnsj81',
      kind: 'org',
    });
    expect(d.publisher).toMatchObject({ name: 'Example Publisher', ror: 'https://ror.org/04z8jg394', key: 'ror-04z8jg394', ref: 'org/ror-04z8jg394' });
    expect(d).toMatchObject({ publicationYear: '2024', resourceTypeGeneral: 'Dataset', resourceType: 'Example ResourceType', language: 'en', version: '1' });
    expect(d.subjects[1]).toMatchObject({ subject: 'Digital curation and preservation', classificationCode: '461001' });
    expect(d.subjects[2]).toEqual({ subject: 'Example Subject', key: 'keyword-example-subject' });
    expect(d.fundingReferences).toEqual([
      {
        funderName: 'Example Funder',
        funderIdentifier: 'https://doi.org/10.13039/501100000780',
        funderIdentifierType: 'Crossref Funder ID',
        fundref: 'https://doi.org/10.13039/501100000780',
        funderKey: 'fundref-501100000780',
        funderRef: 'org/fundref-501100000780',
        awardNumber: '12345',
        awardUri: 'https://example.com/example-award-uri',
        awardTitle: 'Example AwardTitle',
      },
    ]);
    expect(d.rights).toEqual([
      {
        name: 'Creative Commons Attribution 4.0 International',
        uri: 'https://creativecommons.org/licenses/by/4.0/',
        kind: 'license',
        identifier: 'CC-BY-4.0',
        scheme: 'SPDX',
        lang: 'en',
      },
    ]);
    expect(d.relatedIdentifiers).toHaveLength(41);
    expect(d.relatedIdentifiers).toContainEqual({
      relationType: 'IsContinuedBy',
      identifier: '10.1016/j.epsl.2011.11.037',
      identifierType: 'DOI',
      resourceTypeGeneral: 'Collection',
      doi: '10.1016/j.epsl.2011.11.037',
    });
    expect(d.relatedIdentifiers).toContainEqual({
      relationType: 'Cites',
      identifier: 'arXiv:0706.0001',
      identifierType: 'arXiv',
      resourceTypeGeneral: 'Award',
      iri: 'https://arxiv.org/abs/0706.0001',
    });
    expect(d.dates).toContainEqual({ date: '2024-01-01/2024-12-31', type: 'Collected' });
    expect(d.descriptions[0]).toEqual({ description: 'Example Abstract', type: 'Abstract', lang: 'en' });
    expect(d.alternateIdentifiers).toEqual([{ identifier: '12345', type: 'Local accession number' }]);
    expect(d.geoLocationPlaces).toEqual(['Vancouver, British Columbia, Canada']);
  });

  it('reads DataCite JSON into the same shape as XML', async () => {
    const d = await dataset('datacite-json/kernel-4.3-datacite-example-full-v4.json');
    expect(d).toMatchObject({
      doi: '10.5072/example-full',
      title: 'Full DataCite XML Example',
      publicationYear: '2014',
      resourceTypeGeneral: 'Software',
      resourceType: 'XML',
    });
    expect(d.creators[0]).toMatchObject({
      name: 'Miller, Elizabeth',
      orcid: '0000-0001-5000-0007',
      affiliations: [{ name: 'DataCite', ror: 'https://ror.org/04wxnsj81', key: 'ror-04wxnsj81' }],
    });
    expect(d.contributors[0]).toMatchObject({ name: 'Starr, Joan', contributorType: 'ProjectLeader', orcid: '0000-0002-7285-027X' });
    expect(d.fundingReferences[0]).toMatchObject({
      funderName: 'National Science Foundation',
      fundref: 'https://doi.org/10.13039/100000001',
      awardNumber: 'CBET-106',
    });
    expect(d.rights).toEqual([{ uri: 'http://creativecommons.org/publicdomain/zero/1.0', kind: 'license', lang: 'en-US' }]);
    expect(d.subjects).toEqual([
      { subject: '000 computer science', key: 'dewey-000-computer-science', scheme: 'dewey', schemeUri: 'http://dewey.info/', lang: 'en-US' },
    ]);
    // The DOI identifier is not repeated as an alternate identifier.
    expect(d.alternateIdentifiers).toEqual([{ identifier: 'https://schema.datacite.org/meta/kernel-4.3/example/datacite-example-full-v4.3.xml', type: 'URL' }]);
  });

  it('takes a bolognese creator ORCID from its id and lower-cases DOIs of related identifiers', async () => {
    const d = await dataset('datacite-json/bolognese-datacite.json');
    expect(d.creators).toMatchObject([{ name: 'Fenner, Martin', orcid: '0000-0003-1419-2405', key: 'orcid-0000-0003-1419-2405', nameType: 'Personal' }]);
    expect(d.relatedIdentifiers.map((r) => [r.relationType, r.doi])).toEqual([
      ['IsPartOf', '10.5438/0000-00ss'],
      ['References', '10.5438/0012'],
      ['References', '10.5438/55e5-t5c0'],
    ]);
  });

  it('reads ROR/GRID affiliations and organisational creators given with bare or URL ROR ids', async () => {
    const d = await dataset('datacite-xml/datacite-example-ROR-nameIdentifiers.xml');
    expect(d.creators[0]?.affiliations).toEqual([
      { name: 'Metadata Game Changers', ror: 'https://ror.org/05bp8ka77', key: 'ror-05bp8ka77', ref: 'org/ror-05bp8ka77' },
      { name: 'Wesleyan University', grid: 'grid.268117.b', key: 'grid-grid.268117.b', ref: 'org/grid-grid.268117.b' },
    ]);
    expect(d.creators.filter((c) => c.nameType === 'Organizational').map((c) => c.key)).toEqual([
      'ror-04sk0et52',
      'ror-006zjws59',
      'ror-01qfhxr31',
      'ror-025e3rc84',
      // Scheme misspelt "RORS" and a bare id: nothing says it is a ROR id, so the name keys it.
      'name-جامعة-زاخۆ',
      'ror-04sk0et52',
    ]);
  });

  it('does not take a malformed ROR id for one (the kernel-4.7 award example uses "12abcde34")', async () => {
    const xml = readFileSync(join(dir, 'datacite-xml/kernel-4.7-datacite-example-full-v4.xml'), 'utf8').replace(
      'affiliationIdentifier="https://ror.org/04wxnsj81"',
      'affiliationIdentifier="https://ror.org/12abcde34"',
    );
    const all = await items(Readable.from([xml]), 'x.xml');
    const d = (all[0] as { record: { data: DataciteDataset } }).record.data;
    expect(d.creators[0]?.affiliations).toEqual([{ name: 'ExampleAffiliation', key: 'name-exampleaffiliation', ref: 'org/name-exampleaffiliation' }]);
  });

  it('reads kernel-3 records: funders named as contributors, PMID links, rights without URI', async () => {
    const d = await dataset('datacite-xml/datacite-multiple-rights.xml');
    expect(d).toMatchObject({ doi: '10.5061/dryad.8515', schemaVersion: 'kernel-3', resourceTypeGeneral: 'Dataset' });
    expect(d.relatedIdentifiers).toContainEqual({
      relationType: 'IsReferencedBy',
      identifier: '19478877',
      identifierType: 'PMID',
      iri: 'https://pubmed.ncbi.nlm.nih.gov/19478877',
    });
    expect(d.rights).toEqual([
      { name: 'info:eu-repo/semantics/openAccess', kind: 'access' },
      { name: 'Open Access', uri: 'info:eu-repo/semantics/openAccess', kind: 'access' },
    ]);
  });

  it('fails each malformed file with its reason', async () => {
    const reasons: Record<string, unknown> = {};
    for (const f of readdirSync(join(dir, 'malformed')).sort()) reasons[f] = await items(createReadStream(join(dir, 'malformed', f)), f);
    expect(reasons).toEqual({
      'bolognese-datacite_blank_publisher.xml': [
        { failure: { index: 1, id: '10.81360/4dvp-kr57', reason: 'DataCite record invalid: publisher is missing or empty' } },
      ],
      'bolognese-datacite_malformed_creator.xml': [
        { failure: { index: 1, id: '10.25670/oi2018-001on', reason: 'DataCite record invalid: creator 1 packs 3 creatorName elements into one creator' } },
      ],
      'bolognese-datacite_missing_creator.xml': [
        { failure: { index: 1, id: '10.5438/4k3m-nyvg', reason: 'DataCite record invalid: no creator (at least one is mandatory)' } },
      ],
      'bolognese-datacite_software_missing_comma.json': [
        { failure: { index: 1, reason: expect.stringMatching(/^DataCite record unreadable: invalid JSON: /) } },
      ],
    });
  });

  it('reads several records from a wrapper (REST API envelope) and reports bad ones among good ones', async () => {
    const good = JSON.parse(readFileSync(join(dir, 'datacite-json/bolognese-datacite.json'), 'utf8'));
    const bad = { ...good, doi: 'not-a-doi', id: undefined, identifiers: [], creators: [] };
    const all = await items(Readable.from([JSON.stringify({ data: [{ attributes: good }, { attributes: bad }] })]), 'page.json');
    expect(all[0]).toMatchObject({ record: { index: 1, id: '10.5438/4k3m-nyvg' } });
    expect(all[1]).toEqual({
      failure: { index: 2, reason: 'DataCite record invalid: identifier missing or not a DOI (not-a-doi); no creator (at least one is mandatory)' },
    });
  });
});
