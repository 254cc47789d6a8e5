import Fastify, { type FastifyInstance } from 'fastify';
import N3 from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFormBody } from '../../src/http/kit/form-body.js';
import { oaiPlugin } from '../../src/http/oai/index.js';
import { escapeXml } from '../../src/http/oai/protocol/xml-writer.js';
import { generatedPuts, samplePuts } from '../fixtures/oai/sample-records.js';
import { SchemaLog } from '../fixtures/oai/validate.js';
import { lacks } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let base: string;
const schema = new SchemaLog();

async function oai(query: string, app: FastifyInstance = server.app): Promise<string> {
  const res = await app.inject({ method: 'GET', url: `/oai?${query}` });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/xml/);
  schema.add(query, res.body);
  return res.body;
}

const all = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[1] as string);
const errorCode = (xml: string) => /<error code="(\w+)"/.exec(xml)?.[1];
const tokenOf = (xml: string) => /<resumptionToken[^>]*>([^<]*)<\/resumptionToken>|<resumptionToken[^>]*\/>/.exec(xml)?.[1] ?? '';

function parseRdfXml(xml: string): Promise<N3.Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: N3.Quad[] = [];
    new RdfXmlParser()
      .on('data', (q) => quads.push(q))
      .on('error', reject)
      .on('end', () => resolve(quads))
      .end(xml);
  });
}

beforeAll(async () => {
  server = await startTestServer();
  base = server.config.baseIri;
  await server.store.putGraphs(samplePuts(base));
});
afterAll(() => server.close());

describe('OAI-PMH Identify, formats and sets', () => {
  it('identifies the repository with persistent deletions and seconds granularity', async () => {
    const xml = await oai('verb=Identify');
    expect(xml).toContain(`<baseURL>${base}oai</baseURL>`);
    expect(xml).toContain('<protocolVersion>2.0</protocolVersion>');
    expect(xml).toContain('<deletedRecord>persistent</deletedRecord>');
    expect(xml).toContain('<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>');
    const earliest = /<earliestDatestamp>([^<]+)</.exec(xml)?.[1] as string;
    expect(earliest).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(earliest)).toBeLessThanOrEqual(Date.now());
  });

  it('lists oai_dc, rdf and marcxml, and marcxml only for catalog records', async () => {
    expect(all(await oai('verb=ListMetadataFormats'), /<metadataPrefix>([^<]+)</g)).toEqual(['oai_dc', 'rdf', 'marcxml']);
    const catalog = await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(`${base}graph/catalog/ocm001`)}`);
    expect(all(catalog, /<metadataPrefix>([^<]+)</g)).toEqual(['oai_dc', 'rdf', 'marcxml']);
    const person = await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(`${base}graph/authority/gnd-118540238`)}`);
    expect(all(person, /<metadataPrefix>([^<]+)</g)).toEqual(['oai_dc', 'rdf']);
    expect(errorCode(await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(`${base}graph/catalog/nope`)}`))).toBe('idDoesNotExist');
  });

  it('lists one set per entity type and puts each record in its main entity type', async () => {
    const sets = all(await oai('verb=ListSets'), /<setSpec>([^<]+)</g);
    expect(sets).toEqual(expect.arrayContaining(['type:work', 'type:person', 'type:patent', 'type:dataset', 'type:concept', 'type:usage']));
    const headers = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    const setOf = Object.fromEntries(
      [...headers.matchAll(/<identifier>([^<]+)<\/identifier><datestamp>[^<]+<\/datestamp><setSpec>([^<]+)</g)].map((m) => [
        (m[1] as string).slice(base.length),
        m[2],
      ]),
    );
    expect(setOf).toEqual({
      'graph/catalog/ocm001': 'type:work',
      'graph/catalog/ocm002': 'type:work',
      'graph/authority/gnd-118540238': 'type:person',
      'graph/patent/US6336130B1': 'type:patent',
      'graph/datacite/10.5061-dryad.1': 'type:dataset',
      'graph/skos/stw-1': 'type:concept',
      'graph/counter/item1-2024-01-total': 'type:usage',
    });
    const persons = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:person');
    expect(all(persons, /<identifier>([^<]+)</g)).toEqual([`${base}graph/authority/gnd-118540238`]);
  });
});

describe('OAI-PMH GetRecord', () => {
  const id = () => encodeURIComponent(`${server.config.baseIri}graph/catalog/ocm001`);

  it('maps a catalog record to escaped Dublin Core', async () => {
    const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${id()}`);
    expect(xml).toContain('<dc:title xml:lang="en">Notes on the Analytical Engine &amp; &lt;other&gt; machines</dc:title>');
    expect(xml).toContain('<dc:creator>Lovelace, Ada</dc:creator>');
    expect(xml).toContain('<dc:subject xml:lang="en">Computers</dc:subject>');
    expect(xml).toContain('<dc:publisher>Taylor</dc:publisher>');
    expect(xml).toContain('<dc:date>1843</dc:date>');
    expect(xml).toContain('<dc:language>eng</dc:language>');
    expect(xml).toContain('<dc:type>Book</dc:type>');
    expect(xml).toContain(`<dc:identifier>${base}id/work/ocolc-ocm001</dc:identifier>`);
    expect(xml).toContain('<dc:identifier>9780000000002</dc:identifier>');
  });

  it('keeps non-Latin titles with their script tag', async () => {
    const xml = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(`${base}graph/catalog/ocm002`)}`);
    expect(xml).toMatch(/<dc:title xml:lang="ja-jpan">東京の図書館<\/dc:title>/i);
  });

  it('disseminates the record graph as RDF/XML that parses back to the same graph', async () => {
    const xml = await oai(`verb=GetRecord&metadataPrefix=rdf&identifier=${id()}`);
    const rdfXml = /<metadata>([\s\S]*)<\/metadata>/.exec(xml)?.[1] as string;
    const parsed = await parseRdfXml(rdfXml);
    const stored = (await server.store.getGraph(`${base}graph/catalog/ocm001`)).map((q) => N3.DataFactory.quad(q.subject, q.predicate, q.object));
    expect(isomorphic(parsed, stored)).toBe(true);
  });

  it('rebuilds MARCXML for catalog records and refuses it for others', async () => {
    const xml = await oai(`verb=GetRecord&metadataPrefix=marcxml&identifier=${id()}`);
    expect(xml).toContain('<marc:leader>00000nam a2200000 i 4500</marc:leader>');
    expect(xml).toContain('<marc:controlfield tag="001">ocm001</marc:controlfield>');
    expect(xml).toContain('<marc:datafield tag="020" ind1=" " ind2=" "><marc:subfield code="a">9780000000002</marc:subfield></marc:datafield>');
    expect(xml).toContain('<marc:datafield tag="100" ind1="1" ind2=" "><marc:subfield code="a">Lovelace, Ada</marc:subfield></marc:datafield>');
    expect(xml).toContain(
      '<marc:subfield code="a">Notes on the Analytical Engine &amp; &lt;other&gt; machines</marc:subfield><marc:subfield code="b">a memoir</marc:subfield>',
    );
    expect(xml).toContain('<marc:subfield code="c">1843</marc:subfield>');
    const person = await oai(`verb=GetRecord&metadataPrefix=marcxml&identifier=${encodeURIComponent(`${base}graph/authority/gnd-118540238`)}`);
    expect(errorCode(person)).toBe('cannotDisseminateFormat');
  });

  it('answers idDoesNotExist for unknown identifiers and non-record graphs', async () => {
    expect(errorCode(await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(`${base}graph/catalog/none`)}`))).toBe('idDoesNotExist');
    expect(errorCode(await oai('verb=GetRecord&metadataPrefix=oai_dc&identifier=urn:x'))).toBe('idDoesNotExist');
  });
});

