/**
 * End to end: COUNTER reports and event logs -> usage readers -> mappings/counter.yaml
 * -> a real store. Key triples are checked against counts read off the source files
 * (COUNTER) or worked out by hand (fixtures/usage/events-handmade.csv).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../../src/ingest/pipeline.js';
import { createIngest } from '../../../src/ingest/setup.js';
import type { ImportSummary } from '../../../src/ingest/types.js';
import { EmbeddedStore } from '../../../src/store/embedded.js';
import { NS } from '../../../src/vocab.js';

const { namedNode, literal } = N3.DataFactory;
const base = 'http://localhost:8080/';
const root = join(import.meta.dirname, '../../..');
const fixture = (f: string) => join(root, 'fixtures/usage', f);
const files = [
  'counter-r5.1/TRJ1_sample_r51.json',
  'counter-r5.0/Sample-TR_J1.json',
  'events-handmade.csv',
  'events-generated.csv',
  'counter-r5.0/Sample-IR.json',
  'counter-r5.1/IRA1_sample_r51.tsv',
].map(fixture);
let dir = '';
let store: EmbeddedStore;
let summary: ImportSummary;

const int = (n: number) => literal(String(n), namedNode(NS.xsd('integer')));
const date = (d: string) => literal(d, namedNode(NS.xsd('date')));
async function objects(s: string, p: string, graph?: string): Promise<N3.Term[]> {
  return (await store.match(namedNode(s), namedNode(p), null, graph ? namedNode(graph) : null)).map((q) => q.object as N3.Term);
}
async function sum(metric: string, graphPrefix: string): Promise<number> {
  const q = `SELECT (SUM(?c) AS ?n) WHERE { GRAPH ?g { ?s <${NS.libkg('metricType')}> "${metric}" ; <${NS.libkg('count')}> ?c } FILTER(STRSTARTS(STR(?g), "${graphPrefix}")) }`;
  return Number(JSON.parse((await store.query(q)).body).results.bindings[0].n.value);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-usage-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1_000_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 10_000_000 });
  // The import path of `libkg import`: every mapping, and SHACL validation against shapes/ (usage.ttl).
  const { mapper, validator } = await createIngest({ baseIri: base });
  summary = await importPaths(store, files, { baseIri: base, mapper, validator });
}, 30_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('usage statistics mapped into the store', () => {
  it('writes one graph per item, never one per event, all conforming to the shapes; the bad log line is the one rejection', () => {
    // TRJ1_sample_r51: 1 item; Sample-TR_J1: 2; handmade log: 3 items + 1 unread line; generated log: 24 items;
    // Sample-IR: 4 items; IRA1_sample_r51.tsv: 3 items.
    expect(summary).toMatchObject({ read: 38, written: 37, rejected: 1 });
    expect(summary.rejections[0]?.reason).toContain('line 20: bad timestamp "yesterday"');
  });

  it('maps a real COUNTER R5.1 TR_J1 item (Title 3, January 2022: 526 requests, 226 unique)', async () => {
    const stat = `${base}id/usage/tr_j1/platform-1/doi-10.9999/xxxxt03-2022-01-Total_Item_Requests`;
    const graph = namedNode(`${base}graph/counter/tr_j1/platform-1/doi-10.9999/xxxxt03/2022-01--2022-12`);
    const quads = await store.match(namedNode(stat), null, null, graph);
    const po = Object.fromEntries(quads.map((q) => [q.predicate.value, q.object]));
    expect(po[NS.rdf('type')]).toEqual(namedNode(NS.libkg('UsageStatistic')));
    expect(po[NS.libkg('usageOf')]).toEqual(namedNode(`${base}id/doi/10.9999/xxxxt03`));
    expect(po[NS.libkg('metricType')]).toEqual(literal('Total_Item_Requests'));
    expect(po[NS.libkg('count')]).toEqual(int(526));
    expect(po[NS.libkg('period')]).toEqual(literal('2022-01', namedNode(NS.xsd('gYearMonth'))));
    expect(po[NS.libkg('periodStart')]).toEqual(date('2022-01-01'));
    expect(po[NS.libkg('periodEnd')]).toEqual(date('2022-01-31'));
    expect(po[NS.libkg('platform')]).toEqual(literal('Platform 1'));
    expect(po[NS.libkg('reportType')]).toEqual(literal('TR_J1'));
    expect(po[NS.dct('title')]).toEqual(literal('Title 3'));
    expect(await objects(`${base}id/usage/tr_j1/platform-1/doi-10.9999/xxxxt03-2022-01-Unique_Item_Requests`, NS.libkg('count'))).toEqual([int(226)]);
    // 12 months × 2 metrics.
    const stats = await store.match(null, namedNode(NS.rdf('type')), namedNode(NS.libkg('UsageStatistic')), graph);
    expect(stats).toHaveLength(24);
  });

  it('maps a real COUNTER R5.0 journal without DOI to its ISSN work IRI', async () => {
    const stat = `${base}id/usage/tr_j1/ppdelta/issn-2042-5813-2016-03-Total_Item_Requests`;
    const work = `${base}id/work/issn-2042-5813`;
    expect(await objects(stat, NS.libkg('usageOf'))).toEqual([namedNode(work)]);
    expect(await objects(stat, NS.libkg('count'))).toEqual([int(10)]);
    expect(await objects(work, NS.bibo('issn'))).toEqual([literal('2042-5813')]);
    expect(await objects(work, NS.bibo('eissn'))).toEqual([literal('2042-5872')]);
  });

  it('maps the hand-made log with robots and double clicks filtered', async () => {
    const stat = (m: string) => `${base}id/usage/events/local/doi-10.5061/dryad.8515-${m}`;
    const doi = namedNode(`${base}id/doi/10.5061/dryad.8515`);
    // 3 request clicks of s1 (one a double click) + a Googlebot request: 2.
    expect(await objects(stat('2024-01-Total_Item_Requests'), NS.libkg('count'))).toEqual([int(2)]);
    expect(await objects(stat('2024-01-Total_Item_Investigations'), NS.libkg('count'))).toEqual([int(4)]);
    expect(await objects(stat('2024-01-Unique_Item_Investigations'), NS.libkg('count'))).toEqual([int(2)]);
    expect(await objects(stat('2024-01-Unique_Item_Requests'), NS.libkg('count'))).toEqual([int(1)]);
    expect(await objects(stat('2024-02-Limit_Exceeded'), NS.libkg('count'))).toEqual([int(1)]);
    expect(await objects(stat('2024-01-Total_Item_Requests'), NS.libkg('usageOf'))).toEqual([doi]);
    expect(await objects(stat('2024-01-Total_Item_Requests'), NS.libkg('reportType'))).toEqual([]);
    expect(await objects(stat('2024-02-Total_Item_Requests'), NS.libkg('count'))).toEqual([]);
    // The final click of the double click across midnight counts in February.
    const local = `${base}id/usage/events/local/prop-LOCAL-42-2024-02-Total_Item_Requests`;
    expect(await objects(local, NS.libkg('count'))).toEqual([int(1)]);
    expect(await objects(local, NS.libkg('usageOf'))).toEqual([namedNode(`${base}id/work/local-prop-LOCAL-42`)]);
    const isbn = `${base}id/work/isbn-9780743297790`;
    expect(await objects(`${base}id/usage/events/local/isbn-9780743297790-2024-02-Unique_Item_Investigations`, NS.libkg('usageOf'))).toEqual([namedNode(isbn)]);
    // The ISBN work is counted by both logs: each record graph names its identifier.
    const handmadeGraph = `${base}graph/usage/events/local/isbn-9780743297790/2024-01--2024-02`;
    expect(await objects(isbn, NS.bibo('isbn13'), handmadeGraph)).toEqual([literal('9780743297790')]);
    expect(await objects(isbn, NS.bibo('isbn13'))).toHaveLength(2);
  });

  it('adds up the generated log to the counts it was generated with', async () => {
    const prefix = `${base}graph/usage/events/demo-repository/`;
    expect(await sum('Total_Item_Requests', prefix)).toBe(487);
    expect(await sum('Unique_Item_Investigations', prefix)).toBe(697);
    expect(await sum('Limit_Exceeded', prefix)).toBe(16);
  });

  it('stores no patron id, IP, session id or user agent of the logs anywhere', async () => {
    const secrets = new Set<string>();
    for (const f of ['events-handmade.csv', 'events-generated.csv']) {
      for (const row of parse(readFileSync(fixture(f)), { columns: true }) as Record<string, string>[]) {
        for (const k of ['patron_id', 'ip', 'session_id', 'user_agent']) if (row[k]) secrets.add(row[k] as string);
      }
    }
    expect(secrets.size).toBeGreaterThan(200);
    const everything = await store.match(null, null, null, null);
    const text = new N3.Writer({ format: 'N-Quads' }).quadsToString(everything);
    const values = new Set(everything.flatMap((q) => [q.subject.value, q.predicate.value, q.object.value, q.graph.value]));
    for (const s of secrets) expect(values.has(s), s).toBe(false);
    // Nor inside any term: no IP address, patron id, session id or browser agent shape in the whole dump.
    expect(text.match(/\b(10|203)\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g)).toBeNull();
    expect(text.match(/\bP\d{6}\b/g)).toBeNull();
    // (The 16-digit ISNI of the reports' institution, an organisation, is no session id.)
    expect(text.match(/(?<!isni[-:])\b[0-9a-f]{16}\b/gi)).toBeNull();
    expect(text).not.toMatch(/Mozilla|Googlebot|python-requests/);
  });
});

describe('what a COUNTER report says about the item and its institution', () => {
  // Values read off fixtures/usage/counter-r5.0/Sample-IR.json and counter-r5.1/IRA1_sample_r51.tsv by hand.
  const ir = `${base}graph/counter/ir/sample-ir/`;
  const inst = namedNode(`${base}id/org/isni-1234123412341234`);

  it('R5.0 IR: an article gets its proprietary id, publisher and journal (Item_Parent) with title and ISSNs', async () => {
    const article = `${base}id/doi/10.1729/jhik.345`;
    const graph = `${ir}doi-10.1729/jhik.345/2016-01--2016-03`;
    const journal = `${base}id/work/issn-2859-4118`;
    const publisher = `${base}id/org/name-publisher-36`;
    expect(await objects(article, NS.dct('identifier'), graph)).toEqual([literal('SampleIR:100026')]);
    expect(await objects(article, NS.dct('publisher'), graph)).toEqual([namedNode(publisher)]);
    expect(await objects(article, NS.dct('isPartOf'), graph)).toEqual([namedNode(journal)]);
    expect(await objects(journal, NS.dct('title'), graph)).toEqual([literal('Journal 45')]);
    expect(await objects(journal, NS.bibo('issn'), graph)).toEqual([literal('2859-4118')]);
    expect(await objects(journal, NS.bibo('eissn'), graph)).toEqual([literal('2859-4231')]);
    expect(await objects(journal, NS.bibo('doi'), graph)).toEqual([literal('10.1729/jhik')]);
    expect(await objects(journal, NS.dct('identifier'), graph)).toEqual([literal('SampleIR:45')]);
    expect(await objects(publisher, NS.foaf('name'), graph)).toEqual([literal('Publisher 36')]);
    expect(await objects(publisher, NS.rdf('type'), graph)).toContainEqual(namedNode(NS.foaf('Organization')));
  });

  it('R5.0 IR: a chapter without DOI is part of its book by ISBN; a DOI item keeps its ISBN', async () => {
    const chapter = `${base}id/work/sample-ir-prop-SampleIR%3A100029`; // ':' percent-encoded in the IRI key
    const book = `${base}id/work/isbn-9783164584012`;
    expect(await objects(chapter, NS.dct('isPartOf'))).toEqual([namedNode(book)]);
    expect(await objects(book, NS.dct('title'))).toEqual([literal('Book 1092')]);
    expect(await objects(`${base}id/doi/10.1729/zbcd.457`, NS.bibo('isbn13'))).toEqual([literal('9783164484107')]);
    expect(await objects(`${base}id/doi/10.1729/zbcd.457`, NS.dct('isPartOf'))).toEqual([]);
  });

  it('names the institution of the report on every statistic, as an organisation', async () => {
    const stat = `${base}id/usage/ir/sample-ir/doi-10.1729/jhik.345-2016-02-Total_Item_Requests`;
    expect(await objects(stat, NS.libkg('institution'))).toEqual([inst]);
    expect(await objects(stat, NS.libkg('count'))).toEqual([int(1)]);
    expect(await objects(inst.value, NS.foaf('name'), `${ir}doi-10.1729/jhik.345/2016-01--2016-03`)).toEqual([literal('Client Demo Site')]);
    expect(await objects(inst.value, NS.dct('identifier'), `${ir}doi-10.1729/jhik.345/2016-01--2016-03`)).toEqual([literal('ISNI:1234123412341234')]);
    // The R5.1 report is for another institution name with the same ISNI: one organisation IRI.
    const r51 = `${base}id/usage/ir_a1/platform-1/doi-10.9999/xxxxi11-2022-01-Total_Item_Requests`;
    expect(await objects(r51, NS.libkg('institution'))).toEqual([inst]);
  });

  it('R5.1 IR_A1 (tabular): the Parent_* columns give the journal by its online ISSN; no parent, no isPartOf', async () => {
    const journal = `${base}id/work/issn-1234-4321`;
    const graph = `${base}graph/counter/ir_a1/platform-1/doi-10.9999/xxxxi11/2022-01--2022-12`;
    expect(await objects(`${base}id/doi/10.9999/xxxxi11`, NS.dct('isPartOf'), graph)).toEqual([namedNode(journal)]);
    expect(await objects(`${base}id/doi/10.9999/xxxxi11`, NS.dct('identifier'), graph)).toEqual([literal('P1:I11')]);
    expect(await objects(`${base}id/doi/10.9999/xxxxi11`, NS.dct('publisher'), graph)).toEqual([namedNode(`${base}id/org/name-sample-publisher`)]);
    expect(await objects(journal, NS.dct('title'), graph)).toEqual([literal('Title 3')]);
    expect(await objects(journal, NS.bibo('eissn'), graph)).toEqual([literal('1234-4321')]);
    expect(await objects(journal, NS.bibo('issn'), graph)).toEqual([]);
    expect(await objects(`${base}id/doi/10.9999/xxxxi01`, NS.dct('isPartOf'))).toEqual([]);
    // Item 11, January 2022, Total_Item_Requests: 150 (the Jan-2022 column).
    expect(await objects(`${base}id/usage/ir_a1/platform-1/doi-10.9999/xxxxi11-2022-01-Total_Item_Requests`, NS.libkg('count'))).toEqual([int(150)]);
  });

  it('joins usage to a journal by ISSN: a TR_J1 journal named by DOI keeps its ISSN, articles roll up by ISSN', async () => {
    expect(await objects(`${base}id/doi/10.9999/xxxxt03`, NS.bibo('eissn'))).toEqual([literal('1234-4321')]);
    // All article requests of the journal with eISSN 1234-4321 in 2022-01: items 11 (150) and 12 (451).
    // DISTINCT: the journal's eISSN is stated in each item's record graph.
    const q = `SELECT (SUM(?c) AS ?n) WHERE { SELECT DISTINCT ?s ?c WHERE { ?j <${NS.bibo('eissn')}> "1234-4321" . ?a <${NS.dct('isPartOf')}> ?j .
      ?s <${NS.libkg('usageOf')}> ?a ; <${NS.libkg('metricType')}> "Total_Item_Requests" ; <${NS.libkg('period')}> ?m ; <${NS.libkg('count')}> ?c .
      FILTER(STR(?m) = "2022-01") } }`;
    expect(Number(JSON.parse((await store.query(q)).body).results.bindings[0].n.value)).toBe(601);
  });
});
