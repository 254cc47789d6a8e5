/**
 * The LDES is replayed by a small client written here (the npm `ldes-client`
 * 0.3 was not tried: it brings LevelDB and a dereferencing stack for what
 * the test needs in 40 lines): it starts at the stream, follows
 * tree:relation links page by page and applies members in order into an
 * N3.Store; the result must be isomorphic to the store's current graphs.
 */
import type * as RDF from '@rdfjs/types';
import N3 from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/vocab.js';
import { generatedPuts, samplePuts } from '../fixtures/oai/sample-records.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let base: string;

async function get(url: string, accept = 'application/trig') {
  const res = await server.app.inject({ method: 'GET', url: new URL(url).pathname, headers: { accept } });
  return res;
}

async function fetchQuads(url: string): Promise<{ quads: RDF.Quad[]; cache: string }> {
  const res = await get(url);
  expect(res.statusCode).toBe(200);
  return { quads: new N3.Parser({ format: 'application/trig', baseIRI: url }).parse(res.body), cache: String(res.headers['cache-control']) };
}

interface Member {
  iri: string;
  graph: string;
  deleted: boolean;
  content: RDF.Quad[];
}

/** Follows the stream's view and relations; returns members in stream order and the pages' cache headers. */
async function readStream(streamIri: string) {
  const stream = await fetchQuads(streamIri);
  const view = stream.quads.find((q) => q.subject.value === streamIri && q.predicate.value === NS.tree('view'))?.object.value as string;
  const queue = [view];
  const seen = new Set<string>();
  const members: Member[] = [];
  const pages: { iri: string; cache: string; members: number }[] = [];
  while (queue.length) {
    const page = queue.shift() as string;
    if (seen.has(page)) continue;
    seen.add(page);
    const { quads, cache } = await fetchQuads(page);
    const store = new N3.Store(quads);
    const ids = store.getObjects(N3.DataFactory.namedNode(streamIri), NS.tree('member'), null).map((t) => t.value);
    for (const iri of ids) {
      const m = N3.DataFactory.namedNode(iri);
      members.push({
        iri,
        graph: store.getObjects(m, NS.dct('isVersionOf'), null)[0]?.value as string,
        deleted: store.getObjects(m, NS.rdf('type'), null).some((t) => t.value === NS.as('Delete')),
        content: store.getQuads(null, null, null, m),
      });
    }
    pages.push({ iri: page, cache, members: ids.length });
    for (const rel of store.getObjects(N3.DataFactory.namedNode(page), NS.tree('relation'), null)) {
      expect(store.getObjects(rel, NS.rdf('type'), null).map((t) => t.value)).toContain(NS.tree('GreaterThanOrEqualToRelation'));
      expect(store.getObjects(rel, NS.tree('path'), null).map((t) => t.value)).toEqual([NS.prov('generatedAtTime')]);
      queue.push(...store.getObjects(rel, NS.tree('node'), null).map((t) => t.value));
    }
  }
  return { members, pages };
}

/** Applies members in order: content replaces the graph, a delete removes it, a superseded version (no content) waits for its successor. */
function replay(members: Member[]): N3.Store {
  const copy = new N3.Store();
  // N3's removeMatches removes through a stream, later: clear a graph synchronously instead.
  const clear = (g: N3.NamedNode) => copy.removeQuads(copy.getQuads(null, null, null, g));
  for (const m of members) {
    const g = N3.DataFactory.namedNode(m.graph);
    if (m.deleted) clear(g);
    else if (m.content.length) {
      clear(g);
      for (const q of m.content) copy.addQuad(q.subject, q.predicate, q.object, g);
    }
  }
  return copy;
}

async function currentContent(): Promise<N3.Quad[]> {
  const out: RDF.Quad[] = [];
  for (const g of server.store.listGraphs()) if (g.iri !== '') out.push(...(await server.store.getGraph(g.iri)));
  return out as N3.Quad[];
}

beforeAll(async () => {
  server = await startTestServer();
  base = server.config.baseIri;
  await server.store.putGraphs(samplePuts(base));
  await server.store.putGraphs(generatedPuts(base, 150));
  // A second version of one record, a SPARQL update of another, and a deletion.
  await server.store.putGraphs(generatedPuts(base, 1, 3).map((p) => ({ ...p, quads: p.quads.slice(0, 2) })));
  await server.store.update(`INSERT DATA { GRAPH <${base}graph/catalog/gen4> { <${base}id/work/gen-4> <${NS.dct('extent')}> "12 p." } }`);
  await server.store.deleteGraphs([`${base}graph/skos/stw-1`]);
});
afterAll(() => server.close());

