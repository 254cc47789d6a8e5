import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dumps } from '../../src/http/dumps/dumps.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { BASE, loadSample, PERSON } from './linked-data-sample.js';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
  await loadSample(s.store);
});
afterAll(async () => s.close());

describe('dumps', () => {
  it('serves the full N-Quads dump gzipped, with the sha256 the manifest gives', async () => {
    const index = (await s.app.inject({ url: '/dumps/' })).json();
    const full = index.files.find((f: { name: string }) => f.name === 'libkg.nq.gz');
    const r = await s.app.inject({ url: '/dumps/libkg.nq.gz' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/gzip');
    expect(r.rawPayload.length).toBe(full.bytes);
    expect(createHash('sha256').update(r.rawPayload).digest('hex')).toBe(full.sha256);
    const quads = new N3.Parser({ format: 'N-Quads' }).parse(gunzipSync(r.rawPayload).toString('utf8'));
    expect(quads.length).toBe(s.store.size());
    expect((await s.app.inject({ url: '/dumps/libkg.nq.gz', headers: { 'if-none-match': String(r.headers.etag) } })).statusCode).toBe(304);
  });

  it('writes one Turtle dump per entity type', async () => {
    const index = (await s.app.inject({ url: '/dumps/' })).json();
    const persons = index.files.find((f: { class?: string }) => f.class === 'http://xmlns.com/foaf/0.1/Person');
    expect(persons.name).toBe('foaf-Person.ttl.gz');
    const r = await s.app.inject({ url: `/dumps/${persons.name}` });
    const quads = new N3.Parser({ format: 'Turtle' }).parse(gunzipSync(r.rawPayload).toString('utf8'));
    expect(quads.every((q) => q.subject.value === PERSON)).toBe(true);
    expect(quads.length).toBe(5);
  });

  it('builds per-type dumps in batches of subjects, each instance complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'libkg-dumps-'));
    try {
      const m = await new Dumps(s.store, dir, BASE, 2).ensure();
      const docs = m.files.find((f) => f.class === 'http://purl.org/ontology/bibo/Document');
      const text = gunzipSync(readFileSync(join(dir, 'dumps', String(m.seq), docs?.name ?? ''))).toString('utf8');
      const quads = new N3.Parser({ format: 'Turtle' }).parse(text);
      const subjects = new Set(quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value));
      expect(subjects).toEqual(new Set([`${BASE}id/doi/10.1000/xyz123`, `${BASE}id/work/local-666`]));
      // The contribution blank node comes with its triples.
      expect(quads.some((q) => q.subject.termType === 'BlankNode' && q.predicate.value.endsWith('/agent'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('regenerates after a write, replacing the cached files keyed by sequence', async () => {
    const before = (await s.app.inject({ url: '/dumps/' })).json();
    await s.store.update(`INSERT DATA { GRAPH <${BASE}graph/x> { <${PERSON}> <http://xmlns.com/foaf/0.1/nick> "J" } }`);
    const after = (await s.app.inject({ url: '/dumps/' })).json();
    expect(after.seq).toBeGreaterThan(before.seq);
    expect(after.files[0].sha256).not.toBe(before.files[0].sha256);
    const dirs = readdirSync(join(s.config.dataDir, 'dumps'));
    expect(dirs).toEqual([String(after.seq)]);
    expect(existsSync(join(s.config.dataDir, 'dumps', String(after.seq), 'manifest.json'))).toBe(true);
    expect((await s.app.inject({ url: '/dumps/nothing.gz' })).statusCode).toBe(404);
  });
});
