/** Import: a record with a bad IRI or bytes that are not UTF-8 is rejected alone (raw RDF: the file), the rest goes in. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/pipeline.js';
import { createIngest } from '../../src/ingest/setup.js';
import { EmbeddedStore } from '../../src/store/embedded.js';

const base = 'http://localhost:8080/';
const root = join(import.meta.dirname, '../..');
const sample = JSON.parse(readFileSync(join(root, 'fixtures/datasets/datacite-json/bolognese-datacite.json'), 'utf8'));
let dir = '';
let store: EmbeddedStore;
let ingest: Awaited<ReturnType<typeof createIngest>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'libkg-import-iri-'));
  store = await EmbeddedStore.open({ dataDir: join(dir, 'data'), quadBudget: 1_000_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 10_000_000 });
  ingest = await createIngest({ baseIri: base });
}, 30_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const record = (doi: string) => ({ ...sample, id: `https://doi.org/${doi}`, doi, identifiers: [] });
const count = async () => {
  const r = await store.query('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }', { format: 'application/sparql-results+json' });
  return Number(JSON.parse(r.body).results.bindings[0].n.value);
};

describe('DataCite records with DOIs that are not IRI-safe', () => {
  it('rejects the record whose DOI holds bytes that are not UTF-8, writes the others, and the DOI URL is percent-encoded', async () => {
    const marker = '"10.5438/PLACEHOLDER"';
    const json = JSON.stringify([record('10.5438/good-1'), record('10.5438/PLACEHOLDER'), record('10.5438/a%zz<x>{y}')]);
    const [before, after] = json.split(marker) as [string, string];
    // The second record's DOI spelled in latin1 (0xE9): not UTF-8.
    const bytes = Buffer.concat([Buffer.from(before), Buffer.from('"10.5438/caf'), Buffer.from([0xe9]), Buffer.from('"'), Buffer.from(after)]);
    const file = join(dir, 'records.json');
    writeFileSync(file, bytes);
    const summary = await importPaths(store, [file], { baseIri: base, ...ingest, format: 'datacite' });
    expect(summary).toMatchObject({ read: 3, written: 2, rejected: 1 });
    expect(summary.rejections[0]?.reason).toMatch(/not valid UTF-8/);
    const url = await store.match(null, N3.DataFactory.namedNode('http://schema.org/url'), null, null);
    expect(url.map((q) => q.object.value).sort()).toEqual(['https://doi.org/10.5438/a%25zz%3Cx%3E%7By%7D', 'https://doi.org/10.5438/good-1']);
    expect(await count()).toBeGreaterThan(0);
  }, 60_000);
});

describe('Raw RDF files', () => {
  it('a file with an IRI Oxigraph refuses is rejected whole, naming the IRI; the next file goes in', async () => {
    const bad = join(dir, 'bad-iri.ttl');
    const good = join(dir, 'good.ttl');
    writeFileSync(bad, '<http://ex.org/a> <http://ex.org/p> "1" .\n<http://ex.org/b%zz> <http://ex.org/p> "2" .\n');
    writeFileSync(good, '<http://ex.org/c> <http://ex.org/p> "3" .\n');
    const summary = await importPaths(store, [bad, good], { baseIri: base, ...ingest });
    expect(summary.rejected).toBe(1);
    expect(summary.rejections[0]?.reason).toMatch(/<http:\/\/ex\.org\/b%zz> is not a valid IRI.*nothing of this file was written/);
    expect(await store.match(N3.DataFactory.namedNode('http://ex.org/a'), null, null, null)).toEqual([]);
    expect(await store.match(N3.DataFactory.namedNode('http://ex.org/c'), null, null, null)).toHaveLength(1);
  }, 60_000);

  it('a file with bytes that are not UTF-8 is rejected naming the offset, not stored as U+FFFD', async () => {
    const file = join(dir, 'latin1.ttl');
    const text = Buffer.from('<http://ex.org/d> <http://ex.org/p> "caf');
    writeFileSync(file, Buffer.concat([text, Buffer.from([0xe9]), Buffer.from('" .\n')]));
    const summary = await importPaths(store, [file], { baseIri: base, ...ingest });
    expect(summary.rejected).toBe(1);
    expect(summary.rejections[0]?.reason).toContain(`not valid UTF-8: byte 0xE9 at offset ${text.length}`);
    expect(await store.match(N3.DataFactory.namedNode('http://ex.org/d'), null, null, null)).toEqual([]);
  }, 60_000);
});
