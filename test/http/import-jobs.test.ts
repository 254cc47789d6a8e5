import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

async function finished(srv: TestServer, location: string) {
  for (let i = 0; i < 200; i++) {
    const job = (await srv.app.inject({ url: location })).json();
    if (job.state === 'succeeded' || job.state === 'failed') return job;
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
});
