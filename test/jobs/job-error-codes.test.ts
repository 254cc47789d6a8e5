/** Job errors carry catalogue codes only (docs/errors.md): a foreign `code` is INTERNAL, a job cut off by a stop is INTERRUPTED. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ERRORS, LibkgError } from '../../src/errors.js';
import { JobQueue } from '../../src/jobs/jobs.js';

const dir = mkdtempSync(join(tmpdir(), 'libkg-job-codes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a failed job’s error code', () => {
  it('is the LibkgError’s own code, and INTERNAL for a Node or library error with a code of its own', async () => {
    const jobs = new JobQueue(join(dir, 'a.sqlite'));
    const ours = jobs.submit('t', {}, 'items', async () => {
      throw new LibkgError('QUOTA_EXCEEDED', 'full');
    });
    const foreign = jobs.submit('t', {}, 'items', async () => {
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    });
    await jobs.idle();
    expect(jobs.get(ours.id)?.error).toEqual({ code: 'QUOTA_EXCEEDED', detail: 'full' });
    expect(jobs.get(foreign.id)?.error).toEqual({ code: 'INTERNAL', detail: 'no such file' });
    jobs.close();
  });

  it('is INTERRUPTED, a catalogue code, for a job that was running when the server stopped', async () => {
    const path = join(dir, 'b.sqlite');
    const first = new JobQueue(path);
    const job = first.submit('t', {}, 'items', () => new Promise(() => {}));
    await new Promise((r) => setTimeout(r, 50));
    expect(first.get(job.id)?.state).toBe('running');
    first.close();
    const again = new JobQueue(path);
    const after = again.get(job.id);
    expect(after).toMatchObject({ state: 'failed', error: { code: 'INTERRUPTED' } });
    expect(Object.hasOwn(ERRORS, after?.error?.code as string)).toBe(true);
    again.close();
  });
});