describe('OAI-PMH XML writing', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml('a\u0001b <c> & "d" \'e\' \uD800')).toBe('ab &lt;c&gt; &amp; &quot;d&quot; &apos;e&apos; ');
    expect(escapeXml('😀 東京')).toBe('😀 東京');
  });
});

describe('OAI-PMH errors', () => {
  it.each([
    ['', 'badVerb'],
    ['verb=Frobnicate', 'badVerb'],
    ['verb=Identify&verb=Identify', 'badVerb'],
    ['verb=Identify&extra=1', 'badArgument'],
    ['verb=ListRecords', 'badArgument'],
    ['verb=GetRecord&metadataPrefix=oai_dc', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=rdf', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-13-01', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=yesterday', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-02-01T00:00:00Z', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-01&until=2024-01-01', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&set=a%20b', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc', 'badArgument'],
    ['verb=ListRecords&resumptionToken=abc', 'badResumptionToken'],
    ['verb=ListRecords&resumptionToken=%3Cscript%3E', 'badResumptionToken'],
    ['verb=ListSets&resumptionToken=abc', 'badResumptionToken'],
    ['verb=ListRecords&metadataPrefix=mods', 'cannotDisseminateFormat'],
    ['verb=ListRecords&metadataPrefix=oai_dc&set=type:spaceship', 'noRecordsMatch'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01', 'noRecordsMatch'],
    ['verb=ListIdentifiers&metadataPrefix=oai_dc&until=2000-01-01T00:00:00Z', 'noRecordsMatch'],
  ])('%s -> %s', async (query, code) => {
    const xml = await oai(query);
    expect(errorCode(xml)).toBe(code);
    // badVerb and badArgument echo only the base URL (§3.6).
    if (code === 'badVerb' || code === 'badArgument') expect(xml).toContain(`<request>${base}oai</request>`);
  });

  it('answers form POSTs like GETs', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/oai',
      payload: 'verb=ListSets',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    schema.add('POST verb=ListSets', res.body);
    expect(res.body).toContain('<setSpec>type:work</setSpec>');
  });

  it('refuses a token made for another verb', async () => {
    const small = await smallApp(2);
    const token = tokenOf(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc', small));
    expect(token).not.toBe('');
    expect(errorCode(await oai(`verb=ListRecords&resumptionToken=${token}`, small))).toBe('badResumptionToken');
    await small.close();
  });
});

/** The OAI plugin alone over the test store, with a small page size. */
async function smallApp(pageSize: number): Promise<FastifyInstance> {
  const app = Fastify();
  installFormBody(app);
  await app.register(oaiPlugin, { store: server.store, baseIri: base, pageSize });
  await app.ready();
  return app;
}

async function harvest(app: FastifyInstance, first: string, onPage?: (page: number) => Promise<void>) {
  const ids: string[] = [];
  const pages: { cursor: number; size: number }[] = [];
  let xml = await oai(first, app);
  for (let page = 0; ; page++) {
    ids.push(...all(xml, /<identifier>([^<]+)</g));
    const t = /<resumptionToken completeListSize="(\d+)" cursor="(\d+)"(?:\/>|>([^<]*)<)/.exec(xml);
    if (!t) break;
    pages.push({ size: Number(t[1]), cursor: Number(t[2]) });
    if (!t[3]) break;
    await onPage?.(page);
    xml = await oai(`verb=${/verb="(\w+)"/.exec(xml)?.[1]}&resumptionToken=${t[3]}`, app);
  }
  return { ids, pages };
}

describe('OAI-PMH lists, resumption and deletions', () => {
  it('pages with completeListSize and cursor, and tokens survive changes made during the harvest', async () => {
    await server.store.putGraphs(generatedPuts(base, 10));
    const small = await smallApp(4);
    const before = (await harvest(small, 'verb=ListIdentifiers&metadataPrefix=oai_dc')).ids;
    expect(before).toHaveLength(17);
    expect(new Set(before).size).toBe(17);

    const { ids, pages } = await harvest(small, 'verb=ListRecords&metadataPrefix=oai_dc&set=type:work', async (page) => {
      if (page !== 0) return;
      // Between pages: a record already sent changes, a new one arrives.
      const [changed] = generatedPuts(base, 1, 0);
      changed?.quads.pop();
      await server.store.putGraphs([changed as never, ...generatedPuts(base, 1, 100)]);
    });
    expect(pages[0]).toEqual({ size: 12, cursor: 0 });
    expect(pages.map((p) => p.cursor)).toEqual([0, 4, 8, 12]);
    // Every work record once, plus the changed one again and the new one: nothing skipped.
    const works = before.filter((i) => i.includes('/graph/catalog/'));
    expect(new Set(ids)).toEqual(new Set([...works, `${base}graph/catalog/gen100`]));
    expect(ids.filter((i) => i === `${base}graph/catalog/gen0`)).toHaveLength(2);
    await small.close();
  });

  it('keeps only catalog records in a marcxml list', async () => {
    const ids = all(await oai('verb=ListIdentifiers&metadataPrefix=marcxml'), /<identifier>([^<]+)</g);
    expect(ids.length).toBeGreaterThan(2);
    expect(ids.every((i) => i.startsWith(`${base}graph/catalog/`))).toBe(true);
  });

  it('reports deleted records with status="deleted" headers and no metadata', async () => {
    const gone = `${base}graph/patent/US6336130B1`;
    await server.store.deleteGraphs([gone]);
    const list = await oai('verb=ListRecords&metadataPrefix=oai_dc&set=type:patent');
    expect(list).toMatch(
      new RegExp(
        `<record><header status="deleted"><identifier>${gone}</identifier><datestamp>[^<]+</datestamp><setSpec>type:patent</setSpec></header></record>`,
      ),
    );
    const one = await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(gone)}`);
    expect(one).toContain('<header status="deleted">');
    expect(one).not.toContain('<metadata>');
  });

  it('harvests selectively by from/until at seconds and day granularity', async () => {
    const headers = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    const stamps = all(headers, /<datestamp>([^<]+)</g);
    const latest = stamps.sort().at(-1) as string;
    await new Promise((r) => setTimeout(r, 1100));
    await server.store.putGraphs(generatedPuts(base, 2, 200));
    const after = new Date(Date.parse(latest) + 1000).toISOString().slice(0, 19) + 'Z';
    const fresh = all(await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${after}`), /<identifier>([^<]+)</g);
    expect(fresh).toEqual([`${base}graph/catalog/gen200`, `${base}graph/catalog/gen201`]);
    const old = all(await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&until=${latest}`), /<identifier>([^<]+)</g);
    expect(old).not.toContain(`${base}graph/catalog/gen200`);
    expect(old.length).toBe(stamps.length);
    const today = new Date().toISOString().slice(0, 10);
    const day = all(await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${today}&until=${today}`), /<identifier>([^<]+)</g);
    expect(day.length).toBeGreaterThanOrEqual(fresh.length);
  });
});

describe('OAI-PMH schema', () => {
  it.skipIf(lacks('xmllint'))('every response above validates against the OAI-PMH 2.0 schemas', () => {
    expect(schema.size).toBeGreaterThan(30);
    expect(schema.errors()).toEqual([]);
  });
});
