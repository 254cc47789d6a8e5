import { readFileSync } from 'node:fs';
/**
 * OAI-PMH over records mapped by the real ingest from fixtures/ (MARC,
 * patent XML, DataCite, COUNTER): every record in every format it offers is
 * schema-valid, sets follow the mapped entity types, and the catalog
 * records' Dublin Core and rebuilt MARCXML carry the source MARC's fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaLog } from '../fixtures/oai/validate.js';
import { lacks } from '../helpers/clients.js';
import { importFixtures } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const FILES = [
  'catalog/marc4j-chabon.mrc',
  'patents/US06337117.xml',
  'datasets/datacite-xml/kernel-4.7-datacite-example-full-v4.xml',
  'usage/counter-r5.0/Sample-TR.json',
];

let s: TestServer;
const schema = new SchemaLog();
beforeAll(async () => {
  s = await startTestServer();
  const summary = await importFixtures(s.store, s.config.baseIri, FILES);
  expect(summary.rejected).toBe(0);
}, 30_000);
afterAll(() => s.close());

async function oai(query: string): Promise<string> {
  const r = await s.app.inject({ method: 'GET', url: `/oai?${query}` });
  expect(r.statusCode).toBe(200);
  schema.add(query, r.body);
  return r.body;
}

const records = (xml: string) => xml.split('<record>').slice(1);

describe('OAI-PMH over mapped fixture records', () => {
  it('puts each source in its set and validates every format', async () => {
    const expected: Record<string, string> = { catalog: 'type:work', patent: 'type:patent', datacite: 'type:dataset', counter: 'type:usage' };
    for (const prefix of ['oai_dc', 'rdf']) {
      const list = records(await oai(`verb=ListRecords&metadataPrefix=${prefix}`));
      expect(list.length).toBeGreaterThanOrEqual(5);
      for (const r of list) {
        const source = /graph\/([^/]+)\//.exec(r)?.[1] as string;
        const set = /<setSpec>([^<]+)</.exec(r)?.[1];
        if (expected[source]) expect(set).toBe(expected[source]);
        expect(r).toContain('<metadata>');
      }
    }
    const marc = records(await oai('verb=ListRecords&metadataPrefix=marcxml'));
    expect(marc).toHaveLength(2);
  });

  it('carries the Chabon records into Dublin Core and MARCXML', async () => {
    const dc = records(await oai('verb=ListRecords&metadataPrefix=oai_dc&set=type:work')).join('');
    expect(dc).toMatch(/<dc:title[^>]*>The amazing adventures of Kavalier and Clay/);
    expect(dc).toMatch(/<dc:title[^>]*>Summerland/);
    expect(dc).toMatch(/<dc:creator>Chabon, Michael/);
    const patent = records(await oai('verb=ListRecords&metadataPrefix=oai_dc&set=type:patent')).join('');
    expect(patent).toContain('<dc:title xml:lang="en">Optical memory device</dc:title>');
    expect(patent).toContain('<dc:creator>Yukio Yamaguchi</dc:creator>');
    expect(patent).not.toContain('<dc:contributor>Yukio Yamaguchi</dc:contributor>');
    const marc = records(await oai('verb=ListRecords&metadataPrefix=marcxml')).join('');
    expect(marc).toMatch(/<marc:datafield tag="245" ind1="1" ind2="0"><marc:subfield code="a">(The amazing adventures of Kavalier and Clay|Summerland)/);
    expect(marc).toMatch(/<marc:datafield tag="100" ind1="1" ind2=" "><marc:subfield code="a">Chabon, Michael/);
    expect(marc).toMatch(/<marc:controlfield tag="001">(11939876|12883376)/);
  });

  it('serves the catalog record as it was imported: every field of the source MARC', async () => {
    const source = readFileSync(new URL('../../fixtures/catalog/marc4j-chabon.xml', import.meta.url), 'utf8');
    const marc = records(await oai('verb=ListRecords&metadataPrefix=marcxml')).join('');
    const fields = (xml: string) => (xml.match(/<marc:datafield tag="\d{3}"|<datafield tag="\d{3}"/g) ?? []).map((m) => m.slice(-4, -1)).sort();
    expect(fields(marc)).toEqual(fields(source));
    expect(marc).toContain('<marc:subfield code="a">0679450041 (acid-free paper)</marc:subfield>');
  });
});

describe('OAI-PMH schema over mapped records', () => {
  it.skipIf(lacks('xmllint'))('every response above validates against the OAI-PMH 2.0 schemas', () => {
    expect(schema.size).toBeGreaterThan(5);
    expect(schema.errors()).toEqual([]);
  });
});