describe('LDES of record versions', () => {
  it('describes the stream with its paths and view', async () => {
    const { quads, cache } = await fetchQuads(`${base}ldes`);
    const s = new N3.Store(quads);
    expect(s.getObjects(`${base}ldes`, NS.rdf('type'), null).map((t) => t.value)).toEqual([NS.ldes('EventStream')]);
    expect(s.getObjects(`${base}ldes`, NS.ldes('timestampPath'), null).map((t) => t.value)).toEqual([NS.prov('generatedAtTime')]);
    expect(s.getObjects(`${base}ldes`, NS.ldes('versionOfPath'), null).map((t) => t.value)).toEqual([NS.dct('isVersionOf')]);
    expect(cache).toBe('public, max-age=5');
  });

  it('replays into an exact copy of the store, following tree relations page by page', async () => {
    const { members, pages } = await readStream(`${base}ldes`);
    // 7 + 150 puts, one re-put, one update, one delete: 160 changes on two pages of 100.
    expect(members).toHaveLength(160);
    expect(pages.map((p) => p.members)).toEqual([100, 60]);
    expect(pages[0]?.cache).toBe('public, max-age=31536000, immutable');
    expect(pages[1]?.cache).toBe('public, max-age=5');
    const copy = replay(members);
    expect(isomorphic(copy.getQuads(null, null, null, null), await currentContent())).toBe(true);
  });

  it('marks superseded versions and tombstones, and keeps full pages stable', async () => {
    const before = (await get(`${base}ldes/page/0`, 'application/n-quads')).body;
    const { members } = await readStream(`${base}ldes`);
    // Every version keeps the content it had: the first version of gen3 is not rewritten by the second.
    const gen3 = members.filter((m) => m.graph === `${base}graph/catalog/gen3`);
    expect(gen3.map((m) => m.content.length)).toEqual([generatedPuts(base, 1, 3)[0]?.quads.length, 2]);
    const deleted = members.filter((m) => m.graph === `${base}graph/skos/stw-1`);
    expect(deleted.map((m) => m.deleted)).toEqual([false, true]);
    expect(deleted[0]?.content.length).toBeGreaterThan(0);
    // New changes land on the open page; the full page's members and bounds stay as they were.
    await server.store.putGraphs(generatedPuts(base, 50, 500));
    // Superseding a version listed on the full page changes nothing there: versions keep their content.
    await server.store.putGraphs(generatedPuts(base, 1, 5).map((p) => ({ ...p, quads: p.quads.slice(0, 1) })));
    const after = await readStream(`${base}ldes`);
    expect(after.pages.map((p) => p.members)).toEqual([100, 100, 11]);
    expect((await get(`${base}ldes/page/0`, 'application/n-quads')).body).toBe(before);
    expect(isomorphic(replay(after.members).getQuads(null, null, null, null), await currentContent())).toBe(true);
  });

  it('serves JSON-LD and N-Quads, refuses triple-only formats and unknown pages', async () => {
    const jsonld = await get(`${base}ldes/page/0`, 'application/ld+json');
    expect(jsonld.statusCode).toBe(200);
    expect(JSON.parse(jsonld.body)).toHaveProperty('@graph');
    expect((await get(`${base}ldes/page/0`, 'text/turtle')).statusCode).toBe(406);
    expect((await get(`${base}ldes/page/99`)).statusCode).toBe(404);
    expect((await get(`${base}ldes/page/x`)).statusCode).toBe(404);
  });

  it('dereferences a member IRI to that version', async () => {
    const { members } = await readStream(`${base}ldes`);
    const latest = members.filter((m) => m.graph === `${base}graph/catalog/gen3`).at(-1) as Member;
    const { quads } = await fetchQuads(latest.iri);
    const own = quads.filter((q) => q.graph.value === latest.iri);
    expect(own).toHaveLength(2);
    expect(quads.some((q) => q.subject.value === latest.iri && q.predicate.value === NS.dct('isVersionOf'))).toBe(true);
    expect((await get(`${base}ldes/version/999999`)).statusCode).toBe(404);
  });
});
