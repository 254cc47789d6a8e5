import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../../src/http/kit/problem.js';
import { sparqlPlugin } from '../../src/http/sparql/index.js';
import { EmbeddedStore } from '../../src/store/embedded.js';

const { DataFactory: F } = N3;
const ROWS = 20_000;
const ALL = 'SELECT ?s ?o WHERE { ?s <http://ex.org/p> ?o } ORDER BY ?s';
const GRAPH = 'CONSTRUCT { ?s <http://ex.org/q> ?o } WHERE { ?s <http://ex.org/p> ?o }';

let dir: string;
let store: EmbeddedStore;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-stream-'));
  store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 100_000, engines: 1, queryTimeoutMs: 30_000, maxResultBytes: 8_000_000 });
  const quads = Array.from({ length: ROWS }, (_, i) =>
    F.quad(F.namedNode(`http://ex.org/s${String(i).padStart(6, '0')}`), F.namedNode('http://ex.org/p'), F.literal(`value number ${i} of the stream test`)),
  );
  await store.putGraphs([{ graph: 'http://ex.org/g', quads }]);
  app = Fastify();
  installErrorHandler(app);
  // Every result above 1 KB is streamed: the SELECT below is ~2.5 MB, read from the engine in three pieces.
  await app.register(sparqlPlugin, { store, requireWrite: async () => {}, baseIri: 'http://ex.org/', streamAboveBytes: 1024 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  url = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}/sparql` : '';
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (query: string, accept: string) => fetch(`${url}?query=${encodeURIComponent(query)}`, { headers: { accept } });

describe('large SPARQL results', () => {
  it('stream from the engine in pieces, byte for byte the result the engine serialized', async () => {
    for (const [query, type] of [
      [ALL, 'application/sparql-results+json'],
      [ALL, 'text/csv'],
      [ALL, 'application/sparql-results+xml'],
      [GRAPH, 'application/n-triples'],
    ] as const) {
      const res = await get(query, type);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      const body = new Uint8Array(await res.arrayBuffer());
      const whole = await store.query(query, { format: type, asBytes: true });
      expect(body.byteLength).toBeGreaterThan(1024 * 1024);
      expect(Number(res.headers.get('content-length'))).toBe(body.byteLength);
      expect(Buffer.compare(Buffer.from(body), Buffer.from(whole.bytes as Uint8Array))).toBe(0);
    }
  });

  it('can be left after a first piece or released unread, and a released one cannot be read', async () => {
    const result = await store.query(ALL, { asBytes: true, streamAbove: 1024 });
    expect(result.size).toBeGreaterThan(2 * 1024 * 1024);
    const pieces = (result.chunks as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    const first = await pieces.next();
    expect(first.value?.byteLength).toBe(1024 * 1024);
    await pieces.return?.(undefined);
    // A result released without being read is gone from the engine: reading it fails instead of finding stale bytes.
    const again = await store.query(ALL, { asBytes: true, streamAbove: 1024 });
    again.release?.();
    const after = (again.chunks as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    await expect(after.next()).rejects.toThrow(/no longer kept/);
  });

  it('keeps serving when a client goes away in the middle of a streamed result', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${url}?query=${encodeURIComponent(ALL)}`, { headers: { accept: 'text/csv' } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.end();
    });
    const res = await get('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', 'application/sparql-results+json');
    expect(((await res.json()) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]?.n.value).toBe(String(ROWS));
  });

  it('past the result limit answer 413 before anything is sent', async () => {
    // 100,000 rows, about 12 MB of TSV: above the store's 8 MB limit.
    const five = [1, 2, 3, 4, 5].map((i) => `<http://ex.org/s00000${i}>`).join(' ');
    const big = `SELECT ?a ?x ?b WHERE { VALUES ?b { ${five} } ?a <http://ex.org/p> ?x . ?b <http://ex.org/p> ?y }`;
    const res = await get(big, 'text/tab-separated-values');
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('RESULT_TOO_LARGE');
  });
});
