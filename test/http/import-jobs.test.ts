import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, tokenHashesOf } from '../../src/app.js';
import { resolveConfig } from '../../src/config.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { startTestServer, TEST_TOKEN, type TestServer } from '../helpers/server.js';

/** N-Triples lines enough to keep an import busy for a few seconds. */
const manyTriples = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `<http://ex.org/${tag}/s${i}> <http://ex.org/p> "value number ${i} of a long enough literal" .`).join('\n');

async function finished(srv: TestServer, location: string) {
  for (let i = 0; i < 1200; i++) {
    const job = (await srv.app.inject({ url: location })).json();
    if (job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe('HTTP import jobs', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(() => srv.close());

  it('needs a bearer token', async () => {
    const r = await srv.app.inject({
      method: 'POST',
      url: '/import',
      headers: { 'content-type': 'text/turtle' },
      payload: '<http://ex.org/a> <http://ex.org/p> 1 .',
    });
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });

  it('imports a posted RDF file as a job with progress and a summary', async () => {
    const r = await srv.app.inject({
      method: 'POST',
      url: '/import?filename=small.ttl',
      headers: { ...srv.auth, 'content-type': 'text/turtle' },
      payload: '<http://ex.org/a> <http://ex.org/p> 1 .\n<http://ex.org/b> <http://ex.org/p> 2 .',
    });
    expect(r.statusCode).toBe(202);
    const job = await finished(srv, r.headers.location as string);
    expect(job).toMatchObject({ type: 'import', state: 'succeeded', result: { read: 1, written: 1, rejected: 0 } });
    expect(job.progress.done).toBe(job.progress.total);
    expect(srv.store.size()).toBe(2);
    const list = (await srv.app.inject({ url: '/jobs' })).json();
    expect(list.jobs.map((j: { id: string }) => j.id)).toContain(job.id);
  });

  it('reports a broken file in the summary and writes nothing of it', async () => {
    const before = srv.store.size();
    const r = await srv.app.inject({
      method: 'POST',
      url: '/import?filename=broken.ttl',
      headers: { ...srv.auth, 'content-type': 'text/turtle' },
      payload: '<http://ex.org/c> <http://ex.org/p> 3 .\n<http://ex.org/d> <http://ex.org/p> .',
    });
    const job = await finished(srv, r.headers.location as string);
    expect(job.state).toBe('succeeded');
    expect(job.result.rejected).toBe(1);
    expect(job.result.rejections[0]).toMatchObject({ file: 'broken.ttl' });
    expect(job.result.rejections[0].reason).toMatch(/syntax error/);
    expect(srv.store.size()).toBe(before);
  });

  it('imports source records (MARC) through the mappings', async () => {
    const marc = readFileSync(new URL('../../fixtures/catalog/marc4j-chabon.mrc', import.meta.url));
    const r = await srv.app.inject({
      method: 'POST',
      url: '/import?filename=chabon.mrc',
      headers: { ...srv.auth, 'content-type': 'application/marc' },
      payload: marc,
    });
    const job = await finished(srv, r.headers.location as string);
    expect(job).toMatchObject({ state: 'succeeded', result: { read: 2, written: 2, rejected: 0 } });
  });

  it('answers 404 problem+json for an unknown job', async () => {
    const r = await srv.app.inject({ url: '/jobs/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('NOT_FOUND');
  });

  it('rejects a gzip file that inflates past LIBKG_IMPORT_MAX_INFLATED, and writes nothing of it', async () => {
    const small = await startTestServer({ config: { importMaxInflatedBytes: 1024 * 1024 } });
    try {
      // 4 MiB of valid N-Triples in a few KB of gzip: a bomb in miniature.
      const bomb = gzipSync(Buffer.from(`${'<http://ex.org/a> <http://ex.org/p> "x" .\n'.repeat(100_000)}`));
      expect(bomb.length).toBeLessThan(64 * 1024);
      const r = await small.app.inject({
        method: 'POST',
        url: '/import?filename=bomb.nt.gz',
        headers: { ...small.auth, 'content-type': 'application/gzip' },
        payload: bomb,
      });
      const job = await finished(small, r.headers.location as string);
      expect(job.state).toBe('succeeded');
      expect(job.result).toMatchObject({ written: 0, rejected: 1 });
      expect(job.result.rejections[0].file).toBe('bomb.nt.gz');
      expect(job.result.rejections[0].reason).toMatch(/decompresses to more than 1,048,576 bytes.*LIBKG_IMPORT_MAX_INFLATED/);
      expect(small.store.size()).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('rejects a Turtle file with a token longer than LIBKG_IMPORT_MAX_TOKEN before the lexer sees it', async () => {
    const small = await startTestServer({ config: { importMaxTokenBytes: 64 * 1024 } });
    try {
      // 16 MiB in one literal took the N3 lexer 47 s; refused from the first bytes past the limit.
      const payload = `<http://ex.org/a> <http://ex.org/p> "ok" .\n<http://ex.org/b> <http://ex.org/p> "${'y'.repeat(16 * 1024 * 1024)}" .\n`;
      const t0 = Date.now();
      const r = await small.app.inject({
        method: 'POST',
        url: '/import?filename=long.ttl',
        headers: { ...small.auth, 'content-type': 'text/turtle' },
        payload,
      });
      const job = await finished(small, r.headers.location as string);
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(job).toMatchObject({ state: 'succeeded', result: { written: 0, rejected: 1 } });
      expect(job.result.rejections[0].reason).toMatch(/token .* longer than 65,536 bytes.*LIBKG_IMPORT_MAX_TOKEN/);
      expect(small.store.size()).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('cancels a queued job at once and a running one with its uncommitted work rolled back', async () => {
    const before = srv.store.size();
    const big = await srv.app.inject({
      method: 'POST',
      url: '/import?filename=big.nt',
      headers: { ...srv.auth, 'content-type': 'application/n-triples' },
      payload: manyTriples(400_000, 'big'),
    });
    const queued = await srv.app.inject({
      method: 'POST',
      url: '/import?filename=queued.nt',
      headers: { ...srv.auth, 'content-type': 'application/n-triples' },
      payload: manyTriples(10, 'queued'),
    });
    const queuedId = queued.json().id;
    expect((await srv.app.inject({ method: 'DELETE', url: `/jobs/${queuedId}` })).statusCode).toBe(401);
    const q = await srv.app.inject({ method: 'DELETE', url: `/jobs/${queuedId}`, headers: srv.auth });
    expect(q.statusCode).toBe(200);
    expect(q.json()).toMatchObject({ state: 'cancelled', error: { code: 'JOB_CANCELLED' } });

    const location = big.headers.location as string;
    for (let i = 0; i < 400; i++) {
      const j = (await srv.app.inject({ url: location })).json();
      if (j.state === 'running' && j.progress.done > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const c = await srv.app.inject({ method: 'DELETE', url: location, headers: srv.auth });
    expect(c.statusCode).toBe(202);
    const job = await finished(srv, location);
    expect(job).toMatchObject({ state: 'cancelled', error: { code: 'JOB_CANCELLED' } });
    expect(job.result).toMatchObject({ written: 0 });
    expect(srv.store.size()).toBe(before);
    expect(srv.store.graphInfo(`${srv.config.baseIri}graph/file/big.nt`)).toBeUndefined();
    // The queued one never ran, and a finished job cannot be cancelled.
    expect(srv.store.graphInfo(`${srv.config.baseIri}graph/file/queued.nt`)).toBeUndefined();
    const again = await srv.app.inject({ method: 'DELETE', url: location, headers: srv.auth });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('JOB_FINISHED');
    // Both uploads are gone from the data dir.
    expect(readdirSync(join(srv.config.dataDir, 'uploads'))).toEqual([]);
  }, 60_000);
});

describe('job lists with LIBKG_PUBLIC_READS=false', () => {
  it('need a token: they name files and quote rejected records', async () => {
    const closed = await startTestServer({ config: { publicReads: false } });
    try {
      const r = await closed.app.inject({
        method: 'POST',
        url: '/import?filename=x.ttl',
        headers: { ...closed.auth, 'content-type': 'text/turtle' },
        payload: '<http://ex.org/a> <http://ex.org/p> 1 .',
      });
      for (const url of ['/jobs', r.headers.location as string]) {
        const anon = await closed.app.inject({ url });
        expect(anon.statusCode).toBe(401);
        expect(anon.json().code).toBe('UNAUTHORIZED');
        expect((await closed.app.inject({ url, headers: closed.auth })).statusCode).toBe(200);
      }
    } finally {
      await closed.close();
    }
  });
});

describe('upload leftovers', () => {
  it('are removed at start (an import killed with the server) and after each job', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'libkg-uploads-'));
    const leftover = join(dir, 'uploads', '1700000000000-killed');
    mkdirSync(leftover, { recursive: true });
    writeFileSync(join(leftover, 'big.mrc'), Buffer.alloc(1024 * 1024));
    const config = resolveConfig({ dataDir: dir, logLevel: 'warn', writeTokens: [TEST_TOKEN], loadDemo: false } as never);
    const store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 1000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
    const app = await buildApp(config, { store, storedTokenHashes: tokenHashesOf(store) });
    try {
      expect(existsSync(leftover)).toBe(false);
      const srv = { app } as TestServer;
      const r = await app.inject({
        method: 'POST',
        url: '/import?filename=one.ttl',
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'text/turtle' },
        payload: '<http://ex.org/a> <http://ex.org/p> 1 .',
      });
      expect((await finished(srv, r.headers.location as string)).state).toBe('succeeded');
      expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
    } finally {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
