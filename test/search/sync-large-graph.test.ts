import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import Database from 'better-sqlite3';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsOf } from '../../src/search/documents.js';
import { searchIndexPath } from '../../src/search/service.js';
import { SqliteSearchIndex } from '../../src/search/sqlite.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const { DataFactory: F } = N3;
const DCT = 'http://purl.org/dc/terms/';
const WORKS = 15_000;

/** One record graph of WORKS works with ten triples each (150k triples), a tenth of them linked to a labelled person. */
function bigGraph(base: string, edition: string): RDF.Quad[] {
  const quads: RDF.Quad[] = [];
  for (let i = 0; i < WORKS; i++) {
    const w = F.namedNode(`${base}id/work/w${i}`);
    quads.push(F.quad(w, F.namedNode(`${DCT}title`), F.literal(`Essays ${i} on linked data, ${edition} edition`, 'en')));
    quads.push(F.quad(w, F.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), F.namedNode('http://purl.org/ontology/bibo/Book')));
    quads.push(F.quad(w, F.namedNode(`${DCT}issued`), F.literal(String(1900 + (i % 120)))));
    quads.push(F.quad(w, F.namedNode(`${DCT}identifier`), F.literal(`id-${i}`)));
    const p = F.namedNode(`${base}id/person/p${i % 1500}`);
    quads.push(F.quad(w, F.namedNode(`${DCT}creator`), p));
    if (i < 1500) quads.push(F.quad(p, F.namedNode('http://www.w3.org/2000/01/rdf-schema#label'), F.literal(`Author ${i}`)));
    else quads.push(F.quad(w, F.namedNode(`${DCT}subject`), F.literal(`topic ${i % 97}`)));
    for (let k = 0; k < 4; k++) quads.push(F.quad(w, F.namedNode(`http://ex.org/p${k}`), F.literal(`value ${k} of ${i}`)));
  }
  return quads;
}

/**
 * Issue 11, item 5: right after a large import commits, search indexing re-read the new graph on the HTTP
 * thread in one go (one journal read, one parse of 150k lines, one document build, one transaction):
 * /health waited ~7 s. The server runs in this process, so a stall of its event loop delays these asks too.
 * Measured on 2 cores: p99 70-250 ms alone, up to ~450 ms (max 830 ms) beside another CPU-bound test file;
 * 1 s leaves room for a loaded machine and is still far below the ~7 s of before.
 */
describe('indexing one large graph on a running server', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ listen: true, engines: 1, config: { quadBudget: 2_000_000 } });
  });
  afterAll(() => srv.close());

  const lag = async () => {
    const text = await (await fetch(`${srv.url}metrics`)).text();
    return Number(/^libkg_search_index_lag (\d+)/m.exec(text)?.[1]);
  };

  /** Writes the graph, then asks /health every 10 ms until the search index has caught up; the latencies of those asks. */
  async function healthWhileIndexing(quads: RDF.Quad[]) {
    const graph = `${srv.config.baseIri}graph/big`;
    await srv.store.putGraphs([{ graph, quads }]);
    // The write itself (journal and engines) is not what is measured: indexing starts right after it.
    const t0 = performance.now();
    const times: number[] = [];
    let n = 0;
    for (;;) {
      const t = performance.now();
      expect((await fetch(`${srv.url}health`)).status).toBe(200);
      times.push(performance.now() - t);
      if (++n % 10 === 0 && (await lag()) === 0) break;
      expect(performance.now() - t0).toBeLessThan(60_000);
      await new Promise((r) => setTimeout(r, 10));
    }
    const indexMs = performance.now() - t0;
    times.sort((a, b) => a - b);
    const p99 = times[Math.floor(times.length * 0.99)] as number;
    const max = times.at(-1) as number;
    console.log(
      `/health during indexing of ${quads.length} quads: ${times.length} asks, p99 ${p99.toFixed(0)} ms, max ${max.toFixed(0)} ms; caught up in ${indexMs.toFixed(0)} ms`,
    );
    return { p99, max, asks: times.length, graph };
  }

  /** The server's index holds what one `applyGraph` of the graph's documents gives (same entities, same merged documents). */
  async function expectSameAsOneTransaction(graph: string) {
    const path = join(srv.config.dataDir, 'reference.sqlite');
    const reference = new SqliteSearchIndex(path, srv.config.baseIri);
    reference.applyGraph(graph, documentsOf(await srv.store.getGraph(graph), { baseIri: srv.config.baseIri }));
    reference.close();
    const entities = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT iri, label, sort, year, doc FROM entities ORDER BY iri').all();
      } finally {
        db.close();
      }
    };
    const served = entities(searchIndexPath(srv.config.dataDir, srv.config.searchIndex));
    expect(served.length).toBeGreaterThan(WORKS);
    expect(served).toEqual(entities(path));
  }

  it('/health keeps answering (p99 under 1 s) while a 150k-triple graph is indexed, and a replacement of it too', async () => {
    const first = await healthWhileIndexing(bigGraph(srv.config.baseIri, 'first'));
    expect(first.p99).toBeLessThan(1000);
    expect(first.asks).toBeGreaterThan(10);
    await expectSameAsOneTransaction(first.graph);

    // The same graph again, every title changed and half the people gone: replaced slice by slice, then its stale parts dropped.
    const second = bigGraph(srv.config.baseIri, 'second').filter(
      (q) => !/person\/p(\d+)$/.exec(q.object.value) || Number(/p(\d+)$/.exec(q.object.value)?.[1]) < 750,
    );
    const again = await healthWhileIndexing(second);
    expect(again.p99).toBeLessThan(1000);
    await expectSameAsOneTransaction(again.graph);
  }, 180_000);
});
