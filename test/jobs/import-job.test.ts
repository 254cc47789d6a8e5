import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibkgError } from '../../src/errors.js';
import { runImportJob } from '../../src/jobs/import-job.js';
import { JobQueue } from '../../src/jobs/jobs.js';
import { EmbeddedStore } from '../../src/store/embedded.js';

const BASE = 'http://localhost:8080/';

// Issue 11, item 9: a MARC import that wrote every record ended as failed with QUERY_TIMEOUT from the step
// after the writes (subject linking), and without a summary.
describe('a post-write step that fails', () => {
  const dir = mkdtempSync(join(tmpdir(), 'libkg-job-'));
  let store: EmbeddedStore;
  let jobs: JobQueue;
  beforeAll(async () => {
    store = await EmbeddedStore.open({ dataDir: dir, quadBudget: 100_000, engines: 1, queryTimeoutMs: 10_000, maxResultBytes: 1_000_000 });
    jobs = new JobQueue(join(dir, 'jobs.sqlite'));
  });
  afterAll(async () => {
    jobs.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the job succeeded with its summary and the failure as a warning', async () => {
    const file = join(dir, 'chabon.mrc');
    copyFileSync(new URL('../../fixtures/catalog/marc4j-chabon.mrc', import.meta.url), file);
    const ran: string[] = [];
    const steps = [
      {
        name: 'subjectLinks',
        run: async () => {
          ran.push('subjectLinks');
          throw new LibkgError('QUERY_TIMEOUT', 'the query ran longer than 30 s');
        },
      },
      {
        name: 'after',
        run: async () => {
          ran.push('after');
          return { ok: true };
        },
      },
    ];
    const input = { file, name: 'chabon.mrc', strict: false, baseIri: BASE, maxInflatedBytes: 1 << 30, maxTokenBytes: 1 << 20 };
    const job = jobs.submit('import', {}, 'bytes', (progress, signal) => runImportJob(store, input, progress, signal, steps));
    await jobs.idle();
    const done = jobs.get(job.id);
    expect(done?.state).toBe('succeeded');
    expect(done?.error).toBeUndefined();
    expect(done?.result).toMatchObject({
      read: 2,
      written: 2,
      rejected: 0,
      warnings: [{ step: 'subjectLinks', code: 'QUERY_TIMEOUT', detail: 'the query ran longer than 30 s' }],
      after: { ok: true },
    });
    // A failing step does not stop the next one.
    expect(ran).toEqual(['subjectLinks', 'after']);
    expect(store.listGraphs().filter((g) => g.iri.includes('/graph/catalog/')).length).toBe(2);
  });

  it('keeps the summary when the import itself fails', async () => {
    const file = join(dir, 'strict.ttl');
    writeFileSync(file, '<http://ex.org/a> <http://ex.org/p> .');
    const input = { file, name: 'strict.ttl', strict: true, baseIri: BASE, maxInflatedBytes: 1 << 30, maxTokenBytes: 1 << 20 };
    const job = jobs.submit('import', {}, 'bytes', (progress, signal) => runImportJob(store, input, progress, signal, []));
    await jobs.idle();
    const done = jobs.get(job.id);
    expect(done).toMatchObject({ state: 'failed', error: { code: 'RECORD_REJECTED' }, result: { read: 1, written: 0, rejected: 1 } });
  });
});
